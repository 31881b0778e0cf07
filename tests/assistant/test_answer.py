from assistant.compose import asked_type, asks_current, holds, introduces_list, list_lines


def test_the_asked_kind_of_fact_is_read_from_the_question():
    assert asked_type("Hvor mye kunne hver næringshage søke om?") == "number"
    assert asked_type("When were steps 2 and 3 scheduled to run?") == "when"
    assert asked_type("Who is the contact person for the action plan?") == "name"
    assert asked_type("Why was the Advisory Board dropped?") is None


def test_sentences_are_checked_for_the_asked_kind():
    assert holds("Tilskudd på 50% til NH/INK begrenset oppad til 450 000 NOK.", "number")
    assert holds("Trinn 2 og 3 ble gjennomført høsten 2022.", "when")
    assert not holds("Styringsgruppa sluttbehandlet søknadene.", "when")


def test_questions_about_the_present_are_spotted():
    assert asks_current("What's the deadline to apply this year?")
    assert asks_current("Når er neste møte?")
    assert not asks_current("When did Trinn 1 run?")


def test_a_sentence_ending_in_a_colon_brings_its_list():
    text = "Følgende basiskrav gjelder:\n- 10 eller flere bedrifter\n- 6 eller flere workshops\n\nNeste avsnitt."
    start = text.index("\n") + 1
    assert introduces_list(text[:start - 1])
    spans, open_ended = list_lines(text, start)
    assert [text[s:e] for s, e in spans] == ["- 10 eller flere bedrifter", "- 6 eller flere workshops"]
    assert not open_ended
