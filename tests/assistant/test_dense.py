"""Exact in-memory dense search, and the retriever reading only live document versions into it."""

import numpy as np

from assistant.dense import DenseIndex
from assistant.models import Filters
from tests.conftest import add_document, make_assistant


def test_search_orders_chunks_by_cosine_similarity_and_respects_k():
    index = DenseIndex([0, 1, 2], np.array([[1, 0], [0.6, 0.8], [0, 1]]), chunks=3)
    assert [i for i, _ in index.search([1, 0.1], k=2)] == [0, 1]
    assert index.search([0, 2], k=1)[0] == (2, 1.0)


def test_a_chunk_with_two_vectors_is_found_once_through_its_best_one():
    index = DenseIndex([0, 0, 1], np.array([[1, 0], [0, 1], [0.7, 0.7]]), chunks=2)
    hits = index.search([0, 1], k=5)
    assert [i for i, _ in hits] == [0, 1] and abs(hits[0][1] - 1.0) < 1e-6


def test_admitted_mask_leaves_out_filtered_chunks_even_if_fewer_than_k_remain():
    index = DenseIndex([0, 1, 2], np.eye(3), chunks=3)
    hits = index.search([1, 0, 0], k=3, admitted=np.array([False, True, False]))
    assert [i for i, _ in hits] == [1]


def test_empty_index_finds_nothing():
    assert DenseIndex([], np.zeros((0, 4)), chunks=0).search([1, 0, 0, 0], k=3) == []


def test_retriever_searches_only_the_live_version_and_sees_a_new_one_after_the_catalog_changes(tmp_path):
    a = make_assistant(tmp_path)
    add_document(a, "plan", ["Tilskuddet er 100 000 kroner."], sha256="a" * 64)
    assert [p.chunk.text for p in a.search("tilskuddet kroner", k=3)] == ["Tilskuddet er 100 000 kroner."]
    # A new version's chunks are written before its record; the old ones linger until collected.
    add_document(a, "plan", ["Tilskuddet er 200 000 kroner."], sha256="b" * 64)
    texts = [p.chunk.text for p in a.search("tilskuddet kroner", k=3)]
    assert texts == ["Tilskuddet er 200 000 kroner."]


def test_filters_apply_to_the_dense_ranking(tmp_path):
    a = make_assistant(tmp_path)
    add_document(a, "norsk", ["Bedriftene fikk støtte."], language="nb")
    add_document(a, "english", ["The companies got support."], language="en")
    hits = a.search("support for companies", k=5, filters=Filters(languages=("en",)))
    assert hits and {p.chunk.doc_id for p in hits} == {"english"}
    assert all(p.dense_rank is not None for p in hits)
