from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.config import Settings
from tests.conftest import make_assistant

FILLER = "Avsnittet forklarer dette nærmere for nye ansatte og for bedriftene som vurderer å delta. "
DOC = ("# Finansiering\n\nFinansieringen fra fylkeskommunen var på 4,5 mill. NOK til innovasjonsselskapene. "
       + FILLER * 3 + "\n\n# Organisering\n\nStyringsgruppa sluttbehandlet søknader fra innovasjonsselskapene. "
       + FILLER * 3 + "\n")


@pytest.fixture
def client(tmp_path: Path):
    a = make_assistant(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rapport.md").write_text(DOC, encoding="utf-8")
    assert a.ingest([docs]).ok
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"), assistant=a)) as c:
        yield c


def test_health_and_documents(client):
    assert client.get("/health").json()["status"] == "ready"
    docs = client.get("/documents").json()["documents"]
    assert [d["doc_id"] for d in docs] == ["rapport"] and docs[0]["page_count"] == 1
    one = client.get("/documents/rapport").json()
    assert one["title"] and [h["title"] for h in one["headings"]] == ["Finansiering", "Organisering"]
    assert client.get("/documents/rapport/file").content.startswith(b"# Finansiering")
    assert "Styringsgruppa" in client.get("/documents/rapport/pages/1").json()["text"]


def test_search_returns_passages_with_their_place(client):
    r = client.post("/search", json={"query": "styringsgruppa søknader", "k": 3})
    assert r.status_code == 200
    top = r.json()["results"][0]
    assert top["doc_id"] == "rapport" and top["page"] == 1 and "Styringsgruppa" in top["text"]
    assert top["section"] == "Organisering"


def test_ask_cites_the_verbatim_passage(client):
    r = client.post("/ask", json={"question": "Hvor mye finansierte fylkeskommunen?"})
    body = r.json()
    assert r.status_code == 200 and not body["abstained"]
    cit = body["citations"][0]
    assert "4,5 mill. NOK" in cit["quote"] and cit["url"] == "/documents/rapport/file#page=1"
    page = client.get("/documents/rapport/pages/1").json()["text"]
    assert " ".join(page[cit["char_start"]:cit["char_end"]].split()) == cit["quote"]
    assert "[1]" in body["answer"]


def test_ask_abstains_when_nothing_supports_an_answer(client):
    body = client.post("/ask", json={"question": "What is the weather on Mars tomorrow?"}).json()
    assert body["abstained"] and body["citations"] == []


@pytest.mark.parametrize("path", ["/documents/nope", "/documents/nope/file", "/documents/..%2F..%2Fetc%2Fpasswd/file",
                                  "/documents/rapport/pages/9"])
def test_unknown_documents_and_traversal_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.json()["detail"]


@pytest.mark.parametrize("body", [{}, {"query": ""}, {"query": "x", "k": 0}, {"query": "x", "k": 500},
                                  {"query": "x", "filters": {"languages": ["de"]}}])
def test_bad_search_requests_are_422_with_a_reason(client, body):
    r = client.post("/search", json=body)
    assert r.status_code == 422 and r.json()["detail"]


def test_malformed_json_and_bad_history_are_4xx(client):
    assert client.post("/ask", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    r = client.post("/ask", json={"question": "hei", "history": [{"role": "system", "content": "x"}]})
    assert r.status_code == 422


def test_filters_restrict_results(client):
    r = client.post("/search", json={"query": "styringsgruppa", "filters": {"doc_ids": ["annet"]}})
    assert r.status_code == 200 and r.json()["results"] == []


def test_not_ready_is_503_with_a_reason(tmp_path):
    app = create_app(Settings(data_dir=tmp_path / "data", embedding_model=str(tmp_path / "no-such-model")))
    with TestClient(app) as c:
        import time
        for _ in range(100):
            r = c.get("/health")
            if "loading" not in r.json()["detail"]:
                break
            time.sleep(0.05)
        assert r.status_code == 503 and "not ready" in r.json()["detail"]
        assert c.post("/search", json={"query": "x"}).status_code == 503
