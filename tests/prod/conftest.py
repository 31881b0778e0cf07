"""Helpers for the production tests: free loopback ports, real servers as subprocesses, an app over a fake."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from assistant.api import create_app
from tests.conftest import REPO, SHARED, make_assistant

KEY = "k3y-for-tests-0123456789abcdef"
ADMIN = {"Authorization": f"Bearer {KEY}"}
BAD = SHARED / "corpus-bad"
DOC = ("# Ordningen\n\nFylkeskommunen gir tilskudd på inntil 350.000 kroner til hver næringshage.\n\n"
       "# Søknad\n\nSøknaden behandles av styringsgruppa etter vurdering i Advisory Board.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prod_app(tmp_path: Path, **overrides):
    """An app over the fake assistant with the production layers on; rate limiting off unless asked."""
    a = make_assistant(tmp_path, **{"rate_limit_per_minute": 0, "admin_api_key": KEY, "corpus_dir": tmp_path / "corpus",
                                    **overrides})
    return create_app(a.settings, assistant=a), a


@pytest.fixture
def client(tmp_path):
    app, _ = prod_app(tmp_path)
    with TestClient(app) as c:
        yield c


@contextlib.contextmanager
def thread_server(app):
    """A real uvicorn server on a free loopback port, in a thread (for clients that need a socket)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def env(**extra: str) -> dict[str, str]:
    out = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           "PYTHONPATH": str(REPO)}
    out.update(extra)
    return out


def bin_(name: str) -> str:
    return str(Path(sys.executable).parent / name)


@contextlib.contextmanager
def process(args: list[str], environ: dict[str, str], log: Path):
    """A subprocess that is always stopped (SIGTERM, then SIGKILL) when the block ends."""
    with log.open("ab") as out:
        p = subprocess.Popen(args, env=environ, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        yield p
    finally:
        stop(p)


def stop(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=10)


def api_worker(port: int, environ: dict[str, str], log: Path):
    return process([sys.executable, "-m", "uvicorn", "--factory", "assistant.api:create_app",
                    "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], environ, log)


def wait_until(check, *, timeout: float, every: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except (httpx.HTTPError, OSError) as exc:
            last = exc
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last error: {last})")
