"""Score the sentences of the top passages against the question: how much of it they cover, whether they
hold the asked kind of fact, and which sentence after them may finish their thought."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.analysis import text_terms
from assistant.citations import fold
from assistant.compose import WORDED_NUMBERS, holds, introduces_list, with_remarks
from assistant.footnotes import SUPERSCRIPTS, marker
from assistant.lexical import LexicalIndex
from assistant.models import Passage
from assistant.safety import looks_like_instruction
from assistant.support import (
    Anchor,
    Concept,
    anchored,
    coverage,
    question_concepts,
    subject,
    without_frame,
)
from ingest.models import Chunk
from ingest.segment import is_column_header, sentence_spans, table_row

# A sentence that does not name what the question names ("Proneo", "Skills+"), in itself, its heading or its
# section, is about something else, whatever the question asks (dev: facts .863 -> .871; extra: one hit@1 lost).
UNANCHORED = 0.8
TYPED_BONUS = 0.2  # measured on dev: 0.15-0.3 alike, 0.1 drops sentences holding the figure
# In a follow-up ("Hvilke av dem falt fra etter trinn 1?") the earlier question only says what "dem" is: a
# sentence must match the user's new words, so they count this much of the coverage on their own.
FOLLOW_UP_SHARE = 0.5
# Sentences before a sentence that count as its context (measured on dev and extra: 1 a little worse, 3 alike).
LEAD_IN = 2
_TOC_LINE = re.compile(r"(?:\bs\.|\bp\.|\bpage|\.{3,})\s*\d{1,3}\s*$", re.IGNORECASE)
# A list number or a table cell number alone on its line ("12.", "b)") carries nothing to quote.
_NUMBERING = re.compile(r"^\s*(\d{1,3}|[a-z])[.)]?\s*$")
# "Funding sources: Internal, County Council": a labelled line of a form states its value without a full stop.
_LABELLED = re.compile(r"^\s*[A-ZÆØÅ][\w /&-]{2,40}:\s+\S")

# A question asking why is answered by a sentence giving a cause ("because they are not eligible", "fordi det
# fremstod naturlig", "Årsaken var ..."): such sentences get REASON_BONUS.
REASON_BONUS = 0.1  # measured on dev, extra and probes: 0.1 one more cited answer, 0.2 one more and one fewer
_WHY = re.compile(r"\b(why|hvorfor|how\s+come|what\s+(?:is|was|are|were)\s+the\s+(?:main\s+)?reasons?|"
                  r"what\s+(?:is|was)\s+behind|hva\s+(?:er|var)\s+(?:grunnen|årsaken)|hva\s+skyld(?:es|tes))\b",
                  re.IGNORECASE)
_CAUSE = re.compile(r"\b(because|due\s+to|owing\s+to|as\s+a\s+result|the\s+reasons?|therefore|fordi|ettersom|"
                    r"på\s+grunn\s+av|grunnet|derfor|årsak\w*|grunnen|skyldes|skyldtes)\b", re.IGNORECASE)

# "How many new jobs ...?", "hvor mange bedrifter ...": what is counted. A sentence holds the asked count only when it
# says what the count is of (in itself or its context): "Bedriftene betalte 12 000 kr" holds no number of jobs.
# "What average satisfaction score ...?": the score is what is measured; "Den gav en høy score" states none.
_COUNTED = re.compile(r"\b(?:how\s+many|hvor\s+mange|antall|number\s+of)\s+(?:(?:new|nye|more|flere|of\s+the|av\s+de)\s+)?"
                      r"([^\W\d_]{3,})|\b(?:what|which|hva|hvilken)\s+(?:average\s+|gjennomsnittlig\s+)?(?:[^\W\d_]+\s+)?"
                      r"(score|rating|karakter)\b", re.IGNORECASE)
# Words after "how many" that name a unit, not a thing the sentence must name ("how many hours": "10 t").
_UNIT_WORDS = frozenset({"hours", "timer", "timers", "days", "dager", "weeks", "uker", "months", "måneder", "mnd",
                         "years", "år", "percent", "prosent", "kroner", "kr", "nok", "euro", "euros", "eur", "times",
                         "ganger", "million", "millions", "millioner", "mill", "mrd"})

_LABEL_END = re.compile(r"\b(trinn|stage|step|steg|fase|phase)\s*\d+\.\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """What the question asks for: the kind of fact, its unit, the numbers it gives itself, and the names the
    fact must be stated about."""

    kind: str | None
    unit: str | None
    given: frozenset[str]
    anchors: tuple[Anchor, ...]
    # The bounds the question puts on what it counts ("færre enn fem ansatte", "more than 50 employees"), as digits: a
    # figure for another bound ("96 % har under 20 ansatte") is about something else.
    bounds: frozenset[str] = frozenset()
    # The names (each its words) standing in another part of a question asking two things than the asked figure:
    # the figure is about one of them ("what did the students build for Otretek, and how much faster was it?").
    # Empty: the figure is about all the anchors.
    some: tuple[tuple[Anchor, ...], ...] = ()


_NUMBER = "\\d+(?:[ .\u00a0\u202f]\\d{3})*"
# "over two years", "under en samling", "more than 100 000 kroner": a span of time or a sum, not a bound on the things
# counted.
_SPAN = (r"(?:years?|år|months?|måneder|mnd|weeks?|uker|days?|dager|hours?|timer|times|ganger|periods?|perioder|"
         r"rounds?|runder|samlinger|workshops?|kr|kroner|nok|euros?|eur|prosent|percent|per|mill\w*|million\w*)\b")
_BOUND = re.compile(r"\b(?:(?:færre|mindre|flere|mer|fewer|less|more)\s+(?:enn|than)|under|over|above|below|minst|"
                    rf"at\s+least)\s+({_NUMBER}|{'|'.join(WORDED_NUMBERS)})\s+(?!{_SPAN})[^\W\d_]{{3,}}",
                    re.IGNORECASE)


def bounds_of(question: str) -> frozenset[str]:
    """The numbers the question bounds what it counts by ("færre enn fem ansatte" -> {"5"})."""
    return frozenset(WORDED_NUMBERS.get(m.group(1).lower(), re.sub(r"\D", "", m.group(1)))
                     for m in _BOUND.finditer(question))


def states_bounds(fact: Fact, text: str) -> bool:
    """Whether the text states every bound of the question, in digits or in words."""
    if not fact.bounds:
        return True
    stated = {re.sub(r"\D", "", n) for n in re.findall(_NUMBER, text)}
    stated |= {WORDED_NUMBERS[w] for w in re.findall(r"[^\W\d_]+", text.lower()) if w in WORDED_NUMBERS}
    return fact.bounds <= stated


@dataclass(frozen=True)
class Candidate:
    passage_rank: int
    passage: Passage
    start: int
    end: int
    score: float
    coverage: float
    typed: bool
    stray: bool = False  # states a fact of the asked kind, but not about the names the question gives
    subject: float = 0.0  # coverage of the question's subject alone (without "what did it cost", "how many")
    measure: float = 0.0  # coverage of the subject's plain words alone (what is counted: "omsetningen", "tilskudd")
    placed: float = 0.0  # coverage of the subject by the sentence, its heading and its section, at full weight


def is_fragment(sentence: str) -> bool:
    text = sentence.strip()
    return text[-1:] not in ".!?:»\"”)" and len(text.split()) < 10


# Words that point back to the sentence before ("derfor", "dette", "this meant"), among a sentence's first words.
_BACK = re.compile(rf"^[^\w{SUPERSCRIPTS}]*(?:(?:\w+\W+){{0,3}}?(?:derfor|dermed|dette|disse|this|these|therefore|"
                   r"thus|hence|consequently)\b"
                   # "Det gav rom for ...", "It meant that ...": a sentence opening on "it" and what it caused.
                   # "Det tilsvarer ca 23 % av ...", "That corresponds to ...": what the figure before amounts to.
                   r"|(?:det|it|that)\s+(?:ga|gav|førte|gjorde|medførte|betydde|resulterte|innebar|skyldtes|tilsvarer|"
                   r"tilsvarte|utgjør|utgjorde|meant|led|resulted|allowed|made|caused|gave|corresponds|equals|"
                   r"represents|amounts)\b"
                   r"|(?:i\s+tillegg|in\s+addition|dessuten|moreover|furthermore)\b)", re.IGNORECASE)


def refers_back(sentence: str) -> bool:
    """Whether the sentence leans on the one before it for what it speaks of or why."""
    return bool(_BACK.match(sentence))


def ends_on_label(sentence: str) -> bool:
    """Whether the sentence ends on a numbered label ("... av Trinn 2."): the segmenter may have taken the
    label's number for a full stop and cut off what follows it."""
    return bool(_LABEL_END.search(sentence))


