"""Turn an elliptical follow-up ("Og på trinn 2/3?", "What about Thams Innovasjon?") into a standalone query."""

from __future__ import annotations

import re

from assistant.models import Turn
from assistant.stages import numbered_labels
from assistant.termbase import LANGUAGES, STOPWORDS, load_termbase, stem
from assistant.wording import TEXTS

# The words a follow-up opens on ("And ...?", "What about ...?", "Og ...?", "Hva med ...?").
_CUE = r"(?:and|or|but|what\s+about|how\s+about|og|eller|men|hva\s+med|enn|samme\s+for)"
_FOLLOW_UP = re.compile(
    rf"^\s*(?:{_CUE}|same\s+for)\b"
    r"|\b(it|that|this|they|them|those|its|their|det|den|dette|disse|de|dem|deres|dens|dets)\b"
    r"|\b(there|der|dit|her)\s*[?.!]*\s*$",  # "Hvor mange deltok der?": a place named before
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def is_follow_up(question: str) -> bool:
    words = _WORD.findall(question)
    return len(words) <= 4 or bool(_FOLLOW_UP.search(question))


_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-ZÆØÅ][\w&+-]*(?:\s+[A-ZÆØÅ][\w&+-]*)*")
# Pointing back at someone or at things the answer named ("those events", "disse arrangementene"): its names join.
_PRONOUN = re.compile(r"\b(they|them|their|he|she|him|her|de|dem|deres|han|hun|ham|henne|those|these|disse)\b",
                      re.IGNORECASE)


_OPENING_NAME = re.compile(r"(?:^|(?<=[.!?:]\s))[A-ZÆØÅ][\w&+-]*(?:\s+[A-ZÆØÅ][\w&+-]*)*")


def _answer_names(answer: str) -> list[str]:
    """The names an answer gives: capitalised words inside its sentences, and one opening a sentence when it is no
    word of either language in any inflection ("Proneo. It got approval ...", not "Because ...", "Dokumentene ..."
    or "Seven ...")."""
    if any(answer.lstrip().startswith(texts["none"]) for texts in TEXTS.values()):
        return []  # a refusal names only the closest sources
    termbase = load_termbase()
    openings = []
    for m in _OPENING_NAME.finditer(answer):
        first = m.group().split()[0].lower()
        if first not in STOPWORDS and not any(first in termbase.words(lang) or termbase.lookup((stem(first, lang),), lang)
                                              for lang in LANGUAGES):
            openings.append((m.start(), m.end(), m.group()))
    found = [(m.start(), m.group()) for m in _NAME.finditer(answer)
             if not any(a <= m.start() < b for a, b, _ in openings)]  # "Proneo Consulting", not also "Consulting"
    return [name for _, name in sorted(found + [(a, name) for a, _, name in openings])]


def contextualize(question: str, history: list[Turn], *, max_turns: int = 2, max_names: int = 4) -> str:
    """The question, preceded by the earlier user turns it leans on, and by the names of the last answer when
    the question points back at someone ("What did they come up with?"); unchanged when it stands alone."""
    earlier = [t.content.strip() for t in history if t.role == "user" and t.content.strip()]
    # In a conversation, a question that names nothing of its own ("What did the test runs reveal?", "Hva er
    # kostnadsanslaget, og hvem skal betale?") is about what was asked before.
    if not earlier or (not is_follow_up(question) and _NAME.search(question)):
        return question
    # The last earlier question that is more than "and on stage 2?": a chain of such follow-ups swaps into it.
    full = next((q for q in reversed(earlier) if not _WHAT_ABOUT_LABEL.match(q)), None)
    if full is not None and (swapped := _swap_label(question, numbered_labels(full))):
        return swapped
    if swapped := _swap_name(question, earlier[-1]):
        return swapped
    names: list[str] = []
    answers = [t.content for t in history if t.role == "assistant" and t.content.strip()]
    if answers:
        question = _resolve_ordinal(question, answers[-1])
    if answers and _PRONOUN.search(question):
        asked_before = " ".join(earlier)
        for name in _answer_names(answers[-1]):
            if name not in names and name not in asked_before:
                names.append(name)
    context = " ".join([*earlier[-max_turns:], *names[:max_names]])
    return f"{context} {question.strip()}"


# "Og på trinn 2/3?", "What about stage 2?", "And phase 2?": a cue and nothing but a numbered label.
_WHAT_ABOUT_LABEL = re.compile(
    rf"^\s*(?:{_CUE}\s+)*{_CUE}(?:\s+(?:what|hva))?"
    r"(?:\s+(?:about|med|for|in|on|at|i|på|om))?\s+(?:the\s+)?(?P<label>%s)\s*[?.!]*\s*$")
