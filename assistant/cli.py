"""Command line: `assistant ingest PATH...`, `assistant ask "..."`, `assistant search "..."`, `assistant serve`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from assistant.config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="where the index lives (default: ./data)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="ingest files and folders (incremental); exit 1 if any file failed")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p = sub.add_parser("ask", help="answer a question with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("search", help="hybrid search")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=8)
    sub.add_parser("serve", help="serve the HTTP API (HOST, PORT)")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG on import
    settings = Settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    if args.command == "serve":
        return _serve(settings)

    from assistant.service import build_assistant

    assistant = build_assistant(settings)
    if args.command == "ingest":
        report = assistant.ingest(args.paths)
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            for f in report.files:
                detail = f.reason or ", ".join(f.warnings)
                print(f"{f.status:10} {f.path}" + (f"  ({f.chunks} chunks)" if f.chunks else "") + (f"  — {detail}" if detail else ""))
            print(f"{report.counts()} in {report.seconds:.1f} s; {assistant.store.count()} vectors in {assistant.store.name}")
        return 0 if report.ok else 1
    if args.command == "ask":
        answer = assistant.ask(args.question)
        if args.json:
            print(json.dumps({"answer": answer.text, "abstained": answer.abstained,
                              "citations": [{**c.__dict__, "url": c.url} for c in answer.citations]},
                             ensure_ascii=False, indent=2))
        else:
            print(answer.text)
            for c in answer.citations:
                print(f"[{c.n}] {c.title}, p. {c.page}" + (f", {c.section}" if c.section else "") + f": \"{c.quote}\"")
        return 0
    if args.command == "search":
        for p in assistant.search(args.query, k=args.k):
            print(json.dumps({"doc_id": p.chunk.doc_id, "page": p.chunk.page_start, "section": p.chunk.section,
                              "score": round(p.score, 4), "text": p.chunk.text[:300]}, ensure_ascii=False))
        return 0
    return 2


def _serve(settings: Settings) -> int:
    import uvicorn

    from assistant.api import create_app

    # Our JSON access log replaces uvicorn's own when json_logs is on.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level,
                log_config=None if settings.json_logs else uvicorn.config.LOGGING_CONFIG)
    return 0


if __name__ == "__main__":
    sys.exit(main())
