from pathlib import Path
import json
import random

from bench.synth import SourceDoc, perturb, write_corpus

SOURCE = SourceDoc("plan", "Action plan", "en", "action_plan", (
    "The council granted 450000 EUR in 2022. Twelve companies applied. The steering group met monthly.\n\n"
    "Stage 2 cost 30000 NOK per company. Results were reported in 2024.",
))


def test_perturb_keeps_sentences_but_changes_numbers_and_is_seeded():
    vocabulary = ["alpha", "bravo"]
    a = perturb(SOURCE.pages[0], random.Random(1), vocabulary)
    assert a == perturb(SOURCE.pages[0], random.Random(1), vocabulary)
    assert "The steering group met monthly." in a or "monthly" not in a
    assert "450000" not in a and "2022" not in a
    assert len(a.split()) == len(SOURCE.pages[0].split())


def test_write_corpus_gives_distinct_ids_and_texts_per_copy(tmp_path: Path):
    paths = write_corpus([SOURCE], tmp_path, scale=3)
    assert [p.name for p in paths] == ["plan-v001.md", "plan-v002.md", "plan-v003.md"]
    texts = {p.read_text() for p in paths}
    assert len(texts) == 3
    meta = json.loads((tmp_path / "metadata.json").read_text())
    assert meta["plan-v002.md"] == {"title": "Action plan (variant 2)", "doc_type": "action_plan",
                                    "language": "en", "date": None}
