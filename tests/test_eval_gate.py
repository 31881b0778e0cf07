"""The quality gate: our system on the test half of the gold set, against evals/thresholds.json."""

import json

import pytest

from assistant.config import Settings
from evals import run

THRESHOLDS = run.ROOT / "evals" / "thresholds.json"


@pytest.mark.slow
def test_our_system_meets_the_committed_thresholds(tmp_path):
    thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    items = run.load_gold(run.GOLD, "test")
    assert items, f"no test items in {run.GOLD}"
    settings = Settings(data_dir=tmp_path, corpus_dir=run.CORPUS, chroma_host=None)
    summary = run.evaluate_ours(settings, items)["summary"]

    failures = [
        f"{metric} = {summary[metric]} is below its threshold {floor}"
        for metric, floor in thresholds["at_least"].items()
        if summary[metric] is None or summary[metric] < floor
    ] + [
        f"{metric} = {summary[metric]} is above its threshold {ceiling}"
        for metric, ceiling in thresholds["at_most"].items()
        if summary[metric] is None or summary[metric] > ceiling
    ]
    assert not failures, "evaluation gate failed (python -m evals.run --systems ours for the table):\n" + "\n".join(failures)
