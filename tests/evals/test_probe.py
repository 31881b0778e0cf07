"""The probe sets parse and are scored as their README says."""

import json
import re
from pathlib import Path

from assistant.models import Answer, Citation, Passage
from evals.probe import score, summary
from ingest.models import Chunk

PROBES = Path(__file__).resolve().parents[2] / "evals" / "probes"


def test_every_probe_item_parses_with_compiling_fact_patterns():
    for path in PROBES.glob("*.jsonl"):
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len({i["id"] for i in items}) == len(items) > 0
        for item in items:
            assert item["language"] in ("nb", "en") and isinstance(item["history"], list)
            assert item["abstain"] or (item["evidence"] and item["facts"])
            for _, pattern in item["facts"]:
                re.compile(pattern)


def test_a_probe_answer_is_scored_for_abstention_citation_and_facts():
    item = {"id": "t1", "abstain": False, "evidence": "Bedriftene betalte inntil 12 000 kr.",
            "facts": [["fee", r"12 000"], ["who", r"fylket"]]}
    cite = Citation(n=1, doc_id="d", title="T", page=1, section="", quote="Bedriftene betalte inntil 12 000 kr.",
                    char_start=0, char_end=10, score=1.0)
    row = score(item, Answer(text="- Bedriftene betalte inntil 12 000 kr. [1]", citations=[cite]))
    assert row["abstention_right"] and row["citation"] and row["facts"] == 0.5 and not row["retrieved"]
    def passage(text: str) -> Passage:
        return Passage(Chunk(id=text[:9], doc_id="d", position=0, text=text, title="T", section="", page_start=1,
                             page_end=1, char_start=0, char_end=len(text)), 1.0, 0, 0)

    holding, other = passage("Om avgiften. Bedriftene  betalte\ninntil 12 000 kr. Slutt."), passage("Noe annet.")
    assert score(item, Answer(text="x", passages=[other] * 5 + [holding]))["retrieved"] is False
    row = score(item, Answer(text="- Bedriftene betalte inntil 12 000 kr. [1]", citations=[cite],
                             passages=[other, holding]))
    assert row["retrieved"]
    refused = score({"id": "t2", "abstain": True, "evidence": "", "facts": []}, Answer(text="x", abstained=True))
    assert refused["abstention_right"] and "facts" not in refused
    assert summary([row, refused]) == {"items": 2, "abstention_right": 2, "retrieved": 1.0, "citation": 1.0,
                                           "facts": 0.5}
    # The passages /search returned are scored apart from those the answer was drawn from.
    searched = score(item, Answer(text="x", passages=[holding]), [other] * 5 + [holding])
    assert searched["retrieved"] and searched["searched"] is False
    assert summary([searched])["searched"] == 0.0
