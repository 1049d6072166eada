"""Keyness between groups: the terms one group value's articles use more or less than the rest.

Each value of a group column (each outlet, say), in the whole span and, if asked, in each
period, is compared with the other values of the same column pooled. The unit is the
article, not the word (text dispersion keyness, Egbert & Biber 2019): the 2x2 table counts
the value's articles that use the term against those that do not, and the same for the
rest. Words are not independent draws: a story on trade says "tariff" a dozen times, so an
outlet that happened to run a few more trade stories over-used "tariff" by thousands of
words, and the word-level G² of such a difference had p < 0.001 where outlets differed only
by chance (in a generated corpus of 10,000 articles whose four outlets drew their themes
from one distribution, 53 outlet-and-term pairs had an adjusted p < 0.05 counted in words).
On the articles' table: Dunning's G², its p-value (:func:`analysis.keyness.keyness_p_values`:
chi-squared with 1 df, or exact where the expected number of articles is small), that p-value
adjusted for the number of terms tested in the cell (Benjamini-Hochberg) and Hardie's log
ratio of the shares of articles using the term. The word counts stay beside them, to read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.periods import ALL, KEY_COLUMNS, sort_keys
from analysis.compare.result import ComparisonResult
from analysis.keyness import fdr_adjusted, keyness_p_values, log_likelihood_g2, log_ratio

#: The integer columns of the table: articles and words on each side.
COUNT_COLUMNS = [
    "articles_target",
    "articles_reference",
    "n_articles_target",
    "n_articles_reference",
    "freq_target",
    "freq_reference",
    "size_target",
    "size_reference",
]
GROUP_KEYNESS_COLUMNS = [
    *KEY_COLUMNS,
    "term",
    "direction",
    "rank",
    *COUNT_COLUMNS,
    "g2",
    "p_value",
    "p_adjusted",
    "log_ratio",
]
_USE = ("count", "articles")
_TARGET_NAMES = {
    "articles": "articles_target",
    "n_articles": "n_articles_target",
    "count": "freq_target",
    "size": "size_target",
}


def _with_zero_counts(
    counts: pd.DataFrame, cells: pd.DataFrame, totals: pd.DataFrame
) -> pd.DataFrame:
    """Every (cell, kept term) pair of a group column, 0 where the value never uses the term.

    A term one outlet never writes is under-used there: it needs a row to be found.
    """
    grid = cells.merge(totals.reset_index(), on=["period", "group"])
    observed = counts[[*KEY_COLUMNS, "term", *_USE]]
    frame = grid.merge(observed, on=[*KEY_COLUMNS, "term"], how="left")
    frame[list(_USE)] = frame[list(_USE)].fillna(0).astype(int)
    return frame


def keyness_scores(
    term_counts: pd.DataFrame, column_counts: pd.DataFrame | None = None, *, min_count: int
) -> pd.DataFrame:
    """G², p-value and log ratio of every (cell, term) against the rest of its group column.

    Args:
        term_counts: ``period``, ``group``, ``value``, ``term``, ``count``, ``articles``,
            ``n_articles`` (:func:`analysis.compare.datasets.group_term_counts`; group ``all``
            rows are ignored: the whole corpus has no rest to compare with).
        column_counts: The same per group column over its articles, each counted once
            (:func:`analysis.compare.datasets.column_term_counts`), for columns whose
            articles may hold several values; None when each holds one, so that a column
            is the sum of its cells. The rest of a value is the column's other articles: an
            article it shares with another value is on its side only.
        min_count: Terms used by fewer articles in the whole comparison (target plus
            reference) are left out (the test's unit is the article: a term in fewer
            articles cannot differ detectably, and only adds to the terms adjusted for);
            sizes still count them. A kept term gets a row in every cell of its
            group column, with zero counts where the value never uses it.

    Returns:
        One row per cell and term: the articles using the term and in all on each side
        (``articles_*``, ``n_articles_*``), the uses and content words on each side
        (``freq_*``, ``size_*``), G², ``p_value`` and ``log_ratio`` of the articles' 2x2
        table, ``p_adjusted`` over every term tested in the cell, and ``sign`` (+1 when a
        larger share of the value's articles use the term).
    """
    counts = term_counts[term_counts["group"] != ALL]
    if counts.empty:
        return pd.DataFrame(columns=[*KEY_COLUMNS, "term", "sign"])
    size = counts.groupby(KEY_COLUMNS, sort=True)["count"].sum().rename("size")
    counts = counts.join(size, on=KEY_COLUMNS)
    cells = counts[[*KEY_COLUMNS, "n_articles", "size"]].drop_duplicates(KEY_COLUMNS)
    if column_counts is None:  # one value per article: a column is the sum of its cells
        pooled = cells.groupby(["period", "group"])[["n_articles", "size"]].sum()
        totals = counts.groupby(["period", "group", "term"], sort=True)[list(_USE)].sum()
    else:
        pooled, totals = _column_totals(column_counts)
    kept = totals[totals["articles"] >= min_count].add_suffix("_total")
    frame = _with_zero_counts(counts, cells, kept)
    frame = frame.join(pooled.add_suffix("_all"), on=["period", "group"])
    frame = frame.sort_values([*KEY_COLUMNS, "term"], kind="mergesort")
    frame = frame.assign(
        articles_reference=frame["articles_total"] - frame["articles"],
        n_articles_reference=frame["n_articles_all"] - frame["n_articles"],
        freq_reference=frame["count_total"] - frame["count"],
        size_reference=frame["size_all"] - frame["size"],
    ).rename(columns=_TARGET_NAMES)
    frame = frame[frame["n_articles_reference"] > 0]
    sides = ("articles_target", "articles_reference", "n_articles_target", "n_articles_reference")
    args = [frame[c].to_numpy(dtype=float) for c in sides]
    g2 = log_likelihood_g2(*args)
    frame = frame.assign(
        g2=g2,
        p_value=keyness_p_values(*args, g2),
        log_ratio=log_ratio(*args),
        sign=np.sign(args[0] / args[2] - args[1] / args[3]).astype(int),
    )
    cell_ids = frame.groupby(KEY_COLUMNS, sort=False).ngroup().to_numpy()
    frame["p_adjusted"] = fdr_adjusted(frame["p_value"].to_numpy(), cell_ids)
    dropped = [c for c in frame.columns if c.endswith(("_total", "_all"))]
    return frame.drop(columns=dropped).reset_index(drop=True)


def _column_totals(column_counts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each group column's articles and words (by period and group), and each term's uses
    and articles (by period, group and term), each article counted once: the target plus
    the reference of a cell."""
    columns = column_counts[column_counts["group"] != ALL]
    keys = ["period", "group"]
    totals = columns.groupby([*keys, "term"], sort=True)[list(_USE)].sum()
    size = columns.groupby(keys, sort=True)["count"].sum().rename("size")
    n_articles = columns.groupby(keys, sort=True)["n_articles"].first()
    return pd.concat([n_articles, size], axis=1), totals


def group_keyness(
    term_counts: pd.DataFrame,
    column_counts: pd.DataFrame | None = None,
    *,
    top_n: int,
    min_count: int,
    max_p_value: float = 1.0,
) -> ComparisonResult:
    """The ``top_n`` most over-used and most under-used terms of each cell against the rest.

    Args:
        term_counts: As for :func:`keyness_scores`.
        column_counts: As for :func:`keyness_scores`.
        top_n: Terms kept per cell and direction, by G² (ties by term).
        min_count: See :func:`keyness_scores`.
        max_p_value: Terms with a larger p-value (unadjusted) are left out (1.0 keeps all).

    Returns:
        Table ``group_keyness`` (:data:`GROUP_KEYNESS_COLUMNS`): ``direction`` is ``over`` or
        ``under``, ``rank`` counts from 1 within the cell and direction. Empty, with a reason,
        when there is no group column with two or more values.
    """
    scores = keyness_scores(term_counts, column_counts, min_count=min_count)
    empty = {"group_keyness": pd.DataFrame(columns=GROUP_KEYNESS_COLUMNS)}
    if scores.empty or "g2" not in scores.columns:
        return ComparisonResult(empty, _why_empty(term_counts, min_count))
    scores = scores[(scores["sign"] != 0) & (scores["p_value"] <= max_p_value)].copy()
    scores["direction"] = np.where(scores["sign"] > 0, "over", "under")
    scores = scores.sort_values(
        [*KEY_COLUMNS, "direction", "g2", "term"],
        ascending=[True, True, True, True, False, True],
        kind="mergesort",
    )
    scores = scores.groupby([*KEY_COLUMNS, "direction"], sort=False).head(top_n).copy()
    scores["rank"] = scores.groupby([*KEY_COLUMNS, "direction"], sort=False).cumcount() + 1
    for column in COUNT_COLUMNS:
        scores[column] = scores[column].astype(int)
    table = sort_keys(scores, extra=["direction", "rank"])[GROUP_KEYNESS_COLUMNS]
    return ComparisonResult({"group_keyness": table}, None)


def _why_empty(term_counts: pd.DataFrame, min_count: int) -> str:
    """Why no cell has a keyness score: too few values to compare, or too few words."""
    compared = term_counts[term_counts["group"] != ALL]
    values = compared.groupby(["period", "group"])["value"].nunique()
    if not (values >= 2).any():
        return "no group column with two or more values to compare"
    return (
        f"no term is used by {min_count} or more articles of the values compared"
        " (compare.keyness_min_count), so there is no keyness to measure"
    )
