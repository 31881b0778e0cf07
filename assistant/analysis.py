"""Lexical analysis for BM25: Norwegian/English terms for chunks and weighted, cross-lingual terms for queries."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from assistant.termbase import (
    ABBREVIATIONS,
    COMMON_PARTS,
    EN_MARKERS,
    LANGUAGES,
    NB_MARKERS,
    STOPWORDS,
    WORD_RE,
    Concept,
    Termbase,
    load_termbase,
    normalise,
    other_language,
    phrase_key,
    stem,
)

__all__ = ["QueryConcept", "Termbase", "detect_language", "gloss", "index_terms", "load_termbase", "query_concepts",
           "query_terms", "query_terms_by_language", "translate_query"]

OTHER_LANGUAGE_WEIGHT = 0.5  # the query's own words, stemmed as the other language
EXPANSION_WEIGHT = 0.7  # termbase renderings and synonyms of the concepts the query names
COMPOUND_PART_WEIGHT = 0.5  # renderings of the parts of a compound the termbase does not know whole
CONTEXT_EMPHASIS = 0.5  # a concept named only before the question proper (an earlier turn of a follow-up)
SENTENCE_END_RE = re.compile(r"[.?!]\s+")

TOKEN_RE = re.compile(
    r"(?P<num>(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*)"
    r"|(?P<sym>[%€$])"
    r"|(?P<word>[^\W\d_]+)"
)
THOUSANDS_RE = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
DECIMAL_RE = re.compile(r"\d+[.,]\d+")
MULTIPLIERS = {
    "mill": 1e6, "million": 1e6, "millioner": 1e6, "millions": 1e6, "mio": 1e6, "mln": 1e6,
    "milliard": 1e9, "milliarder": 1e9, "mrd": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "tusen": 1e3, "thousand": 1e3,
}
PERCENT_WORDS = frozenset({"%", "prosent", "percent", "pct", "prosentpoeng"})
CURRENCIES = {"kr": "nok", "kroner": "nok", "krone": "nok", "nok": "nok", "€": "eur", "eur": "eur",
              "euro": "eur", "euros": "eur", "$": "usd", "usd": "usd"}
RANGE_DASHES = frozenset({"-", "–", "—"})
INFLECTION_ENDINGS = frozenset("""
- e a s t en er et te ar ane ene ens ets ers ere erne ernes enes es
""".split()) | {""}


class Token(NamedTuple):
    kind: str  # "num", "sym" or "word"
    text: str
    start: int
    end: int


def _languages(language: str) -> tuple[str, ...]:
    return (language,) if language in LANGUAGES else LANGUAGES


@functools.lru_cache(maxsize=1)
def _compound_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    parts = {w for w in COMMON_PARTS | load_termbase().nb_words() if len(w) >= 3 and w not in STOPWORDS}
    return frozenset(parts), frozenset(stem(p, "nb") for p in parts)


@functools.lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Known parts of a Norwegian compound, longest first part first, linking -s-/-e- allowed;
    () when the word is not a compound of known parts. Only the last part may be inflected."""
    parts, part_stems = _compound_vocabulary()
    for cut in range(len(word) - 3, 2, -1):
        head = word[:cut]
        if head not in parts:
            continue
        rest = word[cut:]
        for tail in (rest, rest[1:] if rest[0] in "se" else ""):
            if len(tail) < 3:
                continue
            if tail in parts or _inflected_part(tail, part_stems):
                return (head, tail)
            if deeper := split_compound(tail):
                return (head, *deeper)
    return ()


def _inflected_part(word: str, part_stems: frozenset[str]) -> bool:
    """Whether the word is a known part with an inflection ending: "gruppa", "innsatsen", not "takelse"
    (the stemmer strips the derivation -else, but "deltakelse" is no "del" + "tak")."""
    stemmed = stem(word, "nb")
    if stemmed in part_stems and word.startswith(stemmed) and word[len(stemmed):] in INFLECTION_ENDINGS:
        return True
    parts, _ = _compound_vocabulary()
    return any(word.endswith(e) and word[:len(word) - len(e)] in parts for e in INFLECTION_ENDINGS if e)


