"""How the words of an institution's name hold together: an adjective before it ("European
Union"), "for" and its remit after it ("Office for National Statistics"), and "and" inside
it ("Food and Drug Administration", "Department for Trade and Industry").
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.names import EVENT_WORDS, ORGANISATION_WORDS, is_name_word, is_proper
from analysis.tokens import lexicon_knows_as

#: Head words of bodies named with their remit after "for" ("Office for National
#: Statistics", "Institute for Fiscal Studies", "Commission for Racial Equality").
REMIT_HEADS = frozenset(
    """Office Department Ministry Institute Institutes Centre Center Commission Committee Bank
    Council Agency Fund Foundation Society Association Board Authority Organisation
    Organization Alliance Federation Forum Court Museum""".split()
)
#: Head words that end an institution's or event's name.
HEAD_WORDS = ORGANISATION_WORDS | EVENT_WORDS


def names_a_body(current: list[tuple[str, str]]) -> bool:
    """Do a run's words so far end in the head word of a body with a remit, which "for" and
    the remit may follow ("Office for National Statistics", "Department for Education")? Not
    a team's or a party's ("left Manchester United for Chelsea", "voted Labour for Blair")."""
    return current[-1][0] in REMIT_HEADS


def opens_name(tokens: Sequence[tuple[str, str]], at: int) -> bool:
    """Does a name start at ``tokens[at]``: a proper token, or a capitalised adjective before
    one ("Racial Equality")?"""
    return is_proper(tokens[at][0], tokens[at][1], False) or adjective_in_name(tokens, at)


def adjective_in_name(tokens: Sequence[tuple[str, str]], at: int) -> bool:
    """Is ``tokens[at]`` a capitalised adjective before a proper token, a name's word
    ("Racial" of "Racial Equality", "Democratic" of "Liberal Democratic Party")?"""
    tok, tag = tokens[at]
    return (
        tag == "JJ"
        and is_name_word(tok)
        and at + 1 < len(tokens)
        and is_proper(*tokens[at + 1], False)
    )


def opens_institution_name(tokens: Sequence[tuple[str, str]], start: int) -> bool:
    """Do the capitalised words from ``start`` end in an organisation's or event's head word
    ("Union" of "European Union", "Bank" of "Central Bank", "Championships")?"""
    end = start
    while end < len(tokens) and (
        is_proper(tokens[end][0], tokens[end][1], False)
        or (tokens[end][1] == "JJ" and is_name_word(tokens[end][0]))
    ):
        end += 1
    return end > start and tokens[end - 1][0] in HEAD_WORDS


def joins_institution_name(
    current: list[tuple[str, str]], tokens: Sequence[tuple[str, str]], after: int
) -> bool:
    """Does "and" at ``after - 1`` join two halves of one institution's name?

    Yes when the words before it are one common noun written with a capital, or such nouns
    joined by "of" ("Food", "Department of Health": the tagger's lexicon knows them as
    nouns), not ending in an organisation head word (an institution by itself: "Senate",
    "Securities"), and the capitalised words after it are common words before such a head
    word ("Drug Administration", "Human Services", "Natural Gas Corporation"). Two names
    joined by "and" stay two ("Trump and Abe", "Apple and Google", "Arsenal and Manchester
    United", "Fox News Channel and Fox Business Network").
    """
    end = after
    while end < len(tokens) and is_proper(tokens[end][0], tokens[end][1], False):
        end += 1
    if ("for", "CONN") in current:  # a remit goes on: "Department for Trade and Industry"
        return (
            ("and", "CONN") not in current
            and end > after
            and all(lexicon_knows_as(t, "NN", "JJ") for t, _ in tokens[after:end])
        )
    before = [tok for tok, tag in current if tag != "CONN"]
    one_noun_or_of = len(before) == 1 or any(tag == "CONN" for _, tag in current)
    if (
        not one_noun_or_of
        or before[-1] in ORGANISATION_WORDS
        or not all(lexicon_knows_as(tok, "NN") for tok in before)
    ):
        return False
    modifiers = [tok for tok, _ in tokens[after : end - 1]]
    return (
        bool(modifiers)
        and tokens[end - 1][0] in ORGANISATION_WORDS
        and all(lexicon_knows_as(tok, "NN", "JJ") for tok in modifiers)
    )
