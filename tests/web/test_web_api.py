import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.config import Settings
from assistant.feedback import Feedback, FeedbackStore
from assistant.sessions import RateLimited, SessionStore
from tests.conftest import make_assistant

DOC = ("# Finansiering\n\nFinansieringen fra fylkeskommunen var på 4,5 mill. NOK til innovasjonsselskapene.\n\n"
       "# Organisering\n\nStyringsgruppa sluttbehandlet søknader fra innovasjonsselskapene.\n")
HOST_PAGE = "http://127.0.0.1:8000"

ADMIN_KEY = "test-admin-key-0123456789abcdef"
ADMIN = {"X-API-Key": ADMIN_KEY}


def _client(tmp_path: Path, **overrides) -> TestClient:
    a = make_assistant(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "rapport.md").write_text(DOC, encoding="utf-8")
    assert a.ingest([docs]).ok
    settings = Settings(data_dir=tmp_path / "data", stream_word_delay_ms=0, admin_api_key=ADMIN_KEY, **overrides)
    return TestClient(create_app(settings, assistant=a))


@pytest.fixture
def client(tmp_path: Path):
    with _client(tmp_path) as c:
        yield c


def events(response) -> list[tuple[str, object]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    out = []
    for block in response.text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.split("\n"))
        out.append((fields["event"], json.loads(fields["data"])))
    return out


def chat(client, question, session_id=None, origin=HOST_PAGE):
    return client.post("/chat/stream", json={"question": question, "session_id": session_id},
                       headers={"Origin": origin} if origin else {})


def test_stream_sends_session_tokens_citations_done_in_order(client):
    ev = events(chat(client, "Hvor mye finansierte fylkeskommunen?"))
    kinds = [k for k, _ in ev]
    assert kinds[0] == "session" and kinds[-2:] == ["citations", "done"]
    assert set(kinds[1:-2]) == {"token"} and len(kinds) > 6  # word-sized pieces, not one blob
    streamed = "".join(d["text"] for k, d in ev if k == "token")
    asked = client.post("/ask", json={"question": "Hvor mye finansierte fylkeskommunen?"}).json()
    assert streamed == asked["answer"] and "[1]" in streamed
    citations = ev[-2][1]
    assert citations == asked["citations"] and citations[0]["url"] == "/documents/rapport/file#page=1"
    assert ev[-1][1] == {"abstained": False}
    assert ev[0][1]["session_id"] and ev[0][1]["expired"] is False


def test_abstaining_answer_streams_done_with_the_flag(client):
    ev = events(chat(client, "What is the weather on Mars tomorrow?"))
    assert ev[-2] == ("citations", []) and ev[-1] == ("done", {"abstained": True})


def test_follow_up_uses_the_session_history(client):
    first = events(chat(client, "Hvem sluttbehandlet søknader fra innovasjonsselskapene?"))
    sid = first[0][1]["session_id"]
    second = events(chat(client, "Og hva med finansieringen?", session_id=sid))
    assert second[0][1]["session_id"] == sid
    history = client.app.state.sessions.history(sid)
    assert [t.role for t in history] == ["user", "assistant", "user", "assistant"]
    assert history[0].content.startswith("Hvem sluttbehandlet") and "[1]" in history[1].content
    # the follow-up was retrieved together with the earlier question
    assert client.app.state.assistant.ask("Og hva med finansieringen?", history=history[:2]).query.startswith("Hvem")


def test_unknown_session_id_starts_a_new_one_and_says_so(client):
    ev = events(chat(client, "Hvem sluttbehandlet søknader?", session_id="gone"))
    assert ev[0][1]["session_id"] != "gone" and ev[0][1]["expired"] is True


def test_sessions_expire_are_bounded_and_keep_the_last_turns(tmp_path):
    now = [1000.0]
    store = SessionStore(tmp_path / "s.sqlite3", max_turns=2, max_sessions=3, ttl_seconds=60,
                         questions_per_minute=100, clock=lambda: now[0])
    s = store.open(None)
    for i in range(3):
        store.append(s.id, f"q{i}", f"a{i}")
    assert [t.content for t in store.open(s.id).history] == ["q1", "a1", "q2", "a2"]
    now[0] += 61  # inactive past the TTL
    again = store.open(s.id)
    assert again.expired and again.id != s.id and again.history == []
    ids = [store.open(None).id for _ in range(4)]
    assert store.count() == 3 and not store.open(ids[0]).history and store.open(ids[0]).expired


def test_rate_limit_per_session_is_429_with_a_reason(tmp_path):
    with _client(tmp_path, session_questions_per_minute=2) as c:
        sid = events(chat(c, "Hvem sluttbehandlet søknader?"))[0][1]["session_id"]
        assert chat(c, "Og finansieringen?", session_id=sid).status_code == 200
        r = chat(c, "Og styringsgruppa?", session_id=sid)
        assert r.status_code == 429 and "per minute" in r.json()["detail"] and r.headers["Retry-After"]


