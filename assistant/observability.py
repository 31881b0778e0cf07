"""Seeing the service run: JSON log lines carrying a request id, and Prometheus metrics at /metrics."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

from assistant.config import Settings

log = logging.getLogger("assistant.access")
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class Metrics:
    """The service's metrics in a registry of its own (one per app: no process-wide singleton)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("assistant_http_requests", "HTTP requests by route and status",
                                ["method", "route", "status"], registry=r)
        self.latency = Histogram("assistant_http_request_seconds", "Time to the end of the response, by route",
                                 ["method", "route"], registry=r,
                                 buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
        self.top_score = Histogram("assistant_retrieval_top_score", "Score of the best passage per search or answer",
                                   ["call"], registry=r, buckets=(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2))
        self.answers = Counter("assistant_answers", "Answers given, by whether they abstained",
                               ["abstained"], registry=r)
        self.ingest = Counter("assistant_ingest_files", "Files ingested through the API, by outcome",
                              ["status"], registry=r)

    def answered(self, answer) -> None:
        self.answers.labels(abstained=str(bool(answer.abstained)).lower()).inc()
        if answer.passages:
            self.top_score.labels(call="ask").observe(max(p.score for p in answer.passages))

    def searched(self, passages) -> None:
        if passages:
            self.top_score.labels(call="search").observe(max(p.score for p in passages))

    def ingested(self, report) -> None:
        for f in report.files:
            self.ingest.labels(status=f.status).inc()


class Observed:
    """The assistant as handlers see it: the same object, with answers and searches counted."""

    def __init__(self, assistant, metrics: Metrics) -> None:
        self._assistant = assistant
        self._metrics = metrics

    def __getattr__(self, name: str):
        return getattr(self._assistant, name)

    def ask(self, question, **kwargs):
        answer = self._assistant.ask(question, **kwargs)
        self._metrics.answered(answer)
        return answer

    def search(self, query, **kwargs):
        passages = self._assistant.search(query, **kwargs)
        self._metrics.searched(passages)
        return passages


def observed(assistant, app: FastAPI):
    metrics = getattr(app.state, "metrics", None)
    return Observed(assistant, metrics) if metrics is not None else assistant


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the request id of the request being served rides along."""

    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
               "level": record.levelname.lower(), "logger": record.name, "msg": record.getMessage(),
               "request_id": request_id.get()}
        out.update(getattr(record, "fields", {}))
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure_logging(settings: Settings) -> None:
    """JSON lines on stderr from the root logger (replacing plain stream handlers such as basicConfig's).
    Access lines come from our middleware, which knows the request id and route, so uvicorn's own access
    log is silenced and its error log goes through the root."""
    if not settings.json_logs:
        return
    root = logging.getLogger()
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        root.handlers[:] = [h for h in root.handlers if type(h) is not logging.StreamHandler]
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True


class RequestContext:
    """Outermost middleware: request id in (X-Request-ID, if sane) and out, one access log line, metrics."""

    def __init__(self, app, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _VALID_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"  # templates, never raw paths
            method = scope["method"]
            self.metrics.requests.labels(method=method, route=route, status=str(status)).inc()
            self.metrics.latency.labels(method=method, route=route).observe(seconds)
            client = scope.get("client") or ("-", 0)
            log.info("%s %s %s", method, scope["path"], status, extra={"fields": {
                "method": method, "path": scope["path"], "route": route, "status": status,
                "ms": round(seconds * 1000, 1), "client": client[0]}})
            request_id.reset(token)


def install(app: FastAPI, settings: Settings) -> None:
    configure_logging(settings)
    metrics = app.state.metrics = Metrics()

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics(request: Request):
        """Prometheus text format: requests, latency, retrieval scores, abstentions, ingest outcomes."""
        return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(RequestContext, metrics=metrics)
