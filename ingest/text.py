"""Read plain text, Markdown and HTML: decode safely, find headings, render tables like DOCX."""

from __future__ import annotations

import codecs

from bs4 import BeautifulSoup, NavigableString, Tag
from charset_normalizer import from_bytes
from markdown_it import MarkdownIt

from ingest.clean import normalise, strip_running_lines
from ingest.docx import assemble
from ingest.errors import EmptyFileError, UnsupportedFileError
from ingest.models import Heading, Limits, LoadedDocument, Page

MEDIA_TYPES = {"plain": "text/plain", "markdown": "text/markdown", "html": "text/html"}
_DROP = ("script", "style", "nav", "noscript", "template", "head", "svg", "iframe")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = {"p", "pre", "blockquote", "li", "dt", "dd", "caption", "figcaption", "address"}


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text and warnings. UTF-8 first (BOM or not); otherwise detect, and say which encoding we fell back to."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise UnsupportedFileError("not text in any encoding we can detect (binary content?)")
    # Short Norwegian text fits many single-byte code pages equally well (cp1250 would turn ø into ř).
    # Our documents are Norwegian and English, so among equally good guesses Windows-1252 wins.
    tied = [m for m in results if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01]
    best = tied[0] if tied else best
    return str(best), [f"not UTF-8: decoded as {best.encoding} (detected)"]


def markdown_headings(text: str) -> list[Heading]:
    """ATX and setext headings, placed at the start of their source line in `text`."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    tokens = MarkdownIt("commonmark").parse(text)
    headings = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map and i + 1 < len(tokens):
            title = " ".join(tokens[i + 1].content.split())
            if title:
                headings.append(Heading(title, int(token.tag[1]), 1, starts[token.map[0]]))
    return headings


def _cells(row: Tag) -> list[tuple[str, int]]:
    cells = []
    for cell in row.find_all(("td", "th"), recursive=False):
        try:
            span = max(1, min(int(cell.get("colspan", 1)), 100))
        except ValueError:
            span = 1
        cells.append((" ".join(cell.get_text(" ").split()), span))
    return cells


def html_blocks(node: Tag) -> list[tuple[str, object]]:
    """Headings, paragraphs, list items and tables in document order, as `assemble` takes them."""
    blocks: list[tuple[str, object]] = []
    loose: list[str] = []

    def flush() -> None:
        text = normalise(" ".join(" ".join(loose).split()))
        if text:
            blocks.append(("para", text))
        loose.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _HEADINGS or name == "table" or name in _PARAGRAPHS:
            flush()
        if name in _HEADINGS:
            text = " ".join(child.get_text(" ").split())
            if text:
                blocks.append(("heading", (text, _HEADINGS[name])))
        elif name == "table":
            rows = [_cells(tr) for tr in child.find_all("tr") if tr.find_parent("table") is child]
            blocks.append(("table", rows))
        elif name in _PARAGRAPHS and not child.find(("table", *_HEADINGS, "p", "li")):
            text = " ".join(child.get_text(" ").split())
            if text:
                blocks.append(("para", f"- {text}" if name == "li" else text))
        elif name == "br":
            loose.append("\n")
        elif child.find(True) is None and name not in ("div", "section", "article", "main", "body"):
            loose.append(child.get_text(" "))  # inline element: part of the surrounding sentence
        else:
            flush()
            blocks += html_blocks(child)
    flush()
    return blocks


def _load_html(text: str) -> tuple[str, str, list[Heading], list]:
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(" ").strip() if soup.title else ""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    body, headings, tables = assemble(html_blocks(soup.body or soup), [])
    return " ".join(title.split()), body, headings, tables


def load_text(data: bytes, *, kind: str, limits: Limits) -> LoadedDocument:
    """`kind` is "plain", "markdown" or "html" (sniffed by `load`). Identity fields are left for `load`."""
    text, warnings = decode(data)
    title, headings, tables = "", [], []
    if kind == "html":
        title, body, headings, tables = _load_html(text)
        pages = [Page(1, body)]
    elif kind == "markdown":
        body = normalise(text)
        pages, headings = [Page(1, body)], markdown_headings(body)
    else:
        # A form feed is the plain-text page break (pdftotext writes one per page).
        parts = text.split("\f")
        if len(parts) > 1 and not parts[-1].strip():
            parts.pop()  # the form feed that ends the last page
        pages = strip_running_lines([Page(n, t) for n, t in enumerate(parts, start=1)])
    if not any(p.text.strip() for p in pages):
        if kind != "html":
            raise EmptyFileError("file holds no text (only whitespace)")
        warnings.append("no extractable text")
    return LoadedDocument(
        doc_id="", path="", title=title, pages=pages, media_type=MEDIA_TYPES[kind], sha256="",
        headings=headings, tables=tables, warnings=warnings,
    )
