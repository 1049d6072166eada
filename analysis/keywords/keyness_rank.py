"""Keyness ranking: each document's over-used candidates by Dunning's G² against the rest."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from analysis.keyness import log_likelihood_g2
from analysis.keywords.ranking import Ranking, RankInput


def keyness_scores(
    counts: Mapping[object, Mapping[str, int]], sizes: Mapping[object, int]
) -> Ranking:
    """G² of each term a document uses relatively more than the other documents pooled.

    Args:
        counts: document id -> key -> occurrences (two or more documents).
        sizes: document id -> words.

    Returns:
        doc -> key -> G², only over-used terms.
    """
    totals: dict[str, int] = {}
    for counter in counts.values():
        for key, n in counter.items():
            totals[key] = totals.get(key, 0) + n
    size_all = float(sum(sizes.values()))
    ranking: Ranking = {}
    for doc, counter in counts.items():
        keys = sorted(counter)
        target = np.array([counter[key] for key in keys], dtype=float)
        reference = np.array([totals[key] for key in keys], dtype=float) - target
        size_target = max(float(sizes[doc]), float(target.max(initial=0.0)))
        size_reference = max(size_all - float(sizes[doc]), 1.0, float(reference.max(initial=0)))
        g2 = log_likelihood_g2(
            target,
            reference,
            np.full_like(target, size_target),
            np.full_like(target, size_reference),
        )
        over = target / size_target > reference / size_reference
        ranking[doc] = {key: float(v) for key, v, up in zip(keys, g2, over, strict=True) if up}
    return ranking


def rank_keyness(inputs: RankInput) -> Ranking:
    """Registry entry: G² keyness of each section against the rest (needs two documents)."""
    counts = inputs.counts()
    if len(counts) < 2:
        return {}
    return keyness_scores(counts, inputs.sizes)
