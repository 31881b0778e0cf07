"""Hybrid retrieval: dense (exact, over the stored vectors) and lexical (BM25) rankings fused by weighted
reciprocal rank fusion, then reranked by how much of the question each candidate covers."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np

from assistant.analysis import detect_language, index_terms, query_terms_by_language, translate_query
from assistant.concepts import asks_only
from assistant.dense import DenseIndex
from assistant.footnotes import anchors as footnote_anchors
from assistant.footnotes import bodies as footnote_bodies
from assistant.lexical import LexicalIndex, analyse
from assistant.models import Filters, Passage
from assistant.references import referenced_types
from assistant.stages import stage_names
from assistant.termbase import LANGUAGES
from assistant.termcache import TermCache
from ingest.catalog import Catalog
from ingest.models import Chunk
from ingest.store import ChunkStore


@dataclass(frozen=True)
class _Snapshot:
    """The live chunks (those of each document's current version) and both indexes over them."""

    version: str
    chunks: list[Chunk]
    lexical: LexicalIndex
    dense: DenseIndex
    by_position: dict[tuple[str, int], Chunk]
    written_in: dict[str, np.ndarray]  # per language, which chunks take part in its lexical ranking
    main_language: str  # the language most chunks are written in
    footnotes: dict[str, dict[str, str]]  # per chunk holding footnotes, per marker, the words the marker follows
    stage_names: dict[str, str]  # the names the documents give their numbered stages, each with its number
    notes: dict[tuple[str, str], tuple[str, int, int]]  # per (document, marker), where its footnote's text stands
    by_id: dict[str, Chunk]


class Retriever:
    def __init__(self, store: ChunkStore, catalog: Catalog, *, dense_k: int = 30, lexical_k: int = 30,
                 rrf_k: int = 60, dense_weight: float = 1.0, lexical_weight: float = 2.0,
                 rerank_depth: int = 30, rerank_fusion_weight: float = 0.25, reference_weight: float = 0.0,
                 term_cache: TermCache | None = None) -> None:
        self.store = store
        self.catalog = catalog
        self.term_cache = term_cache
        self.dense_k = dense_k
        self.lexical_k = lexical_k
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.rerank_depth = rerank_depth
        self.rerank_fusion_weight = rerank_fusion_weight
        self.reference_weight = reference_weight
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
            live = {(r.doc_id, r.version) for r in self.catalog.all()}
            stored = self.store.vectors(live)
            chunks = sorted({v.chunk.id: v.chunk for v in stored if not v.is_extra}.values(),
                            key=lambda c: (c.doc_id, c.position))
            index = {c.id: i for i, c in enumerate(chunks)}
            rows = [v for v in stored if v.chunk.id in index]
            dense = DenseIndex([index[v.chunk.id] for v in rows], [v.vector for v in rows], chunks=len(chunks))
            terms = None
            if self.term_cache is not None:
                terms = self.term_cache.terms(chunks, sha256_of=dict(live).__getitem__, analyse=analyse)
                self.term_cache.prune(live)
            notes = footnote_anchors(chunks)
            if notes:
                # A chunk holding footnotes is indexed with the words their markers follow too: "⁸ Den fungerte
                # ikke som ønsket" is found by a question about the workshop the marker stands on.
                terms = terms if terms is not None else [analyse(c) for c in chunks]
                terms = [t + index_terms(" ".join(notes[c.id].values()), language=c.language) if c.id in notes else t
                         for c, t in zip(chunks, terms, strict=True)]
            written_in = {language: np.array([_written_in(c, language) for c in chunks], dtype=bool)
                          for language in LANGUAGES}
            self._snapshot = _Snapshot(version, chunks, LexicalIndex(chunks, terms), dense,
                                       {(c.doc_id, c.position): c for c in chunks}, written_in,
                                       _main_language(chunks), notes, stage_names([c.text for c in chunks]),
                                       footnote_bodies(chunks), {c.id: c for c in chunks})

    def analyse(self, doc_ids: list[str]) -> None:
        """Fill the term cache for the current versions of these documents (right after their ingest)."""
        records = [r for r in map(self.catalog.get, doc_ids) if r is not None]
        if self.term_cache is None or not records:
            return
        versions = {(r.doc_id, r.version) for r in records}
        chunks = [v.chunk for v in self.store.vectors(versions, embeddings=False) if not v.is_extra]
        self.term_cache.terms(chunks, sha256_of=dict(versions).__getitem__, analyse=analyse)

    def search(self, query: str, *, k: int = 8, filters: Filters | None = None) -> list[Passage]:
        snap = self._current()
        filters = filters or Filters()
        rankings: list[tuple[list[str], float]] = []
        by_id: dict[str, Chunk] = {}

        dense_rank: dict[str, int] = {}
        queries = [query]
        if detect_language(query) != snap.main_language:
            # The question's gloss into the language most chunks are written in: the English-trained model
            # matches a Norwegian chunk by its surface words, so an English question reaches it through a
            # Norwegian rendering. A question already in that language gains nothing from a gloss out of it
            # (measured on dev: hit@5 .92 with glosses both ways, .95 with this one only; one text to embed).
            gloss = translate_query(query)
            if gloss and gloss.strip().lower() != query.strip().lower():
                queries.append(gloss)
        admitted = None
        if filters != Filters():
            admitted = np.fromiter((filters.admits(c) for c in snap.chunks), dtype=bool, count=len(snap.chunks))
        for vector in self.store.embed_queries(queries):
            ranking = []
            for i, _sim in snap.dense.search(vector, k=self.dense_k, admitted=admitted):
                c = snap.chunks[i]
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
        terms_by_language = query_terms_by_language(query)
        scores_by_language = {language: snap.lexical.scores(terms) for language, terms in terms_by_language.items()}
        for language, scores in scores_by_language.items():
            mask = snap.written_in.get(language)
            if admitted is not None:
                mask = admitted if mask is None else mask & admitted
            ranking = []
            for r, (i, _score) in enumerate(snap.lexical.top(scores, k=self.lexical_k, admitted=mask)):
                c = snap.chunks[i]
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
            head = self._rerank(query, ranked[: self.rerank_depth], fused, by_id, snap.lexical, scores_by_language)
            ranked = head + ranked[self.rerank_depth :]
        best = ranked[:k]
        return [Passage(by_id[cid], fused[cid], dense_rank.get(cid), lexical_rank.get(cid)) for cid in best]

    def _rerank(self, query: str, ids: list[str], fused: dict[str, float], by_id: dict[str, Chunk],
                lexical: LexicalIndex, scores_by_language: dict[str, np.ndarray]) -> list[str]:
        """Order the fused candidates by how much of the question's concepts each renders (a termbase phrase
        in any of its renderings, in either language; every concept once, weighted by rarity), with the
        retrievers' own judgement as the smaller part: the fused score and the BM25 score in the chunk's
        language (relative to the best candidate in that language, so the languages compare). Rank fusion
        alone lets one retriever's noise (the English model on Norwegian text) decide; coverage alone
        cannot tell apart the many passages that name every concept of a short question."""
        concepts = lexical.concepts(query)
        # The words asking for a figure or a date ("antall", "how much") need not be where it is stated.
        concepts = [(c, w) for c, w in concepts if not asks_only(c)] or concepts
        if not concepts or not ids:
            return ids
        chunks = [by_id[cid] for cid in ids]
        top = max(fused[cid] for cid in ids)
        bm25 = lexical.relative_scores(scores_by_language, chunks)
        # A question naming its source ("according to the scheme description") favours that kind of document.
        named = referenced_types(query) if self.reference_weight else frozenset()
        score = {c.id: lexical.coverage(concepts, c)
                 + self.rerank_fusion_weight * (fused[c.id] / top + bm25.get(c.id, 0.0))
                 + (self.reference_weight if c.doc_type in named else 0.0) for c in chunks}
        for cid in ids:
            fused[cid] = score[cid]
        return sorted(ids, key=lambda cid: (-score[cid], cid))

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The chunks just before and after `chunk` in its document (a list or table may continue)."""
        by_pos = self._current().by_position
        return by_pos.get((chunk.doc_id, chunk.position - 1)), by_pos.get((chunk.doc_id, chunk.position + 1))

    def stage_names(self) -> dict[str, str]:
        """The names the documents give their numbered stages ("introduksjon": "1"; stages.stage_names)."""
        return self._current().stage_names

    def footnotes(self, chunk: Chunk) -> dict[str, str]:
        """The footnotes in `chunk`, each marker with the words it follows in the main text (footnotes.anchors)."""
        return self._current().footnotes.get(chunk.id, {})

    def footnote(self, chunk: Chunk, mark: str) -> tuple[Chunk, int, int] | None:
        """Where the footnote a marker in `chunk` points to stands: its chunk and the span of its text."""
        snapshot = self._current()
        found = snapshot.notes.get((chunk.doc_id, mark))
        return (snapshot.by_id[found[0]], found[1], found[2]) if found else None

    def _current(self) -> _Snapshot:
        self.refresh()
        assert self._snapshot is not None
        return self._snapshot


def _main_language(chunks: list[Chunk]) -> str:
    counts = Counter(c.language for c in chunks if c.language in LANGUAGES)
    return counts.most_common(1)[0][0] if counts else ""


def _written_in(chunk: Chunk, language: str) -> bool:
    """Chunks of undetermined language take part in both languages' rankings."""
    return chunk.language == language or chunk.language not in LANGUAGES
