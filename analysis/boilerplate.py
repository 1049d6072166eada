"""Text that belongs to the wire or the feed, not the story: rights notices, wire credits,
datelines, and the marks that end an excerpt.

News copy from agencies and many sites ends with lines that every article of the outlet
repeats: "Copyright 2011 The Associated Press. All rights reserved. This material may not be
published, broadcast, rewritten or redistributed." or Reuters' "(Reporting by …; Editing by
…)". Analysed as text, they make "material", "broadcast" and "redistributed" keywords and
topic terms of every such article, the agency an actor of each, and the outlets that carry
agency copy look distinctive for words no story used. A dateline opens the story's first
paragraph ("TOKYO (Reuters) - ", "WASHINGTON, Feb 7 (AP) — "): read as text it made the
agency and the city in capitals ("WASHINGTON", another actor than "Washington") actors of
every wire story, and the word after it a name ("Officials"). The tests are on one sentence
at a time and read only its words, so they do not depend on the rest of the corpus.
"""

from __future__ import annotations

import re

# A rights notice: "© 2011 …", "(c) 2011 …", "Copyright © 2011 …", "… All rights reserved."
# "Copyright" must be followed by a year or a sign: "Copyright suits rose" is a story.
_RIGHTS = re.compile(
    r"^\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}|copyright\s*(?:©|\(c\)))"
    r"|\ball rights reserved\b",
    re.IGNORECASE,
)
# The redistribution clause of agency copy.
_REDISTRIBUTION = re.compile(
    r"\bmay not be (?:re)?published,? broadcast,? rewritten,? (?:or|and) redistributed\b",
    re.IGNORECASE,
)
_CREDIT_ROLES = r"(?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics)"
# A wire credit: a whole parenthesis of roles "by" names ("(Editing by Vicki Allen)"), or
# such a line without the parenthesis that names an editor too ("Reporting by A; editing
# by B"): a sentence that opens "Reporting by the Times …" is the story's.
_CREDIT_IN_PARENTHESES = re.compile(rf"^\(\s*{_CREDIT_ROLES}\s+by\b[^()]*\)\W*$", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    rf"^{_CREDIT_ROLES}\s+by\b[^.]*;\s*{_CREDIT_ROLES}\s+by\b[^.]*\.?$", re.IGNORECASE
)

# The mark with which a news API or feed ends an excerpt of an article: NewsAPI's
# "… [+2345 chars]", WordPress feeds' "[…]" (or "[&#8230;]"), and "Continue reading…".
# Read as a sentence, NewsAPI's made "chars" a keyword of every article.
EXCERPT_MARK = (
    r"(?:\[\+\d[\d,]* chars\]|\[(?:…|\.\.\.|&#8230;|&hellip;)\]|Continue reading(?:…|\.\.\.)?)"
)
_EXCERPT_MARK_ALONE = re.compile(rf"^\W*{EXCERPT_MARK}\W*$", re.IGNORECASE)


def is_boilerplate(sentence: str) -> bool:
    """Tell whether a sentence is a rights notice, a wire credit or the mark that ends an
    excerpt (:data:`EXCERPT_MARK`), not the story's text.

    Args:
        sentence: One sentence as written.

    Returns:
        True for "Copyright 2011 The Associated Press.", "All rights reserved.", "This
        material may not be published, broadcast, rewritten or redistributed.", "(Reporting
        by Chip Barnett; Editing by Leslie Adler)", "[+2345 chars]"; False for story
        sentences that mention copyright or reporting ("The copyright case ended.",
        "Reporting by the Times showed …").
    """
    text = sentence.strip()
    return bool(
        _EXCERPT_MARK_ALONE.match(text)
        or _RIGHTS.search(text)
        or _REDISTRIBUTION.search(text)
        or _CREDIT_IN_PARENTHESES.match(text)
        or _CREDIT_LINE.match(text)
    )


# A dateline: a place in capitals (TOKYO, NEW YORK, RIO DE JANEIRO), optionally a region and
# a date ("MBABANE, Swaziland", "WASHINGTON, Feb. 7"), optionally the agency in parentheses,
# then a dash; or the agency in parentheses alone ("(Reuters) - ").
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’-]{2,}(?:[ /][A-Z][A-Z.'’-]*){0,3}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^()\s][^()]{0,29}\))?"
    r"|\([A-Z][^()]{0,29}\))"
    r"\s*(?:-{1,2}|—|–)\s+(?=\S)"
)


def dateline_length(sentence: str) -> int:
    """The length of the dateline that opens a story's first sentence, or 0.

    Args:
        sentence: A paragraph's first sentence, as written.

    Returns:
        How many characters the dateline and the dash after it take ("TOKYO (Reuters) - "
        is 18), 0 when the sentence opens with no dateline ("NATO allies met." or
        "Tokyo - the capital - voted." have none: no dash after a place in capitals).
    """
    match = _DATELINE.match(sentence)
    return match.end() if match else 0
