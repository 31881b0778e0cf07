"""What a question asks about: its numbers, termbase phrases and other content words, each with every
way a passage may render it, for judging how much of the question a passage covers."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from assistant.amounts import CURRENCIES, figures
from assistant.compounds import compound_renderings, first_part_only, known_parts
from assistant.language import detect_language
from assistant.phrases import concept_matches, lookup_words, sentence_initial, words
from assistant.termbase import (
    LANGUAGES,
    NEGATION_TERM,
    NEGATIONS,
    STOPWORDS,
    WORD_RE,
    normalise,
    other_language,
    stem,
)

CONTEXT_EMPHASIS = 0.5  # a concept named only before the question proper (an earlier turn of a follow-up)
# What the question sets aside ("Apart from Industri 4.0 Trøndelag, which other project ...?") is not what it asks
# about: a passage naming it is no better for that.
EXCLUDED_EMPHASIS = 0.2
_EXCLUDED = re.compile(r"\b(?:apart\s+from|aside\s+from|besides|other\s+than|except(?:\s+for)?|bortsett\s+fra|utenom|"
                       r"unntatt|foruten|i\s+tillegg\s+til)\s+", re.IGNORECASE)
# "According to the Interreg Europe article, ...", "ifølge Skills+-saken": where to look, not what is asked about.
_SOURCE = re.compile(r"\b(?:according\s+to|ifølge|i\s+følge|as\s+(?:stated|described|reported)\s+in)\s+",
                     re.IGNORECASE)
_QUESTION_WORDS = frozenset({"hva", "hvem", "hvor", "når", "hvilke", "hvilken", "hvilket", "hvordan", "hvorfor",
                             "what", "who", "how", "when", "which", "where", "why", "did", "does", "do", "is", "are",
                             "was", "were", "har", "hadde", "var", "er", "kan", "skal", "fikk"})
_OBJECT_WORDS = 4
SENTENCE_END_RE = re.compile(r"[.?!]\s+")
BOTH = frozenset(LANGUAGES)


# The words that ask for a figure or a date ("what did it cost", "how many", "what hourly rate", "which year"): a
# sentence giving a figure matches them whatever it counts, so they do not show that it is about the question's
# subject ("500 kr/time" for the companies' own effort is no hourly rate the expert partners charged).
ASKING = {
    "number": frozenset({"kost", "kostet", "cost", "pris", "price", "beløp", "amount", "sum", "antall", "number",
                         "count", "mye", "much", "mang", "mange", "many", "tall", "betal", "betalt", "pay", "paid",
                         "total", "totalt", "rate", "rat", "hour", "hourly", "tim", "timer", "timepri", "timepris"}),
    "when": frozenset({"dato", "date", "år", "year", "tidspunkt", "time", "tid"}),
}


class QueryConcept(NamedTuple):
    """One thing the question asks about, with every way a passage may render it: any one rendering
    whose terms all occur in a passage covers the concept."""

    text: str
    kind: str  # "number", "name" or "word"
    renderings: tuple[frozenset[str], ...]
    languages: frozenset[str]  # the languages it has a rendering in: an unknown English word has none in bokmål
    emphasis: float = 1.0  # CONTEXT_EMPHASIS for a concept only an earlier turn names
    # Renderings only from a phrase its stopwords reduce to one word ("gikk gjennom" -> "gjennom", "at the same
    # time" -> "time"): the corpus decides whether that word is telling enough to stand for the concept.
    collapsed: frozenset[frozenset[str]] = frozenset()


_ASKING_ANY = ASKING["number"] | ASKING["when"]


def asks_only(concept: QueryConcept) -> bool:
    """Whether every rendering of the concept is a word asking for a figure or a date ("antall", "how many")."""
    return all(r <= _ASKING_ANY for r in concept.renderings)


def query_concepts(text: str) -> list[QueryConcept]:
    """The question's numbers, termbase phrases and remaining content words, each once, in question order."""
    source = detect_language(text)
    target = other_language(source)
    text = unicodedata.normalize("NFC", text)
    matched = words(text)
    found: dict[int, QueryConcept] = {}
    rendered: set[int] = set()
    spans: list[tuple[int, int]] = []
    numbers = figures(text)
    amounts = [(a, b) for a, b, _ in numbers]
    for start, end, concepts in concept_matches(lookup_words(matched), source):
        if any(a <= matched[start].start() and matched[end - 1].end() <= b for a, b in amounts):
            rendered.update(range(start, end))
            continue  # the scale of a figure ("4,5 millionene", "2,8 mill"): part of the number
        rendered.update(range(start, end))
        spans.append((matched[start].start(), matched[end - 1].end()))
        whole, collapsed = split_renderings(concepts)
        # "not" / "ikke" alone is no concept: only a phrase holding it ("ønsket ikke å delta") is.
        renderings = {r for r in whole | collapsed if r != {NEGATION_TERM}}
        if renderings:
            found[matched[start].start()] = QueryConcept(text[matched[start].start():matched[end - 1].end()], "word",
                                                         tuple(sorted(renderings, key=sorted)), BOTH,
                                                         collapsed=frozenset(collapsed - whole))
    for start, end, term in numbers:
        if not any(a <= start < b for a, b in spans):  # "Trinn 2" is one concept, not two
            found[start] = QueryConcept(text[start:end], "number", (frozenset({term}),), BOTH)
    for n, match in enumerate(matched):
        word = match.group()
        lower = word.lower()
        if n in rendered or word[0].isdigit() or len(word) < 2 or lower in STOPWORDS:
            continue
        if any(a <= match.start() < b for a, b in amounts):
            continue  # the scale of a figure: part of the number
        renderings = {frozenset({stem(lower, source)}), frozenset({lower})}
        languages = {source}
        if (parts := (known_parts(lower) if source == "nb" and len(lower) >= 6 else ())) \
                and not first_part_only(lower, parts):  # "region" does not say "regiondirektør"
            renderings.add(frozenset(stem(p, "nb") for p in parts))
        for lang, phrase in compound_renderings(lower, source):
            if r := phrase_stems(phrase, lang):
                renderings.add(r)
                languages.add(lang)
        name = word.isupper() or (word[0].isupper() and not sentence_initial(text, match.start()))
        if name:
            renderings.add(frozenset({stem(lower, target)}))
            languages.add(target)
        found[match.start()] = QueryConcept(word, "name" if name else "word", tuple(sorted(renderings, key=sorted)),
                                            frozenset(languages))
    emphasis = emphasis_at(text)
    unique: dict[tuple[frozenset[str], ...], QueryConcept] = {}
    for start, concept in sorted(found.items()):
        if not (weight := emphasis(start)):
            continue
        concept = concept._replace(emphasis=weight)
        if concept.renderings not in unique or unique[concept.renderings].emphasis < concept.emphasis:
            unique[concept.renderings] = concept
    return list(unique.values())


