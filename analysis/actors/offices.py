"""The words of an office around a person's name, which name no actor of their own.

News names people by their office: "Secretary of State Hillary Clinton", "Chief Executive
Tim Cook", "Home Secretary Charles Clarke", "Shadow Chancellor Oliver Letwin". The title
words themselves are dropped by :func:`analysis.names.is_person_title`; the rules here
drop the common words that complete the office (its portfolio or rank), so that neither
"Home" nor "Executive Tim Cook" becomes an actor, and the nationality or calling that
introduces a person as a title would ("American Justin Gatlin", "Sprinter Michelle Collins").
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.actors.kinds import names_a_nationality, place_names
from analysis.names import (
    INSTITUTION_NAMES,
    ORGANISATION_WORDS,
    PARTY_WORDS,
    PROPER_TAGS,
    TITLE_WORDS,
    is_full_name,
    is_person_title,
)
from analysis.tokens import (
    lexicon_knows_as,
    lexicon_tag,
    looks_like_proper_adjective,
    noun_lemma,
)

#: Titles of government office that a portfolio or rank precedes ("Home Secretary",
#: "Finance Minister", "Shadow Chancellor", "Trade Commissioner", "Deputy Prime Minister").
#: Not company titles: before "Chief" or "President" a common word may be a firm ("Apple").
OFFICE_TITLES = frozenset(
    """Secretary Secretaries Minister Ministers Chancellor Commissioner Commissioners Prime
    Vice""".split()
)
#: Words that name a body by themselves, before a title too ("Labour MP", "Fed Chairman").
_NAMED_BODIES = PARTY_WORDS | INSTITUTION_NAMES


def office_before_name(words: list[str]) -> int:
    """How many words of a run name an office held by the name after them: a title, "of" and
    the office's words before a full name ("Secretary of State Hillary Clinton", "Director of
    National Intelligence James Clapper"); 0 when the run holds no such office ("Director of
    Public Prosecutions" names only the office). The name starts at the first word the
    tagger's lexicon does not know as a common word ("Intelligence" is one)."""
    if len(words) < 5 or words[0] not in TITLE_WORDS or words[1] != "of":
        return 0
    for start in range(max(3, len(words) - 5), len(words) - 1):  # a full name: <= 5 words
        common = lexicon_knows_as(words[start], "NN", "JJ")
        if not common and is_full_name(" ".join(words[start:])):
            return start
    return 0


def words_before_name(words: Sequence[str]) -> int:
    """How many leading words of a run are no part of the name after them: an office's
    (:func:`office_before_name`), or the nationality or calling that introduces the person
    (:func:`nationality_before_name`, :func:`calling_before_name`)."""
    return office_before_name(words) or nationality_before_name(words) or calling_before_name(words)


def nationality_before_name(words: Sequence[str]) -> int:
    """How many words of a run (0 or 1) give the nationality of the person it names after
    them ("American Justin Gatlin", "Briton Karl Keska", "Frenchman Ronald Pognon"). Such a
    word, like a title, names no actor of its own, and left in place it would make one
    person two actors across a corpus ("Justin Gatlin" in the next story).

    Only before a full name (:func:`_plain_full_name`): "American Red Cross", "Chinese New
    Year", "British Medical Journal" and "Scottish National Party" stay whole.
    """
    if len(words) < 3 or not names_a_nationality(words[0]):
        return 0
    return 1 if _plain_full_name(words[1:]) else 0


#: Endings of English nouns for a person by what they do ("sprinter", "demographer",
#: "cyclist", "batsman", "historian", "trainee", "actress").
_CALLING_ENDINGS = ("er", "or", "ist", "man", "woman", "ian", "ee", "ess")


def calling_before_name(words: Sequence[str]) -> int:
    """How many words of a run (0 or 1) give the calling of the person it names after them,
    as sentences open ("Sprinter Michelle Collins", "Sprinters Kostas Kenteris and Katerina
    Thanou", "Demographer Cassandra Dorius"); left in place it would make the person another
    actor than the plain name in the next story.

    The word is a noun for a person by its ending that lemminflect's dictionary holds
    (:func:`analysis.tokens.noun_lemma`) and the tagger's lexicon does not know as a proper
    noun as written ("Hunter", "Archer", "Baker" and "Walker" stay given names), and a full
    name follows (:func:`_plain_full_name`).
    """
    if len(words) < 3 or lexicon_tag(words[0]) in PROPER_TAGS:
        return 0
    lemma = noun_lemma(words[0].lower())
    if lemma is None or not lemma.endswith(_CALLING_ENDINGS):
        return 0
    return 1 if _plain_full_name(words[1:]) else 0


def _plain_full_name(name: Sequence[str]) -> bool:
    """A full name whose first word the tagger's lexicon does not know as a common word and
    whose last is no organisation's ("Justin Gatlin"; not "Red Cross", "New Year",
    "Medical Journal" or "National Party")."""
    common = lexicon_knows_as(name[0], "NN", "JJ", proper_nouns=False)
    return is_full_name(" ".join(name)) and not common and name[-1] not in ORGANISATION_WORDS


