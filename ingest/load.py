"""Load one file: check its size, sniff its type from content, dispatch to a loader, fill in metadata."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from pathlib import Path

from ingest.docx import load_docx
from ingest.errors import EmptyFileError, IngestError, LimitExceededError, UnsupportedFileError
from ingest.models import Limits, LoadedDocument
from ingest.pdf import load_pdf
from ingest.text import load_text

SUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"})
SIDECAR = "metadata.json"
SIDECAR_FIELDS = ("title", "doc_type", "language", "date")
MAX_SIDECAR_BYTES = 1024 * 1024
_LANGUAGES = {"en": "en", "no": "nb", "nb": "nb", "nn": "nb", "da": "nb"}
# Magic bytes of things people drop in a documents folder that we cannot read; named so the error says what it is.
_FOREIGN = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"), (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"\x7fELF", "an executable"), (b"MZ", "an executable"),
]
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sniff(data: bytes, suffix: str) -> str:
    """"pdf", "docx", "html", "markdown" or "plain", from the content; the suffix only tells Markdown from text."""
    if b"%PDF-" in data[:1024]:  # the header may sit after some junk bytes
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # the DOCX loader rejects ZIPs that are not DOCX
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            raise UnsupportedFileError(f"content is {what}, not a supported document (magic {magic!r})")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFileError("content is binary, not a supported document type")
    if _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "html"
    return "markdown" if suffix.lower() in (".md", ".markdown") else "plain"


def slug(stem: str) -> str:
    """A stable id from a file name: lowercase [a-z0-9-], Norwegian letters spelled out."""
    text = stem.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "document"


@functools.cache
def _identifier():
    # Loading the model takes most of a second; it is a fixed table, so build it once, on first use.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(["da", "en", "nn", "no"])  # the model has no "nb"
    return identifier


def detect_language(text: str) -> str:
    """"nb" or "en" (Danish and Nynorsk count as Norwegian here); "und" when there is too little text."""
    sample = text[:20_000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "und"
    return _LANGUAGES.get(_identifier().classify(sample)[0], "und")


def sidecar(path: Path) -> tuple[dict, list[str]]:
    """This file's entry in metadata.json beside it, and warnings if that file is unusable."""
    side = path.parent / SIDECAR
    if not side.is_file():
        return {}, []
    if side.stat().st_size > MAX_SIDECAR_BYTES:
        return {}, [f"{SIDECAR} ignored: larger than {MAX_SIDECAR_BYTES} bytes"]
    try:
        entry = json.loads(side.read_text(encoding="utf-8")).get(path.name, {})
    except (ValueError, AttributeError, UnicodeDecodeError) as exc:
        return {}, [f"{SIDECAR} ignored: {exc}"]
    if not isinstance(entry, dict):
        return {}, [f"{SIDECAR} entry for {path.name} ignored: not an object"]
    fields = {k: entry[k] for k in SIDECAR_FIELDS if k in entry}
    if fields.get("date") is not None and not _DATE.match(str(fields["date"])):
        return {k: v for k, v in fields.items() if k != "date"}, [f"{SIDECAR} date ignored: not YYYY-MM-DD"]
    return fields, []


def _read(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise LimitExceededError(f"file is {size} bytes, over the limit of {limits.max_file_bytes} bytes")
        with path.open("rb") as f:
            # Bounded even if the file grows meanwhile; not read(cap) outright, which allocates the whole cap.
            data = f.read(size + 1)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > limits.max_file_bytes:
        raise LimitExceededError(f"file is over the limit of {limits.max_file_bytes} bytes")
    if not data:
        raise EmptyFileError("empty file (0 bytes)")
    return data


def load(path: Path, *, limits: Limits = Limits(), doc_id: str | None = None) -> LoadedDocument:
    """Read one file into a LoadedDocument, or raise an IngestError whose message is the reason."""
    path = Path(path)
    data = _read(path, limits)
    kind = sniff(data, path.suffix)
    if kind == "pdf":
        doc = load_pdf(data, limits=limits)
    elif kind == "docx":
        doc = load_docx(data, limits=limits)
    else:
        doc = load_text(data, kind=kind, limits=limits)
    if doc.char_count > limits.max_chars:
        raise LimitExceededError(f"document has {doc.char_count} characters, over the limit of {limits.max_chars}")
    doc.doc_id = doc_id or slug(path.stem)
    doc.path = str(path)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.title = doc.title or (doc.headings[0].title if doc.headings else path.stem)
    doc.language = detect_language("\n".join(p.text for p in doc.pages))
    overrides, notes = sidecar(path)
    for name, value in overrides.items():
        setattr(doc, name, value)
    doc.warnings += notes
    return doc
