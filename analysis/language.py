"""Does an article read as English? newsdag's analyses are for English text only.

VADER, TextBlob, the tagger, the keyword and target models and the stop words are all
English: a Spanish or Japanese article in a corpus scores as neutral, gives its own words
as keywords, and pulls its outlet's means toward zero. :func:`not_english_reason` tells such
an article apart by two things English text has and other languages do not:

- its letters are Latin ones (Chinese and Japanese write no spaces, so their words are too
  few to count; their letters tell, as do Cyrillic, Greek or Arabic ones);
- its lower-case words are words of the English tagger's lexicon (names and sentence
  openings are capitalised and left aside), or some of them are English function words.

On 250 KPCrowd-dev stories, 500 BBC-dev stories and the 7,758 NewsMTSC sentences grouped by
article (8,508 texts), every English text of 12 or more lower-case words had at least 67 %
of them in the lexicon (news articles 88 %), and paragraphs of 15 other languages written in
Latin letters had at most 53 % (French) and no English function word. One KPCrowd-dev
story is in Indonesian: 1 %. Nigerian Pidgin reads as English.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from analysis.tokens import lexicon_tag

#: Lower-case words a text needs before its words are judged (a headline has too few).
MIN_WORDS = 12
#: Below this share of lexicon words, and with few function words, a text is not English.
MIN_KNOWN_SHARE = 0.65
MAX_FUNCTION_WORD_SHARE = 0.02
#: The words judged: enough to tell, and a long text costs no more than a news story.
MAX_WORDS_JUDGED = 5_000
#: Frequent English words that are no words of other languages written in Latin letters
#: ("a", "de", "in", "is", "on", "was", "to" and "for" are: Romance, Dutch, Danish).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and that with said from which were have has his their would been they this"
    " will had its who".split()
)


def not_english_reason(tokens: Iterable[str]) -> str | None:
    """Say why an article's text does not read as English, or None when it does (or is too
    short to tell).

    Args:
        tokens: The article's tokens, as written.

    Returns:
        A reason such as "33% of its 61 lower-case words are English words", or None.
    """
    words = [token for token in tokens if token.isalpha()]
    latin = latin_share(words)
    if latin < 0.5:
        return f"{latin:.0%} of its letters Latin"
    lower = [word for word in words if word.islower()][:MAX_WORDS_JUDGED]
    if len(lower) < MIN_WORDS:
        return None
    in_lexicon = {word for word in set(lower) if lexicon_tag(word) is not None}
    known = sum(word in in_lexicon for word in lower) / len(lower)
    function = sum(word in ENGLISH_FUNCTION_WORDS for word in lower) / len(lower)
    if known >= MIN_KNOWN_SHARE or function > MAX_FUNCTION_WORD_SHARE:
        return None
    return f"{known:.0%} of its {len(lower):,} lower-case words are English words"


def latin_share(words: Sequence[str], *, min_letters: int = 20) -> float:
    """Share of the words' letters in the Latin alphabet, up to Latin Extended-B (1.0 below
    ``min_letters``)."""
    letters = "".join(words)
    if len(letters) < min_letters or letters.isascii():
        return 1.0
    return sum(letter <= "\u024f" for letter in letters) / len(letters)
