"""Running headers and footers go; content stays; text is normalised."""

from pathlib import Path

from ingest.clean import line_key, normalise, strip_running_lines
from ingest.load import load
from ingest.models import Page

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def pages(*texts: str) -> list[Page]:
    return [Page(n, t) for n, t in enumerate(texts, start=1)]


def test_normalise_nfc_trailing_spaces_and_blank_runs():
    decomposed = "Tro\u0308ndelag  \r\n\n\n\nneste linje\t\n\n"
    assert normalise(decomposed) == "Tröndelag\n\nneste linje"


def test_line_key_hides_page_numbers():
    assert line_key("Page 3 of 6") == line_key("Page 12 of 60") == "Page # of #"


def test_strips_header_page_number_and_footer_but_keeps_content():
    bodies = ["Første side.\nMer tekst.", "Andre side.", "Tredje side\nmed to linjer.", "Fjerde."]
    texts = [
        f"Sluttrapport – Industri 4.0 Trøndelag Eistein Guldseth – 15.01.2025\n{n}\n{body}\nPage {n} of 4"
        for n, body in enumerate(bodies, start=1)
    ]
    cleaned = strip_running_lines(pages(*texts))
    assert [p.text for p in cleaned] == bodies


def test_a_cover_page_without_the_header_keeps_its_text():
    header = "Interreg Digi Best – Trøndelag County Council Annex 1 – Action plan"
    cleaned = strip_running_lines(pages("Cover title\nSubtitle", *[f"{header}\nBody {n}" for n in range(2, 6)]))
    assert cleaned[0].text == "Cover title\nSubtitle"
    assert all(header not in p.text for p in cleaned)


def test_repeated_lines_in_the_middle_of_a_page_are_content():
    body = "one\ntwo\nthree\nRepeated sentence.\nfour\nfive\nsix"
    cleaned = strip_running_lines(pages(body, body, body))
    assert all("Repeated sentence." in p.text for p in cleaned)


def test_lines_on_only_a_minority_of_pages_are_kept():
    cleaned = strip_running_lines(pages("Note A\nalpha", "Note A\nbeta", "other\ngamma", "more\ndelta", "last\nepsilon"))
    assert cleaned[0].text == "Note A\nalpha"


def test_single_page_keeps_its_lines_but_drops_page_marks():
    cleaned = strip_running_lines(pages("Side 1 av 1\nNOTAT\nInnhold"))
    assert cleaned[0].text == "NOTAT\nInnhold"


def test_corpus_headers_and_footers_are_gone():
    plan = load(CORPUS / "action-plan-digibest-trondelag-2022.pdf")
    assert not any("Page " in p.text and " of 6" in p.text for p in plan.pages)
    assert all("Interreg Digi Best – Trøndelag County Council Annex 1" not in p.text for p in plan.pages)
    report = load(CORPUS / "sluttrapport-industri-4-0-trondelag-2025.pdf")
    assert all("Eistein Guldseth – 15.01.2025" not in p.text for p in report.pages)
    assert all(not p.text.startswith(f"{p.number}\n") for p in report.pages)
    article = load(CORPUS / "interreg-smart-societies-trondelag.pdf")
    assert all("1/2" not in p.text and "2/2" not in p.text for p in article.pages)
    assert "Smart societies: interregional\ncooperation" in article.pages[0].text  # the title in the body stays
