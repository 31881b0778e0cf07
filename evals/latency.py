"""Time the product as a user meets it: ingest the corpus, then warm /search and /ask through the HTTP stack.

    python -m evals.latency [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from assistant.analysis import query_concepts, query_terms_by_language
from assistant.api import create_app
from assistant.config import Settings
from assistant.service import build_assistant
from evals.metrics import percentile
from evals.run import CORPUS, GOLD, RESULTS, load_gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the gold questions")
    args = parser.parse_args(argv)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    questions = [item.question for item in load_gold(GOLD, "all")]
    with tempfile.TemporaryDirectory() as tmp:
        # One client sends every request: the per-client rate limit would measure itself, not the product.
        settings = Settings(data_dir=Path(tmp), rate_limit_per_minute=0, json_logs=False, log_level="warning")
        started = time.perf_counter()
        assistant = build_assistant(settings)
        assistant.store.warm_up()
        loaded = time.perf_counter()
        report = assistant.ingest([CORPUS])
        ingested = time.perf_counter()
        # Question analysis (both languages' terms and the concepts) on its own: every search and answer starts
        # with it. Each question once, so its own caches are cold; the words' analyses are warm from the ingest.
        t = time.perf_counter()
        for q in questions:
            query_terms_by_language(q), query_concepts(q)
        analysis_ms = (time.perf_counter() - t) * 1000 / max(1, len(questions))
        with TestClient(create_app(settings, assistant=assistant)) as client:
            for q in questions[:5]:  # warm-up
                client.post("/ask", json={"question": q})
            timings: dict[str, list[float]] = {"/search": [], "/ask": []}
            for _ in range(args.rounds):
                for q in questions:
                    for route, body in (("/search", {"query": q, "k": 8}), ("/ask", {"question": q})):
                        t = time.perf_counter()
                        r = client.post(route, json=body)
                        timings[route].append((time.perf_counter() - t) * 1000)
                        r.raise_for_status()
    result = {
        "model_load_s": round(loaded - started, 2),
        "ingest_s": round(ingested - loaded, 2),
        "files": report.counts(),
        "chunks": sum(f.chunks for f in report.files),
        "pages": sum(f.pages for f in report.files),
        "query_analysis_ms": round(analysis_ms, 2),
        "requests_per_route": len(timings["/search"]),
        **{f"{route}_{name}_ms": round(percentile(values, p), 1)
           for route, values in timings.items() for name, p in (("p50", 50), ("p95", 95))},
    }
    for key, value in result.items():
        print(f"{key:22} {value}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latency-latest.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
