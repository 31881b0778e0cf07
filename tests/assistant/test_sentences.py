"""Sentence scoring: the question's subject, not its frame; a follow-up's own words; a heading's name; the
unit that finishes the best sentence."""

from assistant.answer import ExtractiveAnswerer
from assistant.compose import asked_type, asked_unit, given_numbers, list_lines
from assistant.lexical import LexicalIndex
from assistant.models import Passage
from assistant.sentences import (
    Fact,
    ends_on_label,
    label_before,
    lead_in,
    next_unit,
    score_sentences,
    units_of,
)
from assistant.support import anchors
from ingest.models import Chunk

TEXTS = [
    ("Resultater", "Lønnsomhet i utviklingsarbeidet hadde fokus. Viktigheten av samarbeid ble understreket."),
    ("Kompetanseforløp", "Trinn 2 Videregående: Avansert workshop med egen case i bedriften."),
    ("Resultater > 5.6 Thams Innovasjon", ("Vi rekrutterte små produksjonsbedrifter i Orkland. Det tok tid, men "
                                           "16 bedrifter deltok til slutt på 6 workshops.")),
    ("Resultater > 5.2 Proneo", ("Proneo holdt 9 arrangementer i 2022. Thams Innovasjon inviterer i 2025 15 andre "
                                 "bedrifter til et møte der de deltok.")),
    ("Oppstart", ("Sju innovasjonsselskaper var med fra starten av prosjektet, fordelt over hele fylket. Etter "
                  "Trinn 1 ble antallet redusert fra 7 til 5. T:lab og Tindved Kulturhage ønsket ikke å delta "
                  "videre.")),
    ("Trinn", "Bedriftene gikk fra trinn 1 til trinn 2 og trinn 3. Hvert trinn hadde workshops."),
    ("Skjema", "11.\nCosts: 50-60 000 EUR (Estimate)\n12.\nFunding sources: Internal, County Council\nDate: 2022"),
]


def _setup():
    chunks, at = [], 0
    for i, (section, text) in enumerate(TEXTS):
        chunks.append(Chunk(id=f"d:{i}", doc_id="d", position=i, text=text, title="Sluttrapport", section=section,
                            page_start=1, page_end=1, char_start=at, char_end=at + len(text), language="nb"))
        at += len(text) + 1
    return chunks, ["\n".join(t for _, t in TEXTS)], LexicalIndex(chunks)


def _best(question: str, *, asked: str | None = None) -> str:
    chunks, _, lexical = _setup()
    user = asked or question
    fact = Fact(asked_type(user), asked_unit(user), given_numbers(f"{question} {user}"),
                tuple(anchors(user, lexical)))
    passages = [Passage(chunk=c, score=1.0) for c in chunks]
    best = max(score_sentences(question, passages, lexical, fact, asked=asked), key=lambda c: c.score)
    return best.passage.chunk.text[best.start : best.end]


def test_a_name_question_matches_its_subject_not_the_word_for_name():
    # "heter" shares a stem with "Lønnsomhet" and "Viktigheten"; the stage's name is what is asked.
    assert _best("Hva heter trinn 2?").startswith("Trinn 2 Videregående")
    chunks, pages, lexical = _setup()
    answer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=7).answer(
        "Hva heter trinn 2?", [Passage(chunk=c, score=1.0) for c in chunks], pages_of=lambda d: pages,
        lexical=lexical)
    assert "Videregående" in answer.text and "Lønnsomhet" not in answer.text
    assert asked_type("What is stage 2 called?") == "name"


def test_a_sentence_under_its_companys_heading_is_about_that_company():
    assert _best("Hvor mange bedrifter deltok hos Thams Innovasjon?").startswith("Det tok tid, men 16 bedrifter")


