"""Cut a loaded document into section-aware chunks whose text is an exact slice of the page text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ingest.catalog import short_version
from ingest.models import Chunk, Heading, LoadedDocument
from ingest.segment import sentence_spans


@dataclass(frozen=True)
class _Flat:
    """The document's pages joined by a newline, with where each page starts."""

    text: str
    starts: list[int]

    def locate(self, offset: int) -> tuple[int, int]:
        """(page index, offset within that page) of a flat offset."""
        i = max(0, bisect_right(self.starts, offset) - 1)
        return i, offset - self.starts[i]


def chunk(doc: LoadedDocument, *, size: int = 900, overlap: int = 150, min_section: int = 200) -> list[Chunk]:
    """Pack whole sentences into chunks of about `size` characters, never across a section heading,
    carrying up to `overlap` characters of trailing sentences into the next chunk. A section shorter than
    `min_section` (a heading and a line) joins the next one rather than standing as a tiny chunk."""
    if overlap >= size:
        raise ValueError("overlap must be smaller than size")
    flat = _flatten(doc)
    heads = _heading_offsets(doc, flat)
    bounds = [0]
    for off in sorted({off for off, _ in heads} | {len(flat.text)}):
        if off - bounds[-1] >= min_section or off == len(flat.text):
            bounds.append(off)
    if len(bounds) > 2 and bounds[-1] - bounds[-2] < min_section:
        bounds.pop(-2)  # a short last section joins the one before
    chunks: list[Chunk] = []
    for a, b in zip(bounds, bounds[1:]):
        units = sentence_spans(flat.text, a, b)
        for start, end in _pack(units, size=size, overlap=overlap):
            chunks.append(_make(doc, flat, heads, start, end, position=len(chunks)))
    return chunks


def section_path(heads: list[tuple[int, Heading]], offset: int) -> str:
    """The headings in force at `offset`, outermost first: "2.0 Oppstart > 2.1.6 Finansiering"."""
    stack: list[Heading] = []
    for off, h in heads:
        if off > offset:
            break
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
    return " > ".join(" ".join(h.title.split()) for h in stack)


def _section_anchor(heads: list[tuple[int, Heading]], start: int, end: int, text: str) -> int:
    """Name a chunk after the deepest of the bare headings it opens with (merged short sections start
    with a heading line and nothing under it); a heading after body text does not name the chunk."""
    anchor, pos = start, start
    for off, _ in heads:
        if off < start:
            continue
        if off >= end or text[pos:off].strip():
            break
        anchor = off
        line_end = text.find("\n", off, end)
        pos = end if line_end == -1 else line_end
    return anchor


def _flatten(doc: LoadedDocument) -> _Flat:
    starts, pos = [], 0
    for page in doc.pages:
        starts.append(pos)
        pos += len(page.text) + 1
    return _Flat("\n".join(p.text for p in doc.pages), starts or [0])


def _heading_offsets(doc: LoadedDocument, flat: _Flat) -> list[tuple[int, Heading]]:
    numbers = [p.number for p in doc.pages]
    out = []
    for h in doc.headings:
        if h.page in numbers:
            out.append((flat.starts[numbers.index(h.page)] + h.offset, h))
    return sorted(out, key=lambda x: (x[0], x[1].level))


def _pack(units: list[tuple[int, int]], *, size: int, overlap: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= size:
            j += 1
        spans.append((units[i][0], units[j][1]))
        if j + 1 >= len(units):
            break
        # Step back over trailing sentences that fit in the overlap, but always move forward.
        k = j + 1
        while k - 1 > i and units[j][1] - units[k - 1][0] <= overlap:
            k -= 1
        i = k
    return spans


def _make(doc: LoadedDocument, flat: _Flat, heads, start: int, end: int, *, position: int) -> Chunk:
    p0, c0 = flat.locate(start)
    p1, c1 = flat.locate(end - 1)
    return Chunk(
        id=f"{doc.doc_id}:{short_version(doc.sha256, 12)}:{position:04d}",  # "+r2" of a re-read file: no collision
        doc_id=doc.doc_id,
        position=position,
        text=flat.text[start:end],
        title=doc.title,
        section=section_path(heads, _section_anchor(heads, start, end, flat.text)),
        page_start=doc.pages[p0].number,
        page_end=doc.pages[p1].number,
        char_start=c0,
        char_end=c1 + 1,
        doc_type=doc.doc_type,
        language=doc.language,
        date=doc.date,
    )
