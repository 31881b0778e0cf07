"""Speed benchmark: ingest, re-ingest, cold start, warm /search and /ask latency (1 and 8 clients) and peak
RSS of the real server, beside the naive LangChain pipeline served the same way; then synthetic corpora at
larger scales.

    python -m bench.run [--quick] [--runs 3] [--scale 1 --scale 10 --scale 100]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import httpx

from bench.stats import median_of, ratio, summary_ms
from bench.synth import read_sources, write_corpus
from evals.run import CORPUS, GOLD, load_gold

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
       "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0", "ASSISTANT_JSON_LOGS": "false", "ASSISTANT_LOG_LEVEL": "warning"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ingest(corpus: Path, data: Path) -> dict:
    """`assistant ingest` as a fresh process: wall time includes imports and the model load."""
    t = time.perf_counter()
    out = subprocess.run([PY, "-m", "assistant.cli", "--data-dir", str(data), "ingest", str(corpus), "--json"],
                         env=ENV, capture_output=True, text=True, check=False)
    total = time.perf_counter() - t
    if out.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed: {out.stderr[-2000:]}")
    report = json.loads(out.stdout)
    pages = sum(f["pages"] for f in report["files"])
    chunks = sum(f["chunks"] for f in report["files"])
    return {"total_s": round(total, 2), "pipeline_s": report["seconds"], "pages": pages, "chunks": chunks,
            "pages_per_s": round(pages / total, 2), "chunks_per_s": round(chunks / total, 2),
            "counts": report["counts"]}


class Server:
    """A server process on a free loopback port; `ready_s` is process start to the first /health 200."""

    def __init__(self, argv: list[str], env: dict) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        self.proc = subprocess.Popen(argv, env={**env, "PORT": str(self.port)},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.health = self._wait()
        self.ready_s = round(time.perf_counter() - started, 2)

    def _wait(self, timeout: float = 600) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stderr.read()[-2000:]}")
            try:
                r = httpx.get(f"{self.url}/health", timeout=2)
                if r.status_code == 200:
                    return r.json()
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise TimeoutError("server never became ready")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def ours(data: Path) -> Server:
    return Server([PY, "-m", "assistant.cli", "--data-dir", str(data), "serve"], {**ENV, "HOST": "127.0.0.1"})


def naive(corpus: Path) -> Server:
    port = free_port()
    s = Server.__new__(Server)
    s.port, s.url = port, f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    s.proc = subprocess.Popen([PY, "-m", "bench.naive", str(corpus), "--port", str(port)], env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    s.health = s._wait()
    s.ready_s = round(time.perf_counter() - started, 2)
    return s


def latency(url: str, questions: list[str], *, clients: int) -> dict:
    """Warm latency of /search and /ask: every question once per route, spread over `clients` threads."""
    def one(route: str, body: dict, client: httpx.Client) -> float:
        t = time.perf_counter()
        client.post(f"{url}{route}", json=body).raise_for_status()
        return time.perf_counter() - t

    out = {}
    for route, make in (("/search", lambda q: {"query": q, "k": 8}), ("/ask", lambda q: {"question": q})):
        with httpx.Client(timeout=60) as warm:
            for q in questions[:3]:
                one(route, make(q), warm)
        pool_clients = [httpx.Client(timeout=60) for _ in range(clients)]
        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            times = list(pool.map(lambda iq: one(route, make(iq[1]), pool_clients[iq[0] % clients]),
                                  enumerate(questions)))
        wall = time.perf_counter() - started
        for c in pool_clients:
            c.close()
        name = route.strip("/")
        out.update({f"{name}_{k}": v for k, v in summary_ms(times).items()})
        out[f"{name}_rps"] = round(len(questions) / wall, 1)
    return out



def _measure(server, questions, row: dict) -> dict:
    """Warm latency with 1 and 8 clients and peak RSS of a running server, added to `row`; stops it."""
    try:
        for clients in (1, 8):
            row.update({f"c{clients}_{k}": v for k, v in latency(server.url, questions, clients=clients).items()})
        row["peak_rss_mb"] = server.peak_rss_mb()
    finally:
        server.stop()
    return row

def measure_real(questions: list[str], runs: int, work: Path) -> dict:
    ours_runs, naive_runs = [], []
    for i in range(runs):
        data = work / f"real-{i}"
        ing = ingest(CORPUS, data)
        re_ = ingest(CORPUS, data)
        server = ours(data)
        ours_runs.append(_measure(server, questions, {
            "ingest_s": ing["total_s"], "ingest_pipeline_s": ing["pipeline_s"], "pages": ing["pages"],
            "chunks": ing["chunks"], "pages_per_s": ing["pages_per_s"], "chunks_per_s": ing["chunks_per_s"],
            "reingest_s": re_["total_s"], "reingest_pipeline_s": re_["pipeline_s"], "cold_start_s": server.ready_s}))
        shutil.rmtree(data, ignore_errors=True)

        server = naive(CORPUS)
        h = server.health
        total = h["model_load_s"] + h["ingest_s"]
        naive_runs.append(_measure(server, questions, {
            "ingest_s": round(total, 2), "ingest_pipeline_s": round(h["ingest_s"], 2),
            "pages": h["pages"], "chunks": h["chunks"],
            "pages_per_s": round(h["pages"] / total, 2), "chunks_per_s": round(h["chunks"] / total, 2),
            # in-memory Chroma: no incremental path, a re-ingest is the whole ingest again
            "reingest_s": round(total, 2), "reingest_pipeline_s": round(h["ingest_s"], 2),
            "cold_start_s": server.ready_s}))
    o, n = median_of(ours_runs), median_of(naive_runs)
    return {"runs": runs, "ours": o, "naive": n, "ratio_naive_over_ours": {k: ratio(o[k], n[k]) for k in o},
            "ours_runs": ours_runs, "naive_runs": naive_runs}


def measure_scale(scale: int, questions: list[str], work: Path) -> dict:
    corpus = work / f"synth-{scale}x"
    paths = write_corpus(read_sources(CORPUS), corpus, scale=scale)
    data = work / f"synth-{scale}x-data"
    ing = ingest(corpus, data)
    server = ours(data)
    try:
        row = {"docs": len(paths), **{k: ing[k] for k in ("total_s", "pipeline_s", "pages", "chunks", "chunks_per_s")},
               "cold_start_s": server.ready_s, **latency(server.url, questions, clients=1),
               "peak_rss_mb": server.peak_rss_mb()}
    finally:
        server.stop()
    again = ours(data)  # a restart: nothing to embed or analyse again
    row["restart_s"] = again.ready_s
    again.stop()
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(corpus, ignore_errors=True)
    return row


ROWS = [("ingest_s", "ingest, s (incl. model load)"), ("ingest_pipeline_s", "  of which pipeline, s"),
        ("pages_per_s", "ingest pages/s"), ("chunks_per_s", "ingest chunks/s"),
        ("reingest_s", "unchanged re-ingest, s"), ("reingest_pipeline_s", "  of which pipeline, s"),
        ("cold_start_s", "start to /health 200, s")] + [
    (f"c{c}_{r}_{p}", f"{r} {p[:-3]} ms, {c} client{'s' if c > 1 else ''}")
    for c in (1, 8) for r in ("search", "ask") for p in ("p50_ms", "p95_ms", "p99_ms")] + [
    ("c8_search_rps", "search req/s, 8 clients"), ("c8_ask_rps", "ask req/s, 8 clients"),
    ("peak_rss_mb", "server peak RSS, MB")]


def table(result: dict) -> str:
    real = result["real"]
    lines = [f"{'figure':36} {'ours':>9} {'naive':>9} {'naive/ours':>10}"]
    for key, label in ROWS:
        lines.append(f"{label:36} {_f(real['ours'].get(key)):>9} {_f(real['naive'].get(key)):>9} "
                     f"{_f(real['ratio_naive_over_ours'].get(key)):>10}")
    if result["scale"]:
        lines += ["", f"{'scale':>5} {'docs':>5} {'chunks':>7} {'ingest s':>9} {'start s':>8} {'search p50/p95':>15} "
                      f"{'ask p50/p95':>13} {'RSS MB':>7} {'restart s':>9}"]
        for s, r in result["scale"].items():
            lines.append(f"{s:>5} {r['docs']:>5} {r['chunks']:>7} {r['total_s']:>9} {_f(r.get('cold_start_s')):>8} "
                         f"{_f(r['search_p50_ms']) + '/' + _f(r['search_p95_ms']):>15} "
                         f"{_f(r['ask_p50_ms']) + '/' + _f(r['ask_p95_ms']):>13} {_f(r.get('peak_rss_mb')):>7} "
                         f"{_f(r.get('restart_s')):>9}")
        if result.get("growth_1x_to_max"):
            lines.append(f"growth 1x -> max: {result['growth_1x_to_max']}")
    return "\n".join(lines)


def _f(v) -> str:
    return "-" if v is None else f"{v:g}" if isinstance(v, (int, float)) else str(v)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 run, 24 questions, 1x scale only")
    parser.add_argument("--runs", type=int, default=3, help="runs of the real-corpus comparison (median)")
    parser.add_argument("--scale", type=int, action="append", help="synthetic corpus sizes (default 1 and 10)")
    parser.add_argument("--questions", type=int, default=0, help="gold questions per route (0: all)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    scales = args.scale or ([1] if args.quick else [1, 10])
    questions = [i.question for i in load_gold(GOLD, "all")]
    questions = questions[: args.questions or (24 if args.quick else len(questions))]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        result = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                  "load_avg_at_start": os.getloadavg(), "questions": len(questions), "quick": args.quick,
                  "naive": "evals.baselines.LangChainBaseline behind bench/naive.py (FastAPI + uvicorn, own process)",
                  "real": measure_real(questions, runs, work), "scale": {}}
        for s in scales:
            result["scale"][f"{s}x"] = measure_scale(s, questions, work)
    if "1x" in result["scale"] and len(result["scale"]) > 1:
        last = list(result["scale"])[-1]
        a, b = result["scale"]["1x"], result["scale"][last]
        result["growth_1x_to_max"] = {k: ratio(a[k], b[k]) for k in ("chunks", "total_s", "search_p95_ms", "ask_p95_ms")}
    result["seconds"] = round(time.perf_counter() - started, 1)
    text = table(result)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"run-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
