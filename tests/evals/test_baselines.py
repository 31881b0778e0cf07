import hashlib
import json
import math
from pathlib import Path

import pytest

from evals import run
from evals.baselines import EmbedderEmbeddings, build_baselines, tokenize

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SMALL = [CORPUS / "skills-plus-nye-prosjekter-trondelag.pdf", CORPUS / "industri-4-0-trondelag-ordning.docx"]


class HashEmbedder:
    """Deterministic bag-of-words vectors; records what it was asked to embed."""

    name = "hash-64"

    def __init__(self):
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        vectors = []
        for text in texts:
            vector = [0.0] * 64
            for token in tokenize(text):
                vector[int(hashlib.md5(token.encode()).hexdigest(), 16) % 64] += 1.0
            norm = math.sqrt(sum(x * x for x in vector)) or 1.0
            vectors.append([x / norm for x in vector])
        return vectors


@pytest.fixture(scope="module")
def embedder():
    return HashEmbedder()


@pytest.fixture(scope="module")
def baselines(embedder):
    return build_baselines(SMALL, embedder, doc_id_of=run.doc_id_of)


def test_tutorial_chunks_come_from_both_loaders_within_the_size(baselines):
    chunks = list(baselines["bm25"].chunks)
    assert {c.doc_id for c in chunks} == {run.doc_id_of(p) for p in SMALL}
    assert all(len(c.text) <= 1000 for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)


def test_langchain_baseline_embeds_with_our_embedder(baselines, embedder):
    calls_before = len(embedder.calls)
    passages = baselines["langchain"].search("Skills+ nye prosjekter", k=3)
    assert len(passages) == 3
    assert embedder.calls[calls_before:] == [["Skills+ nye prosjekter"]]
    assert passages[0].score >= passages[-1].score


@pytest.mark.parametrize("name", ["langchain", "bm25"])
def test_baselines_answer_with_the_top_chunk_and_never_abstain(baselines, name):
    system = baselines[name]
    top = system.search("Trøndelag prosjekter", k=1)[0]
    answer = system.ask("Trøndelag prosjekter", history=[])
    assert answer.text == top.chunk.text
    assert not answer.abstained
    assert [(c.doc_id, c.quote) for c in answer.citations] == [(top.chunk.doc_id, top.chunk.text)]


def test_bm25_ranks_exact_terms_and_returns_nothing_for_unknown_words(baselines):
    passages = baselines["bm25"].search("Skills", k=5)
    assert passages and all("skills" in p.chunk.text.lower() for p in passages)
    assert baselines["bm25"].search("qqqzzz", k=5) == []


def test_embeddings_adapter_returns_float_lists(embedder):
    adapter = EmbedderEmbeddings(embedder)
    [vector] = adapter.embed_documents(["a b"])
    assert vector == adapter.embed_query("a b") and all(isinstance(x, float) for x in vector)


def test_runner_scores_every_system_alike(tmp_path, baselines):
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": "g1", "split": "test", "language": "nb", "category": "funding", "cross_lingual": False,
         "question": "Hva heter ordningen for nye prosjekter?", "history": [],
         "evidence": [{"doc_id": "skills-plus-nye-prosjekter-trondelag", "phrases": ["Skills+"]}],
         "facts": [["Skills+"]], "abstain": False},
        {"id": "g2", "split": "test", "language": "en", "category": "out_of_scope", "cross_lingual": False,
         "question": "What is the capital of Peru?", "history": [], "evidence": [], "facts": [], "abstain": True},
        {"id": "g3", "split": "dev", "language": "en", "category": "follow_up", "cross_lingual": True,
         "question": "And the budget?",
         "history": [{"role": "user", "content": "Tell me about Skills+"}, {"role": "assistant", "content": "..."}],
         "evidence": [{"doc_id": "skills-plus-nye-prosjekter-trondelag", "phrases": ["Skills+"]}],
         "facts": [], "abstain": False},
    ]
    gold.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = run.load_gold(gold, "test")
    assert [i.id for i in items] == ["g1", "g2"]
    item = run.load_gold(gold, "dev")[0]
    assert run.search_query(item.question, item.history) == "Tell me about Skills+ And the budget?"

    for name in ("langchain", "bm25"):
        result = run.evaluate_system(baselines[name], items)
        summary = result["summary"]
        assert summary["n"] == 2
        assert summary["abstention_recall"] == 0.0 and summary["false_abstention"] == 0.0
        answered, out_of_scope = result["items"]
        assert answered["first_relevant_rank"] is not None and answered["mrr@10"] > 0
        assert out_of_scope["hit@1"] is None and out_of_scope["citation_hit"] is None
        assert summary["search_p95_ms"] >= summary["search_p50_ms"] > 0


def test_load_gold_names_the_bad_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="gold.jsonl:1"):
        run.load_gold(gold)
