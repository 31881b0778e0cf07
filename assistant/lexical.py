"""BM25 over the chunks' index text, analysed for bokmål and English, queried with weighted terms."""

from __future__ import annotations

import math

import bm25s
import numpy as np

from assistant.analysis import index_terms
from ingest.models import Chunk


# Measured on the dev questions: k1 1.2 a little better than 1.5 or 2.0; b 0.5-0.9 made no difference.
K1, B = 1.2, 0.75


class LexicalIndex:
    """Built in memory from the chunks the vector store holds, so the two never disagree."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        docs = [index_terms(_lexical_text(c), language=c.language) or [""] for c in chunks]
        self._df: dict[str, int] = {}
        for terms in docs:
            for t in set(terms):
                self._df[t] = self._df.get(t, 0) + 1
        if chunks:
            self._bm25.index(docs, show_progress=False)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms count as rare but not infinitely."""
        n = max(1, len(self.chunks))
        return math.log(1 + (n - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def scores(self, terms: dict[str, float]) -> np.ndarray:
        total = np.zeros(len(self.chunks), dtype=np.float32)
        if not self.chunks:
            return total
        for term, weight in terms.items():
            if term in self._df:
                total += weight * self._bm25.get_scores([term])
        return total

    def search(self, terms: dict[str, float], *, k: int, admit=None) -> list[tuple[int, float]]:
        """Indices into `chunks` with their scores, best first; only positive scores."""
        scores = self.scores(terms)
        order = np.argsort(-scores, kind="stable")
        out = []
        for i in order:
            if scores[i] <= 0 or len(out) >= k:
                break
            if admit is None or admit(self.chunks[i]):
                out.append((int(i), float(scores[i])))
        return out


def _lexical_text(c: Chunk) -> str:
    """The words BM25 sees of a chunk, in the chunk's own language: title, section path and text."""
    return "\n".join(part for part in (c.title, c.section, c.text) if part)
