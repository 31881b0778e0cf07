"""Tokens and numbers: amounts, percentages and ranges written as one canonical term ("4,5 mill." -> 4500000)."""

from __future__ import annotations

import re
from typing import NamedTuple

TOKEN_RE = re.compile(
    r"(?P<num>(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*)"
    r"|(?P<sym>[%€$])"
    r"|(?P<word>[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹]+)"  # a footnote marker ("Trøndelag¹") is not part of its word
)
THOUSANDS_RE = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
DECIMAL_RE = re.compile(r"\d+[.,]\d+")
MULTIPLIERS = {
    "mill": 1e6, "million": 1e6, "millioner": 1e6, "millionen": 1e6, "millionene": 1e6, "millions": 1e6,
    "mio": 1e6, "mln": 1e6, "milliard": 1e9, "milliarder": 1e9, "milliarden": 1e9, "milliardene": 1e9, "mrd": 1e9,
    "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "tusen": 1e3, "thousand": 1e3,
}
PERCENT_WORDS = frozenset({"%", "prosent", "percent", "pct", "prosentpoeng"})
CURRENCIES = {"kr": "nok", "kroner": "nok", "krone": "nok", "nok": "nok", "€": "eur", "eur": "eur",
              "euro": "eur", "euros": "eur", "$": "usd", "usd": "usd"}
RANGE_DASHES = frozenset({"-", "–", "—"})


class Token(NamedTuple):
    kind: str  # "num", "sym" or "word"
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.lastgroup or "word", m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def number_term(tokens: list[Token], i: int, text: str) -> tuple[str, int]:
    """Canonical term for the number at tokens[i] and where to continue. In a range such as
    "10-12 000 kr" or "50-60 %" the first number borrows the second one's scale and suffix."""
    value = _number_value(tokens[i].text)
    multiplier, percent, after = _number_suffix(tokens, i + 1)
    j = i + 1
    if after == j and j < len(tokens) and tokens[j].kind == "num" and text[tokens[i].end:tokens[j].start].strip() in RANGE_DASHES:
        high = _number_value(tokens[j].text)
        multiplier, percent, _ = _number_suffix(tokens, j + 1)
        grouped = not tokens[j].text.isdigit()
        if isinstance(value, float) and isinstance(high, float) and grouped and value < 1000 <= high and high % 1000 == 0:
            while value * 1000 <= high:
                value *= 1000
    return _canonical(value, multiplier, percent), after


def figures(text: str) -> list[tuple[int, int, str]]:
    """The text's numbers as (start, end, canonical term), each span taking in its scale and percent words
    ("4,5 mill" is 4500000, "50 %" is 50%): one figure, as the documents are indexed."""
    toks = tokens(text)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        if toks[i].kind == "num":
            start = toks[i].start
            term, i = number_term(toks, i, text)
            out.append((start, toks[i - 1].end, term))
        else:
            i += 1
    return out


def _number_value(raw: str) -> float | str:
    """The value of a written number, or its normalised text when it is no amount (4.0, 2.1.6, dates)."""
    compact = re.sub(r"[ \u00a0\u202f]", "", raw)
    if compact != raw or THOUSANDS_RE.fullmatch(raw):
        return float(re.sub(r"\D", "", raw))
    if raw.isdigit():
        return float(raw)
    return raw.replace(",", ".")


def _number_suffix(tokens: list[Token], j: int) -> tuple[float, bool, int]:
    """Multiplier and percent sign after a number at tokens[j-1]; returns the index after them."""
    multiplier = 1.0
    if j < len(tokens) and tokens[j].text.lower() in MULTIPLIERS:
        multiplier = MULTIPLIERS[tokens[j].text.lower()]
        j += 1
    if j < len(tokens) and tokens[j].text.lower() in PERCENT_WORDS:
        return multiplier, True, j + 1
    if j + 1 < len(tokens) and tokens[j].text.lower() == "per" and tokens[j + 1].text.lower() == "cent":
        return multiplier, True, j + 2
    return multiplier, False, j


def _canonical(value: float | str, multiplier: float, percent: bool) -> str:
    if isinstance(value, str):
        term = str(round(float(value) * multiplier)) if multiplier != 1.0 and DECIMAL_RE.fullmatch(value) else value
    else:
        term = str(round(value * multiplier))
    return term + "%" if percent else term
