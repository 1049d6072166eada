"""Topics within one article: a fast NMF over its paragraphs (or sentences).

The article's documents are few (a 400-word story has five to ten paragraphs), so the model is
fitted by :func:`~analysis.topics.fitting.multiplicative_nmf` on dense TF-IDF, and ``auto``
tries K = 2 .. min(8, n_documents // 2), one fit each. A K is scored by
``score = (1 + coherence) / 2 * distinctiveness * support``: coherence is the mean NPMI of
each topic's top terms over the article's documents, distinctiveness one minus the mean
top-term overlap of each topic with its nearest other, and support the share of topics that
lead in at least two documents (a topic that leads in one paragraph only is that paragraph).
Coherence on a model's own documents rises with K; support holds it back. The highest score
wins, ties going to the smaller K. Every step is linear in the article's length.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.topics.fitting import (
    METHODS,
    fit_matrix,
    multiplicative_nmf,
    nmf_weights,
    normalise_rows,
    weighted_tfidf,
)
from analysis.topics.model import TopicModel, prevalence_order, validate_k
from analysis.topics.quality import distinctiveness, npmi_coherence, support, term_sets, top_indices
from analysis.topics.terms import Documents

ARTICLE_K_CANDIDATES = (2, 3, 4, 5, 6, 7, 8)
# A topic should be able to lead in two documents: K is at most half the documents.
DOCUMENTS_PER_TOPIC = 2
# Small articles are modelled on dense matrices: faster than sparse ones at this size.
DENSE_CELLS = 200_000
QUALITY_COLUMNS = ["k", "coherence", "support", "distinctiveness", "score", "chosen"]


def article_k_candidates(n_docs: int) -> list[int]:
    """The K tried by ``auto`` for ``n_docs`` non-empty documents (may be empty)."""
    return [k for k in ARTICLE_K_CANDIDATES if k <= n_docs // DOCUMENTS_PER_TOPIC]


def term_matrix(terms: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Counts of each document's terms over the sorted vocabulary (no scikit-learn overhead).

    Raises:
        ValueError: If the documents have no terms.
    """
    vocabulary = np.array(sorted({term for doc in terms for term in doc}), dtype=object)
    if len(vocabulary) == 0:
        raise ValueError("no content terms to model topics on")
    index = {term: i for i, term in enumerate(vocabulary.tolist())}
    columns = [index[term] for doc in terms for term in doc]
    rows = np.repeat(np.arange(len(terms)), [len(doc) for doc in terms])
    counts = sparse.csr_matrix(
        (np.ones(len(columns)), (rows, columns)), shape=(len(terms), len(vocabulary))
    )
    counts.sum_duplicates()
    return counts, vocabulary


def smoothed_idf(counts: sparse.csr_matrix) -> np.ndarray:
    """``ln((1 + n) / (1 + df)) + 1`` of each column, as scikit-learn's smooth idf."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0


def dense_tfidf(counts: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Sublinear TF times idf, rows l2-normalised, on a dense count matrix."""
    tf = np.zeros_like(counts, dtype=float)
    np.log(counts, out=tf, where=counts > 0)
    matrix = np.where(counts > 0, tf + 1.0, 0.0) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _fit(counts, matrix, k: int, method: str, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    if k == 1:
        totals = np.asarray(counts.sum(axis=0), dtype=float).reshape(1, -1)
        return np.ones((counts.shape[0], 1)), totals
    if method == "nmf":
        w, h = multiplicative_nmf(matrix, k, random_state=random_state)
        return nmf_weights(w, h), h
    return fit_matrix(sparse.csr_matrix(counts), k=k, method=method, random_state=random_state)


def score_k(
    doc_topic: np.ndarray, topic_term: np.ndarray, counts, vocabulary: np.ndarray, *, top_n: int
) -> dict[str, float]:
    """Coherence, support, distinctiveness and their product for one fitted K."""
    coherence = npmi_coherence(top_indices(topic_term, vocabulary, top_n), counts)
    row = {
        "coherence": float(coherence.mean()),
        "support": support(doc_topic, min_documents=DOCUMENTS_PER_TOPIC),
        "distinctiveness": distinctiveness(term_sets(topic_term, vocabulary, top_n)),
    }
    score = (1.0 + row["coherence"]) / 2.0 * row["distinctiveness"] * row["support"]
    row["score"] = round(float(score), 6)
    return row


def fit_article_topics(
    docs: Documents,
    *,
    k: int | str,
    method: str,
    random_state: int,
    top_n: int,
) -> TopicModel:
    """Fit one article's topic model.

    Args:
        docs: The article's documents (empty ones get NaN weights).
        k: ``"auto"`` or a fixed K (1 <= k < non-empty documents). ``auto`` with fewer than
            four non-empty documents fits one topic.
        method: ``"nmf"`` or ``"lda"``.
        random_state: Seed.
        top_n: Top terms per topic for the quality measures.

    Returns:
        The model; ``quality`` has the columns of :data:`QUALITY_COLUMNS`.

    Raises:
        ValueError: On an invalid ``k`` or ``method``, or documents without content terms.
    """
    if method not in METHODS:
        raise ValueError(f"topics method must be one of {METHODS}, got {method!r}")
    lengths = docs.lengths
    non_empty = np.flatnonzero(lengths > 0)
    setting = validate_k(k, len(non_empty))
    kept = Documents(ids=[docs.ids[i] for i in non_empty], terms=[docs.terms[i] for i in non_empty])
    counts, vocabulary = term_matrix(kept.terms)
    idf = smoothed_idf(counts)
    if counts.shape[0] * counts.shape[1] <= DENSE_CELLS:
        counts = counts.toarray()
        matrix = dense_tfidf(counts, idf)
    else:
        matrix = weighted_tfidf(counts, idf)
    top_n = max(2, min(top_n, len(vocabulary)))
    tried = (article_k_candidates(len(non_empty)) or [1]) if setting == "auto" else [setting]
    fits, rows = {}, []
    for candidate in tried:
        fits[candidate] = _fit(counts, matrix, candidate, method, random_state)
        rows.append({"k": candidate, **score_k(*fits[candidate], counts, vocabulary, top_n=top_n)})
    # Highest score, ties to the smaller K (rows are in increasing K).
    chosen = max(rows, key=lambda row: (row["score"], -row["k"]))["k"]
    for row in rows:
        row["chosen"] = row["k"] == chosen
    quality = pd.DataFrame(rows, columns=QUALITY_COLUMNS)
    doc_topic, topic_term = fits[chosen]
    doc_topic = normalise_rows(doc_topic)
    order = prevalence_order(doc_topic, topic_term, vocabulary, lengths[non_empty])
    full = np.full((len(docs.ids), chosen), np.nan)
    full[non_empty] = doc_topic[:, order]
    topic_term = topic_term[order]
    coherence = npmi_coherence(top_indices(topic_term, vocabulary, top_n), counts)
    return TopicModel(
        k=chosen,
        method=method,
        vocabulary=vocabulary,
        topic_term=normalise_rows(topic_term),
        doc_topic=full,
        coherence=coherence,
        quality=quality,
        top_n=top_n,
    )
