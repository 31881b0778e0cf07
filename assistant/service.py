"""The assistant as one object: the index, retrieval and answering, built once from settings."""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.answer import ExtractiveAnswerer, terms_note
from assistant.config import Settings
from assistant.analysis import detect_language, english_gloss
from assistant.generate import GroundedGenerator, build_chat_model
from assistant.converse import contextualize
from assistant.stages import with_stage_numbers
from assistant.timebound import asks_terms
from assistant.models import Answer, Filters, Passage, Turn
from assistant.retrieve import Retriever
from assistant.termcache import TermCache
from ingest.catalog import Catalog, DocumentRecord
from ingest.embed import Embedder, build_embedder
from ingest.pipeline import Ingester, IngestReport
from ingest.store import ChunkStore, build_client


class DocumentNotFound(LookupError):
    """No document with that id has been ingested."""


class Assistant:
    def __init__(self, *, store: ChunkStore, catalog: Catalog, settings: Settings,
                 generator: GroundedGenerator | None = None) -> None:
        self.settings = settings
        self.generator = generator
        self._questions = threading.BoundedSemaphore(settings.query_workers)
        self.store = store
        self.catalog = catalog
        self.retriever = Retriever(store, catalog, dense_k=settings.dense_k, lexical_k=settings.lexical_k,
                                   rrf_k=settings.rrf_k, dense_weight=settings.dense_weight,
                                   rerank_depth=settings.rerank_depth,
                                   rerank_fusion_weight=settings.rerank_fusion_weight,
                                   reference_weight=settings.reference_weight,
                                   lexical_weight=settings.lexical_weight,
                                   term_cache=TermCache(settings.data_dir / "terms" / store.name))
        self.answerer = ExtractiveAnswerer(max_sentences=settings.answer_max_sentences,
                                           passages=settings.answer_passages, threshold=settings.abstain_threshold,
                                           typed_threshold=settings.typed_threshold,
                                           sentence_weight=settings.sentence_rerank_weight)
        self.ingester = Ingester(store=store, catalog=catalog, limits=settings.limits,
                                 chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap,
                                 window_tokens=settings.dense_window_tokens,
                                 dense_views=english_gloss if settings.gloss_vectors else None)

    def ingest(self, paths: list[Path]) -> IngestReport:
        """Ingest files; the retriever sees the change on its next search (the catalog version moved), and
        the new versions' lexical terms are analysed now, so no server start has to."""
        report = self.ingester.run(paths)
        self.retriever.analyse([f.doc_id for f in report.files if f.status in ("ingested", "replaced")])
        return report

    def warm_up(self) -> None:
        """Load the model and build the indexes now, so the first question does not wait for them."""
        self.store.warm_up()
        self.retriever.refresh()

    def search(self, query: str, *, k: int | None = None, filters: Filters | None = None) -> list[Passage]:
        """The retriever's best passages, the first `sentence_rerank_depth` of them reordered by their best
        sentence (ExtractiveAnswerer.rank)."""
        k = k or self.settings.search_k
        depth = self.settings.sentence_rerank_depth
        query = with_stage_numbers(query, self.retriever.stage_names())
        with self._questions:
            passages = self.retriever.search(query, k=max(k, depth), filters=filters)
            head = self.answerer.rank(query, passages[:depth], lexical=self.retriever.lexical,
                                      footnotes=self.retriever.footnotes,
                                      before=lambda chunk: self.retriever.neighbours(chunk)[0])
        return (head + passages[depth:])[:k]

    def ask(self, question: str, *, history: list[Turn] = (), filters: Filters | None = None) -> Answer:
        names = self.retriever.stage_names()
        question = with_stage_numbers(question, names)
        query = with_stage_numbers(contextualize(question, list(history)), names)
        with self._questions:
            # The answerer picks its sentences from the retriever's own top passages. Handing it the passages
            # reranked by their best sentence (as `search` returns them) lets passages with well-matching but
            # untyped sentences crowd out the one stating the asked figure ("fra 7 til 5" for "how many ...
            # continued after stage 1?", tests/test_integration.py).
            passages = self.retriever.search(query, k=max(self.settings.search_k, self.settings.answer_passages),
                                             filters=filters)
            answer = self.answerer.answer(query, passages, pages_of=self.pages, lexical=self.retriever.lexical,
                                          asked=question, neighbours=self.retriever.neighbours,
                                          footnotes=self.retriever.footnotes, footnote=self.retriever.footnote)
        if self.generator is not None and not answer.abstained:
            # The extractive pass decides whether the documents cover the question; the model only words it
            # (outside the gate: a chat model waits on the network, not on our cores).
            generated = self.generator.generate(question, passages, language=detect_language(question),
                                                pages_of=self.pages)
            if generated and generated.citations and asks_terms(question):
                generated.text += "\n" + terms_note(question, detect_language(question), generated.citations, passages)
            answer = generated or answer
        answer.query = query
        return answer

    def documents(self) -> list[DocumentRecord]:
        return self.catalog.all()

    def document(self, doc_id: str) -> DocumentRecord:
        record = self.catalog.get(doc_id) if _valid_id(doc_id) else None
        if record is None:
            raise DocumentNotFound(doc_id)
        return record

    def document_file(self, doc_id: str) -> Path:
        return self.catalog.file_path(self.document(doc_id))

    def pages(self, doc_id: str) -> list[str]:
        return self.document(doc_id).pages


def _valid_id(doc_id: str) -> bool:
    # Ids are slugs; anything else (a path, "..") never reaches the file system.
    return bool(doc_id) and all(ch.isalnum() or ch == "-" for ch in doc_id) and doc_id.isascii()


def build_assistant(settings: Settings, *, embedder: Embedder | None = None) -> Assistant:
    embedder = embedder or build_embedder(settings)
    client = build_client(data_dir=settings.data_dir, chroma_host=settings.chroma_host, chroma_port=settings.chroma_port)
    store = ChunkStore(client, embedder, prefix=settings.collection_prefix, layout=f"w{settings.dense_window_tokens}")
    catalog = Catalog(settings.data_dir / "catalog" / store.name)
    model = build_chat_model(settings)
    generator = GroundedGenerator(model, max_sentences=settings.answer_max_sentences) if model else None
    return Assistant(store=store, catalog=catalog, settings=settings, generator=generator)
