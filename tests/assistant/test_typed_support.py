"""The answerer answers a question for a figure only from a sentence that states one about what was asked."""

from assistant.answer import ExtractiveAnswerer
from assistant.lexical import LexicalIndex
from assistant.models import Passage
from assistant.support import anchored, anchors
from ingest.models import Chunk

TEXTS = [
    ("Resultater > Røros Guide", ("Røros Guide\nHar videreutviklet forretningskonseptet sitt digitalt og økt "
                                  "omsetningen kraftig.\nKunst&Kaos (Kultur)\nHar testet ut digitale strategier. "
                                  "Eierne har nå investert 650 000 i et vekstprosjekt.")),
    ("Finansiering", "Bedriftene betalte en kursavgift på inntil 12 000 kr for å delta i prosjektet."),
    ("Styringsgruppe", ("Styringsgruppa besto av leder av styringsgruppa fra fylkeskommunen og en representant "
                        "for Innovasjon Norge.")),
    ("Workshops", "Innovasjonsselskapene holdt workshops for bedriftene i hele fylket, også i Orkanger."),
]


def _setup():
    chunks = [Chunk(id=f"d:{i}", doc_id="d", position=i, text=text, title="Sluttrapport", section=section,
                    page_start=1, page_end=1, char_start=0, char_end=len(text), language="nb")
              for i, (section, text) in enumerate(TEXTS)]
    pages = ["\n".join(t for _, t in TEXTS)]
    offsets, at = [], 0
    for _, text in TEXTS:
        offsets.append(at)
        at += len(text) + 1
    chunks = [Chunk(**{**c.__dict__, "char_start": o, "char_end": o + len(c.text)}) for c, o in zip(chunks, offsets)]
    return chunks, pages, LexicalIndex(chunks)


def _ask(question: str):
    chunks, pages, lexical = _setup()
    passages = [Passage(chunk=c, score=1.0 / (i + 1)) for i, c in enumerate(chunks)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=4)
    return answerer.answer(question, passages, pages_of=lambda doc_id: pages, lexical=lexical)


def test_a_figure_stated_under_the_asked_name_is_answered():
    answer = _ask("Hvor mye investerte eierne av Kunst&Kaos?")
    assert not answer.abstained
    assert "650 000" in answer.text


def test_no_figure_about_the_asked_subject_means_the_documents_do_not_give_it():
    answer = _ask("Hvor mye økte omsetningen til Røros Guide?")
    assert answer.abstained
    assert "oppgir ikke det tallet" in answer.text
    assert "Sluttrapport" in answer.text  # the closest sources are named


def test_a_role_without_a_person_named_is_not_answered_with_an_organisation():
    assert _ask("Hva heter lederen av styringsgruppa?").abstained


def test_the_check_can_be_turned_off():
    chunks, pages, lexical = _setup()
    passages = [Passage(chunk=c, score=1.0) for c in chunks]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.0, passages=4)
    assert not answerer.answer("Hvor mye økte omsetningen til Røros Guide?", passages, pages_of=lambda d: pages,
                               lexical=lexical).abstained


def test_anchors_are_the_question_names_in_any_inflection():
    _, _, lexical = _setup()
    found = anchors("How much did the owners of Kunst&Kaos invest in Røros?", lexical)
    assert [a.word for a in found] == ["Kunst", "Kaos", "Røros"]
    assert anchored(found[0], "Kunst&Kaos (Kultur)")
    assert not anchored(found[0], "Røros Guide")
    digibest = anchors("When is the DigiBest meeting?", lexical)[0]
    assert anchored(digibest, "Action plan – Interreg Digi Best")


def test_a_currency_s_name_is_no_anchor():
    _, _, lexical = _setup()
    # "in Norwegian kroner" says in what the figure is given, not what it is about.
    assert [a.word for a in anchors("How much did Røros get in Norwegian kroner?", lexical)] == ["Røros"]
    assert next(a.word for a in anchors("How many Interreg euros did Trøndelag get?", lexical)) == "Interreg"


def test_words_that_only_begin_like_a_month_do_not_date_a_sentence():
    from assistant.compose import holds

    for sentence in ["Det gjelder mainly twin transition.", "They decided to design a market study.",
                     "Dette er vår case.", "Companies may fall behind."]:
        assert not holds(sentence, "when"), sentence
    for sentence in ["Trinn 2 startet høsten 2022.", "Møtet var i mai.", "The plan was adopted in May.",
                     "Fristen var 15.01.", "Kurset går våren 2023."]:
        assert holds(sentence, "when"), sentence


