"""The records the assistant hands out: retrieved passages, citations and answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ingest.models import Chunk


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some documents, types or languages; an empty field means no restriction."""

    doc_ids: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def admits(self, chunk: Chunk) -> bool:
        return (
            (not self.doc_ids or chunk.doc_id in self.doc_ids)
            and (not self.doc_types or chunk.doc_type in self.doc_types)
            and (not self.languages or chunk.language in self.languages)
        )


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused score and the ranks it had in each retriever (None: not retrieved)."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from the stored page text, with where it sits (char span within that page)."""

    n: int
    doc_id: str
    title: str
    page: int
    section: str
    quote: str
    char_start: int
    char_end: int
    score: float

    @property
    def url(self) -> str:
        return f"/documents/{self.doc_id}/file#page={self.page}"


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    query: str = ""
    passages: list[Passage] = field(default_factory=list)
