"""Keyness between groups: G², p-value and log ratio of each value against the rest."""

import math

import numpy as np
import pandas as pd
from defaults import COMPARE

from analysis.compare.keyness import GROUP_KEYNESS_COLUMNS, group_keyness


def _counts(rows):
    return pd.DataFrame(rows, columns=["period", "group", "value", "term", "count"])


COUNTS = _counts(
    [
        ("all", "source", "Ledger", "trade", 30),
        ("all", "source", "Ledger", "energy", 70),
        ("all", "source", "Post", "trade", 30),
        ("all", "source", "Post", "energy", 50),
        ("all", "source", "Post", "blockade", 20),
        ("all", "source", "Wire", "trade", 40),
        ("all", "source", "Wire", "energy", 60),
    ]
)


def _g2(a, b, c, d):
    """Dunning's G² written out cell by cell (Rayson & Garside 2000)."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    e3 = c * (c + d - a - b) / (c + d)
    e4 = d * (c + d - a - b) / (c + d)
    cells = [(a, e1), (b, e2), (c - a, e3), (d - b, e4)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_term_of_one_outlet_only_is_its_top_over_used_term():
    table = group_keyness(COUNTS, min_count=1, top_n=COMPARE["keyness_top_n"]).tables[
        "group_keyness"
    ]
    assert list(table.columns) == GROUP_KEYNESS_COLUMNS
    post = table[(table["value"] == "Post") & (table["direction"] == "over")].iloc[0]
    assert post["term"] == "blockade" and post["rank"] == 1
    assert (post["freq_target"], post["freq_reference"]) == (20, 0)
    assert (post["size_target"], post["size_reference"]) == (100, 200)
    assert np.isclose(post["g2"], _g2(20, 0, 100, 200))
    # Hardie's log ratio replaces the zero frequency by 0.5
    assert np.isclose(post["log_ratio"], math.log2((20 / 100) / (0.5 / 200)))
    assert post["p_value"] < 1e-6
    others = table[(table["value"] != "Post") & (table["term"] == "blockade")]
    assert set(others["direction"]) == {"under"}


def test_g2_and_direction_of_an_ordinary_term():
    table = group_keyness(COUNTS, min_count=1, top_n=COMPARE["keyness_top_n"]).tables[
        "group_keyness"
    ]
    ledger = table[(table["value"] == "Ledger") & (table["term"] == "energy")].iloc[0]
    assert ledger["direction"] == "over"
    assert np.isclose(ledger["g2"], _g2(70, 110, 100, 200))


def test_rare_terms_and_top_n():
    table = group_keyness(COUNTS, min_count=25, top_n=1).tables["group_keyness"]
    assert "blockade" not in set(table["term"])
    assert table.groupby(["value", "direction"]).size().max() == 1


def test_whole_corpus_rows_and_single_valued_groups_are_not_compared():
    counts = _counts([("all", "all", "all", "trade", 5), ("all", "desk", "Only", "trade", 5)])
    result = group_keyness(counts, min_count=1, top_n=COMPARE["keyness_top_n"])
    assert result.tables["group_keyness"].empty
    assert "two or more values" in result.reason


def test_too_few_words_is_not_reported_as_too_few_values():
    """Two outlets whose terms all fall under min_count: the values are there, the words
    are not, and the reason says so."""
    counts = _counts([("all", "source", "Ledger", "trade", 2), ("all", "source", "Post", "gas", 1)])
    result = group_keyness(counts, min_count=5, top_n=COMPARE["keyness_top_n"])
    assert result.tables["group_keyness"].empty
    assert result.reason == (
        "no term is used 5 or more times by the values compared (compare.keyness_min_count),"
        " so there is no keyness to measure"
    )


def test_periods_are_compared_within_themselves():
    counts = pd.concat(
        [COUNTS, COUNTS.assign(period="2025-01"), COUNTS.assign(period="2025-02", count=1)]
    )
    table = group_keyness(counts, min_count=1, top_n=COMPARE["keyness_top_n"]).tables[
        "group_keyness"
    ]
    assert table["period"].drop_duplicates().tolist() == ["2025-01", "2025-02", "all"]
    january = table[(table["period"] == "2025-01") & (table["value"] == "Post")].iloc[0]
    assert january["size_reference"] == 200


def test_p_values_are_adjusted_over_every_term_tested_in_the_cell():
    from analysis.compare.keyness import keyness_scores
    from analysis.keyness import fdr_adjusted

    scores = keyness_scores(COUNTS, min_count=1)
    for _, cell in scores.groupby(["period", "group", "value"]):
        assert len(cell) == 3  # every kept term, zero counts included
        expected = fdr_adjusted(cell["p_value"].to_numpy(), np.zeros(len(cell)))
        assert np.allclose(cell["p_adjusted"], expected)
    table = group_keyness(COUNTS, min_count=1, top_n=1).tables["group_keyness"]
    post = table[(table["value"] == "Post") & (table["direction"] == "over")].iloc[0]
    assert post["p_value"] <= post["p_adjusted"] <= 3 * post["p_value"]
