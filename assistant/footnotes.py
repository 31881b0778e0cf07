"""Footnotes: a footnote's text ("⁸ Den fungerte ikke som ønsket ...") is about the words its marker follows in the
main text ("... å gjennomføre 1 bærekraftworkshop⁸"), which PDF text puts at the foot of the page, chunks away."""

from __future__ import annotations

import re

from ingest.models import Chunk

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_BODY = re.compile(rf"(?m)^[ \t]*([{SUPERSCRIPTS}]+)[ \t]+\S")
_WORD = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*")
WORDS_BEFORE = 4  # the words before a marker that say what the footnote is about ("1 bærekraftworkshop")
LOOK_BACK = 4  # chunks before the footnote's own where its marker may stand (measured: at most 3 in the corpus)


def marker(sentence: str) -> str:
    """The footnote marker a footnote's text opens with, or ""."""
    found = _BODY.match(sentence)
    return found.group(1) if found else ""


def anchors(chunks: list[Chunk]) -> dict[str, dict[str, str]]:
    """Per chunk holding footnote texts, per marker, the words the marker follows in the main text: in the chunk
    before the footnote, or in the LOOK_BACK chunks before it in the document. `chunks` are in document order."""
    out: dict[str, dict[str, str]] = {}
    for i, chunk in enumerate(chunks):
        for body in _BODY.finditer(chunk.text):
            mark = body.group(1)
            earlier = [c for c in chunks[max(0, i - LOOK_BACK) : i] if c.doc_id == chunk.doc_id]
            places = [chunk.text[: body.start()], *(c.text for c in reversed(earlier))]
            words = next((w for text in places if (w := _words_before(text, mark))), "")
            if words:
                out.setdefault(chunk.id, {})[mark] = words
    return out


def _words_before(text: str, mark: str) -> str:
    """The words before the last use of `mark` as a marker in `text` (right after a word or a closing bracket,
    and not the start of a longer marker: "¹" is not "¹⁰"), or ""."""
    found = None
    for m in re.finditer(rf"(?<![{SUPERSCRIPTS}])(?<=[\w)»\"”])({re.escape(mark)})(?![{SUPERSCRIPTS}])", text):
        found = m
    if found is None:
        return ""
    return " ".join(_WORD.findall(text[max(0, found.start() - 120) : found.start()])[-WORDS_BEFORE:])


# A marker standing on a word in the main text ("Trøndelag¹", "bærekraftworkshop⁸"), not opening a footnote.
_MARK = re.compile(rf"(?:(?<=[^\W\d_{SUPERSCRIPTS}]{{3}})|(?<=[)»\"”]))([{SUPERSCRIPTS}]+)(?![{SUPERSCRIPTS}])")  # not "m²"


def markers_in(sentence: str) -> list[str]:
    """The footnote markers a sentence of the main text carries, in order."""
    return list(dict.fromkeys(m.group(1) for m in _MARK.finditer(sentence)))


def bodies(chunks: list[Chunk]) -> dict[tuple[str, str], tuple[str, int, int]]:
    """Per (document, marker), where its footnote's text stands: (chunk id, start, end of its line), the first
    place it is found in document order."""
    out: dict[tuple[str, str], tuple[str, int, int]] = {}
    for chunk in chunks:
        for body in _BODY.finditer(chunk.text):
            end = chunk.text.find("\n", body.end())
            out.setdefault((chunk.doc_id, body.group(1)), (chunk.id, body.start(), len(chunk.text) if end < 0 else end))
    return out
