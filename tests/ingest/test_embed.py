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
