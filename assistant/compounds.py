"""Norwegian compounds: their known parts, and those parts' renderings in English."""

from __future__ import annotations

import functools

from assistant.termbase import (
    COMMON_PARTS,
    STOPWORDS,
    load_termbase,
    other_language,
    stem,
)

INFLECTION_ENDINGS = frozenset("""
- e a s t en er et te ar ane ene ens ets ers ere erne ernes enes es
""".split()) | {""}


# Termbase words that begin other words without being their first part: "uten" (without) in "utenlands".
_NOT_PARTS = frozenset({"uten"})


@functools.lru_cache(maxsize=1)
def _compound_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    parts = {w for w in COMMON_PARTS | load_termbase().nb_words()
             if len(w) >= 3 and w not in STOPWORDS and w not in _NOT_PARTS}
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


def compound_tail(rest: str) -> bool:
    """Whether `rest` may end a compound after a name: a known part or parts, after a hyphen or a linking s or e
    ("regionen" in "Rørosregionen", "-nettverket")."""
    parts, part_stems = _compound_vocabulary()
    for tail in dict.fromkeys((rest.lstrip("-"), rest[1:] if rest[:1] in ("s", "e") else "")):
        if len(tail) >= 3 and (tail in parts or tail in part_stems or _inflected_part(tail, part_stems)
                               or split_compound(tail)):
            return True
    return False


def _inflected_part(word: str, part_stems: frozenset[str]) -> bool:
    """Whether the word is a known part with an inflection ending: "gruppa", "innsatsen", not "takelse"
    (the stemmer strips the derivation -else, but "deltakelse" is no "del" + "tak")."""
    stemmed = stem(word, "nb")
    if stemmed in part_stems and word.startswith(stemmed) and word[len(stemmed):] in INFLECTION_ENDINGS:
        return True
    parts, _ = _compound_vocabulary()
    return any(word.endswith(e) and word[:len(word) - len(e)] in parts for e in INFLECTION_ENDINGS if e)


@functools.lru_cache(maxsize=10_000)
def compound_renderings(word: str, language: str) -> tuple[tuple[str, str], ...]:
    """(language, phrase) renderings, in the other language, of the known parts of a Norwegian compound
    ("digitaliseringspolitikk": digitalisation, policy)."""
    if language != "nb" or len(word) < 6 or word in STOPWORDS:
        return ()
    termbase = load_termbase()
    target = other_language(language)
    out: dict[tuple[str, str], None] = {}
    parts = known_parts(word)
    if first_part_only(word, parts):
        return ()  # "regiondirektør" is no kind of region: its rest, which nobody renders, says what it is
    for part in parts:
        for concept in termbase.lookup((stem(part, language),), language):
            out.update(dict.fromkeys((target, phrase) for phrase in concept.phrases(target)))
    return tuple(out)


# Endings of derivations, which a known word followed by them does not make a compound of: "regelmessig".
SUFFIXES = ("isering", "ering", "ing", "else", "het", "lig", "isk", "sjon", "itet", "ende", "ert", "messig", "sakelig",
            "gående")
# Particles that make derived words rather than compounds: "gjennomføring" is no kind of "føring".
PARTICLES = ("gjennom", "mellom", "under", "over", "opp", "inn", "fram", "frem", "til", "ut", "av")


@functools.lru_cache(maxsize=100_000)
def known_parts(word: str) -> tuple[str, ...]:
    """The parts of a Norwegian compound to search by: all of them when split_compound knows them all, else the
    last part when it is a common compound part ("stifteroboten": a kind of robot, as Norwegian compounds are
    headed at the end) or a known first part before a long unknown rest ("pandemikompenserende": pandemi), which
    finds the word but does not say it (first_part_only)."""
    if parts := split_compound(word):
        return parts
    known, _ = _compound_vocabulary()
    for cut in range(5, len(word) - 4):
        head, tail = word[:cut], word[cut:]
        if len(head.removesuffix("s")) < 5 or head.endswith(PARTICLES):
            continue
        if tail in COMMON_PARTS or any(tail.endswith(e) and tail[:-len(e)] in COMMON_PARTS for e in INFLECTION_ENDINGS if e):
            return (tail,)
    for cut in range(len(word) - 6, 4, -1):
        head, rest = word[:cut], word[cut:]
        if head in known and not rest.startswith(SUFFIXES) and len(rest.lstrip("se")) >= 6:
            return (head,)
    return ()


def first_part_only(word: str, parts: tuple[str, ...]) -> bool:
    """Whether known_parts gave only the word's first part, its rest unknown ("regiondirektør": region): the
    compound is a kind of its rest, so the first part alone finds it but does not say it."""
    return len(parts) == 1 and word.startswith(parts[0])
