"""Descriptive statistics per section: counts, lexical variety and readability."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.resources import load_once
from analysis.tokens import is_word, typed_frame

SECTION_STATS_COLUMNS = [
    "section_id",
    "n_paragraphs",
    "n_sentences",
    "n_words",
    "n_types",
    "type_token_ratio",
    "mean_sentence_length",
    "syllables_per_word",
    "flesch_reading_ease",
]


@load_once
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Approximate a word's syllables by its hyphenation points plus one.

    Uses the Hunspell en_US hyphenation patterns that ship with ``pyphen``;
    hyphenation skips the last letters of a word, so long words are slightly
    under-counted.

    Args:
        word: A single word.

    Returns:
        At least 1.
    """
    return len(_hyphenator().positions(word)) + 1


def flesch_reading_ease(*, n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Flesch (1948) reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word.

    Higher is easier; news prose typically scores 30 to 60.

    Args:
        n_words: Word count.
        n_sentences: Sentence count.
        n_syllables: Syllable count.

    Returns:
        The score, or NaN when there are no words or sentences.
    """
    if n_words == 0 or n_sentences == 0:
        return float("nan")
    return 206.835 - 1.015 * n_words / n_sentences - 84.6 * n_syllables / n_words


def section_statistics(
    sections: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame
) -> pd.DataFrame:
    """Per-section counts, type-token ratio, mean sentence length and readability.

    Words are tokens that contain a letter or digit; types are distinct lower-cased
    words.

    Args:
        sections: The sections table.
        sentences: The sentences table.
        tokens: The tokens table.

    Returns:
        A table with :data:`SECTION_STATS_COLUMNS`, one row per section.
    """
    words_of = _words_per_section(sentences, tokens)
    columns: dict[str, list] = {name: [] for name in SECTION_STATS_COLUMNS}
    for section_id, n_paragraphs, n_sentences in zip(
        sections["section_id"].tolist(),
        sections["n_paragraphs"].tolist(),
        sections["n_sentences"].tolist(),
        strict=True,
    ):
        words = words_of.get(section_id, [])
        n_words, n_types = len(words), len(set(words))
        n_syllables = sum(map(count_syllables, words))
        row = (
            section_id,
            n_paragraphs,
            n_sentences,
            n_words,
            n_types,
            n_types / n_words if n_words else float("nan"),
            n_words / n_sentences if n_sentences else float("nan"),
            n_syllables / n_words if n_words else float("nan"),
            flesch_reading_ease(n_words=n_words, n_sentences=n_sentences, n_syllables=n_syllables),
        )
        for column, value in zip(columns.values(), row, strict=True):
            column.append(value)
    counts = dict.fromkeys(SECTION_STATS_COLUMNS[:5], "int64")
    ratios = dict.fromkeys(SECTION_STATS_COLUMNS[5:], "float64")
    return typed_frame(columns, counts | ratios)


def _words_per_section(sentences: pd.DataFrame, tokens: pd.DataFrame) -> dict[int, list[str]]:
    """Section id -> the lower-cased form of each of its word tokens, in order."""
    section_of = dict(
        zip(sentences["sentence_id"].tolist(), sentences["section_id"].tolist(), strict=True)
    )
    words_of: dict[int, list[str]] = {}
    for token, lower, sentence_id in zip(
        tokens["token"].tolist(), tokens["lower"].tolist(), tokens["sentence_id"].tolist(),
        strict=True,
    ):  # fmt: skip
        if is_word(token):
            words_of.setdefault(section_of[sentence_id], []).append(lower)
    return words_of
