"""Read a PDF into cleaned pages, outline headings and repair warnings, within the configured limits."""

from __future__ import annotations

import io
import logging
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError
from pypdf.generic import StreamObject

from ingest.clean import strip_running_lines
from ingest.errors import CorruptFileError, EncryptedFileError, LimitExceededError
from ingest.headings import find_at_line_start, numbered_headings
from ingest.models import Heading, Limits, LoadedDocument, Page

NO_TEXT = "no extractable text; OCR needed"
MAX_REPAIR_NOTES = 5
# The integrity sweep decodes streams nobody else reads; past this many objects it costs more than it tells.
MAX_SWEPT_OBJECTS = 5000
_IMAGE_FILTERS = {"/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode"}


class _Collect(logging.Handler):
    """Keeps this thread's pypdf warnings, so they become document warnings instead of log spam."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and len(self.messages) < 1000:
            self.messages.append(record.getMessage())


@contextmanager
def _pypdf_warnings() -> Iterator[_Collect]:
    logger = logging.getLogger("pypdf")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # a hostile file can log thousands of lines
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield handler
        handler.messages.extend(str(w.message) for w in caught[:100])
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _repair_notes(messages: list[str]) -> list[str]:
    unique = list(dict.fromkeys(m.strip() for m in messages if m.strip()))
    notes = [f"PDF repaired: {m}" for m in unique[:MAX_REPAIR_NOTES]]
    if len(unique) > MAX_REPAIR_NOTES:
        notes.append(f"PDF repaired: {len(unique) - MAX_REPAIR_NOTES} more problems")
    return notes


def _open(data: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(data), strict=False)
    # pypdf already tries the empty password while opening; many PDFs are "encrypted" with one.
    if reader.is_encrypted and not reader.decrypt(""):
        raise EncryptedFileError("password-protected PDF; no password available")
    return reader


def _sweep_streams(reader: PdfReader) -> list[str]:
    """Decode the non-image streams that text extraction may never touch, to report damage in them."""
    problems = []
    ids = [(num, gen) for gen, nums in reader.xref.items() for num in nums][:MAX_SWEPT_OBJECTS]
    for num, gen in ids:
        try:
            obj = reader.get_object(num) if gen == 0 else None
            if not isinstance(obj, StreamObject) or obj.get("/Subtype") == "/Image":
                continue
            filters = obj.get("/Filter")
            names = set(filters) if isinstance(filters, list) else {filters}
            if names & _IMAGE_FILTERS:
                continue
            obj.get_data()
        except (PyPdfError, ValueError, RecursionError, OSError) as exc:
            problems.append(f"damaged stream in object {num}: {exc}")
    return problems


def _outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, level, page index) for every bookmark, in document order."""
    found: list[tuple[str, int, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            page = reader.get_destination_page_number(item)
            if item.title and page is not None and page >= 0:
                found.append((str(item.title), level, page))

    walk(reader.outline, 1)
    return found


def outline_headings(pages: list[Page], outline: list[tuple[str, int, int]]) -> list[Heading]:
    """Place bookmarks in the cleaned text. Bookmark titles lose spaces, so matching ignores whitespace."""
    headings: list[Heading] = []
    after = {}  # page index -> offset of the last heading placed there, so repeated titles go in order
    for title, level, index in outline:
        for i in (index, index + 1):  # a bookmark may point at the page before a heading at a page top
            if i >= len(pages):
                break
            hit = find_at_line_start(pages[i].text, title, start=after.get(i, 0))
            if hit:
                offset, text = hit
                after[i] = offset + 1
                headings.append(Heading(text, level, pages[i].number, offset))
                break
    return headings


def pdf_date(value: object) -> str | None:
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(value or ""))
    if not match or not ("01" <= match[2] <= "12" and "01" <= match[3] <= "31"):
        return None
    return f"{match[1]}-{match[2]}-{match[3]}"


def _read(data: bytes, limits: Limits) -> tuple[PdfReader, list[str], list[str]]:
    reader = _open(data)
    count = len(reader.pages)
    if count > limits.max_pages:
        raise LimitExceededError(f"PDF has {count} pages, over the limit of {limits.max_pages} pages")
    texts, notes = [], []
    for number, page in enumerate(reader.pages, start=1):
        try:
            texts.append(page.extract_text() or "")
        except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
            texts.append("")
            notes.append(f"page {number}: text could not be extracted ({type(exc).__name__})")
    if count and len(notes) == count:
        raise CorruptFileError(f"damaged PDF: no page could be read ({notes[0]})")
    return reader, texts, notes + _sweep_streams(reader)


def load_pdf(data: bytes, *, limits: Limits) -> LoadedDocument:
    """Pages, headings, title and date of a PDF; identity fields are left for `load` to fill."""
    try:
        with _pypdf_warnings() as logged:
            reader, texts, notes = _read(data, limits)
            try:
                info = reader.metadata or {}
                outline = _outline(reader)
            except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
                # The text is what matters; a broken Info dict or outline only costs title and headings.
                info, outline = {}, []
                notes.append(f"PDF metadata or bookmarks unreadable ({type(exc).__name__})")
    except FileNotDecryptedError as exc:
        raise EncryptedFileError("password-protected PDF; no password available") from exc
    except DependencyError as exc:
        # Without the 'cryptography' package pypdf cannot even try the empty password on AES files.
        raise EncryptedFileError(
            "encrypted PDF (AES): no password available, and AES support ('cryptography') is not installed"
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise CorruptFileError(f"damaged or truncated PDF ({type(exc).__name__}: {exc})") from exc
    except RecursionError as exc:
        raise CorruptFileError("damaged PDF: structure nested too deeply to read") from exc
    pages = strip_running_lines([Page(n, t) for n, t in enumerate(texts, start=1)])
    headings = outline_headings(pages, outline) if outline else numbered_headings(pages)
    warnings_ = _repair_notes(logged.messages) + notes
    if not any(p.text.strip() for p in pages):
        warnings_.append(NO_TEXT)
    return LoadedDocument(
        doc_id="", path="", title=str(info.get("/Title") or "").strip(), pages=pages,
        media_type="application/pdf", sha256="", date=pdf_date(info.get("/CreationDate")),
        headings=headings, warnings=warnings_,
    )
