import math

import pytest
from defaults import PREPARE

from analysis.document import analyse_structure
from analysis.stats import count_syllables, flesch_reading_ease, section_statistics


def test_flesch_formula_and_empty_input():
    expected = 206.835 - 1.015 * 5 - 84.6 * 1.5
    assert flesch_reading_ease(n_words=10, n_sentences=2, n_syllables=15) == pytest.approx(expected)
    assert math.isnan(flesch_reading_ease(n_words=0, n_sentences=0, n_syllables=0))


def test_syllables_are_counted():
    assert count_syllables("the") == 1
    assert count_syllables("country") == 2
    assert count_syllables("cooperation") >= 4


def test_section_statistics_values():
    doc = analyse_structure("Cats sleep. Cats eat fish.\n", **PREPARE)
    stats = section_statistics(doc.sections, doc.sentences, doc.tokens)
    row = stats.iloc[0]
    assert row["n_words"] == 5  # punctuation is not a word
    assert row["n_types"] == 4
    assert row["type_token_ratio"] == 4 / 5
    assert row["mean_sentence_length"] == 2.5


def test_statistics_per_section_count_words_case_insensitive_types():
    doc = analyse_structure(
        "Cats sleep.\n## Food\nCats eat. Fish feed cats!\n",
        **PREPARE,
    )
    stats = section_statistics(doc.sections, doc.sentences, doc.tokens).set_index("section_id")
    assert stats["n_words"].tolist() == [2, 5]
    assert stats["n_types"].tolist() == [2, 4]  # cats, eat, fish, feed
    assert stats["n_sentences"].tolist() == [1, 2]
    assert stats.loc[1, "mean_sentence_length"] == 2.5


def test_section_without_words_gets_missing_ratios_and_empty_text_no_rows():
    doc = analyse_structure(
        "Summit Results\n## Closing Remarks\n... !!!\n",
        **PREPARE,
    )
    stats = section_statistics(doc.sections, doc.sentences, doc.tokens)
    assert stats["n_words"].tolist() == [0, 0]
    assert stats[["type_token_ratio", "flesch_reading_ease"]].isna().all().all()
    empty = analyse_structure("", **PREPARE)
    stats = section_statistics(empty.sections, empty.sentences, empty.tokens)
    assert stats.empty and stats.dtypes.astype(str).tolist() == ["int64"] * 5 + ["float64"] * 4


def test_html_character_references_are_not_counted_as_words():
    doc = analyse_structure("Cats &amp; dogs sleep.\n", **PREPARE)
    row = section_statistics(doc.sections, doc.sentences, doc.tokens).iloc[0]
    assert row["n_words"] == 3
