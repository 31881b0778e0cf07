"""Split page text into sentence-like units, as character spans, without changing a character."""

from __future__ import annotations

import re

# Words that end in a full stop without ending a sentence (bokmål and English, as the corpus writes them).
_ABBREVIATIONS = frozenset(
    """ca pr mill mrd kr nr stk inkl ekskl maks maksimum min dvs evt bl.a f.eks mht osv jf ref tlf mr mrs dr prof
    phd e.g i.e etc vs no st fig tab s kap jan feb mar apr jun jul aug sep sept okt nov des dec""".split()
)
_END = re.compile(r"""[.!?]["»”')\]]*(?=\s)""")
_BULLET = re.compile(r"^\s*(?:[•▪◦●■☐☒\-–—*]\s|\(?[a-zæøå0-9]{1,2}[.)]\s|\d+(?:\.\d+)*\.?\s+\S)", re.I)
_MAX_UNIT = 600
# Words a number follows as their label ("Trinn 2", "side 14", "kr 600 000"): a line ending on one continues on
# the next line's number, which starts no list item ("... og 3 Prosjekt. Trinn\n2 og 3 ble slått sammen").
_TAKES_NUMBER = re.compile(r"\b(trinn|stage|step|steg|fase|phase|nivå|level|kapittel|chapter|side|page|punkt|"
                           r"tabell|table|figur|figure|vedlegg|annex|action|nr|kr|nok|eur|euro|industri|industry)$",
                           re.IGNORECASE)
# Prepositions, conjunctions and articles: a line ending on one is cut mid-phrase ("Antall deltakere/bedrifter i\n
# Trinn 1"), whatever the next line starts with.
_OPEN_END = re.compile(r"(?<![\w-])((?-i:i|a)|på|av|for|og|eller|med|til|om|fra|ved|etter|mot|under|over|som|at|en|et|"
                       r"ei|the|of|in|on|and|or|to|for|with|from|by|at|an)$", re.IGNORECASE)  # "Vedlegg I" is a title

# A number wrapped inside its thousands groups ("ca NOK 1 849\n000 på konto"): the next line's leading group
# continues it and starts no list item.
_GROUP_END = re.compile(r"(?:^|[\s(])\d{1,3}(?:[ \u00a0]\d{3})*$")
_GROUP_START = re.compile(r"\d{3}(?![\d.,])")

# A table row as plain PDF text gives it: the cells' words wrapped over a few short lines, then its figures at the
# end of the last line ("Proneo Landbruk Sirkulærøkonomi/digitalisering i\nmatproduksjon.\n18 14"). A figure is a
# number with an optional sign and footnote or plus mark; a bare three-digit group after a number continues it.
_FIGURE = re.compile(r"[-+\u2212]?\d+(?:[.,]\d+)*[*+%]*")  # "000." ends a sentence, not a row
_GROUP = re.compile(r"\d{3}(?:,\d+)?")
_GROUP_LEAD = re.compile(r"[-+\u2212]?\d{1,3}")  # "1" of "1 849"
_ROW_LINES = 8  # a row's cells wrap over at most this many lines
_CELL_LINE = 75  # a longer line is running text, not a table cell


def trailing_figures(line: str) -> tuple[int, bool]:
    """How many figures end the line or unit (a number split into thousands groups counts once), and whether it holds
    nothing else."""
    tokens, count = line.split(), 0
    while tokens and _FIGURE.fullmatch(tokens[-1]):
        last = tokens.pop()
        if _GROUP.fullmatch(last) and tokens and _GROUP_LEAD.fullmatch(tokens[-1]):
            tokens.pop()
        count += 1
    return count, not tokens


def table_row(unit: str) -> bool:
    """Whether a unit or line ends as a table row does: in two or more figures ("... matproduksjon. 18 14")."""
    return trailing_figures(unit)[0] >= 2


def is_column_header(line: str) -> bool:
    """Column labels on one line: three or more capitalised words, no figures, no closing full stop."""
    tokens = line.split()
    return len(tokens) >= 3 and all(t[0].isupper() for t in tokens) and not line.endswith(".")


