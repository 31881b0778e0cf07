"""What the documents cannot settle: questions about the present or a later year (this year's deadline, today's
rate, the next meeting, the 2026 budget), which a finished programme's documents never answer."""

from __future__ import annotations

import re

from assistant.compose import NEXT_STAGE, asks_current

_DEADLINE = re.compile(r"\b(\w*frist\w*|deadlines?|apply\s+by|søke\s+innen)\b", re.IGNORECASE)
_RATE = re.compile(r"\b(\w*sats\w*|rates?|\w*pris\w*|price\w*|fees?|\w*avgift\w*|beløp\w*|amounts?|\w*budsjett\w*|"
                   r"budget\w*|støtte\w*|grants?|tilskudd\w*|hvor\s+mye|how\s+much|maks\w*|max\w*|cost\w*|kost\w*)\b", re.IGNORECASE)
_EVENT = re.compile(r"\b(møte\w*|meetings?|samling\w*|workshops?|runde\w*|rounds?|utlysning\w*|calls?|arrangement\w*|"
                    r"events?|kurs\w*|courses?|neste|next|kommende|upcoming)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")
_PAST = re.compile(r"\b(var|ble|skulle|hadde|fikk|was|were|did|had)\b", re.IGNORECASE)
_TIME_WORD = re.compile(r"år|året|year|years|today|now|nå|current\w*|nåværende|gjeldende|dagens|i dag|this|next|neste|"
                        r"kommende|upcoming", re.IGNORECASE)

TOPICS = {
    "nb": {"deadline": "gjeldende søknadsfrister", "rate": "dagens satser og beløp",
           "event": "kommende møter, runder eller aktiviteter", "year": "hva som gjelder i {year}",
           "today": "hva som gjelder i dag"},
    "en": {"deadline": "current application deadlines", "rate": "current rates or amounts",
           "event": "upcoming meetings, rounds or activities", "year": "what applies in {year}",
           "today": "what applies today"},
}


def unsettled(question: str, *, kind: str | None, missing: list[str]) -> tuple[str, str] | None:
    """(topic, year) when the question asks for something time-bound the documents cannot know: a current or
    coming deadline, rate, amount or event, or anything in a year the documents never mention; else None."""
    # The time words themselves ("søknadsfrist", "year") may be absent from the documents: that is the point.
    missing = [w for w in missing if not any(p.fullmatch(w) for p in (_DEADLINE, _RATE, _EVENT, _TIME_WORD))]
    years = [w for w in missing if _YEAR.match(w)]
    if missing and len(years) == len(missing):
        return "year", years[0]
    if missing:
        return None
    # "The next stage" is a stage of the programme as it ran ("what changed for the next step?"), but a figure or
    # a date asked for it ("how much can we get in the next phase?") is one the documents cannot know.
    # Asked in the past tense ("når skulle de neste trinnene kjøres?", "what did the next phase cost?"), it is the
    # programme as it ran.
    current = asks_current(question) or (kind in ("number", "when") and bool(NEXT_STAGE.search(question))
                                         and not _PAST.search(question))
    if _DEADLINE.search(question) and (current or kind == "when"):
        return "deadline", ""
    if not current:
        return None
    if _RATE.search(question):
        return "rate", ""
    if _EVENT.search(question) and kind in ("when", "number", None):
        return "event", ""
    return ("today", "") if kind in ("when", "number") else None


# Questions on the terms of a fund: who may apply, caps, shares, fees, what must be delivered.
_TERMS = re.compile(r"\b(tilskudd\w*|støtte\w*|\w*midl(?:er|ene)|bio|regut|søke|søker|søknad\w*|finansier\w*|"
                    r"egenandel\w*|\w*avgift\w*|kursavgift\w*|grants?|funds?|funding|subsid\w*|apply|applicants?|"
                    r"applications?|eligib\w*|qualif\w*|fees?|co-?financ\w*|own\s+contribution)\b", re.IGNORECASE)


def asks_terms(question: str) -> bool:
    """Whether the question is about a fund's terms (eligibility, caps, shares, fees), which may have changed
    since the documents were written."""
    return bool(_TERMS.search(question))


def newest_year(dates: list[str | None]) -> str:
    """The year of the newest dated source, or ""."""
    years = [d[:4] for d in dates if d and d[:4].isdigit()]
    return max(years, default="")
