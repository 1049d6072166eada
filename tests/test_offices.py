"""The words of an office around a name: rank after a title, portfolio before one."""

from __future__ import annotations

import pytest

from analysis.actors.offices import (
    calling_before_name,
    is_portfolio,
    office_before_name,
    rank_after_title,
)


@pytest.mark.parametrize(
    ("words", "dropped"),
    [
        ("Chief Executive Tim Cook", {1}),
        ("Director General Mark Thompson", {1}),  # "Mark" is a common word and a name
        ("Chief Financial Officer Ruth Porat", {1}),
        ("Senator Hope Smith", set()),
        ("President Trump", set()),
        ("Prime Minister Shigeru Ishiba", set()),
        ("Chief Executive", set()),  # no name after it: nothing to finish
    ],
)
def test_rank_after_title(words, dropped):
    assert rank_after_title(words.split()) == dropped


def _tokens(text):
    return [(word, "POS" if word == "’s" else "NNP") for word in text.split()]


@pytest.mark.parametrize(
    ("text", "length", "portfolio"),
    [
        ("Home Secretary Charles Clarke", 1, True),
        ("Shadow Home Secretary David Davis", 2, True),
        ("Children ’s Minister Margaret Hodge", 1, True),
        ("Energy Secretary Chris Wright", 1, True),
        ("Home Office minister Hazel Blears", 2, False),  # a body, before a lower-case word
        ("Home Office Minister Hazel Blears", 2, False),  # a body named in two words
        ("Labour MP Diane Abbott", 1, False),
        ("Scotland Secretary Alistair Darling", 1, False),  # a place
        ("Apple Chief Executive Tim Cook", 1, False),  # a company title
        ("Retired Gen. James Jones", 1, True),  # a description before any title
        ("Former President Bill Clinton", 1, True),
        ("Democratic Senator Joe Manchin", 1, False),  # a proper adjective: the party's
        ("Trade Secretary", 1, True),
        ("Trade", 1, False),
    ],
)
def test_is_portfolio(text, length, portfolio):
    tokens = _tokens(text)
    part = [word for word, _ in tokens[:length]]
    assert is_portfolio(part, tokens, 0) is portfolio


def test_office_before_name():
    assert office_before_name("Secretary of State Hillary Clinton".split()) == 3
    assert office_before_name("Director of Public Prosecutions".split()) == 0


def test_calling_before_name():
    # a noun for a person by its ending, before a full name
    for run in ("Sprinter Michelle Collins", "Sprinters Kostas Kenteris", "Skier Lindsey Vonn"):
        assert calling_before_name(run.split()) == 1, run
    assert calling_before_name("Historian Niall Ferguson".split()) == 1
    # a given name the lexicon knows as a name, or a noun of no calling, stays
    for run in ("Hunter Brian Smith", "Walker Evan Jones", "Moped Vs Santa"):
        assert calling_before_name(run.split()) == 0, run
    # no full name after it: a firm, a common word, or a name of one word
    for run in ("Bookmaker William Hill", "Sprinter Collins", "Swimmer Red Cross Team"):
        assert calling_before_name(run.split()) == 0, run
