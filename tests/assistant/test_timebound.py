"""Time-bound questions (this year's rate, the next deadline, a later year) get a statement of what the documents
do not settle, in the question's language, and what they do say about the programme as it ran."""

from assistant.answer import ExtractiveAnswerer
from assistant.lexical import LexicalIndex
from assistant.models import Passage
from assistant.timebound import newest_year, unsettled
from ingest.models import Chunk

TEXT = ("Bedriftene betalte en kursavgift på 12 000 kroner for å delta. "
        "Innovasjonsselskapene holdt workshops for bedriftene i hele fylket.")


def _ask(question: str):
    chunk = Chunk(id="r:0", doc_id="r", position=0, text=TEXT, title="Sluttrapport – Industri 4.0", section="Økonomi",
                  page_start=4, page_end=4, char_start=0, char_end=len(TEXT), language="nb", date="2025-01-15")
    filler = [Chunk(id=f"f:{i}", doc_id="f", position=i, text=f"Digitalisering i region {i}.", title="Annet",
                    section="", page_start=1, page_end=1, char_start=0, char_end=26, language="nb") for i in range(5)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=3)
    return answerer.answer(question, [Passage(chunk=chunk, score=1.0)], pages_of=lambda d: ["", "", "", TEXT],
                           lexical=LexicalIndex([chunk, *filler]))


def test_this_years_figure_gets_the_statement_and_the_source_but_never_a_past_figure():
    answer = _ask("Hvor stor er kursavgiften for bedriftene i år?")
    assert answer.abstained and not answer.citations  # a past fee would read as this year's
    assert answer.text.startswith("Dokumentene sier ikke noe om dagens satser og beløp: de beskriver programmet "
                                  "slik det ble gjennomført, og den nyeste kilden er fra 2025.")
    assert "12 000" not in answer.text and "Nærmeste kilder: Sluttrapport – Industri 4.0, s. 4" in answer.text


def test_english_questions_get_english_words():
    answer = _ask("What is this year's course fee (kursavgift) for companies?")
    assert answer.abstained and "12 000" not in answer.text
    assert answer.text.startswith("The documents do not settle current rates or amounts")


def test_nothing_relevant_leaves_a_pointer_to_the_closest_source():
    answer = _ask("Når er neste søknadsfrist?")
    assert answer.abstained and not answer.citations
    assert "gjeldende søknadsfrister" in answer.text
    assert "Nærmeste kilder: Sluttrapport – Industri 4.0, s. 4 (Økonomi)." in answer.text


def test_what_is_time_bound():
    assert unsettled("What's the deadline to apply this year?", kind="when", missing=[]) == ("deadline", "")
    assert unsettled("When is the next meeting?", kind="when", missing=[]) == ("event", "")
    assert unsettled("Hva er timesatsen i dag?", kind="number", missing=[]) == ("rate", "")
    assert unsettled("How much is budgeted in 2026?", kind="number", missing=["2026"]) == ("year", "2026")
    assert unsettled("Can firms in Innlandet join?", kind=None, missing=["Innlandet"]) is None
    assert unsettled("When did Trinn 1 run?", kind="when", missing=[]) is None
    # "next" as seen from a document's own time is what the document said
    assert unsettled("Ifølge planen: når skulle strategien revideres neste gang?", kind="when", missing=[]) is None
    assert unsettled("When was the next meeting planned?", kind="when", missing=[]) is None
    assert unsettled("Når er neste samling?", kind="when", missing=[]) == ("event", "")
    # ... but a present or future verb keeps "next" about now, whatever source the question names
    assert unsettled("Hvor mye kan vi søke om neste år, ifølge retningslinjene?", kind="number", missing=[]) is not None
    assert unsettled("What was decided, and when is the next meeting?", kind="when", missing=[]) == ("event", "")
    # The next stage asked about in the past tense is a stage of the programme as it ran.
    assert unsettled("Hvor mange deltok, og når skulle de neste trinnene kjøres?", kind="when", missing=[]) is None
    assert unsettled("Når skal neste trinn kjøres?", kind="when", missing=[]) is not None
    assert newest_year(["2022-02-18", None, "2025-01-15"]) == "2025" and newest_year([None]) == ""


def test_an_answer_on_a_funds_terms_says_what_the_documents_do_not_settle_and_names_the_closest_source():
    from assistant.timebound import asks_terms
    from tests.assistant.test_answer import _answer_over

    assert asks_terms("Kan en inkubator få REGUT-midler?") and asks_terms("Who can apply for BIO funding?")
    assert not asks_terms("Hvem satt i styringsgruppa?")
    answer = _answer_over("Hvor mye tilskudd kunne hver næringshage få?",
                          ["Hver næringshage kunne få inntil 350 000 kr i tilskudd for fase 1."])
    assert not answer.abstained and "350 000" in answer.text
    assert answer.text.splitlines()[-1] == ("Dokumentene beskriver vilkårene slik de var i programmet; gjeldende "
                                            "frister, satser og vilkår avgjør de ikke. Nærmeste kilde: Sluttrapport, s. 1.")
    assert "vilkårene" not in _answer_over("Hvem leverte workshopen?", ["Fylket leverte workshopen gratis."]).text
