"""The naive LangChain tutorial pipeline (evals.baselines) behind a tiny FastAPI app, for timing over HTTP.

    python -m bench.naive CORPUS_DIR --port 8123

It keeps the tutorial's in-memory Chroma, so every start loads, splits and embeds the corpus again; /health
is 503 until then and reports the timings.
"""

from __future__ import annotations

import argparse
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class SearchIn(BaseModel):
    query: str
    k: int = 8


class AskIn(BaseModel):
    question: str


def create_app(corpus: Path) -> FastAPI:
    state: dict = {}

    def build() -> None:
        started = time.perf_counter()
        from assistant.config import Settings
        from evals.baselines import EmbedderEmbeddings, LangChainBaseline, corpus_files, tutorial_chunks
        from ingest.embed import build_embedder
        from ingest.load import slug

        embedder = build_embedder(Settings())
        loaded = time.perf_counter()
        files = corpus_files([corpus])
        chunks = tutorial_chunks(files, doc_id_of=lambda p: slug(p.stem))
        state["system"] = LangChainBaseline(chunks, EmbedderEmbeddings(embedder))
        state["stats"] = {"model_load_s": loaded - started, "ingest_s": time.perf_counter() - loaded,
                          "chunks": len(chunks), "files": len(files),
                          "pages": len({(c.doc_id, c.page_start) for c in chunks})}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        threading.Thread(target=build, daemon=True).start()
        yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    def health():
        if "system" not in state:
            return JSONResponse({"detail": "loading"}, status_code=503)
        return {"status": "ready", **state["stats"]}

    @app.post("/search")
    def search(body: SearchIn):
        return {"results": [{"text": p.chunk.text, "doc_id": p.chunk.doc_id, "page": p.chunk.page_start,
                             "score": p.score} for p in state["system"].search(body.query, k=body.k)]}

    @app.post("/ask")
    def ask(body: AskIn):
        a = state["system"].ask(body.question)
        return {"answer": a.text, "citations": [c.__dict__ for c in a.citations]}

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(create_app(args.corpus), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
