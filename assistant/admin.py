"""Admin API behind a key: upload and delete documents, re-index, read the ingest reports."""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from assistant.config import Settings
from ingest.errors import IngestError
from ingest.load import sniff, slug
from ingest.pipeline import FileOutcome, IngestReport

PLACEHOLDER_KEYS = {"", "changeme", "change-me", "change_me", "secret", "password", "admin", "apikey",
                    "api-key", "test", "default", "xxx", "todo"}
MIN_KEY_CHARS = 16
_REFUSED = ("failed", "no_text")  # a scan without text is not a successful upload either
_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "markdown": ".md", "plain": ".txt"}


class UnsafeAdminKey(ValueError):
    """ASSISTANT_ADMIN_API_KEY is a placeholder or too short to guard the admin routes."""


def check_key(settings: Settings) -> str | None:
    """The admin key, or None when admin routes are off; raises on a key that must not go to production."""
    if settings.admin_api_key is None:
        return None
    key = settings.admin_api_key.get_secret_value()
    if key.strip().lower() in PLACEHOLDER_KEYS or len(key.strip()) < MIN_KEY_CHARS:
        raise UnsafeAdminKey(f"admin_api_key is a placeholder or shorter than {MIN_KEY_CHARS} characters; "
                             "set a random key (e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`) "
                             "or unset it to turn the admin routes off")
    return key


def _authorised(request: Request) -> None:
    key = request.app.state.admin_key
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth[:7].lower() == "bearer " else request.headers.get("x-api-key", "")
    if not given:
        raise HTTPException(401, "admin routes need `Authorization: Bearer <key>` or `X-API-Key: <key>`",
                            headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.encode(), key.encode()):
        raise HTTPException(401, "the admin key is wrong", headers={"WWW-Authenticate": "Bearer"})


def require_admin(request: Request) -> None:
    """For routes outside /admin that expose users' data: 404 while admin routes are off, else the key."""
    if getattr(request.app.state, "admin_key", None) is None:
        raise HTTPException(404, "this route needs ASSISTANT_ADMIN_API_KEY to be set")
    _authorised(request)


def _assistant(request: Request):
    from assistant.api import get_assistant  # api imports this module inside create_app

    return get_assistant(request)


router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(_authorised)])
AssistantDep = Annotated[object, Depends(_assistant)]


class Reports:
    """The last N ingest reports in one JSON file, updated under a file lock (workers share it)."""

    def __init__(self, path: Path, keep: int) -> None:
        self.path = path
        self.keep = keep

    def add(self, report: IngestReport, *, trigger: str) -> dict:
        entry = {"id": uuid.uuid4().hex[:12], "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "trigger": trigger, **report.to_dict()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            reports = [entry, *self.all()][: self.keep]
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(reports, f, ensure_ascii=False)
            os.replace(tmp, self.path)
        return entry

    def all(self) -> list[dict]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return []


def _uploads(request: Request) -> Path:
    folder = request.app.state.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _record(request: Request, report: IngestReport, trigger: str) -> dict:
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.ingested(report)
    return request.app.state.ingest_reports.add(report, trigger=trigger)


@router.post("/documents", status_code=201)
async def upload(request: Request, file: UploadFile, a: AssistantDep):
    """Upload one document (multipart field `file`) and ingest it. The type is sniffed from the content;
    the name only gives the document id. Size, page and decompression limits are those of ingest.
    201 when ingested or replaced, 200 when unchanged, 413 over a limit, 422 when it cannot be read."""
    settings: Settings = request.app.state.settings
    doc_id = slug(Path(file.filename or "upload").name.rsplit(".", 1)[0])  # the name, never a path
    folder = _uploads(request)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while block := await file.read(1 << 20):
                size += len(block)
                if size > settings.max_file_bytes:
                    raise HTTPException(413, f"file is over the {settings.max_file_bytes}-byte limit")
                out.write(block)
        with open(tmp, "rb") as f:
            head = f.read(8192)
        if not head:
            raise HTTPException(422, "empty file (0 bytes)")
        try:
            kind = sniff(head, Path(file.filename or "").suffix)
        except IngestError as exc:
            raise HTTPException(422, str(exc)) from exc
        report = await run_in_threadpool(_ingest_upload, a, Path(tmp), folder / f"{doc_id}{_SUFFIX[kind]}")
    finally:
        Path(tmp).unlink(missing_ok=True)
    entry = _record(request, report, "upload")
    outcome = report.files[0]
    if outcome.status in _REFUSED:
        reason = outcome.reason or "; ".join(outcome.warnings) or "no extractable text (OCR needed)"
        raise HTTPException(413 if outcome.kind == "limit" else 422,
                            {"reason": reason, "kind": outcome.kind or outcome.status, "report": entry["id"]})
    if outcome.status == "unchanged":
        return _json(200, entry)
    return entry


def _ingest_upload(a, tmp: Path, target: Path) -> IngestReport:
    """Put the upload in place and ingest it; a failed upload never replaces a good earlier one."""
    backup = target.with_name(f".bak-{target.name}")
    had = target.exists()
    if had:
        shutil.copy2(target, backup)
    os.replace(tmp, target)
    report = a.ingest([target])
    if report.files[0].status in _REFUSED:
        if had:
            os.replace(backup, target)
        else:
            target.unlink(missing_ok=True)
    backup.unlink(missing_ok=True)
    return report


@router.delete("/documents/{doc_id}")
def delete(doc_id: str, request: Request, a: AssistantDep):
    """Remove a document from the index (and its uploaded file). A document from the corpus folder
    comes back at the next re-index unless its file is removed there too."""
    record = a.document(doc_id)  # 404 for an unknown or malformed id
    folder = _uploads(request).resolve()
    a.ingester.remove(record.doc_id)
    source = Path(record.source_path)
    if source.parent == folder:
        source.unlink(missing_ok=True)
    a.retriever.refresh()
    report = IngestReport(files=[FileOutcome(record.source_path, "removed", doc_id=record.doc_id)])
    return _record(request, report, "delete")


@router.post("/reindex")
def reindex(request: Request, a: AssistantDep):
    """Re-ingest the corpus folder and the uploads (incremental: unchanged files are skipped)."""
    settings: Settings = request.app.state.settings
    paths = [p for p in (settings.corpus_dir, _uploads(request)) if p.exists()]
    return _record(request, a.ingest(paths), "reindex")


@router.get("/ingest-reports")
def reports(request: Request, limit: int = 20):
    """The latest ingest reports through the API, newest first, with every file's outcome."""
    return {"reports": request.app.state.ingest_reports.all()[: max(0, min(limit, 1000))]}


def _json(status: int, body: dict):
    from fastapi.responses import JSONResponse

    return JSONResponse(body, status_code=status)


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the admin routes only when a key is set (otherwise they are 404); refuse placeholder keys."""
    key = check_key(settings)
    if key is None:
        return
    app.state.admin_key = key
    app.state.settings = settings
    app.state.ingest_reports = Reports(settings.data_dir / "ingest-reports.json", settings.ingest_reports_kept)
    app.include_router(router)