def test_a_figure_about_the_asked_company_but_another_measure_is_not_the_answer():
    # Under "Røros Guide", 650 000 is what the owners invested, not how much the turnover grew.
    text = ("Røros Guide\nHar videreutviklet konseptet sitt og økt omsetningen kraftig.\n"
            "Eierne har nå investert 650 000 i nye hytter.")
    chunk = Chunk(id="d:0", doc_id="d", position=0, text=text, title="Sluttrapport", section="Resultater",
                  page_start=1, page_end=1, char_start=0, char_end=len(text), language="nb")
    filler = [Chunk(id=f"f:{i}", doc_id="f", position=i, text=f"Digitalisering i region {i}.", title="Annet",
                    section="", page_start=1, page_end=1, char_start=0, char_end=26, language="nb") for i in range(6)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.4, passages=4)
    answer = answerer.answer("Hvor mye økte omsetningen til Røros Guide?", [Passage(chunk=chunk, score=1.0)],
                             pages_of=lambda doc_id: [text], lexical=LexicalIndex([chunk, *filler]))
    assert answer.abstained
    assert "650 000" not in answer.text


def test_a_person_must_be_named_in_the_role_asked_for():
    texts = ["Styringsgruppa i prosjektet besto av leder av styringsgruppa fra fylkeskommunen og en representant for "
             "SIVA.",
             "Fagrådet i prosjektet besto av Erik Flå og Dagfinn Dybvik, innovasjonsleder ved NTNU.",
             "Prosjektleder for hovedprosjektet var Eistein Guldseth fra fylkeskommunen.",
             "Workshops ble holdt i hele fylket.", "Bedriftene betalte en kursavgift."]
    chunks = [Chunk(id=f"s:{i}", doc_id="s", position=i, text=t, title="Sluttrapport", section="Organisering",
                    page_start=i + 1, page_end=i + 1, char_start=0, char_end=len(t), language="nb")
              for i, t in enumerate(texts)]  # a page each
    passages = [Passage(chunk=c, score=1.0) for c in chunks]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.4, passages=5)

    def ask(question: str):
        return answerer.answer(question, passages, pages_of=lambda d: texts, lexical=LexicalIndex(chunks))

    # A leader is named in the project, but of something else than the steering group.
    assert ask("Hvem var leder av styringsgruppa i prosjektet?").abstained
    answer = ask("Hvem var prosjektleder for hovedprosjektet?")
    assert not answer.abstained and "Eistein Guldseth" in answer.text


def test_in_a_follow_up_a_figure_under_the_section_an_earlier_turn_named_is_about_it():
    # "Hva går tiltak 2 ut på?" then "Hva skulle det koste, og hvor kom pengene fra?":
    # the costs line says nothing of action 2 itself; its section does.
    texts = [("ACTION 2: Knowledge base about small businesses", ("The County Council will commission research on "
              "small businesses, with qualitative interviews, to learn what the businesses need.")),
             ("ACTION 2: Knowledge base about small businesses > 11. Costs", ("Costs: 50-60 000 EUR (Estimate)\n"
              "Funding sources: Internal, County Council"))]
    chunks, at = [], 0
    for i, (section, text) in enumerate(texts):
        chunks.append(Chunk(id=f"d:{i}", doc_id="d", position=i, text=text, title="Action plan", section=section,
                            page_start=1, page_end=1, char_start=at, char_end=at + len(text), language="en"))
        at += len(text) + 1
    pages = ["\n".join(t for _, t in texts)]
    passages = [Passage(chunk=c, score=1.0 / (i + 1)) for i, c in enumerate(chunks)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=4)
    asked = "Hva skulle det koste, og hvor kom pengene fra?"
    answer = answerer.answer(f"Hva går tiltak 2 ut på, kunnskapsgrunnlaget om småbedrifter? {asked}", passages,
                             pages_of=lambda doc_id: pages, lexical=LexicalIndex(chunks), asked=asked)
    assert not answer.abstained
    assert "50-60 000 EUR" in answer.text


def test_a_place_the_asker_names_about_themselves_is_no_name_the_figure_must_stand_beside():
    answer = _ask("Vi er en bedrift i Orkanger. Hvor mye måtte bedriftene betale for å delta i prosjektet?")
    assert not answer.abstained
    assert "12 000" in answer.text
    # ... while a place the question itself asks about still is.
    assert _ask("Hvor mye måtte bedriftene i Orkanger betale for å delta i prosjektet?").abstained
