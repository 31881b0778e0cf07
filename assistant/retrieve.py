"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank fusion."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from assistant.analysis import query_terms_by_language, translate_query
from assistant.lexical import LexicalIndex
from assistant.support import passage_coverage, question_concepts
from assistant.termbase import LANGUAGES
from assistant.models import Filters, Passage
from ingest.catalog import Catalog
from ingest.models import Chunk
from ingest.store import ChunkStore


@dataclass(frozen=True)
class _Snapshot:
    version: str
    live: frozenset[tuple[str, str]]
    lexical: LexicalIndex
    by_position: dict[tuple[str, int], Chunk]


class Retriever:
    def __init__(self, store: ChunkStore, catalog: Catalog, *, dense_k: int = 30, lexical_k: int = 30,
                 rrf_k: int = 60, dense_weight: float = 1.0, lexical_weight: float = 2.0,
                 rerank_depth: int = 30, rerank_fusion_weight: float = 0.5) -> None:
        self.store = store
        self.catalog = catalog
        self.dense_k = dense_k
        self.lexical_k = lexical_k
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.rerank_depth = rerank_depth
        self.rerank_fusion_weight = rerank_fusion_weight
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    @property
    def lexical(self) -> LexicalIndex:
        return self._current().lexical

    def refresh(self) -> None:
        """Rebuild the lexical index when the catalog changed (another process may have ingested)."""
        version = self.catalog.version()
        if self._snapshot and self._snapshot.version == version:
            return
        with self._lock:
            if self._snapshot and self._snapshot.version == version:
                return
            live = frozenset((r.doc_id, r.sha256) for r in self.catalog.all())
            chunks = [c for c, sha in self.store.all() if (c.doc_id, sha) in live]
            chunks.sort(key=lambda c: (c.doc_id, c.position))
            self._snapshot = _Snapshot(version, live, LexicalIndex(chunks),
                                       {(c.doc_id, c.position): c for c in chunks})

    def search(self, query: str, *, k: int = 8, filters: Filters | None = None) -> list[Passage]:
        snap = self._current()
        filters = filters or Filters()
        rankings: list[tuple[list[str], float]] = []
        by_id: dict[str, Chunk] = {}

        dense_rank: dict[str, int] = {}
        queries = [query]
        gloss = translate_query(query)
        if gloss and gloss.strip().lower() != query.strip().lower():
            queries.append(gloss)
        for vector in self.store.embed_queries(queries):
            ranking = []
            for c, sha, _sim in self.store.query(vector, k=self.dense_k, where=_where(filters)):
                if (c.doc_id, sha) in snap.live:
                    by_id[c.id] = c
                    ranking.append(c.id)
            for r, cid in enumerate(ranking):
                dense_rank[cid] = min(dense_rank.get(cid, r), r)
            rankings.append((ranking, self.dense_weight / len(queries)))

        # One lexical ranking per chunk language, each queried with the question as written in that
        # language: English chunks matching an English question's own words must not bury the Norwegian
        # chunks its translated terms find (and the other way round). This list carries the Norwegian
        # and cross-lingual signal the English embedding model lacks.
        lexical_rank: dict[str, int] = {}
        for language, terms in query_terms_by_language(query).items():
            def admit(c: Chunk, language=language) -> bool:
                return _written_in(c, language) and filters.admits(c)
            ranking = []
            for r, (i, _score) in enumerate(snap.lexical.search(terms, k=self.lexical_k, admit=admit)):
                c = snap.lexical.chunks[i]
                by_id[c.id] = c
                ranking.append(c.id)
                lexical_rank[c.id] = min(lexical_rank.get(c.id, r), r)
            rankings.append((ranking, self.lexical_weight))

        fused: dict[str, float] = {}
        for ranking, weight in rankings:
            for r, cid in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + weight / (self.rrf_k + r + 1)
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))
        if self.rerank_depth:
            ranked = self._rerank(query, ranked[: self.rerank_depth], fused, by_id, snap.lexical) + ranked[self.rerank_depth :]
        best = ranked[:k]
        return [Passage(by_id[cid], fused[cid], dense_rank.get(cid), lexical_rank.get(cid)) for cid in best]

    def _rerank(self, query: str, ids: list[str], fused: dict[str, float], by_id: dict[str, Chunk],
                lexical: LexicalIndex) -> list[str]:
        """Order the fused candidates by how much of the question's concepts each covers (every concept
        once, weighted by rarity, in either language), with the fused score as the smaller part: rank
        fusion alone lets one retriever's noise (the English model on Norwegian text) decide."""
        concepts = question_concepts(query, lexical)
        if not concepts or not ids:
            return ids
        top = max(fused[cid] for cid in ids)
        score = {cid: passage_coverage(concepts, by_id[cid]) + self.rerank_fusion_weight * fused[cid] / top
                 for cid in ids}
        for cid in ids:
            fused[cid] = score[cid]
        return sorted(ids, key=lambda cid: (-score[cid], cid))

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The chunks just before and after `chunk` in its document (a list or table may continue)."""
        by_pos = self._current().by_position
        return by_pos.get((chunk.doc_id, chunk.position - 1)), by_pos.get((chunk.doc_id, chunk.position + 1))

    def _current(self) -> _Snapshot:
        self.refresh()
        assert self._snapshot is not None
        return self._snapshot


def _written_in(chunk: Chunk, language: str) -> bool:
    """Chunks of undetermined language take part in both languages' rankings."""
    return chunk.language == language or chunk.language not in LANGUAGES


def _where(filters: Filters) -> dict | None:
    clauses = []
    for field, values in (("doc_id", filters.doc_ids), ("doc_type", filters.doc_types), ("language", filters.languages)):
        if values:
            clauses.append({field: {"$in": list(values)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