@functools.lru_cache(maxsize=16384)
def quotable(unit: str) -> bool:
    return not (len(unit) < 25 or looks_like_instruction(unit) or _TOC_LINE.search(unit))


@functools.lru_cache(maxsize=4096)
def units_of(text: str) -> tuple[tuple[int, int], ...]:
    """A chunk's sentence spans, a bracketed remark joined to the sentence before it on its line (compose.with_remarks;
    cached: every search scores its top passages' sentences, and the same passages come back for many questions)."""
    return tuple(with_remarks(text, sentence_spans(text)))


@functools.lru_cache(maxsize=16384)
def chunk_terms_of(text: str, language: str) -> frozenset[str]:
    return frozenset(text_terms(text, language=language))


def _scoped(concepts: list[Concept], found: frozenset[str], scope: frozenset[str]) -> frozenset[str]:
    """`found` plus the terms of the names the sentence's own heading gives: a sentence under "5.6 Thams
    Innovasjon" or "EVI ski" is about that company whether or not it repeats the name."""
    names = [c.terms & scope for c in concepts if c.kind == "name"]
    return found.union(*names) if names else found


def score_sentences(question: str, passages: list[Passage], lexical: LexicalIndex, fact: Fact, *,
                    asked: str | None = None, footnotes=None, before=None) -> list[Candidate]:
    """Every quotable sentence of the passages with its score; `asked` is the user's own words when the
    question is a follow-up made standalone; `footnotes(chunk)` the words each footnote marker in the chunk
    follows in the main text (a footnote is about them); `before(chunk)` the chunk before it in its document."""
    concepts = without_frame(question_concepts(question, lexical), fact.kind)
    own = without_frame(question_concepts(asked, lexical), fact.kind) if asked and asked != question else None
    if own is not None and {c.terms for c in own} == {c.terms for c in concepts}:
        own = None

    def cover(terms: frozenset[str], concepts=concepts, own=own) -> float:
        whole = coverage(concepts, terms)
        return whole if own is None else (1 - FOLLOW_UP_SHARE) * whole + FOLLOW_UP_SHARE * coverage(own, terms)

    def plain(cs: list[Concept] | None) -> list[Concept] | None:
        return None if cs is None else [c for c in cs if c.kind == "word"] or cs

    about_concepts = subject(concepts, fact.kind)
    about_own = subject(own, fact.kind) if own is not None else None
    measured, measured_own = plain(about_concepts), plain(about_own)
    why = bool(_WHY.search(asked or question))
    counted = _counted(asked or question, concepts) if fact.kind == "number" else None

    out = []
    for rank, p in enumerate(passages):
        chunk = p.chunk
        context = chunk_terms_of(f"{chunk.title} {chunk.section}", chunk.language)
        where = f"{chunk.title} {chunk.section}"
        sections = chunk.section.split(" > ")
        headings = {fold(h).lower() for h in sections}
        units = units_of(chunk.text)
        previous = functools.cache(lambda chunk=chunk: before(chunk) if before is not None else None)
        for i, (start, end) in enumerate(units):
            sentence, intro = chunk.text[start:end], ""
            found = chunk_terms_of(sentence, chunk.language)
            if fold(sentence).lower() in headings:
                # A heading that matches stands for its section: score it with the sentence after it,
                # and quote that sentence (which brings its list when it introduces one).
                if i + 1 >= len(units):
                    continue
                start, end = units[i + 1]
                sentence = chunk.text[start:end]
                found = found | chunk_terms_of(sentence, chunk.language)
            elif footnotes is not None and (mark := marker(sentence)) and (about_note := footnotes(chunk).get(mark)):
                # "⁸ Den fungerte ikke som ønsket": the footnote is about the words its marker follows.
                found = found | chunk_terms_of(about_note, chunk.language)
            elif labels := column_labels(chunk.text, units, i):
                # A PDF table row is read with its column labels, as a DOCX row carries them ("Tema: Landbruk").
                found = found | chunk_terms_of(chunk.text[labels[0] : labels[1]], chunk.language)
            elif carried := carried_labels(chunk, units, i, previous):  # the chunk before is looked up only for a row
                found = found | chunk_terms_of(carried[0].text[carried[1] : carried[2]], chunk.language)
            elif introducing := intro_of(chunk.text, units, i):
                # "Støtten som går til NH og INK vil da utgjøre: / 4,5 mill - 300.000 = 4.2 mill": the line is what the
                # sentence introducing it says it is, and about what it names.
                intro = chunk.text[introducing[0] : introducing[1]]
                found = found | chunk_terms_of(intro, chunk.language)
            elif i and (label := label_before(chunk.text, units[i - 1], start)):
                # "Trinn 0: Mobilisering. Her blir bedriftene invitert ...": the sentence is about its label.
                found = found | chunk_terms_of(label, chunk.language)
                start = units[i - 1][0]
                sentence = chunk.text[start:end]
            if not quotable(sentence):
                continue
            heading = f"{table_intro(chunk.text, units, i)} {heading_before(chunk.text, units, i)}".strip()
            headed = chunk_terms_of(f"{sections[-1]} {heading}", chunk.language)
            found = _scoped(concepts, found, headed)
            cov = cover(found)
            with_context = found | context
            in_context = max(0.0, cover(with_context) - cov)
            # The sentences before it in its paragraph count as its context too, for ranking only: "Nådde vi 400
            # småbedrifter? Både ja og nei. Vi registrerte 113 på Trinn 1" answers a question about companies.
            leading = lead_in(chunk.text, units, i, start)
            lead = [chunk_terms_of(unit, chunk.language) for unit in leading]
            led = max(0.0, cover(with_context.union(*lead)) - cov) if lead else in_context
            holding = bool(fact.kind) and holds(sentence, fact.kind, unit=fact.unit, given=fact.given)
            if holding and counted is not None:
                holding = any(c.said_by(with_context.union(*lead) | headed) > 0 for c in counted)
            placed_text = f"{where} {heading} {intro} {sentence}"
            about = names_all(fact, placed_text) and states_bounds(fact, placed_text)
            if not about and fact.kind is None and leading and not any(map(table_row, [sentence, *leading])):
                # A reason or a description goes on about what its paragraph named: "Det ble lagt opp til at
                # Innovasjon Norge skulle finansiere 50 %. Dette ville imidlertid føre til ..." (a figure or a date
                # must be stated with its names, where another's may stand before it; a table's rows are apart).
                about = names_all(fact, " ".join([placed_text, *leading]))
            typed = holding and about
            base = cov + 0.25 * led + 0.1 / (1 + rank)
            if is_fragment(sentence) and not typed:
                base *= 0.6  # a table header or a cut line says little on its own (a row stating the asked figure does)
            if not about:
                base *= UNANCHORED
            score = base + (TYPED_BONUS if typed else 0.0)  # prefer sentences holding the asked fact
            if why and _CAUSE.search(sentence):
                score += REASON_BONUS
            sub = cover(found, about_concepts, about_own)
            sub += 0.25 * max(0.0, cover(with_context, about_concepts, about_own) - sub)
            measure = cover(with_context, measured, measured_own)  # "Costs:" under "ACTION 2" is about action 2
            placed = cover(with_context | headed, about_concepts, about_own)
            out.append(Candidate(rank, p, start, end, score, min(1.0, cov + 0.25 * in_context), typed,
                                 stray=holding and not about, subject=min(1.0, sub), measure=measure,
                                 placed=placed))
    return out


