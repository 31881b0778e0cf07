from assistant.compose import (
    asked_type,
    asks_current,
    holds,
    introduces_list,
    list_lines,
)


def test_the_asked_kind_of_fact_is_read_from_the_question():
    assert asked_type("Hvor mye kunne hver næringshage søke om?") == "number"
    assert asked_type("Hvor stort tilskudd kunne hver næringshage få?") == "number"
    assert asked_type("When were steps 2 and 3 scheduled to run?") == "when"
    assert asked_type("Who is the contact person for the action plan?") == "person"  # a person in a role
    assert asked_type("Why was the Advisory Board dropped?") is None
    assert asked_type("What was Minera Skifer's annual revenue?") == "number"  # no word asking "how much"
    assert asked_type("Hvordan økte omsetningen?") is None
    assert asked_type("Which companies increased their turnover?") == "name"  # which ones, not a figure
    # A statement before the question sets the scene; the question proper says what it asks ("4,5 mill. var" goes on).
    assert asked_type("Innovation Norway was to cover half of what the firms paid. Why didn't that happen?") is None
    assert asked_type("Hvor mye av tilsagnet på NOK 4,5 mill. var utbetalt i 2024?") == "number"
    # A choice among named things asks for their names.
    assert asked_type("Which of the innovation companies pulled out after stage 1?") == "name"
    assert asked_type("Hvilke av dem falt fra etter trinn 1?") == "name"
    assert asked_type("Hvilke to bedrifter sto bak nettappen?") == "name"
    assert asked_type("Which companies can apply for REGUT?") is None  # a kind of company may, not named ones
    assert asked_type("Which company pulled out?") == "name" and asked_type("Hvilke typer bedrifter deltok?") is None
    assert asked_type("Which companies took part, and what did they pay?") == "number"  # the figure comes first
    assert asked_type("How much did St. Olavs hospital pay?") == "number"  # no scene: "St." is no full stop
    # "What"/"which" naming a thing asks for that thing; a cost word further on says what it is for.
    assert asked_type("What legal clearance did the county need to cover half of our costs?") is None
    assert asked_type("Hva slags godkjenning trengte fylket for å dekke kostnadene?") is None
    assert asked_type("What was the cost of the film?") == "number"
    assert asked_type("What kind of costs are covered?") == "number"
    # A rate named by a compound ("støttesats") or a ceiling ("maksimal") asks for a figure; "satsing" (an initiative)
    # does not; an opening "when" clause is no question for a date.
    assert asked_type("Hva er maksimal støttesats for BIO-midler i 2025?") == "number"
    assert asked_type("Hva var målet med satsingen?") is None
    assert asked_type("Hvor stor var egeninnsatsen?") == "number" and asked_type("Hva var egeninnsatsen?") is None
    assert asked_type("When budgeting their own hours, what hourly value could they use?") == "number"
    assert asked_type("Når startet trinn 1, og hvor mange deltok?") == "when"
    # A question put with a verb first asks yes or no: its cost words say what it is about, unless it also asks how
    # much, or asks a second thing.
    assert asked_type("Would Proneo join again if the incubators had to cover half the costs themselves?") is None
    assert asked_type("Kan vi få dekket kostnadene?") is None and asked_type("Was the fee 12 000 kr?") is None
    assert asked_type("Can we get support, and how much can we get?") == "number"
    assert asked_type("Is charging a fee wise, and what kind of price has worked?") == "number"
    assert asked_type("Can you tell me what the course cost?") == "number"  # an indirect question for a figure
    assert asked_type("What was the budget? Was it enough?") == "number"
    # A role or "the person" asks for a person's name, not any name.
    assert asked_type("Hva heter personen som ledet styringsgruppa?") == "person"
    assert asked_type("Hvem er regiondirektør i Innovasjon Norge?") == "person"
    assert asked_type("Who was the fee per person paid to?") != "person"


def test_sentences_are_checked_for_the_asked_kind():
    assert holds("Tilskudd på 50% til NH/INK begrenset oppad til 450 000 NOK.", "number")
    assert holds("Trinn 2 og 3 ble gjennomført høsten 2022.", "when")
    assert not holds("Styringsgruppa sluttbehandlet søknadene.", "when")
    # A duration written in words ("tre år") is a figure of a duration; a count in words is no duration.
    assert holds("Prosjektet ble forlenget med tre år i 2022.", "number", unit="duration")
    assert not holds("Prosjektet hadde fire hovedmål i 2022.", "number", unit="duration")
    assert holds("Bedriften har ni ansatte.", "number", unit="count")  # a count written in words
    assert not holds("TI har arrangert workshops for bedriftene.", "number", unit="count")  # TI: Thams Innovasjon
    assert holds("Tilskuddet dekket inntil 60% av kostnadene.", "number", unit="funding")
    assert holds("Fylket bevilget 4,5 millioner NOK.", "number", unit="funding")
    assert not holds("7 regional business gardens took part.", "number", unit="funding")
    # A date and a case number are no figures: "i møte 24.05.2022" is not 2405 kroner.
    assert not holds("Hovedutvalget behandlet saken (sak 62/22) i møte 24.05.2022.", "number")
    assert not holds("Hovedutvalget behandlet oppfølgingssak 62/22 i mai.", "number")
    assert holds("Hovedutvalget bevilget 62 000 kr.", "number")


