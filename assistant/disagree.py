"""Where the sources disagree: sentences that state different figures for the same asked thing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.compose import figure_class, figure_has_unit, figures
from ingest.segment import table_row

# Counted amounts written in words ("mer enn hundre bedrifter"): a figure too when a count is asked.
_WORDED = re.compile(r"\b(?:(?:mer\s+enn|over|nesten|nærmere|ca\.?|omkring|more\s+than|nearly|almost|about|"
                     r"around)\s+)?(?:hundre|hundred|tusen|thousand|dusin|dozen)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_WINDOW = 4  # words either side of a figure that say what it counts
# A figure for a part ("13 deltok kun på samtalen", "of which 5") is not a rival to the figure for the whole.
_NARROWING = frozenset({"kun", "bare", "only", "just", "hvorav", "herav", "which", "whom", "derav", "minst", "least",
                        "maksimum", "maximum", "minimum", "opptil", "inntil", "up"})


@dataclass(frozen=True)
class Stated:
    """The one figure of the asked unit a sentence states about the question's subject, and the question
    terms next to it (what the figure is a figure of)."""

    figure: str
    about: frozenset[str]
    unit: str = ""  # "percent", "currency" or "" (a bare count): 50 % is no rival to 12 000 kr


def _window(sentence: str, start: int, end: int, bounds: Sequence[tuple[int, int]]) -> str:
    """The words around sentence[start:end], stopping at the neighbouring figures."""
    left = max((e for s, e in bounds if e <= start), default=0)
    right = min((s for s, e in bounds if s >= end), default=len(sentence))
    before = _WORD.findall(sentence[left:start])[-_WINDOW:]
    after = _WORD.findall(sentence[end:right])[:_WINDOW]
    return " ".join(before + after)


def stated(sentence: str, *, unit: str | None, given: frozenset[str],
           terms_of: Callable[[str], frozenset[str]], asked: frozenset[str]) -> Stated | None:
    """The figure a sentence gives for what is asked, or None when it gives none or several (a table row with a
    column per year says nothing comparable on its own) or a figure for a part ("kun", "of which"). `asked` are
    the question's distinctive terms (what a figure must be next to); `terms_of` analyses text into terms."""
    if table_row(sentence):
        return None  # a table row's figures stand in columns whose labels it does not carry
    spans = {}
    for number, before, after, start in figures(sentence, given=given, with_start=True):
        if unit == "count" and (figure_has_unit(number, before, after, "duration")
                                or figure_class(number, before, after) == "currency"):
            continue  # "4 timers introkurs", "450 000 NOK": no rival count of companies
        if figure_has_unit(number, before, after, unit):
            tail = re.match(r"\s*(%|prosent|percent)", after)
            spans[(start, start + len(number) + (tail.end() if tail else 0))] = figure_class(number, before, after)
    if unit in (None, "count"):
        spans.update({m.span(): "" for m in _WORDED.finditer(sentence)})
    bounds = sorted(spans)
    found = []
    for start, end in bounds:
        window = _window(sentence, start, end, bounds)
        if _NARROWING & set(window.lower().split()):
            return None
        about = terms_of(window) & asked
        if about:
            found.append(Stated(sentence[start:end].strip(), about, spans[(start, end)]))
    distinct = {_key(s.figure) for s in found}
    return found[0] if len(distinct) == 1 else None


def _key(figure: str) -> str:
    return re.sub(r"[\s.,]", "", figure.lower())


def disagreeing(statements: Sequence[Stated | None]) -> list[int]:
    """Indexes of the statements to show side by side: the first statement of each distinct figure, when at
    least two figures are given for the same thing (their neighbouring question terms overlap); else []."""
    first: dict[str, int] = {}
    for i, s in enumerate(statements):
        if s is not None:
            first.setdefault(_key(s.figure), i)
    if len(first) < 2:
        return []
    picks = list(first.values())
    lead = statements[picks[0]]
    same = [i for i in picks if statements[i].about & lead.about and statements[i].unit == lead.unit]
    return same if len(same) >= 2 else []
