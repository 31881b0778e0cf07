from pathlib import Path

import pytest

from assistant.termbase import Termbase, load_termbase, parse_termbase, phrase_key, stem

TERMBASE = Path(__file__).parents[2] / "assistant" / "data" / "termbase.tsv"


def test_every_row_parses_into_two_non_empty_columns():
    lines = TERMBASE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "en\tnb\tnote"
    for line in lines[1:]:
        columns = line.split("\t")
        assert len(columns) == 3, line
        assert all(alternative.strip() for alternative in columns[0].split("|")), line
        assert all(alternative.strip() for alternative in columns[1].split("|")), line
    assert len(load_termbase(TERMBASE).concepts) == len(lines) - 1 >= 250


def test_no_duplicate_rows():
    rows = [tuple(line.split("\t")[:2]) for line in TERMBASE.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(rows) == len(set(rows))


def test_a_row_without_norwegian_is_rejected():
    with pytest.raises(ValueError, match="line 2"):
        parse_termbase("en\tnb\tnote\ngrant\t\t\n")


def test_the_packaged_termbase_is_the_default():
    assert len(load_termbase().concepts) == len(load_termbase(TERMBASE).concepts)


def test_expand_matches_inflected_forms_and_returns_the_other_language():
    termbase = load_termbase()
    assert ("en", "grant") in termbase.expand("tilskuddene", "nb")
    assert ("nb", "fylkeskommune") in termbase.expand("County Council", "en")
    assert ("nb", "kursavgift") in termbase.expand("course fee", "en")
    assert termbase.expand("no such thing here", "en") == []


def test_expand_on_a_small_termbase():
    termbase = Termbase(parse_termbase("en\tnb\tnote\nsteering group\tstyringsgruppe|styringsgruppa\t\n"))
    assert termbase.expand("styringsgruppen", "nb") == [("en", "steering group")]
    assert termbase.expand("steering groups", "en") == [("nb", "styringsgruppe"), ("nb", "styringsgruppa")]


@pytest.mark.parametrize(
    "forms",
    [
        ["tilskudd", "tilskuddet", "tilskuddene"],
        ["deltaker", "deltakere", "deltakerne"],
        ["søknad", "søknaden", "søknader", "søknadene"],
        ["næringshage", "næringshager", "næringshagene"],
        ["innsats", "innsatsen"],
        ["fylkeskommune", "fylkeskommunen", "fylkeskommunens"],
        ["styringsgruppe", "styringsgruppa", "styringsgruppen"],
        ["år", "året", "årene", "åra"],  # a stem too short for Snowball
    ],
)
def test_norwegian_inflections_share_a_stem(forms):
    assert len({stem(form, "nb") for form in forms}) == 1


def test_stems_keep_norwegian_letters():
    assert stem("bærekraft", "nb") == "bærekraft"
    assert stem("måloppnåelse", "nb").startswith("måloppnå")
    assert stem("økosystemer", "nb").startswith("økosystem")


def test_phrase_key_keeps_stopwords_so_question_words_match():
    assert phrase_key("hvor mye", "nb") == ("hvor", "mye")
    assert phrase_key("Trinn 2", "nb") == ("trinn", "2")


def test_stem_exceptions_keep_words_out_of_unrelated_families():
    assert stem("delta", "nb") == stem("deltakere", "nb") != stem("delt", "nb")
    assert stem("varighet", "nb") != stem("var", "nb")
