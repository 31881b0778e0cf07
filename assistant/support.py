"""How well the retrieved text supports a question: the question's concepts, which of them the corpus
never mentions, and how much of them a passage or sentence covers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.amounts import CURRENCIES, figures
from assistant.analysis import (
    concept_keys_at,
    index_terms,
    index_units,
    query_units,
    question_phrases,
    sentence_initial,
)
from assistant.concepts import ASKING, emphasis_at, phrase_renderings
from assistant.language import detect_language
from assistant.lexical import LexicalIndex, ascii_fold
from assistant.phrases import name_runs, words
from assistant.termbase import STOPWORDS, other_language

# A word, a number written with its separators ("4.0", "2/3") or a compound with a hyphen ("REGUT-midler"); words
# joined by a slash are alternatives ("pilot/feasibility study"), each read on its own.
_TOKEN = re.compile(r"[^\W_]+(?:(?:[-.:]|(?<=\d)/(?=\d))[^\W_]+)*")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_IN_CURRENCY = re.compile(r"\b(?:in|i)\s+$", re.IGNORECASE)  # "... in Norwegian kroner", "i norske kroner"
_UNSEEN = "\u0000unseen"
# A compound led by an acronym ("REGUT-midler", "BIO-midlene", "FoU-rapport"): the acronym names the thing.
_ACRONYM_COMPOUND = re.compile(r"[^\W\d_]*[A-ZÆØÅ][^\W\d_]*[A-ZÆØÅ][^\W\d_]*-[^\W\d_]")
_SHOUTED_NAME = re.compile(r"[A-ZÆØÅ]{5,}")
_PROJECT_CUE = re.compile(r"\b(?:projects?|prosjekt\w*|programmes?|program\w*|initiatives?|networks?|nettverk\w*|"
                          r"schemes?|ordning\w*|interreg|hub|clusters?|klynge\w*)\b", re.IGNORECASE)
_MIN_STEM = 4  # shorter rendering terms ("ta", "del") would find a name anywhere


@dataclass(frozen=True)
class Concept:
    """One content word of the question with every term that renders it (stems in both languages,
    termbase translations); `weight` is its rarity in the corpus."""

    word: str
    kind: str  # "number", "name" or "word"
    terms: frozenset[str]
    weight: float
    known: bool
    translated: bool
    # The groups of terms that say the concept together: one term each, except the parts of a compound (the
    # word's own or a rendering's: "egeninnsats", "introkurs"), which say it only in part when some are missing.
    units: frozenset[tuple[str, ...]] = frozenset()

    # said_by runs for every concept of every candidate sentence: the one-term units are checked as a set.
    @functools.cached_property
    def _singles(self) -> frozenset[str]:
        return frozenset(u[0] for u in self.units if len(u) == 1)

    @functools.cached_property
    def _compounds(self) -> tuple[tuple[str, ...], ...]:
        return tuple(u for u in self.units if len(u) > 1)

    def said_by(self, terms: frozenset[str] | set[str]) -> float:
        """How much of the concept `terms` say: 1 for a whole rendering, the share of its parts for some parts
        of a compound rendering ("kurs" says half of "introkurs")."""
        if self.terms.isdisjoint(terms):
            return 0.0
        if not self.units or not self._singles.isdisjoint(terms):
            return 1.0
        return max((sum(t in terms for t in unit) / len(unit) for unit in self._compounds), default=0.0)


@functools.lru_cache(maxsize=4096)
def _word_units(word: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """The word's own term groups (both languages' analyses), and those with every rendering's added."""
    own = index_units(word, language="und")
    return own, own | query_units(word)


@functools.lru_cache(maxsize=4096)
def _word_terms(word: str) -> tuple[frozenset[str], frozenset[str]]:
    own, every = _word_units(word)
    return frozenset(t for u in own for t in u), frozenset(t for u in every for t in u)


