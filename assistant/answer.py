"""The offline answerer: pick the sentences of the top passages that best answer the question, cite each."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.analysis import detect_language, index_terms
from assistant.citations import fold, make_citations
from assistant.compose import (
    asked_type,
    asked_unit,
    asks_several,
    given_numbers,
    holds,
    introduces_list,
    list_lines,
)
from assistant.disagree import disagreeing, stated
from assistant.lexical import LexicalIndex
from assistant.models import Answer, Citation, Passage
from assistant.safety import looks_like_instruction
from assistant.support import (
    Anchor,
    anchored,
    anchors,
    coverage,
    missing_concepts,
    question_concepts,
)
from assistant.timebound import TOPICS, newest_year, unsettled
from assistant.wording import TEXTS
from ingest.models import Chunk
from ingest.segment import sentence_spans

# Kinds of fact a sentence can be checked for; names of things ("what is stage 2 called?") cannot.
_CHECKED_KINDS = ("number", "when", "person")
_TYPED_BONUS = 0.2  # measured on dev: 0.15-0.3 alike, 0.1 drops sentences holding the figure
# A sentence giving a rival figure must match the question about as well as the typed check asks of an answer
# (a different wording of the same fact covers fewer question words: "registrerte 113" for "deltok").
_RIVAL_SHARE = 0.55
_RIVAL_FLOOR = 0.4
# What a figure counts must be a word of the question that most passages lack (idf): "bedrifter" stands next to
# every figure in these documents, "kursavgift" or "masteroppgaver" says which figure it is.
_DISTINCT = 1.0
_TIMED_SENTENCES = 3


@dataclass(frozen=True)
class _Fact:
    """What the question asks for: the kind of fact, its unit, the numbers it gives itself, and the names the
    fact must be stated about."""

    kind: str | None
    unit: str | None
    given: frozenset[str]
    anchors: tuple[Anchor, ...]


@dataclass(frozen=True)
class _Candidate:
    passage_rank: int
    passage: Passage
    start: int
    end: int
    score: float
    coverage: float
    typed: bool


_TOC_LINE = re.compile(r"(?:\bs\.|\bp\.|\bpage|\.{3,})\s*\d{1,3}\s*$", re.IGNORECASE)


def _is_fragment(sentence: str) -> bool:
    text = sentence.strip()
    return text[-1:] not in ".!?:»\"”)" and len(text.split()) < 10


@functools.lru_cache(maxsize=16384)
def chunk_terms_of(text: str, language: str) -> frozenset[str]:
    return frozenset(index_terms(text, language=language))


class ExtractiveAnswerer:
    def __init__(self, *, max_sentences: int = 4, passages: int = 5, threshold: float = 0.3,
                 typed_threshold: float = 0.0, follow_on: bool = True) -> None:
        self.follow_on = follow_on
        self.max_sentences = max_sentences
        self.passages = passages
        self.threshold = threshold
        self.typed_threshold = typed_threshold

    def answer(self, question: str, passages: list[Passage], *, pages_of, lexical: LexicalIndex,
               asked: str | None = None, neighbours=None) -> Answer:
        """`question` is the standalone query; `asked` the user's own words (language, asked fact; default
        the query). `pages_of(doc_id)` gives a document's stored page texts (quotes are checked against
        them); `neighbours(chunk)` the chunks before and after it, where a list may continue."""
        asked = asked or question
        lang = detect_language(asked)
        texts = TEXTS.get(lang, TEXTS["en"])
        kind = asked_type(asked)
        missing = missing_concepts(question_concepts(asked, lexical))
        timebound = unsettled(asked, kind=kind, missing=[c.word for c in missing])
        if missing and timebound is None:
            words = ", ".join(f"«{c.word}»" for c in missing)
            return self._abstain(question, passages, texts, note=texts["missing"].format(words=words))
        timed = ""
        if timebound is not None:
            # Time-bound questions are never answered outright; what the documents say about the programme as it
            # ran is still shown when it answers the rest of the question.
            topic, year = timebound
            newest = newest_year([p.chunk.date for p in passages])
            timed = texts["unsettled"].format(what=TOPICS[lang if lang in TOPICS else "en"][topic].format(year=year),
                                              newest=texts["newest"].format(year=newest) if newest else "")
            if kind in ("number", "when") or topic in ("rate", "deadline"):
                # A past figure or date beside "this year's" question is too easily read as the answer: a wrong
                # grant figure is worse than none, so these get the statement and the closest sources only.
                return self._abstain(question, passages, texts, note=timed, lead=False)
        fact = _Fact(kind, asked_unit(asked), given_numbers(f"{question} {asked}"), tuple(anchors(asked, lexical)))
        candidates = self._candidates(question, passages[: self.passages], lexical, fact)
        best = max((c.score for c in candidates), default=0.0)
        if best < self.threshold:
            return self._abstain(question, passages, texts, note=timed)
        if kind in _CHECKED_KINDS and self.typed_threshold:
            # The passages talk about the subject; the asked figure, date or name must be stated about it too,
            # in a sentence that matches the question nearly as well as the best one does.
            covered = max(c.coverage for c in candidates)
            typed_best = max((c.coverage for c in candidates if c.typed), default=0.0)
            share = self.typed_threshold / 2 if asks_several(asked) else self.typed_threshold
            if typed_best < share * covered:
                return self._abstain(question, passages, texts, note=timed or texts["unstated"][kind])
        citations: list[Citation] = []
        lines: list[str] = []
        seen: set[str] = set()

        def cite(chunk: Chunk, start: int, end: int, score: float) -> Citation | None:
            # A sentence a page break cuts gets one citation per page, on one line.
            parts = make_citations(len(citations) + 1, chunk, start, end, pages_of(chunk.doc_id), score=score)
            if parts and fold(parts[0].quote).lower() not in seen:
                seen.update(fold(c.quote).lower() for c in parts)
                citations.extend(parts)
                lines.append("- " + " ".join(c.quote for c in parts) + " " + "".join(f"[{c.n}]" for c in parts))
                return parts[0]
            return None

        rivals = dict(self._rivals(candidates, asked, lexical, fact)) if kind == "number" else {}
        if timed and kind in _CHECKED_KINDS:
            # Beside a time-bound question only sentences that state the asked kind of fact are relevant.
            covered = max(c.coverage for c in candidates)
            candidates = [c for c in candidates if c.typed and c.coverage >= self.typed_threshold * covered]
            best = max((c.score for c in candidates), default=0.0)
        chosen = self._choose(candidates, best)
        if timed:
            chosen = sorted(chosen, key=lambda c: -c.score)[:_TIMED_SENTENCES]  # context, kept short
        chosen = sorted({(c.passage.chunk.id, c.start): c for c in [*chosen, *rivals]}.values(),
                        key=lambda c: (c.passage_rank, c.start))
        top = max(chosen, key=lambda c: c.score, default=None)
        differ: list[str] = []
        for cand in chosen:
            chunk = cand.passage.chunk
            first = cite(chunk, cand.start, cand.end, cand.score)
            if first is not None and cand in rivals:
                differ.append(f"{rivals[cand]} [{first.n}] ({_short(chunk.title)}, {texts['page']} {first.page})")
            if introduces_list(chunk.text[cand.start : cand.end]):
                for item_chunk, s, e in _list_items(chunk, cand.end, neighbours):
                    cite(item_chunk, s, e, cand.score)
            elif cand is top and self.follow_on:
                # The best sentence's successor often finishes the thought (the names, the reason, the figure).
                after = _next_unit(chunk.text, cand.end)
                if after:
                    cite(chunk, *after, cand.score)
        if not citations:
            return self._abstain(question, passages, texts, note=timed)
        if timed:
            return Answer(text="\n".join([timed, texts["as_ran"], *lines]), citations=citations, abstained=True,
                          query=question, passages=passages)
        head = [texts["lead"]]
        if len(differ) >= 2:
            head.append(texts["differ"].format(figures="; ".join(differ)))
        return Answer(text="\n".join([*head, *lines]), citations=citations, abstained=False,
                      query=question, passages=passages)

    def _abstain(self, question: str, passages: list[Passage], texts: dict, *, note: str = "",
                 lead: bool = True) -> Answer:
        related: list[str] = []
        for p in passages[:3]:
            c = p.chunk
            where = f"{c.title}, {texts['page']} {c.page_start}" + (f" ({c.section})" if c.section else "")
            if where not in related:
                related.append(where)
        text = " ".join(t for t in (texts["none"] if lead else "", note) if t)
        if related:
            text += " " + texts["closest"] + " " + "; ".join(related[:2]) + "."
        return Answer(text=text, citations=[], abstained=True, query=question, passages=passages)

    def _candidates(self, question: str, passages: list[Passage], lexical: LexicalIndex,
                    fact: _Fact) -> list[_Candidate]:
        concepts = question_concepts(question, lexical)
        out = []
        for rank, p in enumerate(passages):
            chunk = p.chunk
            context = chunk_terms_of(f"{chunk.title} {chunk.section}", chunk.language)
            where = f"{chunk.title} {chunk.section}"
            headings = {fold(h).lower() for h in chunk.section.split(" > ")}
            units = sentence_spans(chunk.text)
            for i, (start, end) in enumerate(units):
                sentence = chunk.text[start:end]
                found = chunk_terms_of(sentence, chunk.language)
                if fold(sentence).lower() in headings:
                    # A heading that matches stands for its section: score it with the sentence after it,
                    # and quote that sentence (which brings its list when it introduces one).
                    if i + 1 >= len(units):
                        continue
                    start, end = units[i + 1]
                    sentence = chunk.text[start:end]
                    found = found | chunk_terms_of(sentence, chunk.language)
                if len(sentence) < 25 or looks_like_instruction(sentence) or _TOC_LINE.search(sentence):
                    continue
                cov = coverage(concepts, found)
                in_context = max(0.0, coverage(concepts, found | context) - cov)
                typed = bool(fact.kind) and holds(sentence, fact.kind, unit=fact.unit, given=fact.given) and all(
                    anchored(a, f"{where} {_heading_before(chunk.text, units, i)} {sentence}") for a in fact.anchors)
                base = cov + 0.25 * in_context + 0.1 / (1 + rank)
                if _is_fragment(sentence):
                    base *= 0.6  # a table header or a cut line says little on its own
                score = base + (_TYPED_BONUS if typed else 0.0)  # prefer sentences holding the asked fact
                out.append(_Candidate(rank, p, start, end, score, min(1.0, cov + 0.25 * in_context), typed))
        return out

    def _rivals(self, candidates: list[_Candidate], asked: str, lexical: LexicalIndex,
                fact: _Fact) -> list[tuple[_Candidate, str]]:
        """The sentences that give different figures for the asked thing, each with its figure; empty
        when the sentences that answer the question best agree or state no comparable figure."""
        typed = [c for c in candidates if c.typed]
        if not typed:
            return []
        floor = max(_RIVAL_FLOOR, _RIVAL_SHARE * max(c.coverage for c in typed))
        # The names and labels the user's own question gives (Trinn 1, Thams Innovasjon) must be in the sentence
        # itself: a figure for another stage or company is not a rival, however well its section matches. What
        # the figure counts must be a word of the question, not just one of those names.
        concepts = question_concepts(asked, lexical)
        words = frozenset().union(*(c.terms for c in concepts if c.kind == "word" and c.weight >= _DISTINCT))
        names = [c.terms for c in concepts if c.kind in ("name", "number") and c.known]
        pool, statements, seen = [], [], set()
        for cand in sorted(typed, key=lambda c: -c.score):
            if cand.coverage < floor:
                continue
            chunk = cand.passage.chunk
            text = fold(chunk.text[cand.start : cand.end])
            terms = chunk_terms_of(text, chunk.language)
            # A table row gives a breakdown (per year, per participant), not the figure a sentence states.
            if text.lower() in seen or " | " in text or not all(n & terms for n in names):
                continue
            seen.add(text.lower())
            pool.append(cand)
            statements.append(stated(text, unit=fact.unit, given=fact.given, asked=words,
                                     terms_of=lambda t, lang=chunk.language: chunk_terms_of(t, lang)))
        return [(pool[i], statements[i].figure) for i in disagreeing(statements)]

    def _choose(self, candidates: list[_Candidate], best: float) -> list[_Candidate]:
        picked: list[_Candidate] = []
        seen: list[str] = []
        for cand in sorted(candidates, key=lambda c: -c.score):
            if len(picked) >= self.max_sentences or cand.score < max(self.threshold, 0.6 * best):
                break
            text = fold(cand.passage.chunk.text[cand.start : cand.end]).lower()
            if any(text in s or s in text for s in seen):
                continue
            seen.append(text)
            picked.append(cand)
        return sorted(picked, key=lambda c: (c.passage_rank, c.start))


def _short(title: str) -> str:
    return title.split(" – ")[0].strip()


def _heading_before(text: str, units: list[tuple[int, int]], i: int, *, back: int = 3) -> str:
    """The heading-like line (short, no closing full stop) a few units above unit i, or "": a fact stated
    under "Kunst&Kaos (Kultur)" is about Kunst&Kaos even when the sentence does not name it, while a name in
    an earlier sentence may be about something else."""
    for s, e in reversed(units[max(0, i - back) : i]):
        unit = text[s:e].strip()
        if len(unit) <= 60 and unit[-1:] not in ".!?:;,":
            return unit
    return ""


def _next_unit(text: str, end: int) -> tuple[int, int] | None:
    units = sentence_spans(text, end)
    if not units:
        return None
    s, e = units[0]
    unit = text[s:e]
    if len(unit) < 25 or _is_fragment(unit) or looks_like_instruction(unit) or _TOC_LINE.search(unit):
        return None
    return s, e


def _list_items(chunk: Chunk, start: int, neighbours) -> list[tuple[Chunk, int, int]]:
    """The list lines after a sentence ending in ":", read on into the next chunk when the list runs
    past this one (the chunks overlap, so repeated lines are dropped by the caller)."""
    spans, open_ended = list_lines(chunk.text, start)
    items = [(chunk, s, e) for s, e in spans]
    if open_ended and neighbours is not None:
        following = neighbours(chunk)[1]
        if following is not None:
            more, _ = list_lines(following.text, 0, limit=max(1, 12 - len(items)))
            tail = {fold(chunk.text[s:e]) for s, e in spans}
            items += [(following, s, e) for s, e in more if fold(following.text[s:e]) not in tail]
    return items
