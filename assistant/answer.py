"""The offline answerer: pick the sentences of the top passages that best answer the question, cite each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.analysis import detect_language, index_terms, query_terms
from assistant.citations import fold, make_citation
from assistant.lexical import LexicalIndex
from assistant.models import Answer, Citation, Passage
from assistant.safety import looks_like_instruction
from ingest.segment import sentence_spans

_NUMBER_Q = re.compile(r"\b(how\s+(much|many|large|big|long)|what\s+(share|percentage|amount|sum)|hvor\s+(mye|mange|stor|lang)|"
                       r"hvilken\s+(andel|sum)|beløp|amount|cap|tak|prosent|percent|andel|share|budsjett|budget)\b", re.I)
_WHEN_Q = re.compile(r"\b(when|what\s+year|når|hvilket\s+år|dato|date)\b", re.I)
_WHO_Q = re.compile(r"\b(who|whom|which\s+(organisation|company|companies)|hvem|hvilke\s+(selskap|bedrift))", re.I)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][a-zæøå]+")

TEXTS = {
    "nb": {"lead": "Dette sier dokumentene:", "none": "Dokumentene svarer ikke på dette spørsmålet.",
           "closest": "Nærmeste kilder:", "page": "s."},
    "en": {"lead": "This is what the documents say (quoted in the documents' own language):",
           "none": "The documents do not answer this question.", "closest": "Closest sources:", "page": "p."},
}


@dataclass(frozen=True)
class _Candidate:
    passage_rank: int
    passage: Passage
    start: int
    end: int
    score: float
    coverage: float


class ExtractiveAnswerer:
    def __init__(self, *, max_sentences: int = 4, passages: int = 5, threshold: float = 0.3) -> None:
        self.max_sentences = max_sentences
        self.passages = passages
        self.threshold = threshold

    def answer(self, question: str, passages: list[Passage], *, pages_of, lexical: LexicalIndex) -> Answer:
        """`pages_of(doc_id)` gives a document's stored page texts (quotes are checked against them)."""
        lang = detect_language(question)
        texts = TEXTS.get(lang, TEXTS["en"])
        candidates = self._candidates(question, passages[: self.passages], lexical)
        best = max((c.score for c in candidates), default=0.0)
        chosen = [] if best < self.threshold else self._choose(candidates, best)
        citations: list[Citation] = []
        lines: list[str] = []
        for cand in chosen:
            c = make_citation(len(citations) + 1, cand.passage.chunk, cand.start, cand.end,
                              pages_of(cand.passage.chunk.doc_id), score=cand.score)
            if c is not None:
                citations.append(c)
                lines.append(f"- {c.quote} [{c.n}]")
        if not citations:
            return self._abstain(question, passages, texts)
        return Answer(text="\n".join([texts["lead"], *lines]), citations=citations, abstained=False,
                      query=question, passages=passages)

    def _abstain(self, question: str, passages: list[Passage], texts: dict) -> Answer:
        related = []
        for p in passages[:2]:
            c = p.chunk
            related.append(f"{c.title}, {texts['page']} {c.page_start}" + (f" ({c.section})" if c.section else ""))
        text = texts["none"]
        if related:
            text += " " + texts["closest"] + " " + "; ".join(related) + "."
        return Answer(text=text, citations=[], abstained=True, query=question, passages=passages)

    def _candidates(self, question: str, passages: list[Passage], lexical: LexicalIndex) -> list[_Candidate]:
        terms = query_terms(question)
        weights = {t: w * lexical.idf(t) for t, w in terms.items()}
        own = sum(w for t, w in weights.items() if terms[t] >= 0.99) or 1.0
        wants_number = bool(_NUMBER_Q.search(question))
        wants_when = bool(_WHEN_Q.search(question))
        wants_who = bool(_WHO_Q.search(question))
        out = []
        for rank, p in enumerate(passages):
            chunk = p.chunk
            context = set(index_terms(f"{chunk.title} {chunk.section}", language=chunk.language))
            for start, end in sentence_spans(chunk.text):
                sentence = chunk.text[start:end]
                if len(sentence) < 25 or looks_like_instruction(sentence):
                    continue
                found = set(index_terms(sentence, language=chunk.language))
                coverage = min(1.0, sum(w for t, w in weights.items() if t in found) / own)
                in_context = min(1.0, sum(w for t, w in weights.items() if t in context and t not in found) / own)
                score = coverage + 0.25 * in_context + 0.1 / (1 + rank)
                if wants_number and _DIGIT.search(sentence):
                    score += 0.1
                if wants_when and _YEAR.search(sentence):
                    score += 0.1
                if wants_who and _NAME.search(sentence):
                    score += 0.05
                out.append(_Candidate(rank, p, start, end, score, coverage))
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
