import pytest
from fastapi.testclient import TestClient

from assistant.admin import UnsafeAdminKey
from assistant.api import create_app
from tests.conftest import make_assistant
from tests.prod.conftest import ADMIN, BAD, DOC, KEY, prod_app


def upload(client, name: str, data: bytes, headers=ADMIN):
    return client.post("/admin/documents", files={"file": (name, data)}, headers=headers)


def test_admin_routes_are_absent_without_a_key(tmp_path):
    a = make_assistant(tmp_path)
    with TestClient(create_app(a.settings, assistant=a)) as c:
        assert c.post("/admin/reindex", headers=ADMIN).status_code == 404
        assert c.get("/admin/ingest-reports").status_code == 404


@pytest.mark.parametrize("key", ["", "changeme", "change-me", "secret", "CHANGEME", "short-key"])
def test_a_placeholder_key_refuses_to_start(tmp_path, key):
    a = make_assistant(tmp_path, admin_api_key=key)
    with pytest.raises(UnsafeAdminKey):
        create_app(a.settings, assistant=a)


def test_admin_routes_need_the_key(client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-API-Key": "wrong"}, {"Authorization": KEY}):
        r = client.post("/admin/reindex", headers=headers)
        assert r.status_code == 401 and r.json()["detail"]
    assert client.get("/admin/ingest-reports", headers={"X-API-Key": KEY}).status_code == 200


def test_upload_ingests_by_content_and_is_searchable_then_delete(client):
    r = upload(client, "../../etc/Næringshage notat.pdf", DOC.encode())  # a text file with a lying name
    assert r.status_code == 201, r.text
    outcome = r.json()["files"][0]
    assert outcome["status"] == "ingested" and outcome["doc_id"] == "naeringshage-notat"
    assert outcome["path"].endswith("uploads/naeringshage-notat.txt")  # name from the id, suffix from content
    hits = client.post("/search", json={"query": "styringsgruppa"}).json()["results"]
    assert hits and hits[0]["doc_id"] == "naeringshage-notat"

    assert upload(client, "Næringshage notat.txt", DOC.encode()).status_code == 200  # unchanged
    reports = client.get("/admin/ingest-reports", headers=ADMIN).json()["reports"]
    assert [r["trigger"] for r in reports] == ["upload", "upload"]
    assert reports[0]["files"][0]["status"] == "unchanged"

    assert client.delete("/admin/documents/naeringshage-notat", headers=ADMIN).status_code == 200
    assert client.get("/documents/naeringshage-notat").status_code == 404
    assert client.delete("/admin/documents/naeringshage-notat", headers=ADMIN).status_code == 404
    assert client.delete("/admin/documents/..%2F..%2Fetc", headers=ADMIN).status_code == 404
    assert client.post("/search", json={"query": "styringsgruppa"}).json()["results"] == []


def test_reindex_ingests_corpus_and_uploads(client, tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "notes.md").write_text("Stage 2 gives every company ten consultant hours.", encoding="utf-8")
    assert upload(client, "ordning.md", DOC.encode()).status_code == 201
    r = client.post("/admin/reindex", headers=ADMIN)
    assert r.status_code == 200 and r.json()["counts"] == {"ingested": 1, "unchanged": 1}
    assert {d["doc_id"] for d in client.get("/documents").json()["documents"]} == {"notes", "ordning"}


@pytest.mark.parametrize("name, status, words", [
    ("zip-bomb.docx", 413, "decompress"),
    ("huge-page-count.pdf", 413, "page"),
    ("empty.pdf", 422, "empty"),
    ("not-a-pdf.pdf", 422, "PNG"),
    ("encrypted.pdf", 422, "password"),
    ("garbage-bytes.docx", 422, ""),
    ("truncated.pdf", 422, ""),
    ("scanned-no-text.pdf", 422, "OCR"),
])
@pytest.mark.skipif(not BAD.is_dir(), reason="shared/corpus-bad is not beside the repo")
def test_hostile_uploads_are_refused_with_a_reason(client, tmp_path, name, status, words):
    r = upload(client, name, (BAD / name).read_bytes())
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    reason = detail if isinstance(detail, str) else detail["reason"]
    assert words.lower() in reason.lower()
    assert client.get("/documents").json()["documents"] == []
    assert not [p for p in (tmp_path / "data" / "uploads").iterdir() if not p.name.startswith(".")]


def test_upload_over_the_size_limit_is_413(tmp_path):
    app, _ = prod_app(tmp_path, max_file_bytes=1000)
    with TestClient(app) as c:
        r = upload(c, "big.txt", b"word " * 1000)
        assert r.status_code == 413 and "limit" in r.json()["detail"]