def _counted(question: str, concepts: list[Concept]) -> list[Concept] | None:
    """The concepts a count question counts ("jobs" in "how many new jobs"; "people" and "companies" in "how many
    people and how many companies"), when the question names them."""
    counted = []
    for m in _COUNTED.finditer(question):
        word = m.group(m.lastindex).lower()
        if word in _UNIT_WORDS:
            return None  # "how many hours": a unit, written "10 t" beside the figure, not a thing counted
        counted += [c for c in concepts if c.kind == "word" and c.word.lower().split()[0] == word][:1]
    return counted or None


def names_all(fact: Fact, text: str) -> bool:
    """Whether the text names every name the asked fact must be stated about."""
    if fact.some:
        return any(all(anchored(a, text) for a in name) for name in fact.some)
    return all(anchored(a, text) for a in fact.anchors)


def lead_in(text: str, units: list[tuple[int, int]], i: int, start: int) -> list[str]:
    """The LEAD_IN units before unit i (which starts at `start`), within its paragraph, in order."""
    out: list[str] = []
    for a, b in reversed(units[max(0, i - LEAD_IN) : i]):
        if a >= start:
            continue  # a label quoted with the sentence
        if "\n\n" in text[b:start]:
            break
        out.insert(0, text[a:b])
    return out


