"""What kind of fact a question asks for, whether a sentence holds one, and where a list a sentence
introduces continues."""

from __future__ import annotations

import re

from ingest.segment import sentence_spans

_NUMBER_Q = re.compile(r"\b(how\s+(much|many|large|big|long|high)|what\s+(share|percentage|amount|sum|rate)|"
                       r"hvor\s+(mye|mange|stor|store|lang|høy)|hvilken\s+(andel|sum|sats)|hva\s+kostet|"
                       r"beløp|amount|maximum|minimum|prosent|percent|andel|budsjett\w*|budget\w*|cost|kost\w*|"
                       r"rate|sats|pris|price)\b", re.I)
_WHEN_Q = re.compile(r"\b(when|what\s+year|når|hvilket\s+år|dato|date|deadline|frist)\b", re.I)
_NAME_Q = re.compile(r"\b(hva\s+heter|what\s+is\s+the\s+name|who\s+is|who\s+was|hvem\s+er|hvem\s+var|"
                     r"contact\s+person|kontaktperson|named?)\b", re.I)
# The documents describe a finished programme; a question about the present or the future (this year's
# deadline, the next meeting, today's rate) is not settled by them even when the topic is.
_CURRENT_Q = re.compile(r"\b(this\s+year|next|upcoming|current(ly)?|today|nowadays|"
                        r"i\s+år|neste|kommende|nåværende|gjeldende|for\s+tiden|i\s+dag)\b",
                        re.I)

_YEAR = re.compile(r"\b(19|20)\d\d\b")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec)[a-z]*\.?\b|"
                    r"\b(høst|vår|sommer|vinter|autumn|spring|summer|winter|fall)\w*\b|\d{1,2}\.\d{1,2}\.", re.I)
_AMOUNT = re.compile(r"\d+(?:[ ,.]\d+)*\s*(%|prosent|percent|kr|nok|eur|€|mill|mio|t\b|timer|hours)|"
                     r"(kr|nok|eur|€)\s*\d|\b(?!(?:19|20)\d\d\b)\d+\b", re.I)
_NAME = re.compile(r"(?<=[\w,;(]\s)[A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ][a-zæøåé]+)+")


def asked_type(question: str) -> str | None:
    """"name", "when", "number" or None (reasons, descriptions, lists)."""
    if _NAME_Q.search(question):
        return "name"
    if _WHEN_Q.search(question):
        return "when"
    if _NUMBER_Q.search(question):
        return "number"
    return None


def asks_current(question: str) -> bool:
    return bool(_CURRENT_Q.search(question))


def holds(sentence: str, kind: str | None) -> bool:
    """Whether the sentence holds a fact of the asked kind (a year or month for "when", a figure (not a
    year) for "number", a two-word proper name for "name")."""
    if kind == "when":
        return bool(_YEAR.search(sentence) or _MONTH.search(sentence))
    if kind == "number":
        return bool(_AMOUNT.search(sentence))
    if kind == "name":
        return bool(_NAME.search(sentence))
    return True


def introduces_list(sentence: str) -> bool:
    return sentence.rstrip().endswith(":")


_ITEM = re.compile(r"^\s*(?:[-•*–·▪]|\d{1,2}[.)]|[a-z][.)])\s*\S")


def list_lines(text: str, start: int, *, limit: int = 12) -> tuple[list[tuple[int, int]], bool]:
    """Spans of the list items (numbered, lettered or bulleted units) that follow text[start:], and whether
    the list may go on past the text's end. Wrapped item lines stay one item; the list ends at the first
    unit that is not an item."""
    spans: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, start):
        if not _ITEM.match(text[s:e]):
            return spans, False
        spans.append((s, e))
        if len(spans) >= limit:
            return spans, False
    return spans, bool(spans)