# "How long", "hvor lenge", "hvor lang tid": the words ask for a duration, as "hvor mange" asks for a count; a
# passage about "lengder" or "lang tidshorisont" is no better for them.
_ASKING_DURATION = re.compile(r"\b(?:how\s+long|hvor\s+lenge|hvor\s+lang(?:\s+tid)?)\b", re.IGNORECASE)
# "Which new type of business ...?", "what kind of clearance", "hva slags støtte": the word for a kind only frames
# what is asked; a passage about "types" or "former" is no better for it.
_ASKING_KIND = re.compile(r"\b(?:what|which|hvilke[nt]?)\s+(?:[^\W\d_]+\s+)?((?:kinds?|types?|sorts?)\s+of|typer?|typen|"
                          r"former?)\b|\bhva\s+(slags)\b", re.IGNORECASE)


# Phrases that only join clauses ("in order to", "as well as", "i forhold til"), hedge a figure ("roughly") or ask what
# became of something ("what happened to"): their content-looking words ("order", "well", "forhold") are no concepts.
_FUNCTION_PHRASE = re.compile(r"\b(?:in\s+order\s+(?:to|for)|so\s+as\s+to|as\s+well\s+as|in\s+terms\s+of|"
                              r"with\s+(?:regard|respect)\s+to|in\s+spite\s+of|i\s+forhold\s+til|"
                              r"når\s+det\s+gjelder|med\s+tanke\s+på|i\s+så\s+fall|in\s+(?:that|which)\s+case\b(?!\s+stud)|"
                              # "What happened to the intro stage?", "hva skjedde med trinn 1?": the verb only asks
                              # what became of what follows.
                              r"what\s+(?:has\s+|had\s+)?happen(?:ed|s)?\s+(?:to|with)|"
                              r"hva\s+(?:har\s+|hadde\s+)?(?:skjedde|skjedd|skjer)\s+med|"
                              # "What would have happened if ...?", "hva ville skjedd hvis ...?": the condition is asked.
                              r"what\s+(?:would|will|could)\s+(?:have\s+)?happen(?:ed)?\s+if|what\s+happens\s+if|"
                              r"hva\s+(?:ville|vil|hadde|kunne|ville\s+ha)\s+(?:skjedd|skjedde|skje)\s+(?:hvis|om|dersom)|"
                              r"hva\s+skjer\s+(?:hvis|om|dersom)|"
                              # Hedges on the asked figure ("roughly how much", "omtrent hvor mange"): the documents'
                              # "omkring" or "rundt" is no better a match for them.
                              r"roughly|approximately|approx|omtrent|cirka)\b", re.IGNORECASE)


