"""The lexical index's coverage of a question's concepts, which the retriever reranks by."""

import numpy as np

from assistant.lexical import LexicalIndex, analyse
from ingest.models import Chunk


def _chunk(i: int, text: str, language: str) -> Chunk:
    return Chunk(id=f"c{i}", doc_id="d", position=i, text=text, title="", section=f"{i}", page_start=1, page_end=1,
                 char_start=0, char_end=len(text), language=language)


CHUNKS = [
    _chunk(0, "Styringsgruppa sluttbehandlet søknadene fra innovasjonsselskapene.", "nb"),
    _chunk(1, "The project groups met every month in the region.", "en"),
    _chunk(2, "Tid er den største utfordringen for bedriftene.", "nb"),
    _chunk(3, "Kursavgiften var 10 000 kr.", "nb"),
]


def test_a_termbase_phrase_is_covered_only_as_a_whole():
    index = LexicalIndex(CHUNKS)
    concepts = index.concepts("Who was on the steering group?")
    assert index.coverage(concepts, CHUNKS[0]) == 1.0
    assert index.coverage(concepts, CHUNKS[1]) == 0.0  # "groups" alone is not a steering group


def test_a_word_nobody_translated_counts_half_in_chunks_of_the_other_language():
    chunks = CHUNKS + [_chunk(4, "The obstacle the companies met was time.", "en"),
                       _chunk(5, "The obstacle for the companies was time.", "en")]
    index = LexicalIndex(chunks)
    concepts = index.concepts("What obstacle met the companies?")
    norwegian, english_with_it, english_without = (index.coverage(concepts, c) for c in chunks[2:3] + chunks[4:])
    assert english_with_it == 1.0
    # "met" has no Norwegian rendering: a Norwegian chunk can neither have it nor be blamed for lacking it.
    assert english_without < norwegian < english_with_it


def test_a_norwegian_word_nobody_translated_does_not_hand_english_chunks_full_marks():
    chunks = [_chunk(0, "Søknadene ble behandlet nøye.", "nb"), _chunk(1, "Søknadene ble behandlet.", "nb"),
              _chunk(2, "The applications were assessed.", "en")]
    index = LexicalIndex(chunks)
    concepts = index.concepts("Ble søknadene behandlet nøye?")  # "nøye" has no English rendering
    norwegian_with_it, norwegian_without, english = (index.coverage(concepts, c) for c in chunks)
    assert norwegian_with_it == 1.0
    assert norwegian_without < english < norwegian_with_it


def test_relative_scores_compare_each_chunk_with_the_best_of_its_language():
    index = LexicalIndex(CHUNKS)
    by_language = {"nb": index.scores({"kursavgift": 1.0}), "en": index.scores({"group": 1.0})}
    scores = index.relative_scores(by_language, CHUNKS)
    assert scores["c3"] == 1.0 and scores["c1"] == 1.0 and scores["c2"] == 0.0


def test_top_keeps_positive_admitted_scores_best_first_and_matches_the_terms_given_up_front():
    index = LexicalIndex(CHUNKS)
    scores = index.scores({"kursavgift": 1.0, "utfordring": 0.5})
    assert [i for i, _ in index.top(scores, k=5)] == [3, 2]
    assert [i for i, _ in index.top(scores, k=5, admitted=np.array([True, True, True, False]))] == [2]
    again = LexicalIndex(CHUNKS, terms=[analyse(c) for c in CHUNKS])
    assert np.allclose(again.scores({"kursavgift": 1.0}), index.scores({"kursavgift": 1.0}))


def test_a_concept_only_the_next_chunk_of_the_same_section_renders_counts_in_part():
    def chunk(i: int, text: str, section: str) -> Chunk:
        return Chunk(id=f"c{i}", doc_id="d", position=i, text=text, title="", section=section, page_start=1,
                     page_end=1, char_start=0, char_end=len(text), language="nb")

    chunks = [chunk(0, "Evalueringen av introduksjonen kom i 2021.", "3.3"),
              chunk(1, "Det ble besluttet å slå sammen de to siste delene.", "3.3"),
              chunk(2, "Det ble besluttet å slå sammen de to siste delene.", "4.0"),
              chunk(3, "Evalueringen var grundig.", "5.0")]
    index = LexicalIndex(chunks)
    concepts = index.concepts("Hva ble besluttet etter evalueringen?")
    after_it, other_section, it = (index.coverage(concepts, c) for c in chunks[1:4])
    assert it < after_it < 1.0  # "evalueringen" stands in the chunk before, in the same section
    assert other_section < after_it  # across a section border the chunk before is no context