def intro_of(text: str, units: Sequence[tuple[int, int]], i: int) -> tuple[int, int] | None:
    """The unit before units[i] when it introduces it (ends on ":") and units[i] is a line, not a sentence; else None."""
    if not i or not is_fragment(text[units[i][0] : units[i][1]]):
        return None
    before = units[i - 1]
    return before if introduces_list(text[before[0] : before[1]]) else None


def label_before(text: str, unit: tuple[int, int], start: int) -> str:
    """The unit before a sentence when it is the sentence's label, on the same line ("Trinn 0: Mobilisering."
    before "Her blir bedriftene invitert ..."): a few words naming a thing, too short to quote alone; or ""."""
    label = text[unit[0] : unit[1]].strip()
    if "\n" in text[unit[1] : start] or quotable(label) or _NUMBERING.match(label):
        return ""
    return label if ":" in label and len(label.split()) <= 5 else ""


def heading_before(text: str, units: list[tuple[int, int]], i: int, *, back: int = 3) -> str:
    """The heading-like line (short, no closing full stop) a few units above unit i, or "": a fact stated
    under "Kunst&Kaos (Kultur)" is about Kunst&Kaos even when the sentence does not name it, while a name in
    an earlier sentence may be about something else."""
    for s, e in reversed(units[max(0, i - back) : i]):
        unit = text[s:e].strip()
        if len(unit) <= 60 and unit[-1:] not in ".!?:;,":
            return unit
    return ""


