import pytest

from ingest.chunk import chunk, section_path
from ingest.models import Heading, LoadedDocument, Page


def doc(pages, headings=()):
    return LoadedDocument(doc_id="d", path="d.pdf", title="Tittel", pages=[Page(i + 1, t) for i, t in enumerate(pages)],
                          media_type="application/pdf", sha256="f" * 64, language="nb", headings=list(headings))


def test_chunk_text_is_the_page_text_at_its_span():
    pages = ["Første side. " * 40, "Andre side har mer. " * 40]
    for c in chunk(doc(pages), size=300, overlap=60):
        if c.page_start == c.page_end:
            assert pages[c.page_start - 1][c.char_start:c.char_end] == c.text
        else:
            assert c.text.startswith(pages[c.page_start - 1][c.char_start:])
            assert c.text.endswith(pages[c.page_end - 1][:c.char_end])


def test_sizes_overlap_and_stable_ids():
    d = doc(["Setning nummer %d er her. " % i for i in range(200)] and ["".join("Setning nummer %d er her. " % i for i in range(200))])
    chunks = chunk(d, size=400, overlap=100)
    assert all(len(c.text) <= 400 for c in chunks)
    assert all(a.char_end > b.char_start for a, b in zip(chunks, chunks[1:]))  # consecutive chunks overlap
    assert [c.id for c in chunks] == [c.id for c in chunk(d, size=400, overlap=100)]
    assert chunks[0].id == "d:ffffffffffff:0000"


def test_chunks_never_cross_a_heading_and_carry_the_section_path():
    page = "1.0 Innledning\nTekst om start. Mer tekst.\n1.1 Detaljer\nHer er detaljene. Og mer.\n2.0 Neste\nSiste del."
    hs = [Heading("1.0 Innledning", 1, 1, 0), Heading("1.1 Detaljer", 2, 1, page.index("1.1")),
          Heading("2.0 Neste", 1, 1, page.index("2.0"))]
    chunks = chunk(doc([page], hs), size=900, overlap=100, min_section=0)
    assert [c.section for c in chunks] == ["1.0 Innledning", "1.0 Innledning > 1.1 Detaljer", "2.0 Neste"]
    assert chunks[1].text.startswith("1.1 Detaljer")


def test_short_sections_join_the_next_and_take_its_name():
    body = "Her er en lang forklaring av finansieringen. " * 10
    page = "2.1 Oppbygning\n2.1.1 Prosjekteier\n" + body + "\n2.1.2 Styringsgruppe\n" + body
    hs = [Heading("2.1 Oppbygning", 2, 1, 0), Heading("2.1.1 Prosjekteier", 3, 1, page.index("2.1.1")),
          Heading("2.1.2 Styringsgruppe", 3, 1, page.index("2.1.2"))]
    chunks = chunk(doc([page], hs), size=900, overlap=100, min_section=200)
    assert chunks[0].text.startswith("2.1 Oppbygning") and chunks[0].section == "2.1 Oppbygning > 2.1.1 Prosjekteier"
    assert chunks[-1].section == "2.1 Oppbygning > 2.1.2 Styringsgruppe"


def test_section_path_pops_deeper_levels():
    hs = [(0, Heading("A", 1, 1, 0)), (5, Heading("A.1", 2, 1, 5)), (9, Heading("B", 1, 1, 9))]
    assert section_path(hs, 6) == "A > A.1" and section_path(hs, 10) == "B"


def test_overlap_must_be_smaller_than_size():
    with pytest.raises(ValueError):
        chunk(doc(["x"]), size=100, overlap=100)
