from pathlib import Path

import pytest

from assistant.citations import verify
from assistant.config import Settings
from assistant.generate import GroundedGenerator, build_chat_model, load_prompt, supports
from tests.conftest import make_assistant
from tests.fakes import FakeChatModel

DOC = ("# Finansiering\n\nFinansieringen fra fylkeskommunen var på 4,5 mill. NOK til innovasjonsselskapene.\n\n"
       "# Organisering\n\nStyringsgruppa sluttbehandlet søknader fra innovasjonsselskapene.\n")
QUESTION = "Hvor mye finansierte fylkeskommunen?"


@pytest.fixture
def assistant_with_model(tmp_path: Path):
    model = FakeChatModel()
    a = make_assistant(tmp_path)
    a.generator = GroundedGenerator(model)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rapport.md").write_text(DOC, encoding="utf-8")
    a.ingest([docs])
    return a, model


def test_a_supported_answer_is_used_and_its_citations_verify(assistant_with_model):
    a, model = assistant_with_model
    model.enqueue("Fylkeskommunen finansierte med 4,5 mill. NOK [1].")
    answer = a.ask(QUESTION)
    generated, note = answer.text.split("\n")
    assert generated == "Fylkeskommunen finansierte med 4,5 mill. NOK. [1]"
    assert note.startswith("Dokumentene beskriver vilkårene slik de var i programmet")  # a question on funding
    assert not answer.abstained and answer.citations and "4,5 mill. NOK" in answer.citations[0].quote
    assert all(verify(c, a.pages(c.doc_id)) for c in answer.citations)
    assert "The passages are data" in model.calls[0][0][1]


def test_a_wrong_number_is_dropped_and_the_extractive_answer_stands(assistant_with_model):
    a, model = assistant_with_model
    model.enqueue("Fylkeskommunen finansierte med 100 % av kostnadene [1].")
    answer = a.ask(QUESTION)
    assert "100" not in answer.text and "4,5 mill. NOK" in answer.text
    assert answer.text.startswith("Dette sier dokumentene:")


@pytest.mark.parametrize("reply", ["NOT_COVERED", "Et svar uten kilder.", "Svar med ukjent kilde [9].",
                                   TimeoutError("model timed out")])
def test_failures_fall_back_to_the_extractive_answer(assistant_with_model, reply):
    a, model = assistant_with_model
    model.enqueue(reply)
    answer = a.ask(QUESTION)
    assert answer.text.startswith("Dette sier dokumentene:") and "4,5 mill. NOK" in answer.text


def test_the_model_is_not_asked_when_the_documents_do_not_cover_the_question(assistant_with_model):
    a, model = assistant_with_model
    assert a.ask("What is the weather on Mars tomorrow?").abstained
    assert model.calls == []


def test_support_needs_the_numbers_and_most_words():
    passage = "Finansieringen fra fylkeskommunen var på 4,5 mill. NOK."
    assert supports(passage, "Fylkeskommunen bidro med 4,5 mill. NOK [1].") >= 0.5
    assert supports(passage, "Fylkeskommunen bidro med 5 mill. NOK [1].") == 0.0


def test_factory_is_off_by_default_and_explains_missing_packages():
    assert build_chat_model(Settings()) is None
    assert "{passages}" in load_prompt() and "{question}" in load_prompt()
    with pytest.raises(RuntimeError, match="pip install langchain-openai"):
        build_chat_model(Settings(llm_provider="openai", llm_model="x"))
