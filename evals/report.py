"""Readable tables of an evaluation results document: systems side by side, then breakdowns for ours."""

from __future__ import annotations

from collections.abc import Mapping

ROWS = [
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("MRR@10", "mrr@10"),
    ("nDCG@10", "ndcg@10"),
    ("citation hit", "citation_hit"),
    ("answer facts", "facts"),
    ("abstention recall", "abstention_recall"),
    ("false abstention", "false_abstention"),
    ("search p50 ms", "search_p50_ms"),
    ("search p95 ms", "search_p95_ms"),
    ("ask p50 ms", "ask_p50_ms"),
    ("ask p95 ms", "ask_p95_ms"),
    ("items", "n"),
]


def _cell(key: str, value) -> str:
    if value is None:
        return "-"
    if key.endswith("_ms"):
        return f"{value:.1f}"
    if key == "n":
        return str(value)
    return f"{value:.3f}"


# Breakdowns leave latency out: a handful of items per group makes its percentiles noise.
QUALITY_ROWS = [(label, key) for label, key in ROWS if not key.endswith("_ms")]


def table(columns: Mapping[str, Mapping], *, title: str, rows=ROWS) -> str:
    """Rows are metrics, columns are the given summaries."""
    names = list(columns)
    width = max(len(label) for label, _ in rows) + 2
    cell = max(9, *(len(n) + 2 for n in names))
    lines = [title, "".ljust(width) + "".join(n.rjust(cell) for n in names)]
    for label, key in rows:
        lines.append(label.ljust(width) + "".join(_cell(key, columns[n].get(key)).rjust(cell) for n in names))
    return "\n".join(lines)


def render(document: Mapping) -> str:
    systems = document["systems"]
    parts = [table({name: r["summary"] for name, r in systems.items()},
                   title=f"split={document['split']}  k={document['k']}  gold items={document['gold']['items']}")]
    if "ours" in systems:
        breakdowns = systems["ours"]["breakdowns"]
        parts.append(table(breakdowns["language"], title="ours by language", rows=QUALITY_ROWS))
        parts.append(table(breakdowns["category"], title="ours by category", rows=QUALITY_ROWS))
        parts.append(table({"cross-lingual": breakdowns["cross_lingual"]}, title="ours on the cross-lingual subset",
                           rows=QUALITY_ROWS))
    return "\n\n".join(parts)


def comparison(previous: Mapping, current: Mapping) -> str:
    """Our summary now against the committed latest.json, when both cover the same split and gold set."""
    if previous.get("split") != current["split"] or previous["gold"]["sha256"] != current["gold"]["sha256"]:
        return "\n(committed latest.json covers another split or gold set: no comparison)"
    before = previous["systems"].get("ours", {}).get("summary")
    now = current["systems"].get("ours", {}).get("summary")
    if not before or not now:
        return ""
    return "\n" + table({"committed": before, "now": now}, title=f"ours against latest.json of {previous['created']}")
