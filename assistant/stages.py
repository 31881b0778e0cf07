"""Stage names: the documents name their numbered stages ("Trinn 1. Introduksjon", "Trinn 2 «Avansert»"); users
ask about "introduksjonstrinnet" or "the advanced stage". The names are read from the documents, not listed here."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from assistant.analysis import query_units
from assistant.compounds import known_parts
from assistant.termbase import LANGUAGES, STOPWORDS, load_termbase, stem

# "Trinn 1. Introduksjon", "Trinn 3; «Prosjekt»", "Trinn 2 (Spesialisering)", "Step 2: Advanced".
_NAMED = re.compile(r"\b(?:Trinn|Stage|Step|Steg)\s*([0-9])\s*[.:;,]?\s*[(«\"]?\s*([A-ZÆØÅ][a-zæøå]{3,})")
# "the advanced part", "introduksjonsdelen": a part of the course named by a stage's name is that stage (_for).
_PART_WORDS = frozenset({"part", "del", "delen"})
_STAGE_WORDS = frozenset({"trinn", "trinnet", "trinna", "trinnene", "stage", "stages", "step", "steps", "steg",
                          "steget", "level", "nivå", "nivået"}) | _PART_WORDS
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_SEEN = 2  # a name must label the same stage this often, and never another one


# The documents number their stages, phases and steps ("Trinn 1", "fase 2", "Step 3"), and the action plans' actions,
# workshops and annexes ("ACTION 2", "Vedlegg 3"); users count them in words.
# "andre" is left alone: "andre trinn" is as often "other stages" as "the second stage".
_ORDINALS = {"første": "1", "tredje": "3", "fjerde": "4", "first": "1", "second": "2", "third": "3", "fourth": "4",
             "1st": "1", "2nd": "2", "3rd": "3", "4th": "4"}
_ORDINAL_LABEL = re.compile(
    r"\b(" + "|".join(_ORDINALS) + r")\s+(trinn(?:et)?|fase(?:n)?|steg(?:et)?|stage|step|phase|action|tiltak(?:et)?|"
    r"workshop(?:en)?|annex|vedlegg(?:et)?)\b"
    r"|\b([1-4])\.\s*(trinn(?:et)?|fase(?:n)?|steg(?:et)?)\b(?!\s*\d)"  # not "kapittel 3. Trinn 2"
    r"|\b(?:det|den)\s+andre\s+(trinnet|fasen|steget)\b",  # "det andre trinnet" is the second, "andre trinn" others
    re.IGNORECASE,
)


# "the second and third steps", "andre og tredje trinn": two stages counted in words at once ("andre" is the second
# here, before "og" and another ordinal).
_PAIR_LABEL = re.compile(r"\b(første|andre|tredje|first|second|third)\s+(og|and|&)\s+(andre|tredje|fjerde|second|third|fourth)"
                         r"\s+(trinn(?:ene|a)?|fase(?:r|ne)?|steg(?:ene)?|stages?|steps?|phases?)\b", re.IGNORECASE)
_PAIR_ORDINALS = {**_ORDINALS, "andre": "2"}


def numbered_labels(text: str) -> str:
    """The text with a stage, phase or step counted in words written as the documents label it: "første trinn"
    and "the first stage" become "trinn 1" and "stage 1", "2. fase" "fase 2", "the second and third steps"
    "steps 2 and 3"."""
    text = _PAIR_LABEL.sub(lambda m: f"{m.group(4)} {_PAIR_ORDINALS[m.group(1).lower()]} {m.group(2)} "
                                     f"{_PAIR_ORDINALS[m.group(3).lower()]}", text)

    def label(m: re.Match) -> str:
        if m.group(1):
            return f"{m.group(2)} {_ORDINALS[m.group(1).lower()]}"
        if m.group(5):
            return f"{m.group(5)} 2"
        return f"{m.group(4)} {m.group(3)}"

    return _ORDINAL_LABEL.sub(label, text)

class StageNames(dict):
    """Stage name stems with their numbers, and `common`: the names the texts also use as ordinary words, more than
    COMMON_RATIO times as often as they label a stage ("prosjekt" labels Trinn 3 and means any project)."""

    common: frozenset[str] = frozenset()


COMMON_RATIO = 10


def stage_names(texts: list[str]) -> StageNames:
    """The stems of the names the texts give their numbered stages, each with its number ("introduksjon": "1"):
    only names given at least MIN_SEEN times, always to the same stage."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for m in _NAMED.finditer(text):
            name = m.group(2).lower()
            if name not in STOPWORDS:
                seen[stem(name, "nb")][m.group(1)] += 1
    names = StageNames({name: numbers.most_common(1)[0][0] for name, numbers in seen.items()
                        if len(numbers) == 1 and sum(numbers.values()) >= MIN_SEEN})
    # A stem is the start of its word: only words that begin like a name need stemming.
    prefixes = tuple(names)
    used = Counter(stem(w, "nb") for text in texts for w in map(str.lower, _WORD.findall(text))
                   if len(w) >= 4 and w.startswith(prefixes)) if prefixes else Counter()
    names.common = frozenset(n for n in names if used[n] > COMMON_RATIO * sum(seen[n].values()))
    return names


def with_stage_numbers(question: str, names: dict[str, str]) -> str:
    """The question with its stages numbered as the documents number them: counted in words (numbered_labels), or
    named by name ("introduksjonstrinnet", "the advanced stage", "Avansert-trinnet"), which gets "(trinn N)" after
    it. Unchanged when it names none."""
    question = numbered_labels(question)
    if not names:
        return question
    words = list(_WORD.finditer(question))
    inserts: list[tuple[int, str]] = []
    for i, w in enumerate(words):
        lower = w.group().lower()
        name = None
        parts = known_parts(lower) if len(lower) >= 8 else ()
        if len(parts) >= 2 and parts[-1].lower() in _STAGE_WORDS:
            name = _named(parts[0], _for(parts[-1], names))  # "introduksjonstrinnet"
        elif i + 1 < len(words) and words[i + 1].group().lower() in _STAGE_WORDS:
            name = _named(lower, _for(words[i + 1].group(), names))  # "the introduction stage", "Avansert trinn"
        if name and not re.search(rf"\b(?:trinn|stage|step|steg)\s*{name}\b", question, re.IGNORECASE):
            end = words[i + 1].end() if not parts and i + 1 < len(words) else w.end()
            inserts.append((end, f" (trinn {name})"))
    for at, text in sorted(inserts, reverse=True):
        question = question[:at] + text + question[at:]
    return question


def _for(stage_word: str, names: dict[str, str]) -> dict[str, str]:
    """The names a stage word may follow: "part" or "delen" only after a name that is no common word ("the
    advanced part", not "prosjektdelen")."""
    if stage_word.lower() not in _PART_WORDS:
        return names
    common = getattr(names, "common", frozenset())
    return {name: number for name, number in names.items() if name not in common}


def _named(word: str, names: dict[str, str]) -> str | None:
    """The stage number a word names, in Norwegian or through a rendering of it ("advanced" is "avansert")."""
    if word in STOPWORDS:
        return None
    terms = {stem(word, "nb"), stem(word, "en"), *(t for unit in query_units(word) for t in unit)}
    found = {names[t] for t in terms if t in names}
    if not found and len(word) >= 5 and not any(word in load_termbase().words(lang) for lang in LANGUAGES):
        # Clipped ("intro"), unless it is a word of its own ("videre" is no "videregående").
        found = {number for name, number in names.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None
