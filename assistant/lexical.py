"""BM25 over the chunks' index text, analysed for bokmål and English, queried with weighted terms."""

from __future__ import annotations

import bisect
import math
import unicodedata

import bm25s
import numpy as np

from assistant.analysis import QueryConcept, query_concepts, text_terms
from assistant.compounds import compound_tail
from assistant.termbase import LANGUAGES, NEGATION_TERM
from ingest.models import Chunk

# Measured on the dev questions: k1 1.2 a little better than 1.5 or 2.0; b 0.5-0.9 made no difference.
K1, B = 1.2, 0.75
# How much of a concept's weight a chunk gets for a word nobody translated into the chunk's language: it can neither
# have the word nor be blamed for lacking it. Measured on dev MRR@10: 0.5 .633, 0 .614, 1.0 .616, left out .628.
UNRENDERED_CREDIT = 0.5
# How much of a concept's weight a chunk gets for a rendering only the chunk before or after it in the same section
# has: a passage split by the chunker ("evalueringen" in one chunk, "Det ble besluttet å slå sammen Trinn 2 og 3" in
# the next) still answers a question naming both. Measured on dev, extra and probes a-f: 0.2 and 0.3 about alike
# (+6 passages or citations, -3), 0.5 lost extra hit@5; across section borders lost extra hit@5 too.
NEIGHBOUR_CREDIT = 0.3


