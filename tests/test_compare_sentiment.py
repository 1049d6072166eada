"""Sentiment over time and by group: article means, intervals over articles, sentence shares."""

import numpy as np
import pandas as pd
import pytest
from defaults import GROUPING, INTERVAL
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import ttest_ind

from analysis.compare.sentiment import (
    SENTIMENT_DIFFERENCES_COLUMNS,
    SENTIMENT_OVER_TIME_COLUMNS,
    sentiment_over_time,
)

ARTICLES = pd.DataFrame(
    {
        "article": ["a1", "a2", "a3", "a4", "a5"],
        "date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-02-02", "2025-02-14", None]),
        "source": ["Ledger", "Wire", "Ledger", "Wire", "Wire"],
    }
)
SCORES = pd.DataFrame(
    {"article": ["a1", "a2", "a3", "a4", "a5"], "sentiment": [0.4, -0.2, 0.2, -0.4, 0.0]}
)
LABELS = pd.DataFrame(
    {
        "article": ["a1", "a2", "a3", "a4", "a5"],
        "n_sentences": [10, 4, 6, 100, 2],
        "n_positive": [6, 1, 3, 10, 1],
        "n_neutral": [2, 1, 2, 10, 0],
        "n_negative": [2, 2, 1, 80, 1],
    }
)


def _run(articles=ARTICLES, **options):
    options = {**GROUPING, **INTERVAL, "period": "month", "group_by": ["source"],
               "n_bootstrap": 300, **options}  # fmt: skip
    return sentiment_over_time(articles, SCORES, LABELS, **options)


