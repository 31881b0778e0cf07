"""Which of a question's concepts the corpus never mentions, and where a name is stated."""

from assistant.analysis import index_terms
from assistant.lexical import LexicalIndex
from assistant.support import (
    Anchor,
    anchored,
    coverage,
    missing_concepts,
    question_concepts,
    subject,
)
from ingest.models import Chunk

TEXTS = ["Industri 4.0 Trøndelag hadde 113 deltakere i 2019.", "Bedriftene betalte kursavgift."]
CHUNKS = [Chunk(id=f"c{i}", doc_id="d", position=i, text=t, title="", section="", page_start=1, page_end=1,
                char_start=0, char_end=len(t), language="nb") for i, t in enumerate(TEXTS)]
LEXICAL = LexicalIndex(CHUNKS)


def _missing(question: str) -> list[str]:
    return [c.word for c in missing_concepts(question_concepts(question, LEXICAL))]


def test_a_year_the_corpus_never_mentions_is_missing_but_a_number_the_question_guesses_is_not():
    assert _missing("Hvor mange deltok i 2031?") == ["2031"]
    assert _missing("Deltok mer enn 300 bedrifter?") == []


def test_a_name_typed_without_the_norwegian_letters_is_the_corpus_name():
    assert _missing("Hvor mange deltok i Industri 4.0 Trondelag?") == []
    assert _missing("Hvor mange deltok i Industri 4.0 Nordland?") == ["Nordland"]
    assert anchored(Anchor("Trondelag", ("trondela",)), "Industri 4.0 Trøndelag hadde 113 deltakere")
    assert anchored(Anchor("Trøndelag", ("trondela",)), "in Trondelag county")
    assert not anchored(Anchor("Nordland", ("nordla",)), "Industri 4.0 Trøndelag hadde 113 deltakere")


def test_a_name_the_termbase_renders_is_named_only_by_a_whole_rendering():
    from assistant.support import anchors

    garden = next(a for a in anchors("Hvor mange bedrifter deltok hos Næringshagen i Orkdalsregionen?", LEXICAL)
                  if a.word == "Næringshagen")
    assert anchored(garden, "The Orkdalsregionen business garden ran the course.")  # its English rendering whole
    assert not anchored(garden, "Five business gardens ran the course.")  # "business garden" alone names no garden

def test_a_project_acronym_the_corpus_never_mentions_is_missing_but_a_short_abbreviation_is_not():
    assert "ERUDITE" in _missing("Hvor mange deltok i Industri 4.0 Trøndelag og prosjektet ERUDITE?")
    assert _missing("Hvor mye betalte bedriftene, EKSKLUSIVE moms?") == []  # capitals for emphasis name nothing
    assert _missing("Hvor mange deltok i Industri 4.0 Trøndelag og SMB?") == []  # may be spelt out in the documents
    assert _missing("HVOR MANGE DELTOK I INDUSTRI 4.0 TRØNDELAG?") == []  # a question typed in capitals


def test_the_words_of_a_multi_word_name_are_themselves_not_their_translations():
    # "Weld" alone is a word the termbase renders as welding (sveising, sveisebedrift, and so bedrift);
    # in the company name "Weld Partner" it is only itself, so a sentence about any "bedrift" lacks it.
    named = {c.word: c.terms for c in question_concepts("Did Weld Partner benefit from the project?", LEXICAL)}
    assert "bedrift" not in named["Weld"] and "weld" in named["Weld"]
    alone = {c.word: c.terms for c in question_concepts("Did the companies weld parts?", LEXICAL)}
    assert "sveis" in alone["weld"]


def test_the_parts_of_a_compound_rendering_say_it_only_together():
    # "participant fee" is rendered "deltakeravgift": a sentence with only "deltakere" says half of it, one
    # with the compound or its head "avgift" (itself a rendering) says all of it.
    (fee,) = question_concepts("What was the participant fee?", LEXICAL)
    assert ("deltak", "avgift") in fee.units
    assert fee.said_by(frozenset(index_terms("Deltakerne fikk kurs.", language="nb"))) == 0.5
    assert fee.said_by(frozenset(index_terms("Deltakeravgiften var 5000 kr.", language="nb"))) == 1.0
    assert coverage([fee], set(index_terms("Deltakerne fikk kurs.", language="nb"))) == 0.5


def test_a_phrase_of_content_words_is_missing_unless_the_corpus_holds_a_rendering_of_it_whole():
    # "interest" alone is a word the corpus might have; an interest rate it never mentions.
    assert _missing("What interest rate did the companies pay?") == ["interest rate"]
    assert _missing("What was the course fee?") == []  # "kursavgift"
    assert _missing("How many dropped out?") == []  # a way of asking, whatever the corpus says


