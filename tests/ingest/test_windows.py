"""Long chunks become several windows the model reads whole; every part of a chunk's text reaches its vectors."""

import re

import pytest

from assistant.config import Settings
from ingest.embed import build_embedder
from ingest.models import Chunk
from ingest.windows import dense_texts, window_spans
from tests.conftest import make_assistant
from tests.fakes import FakeTokenizingEmbedder


def offsets(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def chunk_of(text: str, section: str = "Rapport > 3.1 Resultater") -> Chunk:
    return Chunk(id="d:1:0", doc_id="d", position=0, text=text, title="Sluttrapport", section=section,
                 page_start=1, page_end=1, char_start=0, char_end=len(text))


def test_a_short_text_is_one_window():
    text = "Tilskuddet er 50 prosent."
    assert window_spans(offsets(text), size=20) == [(0, len(text))]
    assert window_spans([], size=20) == []


def test_windows_cover_the_text_overlap_and_stay_within_size():
    text = " ".join(f"ord{i}" for i in range(100))
    spans = window_spans(offsets(text), size=20, overlap=0.25)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(len(offsets(text[a:b])) <= 20 for a, b in spans)
    assert all(b1 > a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))  # consecutive windows overlap
    assert all(a2 > a1 for (a1, _), (a2, _) in zip(spans, spans[1:]))  # and always move forward


def test_windows_do_not_cut_inside_a_word():
    # Word pieces: each word is three glued tokens, so a window of 10 tokens holds three words whole.
    text = " ".join("abc" for _ in range(12))
    pieces = [(i + k, i + k + 1) for i in range(0, len(text), 4) for k in range(3)]
    for a, b in window_spans(pieces, size=10):
        assert (a == 0 or text[a - 1] == " ") and (b == len(text) or text[b] == " ")


def test_a_word_longer_than_a_window_is_cut_rather_than_lost():
    pieces = [(i, i + 1) for i in range(30)]  # one 30-piece word
    spans = window_spans(pieces, size=8)
    assert spans[-1][1] == 30 and all(b - a <= 8 for a, b in spans)


def test_dense_texts_lead_with_the_last_heading_not_the_title():
    text = " ".join(f"ord{i}" for i in range(60))
    texts = dense_texts(chunk_of(text), token_offsets=offsets, size=24)
    assert len(texts) > 1
    assert all(t.startswith("3.1 Resultater\n") and "Sluttrapport" not in t for t in texts)
    assert all(len(offsets(t)) + 2 <= 24 for t in texts)
    assert dense_texts(chunk_of("Kort.", section=""), token_offsets=None, size=24) == ["Kort."]


def test_the_tail_of_a_long_chunk_reaches_dense_retrieval(tmp_path):
    a = make_assistant(tmp_path, embedder=FakeTokenizingEmbedder(max_tokens=32), dense_window_tokens=32)
    docs = tmp_path / "docs"
    docs.mkdir()
    filler = " ".join(f"fyll{i}" for i in range(80))
    (docs / "lang.md").write_text(f"# Rapport\n\n{filler} sluttord kvantefysikk.\n", encoding="utf-8")
    (docs / "annen.md").write_text("# Annet\n\nHelt andre ord om noe annet.\n", encoding="utf-8")
    a.ingest([docs])
    assert a.store.count() > len(a.store.all())  # the long chunk has several vectors, `all()` one chunk each
    vector = a.store.embed_queries(["kvantefysikk sluttord"])[0]
    snap = a.retriever._current()
    best = snap.chunks[snap.dense.search(vector, k=1)[0][0]]
    assert best.doc_id == "lang"


@pytest.mark.slow
def test_the_bundled_model_windows_fit_its_tokens():
    embedder = build_embedder(Settings())
    text = ("Trinn 2/3 omfattet avanserte workshops og casebasert arbeid i bedriftene, med individuell "
            "veiledning og en enkel digital strategi. ") * 12
    texts = dense_texts(chunk_of(text), token_offsets=embedder.token_offsets, size=200)
    assert len(texts) > 1 and all(len(embedder.token_offsets(t)) + 2 <= 200 for t in texts)
    assert embedder.max_tokens == 256