@functools.lru_cache(maxsize=200_000)
def _word_terms(word: str, language: str) -> tuple[str, ...]:
    terms: dict[str, None] = {}
    for lang in _languages(language):
        terms[stem(word, lang)] = None
        if lang == "nb" and len(word) >= 6:
            for part in split_compound(word):
                terms[stem(part, "nb")] = None
                if part.upper() in ABBREVIATIONS and not ABBREVIATIONS[part.upper()][0]:
                    terms.update(dict.fromkeys(_expansion_terms(part.upper(), language)))
    return tuple(terms)


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


def _number_term(value: float | str, multiplier: float, percent: bool) -> str:
    if isinstance(value, str):
        term = str(round(float(value) * multiplier)) if multiplier != 1.0 and DECIMAL_RE.fullmatch(value) else value
    else:
        term = str(round(value * multiplier))
    return term + "%" if percent else term


def _numbers(tokens: list[Token], i: int, text: str) -> tuple[str, int]:
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
    return _number_term(value, multiplier, percent), after


def _tokens(text: str) -> list[Token]:
    return [Token(m.lastgroup or "word", m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _terms(text: str, language: str) -> Iterator[str]:
    text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "num":
            term, i = _numbers(tokens, i, text)
            yield term
            continue
        i += 1
        word = token.text.lower()
        if word in CURRENCIES:
            yield CURRENCIES[word]
            continue
        if abbreviation := _abbreviation(token, tokens[i] if i < len(tokens) else None):
            if word not in STOPWORDS:
                yield word
            yield from _expansion_terms(abbreviation, language)
            continue
        if token.kind == "word" and len(word) > 1 and word not in STOPWORDS:
            yield from _word_terms(word, language)


def index_terms(text: str, *, language: str) -> list[str]:
    """Terms to index a chunk written in `language` ("nb", "en" or "und" for both analyses)."""
    return list(_terms(text, language))


def detect_language(text: str) -> str:
    """ "nb" or "en": function words, æøå and termbase vocabulary first, py3langid to break ties."""
    words = [w for w in WORD_RE.findall(normalise(text)) if not w[0].isdigit()]
    nb_vocabulary, en_vocabulary = _vocabularies()
    nb = sum(w in NB_MARKERS for w in words) + 0.5 * sum(w in nb_vocabulary for w in words)
    en = sum(w in EN_MARKERS for w in words) + 0.5 * sum(w in en_vocabulary for w in words)
    if re.search("[æøå]", normalise(text)):
        nb += 2
    if nb != en:
        return "nb" if nb > en else "en"
    if not words:
        return "nb"
    language, _ = _identifier().classify(text)
    return "en" if language == "en" else "nb"


@functools.lru_cache(maxsize=1)
def _vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    termbase = load_termbase()
    nb, en = termbase.words("nb") - STOPWORDS, termbase.words("en") - STOPWORDS
    return nb - en, en - nb


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=False)
    identifier.set_languages(["en", "no", "nn", "da", "sv"])
    return identifier


def _words(text: str) -> list[re.Match]:
    return list(WORD_RE.finditer(unicodedata.normalize("NFC", text)))


def _matches(words: list[str], language: str, termbase: Termbase) -> Iterator[tuple[int, int, list[Concept]]]:
    """Longest termbase phrases in the words, left to right, as (start, end, concepts)."""
    keys = [stem(w.lower(), language) for w in words]
    i = 0
    while i < len(keys):
        for length in range(min(termbase.longest, len(keys) - i), 0, -1):
            concepts = termbase.lookup(tuple(keys[i:i + length]), language)
            if length == 1 and words[i].lower() in STOPWORDS:
                # A function word only names a concept it is written as: Norwegian "var" (was) is not the stem
                # of "varighet" (duration), nor English "it" or "its" the abbreviation IT.
                concepts = [c for c in concepts if any(_written_as(words[i], p) for p in c.phrases(language))]
            if concepts:
                yield i, i + length, concepts
                i += length
                break
        else:
            i += 1


def _written_as(word: str, phrase: str) -> bool:
    return word == phrase if phrase.isupper() else word.lower() == phrase.lower()


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
    source = detect_language(text)
    target = other_language(source)
    out: dict[str, dict[str, float]] = {source: {}, target: {}}

    def add(language: str, terms: list[str], weight: float) -> None:
        weights = out[language]
        for term in terms:
            weights[term] = max(weights.get(term, 0.0), weight)

    add(source, index_terms(text, language=source), 1.0)
    text = unicodedata.normalize("NFC", text)
    words = _words(text)
    rendered: set[int] = set()
    for start, end, concepts in _concept_matches([w.group() for w in words], source):
        rendered.update(range(start, end))
        for concept in concepts:
            for lang in LANGUAGES:
                for phrase in concept.phrases(lang):
                    add(lang, index_terms(phrase, language=lang), EXPANSION_WEIGHT if lang == source else 1.0)
    # Words the termbase renders are not searched as they are written: "take part" is not Norwegian "tak".
    residue = list(text)
    for i in rendered:
        residue[words[i].start():words[i].end()] = " " * (words[i].end() - words[i].start())
    add(target, index_terms("".join(residue), language=target), OTHER_LANGUAGE_WEIGHT)
    for i, word in enumerate(words):
        if i not in rendered:
            for lang, phrase in _compound_renderings(word.group().lower(), source):
                add(lang, index_terms(phrase, language=lang), COMPOUND_PART_WEIGHT)
    return out


def _concept_matches(words: list[str], source: str) -> Iterator[tuple[int, int, list[Concept]]]:
    """Termbase phrases among the words, in the question's language or, written exactly as in the
    termbase, in the other one (an English question about "Trinn 2")."""
    termbase = load_termbase()
    target = other_language(source)
    for language in (source, target):
        for start, end, concepts in _matches(words, language, termbase):
            # A foreign word must be written as in the termbase: English "take" is not Norwegian "tak".
            if language != source and not all(w.lower() in termbase.words(language) for w in words[start:end]):
                continue
            yield start, end, concepts


@functools.lru_cache(maxsize=10_000)
def _compound_renderings(word: str, language: str) -> tuple[tuple[str, str], ...]:
    """(language, phrase) renderings, in the other language, of the known parts of a Norwegian compound
    ("digitaliseringspolitikk": digitalisation, policy)."""
    if language != "nb" or len(word) < 6 or word in STOPWORDS:
        return ()
    termbase = load_termbase()
    target = other_language(language)
    out: dict[tuple[str, str], None] = {}
    for part in split_compound(word):
        for concept in termbase.lookup((stem(part, language),), language):
            out.update(dict.fromkeys((target, phrase) for phrase in concept.phrases(target)))
    return tuple(out)


BOTH = frozenset(LANGUAGES)


class QueryConcept(NamedTuple):
    """One thing the question asks about, with every way a passage may render it: any one rendering
    whose terms all occur in a passage covers the concept."""

    text: str
    kind: str  # "number", "name" or "word"
    renderings: tuple[frozenset[str], ...]
    languages: frozenset[str]  # the languages it has a rendering in: an unknown English word has none in bokmål
    emphasis: float = 1.0  # CONTEXT_EMPHASIS for a concept only an earlier turn names


def query_concepts(text: str) -> list[QueryConcept]:
    """The question's numbers, termbase phrases and remaining content words, each once, in question order."""
    source = detect_language(text)
    target = other_language(source)
    text = unicodedata.normalize("NFC", text)
    words = _words(text)
    found: dict[int, QueryConcept] = {}
    rendered: set[int] = set()
    spans: list[tuple[int, int]] = []
    for start, end, concepts in _concept_matches([w.group() for w in words], source):
        rendered.update(range(start, end))
        spans.append((words[start].start(), words[end - 1].end()))
        renderings = {r for concept in concepts for lang in LANGUAGES for p in concept.phrases(lang)
                      if (r := _phrase_stems(p, lang))}
        if renderings:
            found[words[start].start()] = QueryConcept(text[words[start].start():words[end - 1].end()], "word",
                                                       tuple(sorted(renderings, key=sorted)), BOTH)
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        if tokens[i].kind == "num":
            start = tokens[i].start
            term, i = _numbers(tokens, i, text)
            if not any(a <= start < b for a, b in spans):  # "Trinn 2" is one concept, not two
                found[start] = QueryConcept(text[start:tokens[i - 1].end], "number", (frozenset({term}),), BOTH)
        else:
            i += 1
    for n, match in enumerate(words):
        word = match.group()
        lower = word.lower()
        if n in rendered or word[0].isdigit() or len(word) < 2 or lower in STOPWORDS:
            continue
        renderings = {frozenset({stem(lower, source)}), frozenset({lower})}
        languages = {source}
        if parts := (split_compound(lower) if source == "nb" and len(lower) >= 6 else ()):
            renderings.add(frozenset(stem(p, "nb") for p in parts))
        for lang, phrase in _compound_renderings(lower, source):
            if r := _phrase_stems(phrase, lang):
                renderings.add(r)
                languages.add(lang)
        name = word.isupper() or (word[0].isupper() and n > 0)
        if name:
            renderings.add(frozenset({stem(lower, target)}))
            languages.add(target)
        found[match.start()] = QueryConcept(word, "name" if name else "word", tuple(sorted(renderings, key=sorted)),
                                            frozenset(languages))
    asked = _last_question_start(text)
    unique: dict[tuple[frozenset[str], ...], QueryConcept] = {}
    for start, concept in sorted(found.items()):
        if start < asked:
            concept = concept._replace(emphasis=CONTEXT_EMPHASIS)
        if concept.renderings not in unique or unique[concept.renderings].emphasis < concept.emphasis:
            unique[concept.renderings] = concept
    return list(unique.values())


def _last_question_start(text: str) -> int:
    """Where the last sentence ending in "?" begins: a follow-up comes after the earlier turn it leans on
    ("Var kursavgiften et problem? Hva var den største utfordringen, da?"). 0 when there is none."""
    end = text.rfind("?")
    if end < 0:
        return 0
    starts = [m.end() for m in SENTENCE_END_RE.finditer(text, 0, end)]
    return starts[-1] if starts else 0


@functools.lru_cache(maxsize=10_000)
def _phrase_stems(phrase: str, language: str) -> frozenset[str]:
    """The stems of a phrase's content words, as a chunk written in `language` is indexed."""
    terms: set[str] = set()
    for word in WORD_RE.findall(normalise(phrase)):
        if word[0].isdigit():
            terms.add(word)
        elif len(word) > 1 and word not in STOPWORDS:
            terms.add(stem(word, language))
    return frozenset(terms)


def translate_query(text: str) -> str:
    """A rough gloss in the other language: known termbase phrases replaced (longest first), function
    words without a rendering dropped, everything else (names, numbers) kept."""
    source = detect_language(text)
    return gloss(text, source=source, target=other_language(source))


def gloss(text: str, *, source: str, target: str) -> str:
    """`text`, written in `source`, glossed word by word into `target` as translate_query does."""
    words = WORD_RE.findall(unicodedata.normalize("NFC", text))
    keys = [stem(normalise(w), source) for w in words]
    out: list[str] = []
    position = 0
    for start, end, concepts in _matches(words, source, load_termbase()):
        out.extend(w for w in words[position:start] if normalise(w) not in STOPWORDS)
        key = tuple(keys[start:end])
        # The concept this phrase is the main rendering of ("kursavgift" is a fee before it is a payment).
        best = min(concepts, key=lambda c: [phrase_key(p, source) for p in c.phrases(source)].index(key))
        out.append(best.phrases(target)[0])
        position = end
    out.extend(w for w in words[position:] if normalise(w) not in STOPWORDS)
    return " ".join(out) + ("?" if text.rstrip().endswith("?") else "")


def english_gloss(chunk) -> str | None:
    """A rough English rendering of a Norwegian chunk, embedded beside it so that the English-trained
    embedding model can meet English questions there too; None for chunks already in English."""
    if chunk.language != "nb":
        return None
    return "\n".join(part for part in (chunk.title, gloss(f"{chunk.section}\n{chunk.text}", source="nb", target="en")) if part)
