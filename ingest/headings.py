"""Find headings in cleaned page text: bookmark titles placed by position, and numbered section lines."""

from __future__ import annotations

import re

from ingest.models import Heading, Page

# "5.1 Følgende basiskrav ...", "2.1.6 Finansiering, ...", "1.0 Innledning", "3.  Players involved".
# The dot is required and numbers are short so that amounts ("400 bedrifter") and dates do not match.
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+([A-ZÆØÅÄÖÜÉ«\"'(].{1,150})$")
# Table-of-contents lines end in a page reference; they are not where the section starts.
_TOC_LINE = re.compile(r"(\bs\.\s*\d+|\.{3,}\s*\d+|\s\d+)$")


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each kept character its offset in the original."""
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in index), index


def find_at_line_start(text: str, title: str, *, start: int = 0) -> tuple[int, str] | None:
    """Offset of `title` at a line start in `text`, ignoring whitespace, and the title as the text spells it."""
    needle, _ = _compact(title)
    if not needle:
        return None
    compact, index = _compact(text)
    pos = compact.find(needle)
    while pos != -1:
        offset = index[pos]
        line_start = text.rfind("\n", 0, offset) + 1
        if offset >= start and not text[line_start:offset].strip():
            end = index[pos + len(needle) - 1] + 1
            return offset, " ".join(text[offset:end].split())
        pos = compact.find(needle, pos + 1)
    return None


def numbered_level(number: str) -> int:
    """"2.1.6" is level 3; "1.0" is a chapter, level 1."""
    parts = number.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return len(parts)


def numbered_headings(pages: list[Page]) -> list[Heading]:
    """Lines that start with a dotted section number, for PDFs without bookmarks."""
    found = []
    for page in pages:
        offset = 0
        for line in page.text.split("\n"):
            match = _NUMBERED.match(line.strip())
            has_dot = match and ("." in match[1] or line.strip()[len(match[1]):].startswith("."))
            if match and has_dot and not _TOC_LINE.search(line.strip()):
                title = " ".join(line.split())
                found.append(Heading(title, numbered_level(match[1]), page.number, offset + line.find(line.strip())))
            offset += len(line) + 1
    return found
