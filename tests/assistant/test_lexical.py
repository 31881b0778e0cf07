"""The lexical index's coverage of a question's concepts, which the retriever reranks by."""

import numpy as np

from assistant.lexical import LexicalIndex, analyse
from ingest.models import Chunk


def _chunk(i: int, text: str, language: str) -> Chunk:
    return Chunk(id=f"c{i}", doc_id="d", position=i, text=text, title="", section="", page_start=1, page_end=1,
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


def test_norwegian_chunks_are_not_asked_for_english_words_nobody_translated():
    index = LexicalIndex(CHUNKS)
    concepts = index.concepts("What obstacle met the companies?")
    assert index.coverage(concepts, CHUNKS[2]) == 1.0  # "met" has no rendering the Norwegian chunk could lack
    assert index.coverage(concepts, CHUNKS[1]) < 1.0


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
