"""Helpful / not-helpful verdicts on answers, kept in SQLite and exported as gold-set items for review."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.analysis import detect_language
from assistant.models import Turn
from assistant.sessions import connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, session_id TEXT NOT NULL,
    question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, abstained INTEGER NOT NULL,
    helpful INTEGER NOT NULL, comment TEXT NOT NULL, history TEXT NOT NULL, language TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Feedback:
    session_id: str
    question: str
    answer: str
    helpful: bool
    citations: list[dict] = field(default_factory=list)  # as streamed: n, doc_id, page, quote, ...
    abstained: bool = False
    comment: str = ""
    history: list[Turn] = field(default_factory=list)  # the turns before the question


class FeedbackStore:
    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        self._ready = False

    def _conn(self):
        conn = connect(self.path)
        if not self._ready:
            conn.executescript(_SCHEMA)
            self._ready = True
        return conn

    def add(self, fb: Feedback) -> int:
        conn = self._conn()
        try:
            cur = conn.execute(
                "INSERT INTO feedback (at, session_id, question, answer, citations, abstained, helpful, comment, history,"
                " language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.clock(), fb.session_id, fb.question, fb.answer, json.dumps(fb.citations, ensure_ascii=False),
                 int(fb.abstained), int(fb.helpful), fb.comment,
                 json.dumps([t.__dict__ for t in fb.history], ensure_ascii=False), detect_language(fb.question)))
            return cur.lastrowid
        finally:
            conn.close()

    def export(self, *, helpful: bool | None = None) -> Iterator[dict]:
        """Gold-set shaped items (see evals/GOLD.md) plus the verdict; a reviewer fills in `facts` and `split`."""
        conn = self._conn()
        try:
            sql, args = "SELECT * FROM feedback", ()
            if helpful is not None:
                sql, args = sql + " WHERE helpful = ?", (int(helpful),)
            conn.row_factory = _dict_row
            rows = conn.execute(sql + " ORDER BY id", args).fetchall()
        finally:
            conn.close()
        for r in rows:
            yield to_gold(r)


def to_gold(row: dict) -> dict:
    """One stored verdict as a gold item: evidence is the cited quotes grouped by document."""
    evidence: dict[str, list[str]] = {}
    for c in json.loads(row["citations"]):
        quote = str(c.get("quote", "")).strip()
        if c.get("doc_id") and quote and quote not in evidence.setdefault(c["doc_id"], []):
            evidence[c["doc_id"]].append(quote)
    history = json.loads(row["history"])
    return {
        "id": f"fb{row['id']:05d}", "split": "review", "language": row["language"],
        "category": "follow_up" if history else "feedback", "cross_lingual": False,
        "question": row["question"], "history": history,
        "evidence": [{"doc_id": d, "phrases": p} for d, p in evidence.items()],
        "facts": [], "abstain": bool(row["abstained"]),
        "verdict": {"helpful": bool(row["helpful"]), "comment": row["comment"], "answer": row["answer"],
                    "session_id": row["session_id"],
                    "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(row["at"]))},
    }


def _dict_row(cursor, row) -> dict:
    return {d[0]: v for d, v in zip(cursor.description, row)}
