"""Footnotes: a footnote's text is about the words its marker follows in the main text, chunks before it."""

from assistant.compose import asked_type, asked_unit, given_numbers
from assistant.footnotes import anchors, marker
from assistant.lexical import LexicalIndex
from assistant.models import Passage
from assistant.sentences import Fact, score_sentences
from ingest.models import Chunk

TEXTS = [
    "Det ble besluttet å slå sammen Trinn 2 og 3. I tillegg skulle fylket gjennomføre 1 bærekraftworkshop⁸ pr "
    "innovasjonsselskap, og Programsatsing for bærekraft¹ ble vurdert.",
    "Trinn 1 ble gjort om til et introkurs for småbedrifter.",
    "Det faglige opplegget ble mer praktisk.\n¹ Se vedlegg for detaljer.\n⁸ Den fungerte ikke som ønsket etter "
    "første prøvegjennomføring.",
    "Andre rapporter om workshops i andre fylker.",
]
CHUNKS = [Chunk(id=f"r:{i}", doc_id="r", position=i, text=t, title="Sluttrapport", section="Trinn 2/3",
                 page_start=1, page_end=1, char_start=0, char_end=len(t), language="nb") for i, t in enumerate(TEXTS)]


def test_a_footnote_is_tied_to_the_words_its_marker_follows_in_an_earlier_chunk():
    notes = anchors(CHUNKS)
    assert notes == {"r:2": {"¹": "og Programsatsing for bærekraft",
                             "⁸": "fylket gjennomføre 1 bærekraftworkshop"}}
    assert marker("⁸ Den fungerte ikke som ønsket.") == "⁸" and marker("Den fungerte⁸ ikke.") == ""
    # "¹" is not the start of "¹⁰", and another document's marker is not this one's.
    other = Chunk(id="o:0", doc_id="o", position=0, text="Se rapporten¹⁰ og planen.", title="", section="",
                  page_start=1, page_end=1, char_start=0, char_end=25, language="nb")
    tail = Chunk(id="o:1", doc_id="o", position=1, text="¹ Molden mfl. (2023).", title="", section="",
                 page_start=1, page_end=1, char_start=0, char_end=21, language="nb")
    assert anchors([other, tail]) == {}


def test_a_footnote_is_scored_with_the_words_its_marker_follows():
    question = "Fungerte bærekraftworkshopen som ønsket?"
    lexical = LexicalIndex(CHUNKS)
    fact = Fact(asked_type(question), asked_unit(question), given_numbers(question), ())
    passages = [Passage(chunk=c, score=1.0) for c in CHUNKS]
    notes = anchors(CHUNKS)

    def score(footnotes) -> float:
        found = score_sentences(question, passages, lexical, fact, footnotes=footnotes)
        return max(c.coverage for c in found if c.passage.chunk.text[c.start:c.end].startswith("⁸"))

    assert score(lambda chunk: notes.get(chunk.id, {})) == 1.0 > score(None)


def test_a_marker_is_not_part_of_a_longer_one_on_either_side():
    from assistant.footnotes import _words_before

    assert _words_before("workshop¹ and then the meeting¹¹ here", "¹") == "workshop"
    assert _words_before("the meeting¹¹ here", "¹") == ""


def test_a_quoted_sentence_brings_the_footnote_its_marker_points_to():
    from assistant.answer import ExtractiveAnswerer
    from assistant.footnotes import bodies, markers_in

    assert markers_in(TEXTS[0]) == ["⁸", "¹"] and markers_in("⁸ Den fungerte ikke") == []
    chunks = [Chunk(id=f"r:{i}", doc_id="r", position=i, text=t, title="Sluttrapport", section="Trinn 2/3",
                    page_start=i + 1, page_end=i + 1, char_start=0, char_end=len(t), language="nb")
              for i, t in enumerate(TEXTS)]  # a page each, so that quotes are found on their pages
    where = bodies(chunks)
    chunk_id, start, end = where[("r", "⁸")]
    assert chunk_id == "r:2" and TEXTS[2][start:end] == "⁸ Den fungerte ikke som ønsket etter første prøvegjennomføring."
    by_id = {c.id: c for c in chunks}

    def footnote(chunk, mark):
        found = where.get((chunk.doc_id, mark))
        return (by_id[found[0]], found[1], found[2]) if found else None

    answer = ExtractiveAnswerer(threshold=0.1).answer(
        "Hvor mange bærekraftworkshop skulle fylket gjennomføre?", [Passage(chunk=chunks[0], score=1.0)],
        pages_of=lambda d: TEXTS, lexical=LexicalIndex(chunks), footnote=footnote)
    assert "⁸ Den fungerte ikke som ønsket" in answer.text and "¹ Se vedlegg" in answer.text


def test_a_unit_written_as_a_superscript_is_no_footnote_marker():
    from assistant.footnotes import markers_in

    assert markers_in("200 m² lokaler i Trøndelag¹ (se over)²") == ["¹", "²"]
