"""The embedding adapters: the transformers-only one computes sentence-transformers' vectors for the layouts it
accepts, and the factory falls back to sentence-transformers for every other model folder."""

import json

import numpy as np
import pytest

from assistant.config import Settings
from ingest.embed import SentenceTransformerEmbedder, TransformersEmbedder, build_embedder


def _folder(tmp_path, modules, pooling=None, config=None, extra=None):
    (tmp_path / "modules.json").write_text(json.dumps(
        [{"idx": i, "name": str(i), "path": p, "type": f"sentence_transformers.models.{t}"}
         for i, (t, p) in enumerate(modules)]), encoding="utf-8")
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(
        pooling or {"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False}), encoding="utf-8")
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps(config or {"max_seq_length": 256}), encoding="utf-8")
    if extra is not None:
        (tmp_path / "config_sentence_transformers.json").write_text(json.dumps(extra), encoding="utf-8")
    return str(tmp_path)


PLAIN = [("Transformer", ""), ("Pooling", "1_Pooling"), ("Normalize", "2_Normalize")]


def test_a_transformer_with_mean_or_cls_pooling_is_supported(tmp_path):
    assert TransformersEmbedder.supports(_folder(tmp_path, PLAIN))


@pytest.mark.parametrize("modules,pooling,config,extra", [
    (PLAIN + [("Dense", "3_Dense")], None, None, None),  # a projection layer after pooling
    (PLAIN, {"pooling_mode_max_tokens": True}, None, None),
    (PLAIN, {"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": True}, None, None),
    (PLAIN, None, {"max_seq_length": 256, "do_lower_case": True}, None),
    (PLAIN, None, None, {"default_prompt_name": "query"}),  # e5-style prompts
])
def test_other_layouts_go_to_sentence_transformers(tmp_path, modules, pooling, config, extra):
    path = _folder(tmp_path, modules, pooling, config, extra)
    assert not TransformersEmbedder.supports(path)
    assert isinstance(build_embedder(Settings(embedding_model=path)), SentenceTransformerEmbedder)


def test_a_name_that_is_not_a_folder_goes_to_sentence_transformers():
    assert isinstance(build_embedder(Settings(embedding_model="some/hub-model")), SentenceTransformerEmbedder)


@pytest.mark.slow
def test_the_bundled_model_gets_the_vectors_sentence_transformers_computes():
    path = Settings().model_name_or_path
    embedder = build_embedder(Settings())
    assert isinstance(embedder, TransformersEmbedder) and embedder.name == "all-minilm-l6-v2"
    texts = ["Hvem kan søke om BIO-midler?", "What is the grant share?", "", "Trinn 2/3 " * 300,
             *[f"Kursavgiften var {n} 000 kr for bedriftene." for n in range(40)]]
    ours = np.array(embedder.embed(texts))
    theirs = np.array(SentenceTransformerEmbedder(path).embed(texts))
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.abs(ours - theirs).max() < 1e-5


@pytest.mark.slow
def test_the_bundled_model_embeds_from_many_threads_at_once():
    # A server embeds questions in several threads; a fast tokenizer shared by them must not mix their padding
    # ("expected sequence of length 17 at dim 1 (got 10)" under load before the embedder serialised tokenizing).
    from concurrent.futures import ThreadPoolExecutor

    embedder = build_embedder(Settings())
    # Questions of different lengths embedded while an ingest asks for token offsets (no padding, no truncation):
    # each call sets the tokenizer's padding its own way.
    texts = [[f"Trinn {n} " * (1 + (7 * n + i) % 30) for i in range(1 + n % 6)] for n in range(16)]
    alone = [embedder.embed(t) for t in texts]
    chunk = "Styringsgruppa godkjente søknadene. " * 40
    offsets = embedder.token_offsets(chunk)

    def work(n: int):
        return embedder.embed(texts[n // 2]) if n % 2 else embedder.token_offsets(chunk)

    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            done = list(pool.map(work, range(2 * len(texts))))
            assert all(np.allclose(alone[n // 2], got, atol=1e-5) for n, got in enumerate(done) if n % 2)
            assert all(got == offsets for n, got in enumerate(done) if not n % 2)
