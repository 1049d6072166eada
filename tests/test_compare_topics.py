"""Topics over time and by group, and each topic's terms per period."""

import numpy as np
import pandas as pd
from defaults import COMPARE, GROUPING, INTERVAL

from analysis.compare.topics import (
    TOPICS_OVER_TIME_COLUMNS,
    terms_by_period,
    topic_labels,
    topics_over_time,
)
from analysis.sentiment.intervals import bootstrap_mean_ci

ARTICLES = pd.DataFrame(
    {
        "article": ["a", "b", "c", "d", "e"],
        "date": pd.to_datetime(["2025-03-02", "2025-03-20", "2025-04-03", "2025-04-09", None]),
        "source": ["Ledger", "Wire", "Ledger", "Wire", "Wire"],
    }
)
MIXTURES = {"a": [0.8, 0.2], "b": [0.6, 0.4], "c": [0.1, 0.9], "d": [0.3, 0.7], "e": [0.5, 0.5]}
DOCUMENT_TOPICS = pd.DataFrame(
    [(a, t + 1, w) for a, weights in MIXTURES.items() for t, w in enumerate(weights)],
    columns=["article", "topic", "weight"],
)
TOPIC_TERMS = pd.DataFrame(
    {
        "topic": [1, 1, 1, 2, 2, 2],
        "rank": [1, 2, 3, 1, 2, 3],
        "term": ["trade", "tariff", "export", "energy", "gas", "hydrogen"],
        "weight": [0.3, 0.2, 0.1, 0.3, 0.2, 0.1],
    }
)


def _share(table, period, group, value, topic):
    hit = table[
        (table["period"] == period)
        & (table["group"] == group)
        & (table["value"] == value)
        & (table["topic"] == topic)
    ]
    assert len(hit) == 1
    return hit.iloc[0]


def test_share_is_the_mean_article_weight_per_cell():
    result = topics_over_time(
        ARTICLES,
        DOCUMENT_TOPICS,
        TOPIC_TERMS,
        n_terms=COMPARE["topic_terms_per_period"],
        **INTERVAL,
        **{**GROUPING, "period": "month"},
    )
    table = result.tables["topics_over_time"]
    assert list(table.columns) == TOPICS_OVER_TIME_COLUMNS
    april = _share(table, "2025-04", "all", "all", 2)
    assert np.isclose(april["share"], (0.9 + 0.7) / 2)
    assert april["n_articles"] == 2 and april["n_dominant"] == 2
    march = _share(table, "2025-03", "all", "all", 2)
    assert np.isclose(march["share"], 0.3) and march["n_dominant"] == 0
    wire = _share(table, "all", "source", "Wire", 1)
    assert np.isclose(wire["share"], (0.6 + 0.3 + 0.5) / 3)
    cell_totals = table.groupby(["period", "group", "value"])["share"].sum()
    assert np.allclose(cell_totals, 1.0)
    # Each share's interval resamples the cell's articles: the weights of Wire's 3 articles
    # for topic 1, with the seed and resamples shared by every comparison.
    expected = bootstrap_mean_ci([0.6, 0.3, 0.5], **INTERVAL)
    assert (wire["ci_low"], wire["ci_high"]) == expected[1:]
    assert wire["ci_low"] < wire["share"] < wire["ci_high"]
    lone = _share(table, "2025-03", "source", "Ledger", 1)  # article a alone
    assert lone["n_articles"] == 1 and np.isnan(lone["ci_low"]) and np.isnan(lone["ci_high"])


def test_labels_fall_back_to_top_terms():
    assert topic_labels(TOPIC_TERMS) == {1: "trade · tariff · export", 2: "energy · gas · hydrogen"}
    labelled = TOPIC_TERMS.assign(label=lambda f: "T" + f["topic"].astype(str))
    assert topic_labels(labelled) == {1: "T1", 2: "T2"}


def _period_terms(weights):
    """Topic 2's weighted counts of energy, gas, hydrogen, oil per period."""
    rows = [
        (period, 2, term, weight)
        for period, values in weights.items()
        for term, weight in zip(["energy", "gas", "hydrogen", "oil"], values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["period", "topic", "term", "weight"])


def test_a_term_rising_into_a_periods_top_list_is_new():
    weights = {
        "2025-02": [5.0, 3.0, 0.5, 2.0],
        "2025-03": [5.0, 3.0, 0.5, 2.0],
        "2025-04": [2.0, 1.0, 9.0, 0.5],  # hydrogen: 72 % of April's words, 5 % elsewhere
    }
    terms = terms_by_period(_period_terms(weights), TOPIC_TERMS, n_terms=2)
    march = terms[terms["period"] == "2025-03"]
    april = terms[terms["period"] == "2025-04"]
    assert march["term"].tolist() == ["energy", "gas"] and not march["changed"].any()
    assert april["term"].tolist() == ["hydrogen", "energy"] and april["changed"].all()
    assert april["new"].tolist() == [True, False] and april["rank"].tolist() == [1, 2]


def test_neighbours_swapping_places_is_no_change():
    # oil overtakes gas in March by a little: 3.2 against 3.0 (oil is 27 % of March's words,
    # 19 % in February): a term outside the overall list, but not twice as common
    weights = {"2025-02": [5.0, 3.0, 0.5, 2.0], "2025-03": [5.0, 3.0, 0.5, 3.2]}
    terms = terms_by_period(_period_terms(weights), TOPIC_TERMS, n_terms=2)
    march = terms[terms["period"] == "2025-03"]
    assert march["term"].tolist() == ["energy", "oil"]
    assert not march["new"].any() and not march["changed"].any()


def test_a_bigram_of_the_topic_list_does_not_make_every_period_differ():
    """Periods count single words, so a bigram in the overall top list must not count."""
    topic_terms = pd.DataFrame(
        {"topic": [2, 2, 2], "rank": [1, 2, 3], "term": ["energy", "natural gas", "gas"]}
    )
    weights = {"2025-02": [5.0, 3.0, 0.5, 0.0], "2025-03": [5.0, 3.0, 0.5, 0.0]}
    terms = terms_by_period(_period_terms(weights), topic_terms, n_terms=2)
    assert terms["term"].tolist() == ["energy", "gas"] * 2
    assert not terms["changed"].any()


def test_without_dates_or_groups_topics_are_skipped_with_a_reason():
    bare = ARTICLES[["article"]]
    result = topics_over_time(
        bare,
        DOCUMENT_TOPICS,
        TOPIC_TERMS,
        n_terms=COMPARE["topic_terms_per_period"],
        **INTERVAL,
        **GROUPING,
    )
    assert result.tables["topics_over_time"].empty
    assert result.tables["topic_terms_over_time"].empty
    assert "date" in result.reason
