"""Hybrid retrieval over a fake embedder: what the lexical rankings contribute."""

from tests.conftest import add_document, make_assistant


def test_an_english_question_finds_the_norwegian_answer_next_to_english_chunks_that_share_its_words(tmp_path):
    a = make_assistant(tmp_path)
    add_document(a, "english", [f"The companies and the biggest region number {i} had an action plan." for i in range(6)],
                 language="en")
    add_document(a, "norsk", ["Tid er den største utfordringen for bedriftene.", "Kursavgiften var 10 000 kr."])
    a.retriever.refresh()
    top = a.search("What was the biggest obstacle for the companies?", k=3)
    assert ("norsk", 0) in [(p.chunk.doc_id, p.chunk.position) for p in top]


def test_only_a_question_in_another_language_than_most_chunks_is_embedded_with_its_gloss(tmp_path):
    from tests.fakes import FakeEmbedder

    embedder = FakeEmbedder()
    a = make_assistant(tmp_path, embedder=embedder)
    add_document(a, "norsk", ["Styringsgruppa godkjente søknadene.", "Kursavgiften var 10 000 kr."])
    add_document(a, "english", ["The steering group met twice."], language="en")
    a.search("Hvem godkjente søknadene?", k=2)
    assert embedder.calls[-1] == ["Hvem godkjente søknadene?"]
    a.search("Who approved the applications?", k=2)
    question, gloss = embedder.calls[-1]
    assert question == "Who approved the applications?" and gloss != question


def test_a_chunk_holding_a_footnote_is_found_by_the_words_its_marker_follows(tmp_path):
    a = make_assistant(tmp_path)
    add_document(a, "rapport", ["Fylket skulle holde en bærekraftworkshop⁸ for hvert selskap.",
                                "Opplegget ble mer praktisk.\n⁸ Den fungerte ikke som ønsket første gang."])
    add_document(a, "annet", [f"Workshops om digitalisering i region {i}." for i in range(4)])
    a.retriever.refresh()
    note = next(c for c in a.retriever._current().chunks if c.doc_id == "rapport" and c.position == 1)
    assert a.retriever.footnotes(note) == {"⁸": "skulle holde en bærekraftworkshop"}
    assert "bærekraftworkshop" in a.retriever.lexical._terms[note.id] or any(
        t.startswith("bærekraftworksh") for t in a.retriever.lexical._terms[note.id])
    top = a.retriever.search("Fungerte bærekraftworkshopen som ønsket?", k=1)
    assert top[0].chunk.id == note.id


def test_a_question_naming_its_source_document_type_favours_that_documents_passages(tmp_path):
    def top(weight: float) -> str:
        a = make_assistant(tmp_path / str(weight), reference_weight=weight)
        add_document(a, "rapport", ["Hver næringshage skulle rekruttere mange bedrifter til kursene i regionen."],
                     doc_type="final_report")
        add_document(a, "ordning", ["Hver næringshage skal rekruttere 50 bedrifter."], doc_type="scheme_description")
        add_document(a, "annet", [f"Kurs om digitalisering i region {i}." for i in range(4)])
        a.retriever.refresh()
        return a.retriever.search("Ifølge ordningsbeskrivelsen: hvor mange bedrifter skulle hver næringshage "
                                  "rekruttere til kursene i regionen?", k=1)[0].chunk.doc_id

    assert top(0.0) == "rapport" and top(0.5) == "ordning"
