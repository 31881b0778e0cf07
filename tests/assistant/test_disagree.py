"""Where sentences from different places give different figures for the asked thing, both are shown, cited."""

from assistant.answer import ExtractiveAnswerer
from assistant.disagree import Stated, disagreeing, stated
from assistant.lexical import LexicalIndex
from assistant.models import Passage
from ingest.models import Chunk

DOCS = [
    ("rapport", "Sluttrapport – Industri 4.0", "nb",
     "Vi registrerte at 113 bedrifter deltok på Trinn 1. Pandemien satte premisene for gjennomføringen."),
    ("tabell", "Vedlegg – tabeller", "nb",
     "Tabellen viser at 116 bedrifter deltok på Trinn 1 i alt. Noen deltok bare på introduksjonssamtalen."),
    ("ordning", "Ordning – beskrivelse", "nb",
     "Hvert innovasjonsselskap får ansvar for å utvikle et kompetanseforløp innen en bransje."),
]


def _ask(question: str, docs=DOCS):
    chunks = [Chunk(id=f"{d}:0", doc_id=d, position=0, text=text, title=title, section="", page_start=1,
                    page_end=1, char_start=0, char_end=len(text), language=lang) for d, title, lang, text in docs]
    pages = {c.doc_id: [c.text] for c in chunks}
    # Other passages of the corpus, so that "bedrifter" is common and "deltok" is not (as in the real documents).
    filler = [Chunk(id=f"f:{i}", doc_id="f", position=i, text=f"Bedriftene i region {i} jobbet med digitalisering.",
                    title="Annet", section="", page_start=1, page_end=1, char_start=0, char_end=50, language="nb")
              for i in range(8)]
    lexical = LexicalIndex(chunks + filler)
    passages = [Passage(chunk=c, score=1.0 / (i + 1)) for i, c in enumerate(chunks)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=3)
    return answerer.answer(question, passages, pages_of=pages.__getitem__, lexical=lexical)


def test_two_figures_for_the_same_thing_are_shown_side_by_side_with_their_sources():
    answer = _ask("Hvor mange bedrifter deltok på Trinn 1?")
    assert not answer.abstained
    assert "Kildene oppgir ulike tall: 113 [1] (Sluttrapport, s. 1); 116 [3] (Vedlegg, s. 1)." in answer.text
    assert {c.doc_id for c in answer.citations} >= {"rapport", "tabell"}
    assert all(c.quote in answer.text for c in answer.citations)


def test_the_note_is_in_the_question_language():
    answer = _ask("How many companies (bedrifter) took part in Trinn 1?")
    assert "The sources give different figures: 113 [1]" in answer.text


def test_agreeing_sources_get_no_note():
    docs = [DOCS[0], ("tabell", "Vedlegg – tabeller", "nb", "Tabellen viser at 113 bedrifter deltok på Trinn 1 i alt.")]
    answer = _ask("Hvor mange bedrifter deltok på Trinn 1?", docs)
    assert "ulike tall" not in answer.text and "113" in answer.text


