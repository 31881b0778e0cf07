from assistant.citations import cited, fold, locate, make_citation, markers, verify
from ingest.models import Chunk

PAGES = ["Tittel\nFørste side slutter med en setning\nsom brytes.", "Andre side. Her står 4,5 mill. NOK."]


def chunk_from(page: int, start: int, text: str) -> Chunk:
    return Chunk(id="d:x:0000", doc_id="d", position=0, text=text, title="T", section="S", page_start=page,
                 page_end=page, char_start=start, char_end=start + len(text))


def test_locate_within_and_across_pages():
    text = PAGES[0][7:] + "\n" + PAGES[1]
    c = chunk_from(1, 7, text)
    assert locate(c, 0, 6, PAGES) == (1, 7, 13)
    i = text.index("Her står")
    page, s, e = locate(c, i, i + 8, PAGES)
    assert (page, PAGES[1][s:e]) == (2, "Her står")


def test_citation_quotes_verbatim_and_verifies():
    text = PAGES[0][7:] + "\n" + PAGES[1]
    c = chunk_from(1, 7, text)
    cit = make_citation(1, c, 0, text.index("brytes.") + 7, PAGES, score=0.5)
    assert cit.quote == "Første side slutter med en setning som brytes."
    assert verify(cit, PAGES) and cit.url == "/documents/d/file#page=1"
    tampered = cit.__class__(**{**cit.__dict__, "quote": "BIO funding is 100 %"})
    assert not verify(tampered, PAGES)


def test_citation_refused_when_chunk_text_is_not_in_the_page():
    c = chunk_from(2, 0, "Noe helt annet enn siden.")
    assert make_citation(1, c, 0, 10, PAGES, score=0.1) is None


def test_markers_and_cited():
    assert markers("A [2] b [1] c [2] [x] [10]") == [2, 1, 10]
    text = PAGES[1]
    c = chunk_from(2, 0, text)
    cits = [make_citation(1, c, 0, 11, PAGES, score=1.0), make_citation(2, c, 12, len(text), PAGES, score=1.0)]
    assert [x.n for x in cited("Svar [2] og [7].", cits)] == [2]
    assert fold(" a \n b ") == "a b"


def test_a_sentence_cut_by_a_page_break_is_quoted_whole_in_one_citation_per_page():
    from assistant.citations import make_citations

    pages = ["Intro.\nBedriftene fikk BIO-midler, som da", "hadde inntil 60% tilskudd. Neste setning."]
    text = pages[0][7:] + "\n" + pages[1]
    c = chunk_from(1, 7, text)
    end = text.index("tilskudd.") + len("tilskudd.")
    first, second = make_citations(3, c, 0, end, pages, score=0.5)
    assert (first.n, first.page, first.quote) == (3, 1, "Bedriftene fikk BIO-midler, som da")
    assert (second.n, second.page, second.quote) == (4, 2, "hadde inntil 60% tilskudd.")
    assert verify(first, pages) and verify(second, pages)
    assert [x.quote for x in make_citations(1, c, 0, 10, pages, score=0.5)] == ["Bedriftene"]