def column_labels(text: str, units: Sequence[tuple[int, int]], i: int, *, rows: int = 12) -> tuple[int, int] | None:
    """The line of column labels above the table row units[i] ("Næringshage/Inkubator Tema Beskrivelse Deltakere*
    Bedrifter*" over "Proneo Landbruk ... matproduksjon. 18 14"), walked back over the rows between; None for a
    unit that is no row ending in figures, or when other text comes first."""
    start, end = units[i]
    if not table_row(text[start:end]):
        return None
    found = _labels_above(text, units[max(0, i - rows) : i])
    return found if isinstance(found, tuple) else None


def _labels_above(text: str, units: Sequence[tuple[int, int]]) -> tuple[int, int] | bool:
    """The column labels line ending a run of table rows `units` (read upwards): its span; True when the units are
    rows up to their first (the table began before them), False when other text comes first."""
    for s, e in reversed(units):
        unit = text[s:e]
        if "\n" not in unit and is_column_header(unit):
            return s, e
        if not table_row(unit):
            return False
    return True


def carried_labels(chunk: Chunk, units: Sequence[tuple[int, int]], i: int, before,
                   *, rows: int = 12) -> tuple[Chunk, int, int] | None:
    """The column labels of the table row units[i] when the table began in the chunk before it, `before()` (the
    chunker split it: "Tindved Kulturhage Kulturnæring ... 13 10" with "Deltakere* Bedrifter*" a chunk up), as (that
    chunk, start, end); None when the row's own chunk has them or other text comes first."""
    start, end = units[i]
    if i >= rows or not table_row(chunk.text[start:end]) or _labels_above(chunk.text, units[:i]) is not True:
        return None
    previous = before()
    if previous is None or previous.section != chunk.section:
        return None
    found = _labels_above(previous.text, units_of(previous.text)[-(rows - i):])
    return (previous, *found) if isinstance(found, tuple) else None


