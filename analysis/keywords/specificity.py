"""Specificity against general English: phrases of common words give way to specific ones.

The word frequencies are :func:`analysis.word_frequencies.english_zipf` (Zipf scale: log10
per billion words; "the" 7.7, "time" 6.3, "meeting" 5.2, "topic" 4.5, "tariff" 3.5).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache, partial

from analysis.keywords.ranking import Ranking, RankInput
from analysis.word_frequencies import english_zipf

ZIPF_CEILING = 8.0
# Words missing from the small list are rarer than Zipf 3 (names, technical terms).
ZIPF_UNKNOWN = 2.5
# The headline model reads ln(prior) as a feature (trained at the configured exponent,
# keywords.specificity_exponent); caps 4-4.5 and exponents 1-1.5 scored within 0.003 F1@10
# when the prior multiplied a rank fusion.
SPECIFICITY_CAP = 4.5
# Shell nouns (Schmid 2000) stand for content given elsewhere ("a major topic", "this
# issue") and say nothing about a text on their own; word frequency cannot tell them from
# content nouns as common as they are ("topic" and "alliance" have the same Zipf value).
SHELL_NOUNS = frozenset(
    """aspect case fact issue kind matter part point problem question sort thing topic
    type way""".split()
)
SHELL_NOUN_FACTOR = 0.5


def word_zipf(word: str, zipf: Mapping[str, float]) -> float:
    """Zipf frequency of one candidate word (a lemma key); compounds average their parts.

    Args:
        word: Lower-cased word, possibly hyphenated ("u.s.-japan") or dotted ("u.s.").
        zipf: word -> Zipf frequency (:func:`english_zipf`).

    Returns:
        The frequency, :data:`ZIPF_UNKNOWN` for words the list lacks.
    """
    word = word.lower().removesuffix("'s").removesuffix("’s")
    for form in (word, word.rstrip(".")):
        if form in zipf:
            return zipf[form]
    parts = [part for part in word.replace("/", "-").split("-") if part.strip(".")]
    if len(parts) > 1:
        return sum(word_zipf(part, zipf) for part in parts) / len(parts)
    return ZIPF_UNKNOWN


def informativeness(key: str, zipf: Mapping[str, float]) -> float:
    """How unexpected a phrase is in general English: mean of ZIPF_CEILING - Zipf per word.

    "topic" 3.5, "meeting" 2.8, "time" 1.7; "tariff" 4.5; unlisted names 5.5.

    Args:
        key: Candidate key (space-joined lemmas).
        zipf: word -> Zipf frequency (:func:`english_zipf`).

    Returns:
        A value in (0, ZIPF_CEILING - ZIPF_UNKNOWN].
    """
    words = key.split(" ")
    return sum(max(ZIPF_CEILING - word_zipf(w, zipf), 0.1) for w in words) / len(words)


def rank_specificity(inputs: RankInput, *, zipf: Mapping[str, float] | None = None) -> Ranking:
    """Keyness against general English: score = (1 + ln count) * :func:`informativeness`.

    A TF-IDF whose IDF comes from a general-language reference instead of other documents,
    so it works on a single text and ranks generic nouns ("topic", "meeting", "time") below
    specific terms ("tariffs", "Nippon Steel") seen as often.

    Args:
        inputs: The scope's documents.
        zipf: word -> Zipf frequency (default :func:`english_zipf`).

    Returns:
        doc -> key -> score.
    """
    measure = _general_informativeness if zipf is None else partial(informativeness, zipf=zipf)
    return {
        doc: {key: (1.0 + math.log(n)) * measure(key) for key, n in counter.items()}
        for doc, counter in inputs.counts().items()
    }


@lru_cache(maxsize=2**18)
def _general_informativeness(key: str) -> float:
    """:func:`informativeness` against :func:`english_zipf`, remembered across articles."""
    return informativeness(key, english_zipf())


def specificity_prior(
    keys: Iterable[str],
    *,
    zipf: Mapping[str, float] | None = None,
    cap: float = SPECIFICITY_CAP,
    exponent: float,
) -> dict[str, float]:
    """Multiplier in (0, 1] that demotes phrases made of common English words.

    factor = (min(informativeness, cap) / cap) ** exponent: "time" 0.23, "meeting" 0.50,
    "topic" 0.69 (halved again as a shell noun), "alliance" 0.72, and 1 for any phrase whose
    words average Zipf <= 8 - cap (3.5 by default: "tariff", names). The cap keeps rare words
    from all outranking frequent ones.

    Args:
        keys: Candidate keys.
        zipf: word -> Zipf frequency (default :func:`english_zipf`).
        cap: Informativeness at and above which a phrase is not demoted.
        exponent: Strength; 0 turns the prior off.

    Returns:
        key -> factor, keys sorted.

    Raises:
        ValueError: If ``cap`` is not positive or ``exponent`` is negative.
    """
    if cap <= 0 or exponent < 0:
        raise ValueError(f"need cap > 0 and exponent >= 0; got {cap}, {exponent}")
    unique = sorted(set(keys))
    if exponent == 0:
        return dict.fromkeys(unique, 1.0)
    measure = _general_informativeness if zipf is None else partial(informativeness, zipf=zipf)
    return {key: (min(measure(key), cap) / cap) ** exponent * _shell_factor(key) for key in unique}


def _shell_factor(key: str) -> float:
    """Halve a single shell noun; phrases that name their content ("trade issue") keep 1."""
    return SHELL_NOUN_FACTOR if key in SHELL_NOUNS else 1.0
