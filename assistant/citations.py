"""Citations as data: locate a quote in the stored page text, verify it, and read `[n]` markers back."""

from __future__ import annotations

import re

from assistant.models import Citation
from ingest.models import Chunk

_MARKER = re.compile(r"\[(\d{1,3})\]")


def fold(text: str) -> str:
    """Whitespace folded to single spaces: how a quote is shown, and how it is compared."""
    return " ".join(text.split())


def locate(chunk: Chunk, start: int, end: int, pages: list[str]) -> tuple[int, int, int] | None:
    """Where chunk.text[start:end] sits in the stored pages: (page number, start, end) within that page.

    Chunk text is the pages from (page_start, char_start) joined by newlines; a span that runs onto the
    next page is cut at the page end (the quote then shows its first part only).
    """
    page, offset = chunk.page_start, chunk.char_start
    while True:
        if page - 1 >= len(pages):
            return None
        room = len(pages[page - 1]) - offset
        if start <= room:
            s = offset + start
            e = offset + min(end, room)
            return (page, s, e) if e > s else None
        start -= room + 1
        end -= room + 1
        page, offset = page + 1, 0


def make_citation(n: int, chunk: Chunk, start: int, end: int, pages: list[str], *, score: float) -> Citation | None:
    """A citation of chunk.text[start:end], or None when the text is not verbatim in the stored page."""
    where = locate(chunk, start, end, pages)
    if where is None:
        return None
    page, s, e = where
    quote = fold(pages[page - 1][s:e])
    if not quote or not fold(chunk.text[start:end]).startswith(quote):
        return None
    return Citation(n=n, doc_id=chunk.doc_id, title=chunk.title, page=page, section=chunk.section,
                    quote=quote, char_start=s, char_end=e, score=round(score, 4))


def make_citations(n: int, chunk: Chunk, start: int, end: int, pages: list[str], *, score: float) -> list[Citation]:
    """Citations of chunk.text[start:end] numbered from n, one per page the span runs over, so a sentence cut by
    a page break is quoted whole; empty when its first part is not verbatim in the stored page."""
    out: list[Citation] = []
    while start < end:
        where = locate(chunk, start, end, pages)
        c = make_citation(n + len(out), chunk, start, end, pages, score=score)
        if where is None or c is None:
            break
        out.append(c)
        # The page's part ends where the page does; the rest follows the newline that joins the pages.
        start += where[2] - where[1] + 1
        while start < end and chunk.text[start].isspace():
            start += 1
    return out


def verify(citation: Citation, pages: list[str]) -> bool:
    """The quote really is the stored page text at the citation's span."""
    if not 1 <= citation.page <= len(pages):
        return False
    return fold(pages[citation.page - 1][citation.char_start : citation.char_end]) == citation.quote


def markers(text: str) -> list[int]:
    """The distinct `[n]` markers in an answer, in order of first use."""
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        if n not in seen:
            seen.append(n)
    return seen


def cited(text: str, citations: list[Citation]) -> list[Citation]:
    """The citations an answer's markers refer to, in marker order; markers with no citation are dropped."""
    by_n = {c.n: c for c in citations}
    return [by_n[n] for n in markers(text) if n in by_n]
