"""The real pipeline: the shipped corpus, the bundled model, a persistent Chroma in a temporary folder."""

from __future__ import annotations

import shutil
import time

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.citations import verify
from assistant.config import Settings
from assistant.service import build_assistant
from tests.conftest import REPO, SHARED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    a = build_assistant(Settings(data_dir=data))
    report = a.ingest([REPO / "corpus"])
    assert report.ok and report.counts() == {"ingested": 5}
    return a


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# (question, phrase the cited passage must contain): Norwegian and English, several cross-lingual.
KNOWN = [
    ("Hvor mye penger bidro fylkeskommunen med til Industri 4.0 Trøndelag?", "4,5 mill"),
    ("How much could each business garden or incubator apply for in the introduction phase?", "350.000"),
    ("Hvem hadde den endelige godkjenningen av søknadene fra innovasjonsselskapene?", "styringsgruppa"),
    ("Who sat on the Advisory Board?", "lars molden"),
    ("What did the participating companies pay for stage 2?", "12 000"),
    ("Hvorfor ble Advisory Board ikke brukt på trinn 2 og 3?", "advisory board"),
    ("How many innovation companies continued after stage 1?", "fra 7 til 5"),
    ("Why was an ESA exemption needed?", "esa-unntak"),
    # names its source: the document title is part of every chunk's index text and concept coverage
    ("What was the total budget of the Industry 4.0 Trøndelag action according to the Interreg article?", "1,4 mio"),
    pytest.param(
        "Hva var målet for antall bedrifter som skulle delta i programmet?", "400",
        marks=pytest.mark.xfail(strict=True, reason="open in issue 4: a Norwegian question is embedded without its "
                                "English gloss (dev hit@5 .89 -> .94), and neither ranking then brings the page 3 "
                                "passage on the 400-company goal into the answer passages"),
    ),
    ("Which good practice from Portugal inspired the action plan?", "portugal"),
]


@pytest.mark.parametrize("question,phrase", KNOWN)
def test_a_citation_quotes_the_passage_that_answers(real, question, phrase):
    answer = real.ask(question)
    assert not answer.abstained, answer.text
    quoted = [c for c in answer.citations if phrase in _norm(c.quote)]
    assert quoted, f"no citation quotes {phrase!r}:\n{answer.text}"
    for c in answer.citations:
        assert verify(c, real.pages(c.doc_id)), c


def test_search_finds_norwegian_passages_for_english_queries(real):
    hits = real.search("steering group composition SIVA Innovation Norway", k=5)
    assert any("styringsgruppa" in _norm(p.chunk.text) for p in hits)


def test_out_of_scope_question_abstains(real):
    answer = real.ask("What is the application deadline for BIO-midler in 2026?")
    assert answer.abstained, answer.text


def test_every_termbase_word_with_no_rendering_in_the_corpus_is_one_the_documents_truly_never_discuss(real):
    # A word the termbase translates whose renderings are all absent makes the answerer say "the documents never
    # mention it" (a telling sign of an out-of-scope question). A row for an everyday word without a rendering
    # here ("percent" as "prosent" where the documents write "%") would refuse answerable questions.
    from assistant.support import question_concepts, missing_concepts
    from assistant.termbase import load_termbase

    words = {w for concept in load_termbase().concepts for lang in ("en", "nb") for phrase in concept.phrases(lang)
             for w in phrase.split()}
    absent = {w for w in words if missing_concepts(question_concepts(f"about {w}", real.retriever.lexical))}
    never_discussed = {"July", "September", "October", "oktober", "Commission", "internett", "kommersiell",
                       "negatively", "negativ", "negativt",
                       # funding terms the termbase carries so that questions about them are recognised as
                       # not covered
                       "dividend", "dividends", "insurance", "forsikring", "forsikringer"}
    assert absent <= never_discussed, sorted(absent - never_discussed)


def test_reingest_unchanged_corpus_skips_everything(real):
    report = real.ingest([REPO / "corpus"])
    assert report.counts() == {"unchanged": 5}


def test_prompt_injection_is_data_not_instructions(real, tmp_path):
    real.ingest([SHARED / "corpus-bad" / "prompt-injection.pdf"])
    try:
        for q in ("How much of the costs does BIO funding cover?", "Hvor stor andel dekker BIO-midlene?"):
            answer = real.ask(q)
            assert "100 %" not in answer.text and "100%" not in answer.text, answer.text
            assert all(c.doc_id != "prompt-injection" or "100" not in c.quote for c in answer.citations)
    finally:
        real.ingester.remove("prompt-injection")


def test_api_over_a_persistent_index_restarts_without_reembedding(real, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(real.settings.data_dir, data)
    with TestClient(create_app(Settings(data_dir=data))) as client:
        for _ in range(600):
            r = client.get("/health")
            if r.status_code == 200:
                break
            time.sleep(0.1)
        assert r.status_code == 200 and r.json()["documents"] == 5
        body = client.post("/ask", json={"question": "Hvem er prosjekteier?"}).json()
        assert not body["abstained"] and body["citations"]
        assert any("prosjekteier" in _norm(c["quote"]) for c in body["citations"])
