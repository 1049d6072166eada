"""Sentiment over time and by group: article means with intervals that resample articles.

Each article counts once: its score is its overall headline sentiment (the mean over its
sentences), and a cell's interval is a seeded (expanded percentile) bootstrap over the
cell's articles, not its sentences, because sentences of one article are not independent.
The shares of positive, neutral and negative sentences pool the cell's sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd

from analysis.compare.periods import KEY_COLUMNS, Grouping, group_articles, sort_keys
from analysis.compare.result import ComparisonResult
from analysis.sentiment import bootstrap_mean_ci

SENTIMENT_OVER_TIME_COLUMNS = [
    *KEY_COLUMNS,
    "n_articles",
    "n_sentences",
    "mean",
    "ci_low",
    "ci_high",
    "share_positive",
    "share_neutral",
    "share_negative",
]
LABEL_COLUMNS = ["n_sentences", "n_positive", "n_neutral", "n_negative"]


def cell_means(
    values: pd.DataFrame,
    value_column: str,
    *,
    keys: Sequence[str] = KEY_COLUMNS,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
) -> pd.DataFrame:
    """Mean of ``value_column`` per cell with a bootstrap interval over the cell's rows.

    Args:
        values: One row per article and cell, with ``keys`` and ``value_column``.
        value_column: The column averaged (NaN rows are left out of the mean).
        keys: Cell columns.
        n_bootstrap: Bootstrap resamples.
        confidence: Interval coverage.
        random_state: Seed (the same for every cell, so a cell depends only on its own rows).

    Returns:
        Columns ``keys``, ``mean``, ``ci_low``, ``ci_high``, one row per cell.
    """
    grouped = values.groupby(list(keys), sort=True)
    cells = grouped.size().index.to_frame(index=False)
    codes = grouped.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")  # rows of each cell together, in input order
    scores = values[value_column].to_numpy(dtype=float)[order]
    bounds = np.searchsorted(codes[order], np.arange(len(cells) + 1))
    stats = [
        bootstrap_mean_ci(
            scores[start:stop],
            n_bootstrap=n_bootstrap,
            confidence=confidence,
            random_state=random_state,
        )
        for start, stop in pairwise(bounds)
    ]
    cells[["mean", "ci_low", "ci_high"]] = np.array(stats, dtype=float).reshape(-1, 3)
    return cells


def _empty_result(grouping: Grouping) -> ComparisonResult:
    return ComparisonResult(
        {"sentiment_over_time": pd.DataFrame(columns=SENTIMENT_OVER_TIME_COLUMNS)},
        grouping.reason,
    )


def sentiment_over_time(
    articles: pd.DataFrame,
    article_sentiment: pd.DataFrame,
    sentence_labels: pd.DataFrame,
    *,
    period: str,
    group_by: Sequence[str],
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    **grouping_options,
) -> ComparisonResult:
    """Mean article sentiment, article count and sentence shares per period and group.

    Args:
        articles: Article metadata (see :func:`analysis.compare.periods.group_articles`).
        article_sentiment: ``article``, ``sentiment``: each article's overall headline score
            (:func:`analysis.compare.datasets.article_sentiment`).
        sentence_labels: ``article`` and :data:`LABEL_COLUMNS`: sentence counts by polarity
            (:func:`analysis.compare.datasets.sentence_labels`).
        period: Time resolution, or ``auto``.
        group_by: Metadata columns to compare by.
        n_bootstrap: Bootstrap resamples (over articles).
        confidence: Interval coverage.
        random_state: Seed.
        **grouping_options: ``min_articles_per_period``, ``min_periods``, ``max_periods``,
            ``split_values`` (:func:`analysis.compare.periods.group_articles`).

    Returns:
        Table ``sentiment_over_time`` (:data:`SENTIMENT_OVER_TIME_COLUMNS`); ``n_articles``
        counts the cell's articles with a score. Empty, with the reason, when the corpus has
        neither dates nor group values.
    """
    grouping = group_articles(articles, period=period, group_by=group_by, **grouping_options)
    if grouping.is_empty:
        return _empty_result(grouping)
    scores = article_sentiment[["article", "sentiment"]].astype({"article": str})
    scores = scores.drop_duplicates("article")
    labels = sentence_labels[["article", *LABEL_COLUMNS]].astype({"article": str})
    cells = grouping.membership.merge(scores, on="article", how="inner")
    cells = cells[cells["sentiment"].notna()]
    if cells.empty:
        return _empty_result(grouping)
    means = cell_means(
        cells,
        "sentiment",
        n_bootstrap=n_bootstrap,
        confidence=confidence,
        random_state=random_state,
    )
    counts = cells.groupby(KEY_COLUMNS, sort=True).size().rename("n_articles").reset_index()
    pooled = (
        cells.merge(labels, on="article", how="left")
        .groupby(KEY_COLUMNS, sort=True)[LABEL_COLUMNS]
        .sum()
        .reset_index()
    )
    table = counts.merge(means, on=KEY_COLUMNS).merge(pooled, on=KEY_COLUMNS, how="left")
    total = table["n_sentences"].to_numpy(dtype=float)
    for share, count in (
        ("share_positive", "n_positive"),
        ("share_neutral", "n_neutral"),
        ("share_negative", "n_negative"),
    ):
        with np.errstate(invalid="ignore", divide="ignore"):
            table[share] = np.where(total > 0, table[count] / np.where(total > 0, total, 1), np.nan)
    table["n_sentences"] = table["n_sentences"].astype(int)
    table = sort_keys(table)[SENTIMENT_OVER_TIME_COLUMNS]
    return ComparisonResult({"sentiment_over_time": table}, grouping.reason)