def test_a_sentence_not_about_the_names_the_question_gives_scores_lower_whatever_it_asks():
    # An open question ("how did Proneo set up the work?") names Proneo: a sentence that does not, in itself, its
    # heading or its section, scores less than it would for the same question without the name to hold it to.
    chunks, _, lexical = _setup()
    text = "Vi la opp arbeidet som korte samlinger."
    other = Chunk(id="p:0", doc_id="p", position=0, text=text, title="Sluttrapport", section="Resultater",
                  page_start=1, page_end=1, char_start=0, char_end=len(text), language="nb")
    lexical = LexicalIndex([*chunks, other])
    question = "Hvordan la Proneo opp arbeidet?"
    held = Fact(asked_type(question), None, frozenset(), tuple(anchors(question, lexical)))
    assert held.kind is None and held.anchors

    def score(fact: Fact) -> float:
        return score_sentences(question, [Passage(chunk=other, score=1.0)], lexical, fact)[0].score

    assert score(held) < score(Fact(held.kind, held.unit, held.given, ()))


def test_a_follow_up_is_matched_on_its_own_words():
    question = "Hvilke innovasjonsselskaper var med fra starten? Hvilke av dem falt fra etter trinn 1?"
    # "falt fra" is said by "ønsket ikke å delta videre", and "hvilke av dem" asks for the names.
    assert _best(question, asked="Hvilke av dem falt fra etter trinn 1?").startswith("T:lab og Tindved")


def _scored_alone(text: str, question: str, *, unit: bool = False) -> list:
    """The candidates of one chunk holding `text`, scored for `question` in the test corpus plus that chunk."""
    chunks, _, _ = _setup()
    chunk = Chunk(id="x:0", doc_id="x", position=0, text=text, title="Rapport", section="Resultater", page_start=1,
                  page_end=1, char_start=0, char_end=len(text), language="nb")
    lexical = LexicalIndex([*chunks, chunk])
    fact = Fact(asked_type(question), asked_unit(question) if unit else None, frozenset(), ())
    return score_sentences(question, [Passage(chunk=chunk, score=1.0)], lexical, fact)


def test_a_why_question_prefers_the_sentence_giving_a_cause():
    text = "Bøndene er en ny målgruppe i prosjektet. Bøndene er vanskelige å få med, fordi de ikke kan få støtte."
    plain, cause = (c.score for c in _scored_alone(text, "Hvorfor er bøndene en vanskelig målgruppe?"))
    asked_plain, asked_cause = (c.score for c in _scored_alone(text, "Er bøndene en vanskelig målgruppe?"))
    assert cause - plain > asked_cause - asked_plain  # the cause counts only when the question asks why


def test_a_count_is_held_only_by_a_sentence_saying_what_it_counts():
    text = "Bedriftene betalte 12 000 kroner hver. Prosjektet ga 4 nye arbeidsplasser i regionen."

    def typed(question: str) -> list[bool]:
        return [c.typed for c in _scored_alone(text, question, unit=True)]

    assert typed("Hvor mange nye arbeidsplasser ga prosjektet?") == [False, True]
    # A unit after "how many" is no thing the sentence must name.
    assert [c.typed for c in _scored_alone("Prosjektet fikk 4,5 mill. kr fra fylket.",
                                           "Hvor mange millioner fikk prosjektet fra fylket?", unit=True)] == [True]


def test_the_unit_after_a_sentence_skips_a_list_number_and_takes_a_labelled_line():
    text = TEXTS[-1][1]
    after = next_unit(text, text.index("(Estimate)") + len("(Estimate)"))
    assert after is not None and text[after[0] : after[1]] == "Funding sources: Internal, County Council"
    assert next_unit("Første setning. Kort linje\nNeste.", len("Første setning.")) is None  # a cut line


def test_the_best_sentence_holding_the_figure_brings_the_line_after_it():
    chunks, pages, lexical = _setup()
    passages = [Passage(chunk=c, score=1.0) for c in chunks]
    answer = ExtractiveAnswerer(threshold=0.2, typed_threshold=0.6, passages=7).answer(
        "Hva er kostnadsanslaget (costs), og hvem betaler?", passages, pages_of=lambda d: pages, lexical=lexical)
    assert "50-60 000 EUR" in answer.text
    assert "Funding sources: Internal" in answer.text


