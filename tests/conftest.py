"""Shared fixtures: an assistant over a fresh in-memory Chroma and a fake embedder."""

from __future__ import annotations

import uuid
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant.config import Settings
from assistant.service import Assistant
from ingest.catalog import Catalog
from ingest.store import ChunkStore
from tests.fakes import FakeEmbedder

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def make_assistant(tmp_path: Path, embedder=None, **overrides) -> Assistant:
    settings = Settings(data_dir=tmp_path / "data", **overrides)
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = ChunkStore(client, embedder or FakeEmbedder(), prefix=f"t{uuid.uuid4().hex[:8]}")
    return Assistant(store=store, catalog=Catalog(settings.data_dir / "catalog" / store.name), settings=settings)


@pytest.fixture
def fake_assistant(tmp_path: Path) -> Assistant:
    return make_assistant(tmp_path)