def table_intro(text: str, units: list[tuple[int, int]], i: int, *, rows: int = 12) -> str:
    """The line introducing the run of table rows that unit i ends ("Årsoppgjør 2024:" above "Tilsagn 4 500 000,00",
    "Utbetalt fra tilsagnet -2 068 334,00"), or "": walked back over rows only, one per line, each stating a figure;
    a line of any other kind ("Budsjett 2025", a sentence, a blank line) ends the run."""
    start, end = units[i]
    if "\n" not in text[max(0, start - 3) : start + 1] or not _row(text[start:end].strip()):
        return ""  # a line that does not start a line of its own, or a sentence: no row
    for s, e in reversed(units[max(0, i - rows) : i]):
        between = text[e:start]
        if "\n" not in between or "\n\n" in between:
            return ""
        unit = text[s:e].strip()
        if unit.endswith(":") and len(unit) <= 40:
            return unit
        if not _row(unit):
            return ""
        start = s
    return ""


def _row(line: str) -> bool:
    """Whether a line reads as a table row: short, not a sentence, stating a figure (the costlier check last)."""
    return len(line) <= 60 and line[-1:] not in ".!?;," and holds(line, "number")


# A name alone in quotes after the sentence describing it ("... droner og fly. «Green Flyway»."): too short to quote on
# its own, it finishes the sentence before.
_QUOTED_NAME = re.compile(r"^\s*[«\"“][^«»\"“”\n]{2,60}[»\"”]\s*[.!]?\s*$")


def names_it(unit: str) -> bool:
    """Whether the unit is only a name in quotes, naming what the sentence before it describes."""
    return bool(_QUOTED_NAME.match(unit))


def next_unit(text: str, end: int) -> tuple[int, int] | None:
    """The unit after text[:end] that may finish its thought: a full sentence, a labelled line ("Funding
    sources: Internal") or a name in quotes («Green Flyway».), past a bare list number; None for a heading, a cut line
    or an instruction."""
    for s, e in with_remarks(text, sentence_spans(text, end))[:2]:
        unit = text[s:e]
        if _NUMBERING.match(unit):
            continue
        if names_it(unit) and "\n\n" not in text[end:s] and not looks_like_instruction(unit):
            return s, e
        if not quotable(unit) or (is_fragment(unit) and not _LABELLED.match(unit)):
            return None
        return s, e
    return None