def test_a_sentence_ending_on_a_stage_number_brings_the_unit_after_it_even_from_the_next_chunk():
    assert ends_on_label("Prosjekt: Et av målene etter gjennomføring av Trinn 2.")
    assert not ends_on_label("Trinn 2 ble gjennomført i 2022.")
    first = "Trinn 3 het Prosjekt. Prosjekt: Et av målene etter gjennomføring av Trinn 2."
    second = ("Prosjekt: Et av målene etter gjennomføring av Trinn 2. Videregående var at dette skulle danne "
              "grunnlag for et lokalt økosystem av småbedrifter.")
    page = first + " " + second
    chunks = [Chunk(id="d:0", doc_id="d", position=0, text=first, title="Sluttrapport", section="Trinn",
                    page_start=1, page_end=1, char_start=0, char_end=len(first), language="nb"),
              Chunk(id="d:1", doc_id="d", position=1, text=second, title="Sluttrapport", section="Trinn",
                    page_start=1, page_end=1, char_start=len(first) + 1, char_end=len(page), language="nb")]
    answer = ExtractiveAnswerer(threshold=0.2, typed_threshold=0.6, passages=1).answer(
        "Hva er målet med trinn 3, prosjekt?", [Passage(chunk=chunks[0], score=1.0)], pages_of=lambda d: [page],
        lexical=LexicalIndex(chunks), neighbours=lambda c: (None, chunks[1]) if c is chunks[0] else (chunks[0], None))
    assert "lokalt økosystem" in answer.text


def test_a_sentence_is_scored_and_quoted_with_the_label_before_it_on_its_line():
    text = ("Trinn 0: Mobilisering. Her blir bedriftene invitert til en samtale med næringshagen.\n"
            "Trinn 1 (Introduksjon): Bedriftene lærer om digital teknologi på to workshops.")
    chunk = Chunk(id="o:0", doc_id="o", position=0, text=text, title="Ordning", section="Struktur", page_start=1,
                  page_end=1, char_start=0, char_end=len(text), language="nb")
    lexical = LexicalIndex([chunk])
    question = "Hva skjer med bedriftene på trinn 0?"
    fact = Fact(asked_type(question), asked_unit(question), given_numbers(question), tuple(anchors(question, lexical)))
    best = max(score_sentences(question, [Passage(chunk=chunk, score=1.0)], lexical, fact), key=lambda c: c.score)
    assert text[best.start : best.end].startswith("Trinn 0: Mobilisering. Her blir bedriftene invitert")


def test_a_label_is_a_few_words_with_a_colon_on_the_sentences_own_line():
    def label(text: str) -> str:
        first = text.index(".") + 1
        return label_before(text, (0, first), first + 1)

    assert label("Trinn 0: Mobilisering. Her blir bedriftene invitert.") == "Trinn 0: Mobilisering."
    assert label("Trinn 0: Mobilisering.\nHer blir bedriftene invitert.") == ""  # a line of its own
    assert label("Ja. Det var bra.") == ""  # no label, only a short sentence


def test_the_lead_in_of_a_sentence_is_the_sentences_before_it_in_its_paragraph():
    text = "Innledning.\n\nNådde vi 400 småbedrifter? Både ja og nei. Vi registrerte 113 på Trinn 1."
    units = [(0, 11), (13, 39), (40, 55), (56, len(text))]
    assert [text[a:b] for a, b in units][1:] == ["Nådde vi 400 småbedrifter?", "Både ja og nei.",
                                                 "Vi registrerte 113 på Trinn 1."]
    assert lead_in(text, units, 3, units[3][0]) == ["Nådde vi 400 småbedrifter?", "Både ja og nei."]
    assert lead_in(text, units, 2, units[1][0]) == []  # "Både ja og nei." quoted with its label
    assert lead_in(text, units, 1, units[1][0]) == []  # the paragraph starts there
    assert lead_in(text, units, 0, 0) == []