def _terms(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


def test_a_sentence_states_one_figure_next_to_the_asked_words():
    asked = frozenset({"bedrifter"})
    assert stated("Vi registrerte 113 bedrifter i alt.", unit="count", given=frozenset(), terms_of=_terms,
                  asked=asked) == Stated("113", frozenset({"bedrifter"}))
    assert stated("og mer enn hundre bedrifter deltok.", unit="count", given=frozenset(), terms_of=_terms,
                  asked=asked).figure == "mer enn hundre"
    # Two different figures next to the asked words: not one comparable statement.
    assert stated("I 2021 deltok 12 bedrifter og i 2022 deltok 14 bedrifter.", unit="count", given=frozenset(),
                  terms_of=_terms, asked=asked) is None
    assert stated("Prosjektet varte i 3 år.", unit="count", given=frozenset(), terms_of=_terms, asked=asked) is None
    # A duration or a sum beside the counted word is no count of it; a floor ("minimum 1") is no count of the whole.
    for sentence in ("Trinn 1 ble gjort om til 4 timers introkurs for bedrifter.",
                     "Totalt 450 000 NOK til bedrifter.", "I tillegg besøkes minimum 1 av bedrifter."):
        assert stated(sentence, unit="count", given=frozenset(), terms_of=_terms, asked=asked) is None, sentence
    # A table row's figures stand in columns it does not label: "Deltakere* Bedrifter*" is a line above it.
    row = "Proneo Industriell produksjon Alle typer\nsmåbedrifter på\nInnherred\n235 0"
    assert stated(row, unit="count", given=frozenset(), terms_of=_terms, asked=frozenset({"småbedrifter"})) is None


def test_figures_of_different_things_do_not_disagree():
    a, b = Stated("113", frozenset({"bedrift"})), Stated("7", frozenset({"innovasjonsselskap"}))
    assert disagreeing([a, b]) == []
    assert disagreeing([a, Stated("116", frozenset({"bedrift", "trinn"}))]) == [0, 1]
    assert disagreeing([a, None, Stated("113", frozenset({"bedrift"}))]) == []


def test_a_figure_for_another_stage_or_of_another_unit_is_no_rival():
    docs = [DOCS[0], ("tabell", "Vedlegg – tabeller", "nb", "Totalt 47 bedrifter deltok på Trinn 2/3 i alt."),
            ("annen", "Notat – kurs", "nb", "Bare 40 % av bedriftene deltok på Trinn 1 hele veien.")]
    answer = _ask("Hvor mange bedrifter deltok på Trinn 1?", docs)
    assert "ulike tall" not in answer.text and "113" in answer.text


def test_a_list_number_or_the_number_of_a_named_unit_is_no_figure_to_disagree_with():
    from assistant.compose import figures

    assert figures("9. Krav til deltakerbedrifter:") == []
    assert [f[0] for f in figures("1.  10 eller flere deltakende bedrifter")] == ["10"]
    assert figures("INAM 2 Reiseliv Del av reiselivsprosjekt") == []  # a label after an acronym
    assert [f[0] for f in figures("Budsjett NOK 600 000 til tiltaket.")] == ["600 000"]  # a currency is no label
    docs = [("rapport", "Sluttrapport – Industri 4.0", "nb", "Bedriftene betalte en kursavgift på 12 000 kr hver."),
            ("krav", "Ordning – krav", "nb", "9. Krav til kursavgift for deltakende bedrifter:\n- Betalt før start.")]
    answer = _ask("Hvor mye kursavgift betalte bedriftene?", docs)
    assert not answer.abstained and "12 000" in answer.text and "ulike tall" not in answer.text


def test_figures_next_to_the_stage_word_alone_are_not_figures_of_the_same_thing():
    # "Trinn" says which stage; 113 registered on stage 1 is no rival to 47 that finished stage 2/3.
    docs = [("rapport", "Sluttrapport – Industri 4.0", "nb",
             "Vi registrerte 113 på Trinn 1, men ikke alle fullførte Trinn 1, 2 og 3."),
            ("resultat", "Sluttrapport – resultater", "nb", "Totalt 47 bedrifter fullførte Trinn 2/3.")]
    for question in ("Hvor mange bedrifter fullførte trinn 2/3?", "How many companies finished stage 2/3?"):
        answer = _ask(question, docs)
        assert not answer.abstained and "47" in answer.text
        assert "ulike tall" not in answer.text and "different figures" not in answer.text


def test_a_large_figure_after_a_word_in_capitals_is_still_a_figure():
    from assistant.compose import figures

    assert [f[0] for f in figures("SUM 1 200 000 for hele perioden")] == ["1 200 000"]
    assert [f[0] for f in figures("TOTALT 450 deltakere")] == ["450"]