def test_questions_about_the_present_are_spotted():
    assert asks_current("What's the deadline to apply this year?")
    assert asks_current("Når er neste møte?")
    assert not asks_current("When did Trinn 1 run?")
    assert not asks_current("What did they change for the next step?")  # the next stage as the programme ran
    assert not asks_current("Hva lærte bedriftene på neste trinn?") and asks_current("When is the next round?")


def test_a_sentence_ending_in_a_colon_brings_its_list():
    text = "Følgende basiskrav gjelder:\n- 10 eller flere bedrifter\n- 6 eller flere workshops\n\nNeste avsnitt."
    start = text.index("\n") + 1
    assert introduces_list(text[:start - 1])
    spans, open_ended = list_lines(text, start)
    assert [text[s:e] for s, e in spans] == ["- 10 eller flere bedrifter", "- 6 eller flere workshops"]
    assert not open_ended


def test_when_asks_for_a_time_only_as_the_question_word():
    assert asked_type("Når vedtok politikerne å finansiere hovedprosjektet?") == "when"
    assert asked_type("What is the application deadline?") == "when"
    assert asked_type("Hvordan ble trinn 1 gjennomført når pandemien kom?") is None
    assert asked_type("Which innovation companies signed up when the project started?") == "name"  # not "when"


def test_questions_for_a_person_in_a_role_and_for_compound_budgets_are_read():
    assert asked_type("Hva heter lederen av styringsgruppa?") == "person"
    assert asked_type("Who is the contact person for the action plan?") == "person"
    assert asked_type("Who was on the steering group?") == "name"
    assert asked_type("Hva var totalbudsjettet for prosjektet?") == "number"
    assert asked_type("Hvordan skal egeninnsatsen regnes?") is None  # "innsats" is not "sats"
    assert asked_type("Hvilke områder har fylkeskommunen satset på siden 2005?") is None  # "satset på": invested in
    assert asked_type("Hvilke satser gjelder for BIO?") == "number"
    # A representative or an adviser is a person too; members may be organisations.
    assert asked_type("Hva heter representanten fra Innovasjon Norge i styringsgruppa?") == "person"
    assert asked_type("Who was the adviser for the Oppdal workshops?") == "person"
    assert asked_type("Hvem var medlemmene i styringsgruppa?") == "name"


def test_the_unit_of_the_asked_figure_is_read_and_two_questions_take_any():
    from assistant.compose import asked_unit, asks_several

    assert asked_unit("What hourly rate did the partners charge?") == "hourly"
    assert asked_unit("How big a share did the grants cover?") == "percent"
    assert asked_unit("Hvor stor del av bedriftene har færre enn ti ansatte?") == "percent"
    assert asked_unit("How much of the training cost did the grant cover?") == "percent"  # a share of a named cost
    assert asked_unit("What is the maximum grant budget?") == "currency"
    assert asked_unit("What is the maximum grant in kroner?") == "kroner"  # the currency named
    # A grant is a sum or a share, never a count: "7 regional business gardens" answers no funding question.
    assert asked_unit("How much Interreg funding did the county receive?") == "funding"
    assert asked_unit("Hvor stort tilskudd kan en bedrift få?") == "funding"
    assert asked_unit("How many companies got funding?") == "count"
    # ... and so is a payment ("400 small companies" is no fee)
    assert asked_unit("Hvor mye skal hver bedrift betale for å være med?") == "funding"
    assert asked_unit("How much did each company pay?") == "funding"
    assert asked_unit("Hvor mye fikk Tindved Kulturhage utbetalt?") == "funding"  # a pay-out: "13 10" is no sum
    assert asked_unit("How many hours of guidance did each company get?") == "duration"
    assert asked_unit("How much did the county pay in NOK?") == "kroner"
    assert asked_unit("Hvor mange kroner kan en bedrift få?") == "kroner"  # not a count, nor a count or a sum
    assert asked_unit("How many euros did the project cost?") == "kroner"
    assert asked_unit("Fikk de nok penger?") == "currency"  # "nok" is enough
    # A share of a cost is a percentage, though "cost" alone asks for a sum.
    assert asked_unit("How much of the cost of the training could a company get covered?") == "percent"
    assert asked_unit("Hvor stor del av kostnadene må bedriften dekke selv?") == "percent"
    assert asked_unit("How much of the budget went to workshops?") == "currency"
    assert asked_unit("Hvor mange bedrifter deltok?") == "count"
    assert asked_unit("What is the maximum number of employees a company can have?") == "count"
    assert asked_unit("How long did the pre-project run and what did it cost?") is None
    assert asked_unit("How much did the county spend on the film?") == "currency"  # "20 min" is no answer
    # "What did X have to pay?" asks for a sum or a share as "how much did X pay?" does; "pay for" asks for a thing.
    assert asked_unit("Roughly what did a small firm have to pay out of pocket to join stage 2?") == "funding"
    assert asked_unit("Hva måtte bedriftene betale?") == "funding"
    assert asked_type("What did the companies pay for?") is None
    assert asks_several("Hva kostet den, og hvem betaler?")
    assert not asks_several("Which companies signed up when the project started?")


