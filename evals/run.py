"""Run the gold questions through our assistant and the baselines; print a table and write the results.

    python -m evals.run [--split test|dev|all] [--systems ours,langchain,bm25] [--out PATH] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from evals import metrics
from evals.report import comparison, render

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evals" / "gold.jsonl"
CORPUS = ROOT / "corpus"
RESULTS = ROOT / "evals" / "results"
SYSTEMS = ("ours", "langchain", "bm25")
K = 10
ANSWER_CHARS = 600  # per-item answers are trimmed in the results file to keep it reviewable
WARM_UP = "warm-up"


@dataclass(frozen=True)
class GoldItem:
    id: str
    split: str
    language: str
    category: str
    cross_lingual: bool
    question: str
    history: list[dict]
    evidence: list[dict]
    facts: list[list[str]]
    abstain: bool


def load_gold(path: Path, split: str = "test") -> list[GoldItem]:
    """Gold items of one split ("all" for both); a malformed line fails loudly with its line number."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = GoldItem(**json.loads(line))
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
        if split == "all" or item.split == split:
            items.append(item)
    return items


def search_query(question: str, history: list[dict]) -> str:
    """Retrieval sees the question with the last user turn before it (follow-ups name their subject there)."""
    last_user = next((t["content"] for t in reversed(history) if t["role"] == "user"), "")
    return f"{last_user} {question}".strip()


def doc_id_of(path: Path) -> str:
    """The document id our ingest gives a file, so baseline passages are judged against the same gold ids."""
    from ingest.load import slug

    return slug(path.stem)


