"""Sentiment over time and by group: article means, intervals over articles, sentence shares."""

import numpy as np
import pandas as pd
from defaults import GROUPING, INTERVAL

from analysis.compare.sentiment import SENTIMENT_OVER_TIME_COLUMNS, sentiment_over_time

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
    assert "date" in result.reason and "source" in result.reason
    assert "\n" not in result.reason
