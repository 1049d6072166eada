"""Fitting topic models: NMF on TF-IDF or LDA on counts, seeded and single-threaded.

Two NMF solvers are used, both deterministic: scikit-learn's coordinate descent for corpora,
and a small multiplicative-update solver (Lee & Seung 2001, NNDSVDa start) for the few
paragraphs of one article, where scikit-learn's per-call overhead would dominate. Both accept
sparse input, so their cost is linear in the number of non-zero entries.

An NMF document's topic weights are read as ``W[d, k] * ||H[k]||_2``: the length of topic k's
part of the document's TF-IDF vector. Unlike raw ``W`` (or ``W`` scaled by the topic's term
mass) this reading does not change when a topic's scale is moved between W and H, which the
Frobenius loss leaves free.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.utils.extmath import randomized_svd
from threadpoolctl import threadpool_limits

from analysis.resources import load_once

METHODS = ("nmf", "lda")
_EPSILON = 1e-10
# Matrices with more cells than this are decomposed with a randomized, linear-cost SVD.
_DENSE_SVD_CELLS = 200_000
# Coordinate-descent sweeps that give a document its weights on fixed NMF topics.
_TRANSFORM_SWEEPS = 60


def _identity(doc: list[str]) -> list[str]:
    return doc


def count_matrix(docs, *, min_df: float | int, max_df: float | int):
    """Return the document-term count matrix and its (sorted) vocabulary.

    Args:
        docs: The documents (:class:`~analysis.topics.terms.Documents`).
        min_df: Minimum document frequency of a term (count, or share if a float < 1).
        max_df: Maximum document frequency of a term (share if a float, else a count).

    Returns:
        (counts, vocabulary): a CSR matrix n_docs x V of int64 counts and the V terms.

    Raises:
        ValueError: If no term survives (the documents have no content words).
    """
    vectorizer = CountVectorizer(
        analyzer=_identity, min_df=min_df, max_df=max_df, dtype=np.int64, lowercase=False
    )
    try:
        counts = vectorizer.fit_transform(docs.terms)
    except ValueError as error:
        raise ValueError(f"no content terms to model topics on: {error}") from error
    return counts.tocsr(), vectorizer.get_feature_names_out()


def tfidf_matrix(counts: sparse.csr_matrix, *, sublinear_tf: bool = True) -> sparse.csr_matrix:
    """Return l2-normalised TF-IDF (smoothed idf; sublinear 1 + log tf by default)."""
    transformer = TfidfTransformer(norm="l2", sublinear_tf=sublinear_tf, smooth_idf=True)
    return transformer.fit_transform(counts.astype(np.float64)).tocsr()


def weighted_tfidf(
    counts: sparse.csr_matrix, idf: np.ndarray, *, sublinear_tf: bool = True
) -> sparse.csr_matrix:
    """TF-IDF of counts with a given idf vector, rows l2-normalised (empty rows stay 0)."""
    matrix = counts.astype(np.float64).tocsr(copy=True)
    if sublinear_tf:
        np.log(matrix.data, out=matrix.data)
        matrix.data += 1.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return (sparse.diags(scale) @ matrix).tocsr()


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to sum 1; all-zero rows become NaN."""
    totals = matrix.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, matrix / np.where(totals > 0, totals, 1.0), np.nan)


@load_once
def single_threaded_numerics() -> None:
    """Pin BLAS and OpenMP to one thread for the whole process, once.

    Thread counts change the order of floating-point sums, so results would depend on
    the machine; and a per-fit limit would be undone by a concurrent job's exit.
    """
    threadpool_limits(limits=1)


def nmf_weights(doc_topic: np.ndarray, topic_term: np.ndarray) -> np.ndarray:
    """Scale-free NMF document weights: ``W[d, k] * ||H[k]||_2``."""
    return doc_topic * np.linalg.norm(topic_term, axis=1)


def nmf_mixtures(matrix: sparse.csr_matrix, topic_term: np.ndarray) -> np.ndarray:
    """Non-negative least-squares weights of each row on fixed NMF topics, scale-free.

    A fixed number of coordinate-descent sweeps (HALS) from a clipped projection: each
    row's result depends only on that row and the topics, whatever the shard it is in.

    Returns:
        n x K weights ``W[d, k] * ||H[k]||_2`` (zero for an empty row).
    """
    xh = np.asarray(matrix @ topic_term.T)
    hh = topic_term @ topic_term.T
    diagonal = np.maximum(np.diag(hh), 1e-12)
    w = np.maximum(xh / diagonal, 0.0) / topic_term.shape[0]
    for _ in range(_TRANSFORM_SWEEPS):
        for j in range(topic_term.shape[0]):
            w[:, j] = np.maximum(w[:, j] + (xh[:, j] - w @ hh[:, j]) / diagonal[j], 0.0)
    return w * np.linalg.norm(topic_term, axis=1)


