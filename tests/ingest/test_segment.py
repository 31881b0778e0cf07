from ingest.segment import sentence_spans


def texts(t: str) -> list[str]:
    return [t[a:b] for a, b in sentence_spans(t)]


def test_wrapped_lines_stay_one_sentence():
    t = "Finansieringen fra fylkeskommunen var på 4,5 mill. NOK. Det ble opprettet en egen\nsøknadsordning kun for dem."
    assert texts(t) == ["Finansieringen fra fylkeskommunen var på 4,5 mill. NOK.",
                        "Det ble opprettet en egen\nsøknadsordning kun for dem."]


def test_ordinals_and_abbreviations_do_not_end_sentences():
    assert texts("Så på 5. trinn var det bra. Ca. 10 stk. kom.") == ["Så på 5. trinn var det bra.", "Ca. 10 stk. kom."]


def test_number_then_capital_ends_sentence():
    assert texts("redusert fra 7 til 5. T:lab ble med.") == ["redusert fra 7 til 5.", "T:lab ble med."]


def test_bullets_table_rows_and_titles_are_units():
    t = "Noen resultater:\n• punkt en\n• punkt to\nA | B\nx: 1 | y: 2\nOceanize\nBedriften fikk hjelp."
    assert texts(t) == ["Noen resultater:", "• punkt en", "• punkt to", "A | B", "x: 1 | y: 2", "Oceanize",
                        "Bedriften fikk hjelp."]


def test_spans_are_exact_slices_and_long_units_are_cut():
    t = "ord " * 400
    spans = sentence_spans(t)
    assert len(spans) > 1 and all(b - a <= 600 for a, b in spans)
    assert all(t[a:b].strip() == t[a:b] for a, b in spans)


def test_a_line_ending_on_a_label_word_continues_on_the_next_lines_number():
    t = "Prosjektet hadde tre trinn. Trinn\n2 og 3 ble slått sammen etter Trinn 1.\nKrav:\n2 workshops."
    assert texts(t) == ["Prosjektet hadde tre trinn.", "Trinn\n2 og 3 ble slått sammen etter Trinn 1.", "Krav:",
                        "2 workshops."]


def test_a_line_ending_on_a_programme_name_continues_on_its_version_number():
    t = "Fylket utviklet prosjektet Industri\n4.0 Trøndelag for SMB.\n2.1 Organisering\nStyringsgruppa ledet."
    assert texts(t) == ["Fylket utviklet prosjektet Industri\n4.0 Trøndelag for SMB.", "2.1 Organisering",
                        "Styringsgruppa ledet."]


def test_a_number_wrapped_inside_its_thousands_groups_stays_one_sentence():
    t = "Prosjektet har gjenstående ca NOK 1 849\n000 på konto etter ferdig prosjekt.\nTiltak i 2024:\n100 bedrifter deltok."
    assert texts(t) == ["Prosjektet har gjenstående ca NOK 1 849\n000 på konto etter ferdig prosjekt.", "Tiltak i 2024:",
                        "100 bedrifter deltok."]


def test_a_short_line_ending_on_a_preposition_or_conjunction_is_no_title():
    # A table cell wrapped over lines: "i" leaves the phrase open, so "Trinn 1" does not start a new unit.
    text = "Antall\ndeltakere/bedrifter i\nTrinn 1\n170 116*"
    assert texts(text) == ["Antall\ndeltakere/bedrifter i\nTrinn 1\n170 116*"]
    assert texts("Results of\nThe Pilot Projects\nThey ran well.")[0] == "Results of\nThe Pilot Projects"
    assert texts("3.1 Betydelig innsats\nDet ble lagt ned mye.") == ["3.1 Betydelig innsats", "Det ble lagt ned mye."]


def test_a_roman_numeral_or_a_letter_label_still_ends_a_title():
    assert texts("Vedlegg I\nDeltakerlister for Trinn 1.") == ["Vedlegg I", "Deltakerlister for Trinn 1."]


def test_a_pdf_table_row_is_one_unit_from_its_first_cell_line_to_its_figures():
    t = ("Tabell 1: Antall deltakere\n"
         "Næringshage/Inkubator Tema Beskrivelse Deltakere* Bedrifter*\n"
         "Proneo Landbruk Sirkulærøkonomi/digitalisering i\nmatproduksjon.\n18 14\n"
         "Tindved Kulturhage Kulturnæring Kulturnæringene på Innherred. 13 10\n"
         "T:lab Næringsmiddel Næringsmiddel, logistikk, komm.,\nsalg.\n15 7\n"
         "*13 bedrifter deltok kun på introduksjonssamtale.")
    assert texts(t) == [
        "Tabell 1: Antall deltakere",
        "Næringshage/Inkubator Tema Beskrivelse Deltakere* Bedrifter*",
        "Proneo Landbruk Sirkulærøkonomi/digitalisering i\nmatproduksjon.\n18 14",
        "Tindved Kulturhage Kulturnæring Kulturnæringene på Innherred. 13 10",
        "T:lab Næringsmiddel Næringsmiddel, logistikk, komm.,\nsalg.\n15 7",
        "*13 bedrifter deltok kun på introduksjonssamtale.",
    ]


def test_numbers_ending_a_line_of_running_text_or_a_sentence_make_no_table_row():
    prose = ("Etter forespørsel fra flere bedrifter er den nå tilgjengelig. Thams Innovasjon inviterer i januar 2025 15\n"
             "andre produksjonsbedrifter inn til et verksted.")
    assert texts(prose) == ["Etter forespørsel fra flere bedrifter er den nå tilgjengelig.",
                            "Thams Innovasjon inviterer i januar 2025 15\nandre produksjonsbedrifter inn til et verksted."]
    for end in (" ", "\n"):
        wrapped = f"Etter gjennomført prosjekt har Industri 4.0 Trøndelag en positiv egenkapital på NOK 1\n849 000.{end}Den går."
        assert texts(wrapped) == [wrapped.split(f".{end}")[0] + ".", "Den går."]
