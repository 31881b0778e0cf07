import shutil
from pathlib import Path

import pytest

from tests.conftest import SHARED, make_assistant

FILLER = "Teksten forklarer ordningen nærmere for nye ansatte og for bedriftene som vurderer å søke. "
DOC_A = "# Ordningen\n\nFylkeskommunen gir tilskudd på inntil 350.000 kroner til hver næringshage. " + FILLER * 3 + \
        "\n\n# Søknad\n\nSøknaden behandles av styringsgruppa etter vurdering i Advisory Board. " + FILLER * 3 + "\n"
DOC_B = "Plain notes about the stage model. Stage 2 gives every company ten consultant hours."


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_is_incremental_replaces_changed_and_removes_deleted(tmp_path):
    a = make_assistant(tmp_path)
    docs = tmp_path / "docs"
    write(docs, "ordning.md", DOC_A)
    write(docs, "notes.txt", DOC_B)

    first = a.ingest([docs])
    assert first.ok and first.counts() == {"ingested": 2}
    assert {r.doc_id for r in a.documents()} == {"ordning", "notes"}
    n = a.store.count()

    again = a.ingest([docs])
    assert again.counts() == {"unchanged": 2} and a.store.count() == n

    write(docs, "ordning.md", DOC_A.replace("350.000", "400.000"))
    changed = a.ingest([docs])
    assert changed.counts() == {"replaced": 1, "unchanged": 1}
    texts = " ".join(c.text for c, _ in a.store.all())
    assert "400.000" in texts and "350.000" not in texts
    assert len(a.store.versions()) == 2  # one version per document, the old one gone

    (docs / "notes.txt").unlink()
    removed = a.ingest([docs])
    assert removed.counts() == {"removed": 1, "unchanged": 1}
    assert {r.doc_id for r in a.documents()} == {"ordning"}
    assert all(c.doc_id == "ordning" for c, _ in a.store.all())


def test_chunks_carry_their_metadata_and_the_original_file_is_kept(tmp_path):
    a = make_assistant(tmp_path)
    path = write(tmp_path / "docs", "ordning.md", DOC_A)
    a.ingest([path])
    record = a.document("ordning")
    assert record.page_count == 1 and record.language == "nb" and record.chunk_count >= 1
    assert a.document_file("ordning").read_bytes() == path.read_bytes()
    chunk = next(c for c, _ in a.store.all() if "styringsgruppa" in c.text)
    assert chunk.section == "Søknad" and chunk.page_start == 1
    assert record.pages[0][chunk.char_start:chunk.char_end] == chunk.text


def test_a_broken_file_never_stops_the_rest(tmp_path):
    a = make_assistant(tmp_path)
    docs = tmp_path / "docs"
    write(docs, "good.txt", DOC_B)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (docs / "empty.docx").write_bytes(b"")
    report = a.ingest([docs, tmp_path / "missing.pdf"])
    assert not report.ok
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["good.txt"].status == "ingested"
    assert by_name["broken.pdf"].status == "failed" and by_name["broken.pdf"].reason
    assert by_name["empty.docx"].kind == "empty"
    assert by_name["missing.pdf"].reason == "no such file or folder"
    assert [r.doc_id for r in a.documents()] == ["good"]


def test_an_unchanged_file_read_by_an_older_reader_is_read_again_as_a_new_version(tmp_path, monkeypatch):
    import ingest.pipeline
    from ingest.catalog import READER

    a = make_assistant(tmp_path)
    docs = tmp_path / "docs"
    write(docs, "ordning.md", DOC_A)
    monkeypatch.setattr(ingest.pipeline, "READER", READER - 1)  # an index built before the reader changed
    assert a.ingest([docs]).counts() == {"ingested": 1}
    (old,) = a.store.versions()
    monkeypatch.setattr(ingest.pipeline, "READER", READER)
    assert a.ingest([docs]).counts() == {"replaced": 1}
    (new,) = a.store.versions()  # the old version's chunks are gone
    record = a.document("ordning")
    assert new != old and new == ("ordning", record.version) and record.reader == READER
    assert a.search("tilskudd næringshage", k=3)
    assert a.ingest([docs]).counts() == {"unchanged": 1}


def test_an_interrupted_replacement_leaves_one_complete_version(tmp_path):
    """Chunks of a version no catalog record points at (a crash before the record was written) stay
    invisible to retrieval and are collected by the next run."""
    a = make_assistant(tmp_path)
    docs = tmp_path / "docs"
    write(docs, "ordning.md", DOC_A)
    a.ingest([docs])
    from ingest.chunk import chunk
    from ingest.load import load

    write(docs, "ordning.md", DOC_A.replace("350.000", "999.999"))
    orphan = load(docs / "ordning.md", doc_id="ordning")
    orphans = chunk(orphan)
    a.store.add(orphans, sha256=orphan.sha256, texts=[[c.text] for c in orphans])  # crash here
    hits = a.search("tilskudd næringshage", k=10)
    assert hits and all("999.999" not in p.chunk.text for p in hits)

    a.ingest([docs])
    assert len(a.store.versions()) == 1
    assert any("999.999" in p.chunk.text for p in a.search("tilskudd næringshage", k=10))


@pytest.mark.skipif(not (SHARED / "corpus-bad").is_dir(), reason="shared/corpus-bad is not beside the repo")
def test_mixed_batch_with_every_hostile_file_ingests_every_good_one(tmp_path):
    a = make_assistant(tmp_path)
    batch = tmp_path / "batch"
    shutil.copytree(SHARED / "corpus-bad", batch)
    for f in (SHARED / "corpus").glob("*.*"):
        if f.suffix in (".pdf", ".docx"):
            shutil.copy(f, batch / f.name)
    report = a.ingest([batch])
    status = {Path(f.path).name: f.status for f in report.files}
    assert not report.ok
    for good in ("action-plan-digibest-trondelag-2022.pdf", "industri-4-0-trondelag-ordning.docx",
                 "interreg-smart-societies-trondelag.pdf", "skills-plus-nye-prosjekter-trondelag.pdf",
                 "sluttrapport-industri-4-0-trondelag-2025.pdf", "weird-encoding.txt", "prompt-injection.pdf",
                 "qpdf-xref-errors.pdf", "qpdf-issue-149.pdf", "qpdf-damaged-stream.pdf",
                 "py-pdf-sample-files-habibi-oneline-cmap.pdf"):
        assert status[good] == "ingested", (good, status[good])
    for bad in ("empty.pdf", "truncated.pdf", "not-a-pdf.pdf", "encrypted.pdf", "garbage-bytes.docx",
                "huge-page-count.pdf", "zip-bomb.docx", "qpdf-issue-146.pdf"):
        assert status[bad] == "failed", (bad, status[bad])
    assert status["scanned-no-text.pdf"] == "no_text"
    reasons = {Path(f.path).name: f.reason for f in report.files}
    assert "not a PDF" in reasons["not-a-pdf.pdf"] or "PNG" in reasons["not-a-pdf.pdf"]
    assert "password" in reasons["encrypted.pdf"]
    assert "1000" in reasons["huge-page-count.pdf"]
