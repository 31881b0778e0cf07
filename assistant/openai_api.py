"""OpenAI-compatible face: /v1/chat/completions (plain and SSE streaming) and /v1/models, for intranet tools."""

from __future__ import annotations

import json
import time
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Answer, Turn

MODEL_ID = "programme-assistant"
_CREATED = 1_735_689_600  # 2025-01-01: a fixed "created" for the one model


class BadChatRequest(Exception):
    """A request OpenAI's API would refuse; answered in its error shape (plus our usual `detail`)."""


def _assistant(request: Request):
    from assistant.api import get_assistant  # api imports this module inside create_app

    return get_assistant(request)


router = APIRouter(prefix="/v1", tags=["openai-compatible"])
AssistantDep = Annotated[object, Depends(_assistant)]


class TextPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: str = Field(max_length=8000)


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[TextPart] | None = None  # the body limit bounds its size

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content)
        return self.content or ""


class ChatRequest(BaseModel):
    """OpenAI's request shape; sampling options (temperature, max_tokens ...) are accepted and ignored:
    answers are extractive quotes from the documents."""

    model_config = ConfigDict(extra="ignore")
    model: str = Field(default=MODEL_ID, max_length=200)
    messages: list[Message] = Field(min_length=1, max_length=60)
    stream: bool = False


def _question_and_history(body: ChatRequest, max_chars: int) -> tuple[str, list[Turn]]:
    """The last message is the question (it must be the user's); earlier user and assistant turns are the
    history. System prompts are ignored: the assistant's behaviour is not the caller's to change."""
    last = body.messages[-1]
    question = last.text().strip()
    if last.role != "user" or not question:
        raise BadChatRequest("the last message must be a non-empty user message (the question)")
    if len(question) > max_chars:
        raise BadChatRequest(f"the question is {len(question)} characters, over the limit of {max_chars}")
    history = [Turn(m.role, m.text()[:8000]) for m in body.messages[:-1] if m.role in ("user", "assistant")]
    return question, history[-40:]


def render(answer: Answer) -> str:
    """The answer with its [n] markers and a Sources block that says what each marker points at."""
    if not answer.citations:
        return answer.text
    lines = [f"[{c.n}] {c.title}, p. {c.page}" + (f", {c.section}" if c.section else "") + f" — {c.url}"
             for c in answer.citations]
    return answer.text.rstrip() + "\n\nSources:\n" + "\n".join(lines)


def citations(answer: Answer) -> list[dict]:
    return [{**c.__dict__, "url": c.url} for c in answer.citations]


@router.get("/models")
def models():
    """The one model this server offers (OpenAI's list format)."""
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": _CREATED,
                                        "owned_by": "programme-assistant"}]}


@router.post("/chat/completions")
async def chat_completions(body: ChatRequest, request: Request, a: AssistantDep):
    """OpenAI chat completions over the documents: the last user message is the question, earlier ones the
    history. The answer keeps its `[n]` markers and ends with a Sources block; the non-standard
    `citations` field carries the structured citations. `stream: true` sends SSE chunks ending with
    `data: [DONE]`."""
    question, history = _question_and_history(body, request.app.state.settings.max_question_chars)
    # Answered before any byte is sent, so a failure is a proper status code rather than a broken stream.
    answer = await run_in_threadpool(a.ask, question, history=history)
    cid, created, content = f"chatcmpl-{uuid.uuid4().hex}", int(time.time()), render(answer)
    if body.stream:
        return StreamingResponse(_chunks(cid, created, content, answer), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    prompt_tokens = len(question.split()) + sum(len(t.content.split()) for t in history)
    completion_tokens = len(content.split())
    return {"id": cid, "object": "chat.completion", "created": created, "model": MODEL_ID,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop", "logprobs": None}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
            "citations": citations(answer), "abstained": answer.abstained}


def _chunks(cid: str, created: int, content: str, answer: Answer):
    def event(delta: dict, finish: str | None = None, **extra) -> str:
        chunk = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **extra}
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield event({"role": "assistant", "content": ""})
    words = content.split(" ")
    for i in range(0, len(words), 8):
        piece = " ".join(words[i : i + 8])
        yield event({"content": piece if i == 0 else " " + piece})
    yield event({}, "stop", citations=citations(answer), abstained=answer.abstained)
    yield "data: [DONE]\n\n"


def install(app, settings) -> None:
    app.state.settings = getattr(app.state, "settings", None) or settings

    @app.exception_handler(BadChatRequest)
    async def _bad_request(_: Request, exc: BadChatRequest):
        return JSONResponse({"detail": str(exc), "error": {"message": str(exc), "type": "invalid_request_error",
                                                           "param": "messages", "code": None}}, status_code=422)

    app.include_router(router)
