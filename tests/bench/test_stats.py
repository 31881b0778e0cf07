from bench.stats import median_of, ratio, summary_ms


def test_summary_ms_percentiles_in_milliseconds():
    out = summary_ms([i / 1000 for i in range(1, 101)])
    assert out == {"p50_ms": 50.5, "p95_ms": 95.0, "p99_ms": 99.0}
    assert summary_ms([]) == {"p50_ms": None, "p95_ms": None, "p99_ms": None}


def test_median_of_runs_and_ratio():
    runs = [{"a": 1.0, "b": "x"}, {"a": 3.0, "b": "x"}, {"a": 2.0, "b": "x"}]
    assert median_of(runs) == {"a": 2.0, "b": "x"}
    assert ratio(2.0, 10.0) == 5.0
    assert ratio(None, 1.0) is None and ratio(1.0, None) is None
