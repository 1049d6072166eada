"""Measures of a topic model's quality: coherence, stability, distinctiveness, support."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment


def ranked_terms(weights: np.ndarray, vocabulary: np.ndarray) -> np.ndarray:
    """Term indices by decreasing weight, ties in alphabetical order."""
    # lexsort: last key is primary; heavier first, then alphabetical for ties.
    return np.lexsort((vocabulary, -np.round(weights, 12)))


def top_indices(topic_term: np.ndarray, vocabulary: np.ndarray, n: int) -> list[np.ndarray]:
    """The ``n`` heaviest term indices of each topic."""
    return [ranked_terms(row, vocabulary)[:n] for row in topic_term]


def term_sets(topic_term: np.ndarray, vocabulary: np.ndarray, n: int) -> list[set]:
    """Each topic's set of ``n`` top terms."""
    return [set(vocabulary[idx].tolist()) for idx in top_indices(topic_term, vocabulary, n)]


def npmi_coherence(top: Sequence[np.ndarray], counts) -> np.ndarray:
    """Mean normalised PMI of each topic's top-term pairs over document co-occurrence.

    With N documents, p(w) = df(w) / N and p(u, v) = df(u, v) / N;
    NPMI(u, v) = log(p(u, v) / (p(u) p(v))) / -log p(u, v), set to -1 when the two never
    co-occur and to 0 when both occur in every document. The score lies in [-1, 1].

    Args:
        top: For each topic, the column indices of its top terms.
        counts: The documents' count matrix (sparse or dense; only presence is used).

    Returns:
        One mean NPMI per topic (0 for a topic with fewer than two terms).
    """
    if sparse.issparse(counts):
        present = (counts > 0).astype(np.float64).tocsc()
    else:
        present = (np.asarray(counts) > 0).astype(np.float64)
    n_docs = present.shape[0]
    scores = []
    for idx in top:
        if len(idx) < 2:
            scores.append(0.0)
            continue
        block = present[:, idx]
        block = block.toarray() if sparse.issparse(block) else block
        scores.append(_mean_npmi((block.T @ block) / n_docs))
    return np.array(scores)


def _mean_npmi(joint: np.ndarray) -> float:
    single = np.diag(joint)
    upper = np.triu_indices(len(joint), k=1)
    p_uv = joint[upper]
    p_u_p_v = single[upper[0]] * single[upper[1]]
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.log(p_uv / p_u_p_v) / -np.log(p_uv)
    npmi = np.where(p_uv == 0, -1.0, npmi)
    npmi = np.where(p_uv >= 1.0, 0.0, npmi)
    return float(np.mean(npmi))


def top_term_agreement(reference: Sequence[set], other: Sequence[set]) -> float:
    """Mean Jaccard overlap of two models' top-term sets after the best one-to-one matching.

    Args:
        reference: One set of top terms per topic of the first model.
        other: One set per topic of the second model (same number of topics).

    Returns:
        The mean Jaccard index over matched topic pairs, in [0, 1].
    """
    similarity = np.array(
        [[len(a & b) / len(a | b) if a | b else 1.0 for b in other] for a in reference]
    )
    rows, cols = linear_sum_assignment(-similarity)
    return float(similarity[rows, cols].mean())


def distinctiveness(sets: Sequence[set]) -> float:
    """One minus the mean Jaccard overlap of each topic's top terms with its nearest other topic.

    Returns:
        A value in [0, 1]; 1.0 for a single topic or topics without shared top terms.
    """
    if len(sets) < 2:
        return 1.0
    nearest = [
        max(len(a & b) / len(a | b) if a | b else 0.0 for j, b in enumerate(sets) if j != i)
        for i, a in enumerate(sets)
    ]
    return float(1.0 - np.mean(nearest))


def support(doc_topic: np.ndarray, *, min_documents: int = 2) -> float:
    """Share of topics that are the dominant topic of at least ``min_documents`` documents.

    A topic that leads in one paragraph only is that paragraph, not a theme of the text.
    Rows with NaN (empty documents) are ignored.
    """
    rows = doc_topic[~np.isnan(doc_topic).any(axis=1)]
    if rows.shape[1] < 2 or len(rows) == 0:
        return 1.0
    leads = np.bincount(np.argmax(np.round(rows, 9), axis=1), minlength=rows.shape[1])
    return float(np.mean(leads >= min_documents))


def subsample_stability(
    counts: sparse.csr_matrix,
    vocabulary: np.ndarray,
    reference_topic_term: np.ndarray,
    *,
    k: int,
    fit: Callable[[sparse.csr_matrix, int, int], np.ndarray],
    random_state: int,
    n_runs: int,
    subsample: float,
    top_n: int,
) -> float:
    """Agreement of the reference model with models fitted on random document subsamples.

    Run ``r`` (1..n_runs) draws ``subsample`` of the documents with seed ``random_state + r``
    and fits with that seed (``fit(counts, k, seed) -> topic_term`` over the used terms); its
    top-``top_n`` term sets are matched to the reference's (:func:`top_term_agreement`).
    Topics that hinge on a few documents vanish when those are left out; real themes survive.

    Returns:
        The mean agreement over runs, in [0, 1]: 1.0 when ``n_runs`` is 0, and 0.0 when a
        subsample (at most n_docs - 1 documents) would not exceed K documents.
    """
    reference = term_sets(reference_topic_term, vocabulary, top_n)
    n_docs = counts.shape[0]
    size = min(n_docs - 1, round(subsample * n_docs))
    if n_runs > 0 and size <= k:
        return 0.0  # too few documents to check K topics on a subsample: not shown stable
    agreements = []
    for run in range(1, n_runs + 1):
        seed = random_state + run
        rows = np.sort(np.random.default_rng(seed).choice(n_docs, size=size, replace=False))
        part = counts[rows]
        used = np.asarray(part.sum(axis=0)).ravel() > 0
        if used.sum() <= k:
            agreements.append(0.0)
            continue
        topic_term = fit(part[:, used], k, seed)
        agreements.append(
            top_term_agreement(reference, term_sets(topic_term, vocabulary[used], top_n))
        )
    return float(np.mean(agreements)) if agreements else 1.0
