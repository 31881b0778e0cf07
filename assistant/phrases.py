"""Termbase phrases in running text: finding them, and glossing text word by word into the other language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from assistant.language import detect_language
from assistant.termbase import (
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


def words(text: str) -> list[re.Match]:
    return list(WORD_RE.finditer(unicodedata.normalize("NFC", text)))


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence or a quote, where a capital says nothing of a name."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".?!:(«\"'"


def lookup_words(matched: list[re.Match]) -> list[str]:
    """The words to look up in the termbase: a capitalised word written with a plus ("Skills+") is a programme's
    name, kept with its plus so that no row reads it as a common word (skills, kompetanse)."""
    return [w.group() + "+" if w.group()[:1].isupper() and w.string[w.end() : w.end() + 1] == "+" else w.group()
            for w in matched]


def name_runs(words: list[str]) -> list[tuple[int, int]]:
    """Runs of two or more capitalised words, none a function word, as (start, end): a company's or a
    place's name ("Weld Partner", "Thams Innovasjon"), which is not to be translated word by word ("Weld"
    is no welding). None in a text written in title case, where capitals say nothing."""
    capital = [w[:1].isupper() and w.lower() not in STOPWORDS for w in words]
    capitals = sum(w[:1].isupper() for w in words[1:])
    if capitals >= 4 and capitals > 0.6 * (len(words) - 1):
        return []
    runs, i = [], 0
    while i < len(words):
        j = i
        while j < len(words) and capital[j]:
            j += 1
        if j - i >= 2:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


# Degree words a phrase may hold without changing what it names: "worked so well" is "worked well".
INTENSIFIERS = frozenset({"so", "very", "really", "quite", "particularly", "especially", "extremely", "veldig",
                          "svært", "særlig", "spesielt", "ganske", "meget", "utrolig", "helt"})


def matches(words: list[str], language: str, termbase: Termbase, *,
            skip: frozenset[str] = frozenset()) -> Iterator[tuple[int, int, list[Concept]]]:
    """Longest termbase phrases in the words, left to right, as (start, end, concepts); a word of `skip` inside
    a phrase is passed over ("worked so well"). Inside a name (see `name_runs`) only phrases of several words
    count: "County Council" of "Trøndelag County Council", but not "Weld" of "Weld Partner"."""
    keys = [stem(w.lower(), language) for w in words]
    within = {k: run for run in name_runs(words) for k in range(*run)}
    i = 0
    while i < len(keys):
        for length in range(min(termbase.longest, len(keys) - i), 0, -1):
            if length == 1 and i in within:
                continue
            taken = _positions(words, i, length, skip)
            if len(taken) < length:
                continue
            if length > 1 and words[i].lower() in _PAYS and words[taken[-1]].lower() == "for" \
                    and taken[-1] + 1 < len(words) and words[taken[-1] + 1].lower() == "å":
                continue  # "betale for å delta" pays to take part (a sum), not "betale for" (financing)
            concepts = termbase.lookup(tuple(keys[k] for k in taken), language)
            if length == 1 and words[i].lower() in STOPWORDS:
                # A function word is only ever itself: a row it is written in that renders it as function words
                # ("hva": "what") or an abbreviation written as one ("IT", not "it" or "its"). Norwegian "var" (was)
                # is not the stem of "varighet" (duration), "vår" (our) not spring, "nå" (now) not "nådde", English
                # "further" not "advanced".
                target = other_language(language)
                concepts = [c for c in concepts if any(_written_as(words[i], p) for p in c.phrases(language))
                            and (words[i].isupper() or all(_function_words(p) for p in c.phrases(target)))]
            if concepts:
                yield i, taken[-1] + 1, concepts
                i = taken[-1] + 1
                break
        else:
            i += 1


# Paying verbs: "betale for X" is paying for X, "betale for å delta" paying (a fee) to take part.
_PAYS = frozenset({"betale", "betaler", "betalte", "betalt"})


def _positions(words: list[str], start: int, length: int, skip: frozenset[str]) -> list[int]:
    """The positions of `length` words from `start` on, passing over words of `skip` after the first."""
    taken, k = [start], start + 1
    while len(taken) < length and k < len(words):
        if words[k].lower() not in skip:
            taken.append(k)
        k += 1
    return taken


def _function_words(phrase: str) -> bool:
    return all(w.lower() in STOPWORDS for w in WORD_RE.findall(phrase))


def _written_as(word: str, phrase: str) -> bool:
    return word == phrase if phrase.isupper() else word.lower() == phrase.lower()


def concept_matches(words: list[str], source: str) -> Iterator[tuple[int, int, list[Concept]]]:
    """Termbase phrases among the words, in the question's language or, written exactly as in the
    termbase, in the other one (an English question about "Trinn 2")."""
    termbase = load_termbase()
    target = other_language(source)
    taken: set[int] = set()
    for start, end, concepts in matches(words, source, termbase, skip=INTENSIFIERS):
        taken.update(range(start, end))
        yield start, end, concepts
    for start, end, concepts in matches(words, target, termbase, skip=INTENSIFIERS):
        # A foreign word must be written as in the termbase: English "take" is not Norwegian "tak"; and a word
        # the question's own language already reads is not read again as the other's ("need more time" is no
        # Norwegian "time", an hour).
        if taken.intersection(range(start, end)):
            continue
        if not all(w.lower() in termbase.words(target) for w in words[start:end]):
            continue
        yield start, end, concepts


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
    for start, end, concepts in matches(words, source, load_termbase()):
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