def test_a_count_written_in_words_before_what_it_counts_holds_a_count():
    assert holds("local organisations: five business gardens and three business incubators.", "number", unit="count")
    assert holds("Det deltok åtte bedrifter fra Fosen.", "number", unit="count")
    assert not holds("It took three of them and went to the office.", "number", unit="count")
    assert not holds("five business gardens", "number", unit="currency")


def test_a_figure_must_have_the_asked_unit_and_not_be_a_label_or_given():
    from assistant.compose import given_numbers

    assert holds("Egeninnsatsen kan ta utgangspunkt i 500 kr/time.", "number", unit="hourly")
    assert not holds("Bedriftene betalte inntil 12 000 kr.", "number", unit="hourly")
    assert holds("som da hadde inntil 60% tilskudd", "number", unit="percent")
    assert not holds("som da hadde inntil 60% tilskudd", "number", unit="currency")
    assert holds("Eierne har nå investert 650 000 i et vekstprosjekt.", "number", unit="currency")
    # A bare figure may be a sum of money, but not when the question asks for one written in kroner.
    assert not holds("Eierne har nå investert 650 000 i et vekstprosjekt.", "number", unit="kroner")
    assert holds("Bedriftene betalte inntil 12 000 kr.", "number", unit="kroner")
    assert holds("finansierte prosjektet med kr 600 000", "number", unit="kroner")
    assert not holds("Prosjektets Trinn 2/3 ble endret i 2022.", "number")  # a label and a year
    given = given_numbers("Hvor mange av de 20 bedriftene deltok på trinn 2 og 3?")
    assert not holds("Det var 20 av dem.", "number", unit="count", given=given)  # the question's own figure
    assert holds("Det var 16 av dem.", "number", unit="count", given=given)
    # A label's number is not given: "2t" may answer how long a stage 2 workshop is; "Workshop 2" is a label.
    assert given_numbers("Hvor lang er økta på trinn 2/3 i Industri 4.0?") == frozenset()
    assert holds("En halv workshop (2t eller mer) med tema datasikkerhet.", "number", unit="duration",
                 given=given_numbers("Hvor lang er økta på trinn 2?"))
    assert not holds("Tema var spesielt aktuelt i Workshop 2.", "number")
    assert holds("Trinn 1 ble gjennomført under pandemien, og mer enn hundre bedrifter deltok.", "number",
                 unit="count")


def test_a_person_is_a_name_that_is_not_an_organisation_or_a_title():
    assert holds("Contact person: Eistein Guldseth", "person")
    assert holds("by an external expert (PhD Mr. Lars Molden, Nord University)", "person")
    assert not holds("Her var 1 representant for SIVA og 1 fra Innovasjon Norge.", "person")
    assert not holds("Søknadene ble først gjennomgått av Advisory Board.", "person")


def test_the_name_of_a_stage_counts_as_a_name():
    assert holds("Vi er godt i gang med Trinn 2; «Avansert» og Trinn 3; «Prosjekt».", "name")
    assert holds("Trinn 2 Videregående: Avansert workshop/casebasert arbeid.", "name")
    assert not holds("Trinn 2 ble gjennomført etter trinn 1.", "name")


def _answer_over(question: str, texts: list[str]):
    from assistant.answer import ExtractiveAnswerer
    from assistant.lexical import LexicalIndex
    from assistant.models import Passage
    from ingest.models import Chunk

    chunks = [Chunk(id=f"r:{i}", doc_id="r", position=i, text=t, title="Sluttrapport", section="Finansiering",
                    page_start=i + 1, page_end=i + 1, char_start=0, char_end=len(t), language="nb")
              for i, t in enumerate(texts)]
    filler = [Chunk(id=f"f:{i}", doc_id="f", position=i, text=f"Digitalisering i region {i}.", title="Annet",
                    section="", page_start=1, page_end=1, char_start=0, char_end=26, language="nb") for i in range(6)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=5)
    return answerer.answer(question, [Passage(chunk=c, score=1.0) for c in chunks], pages_of=lambda d: texts,
                           lexical=LexicalIndex([*chunks, *filler]))


def test_a_figure_about_another_fund_than_the_one_asked_about_is_left_out_and_the_best_match_leads():
    answer = _answer_over("Hvor mye tilskudd kan bedriftene få i BIO-midler?", [
        "Innovasjonsselskapene kunne få inntil 50 % tilskudd fra REGUT-midler til kursutvikling.",
        "Bedriftene kunne få inntil 60 % tilskudd gjennom BIO-midler til intern opplæring.",
    ])
    assert not answer.abstained
    assert "60 %" in answer.text and "50 %" not in answer.text
    assert answer.text.splitlines()[1].startswith("- Bedriftene kunne få inntil 60 %")


def test_a_figure_matching_only_the_words_that_ask_for_it_is_not_the_answer():
    # "Det kostet 50 000 EUR" matches "kostet" and holds an amount, but says nothing about the film.
    answer = _answer_over("Hva kostet filmen?", [
        "Det kostet 50 000 EUR (anslag).",
        "Filmen varer 20 minutter og viser deltakerne i arbeid.",
    ])
    assert answer.abstained
    assert "50 000" not in answer.text


