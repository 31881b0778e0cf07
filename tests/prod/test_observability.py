import json
import logging

from assistant.observability import JsonFormatter, request_id
from tests.prod.conftest import ADMIN, DOC


def test_request_id_is_echoed_or_made(client):
    r = client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    made = client.get("/health", headers={"X-Request-ID": "bad id\n"}).headers["x-request-id"]
    assert made != "bad id\n" and len(made) == 32


def test_metrics_count_requests_scores_abstentions_and_ingests(client):
    client.post("/admin/documents", files={"file": ("ordning.md", DOC.encode())}, headers=ADMIN)
    client.post("/ask", json={"question": "Hvem behandler søknaden?"})
    client.post("/search", json={"query": "styringsgruppa"})
    client.get("/documents/nope")
    text = client.get("/metrics").text
    assert 'assistant_http_requests_total{method="POST",route="/ask",status="200"} 1.0' in text
    assert 'route="/documents/{doc_id}",status="404"' in text  # templates, never raw paths
    assert 'assistant_http_request_seconds_bucket{le="0.5",method="POST",route="/search"}' in text
    assert 'assistant_retrieval_top_score_count{call="search"} 1.0' in text
    assert 'assistant_answers_total{abstained=' in text
    assert 'assistant_ingest_files_total{status="ingested"} 1.0' in text


def test_log_lines_are_json_with_the_request_id():
    token = request_id.set("rid-1")
    try:
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
        record.fields = {"status": 200}
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert line["msg"] == "hello world" and line["request_id"] == "rid-1" and line["status"] == 200