@functools.lru_cache(maxsize=4096)
def _termbase_phrases(question: str) -> tuple[tuple[tuple[tuple[int, int], ...], tuple], ...]:
    """The question's termbase phrases, each as the character spans of its words and its concepts (matched
    once per question, for search terms, concepts and anchors alike)."""
    matched, phrases = question_phrases(question, detect_language(question))
    return tuple((tuple(w.span() for w in matched[start:end]), tuple(concepts)) for start, end, concepts in phrases)


def _phrases(question: str) -> list[tuple[int, int]]:
    """The character spans of the question's multi-word termbase phrases ("dropped out", "take part"): such a
    phrase is one concept, and its words alone may mean something else ("dropped" is "avviklet")."""
    return [(spans[0][0], spans[-1][1]) for spans, _ in _termbase_phrases(question)
            # "Trinn 1" stays two concepts: the number must be in the sentence, not just any stage.
            if len(spans) > 1 and not any(question[a].isdigit() for a, _ in spans)]


@functools.lru_cache(maxsize=4096)
def _names(question: str) -> tuple[tuple[int, int], ...]:
    """The character spans of the words of the question's multi-word names ("Weld Partner") that no termbase
    phrase covers: such a word is itself, never its translation ("Weld" is not "sveisebedrift")."""
    matched = words(question)
    taken = {start for spans, _ in _termbase_phrases(question) if len(spans) > 1 for start, _ in spans}
    return tuple(w.span() for a, b in name_runs([w.group() for w in matched]) for w in matched[a:b]
                 if w.start() not in taken)


def question_concepts(question: str, lexical: LexicalIndex) -> list[Concept]:
    """The question's content concepts, each once, in question order."""
    unseen = lexical.idf(_UNSEEN)
    concepts: dict[frozenset[str], Concept] = {}
    spans = _phrases(question)
    names = _names(question)
    numbers = figures(question)
    emphasis = emphasis_at(question)
    keys_at = dict(concept_keys_at(question))
    for i, match in enumerate(_TOKEN.finditer(question)):
        word = match.group()
        if not emphasis(match.start()):
            continue
        number = next(((a, b, term) for a, b, term in numbers if a <= match.start() < b), None)
        if number is not None and (match.start() > number[0] or number[1] > match.end()):
            # "4,5 millionene" is one figure, as the documents are indexed (4500000), not "4", "5" and a word.
            if match.start() != number[0]:
                continue
            word, own = question[number[0] : number[1]], frozenset({number[2]})
            terms, units = own, frozenset({(number[2],)})
            if own in concepts:
                continue
            concepts[own] = Concept(word, "number", own, lexical.idf(number[2]), lexical.idf(number[2]) < unseen,
                                    False, units)
            continue
        span = next(((a, b) for a, b in spans if a <= match.start() < b), None)
        if span is not None:
            if match.start() != span[0]:
                continue  # a later word of a phrase already taken whole
            word = question[span[0] : span[1]]
        own, terms = _word_terms(word)
        units = _word_units(word)[1]
        keys: tuple[str, ...] = ()
        if match.span() in names:
            terms, units = own, frozenset((t,) for t in own)
        else:
            # A passage holding a rendering of several words ("ønsket ikke å delta videre" for "pulled out") says the
            # concept whole by its key, though its words one by one say something else.
            keys = keys_at.get(match.start(), ())
        if not own or terms in concepts:
            continue
        known_terms = [t for t in terms if lexical.idf(t) < unseen]
        if word[0].isdigit():
            kind = "number"
        elif i > 0 and word[0].isupper() and not word.isupper() and not sentence_initial(question, match.start()):
            kind = "name"
            # A name typed without æ, ø or å ("Trondelag") is the corpus's name all the same.
            known_terms = known_terms or [t for t in terms if lexical.unfold(t)]
        elif (i > 0 and not known_terms and _SHOUTED_NAME.fullmatch(word) and not question.isupper()
              and _PROJECT_CUE.search(question, max(0, match.start() - 40), match.end() + 40)):
            # "the Interreg project ERUDITE": a project's acronym the corpus never mentions is a name it does not
            # know (shorter capitals, "KPI" or "ERP", may be an abbreviation the documents spell out, and a word in
            # capitals for emphasis, "the fee EXCLUDING VAT", names nothing).
            kind = "name"
        else:
            kind = "word"
        weight = min((lexical.idf(t) for t in own), default=unseen)
        if span is not None or _ACRONYM_COMPOUND.match(word):
            # A phrase weighs what its words would apart: "innovation companies" counts as much as before, and
            # "REGUT-midler" as much as "REGUT midler" (but "co-financing" is one word).
            pieces = [w for m in _TOKEN.finditer(word)
                      for w in (m.group().split("-") if _ACRONYM_COMPOUND.match(m.group()) else [m.group()])]
            parts = [_word_terms(w)[0] for w in pieces if w]
            weight = sum(min((lexical.idf(t) for t in p), default=0.0) for p in parts if p) or weight
        translated = terms != own and span is None
        if span is not None and _content_phrase(word):
            # A phrase of content words only ("interest rate") is one thing: known when the corpus holds one of
            # its renderings whole, not just any of its words ("interest", "rate"). A phrase with a function word
            # ("hvor stor", "i år", "dropped out") is mostly a way of asking, and never missing.
            whole = _whole_renderings(question, span)
            known_terms = [t for r in whole if all(lexical.idf(t) < unseen for t in r) for t in r]
            translated = True
        weight *= emphasis(match.start())  # "I run a joinery. Can we apply?": the preamble counts half
        # The concept's key is in the corpus where a rendering of several words is ("ønsket ikke å delta videre").
        known = bool(known_terms) or any(lexical.idf(k) < unseen for k in keys)
        concepts[terms] = Concept(word, kind, terms.union(keys), weight, known, translated, units | {(k,) for k in keys})
    return list(concepts.values())