def _row(table, period, group, value):
    hit = table[(table["period"] == period) & (table["group"] == group) & (table["value"] == value)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_each_article_counts_once_whatever_its_length():
    table = _run().tables["sentiment_over_time"]
    assert list(table.columns) == SENTIMENT_OVER_TIME_COLUMNS
    wire = _row(table, "all", "source", "Wire")
    # a4 has 100 sentences, a2 four and a5 two: the mean is still over the three articles
    assert wire["n_articles"] == 3
    assert np.isclose(wire["mean"], (-0.2 - 0.4 + 0.0) / 3)
    assert wire["ci_low"] <= wire["mean"] <= wire["ci_high"]
    assert wire["ci_low"] >= -0.4 - 1e-9 and wire["ci_high"] <= 1e-9


def test_sentence_shares_pool_the_cells_sentences():
    table = _run().tables["sentiment_over_time"]
    february = _row(table, "2025-02", "all", "all")
    assert february["n_sentences"] == 106
    assert np.isclose(february["share_negative"], 81 / 106)
    assert np.isclose(february["share_positive"] + february["share_neutral"], 25 / 106)


def test_cells_cover_periods_groups_and_their_crossings():
    table = _run().tables["sentiment_over_time"]
    keys = set(zip(table["period"], table["group"], table["value"], strict=True))
    assert ("2025-01", "source", "Ledger") in keys
    assert ("all", "all", "all") in keys
    # the undated article is only in whole-span rows
    assert _row(table, "all", "all", "all")["n_articles"] == 5
    assert _row(table, "2025-01", "all", "all")["n_articles"] == 2
    assert table["period"].tolist()[-1] == "all"


def test_one_article_has_no_interval():
    january_ledger = _row(_run().tables["sentiment_over_time"], "2025-01", "source", "Ledger")
    assert january_ledger["mean"] == 0.4
    assert np.isnan(january_ledger["ci_low"]) and np.isnan(january_ledger["ci_high"])


def test_same_input_gives_identical_tables():
    first = _run(random_state=3).tables["sentiment_over_time"]
    second = _run(random_state=3).tables["sentiment_over_time"]
    pd.testing.assert_frame_equal(first, second)


def test_without_dates_only_the_group_comparison_is_made():
    undated = ARTICLES.assign(date=pd.NaT)
    result = _run(undated)
    table = result.tables["sentiment_over_time"]
    assert set(table["period"]) == {"all"}
    assert set(table["value"]) == {"all", "Ledger", "Wire"}
    assert "no article has a date" in result.reason


def test_without_dates_or_groups_the_table_is_empty_with_a_reason():
    bare = ARTICLES[["article"]].assign(date=pd.NaT)
    result = _run(bare)
    table = result.tables["sentiment_over_time"]
    assert table.empty and list(table.columns) == SENTIMENT_OVER_TIME_COLUMNS
    differences = result.tables["sentiment_differences"]
    assert differences.empty and list(differences.columns) == SENTIMENT_DIFFERENCES_COLUMNS
    assert "date" in result.reason and "source" in result.reason
    assert "\n" not in result.reason


def _outlets(scores_by_source, shared=()):
    """Undated articles of outlets with the given scores; ``shared`` articles hold two
    sources (a JSON list), with their score."""
    rows, scores = [], []
    for source, values in scores_by_source.items():
        for i, value in enumerate(values):
            rows.append({"article": f"{source}{i}", "source": source})
            scores.append({"article": f"{source}{i}", "sentiment": value})
    for i, (sources, value) in enumerate(shared):
        rows.append({"article": f"shared{i}", "source": '["' + '", "'.join(sources) + '"]'})
        scores.append({"article": f"shared{i}", "sentiment": value})
    articles = pd.DataFrame(rows).assign(date=pd.NaT)
    labels = pd.DataFrame({"article": [r["article"] for r in rows]}).assign(
        n_sentences=1, n_positive=0, n_neutral=1, n_negative=0
    )
    options = {**GROUPING, **INTERVAL, "group_by": ["source"], "n_bootstrap": 200}
    result = sentiment_over_time(articles, pd.DataFrame(scores), labels, **options)
    return result.tables["sentiment_differences"].set_index("value")


def test_each_outlet_is_tested_against_the_others_as_welch_does():
    rng = np.random.default_rng(7)
    scores = {"Ledger": rng.normal(0.2, 0.1, 12), "Wire": rng.normal(0.0, 0.3, 25),
              "Post": rng.normal(0.0, 0.2, 9)}  # fmt: skip
    table = _outlets(scores)
    ledger = table.loc["Ledger"]
    reference = np.concatenate([scores["Wire"], scores["Post"]])
    welch = ttest_ind(scores["Ledger"], reference, equal_var=False)
    interval = welch.confidence_interval(INTERVAL["confidence"])
    assert (ledger["n_articles"], ledger["n_reference"]) == (12, 34)
    assert ledger["difference"] == pytest.approx(scores["Ledger"].mean() - reference.mean())
    assert ledger["t"] == pytest.approx(welch.statistic)
    assert ledger["df"] == pytest.approx(welch.df)
    assert ledger["p_value"] == pytest.approx(welch.pvalue)
    assert (ledger["ci_low"], ledger["ci_high"]) == pytest.approx((interval.low, interval.high))
    # Benjamini-Hochberg over the column's three tests
    p = table["p_value"].sort_values()
    assert table.loc[p.index[0], "p_adjusted"] == pytest.approx(
        min(p.iloc[0] * 3, p.iloc[1] * 1.5, p.iloc[2])
    )


def test_an_article_of_two_outlets_is_on_neither_side_of_their_test():
    table = _outlets({"Ledger": [0.1, 0.3, 0.2], "Wire": [-0.1, -0.3, 0.0]},
                     shared=[(("Ledger", "Wire"), 0.9)])  # fmt: skip
    assert (table.loc["Ledger", "n_articles"], table.loc["Ledger", "n_reference"]) == (4, 3)
    assert table.loc["Ledger", "mean_reference"] == pytest.approx(-0.4 / 3)
    assert table.loc["Wire", "mean_reference"] == pytest.approx(0.2)


def test_a_side_of_one_article_or_without_spread_is_not_tested():
    table = _outlets({"Ledger": [0.4], "Wire": [0.1, -0.1, 0.2], "Post": [0.0, 0.0]})
    assert np.isnan(table.loc["Ledger", "p_value"]) and np.isnan(table.loc["Ledger", "ci_low"])
    assert table.loc["Ledger", "difference"] == pytest.approx(0.4 - 0.2 / 5)
    assert not np.isnan(table.loc["Wire", "p_value"])


@given(
    st.lists(st.floats(-1, 1), min_size=2, max_size=12),
    st.lists(st.floats(-1, 1), min_size=2, max_size=12),
)
def test_a_difference_lies_in_its_interval_and_p_in_unit_range(ledger, wire):
    table = _outlets({"Ledger": ledger, "Wire": wire})
    row = table.loc["Ledger"]
    assert row["difference"] == pytest.approx(np.mean(ledger) - np.mean(wire), abs=1e-9)
    if not np.isnan(row["p_value"]):
        assert 0 <= row["p_value"] <= 1 and row["p_adjusted"] >= row["p_value"] - 1e-12
        assert row["ci_low"] <= row["difference"] + 1e-9 <= row["ci_high"] + 2e-9
