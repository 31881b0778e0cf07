"""Synthetic corpora at n times the real one: perturbed Markdown copies of the real documents."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{5,}")


@dataclass(frozen=True)
class SourceDoc:
    doc_id: str
    title: str
    language: str
    doc_type: str
    pages: tuple[str, ...]


def read_sources(corpus: Path) -> list[SourceDoc]:
    """The real documents as page texts, read with the product's own loader."""
    from ingest.load import load
    from ingest.pipeline import _wanted

    docs = []
    for path in sorted(p for p in corpus.iterdir() if _wanted(p)):
        d = load(path, doc_id=path.stem)
        docs.append(SourceDoc(d.doc_id, d.title, d.language, d.doc_type, tuple(p.text for p in d.pages)))
    return docs


def perturb(text: str, rng: random.Random, vocabulary: list[str], *, word_rate: float = 0.08) -> str:
    """Shuffle the sentences within each paragraph, change every number and replace some words."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        sentences = [s for s in _SENTENCE_END.split(para.strip()) if s]
        rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))
    out = "\n\n".join(p for p in paragraphs if p)
    out = _NUMBER.sub(lambda m: str(rng.randrange(10 ** (len(m.group()) - 1) if len(m.group()) > 1 else 0,
                                                  10 ** len(m.group()))), out)
    if vocabulary:
        out = _WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < word_rate else m.group(), out)
    return out


def write_corpus(sources: list[SourceDoc], target: Path, *, scale: int, seed: int = 7) -> list[Path]:
    """`scale` perturbed Markdown copies of every source document (one section per source page) in
    `target`, each with its own doc id, plus a metadata.json with their titles, types and languages."""
    target.mkdir(parents=True, exist_ok=True)
    vocabulary = sorted({w.lower() for s in sources for p in s.pages for w in _WORD.findall(p)})
    metadata, paths = {}, []
    for copy in range(scale):
        for s in sources:
            rng = random.Random(f"{seed}:{s.doc_id}:{copy}")
            title = f"{s.title} (variant {copy + 1})"
            body = "\n\n".join(f"## Section {n}\n\n{perturb(page, rng, vocabulary)}"
                               for n, page in enumerate(s.pages, start=1) if page.strip())
            path = target / f"{s.doc_id}-v{copy + 1:03d}.md"
            path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
            metadata[path.name] = {"title": title, "doc_type": s.doc_type, "language": s.language, "date": None}
            paths.append(path)
    (target / "metadata.json").write_text(json.dumps(metadata, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