def test_the_figure_stated_about_the_asked_subject_is_still_answered():
    answer = _answer_over("Hva kostet minidokumentarfilmen?", [
        "Minidokumentarfilmen kostet 250 000 kr å produsere.",
        "Kostnader: 50 000 EUR for kartleggingen av bedriftene.",
    ])
    assert not answer.abstained
    assert "250 000" in answer.text


def test_a_figure_about_something_far_off_the_asked_subject_is_left_out_beside_the_one_about_it():
    # The robot's cost matches "kostet" and "produsere" only; the budget line is about the film.
    answer = _answer_over("Hva kostet det å produsere den korte dokumentarfilmen?", [
        "Studentene laget en robot som gjorde det raskere å produsere stoler, og den kostet 5000 kr.",
        "Budsjett for prosjektet\nKort dokumentarfilm: kr 250 000",
        "Bedriftene vil produsere mer.",
    ])
    assert not answer.abstained
    assert "250 000" in answer.text and "5000" not in answer.text


def test_the_names_saying_where_to_look_need_not_stand_beside_the_figure():
    from assistant.answer import _asked_fact
    from assistant.lexical import LexicalIndex
    from ingest.models import Chunk

    texts = ["Interreg Europe Skills+ ga prosjekter. Fylket betalte 450 000 kr.",
             *(f"Digitalisering i region {i}." for i in range(4))]
    lexical = LexicalIndex([Chunk(id=f"a:{i}", doc_id="a", position=i, text=t, title="Artikkel", section="",
                                  page_start=1, page_end=1, char_start=0, char_end=len(t), language="nb")
                            for i, t in enumerate(texts)])
    question = "Ifølge Interreg Europe-artikkelen, hvor mye betalte fylket?"
    assert not [a.word for a in _asked_fact(question, question, lexical, "number").anchors]
    question = "Ifølge sluttrapporten hvor mye betalte Interreg Europe?"  # no comma: the source is one word
    assert "Interreg" in [a.word for a in _asked_fact(question, question, lexical, "number").anchors]


def test_a_figure_asked_in_a_part_without_names_is_about_one_name_of_the_other_part():
    from assistant.answer import _asked_fact
    from assistant.compose import asking_clause
    from assistant.lexical import LexicalIndex
    from assistant.sentences import names_all
    from ingest.models import Chunk

    texts = ["Otretek har 29 ansatte.", "NTNU har studenter.", "European Digital Innovation Hub i Trøndelag.",
             *(f"Digitalisering i region {i}." for i in range(6))]
    lexical = LexicalIndex([Chunk(id=f"a:{i}", doc_id="a", position=i, text=t, title="Rapport", section="",
                                  page_start=1, page_end=1, char_start=0, char_end=len(t), language="nb")
                            for i, t in enumerate(texts)])
    question = "Hva lagde NTNU-studentene for Otretek, og hvor mye raskere ble arbeidet?"
    assert question[slice(*asking_clause(question, "number"))] == "og hvor mye raskere ble arbeidet?"
    fact = _asked_fact(question, question, lexical, "number")
    assert names_all(fact, "Otretek: prototypen var 40% raskere.")  # one of the names will do
    assert not names_all(fact, "Prototypen var 40% raskere.")
    # A name of several words is one name: all of them must stand beside the figure.
    question = "Was the application for a European Digital Innovation Hub approved, and how much did it get?"
    fact = _asked_fact(question, question, lexical, "number")
    assert not names_all(fact, "Digital innovation: each business garden may get 350 000.")
    assert names_all(fact, "The European Digital Innovation Hub got 2 million.")
    # The names in the asking part itself are the ones the figure is about.
    question = "Hva lagde studentene for NTNU, og hvor mange ansatte har Otretek?"
    assert [a.word for a in _asked_fact(question, question, lexical, "number").anchors] == ["Otretek"]
    assert asking_clause("Hvor mange ansatte har Otretek?", "number") is None  # one question: every name counts


def test_a_sentence_pointed_back_to_is_left_out_when_its_figure_is_about_another_name():
    answer = _answer_over("Hvor mye fikk Proneo i tilskudd fra fylkeskommunen?", [
        ("Thams Innovasjon fikk et tilskudd på 300 000 kroner fra fylkeskommunen. I tillegg fikk Proneo et tilskudd "
         "på 500 000 kroner fra fylkeskommunen."),
    ])
    assert "500 000" in answer.text and "300 000" not in answer.text


def test_an_email_address_is_given_only_for_the_person_asked_about():
    texts = ["Kontaktperson: Eistein Guldseth, e-post: eisgu@example.no, telefon: +47 41 47 48 26.",
             "Gard Erik Sandbakken ledet arbeidet i Rørosregionen Næringshage."]
    asked_other = _answer_over("Hva er e-postadressen til Gard Erik Sandbakken?", texts)
    assert asked_other.abstained and "eisgu@" not in asked_other.text
    asked_right = _answer_over("Hva er e-postadressen til Eistein Guldseth?", texts)
    assert not asked_right.abstained and "eisgu@example.no" in asked_right.text


def test_a_budget_divided_between_phases_is_answered_with_the_fractions():
    answer = _answer_over("Hvordan er budsjettet fordelt mellom fase 1 og fase 2?", [
        "⅔ av budsjettet er fordelt til fase 1, og resterende ⅓ til fase 2.",
        "Budsjettet for hovedprosjektet er brutt ned i delprosjekter.",
    ])
    assert not answer.abstained
    assert "⅔" in answer.text and "⅓" in answer.text


