"""Normalise page text and strip running headers and footers that repeat across pages."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ingest.models import Page

# How many non-blank lines at each end of a page may hold a running header or footer.
EDGE_LINES = 3

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Page-number furniture is safe to drop from a page edge even when there is only one page to compare.
_PAGE_MARK = re.compile(r"^(?:(?:page|side|s\.)\s*\d+(?:\s*(?:of|av|/)\s*\d+)?|\d+\s*/\s*\d+)$", re.IGNORECASE)


def normalise(text: str) -> str:
    """NFC, no trailing spaces, at most one blank line in a row, no blank lines at either end.

    Line breaks are kept: chunk and heading offsets refer to this exact text.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def line_key(line: str) -> str:
    """What a running line looks like with its page number taken out ("Page 3 of 6" -> "Page # of #")."""
    return _SPACES.sub(" ", _DIGITS.sub("#", line)).strip()


def _edges(lines: list[str]) -> dict[int, str]:
    """Index -> "top" or "bottom" for the non-blank lines where running headers and footers sit."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges = {i: "bottom" for i in filled[-EDGE_LINES:]}
    edges.update({i: "top" for i in filled[:EDGE_LINES]})
    return edges


def running_keys(pages: list[Page]) -> set[tuple[str, str]]:
    """(edge, key) of lines that recur at the same edge of more than half of the pages (and at least two)."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        lines = page.text.split("\n")
        seen.update({(edge, line_key(lines[i])) for i, edge in _edges(lines).items()})
    return {key for key, count in seen.items() if key[1] and count >= 2 and count * 2 > len(pages)}


def strip_running_lines(pages: list[Page]) -> list[Page]:
    """Normalise every page and drop its running header/footer lines. Only edge lines are ever removed."""
    pages = [Page(p.number, normalise(p.text)) for p in pages]
    keys = running_keys(pages)
    cleaned = []
    for page in pages:
        lines = page.text.split("\n")
        drop = {
            i for i, edge in _edges(lines).items()
            if (edge, line_key(lines[i])) in keys or _PAGE_MARK.match(lines[i].strip())
        }
        kept = "\n".join(line for i, line in enumerate(lines) if i not in drop)
        cleaned.append(Page(page.number, normalise(kept)))
    return cleaned
