import time

from fastapi.testclient import TestClient

from assistant.api import create_app
from tests.conftest import make_assistant
from tests.prod.conftest import prod_app


def test_oversized_bodies_are_413_by_header_and_by_stream(tmp_path):
    app, _ = prod_app(tmp_path, max_body_bytes=2000)
    with TestClient(app) as c:
        big = '{"query": "' + "x" * 5000 + '"}'
        r = c.post("/search", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and "limit" in r.json()["detail"]

        def chunks():  # no Content-Length: the limit must hold while the body streams in
            for _ in range(10):
                yield b"x" * 1000
        r = c.post("/search", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "limit" in r.json()["detail"]
        assert c.post("/search", json={"query": "ok"}).status_code == 200


def test_malformed_requests_are_4xx_with_a_reason(client):
    cases = [
        ("/search", b'{"query": ', 422), ("/search", b"\xff\xfe garbage", 422), ("/ask", b"[]", 422),
        ("/search", b'{"query": "x", "k": 0}', 422), ("/search", b'{"query": "x", "k": 51}', 422),
        ("/ask", ('{"question": "' + "q" * 2001 + '"}').encode(), 422),
        ("/v1/chat/completions", b'{"messages": []}', 422),
        ("/v1/chat/completions", b'{"messages": [{"role": "assistant", "content": "hi"}]}', 422),
        ("/v1/chat/completions", ('{"messages": [{"role": "user", "content": "' + "q" * 2001 + '"}]}').encode(), 422),
    ]
    for path, body, status in cases:
        r = client.post(path, content=body, headers={"content-type": "application/json"})
        assert r.status_code == status, (path, body[:40], r.text)
        assert r.json()["detail"]


def test_path_traversal_never_reaches_the_file_system(client):
    for path in ["/documents/..%2F..%2Fetc%2Fpasswd/file", "/documents/../../etc/passwd",
                 "/documents/%2e%2e/file", "/documents/a%00b/file", "/documents/..%5c..%5cwin.ini/file",
                 "/documents/x/pages/1", "/documents/x/pages/-1"]:
        r = client.get(path)
        assert r.status_code in (404, 422), (path, r.status_code)


def test_rate_limit_is_429_with_retry_after(tmp_path):
    app, _ = prod_app(tmp_path, rate_limit_per_minute=60, rate_limit_burst=3)
    with TestClient(app) as c:
        codes = [c.post("/search", json={"query": "x"}).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        r = c.post("/search", json={"query": "x"})
        assert int(r.headers["Retry-After"]) >= 1 and "rate limit" in r.json()["detail"]
        assert c.get("/health").status_code == 200  # probes are never throttled


class SlowAssistant:
    def __init__(self, inner, seconds):
        self.inner, self.seconds = inner, seconds

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def search(self, *args, **kwargs):
        time.sleep(self.seconds)
        return self.inner.search(*args, **kwargs)


def test_a_slow_request_times_out_with_503(tmp_path):
    a = make_assistant(tmp_path, request_timeout_seconds=0.3, rate_limit_per_minute=0)
    with TestClient(create_app(a.settings, assistant=SlowAssistant(a, 1.0))) as c:
        started = time.monotonic()
        r = c.post("/search", json={"query": "x"})
        assert r.status_code == 503 and "longer than" in r.json()["detail"]
        assert time.monotonic() - started < 0.9