def test_a_phrase_of_the_question_is_one_concept_not_its_words_apart():
    # "dropped out" is "falt fra"; "dropped" alone would match "avviklet" (a body done away with).
    answer = _answer_over("Why have so many participants dropped out of the courses?", [
        "Advisory Board ble avviklet etter trinn 1.",
        "Mange deltakere falt fra kursene fordi kursene var for billige.",
    ])
    assert not answer.abstained
    assert answer.text.splitlines()[1].startswith("- Mange deltakere falt fra kursene")
    assert "avviklet" not in answer.text


def test_a_best_sentence_that_points_back_brings_the_sentences_it_points_to():
    # "derfor" says the reason is in the sentence before, and that one's "Dette" in the one before it.
    text = ("Trinn 2 startet høsten 2022. Noen innovasjonsselskaper mistet nøkkelpersonell underveis. Dette var "
            "utfordrende for samarbeidet mellom partnerne. Gjennomføringen tok derfor lenger tid for noen "
            "innovasjonsselskaper enn andre.")
    answer = _answer_over("Hvorfor tok gjennomføringen lenger tid for noen innovasjonsselskaper?", [text])
    assert not answer.abstained
    lines = answer.text.splitlines()[1:]
    assert lines[0].startswith("- Noen innovasjonsselskaper mistet nøkkelpersonell")
    assert lines[1].startswith("- Dette var utfordrende") and lines[2].startswith("- Gjennomføringen tok derfor")
    assert "høsten 2022" not in answer.text  # a sentence nothing points back to stays out


def test_what_points_back_is_read_from_a_sentences_first_words_and_footnotes_point_elsewhere():
    from assistant.answer import _antecedents
    from assistant.sentences import refers_back

    assert refers_back("Gjennomføringen tok derfor lenger tid.") and refers_back("This meant fewer companies.")
    assert refers_back("Basert på dette kunnskapsgrunnlaget ble Nord Universitet engasjert.")
    assert not refers_back("Det var relativt få bedrifter som ble med videre.")
    assert not refers_back("Bedriftene ble valgt ut, og i etterkant av dette ble planen endret.")  # too far in
    # "It" and what it caused, and "in addition", lean on the sentence before; "det" alone does not.
    assert refers_back("Det gav rom for å øke tilskuddsrammen.") and refers_back("It meant a higher fee.")
    assert refers_back("I tillegg trakk to innovasjonsselskaper seg.")
    assert refers_back("Det tilsvarer ca 23% av regionens ansatte totalt.")  # what the figure before amounts to
    assert not refers_back("Det er forventet at SIVA vil følge opp.")
    chain = ("Kursene gikk bra. På trinn 1 ble ikke alle midler brukt opp. I tillegg trakk to selskaper seg. "
             "Det gav rom for å øke rammen.")
    start = chain.index("Det gav")
    assert [chain[a:b] for a, b in _antecedents(chain, start, len(chain))] == [
        "På trinn 1 ble ikke alle midler brukt opp.", "I tillegg trakk to selskaper seg."]
    footnote = "Det ble nevnt i FoU-rapporten som et viktig tiltak. ⁵ Dette gikk vi bort fra etter Trinn 1."
    start = footnote.index("⁵")
    assert _antecedents(footnote, start, len(footnote)) == []
    paragraphs = "Noen mistet nøkkelpersonell underveis.\n\nDette var utfordrende for alle partnerne."
    start = paragraphs.index("Dette")
    assert _antecedents(paragraphs, start, len(paragraphs)) == []  # not across a paragraph break


def test_a_quoted_sentence_brings_the_sentence_after_it_that_points_back_to_it():
    # A figure question: only the best sentence brings its successor whatever it says; the second quoted one
    # brings "Derfor ..." because it points back to it, and not a sentence that merely follows.
    answer = _answer_over("Hvor stor kursavgift betalte bedriftene?", [
        "Bedriftene betalte en kursavgift på 12 000 kr hver for Trinn 2. Fylket hadde også andre ordninger.",
        "På Trinn 1 betalte bedriftene 10 000 kroner i kursavgift. Derfor meldte færre seg på. Workshopene ble holdt på Teams.",
    ])
    assert not answer.abstained
    assert "10 000" in answer.text and "Derfor meldte færre seg på." in answer.text
    assert "Teams" not in answer.text


def test_a_list_cut_by_the_chunk_end_is_read_on_in_the_next_chunk_past_the_lines_both_hold():
    from assistant.answer import _list_items
    from ingest.models import Chunk

    first = "Bakgrunn for prosjektet.\nProsjektet hadde fire hovedmål:\n1.  Økt kompetanse i småbedriftene."
    # The chunks overlap: the next one opens with the sentence and the first item again.
    second = ("Prosjektet hadde fire hovedmål:\n1.  Økt kompetanse i småbedriftene.\n2.  Økt kompetanse i "
              "innovasjonsselskapene.\n3.  Lokale økosystem.\n4.  Større innsikt for fylket.\nFoto: workshop.")
    chunks = [Chunk(id=f"d:{i}", doc_id="d", position=i, text=t, title="", section="", page_start=1, page_end=1,
                    char_start=0, char_end=len(t), language="nb") for i, t in enumerate((first, second))]
    start = first.index("Prosjektet")
    items = _list_items(chunks[0], start, first.index("\n1."), lambda c: (None, chunks[1]))
    assert [c.text[s:e].split()[0] for c, s, e in items] == ["1.", "2.", "3.", "4."]
    assert items[0][0] is chunks[0] and all(c is chunks[1] for c, _, _ in items[1:])


