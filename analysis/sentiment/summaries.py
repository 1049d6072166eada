"""Summaries of sentence scores per group (a section, an article): means with intervals,
shares of positive / neutral / negative sentences, and correlations between the methods.

:func:`summarise_scores` (or :func:`summarise_columns` on a score matrix) gives, per group, the
mean and interval of each score (all measures of a group share one draw of bootstrap indices,
see :func:`analysis.sentiment.intervals.bootstrap_mean_cis`), the shares of positive / neutral /
negative sentences and the Pearson correlations between the methods (NaN with fewer than 3
sentences or a constant score).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.sentiment.intervals import bootstrap_mean_cis
from analysis.sentiment.scores import (
    METHOD_PAIRS,
    SCORE_COLUMNS,
    SIGNED_COLUMNS,
    polarity_class,
)


def pearson(
    a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray, *, min_n: int = 3
) -> float:
    """Pearson correlation, NaN with fewer than ``min_n`` pairs or a constant side."""
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    if x.size < min_n or np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def summarise_scores(
    scores: pd.DataFrame,
    *,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    threshold: float,
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Summaries of one group of sentences (a section or a whole article).

    Args:
        scores: Rows of :func:`score_sentences` for the group.
        n_bootstrap: Bootstrap resamples.
        confidence: Interval coverage.
        random_state: Seed.
        threshold: Neutral band half-width for the shares.

    Returns:
        ``(measures, correlations)``: one dict per score column with ``measure``, ``mean``,
        ``ci_low``, ``ci_high``, ``share_positive``, ``share_neutral``, ``share_negative``
        (shares only for :data:`SIGNED_COLUMNS`, NaN otherwise and for an empty group); and one
        dict per :data:`METHOD_PAIRS` entry with ``method_a``, ``method_b``, ``pearson_r``.
        The intervals of all measures come from one shared draw of bootstrap indices
        (:func:`bootstrap_mean_cis`).
    """
    n = len(scores)
    columns = np.array(
        [
            scores[c].to_numpy(dtype=float) if c in scores else np.full(n, np.nan)
            for c in SCORE_COLUMNS
        ]
    ).reshape(len(SCORE_COLUMNS), n)
    return summarise_columns(
        columns,
        n_bootstrap=n_bootstrap,
        confidence=confidence,
        random_state=random_state,
        threshold=threshold,
    )


def summarise_columns(
    columns: np.ndarray,
    *,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    threshold: float,
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """:func:`summarise_scores` of a score matrix (the stage's fast path, no DataFrame).

    Args:
        columns: A ``(len(SCORE_COLUMNS), n)`` array: row ``j`` holds ``SCORE_COLUMNS[j]``.
        n_bootstrap: Bootstrap resamples.
        confidence: Interval coverage.
        random_state: Seed.
        threshold: Neutral band half-width for the shares.

    Returns:
        As :func:`summarise_scores`.
    """
    intervals = bootstrap_mean_cis(
        columns, n_bootstrap=n_bootstrap, confidence=confidence, random_state=random_state
    )
    measures: list[dict[str, object]] = []
    for column, values, (mean, low, high) in zip(SCORE_COLUMNS, columns, intervals, strict=True):
        shares = (math.nan, math.nan, math.nan)
        values = values[~np.isnan(values)]
        if column in SIGNED_COLUMNS and values.size:
            classes = polarity_class(values, threshold)
            shares = tuple(np.count_nonzero(classes == c) / values.size for c in (1, 0, -1))
        measures.append(
            {
                "measure": column,
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "share_positive": shares[0],
                "share_neutral": shares[1],
                "share_negative": shares[2],
            }
        )
    by_name = dict(zip(SCORE_COLUMNS, columns, strict=True))
    r = _method_correlations(by_name)
    correlations = [{"method_a": a, "method_b": b, "pearson_r": r[(a, b)]} for a, b in METHOD_PAIRS]
    return measures, correlations


def _method_correlations(by_name: dict[str, np.ndarray]) -> dict[tuple[str, str], float]:
    """:func:`pearson` of each :data:`METHOD_PAIRS` entry; one correlation matrix when every
    method has three or more values, no NaN and some spread (the entries are the same as
    pair by pair)."""
    methods = list(dict.fromkeys(m for pair in METHOD_PAIRS for m in pair))
    stacked = np.array([by_name[m] for m in methods])
    usable = stacked.shape[1] >= 3 and not np.isnan(stacked).any() and np.ptp(stacked, axis=1).all()
    if not usable:
        return {(a, b): pearson(by_name[a], by_name[b]) for a, b in METHOD_PAIRS}
    matrix = np.corrcoef(stacked)
    position = {m: i for i, m in enumerate(methods)}
    return {(a, b): float(matrix[position[a], position[b]]) for a, b in METHOD_PAIRS}
