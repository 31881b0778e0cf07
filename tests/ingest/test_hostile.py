"""Every file in shared/corpus-bad gets the outcome its README asks for: no crash, hang or memory blow-up."""

import time
import tracemalloc
from pathlib import Path

import pytest

from ingest.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    IngestError,
    LimitExceededError,
    UnsupportedFileError,
)
from ingest.load import load
from ingest.models import Limits
from ingest.pdf import NO_TEXT

# CI clones the repo with shared/ beside it.
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BAD = SHARED / "corpus-bad"
REAL = BAD / "real-world"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"

pytestmark = pytest.mark.skipif(not BAD.is_dir(), reason="shared/corpus-bad is not beside the repo")

# file -> (error class, words the reason must contain). Loaded files are checked one by one below.
REJECTED = {
    "empty.pdf": (EmptyFileError, "empty"),
    "truncated.pdf": (CorruptFileError, "truncated"),
    "not-a-pdf.pdf": (UnsupportedFileError, "PNG"),
    "encrypted.pdf": (EncryptedFileError, "no password"),
    "garbage-bytes.docx": (CorruptFileError, "not a valid DOCX / corrupt ZIP"),
    "zip-bomb.docx": (LimitExceededError, "decompressed size/ratio limit exceeded"),
    "huge-page-count.pdf": (LimitExceededError, "limit of 1000 pages"),
    "real-world/qpdf-issue-146.pdf": (CorruptFileError, "damaged"),
    "real-world/qpdf-issue-117.pdf": (CorruptFileError, "damaged"),
}
LOADED = {
    "scanned-no-text.pdf", "weird-encoding.txt", "prompt-injection.pdf",
    "real-world/qpdf-xref-errors.pdf", "real-world/qpdf-issue-149.pdf",
    "real-world/qpdf-damaged-stream.pdf", "real-world/py-pdf-sample-files-habibi-oneline-cmap.pdf",
}


def test_every_hostile_file_has_an_expected_outcome():
    files = {str(p.relative_to(BAD)) for p in [*BAD.iterdir(), *REAL.iterdir()] if p.is_file() and p.suffix != ".md"}
    assert files == set(REJECTED) | LOADED


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_rejected_with_a_clear_reason(name):
    error, words = REJECTED[name]
    started = time.monotonic()
    with pytest.raises(error, match=words.replace("/", ".").replace("(", ".")):
        load(BAD / name)
    assert time.monotonic() - started < 5


def test_zip_bomb_is_rejected_before_inflating():
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceededError):
            load(BAD / "zip-bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024  # the file is 0.7 MiB; inflating it would take 642 MiB


def test_zip_bomb_is_caught_by_size_alone_when_the_ratio_cap_is_off():
    with pytest.raises(LimitExceededError, match="bytes when unpacked"):
        load(BAD / "zip-bomb.docx", limits=Limits(max_compression_ratio=1e9))


def test_huge_page_count_under_a_higher_cap_loads_empty_with_a_warning():
    doc = load(BAD / "huge-page-count.pdf", limits=Limits(max_pages=5000))
    assert len(doc.pages) == 2000 and doc.char_count == 0 and NO_TEXT in doc.warnings


def test_scanned_pdf_loads_with_the_ocr_warning():
    doc = load(BAD / "scanned-no-text.pdf")
    assert doc.char_count == 0 and NO_TEXT in doc.warnings


def test_latin1_text_decodes_without_mojibake():
    doc = load(BAD / "weird-encoding.txt")
    text = doc.pages[0].text
    assert "Trøndelag" in text and "Ã" not in text and "\ufffd" not in text
    assert any("not UTF-8" in w for w in doc.warnings)
    assert doc.language == "nb"


def test_prompt_injection_is_loaded_as_plain_data():
    doc = load(BAD / "prompt-injection.pdf")
    assert "Ignore previous instructions" in doc.pages[0].text and not doc.warnings
    assert doc.title == "Notat – BIO-midler og oppfølging av småbedrifter"  # Keywords are not read


@pytest.mark.parametrize(("name", "expected", "warned"), [
    ("qpdf-xref-errors.pdf", "Potato", True),
    ("qpdf-issue-149.pdf", "bar", True),
    ("qpdf-damaged-stream.pdf", "Potato", True),
    ("py-pdf-sample-files-habibi-oneline-cmap.pdf", "habibi", False),
])
def test_real_world_pdfs_recover_their_text(name, expected, warned):
    doc = load(REAL / name)
    assert expected in doc.pages[0].text
    assert bool(doc.warnings) == warned
    assert len(doc.warnings) <= 6  # repair notes are bounded, not one per log line


def test_habibi_keeps_the_arabic_word():
    assert "حَبيبي" in load(REAL / "py-pdf-sample-files-habibi-oneline-cmap.pdf").pages[0].text


def test_a_mixed_batch_still_loads_all_good_documents():
    good, failed = [], []
    for path in sorted([*CORPUS.iterdir(), *BAD.iterdir(), *REAL.iterdir()]):
        if path.suffix in (".pdf", ".docx", ".txt"):
            try:
                good.append(load(path).doc_id)
            except IngestError as exc:
                failed.append((path.name, exc.kind))
    assert {p.stem for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx")} <= set(good)
    assert len(failed) == len(REJECTED)