def test_a_figure_asked_for_a_year_must_be_stated_with_that_year():
    other_years = ["Deltakeravgiften var 25 000 kr pr bedrift, inkludert medlemskap i Klimapartner.",
                   "I 2023 betalte fylkeskommunen 40 000 kr til Klimapartner for klimaregnskap.",
                   "Prosjektet ble avsluttet våren 2024 med en sluttkonferanse."]  # 2024 is no unknown year
    answer = _answer_over("Hvor mye betalte fylkeskommunen til Klimapartner i 2024?", other_years)
    assert answer.abstained and "40 000" not in answer.text and "25 000" not in answer.text
    answer = _answer_over("Hvor mye betalte fylkeskommunen til Klimapartner i 2024?",
                          [*other_years, "I 2024 betalte fylkeskommunen 30 000 kr til Klimapartner."])
    assert not answer.abstained and "30 000" in answer.text


def test_review_cases_for_markers_labels_counts_and_the_next_phase():
    from assistant.compose import asked_unit, figures
    from assistant.timebound import unsettled

    assert figures("Totalt 4 500 000² kroner.")[0][0] == "4 500 000"  # a footnote marker is no digit of it
    assert figures("I utviklingsfase 2 deltok bedriftene.") == [] and figures("Varehandel 5 butikker")
    # A day of a month and a section's number are no figures; a sum opening a line still is.
    assert [f[0] for f in figures("Hovedutvalget ber i sak 18/22 den 16. februar i 2022 om følgende:")] == ["2022"]
    assert figures("3.3 Evaluering av Trinn 1.") == [] and figures("1.2 Mill kr ble brukt.")[0][0] == "1.2"
    # "Without it costing us anything" asks for no figure; an average or a score does.
    assert asked_type("Can a bank run a workshop for us without it costing us anything?") is None
    assert asked_type("Finnes det banker som holder en workshop uten at det koster oss noe?") is None
    assert asked_type("What average satisfaction score did the companies give stage 1?") == "number"
    assert not holds("The fire safety course was held in May.", "number", unit="count")
    assert not holds("Ti prosent av midlene gikk til kurs.", "number", unit="count")
    assert asked_unit("How much did it cost, compared to a number of companies?") == "currency"
    question = "Hvor mye kan vi søke om i neste fase?"  # a figure for the next phase is one no document knows
    assert unsettled(question, kind=asked_type(question), missing=[]) == ("rate", "")


def test_a_row_of_an_accounts_table_answers_for_the_year_its_introducing_line_names():
    # The row states the figure without a currency or the year: "Årsoppgjør 2024:" above it gives the year, "NOK" in
    # the question is a unit, not a name the figure must stand beside, and a row is no fragment when it holds the
    # asked figure.
    answer = _answer_over("Hvor mye av tilsagnet på NOK 4,5 mill. var utbetalt i 2024?", [
        ("Regnskap for prosjektet.\nÅrsoppgjør 2024:\nTilsagn 4 500 000,00\nUtbetalt fra tilsagnet -2 068 334,00\n"
         "Rest på tilsagnet 2 431 666,00"),
        "Fylket bevilget NOK 4,5 mill. til prosjektet, og regnskapet for 2024 er ført av fylkeskommunen.",
    ])
    assert not answer.abstained
    assert answer.text.splitlines()[1].startswith("- Utbetalt fra tilsagnet -2 068 334,00"), answer.text


def test_a_share_for_another_bound_than_the_asked_one_is_no_answer():
    question = "Hvor stor andel av bedriftene har færre enn fem ansatte?"
    aside = "Fem av næringshagene holdt færre samlinger, og andelen ansatte som deltok var høy."
    other = _answer_over(question, ["96 % av bedriftene i Trøndelag har under 20 ansatte, og mange finnes i distriktene.",
                                    aside])
    assert other.abstained and "oppgir ikke" in other.text
    same = _answer_over(question, ["Hele 70 % av bedriftene i Trøndelag har under 5 ansatte, og mange finnes i distriktene.",
                                   aside])
    assert not same.abstained and "70 %" in same.text


def test_a_table_row_takes_the_year_only_from_the_line_introducing_its_own_run_of_rows():
    # "Budsjett 2025" ends the 2024 rows: the row under it is no 2024 figure.
    answer = _answer_over("Hvor mye ble utbetalt fra tilsagnet i 2024?", [
        "Regnskap for prosjektet.\nÅrsoppgjør 2024:\nTilsagn 4 500 000,00\nBudsjett 2025\nUtbetalt fra tilsagnet 1 000 000,00",
    ])
    assert "1 000 000" not in answer.text


