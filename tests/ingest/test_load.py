"""Loading real small files we build here, and the real corpus."""

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from pypdf import PdfReader, PdfWriter

from ingest.errors import EmptyFileError, LimitExceededError, UnsupportedFileError
from ingest.load import SUPPORTED_SUFFIXES, load, slug, sniff
from ingest.models import Limits

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_pdf(pages: list[list[str]], **info: str) -> bytes:
    """A real PDF written by hand: one Helvetica text line per entry, WinAnsi so æøå survive."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        ops = b"BT /F1 12 Tf 14 TL 72 760 Td " + b" ".join(
            b"(" + line.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)") + b") ' " for line in lines
        ) + b"ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    data = out.getvalue()
    if not info:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({f"/{k}": v for k, v in info.items()})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def with_outline(data: bytes, items: list[tuple[str, int]]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for title, page in items:
        writer.add_outline_item(title=title, page_number=page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(path: Path) -> Path:
    """A DOCX with a heading, a bullet, a table (empty row, merged cell) and a real footnote."""
    document = docx.Document()
    document.core_properties.title = "Ordning"
    document.add_heading("1.0 Om ordningen", level=1)
    para = document.add_paragraph("92% av bedriftene")
    para.add_run()._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="1"/>'))
    para.add_run(" har under 10 ansatte.")
    document.add_paragraph("Mobilisere 400 bedrifter", style="List Bullet")
    document.add_heading("Budsjett", level=2)
    table = document.add_table(rows=4, cols=3)
    for row, values in zip(table.rows, [("Finansieringsplan", "2019", "Totalt"), ("", "", ""), ("Trøndelag fylkeskommune", "1 500 000", "4 500 000"), ("Merknad", "", "")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.rows[3].cells[0].merge(table.rows[3].cells[2]).text = "* inkluderer egeninnsats"
    document.add_paragraph("Etter tabellen.")
    document.save(path)
    footnotes = (
        f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Primærnæringer er ikke inkludert.</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    # Word also wants a relationship and a content type for the part; our loader reads the part directly.
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/footnotes.xml", footnotes)
    return path


# --- sniffing and ids

def test_sniff_trusts_content_not_the_extension():
    assert sniff(b"%PDF-1.7\n...", ".txt") == "pdf"
    assert sniff(b"PK\x03\x04rest", ".pdf") == "docx"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>", ".txt") == "html"
    assert sniff(b"# Title\n", ".md") == "markdown"
    assert sniff(b"# Title\n", ".txt") == "plain"
    with pytest.raises(UnsupportedFileError, match="PNG"):
        sniff(b"\x89PNG\r\n\x1a\n", ".pdf")
    with pytest.raises(UnsupportedFileError, match="binary"):
        sniff(b"abc\x00\x01\x02", ".txt")


def test_slug_is_lowercase_ascii_with_dashes():
    assert slug("Sluttrapport Industri 4.0 Trøndelag (2025)") == "sluttrapport-industri-4-0-trondelag-2025"
    assert slug("Æøå") == "aeoa"
    assert slug("???") == "document"


def test_supported_suffixes_cover_our_loaders():
    assert {".pdf", ".docx", ".txt", ".md", ".html"} <= SUPPORTED_SUFFIXES


# --- PDF

def test_small_pdf_pages_title_date_and_hash(tmp_path):
    path = tmp_path / "Notat Om Ordningen.pdf"
    path.write_bytes(make_pdf([["Første side om Trøndelag fylkeskommune og ordningen."], ["Andre side."]],
                              Title="Et notat", CreationDate="D:20240131120000+01'00'"))
    doc = load(path)
    assert [p.number for p in doc.pages] == [1, 2]
    assert "Trøndelag fylkeskommune" in doc.pages[0].text
    assert (doc.title, doc.date, doc.doc_id, doc.media_type) == ("Et notat", "2024-01-31", "notat-om-ordningen", "application/pdf")
    assert len(doc.sha256) == 64 and doc.warnings == []


def test_pdf_outline_titles_without_spaces_are_found_at_line_starts(tmp_path):
    data = make_pdf([["Innledning"], ["Intro text mentions Industri 4.0 Trøndelag here.", "Industri 4.0", "Trøndelag i dag", "Body."]])
    path = tmp_path / "outline.pdf"
    path.write_bytes(with_outline(data, [("Innledning", 0), ("Industri 4.0Trøndelag i dag", 1)]))
    doc = load(path)
    second = doc.headings[1]
    assert (second.title, second.page) == ("Industri 4.0 Trøndelag i dag", 2)
    assert doc.pages[1].text[second.offset:].startswith("Industri 4.0\nTrøndelag i dag")


def test_pdf_numbered_headings_without_outline(tmp_path):
    path = tmp_path / "numbered.pdf"
    path.write_bytes(make_pdf([["5.1 Følgende basiskrav lå til grunn", "Tekst med 400 bedrifter.", "2.1.6 Finansiering, og prosess"]]))
    doc = load(path)
    assert [(h.title, h.level) for h in doc.headings] == [("5.1 Følgende basiskrav lå til grunn", 2), ("2.1.6 Finansiering, og prosess", 3)]
    assert doc.pages[0].text[doc.headings[1].offset:].startswith("2.1.6")


def test_pdf_page_cap_names_the_cap(tmp_path):
    path = tmp_path / "three.pdf"
    path.write_bytes(make_pdf([["a"], ["b"], ["c"]]))
    with pytest.raises(LimitExceededError, match="limit of 2 pages"):
        load(path, limits=Limits(max_pages=2))


# --- DOCX

def test_docx_order_headings_lists_tables_and_footnotes(tmp_path):
    doc = load(make_docx(tmp_path / "ordning.docx"))
    text = doc.pages[0].text
    assert len(doc.pages) == 1 and doc.title == "Ordning"
    assert "92% av bedriftene¹ har under 10 ansatte." in text  # a footnote marker as printed, not "[1]"
    assert "- Mobilisere 400 bedrifter" in text
    assert [(h.title, h.level) for h in doc.headings] == [("1.0 Om ordningen", 1), ("Budsjett", 2)]
    assert all(text[h.offset:].startswith(h.title) for h in doc.headings)
    (table,) = doc.tables
    assert table.header == "Finansieringsplan | 2019 | Totalt"
    assert text[table.start:table.end].split("\n") == [
        "Finansieringsplan | 2019 | Totalt",
        "Finansieringsplan: Trøndelag fylkeskommune | 2019: 1 500 000 | Totalt: 4 500 000",
        "* inkluderer egeninnsats",
    ]
    assert text.index("Budsjett") < table.start < text.index("Etter tabellen.")
    assert text.endswith("¹ Primærnæringer er ikke inkludert.")


def test_zip_that_is_not_a_docx_is_unsupported(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(UnsupportedFileError, match="not a DOCX"):
        load(path)


# --- text, Markdown, HTML

def test_markdown_headings_point_at_their_lines(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Tittel\n\nTekst om ordningen.\n\n## Del to\n\nMer tekst.\n", encoding="utf-8")
    doc = load(path)
    assert [(h.title, h.level) for h in doc.headings] == [("Tittel", 1), ("Del to", 2)]
    assert doc.pages[0].text[doc.headings[1].offset:].startswith("## Del to")
    assert doc.title == "Tittel" and doc.media_type == "text/markdown"


def test_html_drops_scripts_and_nav_and_renders_tables(tmp_path):
    path = tmp_path / "page.txt"  # the extension lies; the content is HTML
    path.write_text(
        "<!doctype html><html><head><title>Side</title><script>alert(1)</script></head><body>"
        "<nav>Meny</nav><h1>Overskrift</h1><p>Et <b>avsnitt</b> her.</p>"
        "<table><tr><th>Post</th><th>2019</th></tr><tr><td>Sum</td><td>100</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = load(path)
    text = doc.pages[0].text
    assert "alert" not in text and "Meny" not in text
    assert "Et avsnitt her." in text
    assert "Post: Sum | 2019: 100" in text and doc.tables[0].header == "Post | 2019"
    assert doc.headings[0].title == "Overskrift" and doc.title == "Side"


def test_plain_text_form_feeds_are_pages_and_latin1_is_decoded(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_bytes("Første side i Trøndelag\fAndre side\f".encode("latin-1"))
    doc = load(path)
    assert [p.text for p in doc.pages] == ["Første side i Trøndelag", "Andre side"]
    assert doc.warnings == ["not UTF-8: decoded as cp1252 (detected)"]


def test_utf8_bom_is_not_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTrøndelag".encode("utf-8"))
    doc = load(path)
    assert doc.pages[0].text == "Trøndelag" and doc.warnings == []


def test_whitespace_only_text_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(EmptyFileError):
        load(path)


# --- limits and metadata

def test_file_size_cap_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(LimitExceededError, match="1000 bytes"):
        load(path, limits=Limits(max_file_bytes=1000))


def test_character_cap(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("ord " * 500, encoding="utf-8")
    with pytest.raises(LimitExceededError, match="characters"):
        load(path, limits=Limits(max_chars=100))


def test_sidecar_overrides_what_the_file_says(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf([["The County Council will develop and implement the action plan."]],
                              Title="From file", CreationDate="D:20261122175723+00'00'"))
    (tmp_path / "metadata.json").write_text(json.dumps(
        {"a.pdf": {"title": "From sidecar", "doc_type": "web_article", "language": "nb", "date": None}}), encoding="utf-8")
    doc = load(path, doc_id="custom")
    assert (doc.doc_id, doc.title, doc.doc_type, doc.language, doc.date) == ("custom", "From sidecar", "web_article", "nb", None)


def test_without_sidecar_language_is_detected_and_title_falls_back_to_stem(tmp_path):
    path = tmp_path / "nyhet.txt"
    path.write_text("Trøndelag fylkeskommune har hatt tre prosjekter som har adressert digital utvikling i småbedrifter.", encoding="utf-8")
    doc = load(path)
    assert (doc.language, doc.title, doc.doc_type) == ("nb", "nyhet", "document")


def test_broken_sidecar_is_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The County Council will develop and implement the action.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text("{not json", encoding="utf-8")
    doc = load(path)
    assert doc.language == "en" and any("metadata.json ignored" in w for w in doc.warnings)


# --- the real corpus

@pytest.fixture(scope="module")
def corpus():
    return {p.name: load(p) for p in sorted(CORPUS.iterdir()) if p.suffix in (".pdf", ".docx")}


def test_corpus_page_counts_and_sidecar_metadata(corpus):
    counts = {name: len(doc.pages) for name, doc in corpus.items()}
    assert counts == {
        "action-plan-digibest-trondelag-2022.pdf": 6,
        "industri-4-0-trondelag-ordning.docx": 1,
        "interreg-smart-societies-trondelag.pdf": 2,
        "skills-plus-nye-prosjekter-trondelag.pdf": 2,
        "sluttrapport-industri-4-0-trondelag-2025.pdf": 52,
    }
    meta = {name: (d.doc_type, d.language, d.date) for name, d in corpus.items()}
    assert meta["action-plan-digibest-trondelag-2022.pdf"] == ("action_plan", "en", "2022-02-18")
    assert meta["interreg-smart-societies-trondelag.pdf"] == ("web_article", "en", None)
    assert meta["sluttrapport-industri-4-0-trondelag-2025.pdf"] == ("final_report", "nb", "2025-01-15")
    assert meta["industri-4-0-trondelag-ordning.docx"] == ("scheme_description", "nb", None)
    assert meta["skills-plus-nye-prosjekter-trondelag.pdf"] == ("news_article", "nb", None)
    assert all(not d.warnings for d in corpus.values())


def test_corpus_docx_tables_and_footnotes(corpus):
    doc = corpus["industri-4-0-trondelag-ordning.docx"]
    lines = doc.pages[0].text.split("\n")
    assert "Finansieringsplan | 2019 | 2020 | 2021 | Totalt" in lines
    assert ("Finansieringsplan: Trøndelag fylkeskommune | 2019: 1 500 000 | 2020: 1 500 000 | "
            "2021: 1 500 000 | Totalt: 4 500 000") in lines
    assert len(doc.tables) == 3
    assert any(line.startswith("¹ Primærnæringer er") for line in lines)
    assert any(line.startswith("² SIVA støttemidler") for line in lines)
    assert any(h.title.startswith("4.0 BUDSJETT") and h.level == 1 for h in doc.headings)


def test_corpus_report_heading_found_on_its_page(corpus):
    doc = corpus["sluttrapport-industri-4-0-trondelag-2025.pdf"]
    (heading,) = [h for h in doc.headings if h.title.startswith("5.1 Følgende basiskrav")]
    assert heading.page == 22
    assert heading.title.endswith("til innovasjonsselskapene")
    assert doc.pages[21].text[heading.offset:].startswith("5.1 Følgende basiskrav")
    for h in doc.headings:  # every heading offset points at its own title in the cleaned text
        page = doc.pages[h.page - 1].text
        assert "".join(page[h.offset:h.offset + len(h.title) + 5].split()).startswith("".join(h.title.split()))