def rank_after_title(words: Sequence[str]) -> frozenset[int]:
    """Indices of the common words that finish a title before a full name: "Executive" of
    "Chief Executive Tim Cook", "General" of "Director General Mark Thompson".

    Only words the lexicon knows as common nouns or adjectives, and only so many that the
    run's last two to four words are still a full name: a given name that is also a common
    word stays ("Senator Hope Smith", "Director General Mark Thompson" keeps "Mark").
    """
    dropped: set[int] = set()
    for title, word in enumerate(words):
        if not is_person_title(word, words[title + 1 :]):
            continue
        end = title + 1
        while (
            end < len(words)
            and words[end] not in TITLE_WORDS
            and lexicon_knows_as(words[end], "NN", "JJ")
        ):
            end += 1
        for start in range(end, title + 1, -1):  # the shortest full name first
            if is_full_name(" ".join(words[start:])):
                dropped.update(range(title + 1, start))
                break
    return frozenset(dropped)


def is_portfolio(part: Sequence[str], tokens: Sequence[tuple[str, str]], start: int) -> bool:
    """Is a name part the portfolio or rank of an office title ("Home" of "Home Secretary",
    "Shadow Home" of "Shadow Home Secretary", "Children" of "Children's Minister", "Trade"
    of "the Trade and Industry Secretary", "Transport" of "Commissioner for Transport",
    "State" of "Secretary of State"), or a description before a title ("Retired Gen.",
    "Former President"), not an actor?

    Yes when one of :data:`OFFICE_TITLES` follows the part (after a possessive; after a list
    of portfolios too when a determiner opens it: "the Culture, Media and Sport Secretary")
    or a title and "for" or "of" precede it ("Secretary of State for Culture, Media and
    Sport"), and every word of the part is a common noun or adjective in the tagger's
    lexicon; or when any other title follows and every word is an adjective or participle.
    Parties ("Labour"), proper adjectives ("Democratic Senator"), places ("Scotland
    Secretary", "President of Turkey", though "turkey" is a common word), bodies named by
    more than one word ending in an organisation word ("Home Office minister") and firms
    before a company title ("Apple Chief Executive") stay actors; so does a surname in a
    list ("Rice and Defense Secretary Donald Rumsfeld": no determiner opens it).

    Args:
        part: The part's words.
        tokens: The sentence's ``(token, tag)`` pairs.
        start: Index in ``tokens`` of the part's first token.
    """
    if any(word in _NAMED_BODIES or looks_like_proper_adjective(word) for word in part):
        return False
    if " ".join(part) in place_names():  # "President of Turkey", "Minister of China"
        return False
    opened = _after_determiner(tokens, start)
    title = _title_after(tokens, start + len(part), after_determiner=opened)
    if title is None:
        return _in_office_remit(tokens, start) and _common_words(part)
    if title not in OFFICE_TITLES:  # any title: only a description ("Retired Gen.")
        return all(lexicon_knows_as(word, "JJ", "VBN", "VBG") for word in part)
    if len(part) > 1 and part[-1] in ORGANISATION_WORDS:
        return False
    return _common_words(part)


def _common_words(words: Sequence[str]) -> bool:
    return all(lexicon_knows_as(word, "NN", "JJ") for word in words)


def _after_determiner(tokens: Sequence[tuple[str, str]], start: int) -> bool:
    return start > 0 and tokens[start - 1][0].lower() in ("the", "a", "an")


def _in_portfolio_list(token: str) -> bool:
    """A token of a list of portfolios: a comma, "and", or a capitalised common word."""
    return token in (",", "and") or (token[:1].isupper() and lexicon_knows_as(token, "NN", "JJ"))


def _title_after(
    tokens: Sequence[tuple[str, str]], end: int, *, after_determiner: bool
) -> str | None:
    """The title at ``end`` (after a possessive), or after a list of portfolios there when a
    determiner opens the part (only an office title ends such a list); None if none."""
    if end < len(tokens) and tokens[end][1] == "POS":
        end += 1
    if end < len(tokens) and tokens[end][0] in TITLE_WORDS:
        return tokens[end][0]
    if not after_determiner:
        return None
    while end < len(tokens) and tokens[end][0] not in OFFICE_TITLES:
        if not _in_portfolio_list(tokens[end][0]):
            return None
        end += 1
    return tokens[end][0] if end < len(tokens) else None


def _in_office_remit(tokens: Sequence[tuple[str, str]], start: int) -> bool:
    """Is the part at ``start`` in the remit after a title and "for" or "of" ("Commissioner
    for Transport", "Secretary of State for Culture, Media and Sport", "Secretary of
    Defense"; not "President of France", whose words are no common words)?"""
    at = start - 1
    while at >= 0 and tokens[at][0] not in ("for", "of") and _in_portfolio_list(tokens[at][0]):
        at -= 1
    if at < 1 or tokens[at][0] not in ("for", "of"):
        return False
    before = [token for token, _ in tokens[max(0, at - 3) : at]]
    of_state = len(before) == 3 and before[0] in OFFICE_TITLES and before[1:] == ["of", "State"]
    return before[-1] in TITLE_WORDS or of_state
