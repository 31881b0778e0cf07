"""The vector index: chunks and their embeddings in a Chroma collection named after the embedding model."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx
from chromadb.api.types import EmbeddingFunction

from ingest.embed import Embedder
from ingest.models import Chunk

log = logging.getLogger(__name__)

EXTRA = "~"  # a chunk's second and later vectors have ids `<chunk id>~<n>`


class StoredVector(NamedTuple):
    chunk: Chunk
    sha256: str
    is_extra: bool  # one of the chunk's second and later vectors (a window past its first, or a gloss)
    vector: Any


class StoreUnavailable(Exception):
    """The vector store cannot be reached (a Chroma server that is down, say)."""


class _OurEmbeddingFunction(EmbeddingFunction):
    """Hands Chroma our embedder so it can never fall back to its own downloading default."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, input):  # noqa: A002 - Chroma's parameter name
        return self._embedder.embed(list(input))

    @staticmethod
    def name() -> str:
        return "programme-assistant"

    def get_config(self) -> dict[str, Any]:
        return {"model": self._embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "_OurEmbeddingFunction":
        # Chroma rebuilds functions from stored config; ours needs a loaded model, so the rebuilt one refuses.
        return _OurEmbeddingFunction(_NoModel(str(config.get("model", "unknown"))))


class _NoModel:
    def __init__(self, name: str) -> None:
        self.name = name

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise RuntimeError(f"embedding needs the assistant's own {self.name} embedder; pass it explicitly")


@contextmanager
def unavailable_as_store_error():
    """Connection failures and timeouts talking to a Chroma server become StoreUnavailable (a 503)."""
    try:
        yield
    except httpx.TransportError as exc:
        raise StoreUnavailable(f"{type(exc).__name__}: {exc or 'no answer'}") from exc


def build_client(*, data_dir: Path, chroma_host: str | None = None, chroma_port: int = 8001):
    """A Chroma client: the server when a host is given, else a persistent store under data_dir/chroma."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    if chroma_host:
        try:
            with unavailable_as_store_error():
                client = chromadb.HttpClient(host=chroma_host, port=chroma_port,
                                             settings=ChromaSettings(anonymized_telemetry=False))
        except ValueError as exc:  # Chroma's "could not connect to a Chroma server" at start-up
            raise StoreUnavailable(f"no Chroma server at {chroma_host}:{chroma_port}: {exc}") from exc
        _set_timeout(client)
        return client
    (data_dir / "chroma").mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))


HTTP_TIMEOUT = httpx.Timeout(15.0, connect=3.0)


def _set_timeout(client) -> None:
    # Chroma's HTTP client waits forever (httpx timeout=None) and has no setting for it: a server that
    # accepts connections but never answers would hang every API worker. Its session is the one place
    # to put a deadline; if a Chroma release moves it, say so loudly rather than run without one.
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = HTTP_TIMEOUT
    else:
        log.warning("could not set a timeout on the Chroma HTTP client; a stalled server may hang requests")


class ChunkStore:
    """Chunks of every document, embedded with one model. Text stored is the exact chunk text; the
    vectors are computed from the texts ingest gives for it (its windows, ingest/windows.py)."""

    def __init__(self, client, embedder: Embedder, *, prefix: str = "chunks", layout: str = "") -> None:
        """`layout` names how chunks become vectors (say `w200`, windows of 200 tokens): a different layout
        is a different collection (and catalog), so a changed setting re-embeds instead of mixing vectors."""
        self._embedder = embedder
        self.name = f"{prefix}__{embedder.name}" + (f"__{layout}" if layout else "")
        with unavailable_as_store_error():
            collection = client.get_or_create_collection(
                self.name,
                embedding_function=_OurEmbeddingFunction(embedder),
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedding_model": embedder.name},
            )
            self._batch = max(1, min(1000, client.get_max_batch_size()))
        self._collection = _Guarded(collection)

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    def add(self, chunks: list[Chunk], *, sha256: str, texts: list[list[str]]) -> None:
        """Store chunks with one vector per text to embed (`texts[i]` for `chunks[i]`, at least one): the
        first has the chunk's id, the others `<chunk id>~<n>`."""
        rows = [(c.id if n == 0 else f"{c.id}{EXTRA}{n}", c, text, "text" if n == 0 else "view")
                for c, own in zip(chunks, texts, strict=True) for n, text in enumerate(own)]
        vectors = self._embedder.embed([text for _, _, text, _ in rows])
        for i in range(0, len(rows), self._batch):
            part = rows[i : i + self._batch]
            self._collection.upsert(
                ids=[rid for rid, _, _, _ in part],
                documents=[c.text for _, c, _, _ in part],
                embeddings=vectors[i : i + self._batch],
                metadatas=[{**c.metadata(), "sha256": sha256, "view": view} for _, c, _, view in part],
            )

    def delete(self, *, doc_id: str, keep_sha256: str | None = None) -> None:
        """Delete a document's chunks, or only those of other versions than `keep_sha256`."""
        where: dict = {"doc_id": doc_id}
        if keep_sha256:
            where = {"$and": [{"doc_id": doc_id}, {"sha256": {"$ne": keep_sha256}}]}
        self._collection.delete(where=where)

    def all(self) -> list[tuple[Chunk, str]]:
        res = self._collection.get(where={"view": "text"}, include=["documents", "metadatas"])
        return [
            (Chunk.from_metadata(i, d, m), str(m.get("sha256", "")))
            for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])
        ]

    def vectors(self, versions: set[tuple[str, str]], *, group: int = 16,
                embeddings: bool = True) -> list[StoredVector]:
        """Every stored vector of the given (doc_id, sha256) versions, with its chunk (a chunk with several
        vectors has them all carry it); `embeddings=False` reads the chunks only (vector None).
        Read a few versions at a time: a version's rows never change while it is live, so the pages agree
        with each other even while an ingest runs."""
        wanted = sorted(versions)
        out: list[StoredVector] = []
        for n in range(0, len(wanted), group):
            part = wanted[n : n + group]
            res = self._collection.get(where={"sha256": {"$in": sorted({sha for _, sha in part})}},
                                       include=["documents", "metadatas", *(["embeddings"] if embeddings else [])])
            chosen = set(part)
            vectors = res["embeddings"] if embeddings else [None] * len(res["ids"])
            for i, d, m, e in zip(res["ids"], res["documents"], res["metadatas"], vectors):
                sha = str(m.get("sha256", ""))
                if (str(m["doc_id"]), sha) in chosen:
                    extra = m.get("view") != "text"
                    chunk_id = i.rpartition(EXTRA)[0] if extra else i
                    out.append(StoredVector(Chunk.from_metadata(chunk_id, d, m), sha, extra, e))
        return out

    def versions(self) -> set[tuple[str, str]]:
        """The (doc_id, sha256) pairs that have chunks in the store."""
        res = self._collection.get(include=["metadatas"])
        return {(str(m["doc_id"]), str(m.get("sha256", ""))) for m in res["metadatas"]}

    def count(self) -> int:
        """Vectors in the collection (a chunk may have several)."""
        return self._collection.count()

    def warm_up(self) -> None:
        """Load the embedding model if it loads lazily."""
        load = getattr(self._embedder, "load", None)
        if load is not None:
            load()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Several query texts in one model call (a question and its gloss)."""
        return self._embedder.embed(texts)


class _Guarded:
    """The collection, with every call's connection failure raised as StoreUnavailable."""

    def __init__(self, collection) -> None:
        self._collection = collection

    def __getattr__(self, name: str):
        attr = getattr(self._collection, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            with unavailable_as_store_error():
                return attr(*args, **kwargs)
        return call
