"""Document types a question names as its source."""

from importlib import resources

from assistant.references import parse_doctypes, referenced_types


def test_every_document_type_row_parses_with_names():
    text = resources.files("assistant").joinpath("data/doctypes.tsv").read_text(encoding="utf-8")
    types = parse_doctypes(text)
    assert len(types) == len([line for line in text.splitlines()[1:] if line.strip()]) > 0
    assert all(names for names in types.values())


def test_a_document_type_is_named_in_either_language_and_in_its_inflected_or_compound_forms():
    assert referenced_types("According to the scheme description, how many firms?") == {"scheme_description"}
    assert referenced_types("I den opprinnelige ordningsbeskrivelsen: hvor mange?") == {"scheme_description"}
    assert referenced_types("Hva sier Interreg-artikkelen om budsjettet?") == {"web_article", "news_article"}
    assert referenced_types("Ifølge DigiBest-handlingsplanen, når?") == {"action_plan"}
    assert referenced_types("The report says BIO pulled firms away.") == {"final_report"}
    # A word holding a name ("described", "reported") or another report ("the OECD reports") names none.
    assert referenced_types("What is described here, and how was it reported?") == frozenset()
    assert referenced_types("What do the OECD reports say?") == frozenset()
    assert referenced_types("Who was the reporter?") == frozenset()


def test_a_row_without_names_matches_nothing():
    assert parse_doctypes("doc_type\tnames\tnote\nmemo\t\t\nplan\n\nreport\tfinal report|rapporten\t\n") == {
        "report": ("final report", "rapporten")}