def _timed(call: Callable, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def _cited_text(citation, passages) -> str:
    """The text of the passage that holds the citation's quote (empty when none does)."""
    quote = metrics.normalize(citation.quote)
    for passage in passages:
        chunk = passage.chunk
        if chunk.doc_id == citation.doc_id and quote in metrics.normalize(chunk.text):
            return chunk.text
    return ""


def evaluate_item(system, item: GoldItem, *, turn: Callable = dict) -> dict:
    """Score one gold item on one system. `turn` builds the system's history records from gold turns."""
    passages, search_ms = _timed(system.search, search_query(item.question, item.history), k=K)
    answer, ask_ms = _timed(system.ask, item.question, history=[turn(**t) for t in item.history])
    answerable = not item.abstain and bool(item.evidence)
    relevance = [metrics.is_hit(p.chunk.text, item.evidence, p.chunk.doc_id) for p in passages]
    cited = [(c.doc_id, c.quote, _cited_text(c, answer.passages)) for c in answer.citations]
    return {
        "id": item.id,
        "language": item.language,
        "category": item.category,
        "cross_lingual": item.cross_lingual,
        "should_abstain": item.abstain,
        "abstained": answer.abstained,
        "first_relevant_rank": metrics.first_relevant_rank(relevance, K) if answerable else None,
        "hit@1": metrics.hit_at_k(relevance, 1) if answerable else None,
        "hit@5": metrics.hit_at_k(relevance, 5) if answerable else None,
        "mrr@10": metrics.reciprocal_rank(relevance, K) if answerable else None,
        "ndcg@10": metrics.ndcg_at_k(relevance, K) if answerable else None,
        "citation_hit": float(metrics.citation_hit(cited, item.evidence)) if answerable else None,
        "facts": metrics.fact_accuracy(answer.text, item.facts) if not item.abstain else None,
        "search_ms": round(search_ms, 2),
        "ask_ms": round(ask_ms, 2),
        "answer": answer.text[:ANSWER_CHARS],
        "citations": [{"doc_id": c.doc_id, "page": c.page} for c in answer.citations],
        "retrieved": [{"doc_id": p.chunk.doc_id, "page": p.chunk.page_start, "relevant": r}
                      for p, r in zip(passages, relevance, strict=True)],
    }


def summarize(rows: Sequence[Mapping]) -> dict:
    """Means over the items each metric applies to, abstention rates, latency percentiles and counts."""
    summary = {name: metrics.mean(r[name] for r in rows)
               for name in ("hit@1", "hit@5", "mrr@10", "ndcg@10", "citation_hit", "facts")}
    summary |= metrics.abstention_rates([(r["should_abstain"], r["abstained"]) for r in rows])
    for call in ("search", "ask"):
        values = [r[f"{call}_ms"] for r in rows]
        summary[f"{call}_p50_ms"] = round(metrics.percentile(values, 50), 2) if values else None
        summary[f"{call}_p95_ms"] = round(metrics.percentile(values, 95), 2) if values else None
    summary["n"] = len(rows)
    return summary


def breakdowns(rows: Sequence[Mapping]) -> dict:
    def by(key):
        return {value: summarize([r for r in rows if r[key] == value]) for value in sorted({r[key] for r in rows})}

    return {
        "language": by("language"),
        "category": by("category"),
        "cross_lingual": summarize([r for r in rows if r["cross_lingual"]]),
    }


def evaluate_system(system, items: Sequence[GoldItem], *, turn: Callable = dict) -> dict:
    """All items through one system; one untimed call first, so latency excludes lazy model loading."""
    system.search(WARM_UP, k=K)
    rows = [evaluate_item(system, item, turn=turn) for item in items]
    return {"summary": summarize(rows), "breakdowns": breakdowns(rows), "items": rows}


def build_ours(settings):
    """A fresh assistant whose index is built from `settings.corpus_dir` in `settings.data_dir`."""
    from assistant.service import build_assistant

    assistant = build_assistant(settings)
    report = assistant.ingest([settings.corpus_dir])
    if not report.ok:
        failed = [f"{f.path}: {f.reason}" for f in report.files if f.status == "failed"]
        raise SystemExit("ingest failed, the evaluation would be meaningless:\n" + "\n".join(failed))
    return assistant, report


def evaluate_ours(settings, items: Sequence[GoldItem]) -> dict:
    from assistant.models import Turn

    assistant, report = build_ours(settings)
    return evaluate_system(assistant, items, turn=Turn) | {"ingest": report.to_dict()}


def run(settings, items: Sequence[GoldItem], systems: Sequence[str]) -> dict[str, dict]:
    results = {}
    if "ours" in systems:
        results["ours"] = evaluate_ours(settings, items)
    baseline_names = [s for s in systems if s != "ours"]
    if baseline_names:
        from evals.baselines import build_baselines
        from ingest.embed import build_embedder

        baselines = build_baselines([settings.corpus_dir], build_embedder(settings), doc_id_of=doc_id_of)
        for name in baseline_names:
            results[name] = evaluate_system(baselines[name], items)
    return results


def to_text(document: Mapping) -> str:
    """Indented JSON with each per-item row on one line, so a diff of the committed results reads item by item."""
    rows: list[str] = []

    def mark(row):
        rows.append(json.dumps(row, ensure_ascii=False))
        return f"@@row-{len(rows) - 1}@@"

    shell = {**document, "systems": {name: {**result, "items": [mark(r) for r in result["items"]]}
                                     for name, result in document["systems"].items()}}
    text = json.dumps(shell, ensure_ascii=False, indent=1)
    return re.sub(r'"@@row-(\d+)@@"', lambda m: rows[int(m.group(1))], text) + "\n"


def _shown(path: Path) -> str:
    """A path relative to the repository when it is inside it, so results files match across machines."""
    return str(path.resolve().relative_to(ROOT)) if path.resolve().is_relative_to(ROOT) else str(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    from assistant.config import Settings
    from ingest.embed import model_slug

    parser = argparse.ArgumentParser(prog="python -m evals.run", description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: ours,langchain,bm25")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, help="results file (default: evals/results/run-<timestamp>.json)")
    parser.add_argument("--data-dir", type=Path, help="where to build the index (default: a temporary dir)")
    args = parser.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    if unknown := set(systems) - set(SYSTEMS):
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")

    items = load_gold(args.gold, args.split)
    if not items:
        parser.error(f"no gold items in split {args.split!r} of {args.gold}")
    with tempfile.TemporaryDirectory(prefix="eval-index-") as tmp:
        # chroma_host=None: the evaluation always builds its own local index, never a shared server's.
        settings = Settings(data_dir=args.data_dir or Path(tmp), corpus_dir=args.corpus, chroma_host=None)
        results = run(settings, items, systems)

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    document = {
        "created": stamp,
        "split": args.split,
        "gold": {"path": _shown(args.gold), "sha256": _sha256(args.gold), "items": len(items)},
        "corpus": {p.name: _sha256(p) for p in sorted(args.corpus.iterdir()) if p.is_file()},
        "embedding_model": model_slug(settings.model_name_or_path),
        "k": K,
        "systems": results,
    }
    latest = RESULTS / "latest.json"
    previous = json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else None
    print(render(document))
    if previous:
        print(comparison(previous, document))

    text = to_text(document)
    written = [args.out or RESULTS / f"run-{stamp}.json"]
    # Only a test-half run on the committed gold set replaces the committed results: tuning runs on the dev
    # half (or a private gold file) never overwrite them.
    if args.gold.resolve() == GOLD and args.split == "test":
        written.append(latest)
    for path in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print("\nwrote " + " and ".join(map(str, written)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
