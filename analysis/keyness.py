"""Keyness: which terms a section over- or under-uses compared with the rest of the text.

Dunning's log-likelihood G² on the full 2x2 contingency table (term vs other words,
target vs reference) tests whether a difference in relative frequency is real; the
log ratio (Hardie 2014) and %DIFF (Gabrielatos & Marchi 2012) say how big it is.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy.stats import chi2

KEYNESS_COLUMNS = [
    "section_id",
    "term",
    "freq_target",
    "freq_reference",
    "g2",
    "p_value",
    "log_ratio",
    "pct_diff",
    "sign",
]
# Hardie (2014): a zero frequency is replaced by 0.5 so the log ratio stays finite.
ZERO_FREQUENCY = 0.5


def _x_log_x_over_e(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Return observed * ln(observed / expected), with 0 * ln(0) taken as 0."""
    safe_observed = np.where(observed > 0, observed, 1.0)
    safe_expected = np.where(expected > 0, expected, 1.0)
    return np.where(observed > 0, observed * np.log(safe_observed / safe_expected), 0.0)


def log_likelihood_g2(
    freq_target: np.ndarray | float,
    freq_reference: np.ndarray | float,
    size_target: np.ndarray | float,
    size_reference: np.ndarray | float,
) -> np.ndarray:
    """Dunning's G² for a term seen ``freq_target`` times in ``size_target`` words, etc.

    The 2x2 table is [[a, b], [c - a, d - b]] with a, b the term frequencies and c, d
    the corpus sizes; G² = 2 * sum(O * ln(O / E)) over its four cells.

    Args:
        freq_target: Term frequency in the target text (a).
        freq_reference: Term frequency in the reference text (b).
        size_target: Number of words in the target text (c).
        size_reference: Number of words in the reference text (d).

    Returns:
        G² (>= 0), element-wise.

    Raises:
        ValueError: If a frequency exceeds its corpus size or a value is negative.
    """
    a, b, c, d = (
        np.asarray(v, dtype=float)
        for v in (freq_target, freq_reference, size_target, size_reference)
    )
    if np.any(a > c) or np.any(b > d) or np.any(np.minimum.reduce([a, b, c, d]) < 0):
        raise ValueError("frequencies must be non-negative and not exceed their corpus size")
    total = c + d
    term_total = a + b
    other_total = total - term_total
    with np.errstate(divide="ignore", invalid="ignore"):
        share_target = np.where(total > 0, c / np.where(total > 0, total, 1.0), 0.0)
    cells = (
        (a, term_total * share_target),
        (b, term_total * (1 - share_target)),
        (c - a, other_total * share_target),
        (d - b, other_total * (1 - share_target)),
    )
    g2 = 2.0 * sum(_x_log_x_over_e(obs, exp) for obs, exp in cells)
    return np.maximum(g2, 0.0)


def _relative_frequency(
    freq: np.ndarray | float, size: np.ndarray | float, *, zero_to: float | None
) -> np.ndarray:
    """freq / size, with a zero frequency replaced by ``zero_to`` (kept if None)."""
    counts = np.asarray(freq, dtype=float)
    if zero_to is not None:
        counts = np.where(counts > 0, counts, zero_to)
    return counts / np.asarray(size, dtype=float)


def log_ratio(
    freq_target: np.ndarray | float,
    freq_reference: np.ndarray | float,
    size_target: np.ndarray | float,
    size_reference: np.ndarray | float,
) -> np.ndarray:
    """Hardie's log ratio: log2 of the ratio of relative frequencies (zeros -> 0.5).

    Args:
        freq_target: Term frequency in the target text.
        freq_reference: Term frequency in the reference text.
        size_target: Words in the target text (> 0).
        size_reference: Words in the reference text (> 0).

    Returns:
        log2((a / c) / (b / d)); +1 means twice as frequent in the target.
    """
    target = _relative_frequency(freq_target, size_target, zero_to=ZERO_FREQUENCY)
    reference = _relative_frequency(freq_reference, size_reference, zero_to=ZERO_FREQUENCY)
    return np.log2(target / reference)


def percent_diff(
    freq_target: np.ndarray | float,
    freq_reference: np.ndarray | float,
    size_target: np.ndarray | float,
    size_reference: np.ndarray | float,
) -> np.ndarray:
    """%DIFF: the relative-frequency difference as a percentage of the reference's.

    Args:
        freq_target: Term frequency in the target text.
        freq_reference: Term frequency in the reference text (zero -> 0.5, as for the log ratio).
        size_target: Words in the target text (> 0).
        size_reference: Words in the reference text (> 0).

    Returns:
        100 * (a/c - b/d) / (b/d).
    """
    target = _relative_frequency(freq_target, size_target, zero_to=None)
    reference = _relative_frequency(freq_reference, size_reference, zero_to=ZERO_FREQUENCY)
    return 100.0 * (target - reference) / reference


def keyness_table(
    counts: pd.DataFrame,
    sizes: Mapping[object, int],
    *,
    labels: Mapping[str, str] | None = None,
    min_freq_target: int = 1,
) -> pd.DataFrame:
    """Compare every document (section) with all the other documents pooled.

    Args:
        counts: Columns ``doc``, ``key``, ``count``: how often each term occurs per document.
        sizes: Words per document (the corpus sizes for G²); every ``doc`` must be present.
        labels: Display form of each key (the ``term`` column); keys are shown as is if absent.
        min_freq_target: Rows for terms rarer than this in the target are left out.

    Returns:
        One row per (document, term seen in it) with :data:`KEYNESS_COLUMNS`; ``section_id``
        is the document id; ``sign`` is +1 for over-use, -1 for under-use, 0 for none.
        Sorted by document, then over-used before under-used, G² descending, term.
    """
    if counts.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    totals = counts.groupby("key")["count"].sum()
    size_all = float(sum(sizes.values()))
    frame = counts[counts["count"] >= min_freq_target].copy()
    frame["freq_reference"] = frame["key"].map(totals).to_numpy() - frame["count"].to_numpy()
    size_target = frame["doc"].map(sizes).astype(float).to_numpy()
    size_reference = np.maximum(size_all - size_target, 1.0)
    args = (frame["count"].to_numpy(float), frame["freq_reference"].to_numpy(float))
    frame["g2"] = log_likelihood_g2(*args, size_target, size_reference)
    frame["p_value"] = chi2.sf(frame["g2"].to_numpy(), df=1)
    frame["log_ratio"] = log_ratio(*args, size_target, size_reference)
    frame["pct_diff"] = percent_diff(*args, size_target, size_reference)
    relative_target = args[0] / size_target
    relative_reference = args[1] / size_reference
    frame["sign"] = np.sign(relative_target - relative_reference).astype(int)
    frame["term"] = frame["key"].map(lambda key: (labels or {}).get(key, key))
    frame = frame.rename(columns={"doc": "section_id", "count": "freq_target"})
    frame["freq_reference"] = frame["freq_reference"].astype(int)
    frame["_order"] = -frame["sign"]
    frame = frame.sort_values(
        ["section_id", "_order", "g2", "term"],
        ascending=[True, True, False, True],
        kind="mergesort",
    )
    return frame[KEYNESS_COLUMNS].reset_index(drop=True)
