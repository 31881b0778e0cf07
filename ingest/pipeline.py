"""Ingest files and folders: load, chunk, embed and index each, incrementally, one report line per file."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import time
from contextlib import contextmanager
import dataclasses
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ingest.catalog import READER, Catalog, DocumentRecord, version_key
from ingest.chunk import chunk
from ingest.errors import IngestError, LimitExceededError
from ingest.load import SUPPORTED_SUFFIXES, load, slug
from ingest.embed import Tokenizing
from ingest.models import Limits, LoadedDocument
from ingest.store import ChunkStore
from ingest.windows import dense_texts

log = logging.getLogger(__name__)


@dataclass
class FileOutcome:
    path: str
    status: str  # ingested | replaced | unchanged | no_text | failed | removed
    doc_id: str = ""
    reason: str = ""
    kind: str = ""
    chunks: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(f.status == "failed" for f in self.files)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.status] = out.get(f.status, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {"ok": self.ok, "counts": self.counts(), "seconds": round(self.seconds, 3),
                "files": [asdict(f) for f in self.files]}


class Ingester:
    def __init__(self, *, store: ChunkStore, catalog: Catalog, limits: Limits = Limits(),
                 chunk_size: int = 900, chunk_overlap: int = 150, window_tokens: int = 200,
                 dense_views=None) -> None:
        """Chunks longer than `window_tokens` of the model's tokens are embedded as several windows.
        `dense_views(chunk)` may give one more text to embed for a chunk (a gloss in another language)."""
        self.store = store
        self.catalog = catalog
        self.limits = limits
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.window_tokens = window_tokens
        self.dense_views = dense_views

    def run(self, paths: list[Path]) -> IngestReport:
        with self.exclusive():
            return self._run(paths)

    @contextmanager
    def exclusive(self):
        """One ingest at a time per index, across processes: a run's garbage collection would otherwise
        delete another run's new chunks before their record commits them. The lock dies with its holder."""
        with (self.catalog.root / ".ingest.lock").open("a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _run(self, paths: list[Path]) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        self._collect_garbage()
        for path in paths:
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if _wanted(p))
                report.files.extend(self.ingest_file(p) for p in files)
                report.files.extend(self._remove_missing(path))
            elif path.exists():
                report.files.append(self.ingest_file(path))
            else:
                report.files.append(FileOutcome(str(path), "failed", reason="no such file or folder", kind="missing"))
        report.seconds = time.perf_counter() - started
        return report

    def ingest_file(self, path: Path) -> FileOutcome:
        started = time.perf_counter()
        doc_id = slug(path.stem)
        outcome = FileOutcome(str(path), "failed", doc_id=doc_id)
        try:
            sha = _sha256(path, self.limits.max_file_bytes)
            previous = self.catalog.get(doc_id)
            if previous and Path(previous.source_path) != path.resolve() and Path(previous.source_path).exists():
                raise IngestError(f"document id {doc_id!r} is already used by {previous.source_path}")
            if previous and previous.version == version_key(sha, READER):
                outcome.status, outcome.chunks, outcome.pages = "unchanged", previous.chunk_count, previous.page_count
                return outcome
            doc = load(path, limits=self.limits, doc_id=doc_id)
            outcome.warnings, outcome.pages = list(doc.warnings), len(doc.pages)
            if not doc.char_count:
                outcome.status = "no_text"
                return outcome
            outcome.chunks = self._index(doc, path)
            outcome.status = "replaced" if previous else "ingested"
        except IngestError as exc:
            outcome.reason, outcome.kind = str(exc), exc.kind
        except Exception as exc:  # one broken file never stops the rest of the run
            log.exception("unexpected failure ingesting %s", path)
            outcome.reason, outcome.kind = f"unexpected error: {type(exc).__name__}: {exc}", "internal"
        finally:
            outcome.seconds = round(time.perf_counter() - started, 3)
        return outcome

    def remove(self, doc_id: str) -> bool:
        with self.exclusive():
            return self._remove(doc_id)

    def _remove(self, doc_id: str) -> bool:
        if not self.catalog.get(doc_id):
            return False
        self.catalog.remove(doc_id)
        self.store.delete(doc_id=doc_id)
        return True

    def _index(self, doc: LoadedDocument, path: Path) -> int:
        # Chunks are stored under the version key (the file's hash and the reader): a file read again by a newer
        # reader is a new version beside the old one until its record points at it.
        version = version_key(doc.sha256, READER)
        chunks = chunk(dataclasses.replace(doc, sha256=version), size=self.chunk_size, overlap=self.chunk_overlap)
        # New version in first, then the record that makes it visible, then the old version out:
        # a crash at any point leaves one complete, visible version.
        embedder = self.store.embedder
        offsets, size = ((embedder.token_offsets, min(self.window_tokens, embedder.max_tokens))
                         if isinstance(embedder, Tokenizing) else (None, self.window_tokens))
        texts = [dense_texts(c, token_offsets=offsets, size=size) for c in chunks]
        if self.dense_views:
            texts = [own + [view] if (view := self.dense_views(c)) else own for c, own in zip(chunks, texts)]
        self.store.add(chunks, sha256=version, texts=texts)
        stored = self.catalog.store_file(path, doc_id=doc.doc_id, sha256=doc.sha256)
        self.catalog.put(DocumentRecord(
            doc_id=doc.doc_id, title=doc.title, source_path=str(path.resolve()), stored_file=stored,
            media_type=doc.media_type, sha256=doc.sha256, language=doc.language, doc_type=doc.doc_type,
            date=doc.date, pages=[p.text for p in doc.pages], chunk_count=len(chunks),
            ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            headings=[asdict(h) for h in doc.headings], warnings=list(doc.warnings), reader=READER,
        ))
        self.store.delete(doc_id=doc.doc_id, keep_sha256=version)
        return len(chunks)

    def _remove_missing(self, folder: Path) -> list[FileOutcome]:
        root = folder.resolve()
        out = []
        for record in self.catalog.all():
            source = Path(record.source_path)
            if source.is_relative_to(root) and not source.exists():
                self._remove(record.doc_id)
                out.append(FileOutcome(record.source_path, "removed", doc_id=record.doc_id))
        return out

    def _collect_garbage(self) -> None:
        """Drop chunks of versions no record points at (left by an interrupted run)."""
        live = {(r.doc_id, r.version) for r in self.catalog.all()}
        for doc_id, sha in self.store.versions() - live:
            record = self.catalog.get(doc_id)
            if record:
                self.store.delete(doc_id=doc_id, keep_sha256=record.version)
            else:
                self.store.delete(doc_id=doc_id)


def _wanted(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and not any(
        part.startswith(".") for part in path.parts
    ) and path.name.lower() not in {"readme.md", "metadata.json"}


def _sha256(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise LimitExceededError(f"file is {size} bytes, over the {max_bytes}-byte limit")
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
