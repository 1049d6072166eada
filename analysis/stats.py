"""Descriptive statistics per section: counts, lexical variety and readability."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.resources import load_once

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
    is_word = tokens["token"].str.contains(r"[^\W_]", regex=True).to_numpy(dtype=bool)
    section_of = sentences.set_index("sentence_id")["section_id"]
    words = pd.DataFrame(
        {
            "section_id": tokens["sentence_id"][is_word].map(section_of).to_numpy(dtype=int),
            "lower": tokens["lower"][is_word].to_numpy(dtype=object),
        }
    )
    # Explicit integers: an empty column of strings would sum to "".
    words["syllables"] = [count_syllables(word) for word in words["lower"]]
    words["syllables"] = words["syllables"].astype(int)
    grouped = words.groupby("section_id")
    n_words_of = grouped.size().to_dict()
    n_types_of = grouped["lower"].nunique().to_dict()
    syllables_of = grouped["syllables"].sum().to_dict()
    rows = []
    for section in sections.itertuples(index=False):
        n_words = int(n_words_of.get(section.section_id, 0))
        n_types = int(n_types_of.get(section.section_id, 0))
        n_syllables = int(syllables_of.get(section.section_id, 0))
        n_sentences = int(section.n_sentences)
        rows.append(
            (
                section.section_id,
                int(section.n_paragraphs),
                n_sentences,
                n_words,
                n_types,
                n_types / n_words if n_words else float("nan"),
                n_words / n_sentences if n_sentences else float("nan"),
                n_syllables / n_words if n_words else float("nan"),
                flesch_reading_ease(
                    n_words=n_words, n_sentences=n_sentences, n_syllables=n_syllables
                ),
            )
        )
    counts = dict.fromkeys(SECTION_STATS_COLUMNS[:5], "int64")
    ratios = dict.fromkeys(SECTION_STATS_COLUMNS[5:], "float64")
    return pd.DataFrame(rows, columns=SECTION_STATS_COLUMNS).astype(counts | ratios)
