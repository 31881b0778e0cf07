"""The analysed terms of each document version's chunks, kept on disk so that a restart does not analyse the
whole corpus again (stemming, compounds and termbase expansion cost about 0.7 ms per chunk: 20 s at 100x).

One JSON file per document version under a folder named after a fingerprint of the analysis code and the
termbase: editing either starts a fresh folder, so stale terms are never read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ingest.catalog import short_version
from ingest.models import Chunk

_SOURCES = ("analysis.py", "amounts.py", "compounds.py", "concepts.py", "language.py", "phrases.py", "termbase.py",
            "lexical.py", "data/termbase.tsv")


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


class TermCache:
    def __init__(self, root: Path) -> None:
        self.root = root / fingerprint()

    def terms(self, chunks: list[Chunk], *, sha256_of: Callable[[str], str],
              analyse: Callable[[Chunk], list[str]]) -> list[list[str]]:
        """Terms for every chunk, in order: read per document version where cached, else analysed and
        written for next time. A file that cannot be read or written only costs the analysis."""
        by_version: dict[tuple[str, str], list[Chunk]] = {}
        for c in chunks:
            by_version.setdefault((c.doc_id, sha256_of(c.doc_id)), []).append(c)
        found: dict[str, list[str]] = {}
        for (doc_id, sha), members in by_version.items():
            path = self.root / f"{doc_id}-{short_version(sha, 16)}.json"
            cached = _read(path)
            if cached is None or any(c.id not in cached for c in members):
                cached = {c.id: analyse(c) for c in members}
                _write(path, cached)
            found.update(cached)
        return [found[c.id] for c in chunks]

    def prune(self, live: Iterable[tuple[str, str]]) -> None:
        """Remove the files of versions no longer live, and folders of other analysis fingerprints."""
        keep = {f"{doc_id}-{short_version(sha, 16)}.json" for doc_id, sha in live}
        if self.root.parent.is_dir():
            for folder in self.root.parent.iterdir():
                if folder.is_dir() and folder != self.root:
                    for f in folder.iterdir():
                        f.unlink(missing_ok=True)
                    folder.rmdir()
        if self.root.is_dir():
            for f in self.root.glob("*.json"):
                if f.name not in keep:
                    f.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, list[str]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict[str, list[str]]) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:  # a read-only or full disk: the terms are analysed again next time
        if tmp:
            Path(tmp).unlink(missing_ok=True)