def test_a_span_of_time_or_a_sum_is_no_bound_on_what_is_counted():
    from assistant.sentences import bounds_of

    assert bounds_of("How many firms took part over two years?") == frozenset()
    assert bounds_of("Kan vi få mer enn 100 000 kroner?") == frozenset()
    assert bounds_of("How many firms with more than 50 employees took part?") == {"50"}
    assert bounds_of("Hvor mange bedrifter har under ti ansatte?") == {"10"}


def test_a_sentence_the_documents_repeat_with_a_word_changed_is_quoted_once_unless_a_figure_differs():
    repeated = _answer_over("Hvilke støtteordninger kan finansiere innovasjonsselskapenes rolle?", [
        "Det er, så vidt INAM kan se, kun fylkeskommunens støtteordninger som kan finansiere innovasjonsselskapenes rolle.",
        "Det er også, så vidt INAM kan se, kun fylkeskommunens støtteordninger som kan finansiere innovasjonsselskapenes rolle.",
    ])
    assert not repeated.abstained and len(repeated.citations) == 1
    differing = _answer_over("Hvor mange bedrifter deltok på Trinn 1 i Industri 4.0-prosjektet?", [
        "Totalt deltok 113 bedrifter på Trinn 1 i Industri 4.0-prosjektet i hele Trøndelag.",
        "Totalt deltok 116 bedrifter på Trinn 1 i Industri 4.0-prosjektet i hele Trøndelag.",
    ])
    assert "113" in differing.text and "116" in differing.text


def test_a_pdf_table_row_is_read_and_quoted_with_its_column_labels_and_without_the_next_row():
    table = ("Tabell 1: Antall deltakere Trinn 1.\n"
             "Næringshage/Inkubator Tema Beskrivelse Deltakere* Bedrifter*\n"
             "Rørosregionen NH Handel Forts. av prosjektet\n2017/18/19\n21 12\n"
             "Proneo Landbruk Sirkulærøkonomi/digitalisering i\nmatproduksjon.\n18 14\n"
             "NH i Orkdalsregionen Treindustri Trebedriftene i Meldal og Rindal.\n45 22")
    answer = _answer_over("Hvilket tema hadde Proneo, og hvor mange bedrifter var med?", [
        table, "Proneo har jobbet med mange bedrifter på Innherred over flere år."])
    assert not answer.abstained
    lines = answer.text.splitlines()
    labels = next(i for i, line in enumerate(lines) if line.startswith("- Næringshage/Inkubator Tema"))
    assert lines[labels + 1].startswith("- Proneo Landbruk") and "18 14" in lines[labels + 1]
    assert "45 22" not in answer.text and "21 12" not in answer.text


def test_each_part_of_a_question_asking_two_things_gets_its_best_sentence():
    from assistant.answer import ExtractiveAnswerer
    from assistant.compose import question_parts
    from assistant.lexical import LexicalIndex
    from assistant.models import Passage
    from ingest.models import Chunk

    assert question_parts("Hva er CaseSys, og hvem utviklet løsningen?") == ["Hva er CaseSys", "og hvem utviklet løsningen?"]
    assert question_parts("Why was it hard? Was something else pulling them away?") == [
        "Why was it hard?", "Was something else pulling them away?"]
    assert question_parts("Who signed off — which organisations were in that group?") == [
        "Who signed off", "which organisations were in that group?"]
    assert question_parts("How much did it cost, and why?") == []  # "and why?" asks nothing of its own
    assert question_parts("Which companies signed up when the project started?") == []
    # The sentences matching the whole question best answer its first part only; the second part's own best
    # sentence is quoted too, though the answer's two places are taken.
    texts = ["CaseSys er en web-applikasjon for problemløsning i produksjonsbedrifter.",
             ("CaseSys brukes til idéutvikling i produksjonsbedrifter. CaseSys er en applikasjon for rutiner i "
              "produksjonsbedrifter."),
             "Løsningen ble utviklet fordi bedriftene manglet et felles verktøy."]
    chunks = [Chunk(id=f"r:{i}", doc_id="r", position=i, text=t, title="Sluttrapport", section="Resultater",
                    page_start=i + 1, page_end=i + 1, char_start=0, char_end=len(t), language="nb")
              for i, t in enumerate(texts)]
    filler = [Chunk(id=f"f:{i}", doc_id="f", position=i, text=f"Digitalisering i region {i}.", title="Annet",
                    section="", page_start=1, page_end=1, char_start=0, char_end=26, language="nb") for i in range(6)]
    answerer = ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=5, max_sentences=2, follow_on=False)
    answer = answerer.answer("Hva er CaseSys for produksjonsbedrifter, og hvorfor ble løsningen utviklet?",
                             [Passage(chunk=c, score=1.0) for c in chunks], pages_of=lambda d: texts,
                             lexical=LexicalIndex([*chunks, *filler]))
    assert "Løsningen ble utviklet fordi" in answer.text
    assert "CaseSys brukes til idéutvikling" in answer.text


def test_a_name_in_quotes_after_the_sentence_describing_it_is_quoted_with_it():
    from assistant.sentences import names_it

    assert names_it("«Green Flyway».") and names_it('"CaseSys"') and not names_it("«Green Flyway» ble startet i 2024.")
    answer = _answer_over("Hvilket prosjekt med droner og fly ble satt i gang?", [
        ("RNH har satt i gang flere digitale prosjekter i ettertid. Det ene er et stort prosjekt i elektrifisering av "
         "logistikk – droner og fly. «Green Flyway». Et annet er et tilbud til åtte lokale bedrifter.")])
    assert "«Green Flyway»" in answer.text