def _svd(matrix, k: int, random_state: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if matrix.shape[0] * matrix.shape[1] <= _DENSE_SVD_CELLS:
        dense = matrix.toarray() if sparse.issparse(matrix) else matrix
        u, s, vt = np.linalg.svd(dense, full_matrices=False)
        return u[:, :k], s[:k], vt[:k]
    return randomized_svd(matrix, k, n_iter=4, random_state=random_state)


def nndsvda_start(matrix, k: int, *, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """NNDSVD initialisation (Boutsidis & Gallopoulos 2008), zeros filled with the mean.

    Each singular pair is split into its positive and negative parts and the larger part
    is kept, so the start is deterministic and close to the best rank-k approximation.
    """
    u, s, vt = _svd(matrix, k, random_state)
    w = np.zeros((matrix.shape[0], k))
    h = np.zeros((k, matrix.shape[1]))
    w[:, 0] = np.sqrt(s[0]) * np.abs(u[:, 0])
    h[0] = np.sqrt(s[0]) * np.abs(vt[0])
    for j in range(1, len(s)):
        x, y = u[:, j], vt[j]
        xp, xn, yp, yn = np.maximum(x, 0), np.maximum(-x, 0), np.maximum(y, 0), np.maximum(-y, 0)
        pos = np.linalg.norm(xp) * np.linalg.norm(yp)
        neg = np.linalg.norm(xn) * np.linalg.norm(yn)
        a, b, norm = (xp, yp, pos) if pos >= neg else (xn, yn, neg)
        if norm > 0:
            factor = np.sqrt(s[j] * norm)
            w[:, j] = factor * a / np.linalg.norm(a)
            h[j] = factor * b / np.linalg.norm(b)
    mean = float(matrix.mean())
    w[w < _EPSILON] = mean
    h[h < _EPSILON] = mean
    return w, h


def multiplicative_nmf(
    matrix, k: int, *, random_state: int, max_iter: int = 60, tol: float = 1e-4
) -> tuple[np.ndarray, np.ndarray]:
    """Frobenius NMF by multiplicative updates from an NNDSVDa start.

    Each iteration costs a few products with ``matrix`` (dense or sparse), so the cost is
    linear in its non-zeros; it stops when the relative change of the error over ten
    iterations falls below ``tol``.

    Args:
        matrix: n x V non-negative matrix (numpy or scipy sparse).
        k: Rank.
        random_state: Seed of the randomized SVD used on large matrices.
        max_iter: Iteration cap.
        tol: Relative error change that ends the iterations.

    Returns:
        (W, H): n x k and k x V non-negative factors.
    """
    w, h = nndsvda_start(matrix, k, random_state=random_state)
    squared = float(matrix.multiply(matrix).sum()) if sparse.issparse(matrix) else None
    squared = float((matrix * matrix).sum()) if squared is None else squared
    previous = np.inf
    for iteration in range(max_iter):
        xh = np.asarray(matrix @ h.T)
        hh = h @ h.T
        w *= xh / np.maximum(w @ hh, _EPSILON)
        wx = np.asarray((matrix.T @ w).T)
        ww = w.T @ w
        h *= wx / np.maximum(ww @ h, _EPSILON)
        if iteration % 10 == 9:
            error = squared - 2 * np.sum(wx * h) + np.sum(ww * (h @ h.T))
            if previous - error < tol * max(previous, _EPSILON):
                break
            previous = error
    return w, h


def fit_matrix(
    counts: sparse.csr_matrix,
    *,
    k: int,
    method: str,
    random_state: int,
    sublinear_tf: bool = True,
    max_iter: int = 400,
    tfidf: sparse.csr_matrix | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit one topic model to a count matrix with scikit-learn, single-threaded.

    Args:
        counts: n_docs x V counts.
        k: Number of topics.
        method: ``"nmf"`` (on TF-IDF) or ``"lda"`` (on counts).
        random_state: Seed.
        sublinear_tf: Use 1 + log(tf) in the TF-IDF of NMF.
        max_iter: Iteration cap of the solver.
        tfidf: The TF-IDF matrix to factorise, when it is already computed (NMF only).

    Returns:
        (doc_topic, topic_term): document weights (NMF: the scale-free reading of
        :func:`nmf_weights`) and K x V term weights, both unnormalised.

    Raises:
        ValueError: If ``method`` is unknown.
    """
    return fit_model(
        counts,
        k=k,
        method=method,
        random_state=random_state,
        sublinear_tf=sublinear_tf,
        max_iter=max_iter,
        tfidf=tfidf,
    )[:2]


def fit_model(
    counts: sparse.csr_matrix,
    *,
    k: int,
    method: str,
    random_state: int,
    sublinear_tf: bool = True,
    max_iter: int = 400,
    tfidf: sparse.csr_matrix | None = None,
):
    """Like :func:`fit_matrix`, also returning the fitted scikit-learn estimator."""
    if method not in METHODS:
        raise ValueError(f"topics method must be one of {METHODS}, got {method!r}")
    single_threaded_numerics()
    if method == "nmf":
        # NNDSVD needs K <= min(documents, terms); tiny corpora fall back to seeded random.
        init = "nndsvda" if k <= min(counts.shape) else "random"
        model = NMF(
            n_components=k,
            init=init,
            beta_loss="frobenius",
            solver="cd",
            max_iter=max_iter,
            tol=1e-4,
            random_state=random_state,
        )
        matrix = tfidf if tfidf is not None else tfidf_matrix(counts, sublinear_tf=sublinear_tf)
        doc_topic = nmf_weights(model.fit_transform(matrix), model.components_)
    else:
        model = LatentDirichletAllocation(
            n_components=k,
            learning_method="batch",
            max_iter=max(10, max_iter // 20),
            random_state=random_state,
            n_jobs=None,
            evaluate_every=-1,
        )
        doc_topic = model.fit_transform(counts.astype(np.float64))
    return np.asarray(doc_topic, dtype=float), np.asarray(model.components_, dtype=float), model


def transform(model, matrix) -> np.ndarray:
    """Document weights of new documents under a fitted model (NMF: TF-IDF rows; LDA: counts).

    Returns:
        n x K unnormalised weights (all zero for an empty NMF row).
    """
    if isinstance(model, NMF):
        return nmf_weights(np.asarray(model.transform(matrix)), model.components_)
    return np.asarray(model.transform(matrix), dtype=float)
