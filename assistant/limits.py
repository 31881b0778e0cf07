"""Refusing what would hurt the service: oversized bodies (413), too many requests (429), slow handlers (503)."""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections import OrderedDict

from fastapi import FastAPI, HTTPException

from assistant.config import Settings

UPLOAD_PATH = "/admin/documents"
_MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around an upload's bytes
_EXEMPT = ("/health", "/metrics")  # probes and scrapers must never be throttled
_MAX_CLIENTS = 10_000


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException so FastAPI's body parsing passes it on as a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is over the {limit}-byte limit")


async def _refuse(send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 for a body over the limit: at once from Content-Length, or as soon as a streamed body passes it."""

    def __init__(self, app, *, max_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes + _MULTIPART_OVERHEAD

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.max_upload_bytes if scope["path"].rstrip("/") == UPLOAD_PATH else self.max_bytes
        detail = f"request body is over the {limit}-byte limit"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit():
                return await _refuse(send, 400, "Content-Length is not a number")
            if int(length) > limit:
                return await _refuse(send, 413, detail)
        seen, started = 0, False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send, 413, detail)


class _Buckets:
    """Token buckets per client: `per_minute` tokens a minute, up to `burst` saved. The least recently
    seen clients are forgotten first, so the table stays bounded."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 if the request may go ahead, else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1 if tokens >= 1 else tokens, now)
            while len(self._buckets) > _MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


class RateLimit:
    def __init__(self, app, *, per_minute: int, burst: int) -> None:
        self.app = app
        self.buckets = _Buckets(per_minute, burst) if per_minute > 0 else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.buckets is None or scope["path"] in _EXEMPT:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.buckets.take(client)
        if wait:
            retry = max(1, math.ceil(wait))
            return await _refuse(send, 429, f"rate limit: too many requests from {client}; retry in {retry} s",
                                 {"Retry-After": str(retry)})
        await self.app(scope, receive, send)


class Timeout:
    """503 when a handler has not started its response within the limit (a streamed answer, once
    started, runs on). Admin routes are exempt: a re-index of a big corpus may take minutes."""

    def __init__(self, app, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"].startswith("/admin/"):
            return await self.app(scope, receive, send)
        started = asyncio.Event()

        async def tracked_send(message):
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, tracked_send))
        waiter = asyncio.ensure_future(started.wait())
        try:
            await asyncio.wait({task, waiter}, timeout=self.seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
        if not started.is_set() and not task.done():
            task.cancel()
            return await _refuse(send, 503, f"the request took longer than {self.seconds:g} s",
                                 {"Retry-After": "5"})
        await task


def install(app: FastAPI, settings: Settings) -> None:
    """Innermost first: the timeout wraps the handler, the body limit wraps that, the rate limit is outside."""
    app.add_middleware(Timeout, seconds=settings.request_timeout_seconds)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, max_upload_bytes=settings.max_file_bytes)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst)
