"""The shared word lists and name tests (analysis/names.py)."""

import pytest

from analysis.names import (
    COUNTRY_ABBREVIATIONS,
    TITLE_WORDS,
    country_official_name,
    follows_date_cue,
    is_date_word,
    is_designation,
    is_full_name,
    is_person_title,
    is_proper,
    is_surname,
    looks_like_demonym,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Donald Trump", True),
        ("Shigeru Ishiba", True),
        ("Martin Luther King Jr", True),
        ("Trump", False),  # one word is a surname, not a full name
        ("A B", False),  # initials are not name words
        ("Bank of Japan", False),  # a lower-case connector is no name word
        ("One Two Three Four Five", False),  # more than four words
        ("U.S. Steel", False),
        ("George W. Bush", True),  # initials before the surname
        ("George W Bush", True),
        ("J. Edgar Hoover", True),
        ("Hank Williams Jr.", True),
        ("Conan O'Brien", True),
        ("W. Bush", False),  # initials alone before the surname
        ("Mike O", False),  # an initial is no surname
        ("BBC News", False),  # an acronym is no name word
        ("FA Cup", False),
        ("JK Rowling", False),  # two letters without periods read as an acronym
        ("Athens Olympics", False),  # an event
        ("Carling Cup", False),
    ],
)
def test_full_names_are_two_to_four_name_words(name, expected):
    assert is_full_name(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Trump", True), ("McCain", True), ("Donald Trump", False), ("LNG", False), ("trump", False)],
)
def test_surnames_are_one_name_word(name, expected):
    assert is_surname(name) is expected


@pytest.mark.parametrize(
    ("token", "tag", "initial", "expected"),
    [
        ("Japan", "NNP", True, True),  # tagged proper, even first in its sentence
        ("SoftBank", "NN", True, True),  # inner capitals
        ("Energy", "NN", False, True),  # a capitalised noun in mid-sentence
        ("Experts", "NNS", True, False),  # a capitalised common noun that starts a sentence
        ("U.S.-Japan", "JJ", False, True),  # hyphenated capitals
        ("Asian", "JJ", False, False),
        ("japan", "NNP", False, False),  # not capitalised
    ],
)
def test_proper_tokens(token, tag, initial, expected):
    assert is_proper(token, tag, initial) is expected


def test_demonyms_and_word_lists():
    assert [
        w for w in ("Japanese", "American", "British", "Japan", "Trump") if looks_like_demonym(w)
    ] == [
        "Japanese",
        "American",
        "British",
    ]
    assert {"President", "Prime", "Minister"} <= TITLE_WORDS
    assert "Trump" not in TITLE_WORDS
    assert COUNTRY_ABBREVIATIONS["U.S."] == COUNTRY_ABBREVIATIONS["USA"] == "United States"
    # nationalities without a regular ending
    assert all(looks_like_demonym(word) for word in ("Greek", "French", "Saudi", "Thai"))
    assert not looks_like_demonym("Greece")


def test_a_state_is_named_by_its_abbreviations_and_short_names():
    assert country_official_name("U.S.") == (
        "United States",
        "country_abbreviation",
        "standard abbreviation table: U.S. = United States",
    )
    assert country_official_name("Britain")[:2] == ("United Kingdom", "country_short_name")
    assert country_official_name("Great Britain")[0] == "United Kingdom"
    # other names, and the nationality, stay as written
    assert country_official_name("British") is None
    assert country_official_name("Washington") is None


@pytest.mark.parametrize(
    ("word", "after_name", "expected"),
    [
        ("May", False, True),  # "in May"
        ("May", True, False),  # "Theresa May", "Prime Minister May"
        ("Thursday", True, True),  # weekdays are never names
        ("Sept.", True, True),  # nor abbreviated months
        ("Trump", False, False),
    ],
)
def test_a_month_after_a_name_is_a_surname_not_a_date(word, after_name, expected):
    assert is_date_word(word, after_name=after_name) is expected


def test_a_month_before_a_number_is_a_date_even_after_a_name():
    assert is_date_word("May", after_name=True, before_number=True)  # "Pittsburgh May 1"
    assert not is_date_word("Trump", after_name=True, before_number=True)


def test_a_month_the_text_uses_as_a_surname_is_one_unless_a_date_cue_precedes_it():
    surnames = frozenset({"May"})
    assert not is_date_word("May", after_name=False, surname_months=surnames)  # "May said"
    assert is_date_word("May", after_name=False, after_date_cue=True, surname_months=surnames)
    assert is_date_word("June", after_name=False, surname_months=surnames)  # not her name
    assert is_date_word("Friday", after_name=True, surname_months=frozenset({"Friday"}))


@pytest.mark.parametrize(
    ("previous", "before_previous", "expected"),
    [
        ("in", None, True),
        ("Early", None, True),  # capitalised at a sentence's start
        ("last", "said", True),
        ("3", None, True),  # "3 May"
        ("to", "March", True),  # "March to May"
        ("and", "12", True),  # "12 and May 14"
        ("and", "Johnson", False),  # "Johnson and May"
        ("to", "spoke", False),  # "spoke to May"
        (",", "Thursday", False),
        (None, None, False),  # the sentence's first word
    ],
)
def test_date_cues_before_a_month(previous, before_previous, expected):
    assert follows_date_cue(previous, before_previous) is expected


@pytest.mark.parametrize(
    ("word", "following", "expected"),
    [
        ("President", ["Donald", "Trump"], True),
        ("premier", ["li", "qiang"], True),  # keyword candidates are lower case
        ("Premier", ["League"], False),  # the first word of an institution's name
        ("premier", ["league"], False),
        ("President", ["Hotel", "Group"], False),
        ("Tariff", ["Board"], False),  # no title at all
        ("Dr.", ["Ann", "Lee", "of", "Harvard", "Medical", "School"], True),  # "of" ends the name
        ("MS", ["Dhoni"], False),  # a title as written, or none
        ("DR", ["Congo"], False),
    ],
)
def test_a_title_before_an_institutions_head_word_is_part_of_its_name(word, following, expected):
    assert is_person_title(word, following) is expected


def test_a_designation_is_a_listed_noun_before_a_number():
    assert is_designation("Chapter", "11") and is_designation("Title", "IX")
    assert is_designation("Article", "50") and is_designation("Section", "230")
    assert not is_designation("Chapter", "of")  # "the Chapter of the cathedral"
    assert not is_designation("Chapter", None) and not is_designation("Arsenal", "2")