_LABEL = (r"(?P<word>trinn(?:et)?|fase(?:n)?|steg(?:et)?|stage|step|phase)\s+(?P<number>\d(?:\s*(?:/|-|og|and|&)\s*\d)*)")
_WHAT_ABOUT_LABEL = re.compile(_WHAT_ABOUT_LABEL.pattern % _LABEL, re.IGNORECASE)
_ANY_LABEL = re.compile(r"\b" + _LABEL + r"\b", re.IGNORECASE)
_FAMILY = {"trinn": "stage", "trinnet": "stage", "stage": "stage", "step": "stage", "steg": "stage",
           "steget": "stage", "fase": "phase", "fasen": "phase", "phase": "phase"}


def _swap_label(question: str, earlier: str) -> str | None:
    """The earlier question about another stage or phase, asked about the one a bare follow-up names ("Hva skjedde
    på Trinn 1?" then "Og på trinn 2/3?" is "Hva skjedde på trinn 2/3?"), or None: an ellipsis repeats the earlier
    question with one thing changed, and the thing it replaces must not steer the search."""
    asked = _WHAT_ABOUT_LABEL.match(question)
    if not asked:
        return None
    family = _FAMILY[asked.group("word").lower()]
    olds = [m for m in _ANY_LABEL.finditer(earlier) if _FAMILY[m.group("word").lower()] == family]
    if len(olds) != 1:
        return None
    old = olds[0]
    return f"{earlier[: old.start()]}{asked.group('label')}{earlier[old.end() :]}"


# "What about Thams Innovasjon?", "Og Proneo?": a cue and nothing but a name.
_WHAT_ABOUT_NAME = re.compile(
    rf"^\s*(?i:(?:{_CUE})\s+)+(?i:(?:for|med|om|i|hos)\s+)?"
    r"(?P<name>[A-ZÆØÅ][\w&+-]*(?:\s+[A-ZÆØÅ][\w&+-]*)*)\s*[?.!]*\s*$")


def _swap_name(question: str, earlier: str) -> str | None:
    """The earlier question asked about the name a bare follow-up gives, when it named one thing only ("How many
    companies did Rørosregionen Næringshage have?" then "What about Thams Innovasjon?" is "How many companies did
    Thams Innovasjon have?"), or None: the name it replaces must not steer the search."""
    asked = _WHAT_ABOUT_NAME.match(question)
    if not asked:
        return None
    # A stage or an action is no name ("Trinn 1", "Action 2"): the follow-up asks about a company or a fund.
    olds = [m for m in _NAME.finditer(earlier) if not re.match(r"\s*\d", earlier[m.end() :])]
    if len(olds) != 1 or olds[0].group() == asked.group("name"):
        return None
    old = olds[0]
    return f"{earlier[: old.start()]}{asked.group('name')}{earlier[old.end() :]}"


# "What's the timeframe for the second one?", "hva med den første?" after an answer listing "Action 1 ... Action 2":
# the ordinal points at one of the numbered things the answer named.
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "første": 1, "andre": 2, "tredje": 3, "fjerde": 4}
_ORDINAL = re.compile(r"\b(?:the|den|det)\s+(first|second|third|fourth|første|andre|tredje|fjerde)"
                      r"(?:\s+(one|action|tiltaket))?(?=\s*(?:[?.!,]|$))", re.IGNORECASE)
_NOT_NUMBERED = frozenset({"page", "side", "s", "p"})  # an answer's own note on differing figures cites pages
_NUMBERED = re.compile(r"\b([A-ZÆØÅ]?[a-zæøå]+|[A-ZÆØÅ]+)\s+(\d)\b")


def _resolve_ordinal(question: str, answer: str) -> str:
    """The question with "the second one" replaced by the numbered thing of the last answer it points at
    ("Action 2"), when the answer numbers two or more things with one word; else unchanged."""
    if not (m := _ORDINAL.search(question)):
        return question
    numbered: dict[str, set[int]] = {}
    for word, number in _NUMBERED.findall(answer):
        numbered.setdefault(word, set()).add(int(number))
    wanted = _ORDINALS[m.group(1).lower()]
    # Only a standalone ordinal ("the second one?", "den andre?") or one naming the numbered word ("the second action"):
    # "the first company", "det andre prosjektet" or "på den andre siden" point at nothing numbered.
    words = [w for w, ns in numbered.items() if len(ns) >= 2 and wanted in ns
             and w.lower() not in _NOT_NUMBERED
             and (m.group(2) is None or m.group(2).lower() == "one" or w.lower().startswith(m.group(2).lower()[:6]))]
    if len(words) != 1:
        return question
    return f"{question[: m.start()]}{words[0]} {wanted}{question[m.end() :]}"
