"""Lexical analysis for BM25: Norwegian/English terms for chunks and weighted, cross-lingual terms for queries.

The steps live beside it (amounts, compounds, language, phrases, concepts); this module is their public face.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

from assistant.amounts import CURRENCIES, Token, number_term, tokens
from assistant.compounds import (
    compound_renderings,
    first_part_only,
    known_parts,
    split_compound,
)
from assistant.concepts import QueryConcept, emphasis_at, query_concepts
from assistant.language import detect_language
from assistant.phrases import (
    concept_matches,
    english_gloss,
    gloss,
    lookup_words,
    matches,
    sentence_initial,
    translate_query,
    words,
)
from assistant.termbase import (
    ABBREVIATIONS,
    LANGUAGES,
    NEGATION_TERM,
    NEGATIONS,
    STOPWORDS,
    WORD_RE,
    Termbase,
    load_termbase,
    normalise,
    other_language,
    stem,
)

__all__ = ["QueryConcept", "Termbase", "detect_language", "english_gloss", "gloss", "index_terms", "index_units",
           "load_termbase", "query_concepts", "query_terms", "query_terms_by_language", "query_units",
           "question_phrases", "sentence_initial", "split_compound", "text_terms", "translate_query"]

OTHER_LANGUAGE_WEIGHT = 0.5  # the query's own words, stemmed as the other language
EXPANSION_WEIGHT = 0.7  # termbase renderings and synonyms of the concepts the query names
# A concept's key (concept_terms) in the query, as much as its own words: on dev, extra and 22 probe sets, 1.0 found
# 14 passages more than without it and lost 5; 0.6 and 1.5 did no better.
CONCEPT_WEIGHT = 1.0
COMPOUND_PART_WEIGHT = 0.5  # renderings of the parts of a compound the termbase does not know whole


def _languages(language: str) -> tuple[str, ...]:
    return (language,) if language in LANGUAGES else LANGUAGES


@functools.lru_cache(maxsize=200_000)
def _word_units(word: str, language: str) -> tuple[tuple[str, ...], ...]:
    """The word's terms grouped as a text must hold them to say the word: its stem, all the known parts of a
    compound together, or one word of an abbreviation inside it."""
    units: dict[tuple[str, ...], None] = {}
    for lang in _languages(language):
        units[(stem(word, lang),)] = None
        if lang == "nb" and len(word) >= 6 and (parts := known_parts(word)):
            if first_part_only(word, parts):
                # "regiondirektør": "region" says it only in part, with the whole word (its rest as a part of its
                # own would index "fall" for "sammenfallende").
                parts = (parts[0], word)
            units[tuple(dict.fromkeys(stem(part, "nb") for part in parts))] = None
            for part in parts:
                if part.upper() in ABBREVIATIONS and not ABBREVIATIONS[part.upper()][0]:
                    units.update(dict.fromkeys((t,) for t in _expansion_terms(part.upper(), language)))
    return tuple(units)


@functools.lru_cache(maxsize=200_000)
def _word_terms(word: str, language: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for unit in _word_units(word, language) for t in unit))


@functools.lru_cache(maxsize=1024)
def _expansion_terms(abbreviation: str, language: str) -> tuple[str, ...]:
    _, nb, en = ABBREVIATIONS[abbreviation]
    terms: list[str] = []
    for lang in _languages(language):
        for word in WORD_RE.findall(normalise(nb if lang == "nb" else en)):
            if word not in STOPWORDS:
                terms.extend(_word_terms(word, lang))
    return tuple(dict.fromkeys(terms))


def _abbreviation(token: Token, following: Token | None) -> str | None:
    if token.text in ABBREVIATIONS and ABBREVIATIONS[token.text][0]:
        return token.text
    upper = token.text.upper()
    if upper in ABBREVIATIONS and not ABBREVIATIONS[upper][0]:
        return upper
    if upper == "BIO" and following is not None and following.text.lower().startswith(("midl", "ordning")):
        return "BIO"  # "bio-midler" typed in lower case
    return None


def _units(text: str, language: str, *, negation: bool = False) -> Iterator[tuple[tuple[str, ...], ...]]:
    """Per token of the text, its terms grouped as in _word_units; with `negation`, a negation word ("ikke", "not")
    as NEGATION_TERM, so that a termbase phrase holding one ("ønsket ikke å delta videre") needs it."""
    text = unicodedata.normalize("NFC", text)
    toks = tokens(text)
    i = 0
    while i < len(toks):
        token = toks[i]
        if token.kind == "num":
            term, i = number_term(toks, i, text)
            yield ((term,),)
            continue
        i += 1
        word = token.text.lower()
        if word in CURRENCIES:
            yield ((CURRENCIES[word],),)
            continue
        if abbreviation := _abbreviation(token, toks[i] if i < len(toks) else None):
            if word not in STOPWORDS:
                yield ((word,),)
            yield tuple((t,) for t in _expansion_terms(abbreviation, language))
            continue
        if negation and word in NEGATIONS:
            yield ((NEGATION_TERM,),)
        elif token.kind == "word" and len(word) > 1 and word not in STOPWORDS:
            yield _word_units(word, language)


def _terms(text: str, language: str) -> Iterator[str]:
    for units in _units(text, language, negation=True):
        yield from units[0] if len(units) == 1 else dict.fromkeys(t for unit in units for t in unit)


def index_terms(text: str, *, language: str) -> list[str]:
    """Terms to index a chunk written in `language` ("nb", "en" or "und" for both analyses)."""
    return list(_terms(text, language))


def text_terms(text: str, *, language: str) -> list[str]:
    """Everything a text is searched and matched by: its index terms and the keys of the termbase phrases of
    several words it holds (concept_terms)."""
    return index_terms(text, language=language) + concept_terms(text, language=language)


def query_terms(text: str) -> dict[str, float]:
    """Weighted BM25 terms: the query's own terms (1.0), the same words stemmed as the other language
    (OTHER_LANGUAGE_WEIGHT), and every rendering of the termbase concepts it names, in both languages,
    analysed as that language (EXPANSION_WEIGHT). A term keeps its highest weight."""
    source = detect_language(text)
    weights: dict[str, float] = {}
    for language, terms in query_terms_by_language(text).items():
        for term, weight in terms.items():
            if language != source:
                weight = min(weight, EXPANSION_WEIGHT)  # renderings count as much as in the own language
            weights[term] = max(weights.get(term, 0.0), weight)
    return weights


def query_terms_by_language(text: str) -> dict[str, dict[str, float]]:
    """The query as it would be written in each language, for searching that language's chunks apart:
    in its own language its terms (1.0) and the termbase renderings of its concepts (EXPANSION_WEIGHT);
    in the other language those renderings (1.0), the renderings of the parts of compounds the termbase
    does not know whole (COMPOUND_PART_WEIGHT), and the words it does not render stemmed as that language
    (OTHER_LANGUAGE_WEIGHT: names, numbers and loanwords survive that). A term keeps its highest weight."""
    out: dict[str, dict[str, float]] = {}
    keys = question_concept_terms(text)
    for language, units in _query_units_by_language(text).items():
        weights = out[language] = {}
        for unit, weight in units.items():
            for term in unit:
                weights[term] = max(weights.get(term, 0.0), weight)
        weights.update(dict.fromkeys(keys, CONCEPT_WEIGHT))
    return out


def concept_terms(text: str, *, language: str) -> list[str]:
    """The index terms of the termbase phrases of several words the text holds ("ønsket ikke å delta videre"): the
    concept's key, which a question in either language naming the concept ("pulled out") searches by. Such a
    phrase's words one by one say something else, so BM25 could not match it otherwise."""
    termbase = load_termbase()
    found = lookup_words(words(text))
    return list(dict.fromkeys(termbase.key(c) for lang in _languages(language)
                              for start, end, concepts in matches(found, lang, termbase) if end - start > 1
                              for c in concepts))


