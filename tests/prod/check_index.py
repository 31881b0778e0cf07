"""Run as `python -m tests.prod.check_index DATA_DIR`: checks an index's consistency, prints JSON problems.

A separate process so the test never holds Chroma's persistent store open while an ingest runs. The fake
embedder takes the real model's name and size: the collection is found, and the checks are about
plumbing (which chunks exist, which are visible), not about ranking."""

import json
import sys
from collections import Counter
from pathlib import Path

from assistant.config import Settings
from assistant.service import build_assistant
from ingest.catalog import short_version
from tests.fakes import FakeEmbedder


def problems(data_dir: Path) -> dict:
    a = build_assistant(Settings(data_dir=data_dir), embedder=FakeEmbedder(dim=384, name="all-minilm-l6-v2"))
    out: list[str] = []
    records = {r.doc_id: r for r in a.catalog.all()}
    stored = a.store.all()
    ids = Counter(c.id for c, _ in stored)
    out += [f"duplicate chunk id {i}" for i, n in ids.items() if n > 1]
    for r in records.values():
        mine = [c for c, sha in stored if c.doc_id == r.doc_id and sha == r.version]
        if len(mine) != r.chunk_count:
            out.append(f"{r.doc_id}: record says {r.chunk_count} chunks, store has {len(mine)}")
        if not a.catalog.file_path(r).is_file():
            out.append(f"{r.doc_id}: stored file missing")
    a.retriever.refresh()
    lexical = a.retriever.lexical.chunks
    if {c.doc_id for c in lexical} != set(records):
        out.append(f"lexical index has {sorted({c.doc_id for c in lexical})}, catalog {sorted(records)}")
    positions = Counter((c.doc_id, c.position) for c in lexical)
    out += [f"two visible versions of {k}" for k, n in positions.items() if n > 1]
    hits = a.search("tilskudd styringsgruppa konsulenttimer", k=20)
    if records and not hits:
        out.append("search found nothing")
    for p in hits:
        r = records.get(p.chunk.doc_id)
        if r is None or not p.chunk.id.startswith(f"{r.doc_id}:{short_version(r.version, 12)}:"):
            out.append(f"search returned an invisible version: {p.chunk.id}")
    markers = {r.doc_id: next((w for w in r.pages[0].split() if w.startswith("runde")), "") for r in records.values()}
    return {"problems": out, "documents": sorted(records), "versions": len(a.store.versions()), "markers": markers}


if __name__ == "__main__":
    print(json.dumps(problems(Path(sys.argv[1]))))
