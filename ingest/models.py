"""The records that flow through ingest: loaded documents, headings and chunks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page of cleaned text (running headers and footers removed). Numbers start at 1."""

    number: int
    text: str


@dataclass(frozen=True)
class Heading:
    """A heading found in a document: where it starts (page, character offset in that page's text)."""

    title: str
    level: int
    page: int
    offset: int


@dataclass(frozen=True)
class Table:
    """Where a table sits in a page's text, so a chunker keeps its rows whole and repeats its header."""

    page: int
    start: int
    end: int
    header: str


@dataclass
class LoadedDocument:
    """A file read into pages, with what we know about it. Loaders fill this; nothing here is trusted for size."""

    doc_id: str
    path: str
    title: str
    pages: list[Page]
    media_type: str
    sha256: str
    language: str = "und"
    doc_type: str = "document"
    date: str | None = None
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def char_count(self) -> int:
        return sum(len(p.text) for p in self.pages)


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of one document. `text` is the exact page text it covers, pages joined by a newline."""

    id: str
    doc_id: str
    position: int
    text: str
    title: str
    section: str
    page_start: int
    page_end: int
    char_start: int
    char_end: int
    doc_type: str = "document"
    language: str = "und"
    date: str | None = None

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store (no None values: Chroma rejects them)."""
        return {
            "doc_id": self.doc_id,
            "position": self.position,
            "title": self.title,
            "section": self.section,
            "page_start": self.page_start,
            "page_end": self.page_end,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "doc_type": self.doc_type,
            "language": self.language,
            "date": self.date or "",
        }

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict) -> Chunk:
        return cls(
            id=chunk_id,
            doc_id=str(meta["doc_id"]),
            position=int(meta["position"]),
            text=text,
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            page_start=int(meta["page_start"]),
            page_end=int(meta["page_end"]),
            char_start=int(meta["char_start"]),
            char_end=int(meta["char_end"]),
            doc_type=str(meta.get("doc_type", "document")),
            language=str(meta.get("language", "und")),
            date=str(meta.get("date") or "") or None,
        )


@dataclass(frozen=True)
class Limits:
    """Caps on what one file may cost us. Nothing a file says about its own size is trusted."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 1000
    max_decompressed_bytes: int = 64 * 1024 * 1024
    max_compression_ratio: float = 100.0
    max_chars: int = 5_000_000