def test_the_parts_of_the_questions_own_compound_say_it_only_together():
    (effort,) = [c for c in question_concepts("Hva var egeninnsatsen?", LEXICAL) if c.word == "egeninnsatsen"]
    assert effort.said_by(frozenset(index_terms("Kjernen har lav egenvekt.", language="nb"))) == 0.5
    assert effort.said_by(frozenset(index_terms("Egeninnsatsen var 500 kr/time.", language="nb"))) == 1.0


def test_the_words_asking_for_an_hourly_rate_are_not_the_subject():
    concepts = question_concepts("What hourly rate did the expert partners charge?", LEXICAL)
    assert "hourly rate" not in [c.word for c in subject(concepts, "number")]
    assert "hourly rate" in [c.word for c in subject(concepts, None)]


def test_a_figure_with_its_scale_is_one_concept_that_a_sentence_stating_it_covers():
    # "2,8 mill" is indexed as 2800000: the question's "2,8 millionene" must be that one figure, not the numbers
    # "2" and "8" (which any "Trinn 2" has) and a rare word "millionene" no sentence holds.
    lexical = LexicalIndex([*CHUNKS, Chunk(id="m", doc_id="d", position=9, text="Fase 1 fikk 2,8 mill fra fylket.",
                                           title="", section="", page_start=1, page_end=1, char_start=0,
                                           char_end=31, language="nb")])
    concepts = question_concepts("Hva dekket de 2,8 millionene?", lexical)
    assert [(c.word, c.kind) for c in concepts if c.kind == "number"] == [("2,8 millionene", "number")]
    assert not any(c.word == "millionene" for c in concepts)
    figure = next(c for c in concepts if c.kind == "number")
    assert figure.said_by(frozenset(index_terms("Fase 1 fikk 2,8 mill fra fylket.", language="nb")))
    assert not figure.said_by(frozenset(index_terms("Trinn 2 hadde 8 workshops.", language="nb")))


def test_a_compound_led_by_an_acronym_weighs_as_its_words_would_apart():
    # "REGUT-midler" names the fund by "REGUT"; weighed by its commonest term ("midler") alone it would count for
    # less than "REGUT midler" does, and the sentence naming the fund would not stand out.
    texts = ["Innovasjonsselskapene fikk 50 % gjennom REGUT midler.", *[f"Midler til region {i}." for i in range(6)]]
    chunks = [Chunk(id=f"r{i}", doc_id="d", position=i, text=t, title="", section="", page_start=1, page_end=1,
                    char_start=0, char_end=len(t), language="nb") for i, t in enumerate(texts)]
    lexical = LexicalIndex(chunks)
    hyphen = next(c for c in question_concepts("Hva dekket REGUT-midler?", lexical) if "regut" in c.terms)
    spaced = next(c for c in question_concepts("Hva dekket REGUT midler?", lexical) if "regut" in c.terms)
    assert hyphen.weight == spaced.weight
    assert hyphen.weight > min(lexical.idf(t) for t in ("regut", "midl"))


def test_a_question_naming_stage_2_3_or_a_range_keeps_both_numbers():
    concepts = question_concepts("Hva skjedde på trinn 2/3, og kostet det 10-12 000 kr?", LEXICAL)
    assert any({"2", "3"} <= c.terms for c in concepts)


def test_what_is_said_before_the_question_proper_weighs_less_than_the_question():
    # "Bedriftene betalte kursavgift. Hvor mange deltok i 2019?": the story before the question is context.
    weights = {c.word: c.weight for c in question_concepts("Bedriftene betalte kursavgift. Hvor mange deltok i 2019?",
                                                             LEXICAL)}
    alone = {c.word: c.weight for c in question_concepts("Hvor mange betalte kursavgift?", LEXICAL)}
    assert weights["kursavgift"] == alone["kursavgift"] / 2


def test_words_joined_by_a_slash_are_alternatives_but_numbers_stay_whole():
    # "pilot/feasibility study": "feasibility study" is a termbase phrase (forprosjekt), found only when read apart.
    words = [c.word for c in question_concepts("Was there a pilot/feasibility study for Trinn 2/3?", LEXICAL)]
    assert "feasibility study" in words and "pilot" in words and "2/3" in words


def test_a_rendering_of_several_words_says_the_concept_whole():
    # "ønsket ikke å delta videre" renders "pulled out" only whole: a sentence holding it covers the concept fully,
    # by the concept's key, where its words one by one say little of it.
    from assistant.analysis import text_terms

    text = "T:lab og Tindved Kulturhage ønsket ikke å delta videre."
    lexical = LexicalIndex([Chunk(id="c", doc_id="d", position=0, text=text, title="", section="", page_start=1,
                                  page_end=1, char_start=0, char_end=len(text), language="nb"), *CHUNKS])
    concepts = [c for c in question_concepts("Which companies pulled out?", lexical) if c.word == "pulled out"]
    assert coverage(concepts, set(text_terms(text, language="nb"))) == 1.0
    assert coverage(concepts, set(text_terms("T:lab ønsket å delta videre.", language="nb"))) < 1.0
