"""Server mode: a real `chroma run`, the ingester and two API worker processes as its clients."""

import subprocess
import time

import httpx
import pytest

from tests.prod.conftest import api_worker, bin_, env, free_port, stop, wait_until

pytestmark = pytest.mark.slow

A = "# Styringsgruppe\n\nSøknadene fra innovasjonsselskapene ble godkjent av styringsgruppa i mars.\n"
B = "# Kvoter\n\nHver bedrift fikk tretti konsulenttimer i trinn to av ordningen for pilotprosjekter.\n"


def search(base: str, query: str) -> httpx.Response:
    return httpx.post(f"{base}/search", json={"query": query, "k": 3}, timeout=30)


def found(base: str, query: str, doc_id: str) -> bool:
    r = search(base, query)
    return r.status_code == 200 and any(h["doc_id"] == doc_id for h in r.json()["results"])


def test_workers_share_a_chroma_server_survive_its_restart_and_see_new_documents(tmp_path):
    port = free_port()
    chroma = [bin_("chroma"), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)]
    environ = env(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port), ASSISTANT_DATA_DIR=str(tmp_path / "data"),
                  ASSISTANT_RATE_LIMIT_PER_MINUTE="0")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "styring.md").write_text(A, encoding="utf-8")
    ingest = [bin_("assistant"), "ingest"]
    log = tmp_path / "servers.log"

    server = subprocess.Popen(chroma, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).status_code == 200,
                   timeout=30, what="chroma")
        subprocess.run([*ingest, str(docs / "styring.md")], env=environ, check=True, timeout=120,
                       capture_output=True)
        ports = [free_port(), free_port()]
        with api_worker(ports[0], environ, log), api_worker(ports[1], environ, log):
            bases = [f"http://127.0.0.1:{p}" for p in ports]
            for base in bases:
                wait_until(lambda: httpx.get(f"{base}/health", timeout=5).status_code == 200, timeout=90,
                           what=f"{base} ready")
                assert found(base, "styringsgruppa godkjent", "styring")

            # A document ingested by another process reaches every worker through the catalog version.
            (docs / "kvoter.md").write_text(B, encoding="utf-8")
            subprocess.run([*ingest, str(docs / "kvoter.md")], env=environ, check=True, timeout=120,
                           capture_output=True)
            seen = time.monotonic()
            for base in bases:
                wait_until(lambda: found(base, "konsulenttimer trinn", "kvoter"), timeout=5, what="new document")
            assert time.monotonic() - seen < 5

            stop(server)
            for base in bases:
                # Searches are served from the worker's in-memory copy of the committed index; health
                # reports the store, and an ingest cannot commit anything while it is down.
                started = time.monotonic()
                assert found(base, "styringsgruppa godkjent", "styring") and time.monotonic() - started < 5
                health = httpx.get(f"{base}/health", timeout=10)
                assert health.status_code == 503 and "Retry-After" in health.headers
            (docs / "nytt.md").write_text("# Nytt\n\nEt nytt dokument om rapportering.\n", encoding="utf-8")
            failed = subprocess.run([*ingest, str(docs / "nytt.md")], env=environ, timeout=120, capture_output=True,
                                    text=True)
            assert failed.returncode != 0 and "unavailable" in (failed.stdout + failed.stderr).lower()

            server = subprocess.Popen(chroma, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for base in bases:
                wait_until(lambda: found(base, "styringsgruppa godkjent", "styring"), timeout=30,
                           what="answers after the restart")
                assert httpx.post(f"{base}/ask", json={"question": "Hvem godkjente søknadene?"},
                                  timeout=30).status_code == 200
    finally:
        stop(server)
