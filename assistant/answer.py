"""The offline answerer: pick the sentences of the top passages that best answer the question, cite each."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.analysis import detect_language, index_terms
from assistant.citations import fold, make_citation
from assistant.compose import asked_type, asks_current, holds, introduces_list, list_lines
from assistant.lexical import LexicalIndex
from assistant.models import Answer, Citation, Passage
from assistant.safety import looks_like_instruction
from assistant.support import coverage, missing_concepts, question_concepts
from ingest.models import Chunk
from ingest.segment import sentence_spans

TEXTS = {
    "nb": {"lead": "Dette sier dokumentene:", "none": "Dokumentene svarer ikke på dette spørsmålet.",
           "closest": "Nærmeste kilder:", "page": "s.",
           "missing": "Dokumentene nevner ikke {words}.",
           "current": "Dokumentene beskriver et avsluttet program og sier ikke noe om nåværende frister, "
                      "satser eller kommende aktiviteter."},
    "en": {"lead": "This is what the documents say (quoted in the documents' own language):",
           "none": "The documents do not answer this question.", "closest": "Closest sources:", "page": "p.",
           "missing": "The documents never mention {words}.",
           "current": "The documents describe a finished programme and do not settle current deadlines, "
                      "rates or upcoming events."},
}


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
        if missing:
            words = ", ".join(f"«{c.word}»" for c in missing)
            return self._abstain(question, passages, texts, note=texts["missing"].format(words=words))
        if asks_current(asked) and kind in ("when", "number"):
            return self._abstain(question, passages, texts, note=texts["current"])
        candidates = self._candidates(question, passages[: self.passages], lexical, kind)
        best = max((c.score for c in candidates), default=0.0)
        typed_best = max((c.coverage for c in candidates if c.typed), default=0.0)
        if best < self.threshold or (kind and typed_best < self.typed_threshold):
            return self._abstain(question, passages, texts)
        citations: list[Citation] = []
        lines: list[str] = []
        seen: set[str] = set()

        def cite(chunk: Chunk, start: int, end: int, score: float) -> None:
            c = make_citation(len(citations) + 1, chunk, start, end, pages_of(chunk.doc_id), score=score)
            if c is not None and fold(c.quote).lower() not in seen:
                seen.add(fold(c.quote).lower())
                citations.append(c)
                lines.append(f"- {c.quote} [{c.n}]")

        chosen = self._choose(candidates, best)
        top = max(chosen, key=lambda c: c.score, default=None)
        for cand in chosen:
            chunk = cand.passage.chunk
            cite(chunk, cand.start, cand.end, cand.score)
            if introduces_list(chunk.text[cand.start : cand.end]):
                for item_chunk, s, e in _list_items(chunk, cand.end, neighbours):
                    cite(item_chunk, s, e, cand.score)
            elif cand is top and self.follow_on:
                # The best sentence's successor often finishes the thought (the names, the reason, the figure).
                after = _next_unit(chunk.text, cand.end)
                if after:
                    cite(chunk, *after, cand.score)
        if not citations:
            return self._abstain(question, passages, texts)
        return Answer(text="\n".join([texts["lead"], *lines]), citations=citations, abstained=False,
                      query=question, passages=passages)

    def _abstain(self, question: str, passages: list[Passage], texts: dict, *, note: str = "") -> Answer:
        related: list[str] = []
        for p in passages[:3]:
            c = p.chunk
            where = f"{c.title}, {texts['page']} {c.page_start}" + (f" ({c.section})" if c.section else "")
            if where not in related:
                related.append(where)
        text = " ".join(t for t in (texts["none"], note) if t)
        if related:
            text += " " + texts["closest"] + " " + "; ".join(related[:2]) + "."
        return Answer(text=text, citations=[], abstained=True, query=question, passages=passages)

    def _candidates(self, question: str, passages: list[Passage], lexical: LexicalIndex,
                    kind: str | None) -> list[_Candidate]:
        concepts = question_concepts(question, lexical)
        out = []
        for rank, p in enumerate(passages):
            chunk = p.chunk
            context = chunk_terms_of(f"{chunk.title} {chunk.section}", chunk.language)
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
                typed = bool(kind) and holds(sentence, kind)
                base = cov + 0.25 * in_context + 0.1 / (1 + rank)
                if _is_fragment(sentence):
                    base *= 0.6  # a table header or a cut line says little on its own
                score = base + (0.1 if typed else 0.0)  # prefer sentences holding the asked fact
                out.append(_Candidate(rank, p, start, end, score, min(1.0, cov + 0.25 * in_context), typed))
        return out

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
