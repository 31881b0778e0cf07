"""Probe sets: fresh questions written from the documents by a reviewer, to find general faults before they reach
the gold set. Their facts are regular expressions, so they are scored here, not by `evals.run`:

    .venv/bin/python -m evals.probe evals/probes/probe-a.jsonl [--data-dir DIR] [--show]

Scores: abstention right (answered when answerable, abstained when not), retrieved (the evidence phrase, or
its first or last 60 characters where it crosses a chunk border, stands in one of the first five passages the
answer was drawn from), searched (the same for the first five passages `/search` returns for the question with the
last user turn before it, as `evals.run` scores hit@5), citation (a cited quote and the evidence phrase contain each
other, whitespace and case folded), facts (share of the fact regexes the answer text matches). The sets were used to
find and fix faults, so they are no longer unseen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def score(item: dict, answer, searched=None) -> dict:
    """One probe item's scores for an Answer, and for the passages `/search` returned, when given."""
    row = {"id": item["id"], "abstained": answer.abstained, "abstain": item["abstain"],
           "abstention_right": answer.abstained == item["abstain"]}
    if not item["abstain"]:
        evidence = _norm(item["evidence"])
        row["retrieved"] = any(_holds(_norm(p.chunk.text), evidence) for p in answer.passages[:5])
        if searched is not None:
            row["searched"] = any(_holds(_norm(p.chunk.text), evidence) for p in searched[:5])
        row["citation"] = any(evidence and (_norm(c.quote) in evidence or evidence in _norm(c.quote))
                              for c in answer.citations)
        row["facts"] = sum(bool(re.search(rx, answer.text, re.IGNORECASE)) for _, rx in item["facts"]) / max(
            1, len(item["facts"]))
    return row


def _holds(text: str, evidence: str) -> bool:
    return bool(evidence) and (evidence in text or evidence[:60] in text or evidence[-60:] in text)


def summary(rows: list[dict]) -> dict:
    answerable = [r for r in rows if not r["abstain"]]
    return {"items": len(rows), "abstention_right": sum(r["abstention_right"] for r in rows),
            "retrieved": round(sum(r["retrieved"] for r in answerable) / max(1, len(answerable)), 3),
            "citation": round(sum(r["citation"] for r in answerable) / max(1, len(answerable)), 3),
            "facts": round(sum(r["facts"] for r in answerable) / max(1, len(answerable)), 3),
            **({"searched": round(sum(r["searched"] for r in answerable) / max(1, len(answerable)), 3)}
               if answerable and all("searched" in r for r in answerable) else {})}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", type=Path)
    parser.add_argument("--data-dir", type=Path, help="an ingested index (default: a fresh one of corpus/)")
    parser.add_argument("--show", action="store_true", help="print each item's scores and answer")
    args = parser.parse_args(argv)

    from assistant.config import Settings
    from assistant.models import Turn
    from assistant.service import build_assistant
    from evals.run import search_query

    items = [json.loads(line) for line in args.probe.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=args.data_dir or Path(tmp), chroma_host=None)
        assistant = build_assistant(settings)
        if args.data_dir is None:
            assistant.ingest([ROOT / "corpus"])
        rows = []
        for item in items:
            answer = assistant.ask(item["question"], history=[Turn(**t) for t in item["history"]])
            searched = assistant.search(search_query(item["question"], item["history"]), k=5)
            rows.append(score(item, answer, searched))
            if args.show:
                print(json.dumps(rows[-1], ensure_ascii=False), "|", answer.text.replace("\n", " // ")[:300])
    print(json.dumps(summary(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
