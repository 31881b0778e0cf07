"""`make loadtest`: 32 concurrent clients for 60 s of /ask, /search and streamed /v1/chat/completions against
a real uvicorn server (real model, real corpus, loopback only) while a document is re-ingested through the
admin API. Prints requests, errors, p50/p95; exits 1 on any 5xx. Stops by itself."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.prod.conftest import REPO, api_worker, bin_, env, free_port, wait_until

QUESTIONS = ["Hvem godkjente søknadene fra innovasjonsselskapene?", "What did companies pay for stage 2?",
             "Hva er målet med Skills+?", "Which regions take part in DigiBest?", "styringsgruppe",
             "Hvor mye tilskudd fikk bedriftene?", "What is Interreg Europe?", "kompetanse og omstilling"]
ADMIN_TIMEOUT = 180  # an ingest waits behind the ingest lock and shares two cores with 32 clients
UPLOAD = "# Lasttest\n\nDette notatet lastes opp på nytt under lasttesten, versjon {n}. Styringsgruppa møtes hver uke.\n"


async def client(http: httpx.AsyncClient, until: float, results: list, rng: random.Random) -> None:
    while time.monotonic() < until:
        kind = rng.choice(["ask", "search", "stream"])
        q = rng.choice(QUESTIONS)
        started = time.monotonic()
        try:
            if kind == "ask":
                status = (await http.post("/ask", json={"question": q})).status_code
            elif kind == "search":
                status = (await http.post("/search", json={"query": q, "k": 8})).status_code
            else:
                body = {"model": "programme-assistant", "stream": True, "messages": [{"role": "user", "content": q}]}
                async with http.stream("POST", "/v1/chat/completions", json=body) as r:
                    status, text = r.status_code, ""
                    async for part in r.aiter_text():
                        text += part
                    if status == 200 and not text.rstrip().endswith("data: [DONE]"):
                        status = 599  # a stream that did not finish counts as a server error
        except httpx.HTTPError as exc:
            status = 598 if not isinstance(exc, httpx.TimeoutException) else 597
        results.append((kind, status, time.monotonic() - started))


async def reingest(http: httpx.AsyncClient, key: str, until: float, results: list) -> None:
    n = 0
    headers = {"Authorization": f"Bearer {key}"}
    while time.monotonic() < until:
        n += 1
        started = time.monotonic()
        try:
            if n % 4 == 0:
                status = (await http.post("/admin/reindex", headers=headers, timeout=ADMIN_TIMEOUT)).status_code
            else:
                status = (await http.post("/admin/documents", headers=headers, timeout=ADMIN_TIMEOUT,
                                          files={"file": ("lasttest.md", UPLOAD.format(n=n).encode())})).status_code
        except httpx.HTTPError as exc:
            status = 598 if not isinstance(exc, httpx.TimeoutException) else 597
        results.append(("admin", status, time.monotonic() - started))
        await asyncio.sleep(5)


async def run(base: str, key: str, clients: int, seconds: float) -> list:
    results: list = []
    until = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients + 4)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        await asyncio.gather(reingest(http, key, until, results),
                             *(client(http, until, results, random.Random(i)) for i in range(clients)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    key = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        data = Path(tmp) / "data"
        subprocess.run([bin_("assistant"), "--data-dir", str(data), "ingest", str(REPO / "corpus")], env=env(),
                       check=True, timeout=600, capture_output=True)
        port = free_port()
        environ = env(ASSISTANT_DATA_DIR=str(data), ASSISTANT_CORPUS_DIR=str(REPO / "corpus"),
                      ASSISTANT_ADMIN_API_KEY=key, ASSISTANT_RATE_LIMIT_PER_MINUTE="0", ASSISTANT_LOG_LEVEL="warning")
        with api_worker(port, environ, Path(tmp) / "server.log"):
            base = f"http://127.0.0.1:{port}"
            wait_until(lambda: httpx.get(f"{base}/health", timeout=5).status_code == 200, timeout=120, what="server")
            started = time.monotonic()
            results = asyncio.run(run(base, key, args.clients, args.seconds))
            elapsed = time.monotonic() - started
    latencies = sorted(s for _, _, s in results)
    errors = [r for r in results if r[1] >= 400]
    server_errors = [r for r in results if r[1] >= 500]
    by_kind = {k: sum(1 for r in results if r[0] == k) for k in ("ask", "search", "stream", "admin")}
    summary = {"requests": len(results), "errors": len(errors), "server_errors": len(server_errors),
               "seconds": round(elapsed, 1), "rps": round(len(results) / elapsed, 1), "by_kind": by_kind,
               "p50_ms": round(statistics.median(latencies) * 1000, 1),
               "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
               "admin_ms": [round(s * 1000) for k, _, s in results if k == "admin"],
               "statuses": sorted({r[1] for r in results}),
               "failures": sorted({f"{k} {st}" for k, st, _ in errors})}
    print(json.dumps(summary, indent=2))
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
