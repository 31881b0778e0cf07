"""SIGKILL an ingest at many points: the previous index stays whole and queryable; the next run finishes."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.prod.conftest import bin_, env, wait_until

pytestmark = pytest.mark.slow

SENTENCES = ["Fylkeskommunen gir tilskudd på inntil {n}.000 kroner til hver næringshage i ordningen.",
             "Søknaden behandles av styringsgruppa etter en faglig vurdering i Advisory Board.",
             "Hver bedrift fikk {n} konsulenttimer i trinn to, og rapporterte resultatene til prosjektleder.",
             "The steering group approved the applications from the innovation companies in spring."]


def write_docs(folder, round_: int) -> None:
    """Three documents of some 40 chunks each; every round changes all of them (a new version each)."""
    for name in ("ordning", "rapport", "plan"):
        parts = [f"runde{round_} {name}"]
        for s in range(60):
            parts.append(f"# Del {s}\n\n" + " ".join(t.format(n=round_ * 100 + s) for t in SENTENCES) * 2)
        (folder / f"{name}.md").write_text("\n\n".join(parts), encoding="utf-8")


def check(data) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.prod.check_index", str(data)], env=env(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sigkill_at_any_point_leaves_a_consistent_index(tmp_path):
    docs, data = tmp_path / "docs", tmp_path / "data"
    docs.mkdir()
    ingest = [bin_("assistant"), "--data-dir", str(data), "ingest", str(docs)]
    write_docs(docs, 0)
    subprocess.run(ingest, env=env(), check=True, timeout=300, capture_output=True)
    before = check(data)
    assert before["problems"] == [] and before["documents"] == ["ordning", "plan", "rapport"]

    rng = random.Random(6)
    mixes = []  # which versions were visible after each kill: evidence the kills landed mid-run
    lock = data / "catalog" / "chunks__all-minilm-l6-v2__w200" / ".ingest.lock"
    for round_, delay in enumerate([0.1, 0.7, 1.6, rng.uniform(0, 3)], start=1):
        write_docs(docs, round_)
        lock.unlink(missing_ok=True)
        p = subprocess.Popen(ingest, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # The lock file appears when the run starts (after the model has loaded): kill from there.
            wait_until(lambda: lock.exists() or p.poll() is not None, timeout=120, every=0.02, what="ingest start")
            time.sleep(delay)
            os.kill(p.pid, signal.SIGKILL)
        finally:
            p.kill()
            p.wait(timeout=30)
        state = check(data)
        assert state["problems"] == [], (round_, delay, state)
        assert state["documents"] == ["ordning", "plan", "rapport"]
        mixes.append(sorted(set(state["markers"].values())))

    final = subprocess.run(ingest, env=env(), timeout=300, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    state = check(data)
    assert state["problems"] == [] and state["versions"] == 3  # older versions collected
    assert set(state["markers"].values()) == {f"runde{round_}"}
    print("visible versions after each kill:", mixes)