def emphasis_at(text: str):
    """How much a word of the question starting at a position counts: 0 for the words that only ask for a
    duration, name a kind ("what kind of") or join clauses ("in order to"), EXCLUDED_EMPHASIS for what it sets
    aside ("apart from X"), CONTEXT_EMPHASIS before the question proper (an earlier turn, a preamble), else 1."""
    asking = [m.span() for m in _ASKING_DURATION.finditer(text)]
    asking += [m.span() for m in _FUNCTION_PHRASE.finditer(text)]
    asking += [m.span(m.lastindex) for m in _ASKING_KIND.finditer(text)]
    excluded = [_object_span(text, m.end()) for m in _EXCLUDED.finditer(text)]
    asked = last_question_start(text)

    def emphasis(start: int) -> float:
        if any(a <= start < b for a, b in asking):
            return 0.0
        if any(a <= start < b for a, b in excluded):
            return EXCLUDED_EMPHASIS
        return CONTEXT_EMPHASIS if start < asked else 1.0

    return emphasis


def source_spans(text: str) -> list[tuple[int, int]]:
    """Where the question names the document to look in ("according to the Interreg Europe article")."""
    return [_object_span(text, m.end()) for m in _SOURCE.finditer(text)]


def _object_span(text: str, start: int) -> tuple[int, int]:
    """The words after "apart from" or "according to" that name what it is about: a run of capitalised words
    ("Industri 4.0 Trøndelag"), or a few words up to a comma or the question word ("sluttrapporten hvor mye ...")."""
    end = start
    capitalised = text[start : start + 1].isupper()
    for n, word in enumerate(re.finditer(r"[^\s,;?!]+", text[start:])):
        token = word.group()
        if n >= _OBJECT_WORDS or token.lower() in _QUESTION_WORDS:
            break
        if capitalised and n and not (token[:1].isupper() or token[:1].isdigit()):
            break
        end = start + word.end()
        if text[end : end + 1] in (",", ";", "?", "!"):
            break
    return start, end


def last_question_start(text: str) -> int:
    """Where the last sentence ending in "?" begins: a follow-up comes after the earlier turn it leans on
    ("Var kursavgiften et problem? Hva var den største utfordringen, da?"). 0 when there is none."""
    end = text.rfind("?")
    if end < 0:
        return 0
    starts = [m.end() for m in SENTENCE_END_RE.finditer(text, 0, end)]
    return starts[-1] if starts else 0


def phrase_renderings(concepts) -> set[frozenset[str]]:
    """The stems of every rendering of the termbase concepts, in both languages, each rendering whole."""
    whole, collapsed = split_renderings(concepts)
    return whole | collapsed


def split_renderings(concepts) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """phrase_renderings in two: those of one-word phrases and of phrases that keep several words, and those of
    phrases of several words that their stopwords reduce to one ("gikk gjennom" -> "gjennom")."""
    whole: set[frozenset[str]] = set()
    collapsed: set[frozenset[str]] = set()
    for concept in concepts:
        for lang in LANGUAGES:
            for p in concept.phrases(lang):
                if r := phrase_stems(p, lang):
                    (collapsed if len(r) == 1 and len(WORD_RE.findall(p)) > 1 else whole).add(r)
    return whole, collapsed


@functools.lru_cache(maxsize=10_000)
def phrase_stems(phrase: str, language: str) -> frozenset[str]:
    """The stems of a phrase's content words, as a chunk written in `language` is indexed."""
    terms: set[str] = set()
    for word in WORD_RE.findall(normalise(phrase)):
        if word[0].isdigit():
            terms.add(word)
        elif word in CURRENCIES:
            terms.add(CURRENCIES[word])  # "kr/time" is indexed as "nok", "tim"
        elif word in NEGATIONS:
            terms.add(NEGATION_TERM)  # "ønsket ikke å delta": only a sentence that negates says it
        elif len(word) > 1 and word not in STOPWORDS:
            terms.add(stem(word, language))
    return frozenset(terms)
