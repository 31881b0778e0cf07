"""Deterministic stand-ins for our own ports (never for library internals)."""

from __future__ import annotations

import hashlib
import math
import re


class FakeEmbedder:
    """Hashes words into a small normalised bag-of-words vector: same text, same vector; shared words, close."""

    def __init__(self, dim: int = 64, name: str = "fake-embedder") -> None:
        self.dim = dim
        self.name = name
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [self._one(t) for t in texts]

    def _one(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v] if any(v) else [1.0 / math.sqrt(self.dim)] * self.dim


class FakeChatModel:
    """Replies with what was enqueued, in order; records every call. An enqueued exception is raised."""

    def __init__(self) -> None:
        self.replies: list = []
        self.calls: list[list[tuple[str, str]]] = []

    def enqueue(self, *replies) -> FakeChatModel:
        self.replies.extend(replies)
        return self

    def complete(self, messages: list[tuple[str, str]]) -> str:
        self.calls.append(messages)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


class FakeTokenizingEmbedder(FakeEmbedder):
    """A FakeEmbedder that, like a real model, reads only its first `max_tokens` tokens (words and punctuation
    marks) and says where its tokens fall in a text."""

    _TOKEN = re.compile(r"\w+|[^\w\s]")

    def __init__(self, max_tokens: int = 32, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_tokens = max_tokens

    def token_offsets(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._TOKEN.finditer(text)]

    def _one(self, text: str) -> list[float]:
        offsets = self.token_offsets(text)[: self.max_tokens - 2]  # two special tokens
        return super()._one(text[: offsets[-1][1]] if offsets else "")
