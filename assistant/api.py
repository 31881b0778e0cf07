"""The HTTP API: search, ask, documents and health, over one Assistant built at start-up."""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from assistant.config import Settings
from assistant.models import Filters, Turn
from assistant.observability import observed
from assistant.service import Assistant, DocumentNotFound, build_assistant
from assistant import web
from assistant.sessions import RateLimited
from ingest.store import StoreUnavailable

log = logging.getLogger(__name__)


class NotReady(Exception):
    """The index is still loading (or failed to load)."""


class FiltersIn(BaseModel):
    doc_ids: list[str] = Field(default_factory=list, max_length=50)
    doc_types: list[str] = Field(default_factory=list, max_length=20)
    languages: list[Literal["nb", "en"]] = Field(default_factory=list)

    def to_filters(self) -> Filters:
        return Filters(tuple(self.doc_ids), tuple(self.doc_types), tuple(self.languages))


class SearchIn(BaseModel):
    query: str = Field(min_length=1, max_length=2000)
    k: int = Field(default=8, ge=1, le=50)
    filters: FiltersIn | None = None


class SearchHit(BaseModel):
    text: str
    doc_id: str
    title: str
    page: int
    page_end: int
    section: str
    score: float


class SearchOut(BaseModel):
    results: list[SearchHit]


class TurnIn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AskIn(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    history: list[TurnIn] = Field(default_factory=list, max_length=40)
    filters: FiltersIn | None = None


class CitationOut(BaseModel):
    n: int
    doc_id: str
    title: str
    page: int
    section: str
    quote: str
    char_start: int
    char_end: int
    score: float
    url: str


class AskOut(BaseModel):
    answer: str
    citations: list[CitationOut]
    abstained: bool
    query: str


def create_app(settings: Settings | None = None, *, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or Settings()
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG on import

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.assistant = assistant
        app.state.load_error = None
        if assistant is None:
            # Loading the model takes seconds: answer /health with 503 meanwhile instead of refusing connections.
            threading.Thread(target=_load, args=(app, settings), daemon=True).start()
        yield

    app = FastAPI(title="Programme documents assistant", version="0.1.0", lifespan=lifespan,
                  description="Cited answers over the Trøndelag funding-programme documents.")
    _errors(app)
    _routes(app)
    web.install(app, settings, get_assistant=get_assistant)  # the chat widget: /, /widget.js, /chat/stream, /feedback
    from assistant import admin, limits, observability, openai_api  # these import get_assistant from here

    app.state.settings = settings
    admin.install(app, settings)  # raises on a placeholder admin key: refuse to start
    openai_api.install(app, settings)
    limits.install(app, settings)
    observability.install(app, settings)  # outermost: every response carries a request id
    return app


def _load(app: FastAPI, settings: Settings) -> None:
    try:
        a = build_assistant(settings)
        a.warm_up()
        app.state.assistant = a
    except Exception as exc:  # reported by /health and every call, never swallowed silently
        log.exception("could not load the assistant")
        app.state.load_error = f"{type(exc).__name__}: {exc}"


def get_assistant(request: Request) -> Assistant:
    a = getattr(request.app.state, "assistant", None)
    if a is None:
        raise NotReady(getattr(request.app.state, "load_error", None) or "the index is still loading")
    return observed(a, request.app)


AssistantDep = Annotated[Assistant, Depends(get_assistant)]


def _errors(app: FastAPI) -> None:
    @app.exception_handler(DocumentNotFound)
    async def _not_found(_: Request, exc: DocumentNotFound):
        return JSONResponse({"detail": f"no document with id {str(exc)!r}"}, status_code=404)

    @app.exception_handler(NotReady)
    async def _not_ready(_: Request, exc: NotReady):
        return JSONResponse({"detail": f"not ready: {exc}"}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(web.OriginRejected)
    async def _origin(_: Request, exc: web.OriginRejected):
        return JSONResponse({"detail": f"origin {exc} may not use the assistant; see allowed_origins"}, status_code=403)

    @app.exception_handler(RateLimited)
    async def _limited(_: Request, exc: RateLimited):
        return JSONResponse({"detail": f"too many questions: {exc}"}, status_code=429, headers={"Retry-After": "60"})

    @app.exception_handler(StoreUnavailable)
    async def _store_down(_: Request, exc: StoreUnavailable):
        return JSONResponse({"detail": f"vector store unavailable: {exc}"}, status_code=503, headers={"Retry-After": "5"})


def _routes(app: FastAPI) -> None:
    @app.get("/health")
    def health(request: Request):
        """Ready (200) only once the index is loaded; 503 with the reason before that."""
        a = get_assistant(request)
        documents = a.documents()
        return {"status": "ready", "documents": len(documents), "chunks": sum(d.chunk_count for d in documents),
                "vectors": a.store.count(), "collection": a.store.name}

    @app.post("/search", response_model=SearchOut)
    def search(body: SearchIn, a: AssistantDep):
        """Hybrid (dense + BM25) search over the chunks; filters restrict documents, types and languages."""
        passages = a.search(body.query, k=body.k, filters=body.filters.to_filters() if body.filters else None)
        return SearchOut(results=[
            SearchHit(text=p.chunk.text, doc_id=p.chunk.doc_id, title=p.chunk.title, page=p.chunk.page_start,
                      page_end=p.chunk.page_end, section=p.chunk.section, score=round(p.score, 5))
            for p in passages
        ])

    @app.post("/ask", response_model=AskOut)
    def ask(body: AskIn, a: AssistantDep):
        """Answer from the documents with numbered `[n]` citations, or abstain when they do not cover it."""
        answer = a.ask(body.question, history=[Turn(t.role, t.content) for t in body.history],
                       filters=body.filters.to_filters() if body.filters else None)
        return AskOut(answer=answer.text, abstained=answer.abstained, query=answer.query,
                      citations=[CitationOut(**c.__dict__, url=c.url) for c in answer.citations])

    @app.get("/documents")
    def documents(a: AssistantDep):
        """Every ingested document's metadata."""
        return {"documents": [r.summary() for r in a.documents()]}

    @app.get("/documents/{doc_id}")
    def document(doc_id: str, a: AssistantDep):
        """One document's metadata, page count and headings."""
        r = a.document(doc_id)
        return {**r.summary(), "headings": r.headings}

    @app.get("/documents/{doc_id}/pages/{page}")
    def page(doc_id: str, page: int, a: AssistantDep):
        """One page's stored text (the text citations quote from)."""
        r = a.document(doc_id)
        if not 1 <= page <= r.page_count:
            return JSONResponse({"detail": f"page {page} is outside 1-{r.page_count}"}, status_code=404)
        return {"doc_id": doc_id, "page": page, "text": r.pages[page - 1]}

    @app.get("/documents/{doc_id}/file")
    def document_file(doc_id: str, a: AssistantDep):
        """The original file. Only ids are accepted; no path from the request reaches the file system."""
        r = a.document(doc_id)
        path = a.document_file(doc_id)
        if not path.is_file():
            raise DocumentNotFound(doc_id)
        suffix = path.suffix.lower()
        media = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 ".html": "text/html", ".htm": "text/html", ".md": "text/markdown", ".txt": "text/plain"}.get(suffix,
                 "application/octet-stream")
        return FileResponse(path, media_type=media, filename=f"{r.doc_id}{suffix}",
                            content_disposition_type="inline")