def _row_cuts(text: str, start: int, end: int, cuts: set[int]) -> None:
    """Make each table row one unit: from its first cell line to the line its two or more figures end."""
    lines, pos = [], start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        lines.append((pos, stop))
        pos = stop + 1
    stripped = [text[a:b].strip() for a, b in lines]
    for i, line in enumerate(stripped):
        figures, bare = trailing_figures(line)
        if figures < 2 or (not bare and len(line) > _CELL_LINE):
            continue  # a long line ending in two numbers is running text ("i januar 2025 15\nandre ...")
        first = i
        while bare and first > 0 and i - first < _ROW_LINES:
            prev = stripped[first - 1]
            if not prev or len(prev) > _CELL_LINE or " | " in prev or table_row(prev) or is_column_header(prev):
                break
            first -= 1
        row_start, row_end = lines[first][0], lines[i][1]
        cuts.difference_update({c for c in cuts if row_start < c < row_end})
        cuts.add(row_end)
        if bare:
            cuts.add(row_start)
            if first > 0 and is_column_header(stripped[first - 1]):
                cuts.add(lines[first - 1][0])  # the labels stand alone, not glued to a caption


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in text[start:end], trimmed of surrounding whitespace, in order.

    PDF text wraps lines mid-sentence, so a newline alone is not a boundary; it is one when the next line
    starts a list item or heading, when the line is a table row (" | "), or when a short line without a
    closing full stop (a title) is followed by a capitalised line.
    """
    end = len(text) if end is None else end
    cuts = {start, end}
    for m in _END.finditer(text, start, end):
        following = text[m.end() : m.end() + 3].lstrip()[:1]
        # A full stop followed by a lower-case word ends an abbreviation, not a sentence.
        if following.islower() and "\n" not in text[m.end() : m.end() + 2]:
            continue
        if not _is_abbreviation(text, m.start()):
            cuts.add(m.end())
    # Judge each line break on whole lines, even when the span starts or ends mid-line.
    nl = text.find("\n", start, end)
    while nl != -1:
        line_start = text.rfind("\n", 0, nl) + 1
        next_end = text.find("\n", nl + 1)
        if _line_break_is_boundary(text[line_start:nl], text[nl + 1 : next_end if next_end != -1 else len(text)]):
            cuts.add(nl + 1)
        nl = text.find("\n", nl + 1, end)
    _row_cuts(text, start, end, cuts)
    spans: list[tuple[int, int]] = []
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        spans.extend(_split_long(text, *_trim(text, a, b)))
    return [(a, b) for a, b in spans if b > a]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower()
    if token.isdigit():
        # "5. trinn" is an ordinal; "fra 7 til 5. T:lab ..." ends a sentence.
        following = text[dot + 1 : dot + 3].strip()
        return not following[:1].isupper()
    # A single letter followed by "." ("a.") opens a list item.
    return token in _ABBREVIATIONS or len(token) == 1


def _line_break_is_boundary(line: str, nxt: str) -> bool:
    stripped, following = line.strip(), nxt.strip()
    if not stripped or not following:
        return True
    if " | " in line or " | " in nxt:
        return True
    if _TAKES_NUMBER.search(stripped) and following[:1].isdigit():
        return False
    if _GROUP_END.search(stripped) and _GROUP_START.match(following):
        return False
    if _BULLET.match(following):
        return True
    if stripped.endswith(":") and stripped.count("(") <= stripped.count(")"):
        return True
    if _OPEN_END.search(stripped):
        return False  # a title never ends on "i", "og" or "the": the line runs on
    ends_open = stripped[-1] not in ".,;:-–(" and not stripped[-1].islower()
    short_title = len(stripped) < 60 and stripped[-1] not in ".,;-–" and following[:1].isupper()
    return short_title and (ends_open or len(stripped.split()) <= 6)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _split_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a run-on unit at line ends so no unit outgrows a chunk."""
    if b - a <= _MAX_UNIT:
        return [(a, b)]
    out, cur = [], a
    while b - cur > _MAX_UNIT:
        cut = text.rfind("\n", cur, cur + _MAX_UNIT)
        if cut <= cur:
            cut = text.rfind(" ", cur, cur + _MAX_UNIT)
        if cut <= cur:
            cut = cur + _MAX_UNIT
        out.append(_trim(text, cur, cut))
        cur = cut
    out.append(_trim(text, cur, b))
    return out