def test_passages_are_reranked_by_their_best_sentence():
    # Both passages name the stages; only one states in a sentence how many innovation companies were left after
    # Trinn 1. With equal retrieval scores, the passage holding that sentence goes first, and its score grows.
    chunks, _, lexical = _setup()
    scattered, stating = chunks[5], chunks[4]
    passages = [Passage(chunk=scattered, score=1.0), Passage(chunk=stating, score=1.0)]
    question = "Hvor mange innovasjonsselskaper var igjen etter trinn 1?"
    ranked = ExtractiveAnswerer(sentence_weight=0.25).rank(question, passages, lexical=lexical)
    assert [p.chunk.id for p in ranked] == [stating.id, scattered.id]
    assert ranked[0].score > 1.0
    assert ExtractiveAnswerer().rank(question, passages, lexical=lexical) == passages  # weight 0: as retrieved


def test_a_reason_is_about_what_its_paragraph_named(monkeypatch):
    # The reason does not repeat "Innovasjon Norge"; the sentence before it in its paragraph does, so the reason is not
    # marked down as about something else (its score is the same whatever the mark-down).
    from assistant import sentences
    from assistant.answer import _asked_fact

    question = "Why did Innovation Norway not finance the participation?"
    reason = "Ekstraarbeid og byråkrati for næringshagene gjorde at det ikke ble noe av."
    chunks, _, _ = _setup()

    def score(text: str) -> float:
        chunk = Chunk(id="x:0", doc_id="x", position=0, text=text, title="Rapport", section="Resultater",
                      page_start=1, page_end=1, char_start=0, char_end=len(text), language="nb")
        lexical = LexicalIndex([*chunks, chunk])
        fact = _asked_fact(question, question, lexical, asked_type(question))
        scored = score_sentences(question, [Passage(chunk=chunk, score=1.0)], lexical, fact)
        return next(c.score for c in scored if text[c.start : c.end] == reason)

    paragraph = f"Det ble lagt opp til at Innovasjon Norge skulle finansiere 50% av deltakelsen. {reason}"
    apart = f"Det ble lagt opp til at Innovasjon Norge skulle finansiere 50% av deltakelsen.\n\n{reason}"
    marked = score(paragraph), score(apart)
    monkeypatch.setattr(sentences, "UNANCHORED", 1.0)
    unmarked = score(paragraph), score(apart)
    assert marked[0] == unmarked[0] and marked[1] < unmarked[1]


def test_a_question_asking_two_counts_is_answered_by_a_sentence_counting_either():
    text = "Kurset kostet 12 000 kroner. Hele 235 bedrifter deltok på arrangementene."
    assert [c.typed for c in _scored_alone(text, "Hvor mange personer og hvor mange bedrifter deltok?",
                                           unit=True)] == [False, True]
    assert [c.typed for c in _scored_alone(text, "Hvor mange personer deltok?", unit=True)] == [False, False]


def test_a_bracketed_remark_after_a_sentence_on_its_line_belongs_to_that_sentence():
    text = ("- Mobilisere 400 små- og mikrobedrifter over en periode på 3 år. (50 stk pr NH/INK)\n"
            "- Initiere prosjekter.\n(Tabell 2)\nNeste setning her.")
    assert [text[a:b] for a, b in units_of(text)] == [
        "- Mobilisere 400 små- og mikrobedrifter over en periode på 3 år. (50 stk pr NH/INK)",
        "- Initiere prosjekter.", "(Tabell 2)", "Neste setning her."]  # a remark on a line of its own stays apart
    # A list read on from its introducing line keeps each item's remark.
    items, _ = list_lines("Mål:\n" + text, len("Mål:\n"))
    assert ("Mål:\n" + text)[slice(*items[0])].endswith("(50 stk pr NH/INK)")
