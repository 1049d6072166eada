"""The words of an office around a person's name, which name no actor of their own.

News names people by their office: "Secretary of State Hillary Clinton", "Chief Executive
Tim Cook", "Home Secretary Charles Clarke", "Shadow Chancellor Oliver Letwin". The title
words themselves are dropped by :func:`analysis.names.is_person_title`; the rules here
drop the common words that complete the office (its portfolio or rank), so that neither
"Home" nor "Executive Tim Cook" becomes an actor.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.names import (
    INSTITUTION_NAMES,
    ORGANISATION_WORDS,
    PARTY_WORDS,
    TITLE_WORDS,
    is_full_name,
    is_person_title,
)
from analysis.tokens import lexicon_knows_as, looks_like_proper_adjective

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


def is_portfolio(part: Sequence[str], tokens: Sequence[tuple[str, str]], end: int) -> bool:
    """Is a name part the portfolio or rank of the office title after it ("Home" of "Home
    Secretary", "Shadow Home" of "Shadow Home Secretary", "Children" of "Children's
    Minister"), or a description before a title ("Retired Gen.", "Former President"), not an
    actor?

    Yes when the token at ``end`` (after a possessive) is one of :data:`OFFICE_TITLES` and
    every word of the part is a common noun or adjective in the tagger's lexicon, or is any
    other title and every word an adjective or participle. Parties ("Labour"), proper
    adjectives ("Democratic Senator"), places the lexicon does not know in lower case
    ("Scotland Secretary"), bodies named by more than one word ending in an organisation
    word ("Home Office minister") and firms before a company title ("Apple Chief
    Executive") stay actors.

    Args:
        part: The part's words.
        tokens: The sentence's ``(token, tag)`` pairs.
        end: Index in ``tokens`` of the token after the part.
    """
    if end < len(tokens) and tokens[end][1] == "POS":
        end += 1
    if end >= len(tokens) or tokens[end][0] not in TITLE_WORDS:
        return False
    if any(word in _NAMED_BODIES or looks_like_proper_adjective(word) for word in part):
        return False
    if tokens[end][0] not in OFFICE_TITLES:  # any title: only a description ("Retired Gen.")
        return all(lexicon_knows_as(word, "JJ", "VBN", "VBG") for word in part)
    if len(part) > 1 and part[-1] in ORGANISATION_WORDS:
        return False
    return all(lexicon_knows_as(word, "NN", "JJ") for word in part)