def _content_phrase(phrase: str) -> bool:
    found = words(phrase)
    return len(found) > 1 and not any(w.group().lower() in STOPWORDS or w.group()[0].isdigit() for w in found)


def _whole_renderings(question: str, span: tuple[int, int]) -> set[frozenset[str]]:
    """The term sets of the renderings, each whole and in both languages, of the termbase phrase at `span`."""
    return next((phrase_renderings(concepts) for spans, concepts in _termbase_phrases(question)
                 if (spans[0][0], spans[-1][1]) == span), set())


_YEAR = re.compile(r"(19|20)\d\d")


def missing_concepts(concepts: list[Concept]) -> list[Concept]:
    """Concepts the corpus never mentions, counted only where that absence is telling: a year (2026), names,
    and words the termbase translates. An English word with no translation may simply be absent from
    Norwegian documents that answer the question, and any other number may be the question's own guess
    ("more than 300 companies?") that the documents answer with theirs."""
    return [c for c in concepts if not c.known
            and ((c.kind == "number" and _YEAR.fullmatch(c.word)) or c.kind == "name" or c.translated)]


def coverage(concepts: list[Concept], terms: set[str]) -> float:
    """Share of the known concepts' weight that `terms` cover."""
    known = [c for c in concepts if c.known]
    total = sum(c.weight for c in known)
    if not total:
        return 0.0
    return sum(c.weight * c.said_by(terms) for c in known) / total


@dataclass(frozen=True)
class Anchor:
    """A name or acronym of the question (a company, a programme, a region): the asked fact must be stated
    about it, so it must appear where the fact does."""

    word: str
    prefixes: tuple[str, ...]
    # For a capitalised word the termbase renders ("the County Council", "Innovation Companies"): the terms of
    # each of its renderings in the other language, since the documents may state the fact in that one. A rendering
    # names it only whole: "business garden" alone is no "Næringshagen i Orkdalsregionen".
    renderings: tuple[frozenset[str], ...] = ()


def _name_parts(word: str) -> list[str]:
    # "DigiBest-prosjektet" names DigiBest; "Kunst&Kaos" is one name.
    return [p for p in re.split(r"[-/]", word) if p[:1].isupper()]