def question_concept_terms(text: str) -> list[str]:
    """The keys of the concepts a question names (concept_terms), its function words left out."""
    emphasis = emphasis_at(text)  # "what happened to", "in order to", "roughly": no concepts here either
    return list(dict.fromkeys(k for start, keys in concept_keys_at(text) if emphasis(start) for k in keys))


@functools.lru_cache(maxsize=4096)
def concept_keys_at(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """By the character start of each termbase phrase of a question (function words alone left out), the keys of its
    concepts."""
    termbase = load_termbase()
    found, phrases = question_phrases(text, detect_language(text))
    return tuple((found[start].start(), tuple(dict.fromkeys(termbase.key(c) for c in concepts)))
                 for start, end, concepts in phrases
                 if not all(w.group().lower() in STOPWORDS for w in found[start:end]))


@functools.lru_cache(maxsize=4096)
def question_phrases(text: str, source: str) -> tuple[tuple, tuple[tuple[int, int, list], ...]]:
    """A question's words and its termbase phrases (start, end, concepts) as a question in `source` reads them,
    matched once for its search terms, its concept keys and the answer's support checks."""
    found = tuple(words(text))
    return found, tuple(concept_matches(lookup_words(found), source))


def index_units(text: str, *, language: str) -> frozenset[tuple[str, ...]]:
    """The text's terms grouped as in query_units: a stem, or the known parts of a compound together."""
    return frozenset(unit for units in _units(text, language) for unit in units)


def query_units(text: str) -> frozenset[tuple[str, ...]]:
    """Every way a text may say what the query says, in either language: each a group of terms the text must
    hold together (a stem, or the parts of a compound rendering: "introkurs" is not said by "kurs" alone)."""
    return frozenset(unit for units in _query_units_by_language(text).values() for unit in units)


def _query_units_by_language(text: str) -> dict[str, dict[tuple[str, ...], float]]:
    source = detect_language(text)
    target = other_language(source)
    out: dict[str, dict[tuple[str, ...], float]] = {source: {}, target: {}}

    def add(language: str, phrase: str, weight: float) -> None:
        weights = out[language]
        for units in _units(phrase, language):
            for unit in units:
                weights[unit] = max(weights.get(unit, 0.0), weight)

    add(source, text, 1.0)
    text = unicodedata.normalize("NFC", text)
    matched, phrases = question_phrases(text, source)
    rendered: set[int] = set()
    for start, end, concepts in phrases:
        rendered.update(range(start, end))
        for concept in concepts:
            for lang in LANGUAGES:
                for phrase in concept.phrases(lang):
                    # A negated rendering ("ønsket ikke å delta videre") says the concept only whole; its words
                    # one by one ("delta", "videre") say something else.
                    if NEGATIONS.isdisjoint(WORD_RE.findall(normalise(phrase))):
                        add(lang, phrase, EXPANSION_WEIGHT if lang == source else 1.0)
    # Words the termbase renders are not searched as they are written: "take part" is not Norwegian "tak". A
    # capitalised word inside a sentence may be a name all the same ("the Skills+ consortium", "Innovation
    # Norway"), and a name is written alike in both languages.
    residue = list(text)
    for i in rendered:
        if not (matched[i].group()[:1].isupper() and not sentence_initial(text, matched[i].start())):
            residue[matched[i].start():matched[i].end()] = " " * (matched[i].end() - matched[i].start())
    add(target, "".join(residue), OTHER_LANGUAGE_WEIGHT)
    for i, word in enumerate(matched):
        if i not in rendered:
            for lang, phrase in compound_renderings(word.group().lower(), source):
                add(lang, phrase, COMPOUND_PART_WEIGHT)
    return out
