"""Stage names read from the documents: "introduksjonstrinnet" and "the advanced stage" are the numbered stages."""

from assistant.stages import stage_names, with_stage_numbers

TEXTS = [
    "Trinn 1. Introduksjon: bedriftene fikk en innføring. Trinn 2 «Avansert» var casebasert.",
    "Prosjektet hadde Trinn 1 (Introduksjon), Trinn 2; «Avansert» og Trinn 3. Prosjekt.",
    "Etter Trinn 1. Det ble bestemt at Trinn 3: Prosjekt skulle slås sammen med Trinn 2. Lunch til lunch.",
]


def test_names_given_to_one_stage_at_least_twice_are_read_and_others_are_not():
    names = stage_names(TEXTS)
    assert names == {"introduksjon": "1", "avans": "2", "prosjekt": "3"}  # not "det" (a stopword) nor "lunch" (once)


def test_a_stage_named_by_name_gets_its_number():
    names = stage_names(TEXTS)
    assert with_stage_numbers("Hva ble introduksjonstrinnet gjort om til?", names) == (
        "Hva ble introduksjonstrinnet (trinn 1) gjort om til?")
    assert with_stage_numbers("Can a firm join the advanced stage directly?", names) == (
        "Can a firm join the advanced stage (trinn 2) directly?")
    # Not without a stage word next to the name, nor when the question already gives the number.
    assert with_stage_numbers("Hvilke trinn hadde prosjektet?", names) == "Hvilke trinn hadde prosjektet?"
    assert with_stage_numbers("What happened in the introduction stage (Trinn 1)?", names) == (
        "What happened in the introduction stage (Trinn 1)?")
    assert with_stage_numbers("Hva skjedde i introduksjonstrinnet?", {}) == "Hva skjedde i introduksjonstrinnet?"


def test_a_stage_name_clipped_to_its_first_letters_is_that_stage():
    names = {"introduksjon": "1", "avans": "2", "prosjekt": "3"}
    assert with_stage_numbers("Which grant pulled companies away from the intro stage?", names) == (
        "Which grant pulled companies away from the intro stage (trinn 1)?")
    assert with_stage_numbers("What did the pro stage cost?", names) == "What did the pro stage cost?"  # too short


def test_the_second_stage_with_its_article_is_stage_two_but_other_stages_are_not():
    from assistant.stages import numbered_labels

    assert numbered_labels("Hva kostet det andre trinnet?") == "Hva kostet trinnet 2?"
    assert numbered_labels("Hva med andre trinn og faser?") == "Hva med andre trinn og faser?"


def test_a_word_of_its_own_is_not_read_as_a_clipped_stage_name():
    names = {"introduksjon": "1", "videregå": "2"}
    assert with_stage_numbers("Gikk bedriftene videre trinn for trinn?", names) == (
        "Gikk bedriftene videre trinn for trinn?")


def test_two_stages_counted_in_words_at_once_and_a_part_named_by_a_stage_name_are_numbered():
    from assistant.stages import numbered_labels

    assert numbered_labels("Were the second and third steps merged?") == "Were the steps 2 and 3 merged?"
    assert numbered_labels("Ble andre og tredje trinn slått sammen?") == "Ble trinn 2 og 3 slått sammen?"
    names = {"introduksjon": "1", "avans": "2", "prosjekt": "3"}
    assert with_stage_numbers("How many finished the advanced part?", names) == (
        "How many finished the advanced part (trinn 2)?")
    assert with_stage_numbers("Hva skjedde med introduksjonsdelen?", names) == (
        "Hva skjedde med introduksjonsdelen (trinn 1)?")
    assert with_stage_numbers("Hvor stor var egenandelen?", names) == "Hvor stor var egenandelen?"


def test_actions_workshops_and_annexes_counted_in_words_are_numbered_as_the_documents_number_them():
    from assistant.stages import numbered_labels

    # The action plans label "ACTION 2", the report "Vedlegg 3": "the second action" is found by its number.
    assert numbered_labels("What is the second action about?") == "What is the action 2 about?"
    assert numbered_labels("Hva står i det tredje vedlegget?") == "Hva står i det vedlegget 3?"
    assert numbered_labels("Hva med andre tiltak?") == "Hva med andre tiltak?"  # "andre tiltak" are other measures


def test_a_stage_name_that_is_also_a_common_word_names_a_part_only_with_a_stage_word():
    texts = TEXTS + ["Prosjektet var et godt prosjekt, og prosjektleder ledet prosjektgruppa i prosjektet."] * 10
    names = stage_names(texts)
    assert names["prosjekt"] == "3" and names.common == {"prosjekt"}
    assert with_stage_numbers("Hva sto i prosjektdelen av søknaden?", names) == "Hva sto i prosjektdelen av søknaden?"
    assert with_stage_numbers("Hva skjedde på prosjekttrinnet?", names) == "Hva skjedde på prosjekttrinnet (trinn 3)?"
