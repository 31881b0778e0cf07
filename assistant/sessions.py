"""Chat sessions for the widget: bounded, expiring conversation histories in one SQLite file shared by workers."""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.models import Turn

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created REAL NOT NULL, last_active REAL NOT NULL,
                                     lang TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS sessions_active ON sessions(last_active);
CREATE TABLE IF NOT EXISTS turns (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
                                  role TEXT NOT NULL, content TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS turns_session ON turns(session_id, id);
CREATE TABLE IF NOT EXISTS asks (session_id TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS asks_session ON asks(session_id, at);
"""


class RateLimited(Exception):
    """The session asked more questions in the last minute than allowed."""


def connect(path: Path) -> sqlite3.Connection:
    """A short-lived connection in autocommit mode; callers open `BEGIN IMMEDIATE` for each write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer; workers share the file
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


@dataclass(frozen=True)
class Session:
    id: str
    history: list[Turn]
    created: bool = False  # made by this call (no id given, or the given one had expired or was unknown)
    expired: bool = False  # an id was given but that session is gone


class SessionStore:
    def __init__(self, path: Path, *, max_turns: int, max_sessions: int, ttl_seconds: float,
                 questions_per_minute: int, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.max_turns = max_turns
        self.max_sessions = max_sessions
        self.ttl = ttl_seconds
        self.per_minute = questions_per_minute
        self.clock = clock
        self._ready = False

    def _conn(self) -> sqlite3.Connection:
        conn = connect(self.path)
        if not self._ready:
            conn.executescript(_SCHEMA)
            self._ready = True
        return conn

    def open(self, session_id: str | None, *, lang: str = "") -> Session:
        """The live session with that id (its history), or a new one; counts one question against its limit."""
        now = self.clock()
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            self._expire(conn, now)
            row = conn.execute("SELECT id FROM sessions WHERE id = ?", (session_id,)).fetchone() if session_id else None
            if row is None:
                sid = secrets.token_urlsafe(18)
                self._make_room(conn)
                conn.execute("INSERT INTO sessions (id, created, last_active, lang) VALUES (?, ?, ?, ?)",
                             (sid, now, now, lang))
            else:
                sid = row[0]
                asked = conn.execute("SELECT COUNT(*) FROM asks WHERE session_id = ? AND at > ?",
                                     (sid, now - 60)).fetchone()[0]
                if asked >= self.per_minute:
                    conn.execute("ROLLBACK")
                    raise RateLimited(f"at most {self.per_minute} questions per minute in one conversation")
                conn.execute("UPDATE sessions SET last_active = ? WHERE id = ?", (now, sid))
            conn.execute("DELETE FROM asks WHERE session_id = ? AND at <= ?", (sid, now - 60))
            conn.execute("INSERT INTO asks (session_id, at) VALUES (?, ?)", (sid, now))
            history = [Turn(r, c) for r, c in conn.execute(
                "SELECT role, content FROM turns WHERE session_id = ? ORDER BY id", (sid,))]
            conn.execute("COMMIT")
        finally:
            conn.close()
        return Session(sid, history, created=row is None, expired=bool(session_id) and row is None)

    def append(self, session_id: str, question: str, answer: str) -> None:
        """Record one exchange and drop the oldest beyond `max_turns` exchanges."""
        now = self.clock()
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                conn.executemany("INSERT INTO turns (session_id, role, content, at) VALUES (?, ?, ?, ?)",
                                 [(session_id, "user", question, now), (session_id, "assistant", answer, now)])
                conn.execute("""DELETE FROM turns WHERE session_id = ? AND id NOT IN
                                (SELECT id FROM turns WHERE session_id = ? ORDER BY id DESC LIMIT ?)""",
                             (session_id, session_id, 2 * self.max_turns))
                conn.execute("UPDATE sessions SET last_active = ? WHERE id = ?", (now, session_id))
            conn.execute("COMMIT")
        finally:
            conn.close()

    def history(self, session_id: str) -> list[Turn]:
        conn = self._conn()
        try:
            return [Turn(r, c) for r, c in conn.execute(
                "SELECT role, content FROM turns WHERE session_id = ? ORDER BY id", (session_id,))]
        finally:
            conn.close()

    def count(self) -> int:
        conn = self._conn()
        try:
            return conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        finally:
            conn.close()

    def _expire(self, conn: sqlite3.Connection, now: float) -> None:
        stale = [r[0] for r in conn.execute("SELECT id FROM sessions WHERE last_active < ?", (now - self.ttl,))]
        self._delete(conn, stale)

    def _make_room(self, conn: sqlite3.Connection) -> None:
        excess = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] - self.max_sessions + 1
        if excess > 0:
            oldest = [r[0] for r in conn.execute(
                "SELECT id FROM sessions ORDER BY last_active, created LIMIT ?", (excess,))]
            self._delete(conn, oldest)

    @staticmethod
    def _delete(conn: sqlite3.Connection, ids: list[str]) -> None:
        for table, column in (("turns", "session_id"), ("asks", "session_id"), ("sessions", "id")):
            conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])
