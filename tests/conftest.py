"""Shared fixtures: an assistant over a fresh in-memory Chroma and a fake embedder."""

from __future__ import annotations

import uuid
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant.config import Settings
from assistant.service import Assistant
from ingest.catalog import Catalog, DocumentRecord
from ingest.models import Chunk
from ingest.store import ChunkStore
from tests.fakes import FakeEmbedder

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def add_document(assistant: Assistant, doc_id: str, texts: list[str], *, language: str = "nb",
                 sha256: str | None = None, doc_type: str = "") -> None:
    """A document version committed the way the ingester does it: chunks first, then the catalog record."""
    sha = sha256 or doc_id.ljust(64, "0")
    chunks = [Chunk(id=f"{doc_id}:{sha[:4]}:{i}", doc_id=doc_id, position=i, text=t, title=doc_id, section="",
                    page_start=1, page_end=1, char_start=0, char_end=len(t), doc_type=doc_type, language=language)
              for i, t in enumerate(texts)]
    assistant.store.add(chunks, sha256=sha, texts=[[t] for t in texts])
    assistant.catalog.put(DocumentRecord(doc_id=doc_id, title=doc_id, source_path=f"/{doc_id}.pdf", stored_file="",
                                         media_type="application/pdf", sha256=sha, language=language, doc_type=doc_type,
                                         date="", pages=texts, chunk_count=len(texts), ingested_at=""))


def make_assistant(tmp_path: Path, embedder=None, **overrides) -> Assistant:
    settings = Settings(data_dir=tmp_path / "data", **overrides)
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = ChunkStore(client, embedder or FakeEmbedder(), prefix=f"t{uuid.uuid4().hex[:8]}")
    return Assistant(store=store, catalog=Catalog(settings.data_dir / "catalog" / store.name), settings=settings)


@pytest.fixture
def fake_assistant(tmp_path: Path) -> Assistant:
    return make_assistant(tmp_path)
