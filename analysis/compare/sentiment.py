"""Sentiment over time and by group: article means with intervals that resample articles.

Each article counts once: its score is its overall headline sentiment (the mean over its
sentences), and a cell's interval is a seeded (expanded percentile) bootstrap over the
cell's articles, not its sentences, because sentences of one article are not independent.
The shares of positive, neutral and negative sentences pool the cell's sentences.

Whether two outlets differ is not read off overlapping intervals (two 95 % intervals can
overlap while the difference is significant): :func:`value_differences` tests each group
value's articles against the column's other articles in the same period (Welch's t-test on
article scores, with the difference's interval and Benjamini-Hochberg adjusted p-values).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from analysis.compare.periods import ALL, KEY_COLUMNS, Grouping, group_articles, sort_keys
from analysis.compare.result import ComparisonResult
from analysis.keyness import fdr_adjusted
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
SENTIMENT_DIFFERENCES_COLUMNS = [
    *KEY_COLUMNS,
    "n_articles",
    "n_reference",
    "mean",
    "mean_reference",
    "difference",
    "ci_low",
    "ci_high",
    "t",
    "df",
    "p_value",
    "p_adjusted",
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


def value_differences(cells: pd.DataFrame, *, confidence: float) -> pd.DataFrame:
    """Each group value's mean article score against the column's other articles.

    In each period (and ``all``), a value's articles are compared with the articles that
    hold another value of the same column and not this one (an article of two authors is
    on neither side of the test between them), by Welch's t-test, which does not assume the
    two sides' variances equal.

    Args:
        cells: One row per article and cell (``article``, :data:`KEY_COLUMNS`,
            ``sentiment``), as :func:`sentiment_over_time` builds them.
        confidence: Coverage of the difference's interval.

    Returns:
        :data:`SENTIMENT_DIFFERENCES_COLUMNS`, one row per cell of a group value:
        ``difference`` = ``mean`` - ``mean_reference``, its Welch interval, ``t``, the
        Welch-Satterthwaite ``df``, the two-sided ``p_value`` and ``p_adjusted`` (Benjamini-
        Hochberg over the values of one column in one period). The test's columns are empty
        when a side has fewer than two articles or neither side varies.
    """
    by_value = cells.loc[cells["group"] != ALL, ["article", *KEY_COLUMNS, "sentiment"]]
    by_value = by_value.assign(square=by_value["sentiment"] ** 2)
    value = _sums(by_value, KEY_COLUMNS)
    column = _sums(by_value.drop_duplicates(["article", "period", "group"]), ["period", "group"])
    table = value.merge(column, on=["period", "group"], how="left", suffixes=("", "_all"))
    n1, n2 = table["n"].to_numpy(float), (table["n_all"] - table["n"]).to_numpy(float)
    mean1, var1 = _mean_and_variance(n1, table["total"], table["squares"])
    mean2, var2 = _mean_and_variance(
        n2, table["total_all"] - table["total"], table["squares_all"] - table["squares"]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        se2 = var1 / n1 + var2 / n2
        se = np.sqrt(se2)
        testable = (n1 >= 2) & (n2 >= 2) & (se > 0)
        difference = mean1 - mean2
        t = np.where(testable, difference / se, np.nan)
        df = np.where(
            testable, se2**2 / ((var1 / n1) ** 2 / (n1 - 1) + (var2 / n2) ** 2 / (n2 - 1)), np.nan
        )
        half = student_t.ppf(0.5 + confidence / 2, df) * se
        p_value = 2 * student_t.sf(np.abs(t), df)
    p_adjusted = np.full(len(table), np.nan)
    tested = ~np.isnan(p_value)
    families = (table["period"] + "\t" + table["group"]).to_numpy()
    p_adjusted[tested] = fdr_adjusted(p_value[tested], families[tested])
    out = table[KEY_COLUMNS].assign(
        n_articles=n1.astype(int), n_reference=n2.astype(int), mean=mean1,
        mean_reference=np.where(n2 > 0, mean2, np.nan),
        difference=np.where(n2 > 0, difference, np.nan),
        ci_low=np.where(testable, difference - half, np.nan),
        ci_high=np.where(testable, difference + half, np.nan),
        t=t, df=df, p_value=p_value, p_adjusted=p_adjusted,
    )  # fmt: skip
    return sort_keys(out)[SENTIMENT_DIFFERENCES_COLUMNS]


def _sums(rows: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Per ``keys``: ``n`` scores, their ``total`` and the total of their ``squares``."""
    grouped = rows.groupby(list(keys), sort=True)
    return grouped.agg(
        n=("sentiment", "size"), total=("sentiment", "sum"), squares=("square", "sum")
    ).reset_index()


def _mean_and_variance(
    n: np.ndarray, total: pd.Series, squares: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """Means and sample variances from counts, sums and sums of squares (NaN below 2)."""
    total, squares = total.to_numpy(float), squares.to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        variance = np.where(n >= 2, np.maximum(squares - n * mean**2, 0.0) / (n - 1), np.nan)
    return mean, variance


def _empty_result(grouping: Grouping) -> ComparisonResult:
    return ComparisonResult(
        {
            "sentiment_over_time": pd.DataFrame(columns=SENTIMENT_OVER_TIME_COLUMNS),
            "sentiment_differences": pd.DataFrame(columns=SENTIMENT_DIFFERENCES_COLUMNS),
        },
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
        counts the cell's articles with a score. Table ``sentiment_differences``
        (:func:`value_differences`). Empty, with the reason, when the corpus has neither
        dates nor group values.
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
    differences = value_differences(cells, confidence=confidence)
    return ComparisonResult(
        {"sentiment_over_time": table, "sentiment_differences": differences}, grouping.reason
    )
