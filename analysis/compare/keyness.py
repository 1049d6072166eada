"""Keyness between groups: the terms one group value uses more or less than the rest.

Each value of a group column (each outlet, say), in the whole span and, if asked, in each
period, is compared with the other values of the same column pooled, as quanteda's
``textstat_keyness`` compares a target with the reference: Dunning's G² on the 2x2 table,
its p-value (chi-squared with 1 df, or exact where a term's expected count is small), that
p-value adjusted for the number of terms tested in the cell (Benjamini-Hochberg) and
Hardie's log ratio (:mod:`analysis.keyness`). Corpus sizes are the content-word counts of
each side.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.periods import ALL, KEY_COLUMNS, sort_keys
from analysis.compare.result import ComparisonResult
from analysis.keyness import fdr_adjusted, keyness_p_values, log_likelihood_g2, log_ratio

GROUP_KEYNESS_COLUMNS = [
    *KEY_COLUMNS,
    "term",
    "direction",
    "rank",
    "freq_target",
    "freq_reference",
    "size_target",
    "size_reference",
    "g2",
    "p_value",
    "p_adjusted",
    "log_ratio",
]


def _with_zero_counts(counts: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    """Every (cell, kept term) pair of a group column, 0 where the value never uses the term.

    A term one outlet never writes is under-used there: it needs a row to be found.
    """
    terms = totals.reset_index()
    values = counts[KEY_COLUMNS].drop_duplicates()
    grid = values.merge(terms, on=["period", "group"])
    observed = counts[[*KEY_COLUMNS, "term", "count"]]
    frame = grid.merge(observed, on=[*KEY_COLUMNS, "term"], how="left")
    frame["count"] = frame["count"].fillna(0).astype(int)
    return frame


def keyness_scores(term_counts: pd.DataFrame, *, min_count: int) -> pd.DataFrame:
    """G², p-value and log ratio of every (cell, term) against the rest of its group column.

    Args:
        term_counts: ``period``, ``group``, ``value``, ``term``, ``count`` (group ``all`` rows
            are ignored: the whole corpus has no rest to compare with).
        min_count: Terms seen fewer times in the whole comparison (target plus reference)
            are left out; sizes still count them. A kept term gets a row in every cell of its
            group column, with a zero count where the value never uses it.

    Returns:
        One row per cell and term with the counts, sizes and scores, ``p_adjusted`` over
        every term tested in the cell, and ``sign`` (+1 over-used).
    """
    counts = term_counts[term_counts["group"] != ALL]
    if counts.empty:
        return pd.DataFrame(columns=[*KEY_COLUMNS, "term", "sign"])
    sizes = counts.groupby(KEY_COLUMNS, sort=True)["count"].sum().rename("size_target")
    pooled_sizes = sizes.groupby(level=["period", "group"]).sum().rename("size_all")
    totals = counts.groupby(["period", "group", "term"], sort=True)["count"].sum().rename("total")
    frame = _with_zero_counts(counts, totals[totals >= min_count])
    frame = frame.join(sizes, on=KEY_COLUMNS).join(pooled_sizes, on=["period", "group"])
    frame = frame.sort_values([*KEY_COLUMNS, "term"], kind="mergesort")
    frame = frame.rename(columns={"count": "freq_target"})
    frame["freq_reference"] = frame["total"] - frame["freq_target"]
    frame["size_reference"] = frame["size_all"] - frame["size_target"]
    frame = frame[frame["size_reference"] > 0]
    sides = ("freq_target", "freq_reference", "size_target", "size_reference")
    args = [frame[c].to_numpy(dtype=float) for c in sides]
    frame = frame.assign(
        g2=log_likelihood_g2(*args),
        log_ratio=log_ratio(*args),
        sign=np.sign(args[0] / args[2] - args[1] / args[3]).astype(int),
    )
    frame["p_value"] = keyness_p_values(*args, frame["g2"].to_numpy())
    cells = frame.groupby(KEY_COLUMNS, sort=False).ngroup().to_numpy()
    frame["p_adjusted"] = fdr_adjusted(frame["p_value"].to_numpy(), cells)
    return frame.drop(columns=["total", "size_all"]).reset_index(drop=True)


def group_keyness(
    term_counts: pd.DataFrame,
    *,
    top_n: int,
    min_count: int,
    max_p_value: float = 1.0,
) -> ComparisonResult:
    """The ``top_n`` most over-used and most under-used terms of each cell against the rest.

    Args:
        term_counts: ``period``, ``group``, ``value``, ``term``, ``count``
            (:func:`analysis.compare.datasets.group_term_counts`).
        top_n: Terms kept per cell and direction, by G² (ties by term).
        min_count: See :func:`keyness_scores`.
        max_p_value: Terms with a larger p-value (unadjusted) are left out (1.0 keeps all).

    Returns:
        Table ``group_keyness`` (:data:`GROUP_KEYNESS_COLUMNS`): ``direction`` is ``over`` or
        ``under``, ``rank`` counts from 1 within the cell and direction. Empty, with a reason,
        when there is no group column with two or more values.
    """
    scores = keyness_scores(term_counts, min_count=min_count)
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
    for column in ("freq_target", "freq_reference", "size_target", "size_reference"):
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
        f"no term is used {min_count} or more times by the values compared"
        " (compare.keyness_min_count), so there is no keyness to measure"
    )