class LexicalIndex:
    """Built in memory from the chunks the vector store holds, so the two never disagree."""

    def __init__(self, chunks: list[Chunk], terms: list[list[str]] | None = None) -> None:
        """`terms`, when given, are the chunks' analysed terms (`analyse(chunk)` for each, from a cache)."""
        self.chunks = chunks
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        docs = [t or [""] for t in terms] if terms is not None else [analyse(c) or [""] for c in chunks]
        self._terms = {c.id: frozenset(terms) for c, terms in zip(chunks, docs, strict=True)}
        self._positions: dict[str, int] | None = None
        self._folded: dict[str, str] | None = None
        self._df: dict[str, int] = {}
        for chunk_terms in self._terms.values():
            for t in chunk_terms:
                self._df[t] = self._df.get(t, 0) + 1
        if chunks:
            self._bm25.index(docs, show_progress=False)
        self._ordered: dict[str, tuple[str, ...]] = {}  # per chunk, its terms sorted (_leads), filled when first asked
        self._context: dict[str, frozenset[str]] = {}  # per chunk, the terms of its neighbours in its section
        at = {(c.doc_id, c.position): c for c in chunks}
        for c in chunks:
            near = [n for n in (at.get((c.doc_id, c.position - 1)), at.get((c.doc_id, c.position + 1)))
                    if n is not None and n.section == c.section]
            if near:
                self._context[c.id] = frozenset().union(*(self._terms[n.id] for n in near))

    def unfold(self, term: str) -> str | None:
        """The indexed term that `term` is, written without æ, ø, å or accents ("trøndelag" for "trondelag",
        as a keyboard without them writes it), or None."""
        if self._folded is None:
            folded: dict[str, str] = {}
            for t in sorted(self._df, key=lambda t: -self._df[t]):  # the commonest spelling wins
                folded.setdefault(ascii_fold(t), t)
            self._folded = folded
        return self._folded.get(ascii_fold(term))

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms count as rare but not infinitely."""
        n = max(1, len(self.chunks))
        return math.log(1 + (n - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def concepts(self, question: str) -> list[tuple[QueryConcept, float]]:
        """The question's concepts the corpus renders, each with how telling it is: the rarity of its most
        common rendering here (a rendering is as rare as its rarest term), times its emphasis."""
        weighted = []
        for concept in query_concepts(question):
            concept = self._telling(concept)
            rarity = [(max(self.idf(t) for t in r), NEGATION_TERM in r) for r in concept.renderings
                      if all(t in self._df for t in r)]
            # A negated rendering ("ønsket ikke å delta videre") is made of common words, but says the concept only
            # with its negation: it does not make "dropped out" less telling.
            present = [x for x, negated in rarity if not negated] or [x for x, _ in rarity]
            if present:
                weighted.append((concept, concept.emphasis * min(present)))
        return weighted

    def _telling(self, concept: QueryConcept) -> QueryConcept:
        """The concept without the renderings its stopwords reduced to one word that is commoner here than any
        of its other renderings: "gjennom" (of "gikk gjennom") does not stand for "evaluering", while "designet"
        (of "designet for") may stand for "laget for"."""
        if not concept.collapsed:
            return concept
        rarity = [max(self.idf(t) for t in r) for r in concept.renderings
                  if r not in concept.collapsed and all(t in self._df for t in r)]
        if not rarity:
            return concept
        floor = min(rarity)  # the other renderings are kept, so some always are
        return concept._replace(renderings=tuple(r for r in concept.renderings
                                                 if r not in concept.collapsed or all(self.idf(t) >= floor for t in r)))

    def coverage(self, concepts: list[tuple[QueryConcept, float]], chunk: Chunk) -> float:
        """Share of the concepts' weight that the chunk renders. A concept with no rendering in the chunk's
        language (an English word the termbase does not know, in a Norwegian chunk) counts in full when the chunk
        has it anyway and UNRENDERED_CREDIT of it when not: chunks must neither lose to the other language's for
        the words nobody translated, nor beat their own language's chunks that do have them. A concept only a
        neighbouring chunk of the same section renders counts NEIGHBOUR_CREDIT of its weight."""
        terms = self._terms.get(chunk.id, frozenset())
        context = self._context.get(chunk.id, frozenset()) | terms
        covered = total = 0.0
        for concept, weight in concepts:
            if any(r <= terms for r in concept.renderings) or (concept.kind == "name" and self._leads(concept, chunk)):
                covered += weight
                total += weight
            else:
                # No rendering in the chunk: NEIGHBOUR_CREDIT when its neighbour has one, UNRENDERED_CREDIT when
                # nobody translated the word into the chunk's language, the larger when both.
                unrendered = not (chunk.language in concept.languages or chunk.language not in LANGUAGES)
                near = any(r <= context for r in concept.renderings)
                covered += weight * max(NEIGHBOUR_CREDIT if near else 0.0, UNRENDERED_CREDIT if unrendered else 0.0)
                total += weight
        return covered / total if total else 0.0

    def _leads(self, concept: QueryConcept, chunk: Chunk) -> bool:
        """Whether a name leads a compound the chunk has: "Røros" in "Rørosregionen", "Thams" in
        "Thams-nettverket", the rest being a known word (with a linking s or e), not any ending ("Interreg" is not
        "interregional"). The chunk's terms are searched in order, from where the name would stand."""
        ordered = self._ordered.get(chunk.id)
        if ordered is None:
            ordered = self._ordered[chunk.id] = tuple(sorted(self._terms.get(chunk.id, ())))
        for name in (t for r in concept.renderings if len(r) == 1 for t in r if len(t) >= 4):
            i = bisect.bisect_left(ordered, name)
            while i < len(ordered) and ordered[i].startswith(name):
                if compound_tail(ordered[i][len(name):]):
                    return True
                i += 1
        return False

    def relative_scores(self, scores_by_language: dict[str, np.ndarray], chunks: list[Chunk]) -> dict[str, float]:
        """Each chunk's BM25 score for the query as written in the chunk's language (`scores(terms)` of
        that language's query terms), as a share of the best such score among `chunks` in that language,
        so that the two languages' scores compare."""
        position = self._position()
        out: dict[str, float] = {}
        for language, scores in scores_by_language.items():
            mine = [c for c in chunks if c.language == language and c.id in position]
            if not mine:
                continue
            best = max(float(scores[position[c.id]]) for c in mine)
            for c in mine:
                out[c.id] = float(scores[position[c.id]]) / best if best > 0 else 0.0
        return out

    def _position(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = {c.id: i for i, c in enumerate(self.chunks)}
        return self._positions

    def scores(self, terms: dict[str, float]) -> np.ndarray:
        total = np.zeros(len(self.chunks), dtype=np.float32)
        if not self.chunks:
            return total
        for term, weight in terms.items():
            if term in self._df:
                total += weight * self._bm25.get_scores([term])
        return total

    def top(self, scores: np.ndarray, *, k: int, admitted: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` best chunks by `scores` (from `scores(terms)`) as (index into `chunks`, score), best
        first; only positive scores, and only chunks `admitted` (a boolean array) lets through."""
        if admitted is not None:
            scores = np.where(admitted, scores, 0.0)
        k = min(k, int((scores > 0).sum()))
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.lexsort((best, -scores[best]))]
        return [(int(i), float(scores[i])) for i in best]

    def search(self, terms: dict[str, float], *, k: int, admitted: np.ndarray | None = None) -> list[tuple[int, float]]:
        return self.top(self.scores(terms), k=k, admitted=admitted)


_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "Ø": "O", "Æ": "AE", "Å": "A"})


def ascii_fold(term: str) -> str:
    decomposed = unicodedata.normalize("NFKD", term.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def analyse(c: Chunk) -> list[str]:
    """The terms BM25 indexes for a chunk."""
    return text_terms(_lexical_text(c), language=c.language)


def _lexical_text(c: Chunk) -> str:
    """The words BM25 sees of a chunk, in the chunk's own language: title, section path and text."""
    return "\n".join(part for part in (c.title, c.section, c.text) if part)
