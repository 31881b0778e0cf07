import pytest

from evals import metrics

EVIDENCE = [
    {"doc_id": "ordning", "phrases": ["inntil 50 prosent av kostnadene"]},
    {"doc_id": "report", "phrases": ["Industri 4.0 Trøndelag"]},
]


def test_normalize_folds_case_whitespace_soft_hyphens_and_dashes():
    assert metrics.normalize("  Inn\u00advasjon\n\u00a0Norge ") == "innvasjon norge"
    assert metrics.normalize("2019 \u2013 2021") == metrics.normalize("2019-2021") == "2019-2021"
    assert metrics.normalize("\u201cSmart\u201d \u2019s") == "\"smart\" 's"
    assert metrics.normalize("e\u0301") == "\u00e9"  # NFC
    assert metrics.normalize("\ufb01nal") == "final"


def test_fold_numbers_drops_thousands_separators_only():
    assert metrics.fold_numbers("1 000 000 kr") == "1000000 kr"
    assert metrics.fold_numbers("1.000.000") == metrics.fold_numbers("1,000,000") == "1000000"
    assert metrics.fold_numbers("2,5 mill") == "2,5 mill"
    assert metrics.fold_numbers("industri 4.0") == "industri 4.0"
    assert metrics.fold_numbers("2020, 2021") == "2020, 2021"


def test_is_hit_matches_a_phrase_of_the_passages_own_document():
    text = "Tilskuddet dekker inntil 50\u00a0prosent av\nkostnadene."
    assert metrics.is_hit(text, EVIDENCE, "ordning")
    assert metrics.is_hit(text, EVIDENCE)  # document unknown: any evidence document counts
    assert not metrics.is_hit(text, EVIDENCE, "report")
    assert not metrics.is_hit("Tilskuddet dekker 40 prosent.", EVIDENCE, "ordning")


def test_ranking_metrics():
    relevance = [False, False, True, False, True]
    assert metrics.first_relevant_rank(relevance) == 3
    assert metrics.hit_at_k(relevance, 1) == 0.0
    assert metrics.hit_at_k(relevance, 3) == 1.0
    assert metrics.reciprocal_rank(relevance) == pytest.approx(1 / 3)
    assert metrics.reciprocal_rank(relevance, k=2) == 0.0
    assert metrics.reciprocal_rank([]) == 0.0


def test_ndcg_is_one_when_the_retrieved_relevant_passages_lead():
    assert metrics.ndcg_at_k([True, True, False]) == 1.0
    assert metrics.ndcg_at_k([False, False]) == 0.0
    # one relevant passage at rank 2: (1/log2 3) / (1/log2 2)
    assert metrics.ndcg_at_k([False, True]) == pytest.approx(0.6309, abs=1e-4)
    assert metrics.ndcg_at_k([False] * 10 + [True], k=10) == 0.0


def test_citation_hit_needs_an_evidence_document_and_a_phrase():
    passage = "Ordningen gir tilskudd på inntil 50 prosent av kostnadene for prosjektet."
    assert metrics.citation_hit([("ordning", "tilskudd", passage)], EVIDENCE)  # phrase in the cited passage
    assert metrics.citation_hit([("ordning", "inntil 50 prosent av kostnadene", "")], EVIDENCE)  # in the quote
    # the quote covers most of the phrase's words (cut short, reworded a little)
    assert metrics.citation_hit([("ordning", "inntil 50 prosent av kostnader", "")], EVIDENCE)
    assert not metrics.citation_hit([("report", "tilskudd", passage)], EVIDENCE)  # wrong document
    assert not metrics.citation_hit([("ordning", "50 prosent", "")], EVIDENCE)  # too little of the phrase
    assert not metrics.citation_hit([], EVIDENCE)


def test_short_phrases_are_never_matched_by_overlap():
    evidence = [{"doc_id": "d", "phrases": ["Eistein Guldseth"]}]
    assert not metrics.citation_hit([("d", "Eistein", "")], evidence)
    assert metrics.citation_hit([("d", "kontakt: eistein guldseth", "")], evidence)


def test_fact_accuracy_counts_facts_with_any_alternative():
    facts = [["12 millioner", "12 mill"], ["2019"], ["Trøndelag fylkeskommune"]]
    answer = "Fylket (Trøndelag fylkeskommune) ga 12 mill. kroner fra 2020."
    assert metrics.fact_accuracy(answer, facts) == pytest.approx(2 / 3)
    assert metrics.fact_accuracy("anything", []) is None


def test_fact_accuracy_folds_thousands_and_respects_number_edges():
    assert metrics.fact_accuracy("Budsjettet var 1.500.000 kroner.", [["1 500 000"]]) == 1.0
    assert metrics.fact_accuracy("Budsjettet var 1 500 000 kroner.", [["1,500,000"]]) == 1.0
    assert metrics.fact_accuracy("I 2012 startet det.", [["12"]]) == 0.0
    assert metrics.fact_accuracy("Det var 12 bedrifter.", [["12"]]) == 1.0
    assert metrics.fact_accuracy("Industri 4.0", [["industri 4.0"]]) == 1.0


def test_abstention_rates():
    rows = [(True, True), (True, False), (False, False), (False, True), (False, False), (False, False)]
    assert metrics.abstention_rates(rows) == {"abstention_recall": 0.5, "false_abstention": 0.25}
    assert metrics.abstention_rates([(False, False)]) == {"abstention_recall": None, "false_abstention": 0.0}


def test_percentile_interpolates_linearly():
    values = [10, 20, 30, 40]
    assert metrics.percentile(values, 50) == 25
    assert metrics.percentile(values, 0) == 10
    assert metrics.percentile(values, 100) == 40
    assert metrics.percentile(values, 95) == pytest.approx(38.5)
    assert metrics.percentile([7], 95) == 7
    assert metrics.percentile([], 50) is None


def test_mean_ignores_items_a_metric_does_not_apply_to():
    assert metrics.mean([1.0, None, 0.0]) == 0.5
    assert metrics.mean([None]) is None
