"""What has been ingested: one JSON record per document (metadata, page texts) plus the original file."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
import threading
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

# How files are read (ingest/load.py and its readers) and cut into units. Raise it when a reader's text or the
# units change (DOCX footnote markers as superscripts: 2; a PDF table row one unit: 3): an unchanged file is then
# read again on the next ingest, as a new version.
READER = 4


def version_key(sha256: str, reader: int) -> str:
    return sha256 if reader <= 1 else f"{sha256}+r{reader}"


def short_version(version: str, head: int) -> str:
    """A version key shortened for ids and file names: the hash's first `head` characters and its reader tag."""
    sha, _, tag = version.partition("+")
    return sha[:head] + (f"+{tag}" if tag else "")


@dataclass
class DocumentRecord:
    doc_id: str
    title: str
    source_path: str
    stored_file: str
    media_type: str
    sha256: str
    language: str
    doc_type: str
    date: str | None
    pages: list[str]
    chunk_count: int
    ingested_at: str
    headings: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reader: int = 1  # the READER version that read the file (records written before it existed: 1)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def version(self) -> str:
        """The key of this version's chunks in the vector store: the file's hash, and the reader that read it."""
        return version_key(self.sha256, self.reader)

    def summary(self) -> dict:
        """Everything but the page texts."""
        out = {k: v for k, v in asdict(self).items() if k not in ("pages", "headings", "stored_file", "reader")}
        out["page_count"] = self.page_count
        return out


class Catalog:
    """Records live in `root/records`, files in `root/files`. A record is written only after its chunks
    are in the vector store, so a record is the commit mark of a document version."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._records = root / "records"
        self._files = root / "files"
        self._version = root / "version"
        self._records.mkdir(parents=True, exist_ok=True)
        self._files.mkdir(parents=True, exist_ok=True)
        # Parsed records keyed by file identity: every citation reads its document's page texts, and a
        # record file is only ever replaced whole (os.replace), so a changed file has a new identity.
        self._cache: dict[str, tuple[tuple[int, int, int], DocumentRecord]] = {}
        self._cache_lock = threading.Lock()

    def get(self, doc_id: str) -> DocumentRecord | None:
        path = self._records / f"{doc_id}.json"
        try:
            st = path.stat()
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
            cached = self._cache.get(doc_id)
            if cached is None or cached[0] != key:
                record = DocumentRecord(**json.loads(path.read_text(encoding="utf-8")))
                with self._cache_lock:
                    self._cache[doc_id] = (key, record)
                cached = (key, record)
        except FileNotFoundError:
            with self._cache_lock:
                self._cache.pop(doc_id, None)
            return None
        return dataclasses.replace(cached[1])  # a caller changing its copy never changes the cache

    def all(self) -> list[DocumentRecord]:
        records = [self.get(p.stem) for p in sorted(self._records.glob("*.json"))]
        return [r for r in records if r is not None]

    def store_file(self, source: Path, *, doc_id: str, sha256: str) -> str:
        name = f"{doc_id}-{sha256[:12]}{source.suffix.lower()}"
        target = self._files / name
        if not target.exists():
            _atomic_copy(source, target)
        return name

    def file_path(self, record: DocumentRecord) -> Path:
        return self._files / record.stored_file

    def put(self, record: DocumentRecord) -> None:
        previous = self.get(record.doc_id)
        _atomic_write(self._records / f"{record.doc_id}.json", json.dumps(asdict(record), ensure_ascii=False))
        self._bump()
        if previous and previous.stored_file != record.stored_file:
            (self._files / previous.stored_file).unlink(missing_ok=True)

    def remove(self, doc_id: str) -> None:
        record = self.get(doc_id)
        (self._records / f"{doc_id}.json").unlink(missing_ok=True)
        self._bump()
        if record:
            (self._files / record.stored_file).unlink(missing_ok=True)

    def version(self) -> str:
        """Changes whenever a record is added, replaced or removed (lets readers refresh cheaply): a token
        rewritten after every change, so a reader pays one small read, however many documents there are."""
        try:
            return self._version.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def _bump(self) -> None:
        _atomic_write(self._version, uuid.uuid4().hex)


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _atomic_copy(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    os.close(fd)
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