def test_a_name_leading_a_compound_covers_the_name():
    chunks = [_chunk(0, "Rørosregionen Næringshage ledet reiselivsgruppa.", "nb"), _chunk(1, "Gruppa møttes ofte.", "nb"),
              _chunk(2, "Røros er en bergstad.", "nb")]
    index = LexicalIndex(chunks)
    concepts = [(c, w) for c, w in index.concepts("What did the Røros group do?") if c.text == "Røros"]
    assert concepts and concepts[0][0].kind == "name"
    assert index.coverage(concepts, chunks[0]) == 1.0  # "Rørosregionen" is Røros' region
    assert index.coverage(concepts, chunks[1]) < 1.0
    chunks = [_chunk(0, "Et interregionalt samarbeid.", "nb"), _chunk(1, "Interreg Europe finansierte det.", "nb")]
    index = LexicalIndex(chunks)
    concepts = [(c, w) for c, w in index.concepts("What did Interreg fund?") if c.text == "Interreg"]
    assert index.coverage(concepts, chunks[0]) < 1.0  # an ending, not a word after the name


def test_a_neighbour_never_lowers_the_credit_for_a_word_nobody_translated():
    def chunk(i: int, text: str, doc: str = "d", language: str = "nb") -> Chunk:
        return Chunk(id=f"{doc}{i}", doc_id=doc, position=i, text=text, title="", section="s", page_start=1,
                     page_end=1, char_start=0, char_end=len(text), language=language)

    english = chunk(0, "We used webex for the meetings.", doc="e", language="en")
    alone = [chunk(0, "Møtene gikk digitalt."), chunk(5, "Bedriftene møttes ofte."), english]
    beside = [chunk(0, "Møtene gikk digitalt."), chunk(1, "Webex."), english]
    question = "Did the meetings use webex?"  # no termbase rendering: none in Norwegian chunks either
    covered = []
    for chunks in (alone, beside):
        index = LexicalIndex(chunks)
        concepts = index.concepts(question)
        assert any(c.text == "webex" and c.languages == {"en"} for c, _ in concepts)
        covered.append(index.coverage(concepts, chunks[0]))
    assert covered[1] >= covered[0]


def test_a_phrase_its_stopwords_reduce_to_a_common_word_does_not_stand_for_the_concept():
    # "gikk gjennom" (went through) is a rendering of "evaluation"; without its stopword it is "gjennom", which
    # half the chunks have. It must not make a chunk about going through the county a chunk about evaluation.
    chunks = [_chunk(0, "Evalueringen av trinn 1 viste at bedriftene var fornøyde.", "nb"),
              _chunk(1, "Veien gjennom fylket var lang.", "nb"),
              _chunk(2, "Kurset gikk gjennom mange tema.", "nb"),
              _chunk(3, "Bussen kjørte gjennom byen.", "nb"),
              _chunk(4, "Evalueringen kom sent.", "nb")]
    index = LexicalIndex(chunks)
    concepts = index.concepts("What did the evaluation show?")
    unrelated = _chunk(5, "Bussen kom sent.", "nb")
    # "gjennom" earns the chunk nothing: it covers the question no better than a chunk without it
    assert index.coverage(concepts, chunks[1]) == index.coverage(concepts, unrelated) < index.coverage(concepts, chunks[0])


def test_a_phrase_reduced_to_a_rare_word_still_stands_for_the_concept():
    chunks = [_chunk(0, "Kurset var designet for de minste bedriftene.", "nb"),
              _chunk(1, "Kurset var tiltenkt bedriftene.", "nb"),
              _chunk(2, "Kurset ble holdt i Steinkjer.", "nb")]
    index = LexicalIndex(chunks)
    concepts = index.concepts("Hvem var kurset laget for?")
    assert index.coverage(concepts, chunks[0]) > index.coverage(concepts, chunks[2])
