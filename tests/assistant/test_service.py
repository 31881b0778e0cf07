"""The assistant answers at most `query_workers` questions at once; the rest wait their turn."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import add_document, make_assistant


def _peak_concurrency(assistant, call) -> int:
    running, peak, lock = 0, 0, threading.Lock()
    search = assistant.retriever.search

    def counted(*args, **kwargs):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        try:
            return search(*args, **kwargs)
        finally:
            with lock:
                running -= 1

    assistant.retriever.search = counted
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: call(assistant), range(8)))
    finally:
        assistant.retriever.search = search
    assert all(r is not None for r in results)
    return peak


def test_searches_and_questions_beyond_the_worker_count_queue_instead_of_running_together(tmp_path):
    a = make_assistant(tmp_path, query_workers=2)
    add_document(a, "plan", ["Styringsgruppa møtes hver måned.", "Bedriftene betalte 20 prosent av kostnaden."])
    assert _peak_concurrency(a, lambda x: x.search("styringsgruppa")) == 2
    assert _peak_concurrency(a, lambda x: x.ask("Hvor ofte møtes styringsgruppa?")) == 2


def test_one_worker_answers_one_question_at_a_time(tmp_path):
    a = make_assistant(tmp_path, query_workers=1)
    add_document(a, "plan", ["Styringsgruppa møtes hver måned."])
    assert _peak_concurrency(a, lambda x: x.search("styringsgruppa")) == 1
