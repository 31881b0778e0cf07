"""The chat widget's side of the API: static files, streamed answers (SSE), sessions, feedback and export."""
# No `from __future__ import annotations`: the routes' Annotated dependency is local to _router and FastAPI must
# see the object, not a string it would look up in the module.

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from assistant.admin import require_admin
from assistant.config import Settings
from assistant.feedback import Feedback, FeedbackStore
from assistant.models import Answer, Turn
from assistant.service import Assistant
from assistant.sessions import SessionStore

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
_PIECE = re.compile(r"\s*\S+|\s+")  # a word with the whitespace before it: the pieces join back into the answer


class OriginRejected(Exception):
    """A browser POST from a page that is not in `allowed_origins`."""


class ChatIn(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    session_id: str | None = Field(default=None, max_length=100)
    lang: Literal["nb", "en"] | None = None


class CitationIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    n: int
    doc_id: str = Field(max_length=200)
    title: str = Field(default="", max_length=500)
    page: int = 1
    section: str = Field(default="", max_length=1000)
    quote: str = Field(default="", max_length=5000)
    char_start: int = 0
    char_end: int = 0


class FeedbackIn(BaseModel):
    session_id: str = Field(max_length=100)
    question: str = Field(min_length=1, max_length=2000)
    answer: str = Field(max_length=20000)
    citations: list[CitationIn] = Field(default_factory=list, max_length=50)
    helpful: bool
    abstained: bool = False
    comment: str = Field(default="", max_length=2000)


def install(app: FastAPI, settings: Settings, *, get_assistant: Callable[[Request], Assistant]) -> None:
    """Add the widget's routes, CORS for the allowed origins, and the stores (one SQLite file under data_dir)."""
    db = settings.data_dir / "web.sqlite3"
    app.state.sessions = SessionStore(db, max_turns=settings.session_max_turns,
                                      max_sessions=settings.session_max_count,
                                      ttl_seconds=settings.session_ttl_seconds,
                                      questions_per_minute=settings.session_questions_per_minute)
    app.state.feedback = FeedbackStore(db)
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["content-type"], max_age=600)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(_router(settings, get_assistant))



def _router(settings: Settings, get_assistant: Callable[[Request], Assistant]) -> APIRouter:
    allowed = set(settings.allowed_origins)
    delay = settings.stream_word_delay_ms / 1000

    def check_origin(request: Request) -> None:
        # Browsers always send Origin on cross-site POSTs; its absence means a non-browser client (curl, a script).
        origin = request.headers.get("origin")
        if origin is None or origin in allowed or urlsplit(origin).netloc == request.headers.get("host"):
            return
        raise OriginRejected(origin)

    AssistantDep = Annotated[Assistant, Depends(get_assistant)]
    router = APIRouter()
    posts = APIRouter(dependencies=[Depends(check_origin)])

    @router.get("/", include_in_schema=False)
    def page():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @router.get("/widget.js", include_in_schema=False)
    def widget():
        return FileResponse(STATIC / "widget.js", media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=300"})

    @posts.post("/chat/stream", response_class=StreamingResponse,
                responses={200: {"content": {"text/event-stream": {}}}})
    async def chat_stream(body: ChatIn, request: Request, a: AssistantDep):
        """Answer in a conversation, as Server-Sent Events: `session` ({session_id, expired}), `token` ({text}, word
        by word; the extractive answer is computed first, then streamed), `citations` (list), `done` ({abstained})
        or `error` ({detail}). Without a live `session_id` a new session is started."""
        sessions: SessionStore = request.app.state.sessions
        session = await run_in_threadpool(sessions.open, body.session_id, lang=body.lang or "")
        return StreamingResponse(_events(a, sessions, session, body.question, delay), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @posts.post("/feedback", status_code=201)
    def feedback(body: FeedbackIn, request: Request):
        """Store a helpful / not-helpful verdict (and an optional comment) on one answer."""
        history = _history_before(request.app.state.sessions.history(body.session_id), body.question)
        fid = request.app.state.feedback.add(Feedback(
            session_id=body.session_id, question=body.question, answer=body.answer, helpful=body.helpful,
            citations=[c.model_dump() for c in body.citations], abstained=body.abstained,
            comment=body.comment.strip(), history=history))
        return {"id": fid}

    @router.get("/feedback/export", response_class=StreamingResponse, dependencies=[Depends(require_admin)],
                responses={200: {"content": {"application/x-ndjson": {}}}})
    def feedback_export(request: Request, helpful: bool | None = None):
        """Every verdict as JSON lines shaped like evals/gold.jsonl items, plus `verdict`, for review.
        Behind the admin key: it holds users' questions and comments."""
        items = list(request.app.state.feedback.export(helpful=helpful))
        lines = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
        return StreamingResponse(iter([lines]), media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'attachment; filename="feedback.jsonl"'})

    router.include_router(posts)
    return router


async def _events(a: Assistant, sessions: SessionStore, session, question: str, delay: float) -> AsyncIterator[str]:
    yield _sse("session", {"session_id": session.id, "expired": session.expired})
    try:
        answer: Answer = await run_in_threadpool(a.ask, question, history=session.history)
        await run_in_threadpool(sessions.append, session.id, question, answer.text)
    except Exception as exc:  # the stream has started: the error travels as an event, not a status code
        log.exception("answering in a stream failed")
        yield _sse("error", {"detail": f"{type(exc).__name__}: {exc}"})
        return
    for piece in _PIECE.findall(answer.text):
        yield _sse("token", {"text": piece})
        if delay:
            await asyncio.sleep(delay)
    yield _sse("citations", [{**c.__dict__, "url": c.url} for c in answer.citations])
    yield _sse("done", {"abstained": answer.abstained})


def _sse(event: str, data) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _history_before(turns: list[Turn], question: str) -> list[Turn]:
    """The turns that came before the last time `question` was asked (the context the answer was given in)."""
    for i in range(len(turns) - 1, -1, -1):
        if turns[i].role == "user" and turns[i].content == question:
            return turns[:i]
    return []
