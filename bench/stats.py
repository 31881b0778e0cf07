"""Small statistics for the benchmark: percentiles of one run, medians over runs, ratios."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from evals.metrics import percentile


def summary_ms(values: Sequence[float]) -> dict[str, float | None]:
    """p50/p95/p99 of latencies given in seconds, in milliseconds."""
    return {f"p{p}_ms": None if not values else round(percentile(values, p) * 1000, 1) for p in (50, 95, 99)}


def median_of(runs: Sequence[dict]) -> dict:
    """Key by key median over several runs' flat dicts of numbers (None where no run has a number)."""
    keys = [k for k in runs[0]] if runs else []
    out = {}
    for k in keys:
        vals = [r[k] for r in runs if isinstance(r.get(k), (int, float)) and not isinstance(r.get(k), bool)]
        out[k] = round(statistics.median(vals), 3) if vals else runs[0].get(k)
    return out


def ratio(ours: float | None, naive: float | None) -> float | None:
    """naive / ours: above 1 means ours is faster or smaller (for every figure where lower is better)."""
    if not ours or naive is None:
        return None
    return round(naive / ours, 2)
