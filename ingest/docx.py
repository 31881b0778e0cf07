"""Read a DOCX safely: check the ZIP before inflating, then paragraphs, lists, tables and footnotes in order."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from ingest.clean import normalise
from ingest.errors import CorruptFileError, LimitExceededError, UnsupportedFileError
from ingest.models import Heading, Limits, LoadedDocument, Page, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
# Small parts compress well for honest reasons (repeated markup); the ratio only matters when they are big.
RATIO_FLOOR_BYTES = 1024 * 1024
# No DTDs, no entities, no network: a hostile document.xml must not expand or fetch anything.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)  # style ids: Heading1, heading 2


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Reject by the sizes in the ZIP directory, before anything is inflated."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            raise LimitExceededError(
                f"decompressed size/ratio limit exceeded: {info.filename} inflates {ratio:.0f}:1 "
                f"(limit {limits.max_compression_ratio:.0f}:1)")
        if total > limits.max_decompressed_bytes:
            raise LimitExceededError(
                f"decompressed size/ratio limit exceeded: over {limits.max_decompressed_bytes} bytes "
                f"when unpacked (at {info.filename})")


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits) -> etree._Element | None:
    """Parse one XML part, reading at most the cap even if the ZIP directory lied about its size."""
    if name not in archive.namelist():
        return None
    with archive.open(name) as stream:
        data = stream.read(limits.max_decompressed_bytes + 1)
    if len(data) > limits.max_decompressed_bytes:
        raise LimitExceededError(f"decompressed size/ratio limit exceeded: {name} is larger than declared")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"corrupt DOCX: {name} is not well-formed XML ({exc})") from exc


def _is_header(row: list[tuple[str, int]]) -> bool:
    """Column labels: at least two, and none a bare amount ("8", "3 000 000"); years like "2019" are labels."""
    filled = [text for text, _ in row if text]
    return len(filled) >= 2 and all(re.search(r"[^\W\d_]", t) or re.fullmatch(r"\d{4}", t) for t in filled)


def table_lines(rows: list[list[tuple[str, int]]]) -> tuple[str, list[str]]:
    """Render (text, column span) rows as lines that each stand alone: "Header: value | Header: value".

    Returns the first header line and all lines. A header is the first row, or a later row that leaves
    the label column empty, when it looks like labels. Merged cells arrive once with their span, so they
    are not repeated; empty rows are skipped.
    """
    rows = [r for r in rows if any(text for text, _ in r)]
    first_header, labels, lines = "", [], []
    for number, row in enumerate(rows):
        if _is_header(row) and (number == 0 or not row[0][0]):
            labels = [text for text, span in row for _ in range(span)]
            line = " | ".join(text for text, _ in row if text)
            first_header = first_header or line
            lines.append(line)
            continue
        parts, col = [], 0
        for text, span in row:
            label = labels[col] if col < len(labels) and span == 1 else ""
            col += span
            if text:
                parts.append(f"{label}: {text}" if label and label != text else text)
        lines.append(" | ".join(parts))
    return first_header, lines


def _inline(element: etree._Element) -> str:
    """Text of a paragraph in reading order: runs, tabs, breaks and footnote markers."""
    out = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}footnoteReference", f"{W}noBreakHyphen"):
        tag = node.tag[len(W):]
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            out.append(" ")
        elif tag in ("br", "cr"):
            out.append("" if node.get(f"{W}type") == "page" else "\n")
        elif tag == "footnoteReference":
            out.append(_superscript(node.get(f"{W}id")))
        else:
            out.append("-")
    return normalise("".join(out))


def _table_rows(tbl: etree._Element) -> list[list[tuple[str, int]]]:
    rows, above = [], {}
    for tr in tbl.iterfind(f"{W}tr"):
        row, col = [], 0
        for tc in tr.iterfind(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val", "1")) if span_el is not None else 1
            text = " ".join(filter(None, (_inline(p) for p in tc.iter(f"{W}p"))))
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(f"{W}val") != "restart":
                text = above.get(col, "")  # a vertically merged cell repeats the value above it
            above[col] = text
            row.append((" ".join(text.split()), max(span, 1)))
            col += span
        rows.append(row)
    return rows


def _blocks(body: etree._Element) -> list[tuple[str, object]]:
    """("heading", (text, level)), ("para", text) or ("table", rows) in document order."""
    blocks: list[tuple[str, object]] = []
    for el in body:
        tag = el.tag[len(W):] if isinstance(el.tag, str) else ""
        if tag == "sdt":
            blocks += _blocks(el.find(f"{W}sdtContent") if el.find(f"{W}sdtContent") is not None else el)
        elif tag == "tbl":
            blocks.append(("table", _table_rows(el)))
        elif tag == "p":
            text = _inline(el)
            style = el.find(f"{W}pPr/{W}pStyle")
            name = style.get(f"{W}val", "") if style is not None else ""
            level = _HEADING_STYLE.match(name)
            if text and (level or name == "Title"):
                blocks.append(("heading", (text, int(level[1]) if level else 1)))
            elif text:
                listed = el.find(f"{W}pPr/{W}numPr") is not None or name.startswith("List")
                blocks.append(("para", f"- {text}" if listed else text))
    return blocks


def _footnotes(root: etree._Element | None) -> list[str]:
    if root is None:
        return []
    notes = []
    for note in root.iterfind(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(filter(None, (_inline(p) for p in note.iter(f"{W}p"))))
        if text:
            notes.append(f"{_superscript(note.get(f'{W}id'))} {text.strip()}")
    return notes


# A footnote marker is printed as the PDFs print theirs ("Trøndelag¹", "¹ Primærnæringer ..."): "[1]" in a quote
# would read as one of the answer's own citation numbers.
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _superscript(number: str | None) -> str:
    return (number or "").translate(_SUPERSCRIPT)


def assemble(blocks: list[tuple[str, object]], notes: list[str]) -> tuple[str, list[Heading], list[Table]]:
    parts, headings, tables, offset = [], [], [], 0
    for kind, value in blocks + [("para", n) for n in notes]:
        if kind == "table":
            header, lines = table_lines(value)
            if not lines:
                continue
            text = "\n".join(lines)
            tables.append(Table(1, offset, offset + len(text), header))
        elif kind == "heading":
            text, level = value
            headings.append(Heading(text, level, 1, offset))
        else:
            text = value
        parts.append(text)
        offset += len(text) + 2  # blocks are joined by one blank line
    return "\n\n".join(parts), headings, tables


def load_docx(data: bytes, *, limits: Limits) -> LoadedDocument:
    """One page of text (a DOCX has no pages); identity fields are left for `load` to fill."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, limits)
            if "word/document.xml" not in archive.namelist():
                raise UnsupportedFileError("a ZIP archive, but not a DOCX (no word/document.xml)")
            document = read_part(archive, "word/document.xml", limits)
            notes = _footnotes(read_part(archive, "word/footnotes.xml", limits))
            core = read_part(archive, "docProps/core.xml", limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise CorruptFileError(f"not a valid DOCX / corrupt ZIP ({exc})") from exc
    body = document.find(f"{W}body")
    text, headings, tables = assemble(_blocks(body) if body is not None else [], notes)
    title = core.findtext(f"{DC}title") if core is not None else None
    warnings = [] if text.strip() else ["no extractable text"]
    return LoadedDocument(
        doc_id="", path="", title=(title or "").strip(), pages=[Page(1, text)],
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        sha256="", headings=headings, tables=tables, warnings=warnings,
    )