def test_a_quoted_name_follows_a_sentence_that_is_not_among_the_best_two():
    # The two best sentences bring their successors anyway; a third brings only one that points back to it or names
    # what it describes.
    answer = _answer_over("Hvilke digitale prosjekter har næringshagen startet i regionen, og hva med droner?", [
        "Rørosregionen Næringshage har satt i gang flere digitale prosjekter for bedriftene i regionen etter programmet.",
        "Næringshagen startet digitale prosjekter for reiselivsbedrifter og for handelsbedrifter i regionen.",
        "Det ene er et prosjekt om logistikk med droner. «Green Flyway». Et annet er et kurs."])
    lines = answer.text.splitlines()
    assert lines.index("- «Green Flyway». [4]") == lines.index("- Det ene er et prosjekt om logistikk med droner. [3]") + 1


def test_a_number_the_question_writes_out_is_given_not_asked():
    from assistant.compose import given_numbers

    assert given_numbers("Hvor stor del av bedriftene har færre enn ti ansatte?") == {"10"}
    assert given_numbers("How many firms had fewer than ten employees in 2 regions?") == {"10", "2"}
    assert given_numbers("Hvor mange kurs holdt TI?") == frozenset()  # Thams Innovasjon, not "ti"


def test_a_figure_asked_after_a_scene_setting_statement_may_stand_with_any_name_it_gives():
    # "The NTNU students tested a camera at Minera Skifer. How much ...?": the figure's sentence names Minera Skifer
    # but not NTNU.
    answer = _answer_over("NTNU-studentene testet et kamera hos Minera Skifer. Hvor mye mer produkt ble pakket på hver pall?", [
        "Testkjøring avdekket at Minera Skifer pakket inntil 26% mer produkt på hver pall enn nødvendig.",
        "Studentene fra NTNU testet et webkamera og sensorer."])
    assert not answer.abstained and "26%" in answer.text


def test_a_line_is_what_the_sentence_introducing_it_says_it_is_and_is_quoted_with_it():
    answer = _answer_over("Hvor mye av støtten går til NH og INK når utviklingsarenaen er trukket fra?", [
        ("Støtten som går til NH og INK vil da utgjøre:\n\n4,5 mill - 300.000 (felles utviklingsarena) = 4.2 mill\n\n"
         "av finansieringen fra fylkeskommunen."),
        "Møteplassene for næringsapparatet dekkes i sin helhet av fylkeskommunen."])
    lines = answer.text.splitlines()
    assert not answer.abstained
    intro = next(i for i, line in enumerate(lines) if line.startswith("- Støtten som går til NH og INK"))
    assert "= 4.2 mill" in lines[intro + 1], answer.text


def test_a_table_row_whose_labels_the_chunker_left_in_the_chunk_before_is_read_and_quoted_with_them():
    from assistant.answer import ExtractiveAnswerer
    from assistant.lexical import LexicalIndex
    from assistant.models import Passage
    from ingest.models import Chunk

    first = ("Tabell 1: Antall deltakere Trinn 1.\n"
             "Næringshage/Inkubator Tema Beskrivelse Deltakere* Bedrifter*\n"
             "Proneo Landbruk Sirkulærøkonomi/digitalisering i\nmatproduksjon.\n18 14")
    second = ("Proneo Landbruk Sirkulærøkonomi/digitalisering i\nmatproduksjon.\n18 14\n"
              "Tindved Kulturhage Kulturnæring Kulturnæringene på Innherred. 13 10\n"
              "T:lab Næringsmiddel Næringsmiddel, logistikk.\n15 7")
    page = first + "\n" + second
    chunks = [Chunk(id=f"r:{i}", doc_id="r", position=i, text=t, title="Sluttrapport", section="Evaluering",
                    page_start=1, page_end=1, char_start=at, char_end=at + len(t), language="nb")
              for i, (t, at) in enumerate([(first, 0), (second, len(first) + 1)])]
    filler = [Chunk(id=f"f:{i}", doc_id="f", position=i, text=f"Digitalisering i region {i}.", title="Annet",
                    section="", page_start=1, page_end=1, char_start=0, char_end=26, language="nb") for i in range(6)]

    def answer(neighbours):
        return ExtractiveAnswerer(threshold=0.3, typed_threshold=0.6, passages=5).answer(
            "Hvor mange deltakere og hvor mange bedrifter var med hos Tindved Kulturhage?",
            [Passage(chunk=chunks[1], score=1.0)], pages_of=lambda d: [page], lexical=LexicalIndex([*chunks, *filler]),
            neighbours=neighbours)

    # Without the chunk before, "13 10" says nothing of what it counts: the figure is not given.
    assert answer(None).abstained
    found = answer(lambda c: (chunks[0], None) if c is chunks[1] else (None, chunks[1]))
    assert not found.abstained, found.text
    lines = found.text.splitlines()
    labels = next(i for i, line in enumerate(lines) if line.startswith("- Næringshage/Inkubator Tema"))
    assert lines[labels + 1].startswith("- Tindved Kulturhage") and "13 10" in lines[labels + 1]