def _renderings(question: str) -> dict[tuple[int, int], tuple[frozenset[str], ...]]:
    """The character spans of the question's words that a termbase phrase covers, each with the index terms
    of each of that phrase's renderings in the other language."""
    target = other_language(detect_language(question))
    out: dict[tuple[int, int], tuple[frozenset[str], ...]] = {}
    for spans, concepts in _termbase_phrases(question):
        renderings = (frozenset(t for t in index_terms(phrase, language=target) if len(t) >= _MIN_STEM)
                      for concept in concepts for phrase in concept.phrases(target))
        out.update(dict.fromkeys(spans, tuple(dict.fromkeys(r for r in renderings if r))))
    return out


def anchors(question: str, lexical: LexicalIndex, *, common: float = 0.5) -> list[Anchor]:
    """The question's names and acronyms, each as the prefixes its inflected or translated forms share
    (Industry/Industri, University/Universitet); names nearly every passage holds are left out."""
    out: dict[str, Anchor] = {}
    rendered = _renderings(question)
    for match in _TOKEN.finditer(question):
        initial = sentence_initial(question, match.start())
        if _IN_CURRENCY.search(question, 0, match.start()) and (after := _NEXT_WORD.match(question, match.end())) \
                and after.group(1).lower() in CURRENCIES:
            continue  # "in Norwegian kroner": the currency's name, not what the figure is about
        for part in _name_parts(match.group()):
            acronym = part.isupper() and len(part) >= 2
            if not acronym and (initial or part.isupper() or len(part) < 3):
                continue
            if part.lower() in CURRENCIES:
                continue  # "NOK 4.5 million": a unit, stated with the figure or not at all (an account's columns)
            own, _ = _word_terms(part)
            own = frozenset(lexical.unfold(t) or t for t in own)  # "Trondelag" is the corpus's "Trøndelag"
            if own and min(lexical.idf(t) for t in own) < common and not acronym:
                continue
            if acronym and lexical.idf(part.lower()) < common:
                continue
            lower = ascii_fold(part.lower())
            prefix = lower if acronym or len(lower) <= 4 else lower[: max(4, len(lower) - 2)]
            # An acronym (BIO, REGUT) is written the same in both languages; a rendering would only loosen it.
            renderings = () if acronym else next(
                (r for (s, e), r in rendered.items() if s <= match.start() < e), ())
            out.setdefault(lower, Anchor(part, (prefix,), renderings))
    return list(out.values())


@functools.lru_cache(maxsize=16384)
def _folded(text: str) -> tuple[str, str]:
    lower = ascii_fold(text.lower())
    return lower, re.sub(r"\s+", "", lower)


@functools.lru_cache(maxsize=16384)
def _text_terms(text: str) -> frozenset[str]:
    return frozenset(index_terms(text, language="und"))


@functools.lru_cache(maxsize=16384)
def anchored(anchor: Anchor, text: str) -> bool:
    """Whether text names the anchor (any inflection; "Digi Best" for DigiBest; a rendering of a termbase
    phrase the anchor is written in). Cached: the same sentences come back for many questions."""
    lower, squeezed = _folded(text)
    if any(re.search(r"(?<!\w)" + re.escape(p), lower) or p in squeezed for p in anchor.prefixes):
        return True
    return any(r <= _text_terms(text) for r in anchor.renderings)


# The words that ask for a name ("Hva heter trinn 2?", "What is stage 2 called?") are the question's frame, not
# its subject: a sentence about "lønnsomhet" or "viktigheten" must not match "heter" through "-het".
_FRAME = {"name": frozenset({"het", "heter", "call", "called", "kall", "kalt", "name", "navn"})}


def subject(concepts: list[Concept], kind: str | None) -> list[Concept]:
    """The concepts that say what the asked figure or date is about, without the words asking for it; all of
    them when the question has nothing else."""
    asking = ASKING.get(kind or "")
    # A phrase holding one ("total budget") still names the subject: only concepts made of asking words go.
    rest = [c for c in concepts if not (_word_terms(c.word)[0] <= asking and c.terms & asking)] if asking else concepts
    return rest or concepts


def without_frame(concepts: list[Concept], kind: str | None) -> list[Concept]:
    frame = _FRAME.get(kind or "")
    return [c for c in concepts if not (frame and c.kind == "word" and c.terms & frame)] if frame else concepts