def test_rate_limit_window_slides(tmp_path):
    now = [0.0]
    store = SessionStore(tmp_path / "s.sqlite3", max_turns=5, max_sessions=5, ttl_seconds=600,
                         questions_per_minute=1, clock=lambda: now[0])
    sid = store.open(None).id
    with pytest.raises(RateLimited):
        store.open(sid)
    now[0] += 61
    assert store.open(sid).id == sid


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:9999"])
def test_posts_from_other_origins_are_403(client, origin):
    r = chat(client, "Hvem sluttbehandlet søknader?", origin=origin)
    assert r.status_code == 403 and origin in r.json()["detail"]
    r = client.post("/feedback", json={"session_id": "x", "question": "q", "answer": "a", "helpful": True},
                    headers={"Origin": origin})
    assert r.status_code == 403


def test_allowed_same_origin_and_non_browser_posts_pass(client):
    assert chat(client, "Hvem sluttbehandlet søknader?", origin=None).status_code == 200
    assert chat(client, "Hvem sluttbehandlet søknader?", origin="http://testserver").status_code == 200


def test_cors_preflight_allows_only_the_configured_origins(client):
    def preflight(origin):
        return client.options("/chat/stream", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "content-type"})
    ok = preflight(HOST_PAGE)
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == HOST_PAGE
    assert preflight("https://evil.example").status_code == 400


def test_feedback_is_stored_and_exported_as_gold_items(client):
    ev = events(chat(client, "Hvem sluttbehandlet søknader fra innovasjonsselskapene?"))
    sid = ev[0][1]["session_id"]
    first_answer = "".join(d["text"] for k, d in ev if k == "token")
    ev2 = events(chat(client, "Og hvor mye finansierte fylkeskommunen?", session_id=sid))
    answer = "".join(d["text"] for k, d in ev2 if k == "token")
    r = client.post("/feedback", headers={"Origin": HOST_PAGE}, json={
        "session_id": sid, "question": "Og hvor mye finansierte fylkeskommunen?", "answer": answer,
        "citations": ev2[-2][1], "helpful": False, "comment": " Mangler beløpet ", "abstained": False})
    assert r.status_code == 201 and r.json()["id"] == 1
    client.post("/feedback", json={"session_id": sid, "question": "Hvem sluttbehandlet søknader fra "
                                   "innovasjonsselskapene?", "answer": first_answer, "citations": [], "helpful": True})
    assert client.get("/feedback/export").status_code == 401
    lines = client.get("/feedback/export", headers=ADMIN).text.splitlines()
    items = [json.loads(x) for x in lines]
    assert len(items) == 2
    item = items[0]
    assert item["question"] == "Og hvor mye finansierte fylkeskommunen?" and item["language"] == "nb"
    assert item["history"] == [{"role": "user", "content": "Hvem sluttbehandlet søknader fra innovasjonsselskapene?"},
                               {"role": "assistant", "content": first_answer}]
    assert item["evidence"] == [{"doc_id": "rapport", "phrases": [c["quote"] for c in ev2[-2][1]]}]
    assert item["abstain"] is False and item["verdict"]["helpful"] is False
    assert item["verdict"]["comment"] == "Mangler beløpet"
    assert {"id", "split", "category", "facts", "cross_lingual"} <= item.keys()
    only_helpful = client.get("/feedback/export", params={"helpful": "true"}, headers=ADMIN).text.splitlines()
    assert [json.loads(x)["verdict"]["helpful"] for x in only_helpful] == [True]


def test_feedback_store_is_shared_through_the_file(tmp_path):
    path = tmp_path / "web.sqlite3"
    FeedbackStore(path).add(Feedback(session_id="s", question="Who approved it?", answer="x", helpful=True))
    (item,) = FeedbackStore(path).export()  # another worker, same file
    assert item["language"] == "en" and item["evidence"] == [] and item["verdict"]["helpful"] is True


@pytest.mark.parametrize("body", [{}, {"question": ""}, {"question": "x" * 2001}, {"question": "x", "lang": "de"}])
def test_bad_chat_requests_are_422(client, body):
    assert client.post("/chat/stream", json=body).status_code == 422


def test_not_ready_is_503_before_the_stream(tmp_path):
    c = TestClient(create_app(Settings(data_dir=tmp_path / "data")))  # lifespan not run: nothing loaded
    r = c.post("/chat/stream", json={"question": "Hvem?"})
    assert r.status_code == 503 and "not ready" in r.json()["detail"]


def test_widget_page_and_static_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and 'src="/widget.js"' in page.text and 'data-mode="page"' in page.text
    js = client.get("/widget.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"] and "attachShadow" in js.text
    assert client.get("/static/widget.css").status_code == 200
    assert "secret" not in js.text.lower() and "token=" not in js.text.lower()
