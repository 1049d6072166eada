"""Topics beyond the number a corpus supports, formed by splitting supported topics in two.

Asked for more topics than the corpus supports (the K that ``auto`` would choose), a flat NMF
spends its extra components on the directions of largest leftover variance: it cuts the
broadest categories into even halves along a gradient (film reviews into "film" and "movie"
wording), while a theme with real sub-themes stays whole. Here the extra topics are made
the way an editor refines a list of sections instead (hierarchical rank-2 NMF, after Kuang &
Park, KDD 2013):

1. fit the supported number of topics, and give each topic the documents it leads;
2. split each topic's documents by a rank-2 NMF, and score the split by the share of the
   topic's rank-1 residual that it explains (:func:`split_topic`): two clear sub-themes
   explain much of it, a gradient little;
3. replace the topic with the best split by its two halves, split those in turn, and repeat
   until there are K topics (:func:`nested_start`);
4. refine all K topics together by NMF from these starting topics (:func:`fit_nested`).

So every topic beyond the supported number is a sub-theme of a supported one. A half must
lead in at least ``min_documents`` documents; when no topic can be split so, the model falls
back to the flat fit. Each rank-2 fit costs a few passes over its topic's documents, so the
whole costs a few passes over the matrix per extra topic: linear in its non-zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF

from analysis.topics.fitting import fit_model, nmf_mixtures, nmf_weights, single_threaded_numerics

# A topic should lead in at least two documents (as within an article).
MIN_DOCUMENTS = 2
_EPSILON = 1e-10


@dataclass(frozen=True)
class Split:
    """A topic's documents split in two by a rank-2 NMF.

    Attributes:
        gain: Share of the rank-1 residual (squared Frobenius error) that the two halves
            explain, rounded to 9 decimals; in [0, 1].
        topic_term: The halves' 2 x V term weights.
        rows: For each half, the indices of the documents it leads.
    """

    gain: float
    topic_term: np.ndarray
    rows: tuple[np.ndarray, np.ndarray]


def _nmf(matrix, k: int, random_state: int, max_iter: int) -> NMF:
    model = NMF(
        n_components=k,
        init="nndsvda" if k <= min(matrix.shape) else "random",
        beta_loss="frobenius",
        solver="cd",
        max_iter=max_iter,
        tol=1e-4,
        random_state=random_state,
    )
    model.fit(matrix)
    return model


def _dominant(weights: np.ndarray) -> np.ndarray:
    return np.argmax(np.round(weights, 9), axis=1)


def split_topic(
    matrix: sparse.csr_matrix,
    rows: np.ndarray,
    *,
    min_documents: int,
    random_state: int,
    max_iter: int,
) -> Split | None:
    """Split the documents ``rows`` of ``matrix`` in two, or ``None`` if a half would be small.

    Args:
        matrix: The documents' TF-IDF rows (all documents of the corpus).
        rows: Indices of the topic's documents.
        min_documents: Fewest documents each half must lead.
        random_state: Seed of the solver.
        max_iter: Iteration cap of the solver.

    Returns:
        The split with its gain (see :class:`Split`), or ``None``.
    """
    if len(rows) < 2 * min_documents or len(rows) < 3:
        return None
    part = matrix[rows]
    one = _nmf(part, 1, random_state, max_iter)
    two = _nmf(part, 2, random_state, max_iter)
    halves = _dominant(nmf_mixtures(part, two.components_))
    sizes = np.bincount(halves, minlength=2)
    if sizes.min() < max(min_documents, 1):
        return None
    residual = one.reconstruction_err_**2
    gain = (residual - two.reconstruction_err_**2) / max(residual, _EPSILON)
    return Split(
        gain=round(float(np.clip(gain, 0.0, 1.0)), 9),
        topic_term=np.asarray(two.components_, dtype=float),
        rows=(rows[halves == 0], rows[halves == 1]),
    )


def nested_start(
    matrix: sparse.csr_matrix,
    topic_term: np.ndarray,
    k: int,
    *,
    min_documents: int = MIN_DOCUMENTS,
    random_state: int,
    max_iter: int = 400,
) -> np.ndarray | None:
    """Split the supported topics until there are ``k`` (steps 1-3 of the module docstring).

    Args:
        matrix: The documents' TF-IDF rows.
        topic_term: The supported topics' term weights (fewer than ``k`` rows).
        k: The number of topics wanted.
        min_documents: Fewest documents each half of a split must lead.
        random_state: Seed of the solver.
        max_iter: Iteration cap of each rank-2 fit.

    Returns:
        k x V starting topics, a split topic's halves in its place; ``None`` when fewer than
        ``k`` topics can be made.
    """
    leads = _dominant(nmf_mixtures(matrix, topic_term))
    topics = list(np.asarray(topic_term, dtype=float))
    members = [np.flatnonzero(leads == t) for t in range(len(topics))]

    def split(rows: np.ndarray) -> Split | None:
        return split_topic(
            matrix,
            rows,
            min_documents=min_documents,
            random_state=random_state,
            max_iter=max_iter,
        )

    splits = [split(rows) for rows in members]
    while len(topics) < k:
        scored = [(s.gain, -t) for t, s in enumerate(splits) if s is not None]
        if not scored:
            return None
        best = -max(scored)[1]  # the largest gain; the earlier topic on a tie
        chosen = splits[best]
        topics[best : best + 1] = list(chosen.topic_term)
        members[best : best + 1] = list(chosen.rows)
        splits[best : best + 1] = [split(rows) for rows in chosen.rows]
    return np.vstack(topics)


def fit_nested(
    counts: sparse.csr_matrix,
    tfidf: sparse.csr_matrix,
    *,
    k: int,
    supported: int,
    random_state: int,
    max_iter: int = 400,
) -> tuple[np.ndarray, np.ndarray, NMF]:
    """Fit ``k`` NMF topics to a corpus that supports ``supported`` (< k) of them.

    Args:
        counts: n_docs x V counts.
        tfidf: Their TF-IDF rows.
        k: Number of topics.
        supported: The number of topics the corpus supports (``auto``'s choice).
        random_state: Seed.
        max_iter: Iteration cap of the solvers.

    Returns:
        (doc_topic, topic_term, estimator) as :func:`~analysis.topics.fitting.fit_model`;
        the flat fit when the supported topics cannot be split into ``k``.
    """
    single_threaded_numerics()
    _, supported_topics, _ = fit_model(
        counts, k=supported, method="nmf", random_state=random_state, max_iter=max_iter,
        tfidf=tfidf,
    )  # fmt: skip
    start = nested_start(tfidf, supported_topics, k, random_state=random_state, max_iter=max_iter)
    if start is None:
        return fit_model(
            counts, k=k, method="nmf", random_state=random_state, max_iter=max_iter, tfidf=tfidf
        )
    norms = np.maximum(np.linalg.norm(start, axis=1), _EPSILON)
    start_weights = np.maximum(nmf_mixtures(tfidf, start) / norms, _EPSILON)
    model = NMF(
        n_components=k,
        init="custom",
        beta_loss="frobenius",
        solver="cd",
        max_iter=max_iter,
        tol=1e-4,
        random_state=random_state,
    )
    weights = model.fit_transform(tfidf, W=start_weights, H=start.copy())
    doc_topic = nmf_weights(np.asarray(weights, dtype=float), model.components_)
    return doc_topic, np.asarray(model.components_, dtype=float), model
