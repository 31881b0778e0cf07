"""Two reference systems to beat: the LangChain tutorial pipeline (Chroma similarity) and plain BM25.

Both read the corpus with the tutorial's loaders and splitter, use our embedding model (never a library
default), and answer with the text of their top chunk. They have the assistant's `search`/`ask` shape and
return its records, so the runner treats all systems alike.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_community.document_loaders import Docx2txtLoader, PyPDFLoader
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.models import Answer, Citation, Passage, Turn
from ingest.models import Chunk

TUTORIAL_LOADERS = {".pdf": PyPDFLoader, ".docx": Docx2txtLoader}
_TOKEN = re.compile(r"\w+")


class EmbedderEmbeddings(Embeddings):
    """LangChain's `Embeddings` over our `Embedder` port, so Chroma never falls back to its default model."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in vector] for vector in self.embedder.embed(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def corpus_files(folders: Sequence[Path]) -> list[Path]:
    """The files the tutorial loaders can read, in a stable order."""
    return sorted(
        path
        for folder in folders
        for path in (folder.rglob("*") if folder.is_dir() else [folder])
        if path.is_file() and path.suffix.lower() in TUTORIAL_LOADERS
    )


def tutorial_chunks(paths: Sequence[Path], *, doc_id_of: Callable[[Path], str]) -> list[Chunk]:
    """Load with PyPDFLoader/Docx2txtLoader and split with RecursiveCharacterTextSplitter(1000, 200)."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    chunks: list[Chunk] = []
    for path in paths:
        doc_id = doc_id_of(path)
        pages = TUTORIAL_LOADERS[path.suffix.lower()](str(path)).load()
        for position, piece in enumerate(splitter.split_documents(pages)):
            start = int(piece.metadata.get("start_index", 0))
            page = int(piece.metadata.get("page", 0)) + 1  # PyPDFLoader counts pages from 0; DOCX has none
            chunks.append(
                Chunk(
                    id=f"{doc_id}:{position}",
                    doc_id=doc_id,
                    position=position,
                    text=piece.page_content,
                    title=str(piece.metadata.get("title") or path.stem),
                    section="",
                    page_start=page,
                    page_end=page,
                    char_start=start,
                    char_end=start + len(piece.page_content),
                )
            )
    return chunks


def top_chunk_answer(question: str, passages: list[Passage]) -> Answer:
    """The baselines' answer: the top chunk's text, cited whole. They never abstain."""
    if not passages:
        return Answer(text="", query=question)
    top = passages[0]
    citation = Citation(
        n=1,
        doc_id=top.chunk.doc_id,
        title=top.chunk.title,
        page=top.chunk.page_start,
        section=top.chunk.section,
        quote=top.chunk.text,
        char_start=top.chunk.char_start,
        char_end=top.chunk.char_end,
        score=top.score,
    )
    return Answer(text=top.chunk.text, citations=[citation], query=question, passages=passages)


class LangChainBaseline:
    """The tutorial's vector store: Chroma similarity search over the tutorial chunks."""

    name = "langchain"

    def __init__(self, chunks: Sequence[Chunk], embeddings: Embeddings) -> None:
        self.chunks = {chunk.id: chunk for chunk in chunks}
        # EphemeralClient instances share one in-memory system per process: a fresh name keeps runs apart.
        self.store = Chroma(
            collection_name=f"tutorial-{uuid.uuid4().hex}",
            embedding_function=embeddings,
            client=chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False)),
        )
        self.store.add_documents(
            [Document(page_content=c.text, metadata={"chunk_id": c.id}) for c in chunks],
            ids=[c.id for c in chunks],
        )

    def search(self, query: str, *, k: int = 8, filters=None) -> list[Passage]:
        found = self.store.similarity_search_with_score(query, k=min(k, len(self.chunks)))
        # Chroma returns distances (lower is closer); the passage score is higher-is-better.
        return [Passage(chunk=self.chunks[doc.metadata["chunk_id"]], score=-distance) for doc, distance in found]

    def ask(self, question: str, *, history: Sequence[Turn] = (), filters=None) -> Answer:
        return top_chunk_answer(question, self.search(question, k=1))


def tokenize(text: str) -> list[str]:
    """Lowercased word characters: no stemming, no stop words."""
    return _TOKEN.findall(text.lower())


class BM25Baseline:
    """Plain BM25 (bm25s defaults) over the same tutorial chunks."""

    name = "bm25"

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self.index = bm25s.BM25()
        self.index.index([tokenize(c.text) for c in self.chunks], show_progress=False)

    def search(self, query: str, *, k: int = 8, filters=None) -> list[Passage]:
        tokens = [t for t in tokenize(query) if t in self.index.vocab_dict]
        if not tokens:
            return []
        ids, scores = self.index.retrieve([tokens], k=min(k, len(self.chunks)), show_progress=False)
        return [
            Passage(chunk=self.chunks[int(i)], score=float(s))
            for i, s in zip(ids[0], scores[0], strict=True)
            if s > 0
        ]

    def ask(self, question: str, *, history: Sequence[Turn] = (), filters=None) -> Answer:
        return top_chunk_answer(question, self.search(question, k=1))


def build_baselines(paths: Sequence[Path], embedder, *, doc_id_of: Callable[[Path], str]) -> dict[str, object]:
    chunks = tutorial_chunks(corpus_files(paths), doc_id_of=doc_id_of)
    return {
        LangChainBaseline.name: LangChainBaseline(chunks, EmbedderEmbeddings(embedder)),
        BM25Baseline.name: BM25Baseline(chunks),
    }
