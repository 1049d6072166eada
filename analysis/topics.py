"""Topic models within one article (paragraphs or sentences) and across articles.

Documents are bags of content-word lemmas (nouns, proper nouns, adjectives, verbs; no stop
words, no punctuation or numbers) plus frequent adjective/noun + noun bigrams ("natural gas").
Two scikit-learn models are offered, both seeded and run single-threaded so that the same input
and seed give the same numbers on any machine:

- ``nmf``: NMF on sublinear, l2-normalised TF-IDF (NNDSVDA initialisation, Frobenius loss);
- ``lda``: latent Dirichlet allocation (batch variational Bayes) on raw counts.

The number of topics is either a fixed integer or ``"auto"``. The automatic rule is
documented in :func:`select_k`: every candidate K is fitted once on all documents (the reference)
and again on random 80 % subsamples with other seeds; the score of K is
``stability(K) * (1 + coherence(K)) / 2`` where stability is the mean best-match Jaccard overlap
``score(K) = stability(K) * (1 + coherence(K)) / 2 * distinctiveness(K)`` where stability is
the mean best-match Jaccard overlap of the top-term sets (reference against each subsample
model), coherence the mean NPMI of each topic's top terms over document co-occurrence in the
model's own documents, and distinctiveness one minus the mean overlap of each topic's top terms
with its nearest other topic (it stops one theme from being split into near-duplicates). The
largest score wins; ties go to the smaller K.

Topics are numbered 1..K in order of decreasing prevalence (share of all content tokens),
ties broken by label, so the numbering does not depend on the solver's internal order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer
from threadpoolctl import threadpool_limits

from analysis.resources import load_once

METHODS = ("nmf", "lda")
CONTENT_POS_PREFIXES = ("NN", "JJ", "VB")
# Reporting and light verbs occur in every news paragraph whatever its theme.
LIGHT_VERBS = frozenset({"say", "tell", "add", "make", "come", "know", "want", "need", "use"})
LABEL_SEPARATOR = " · "
ARTICLE_K_CANDIDATES = (2, 3, 4, 5, 6, 7, 8)
CORPUS_K_CANDIDATES = (4, 6, 8, 10, 12, 14, 16)
# The token and sentence columns topic modelling reads (corpus jobs read only these).
TOKEN_COLUMNS_USED = ("sentence_id", "token_id", "lemma", "pos", "is_stopword")
SENTENCE_COLUMNS_USED = ("sentence_id", "paragraph_id")


@dataclass(frozen=True)
class Documents:
    """Bags of terms with their identifiers.

    Attributes:
        ids: One identifier per document (paragraph id, sentence id, article id...).
        terms: One list of terms per document, in text order.
    """

    ids: list
    terms: list[list[str]]

    @property
    def lengths(self) -> np.ndarray:
        """Number of terms in each document."""
        return np.array([len(doc) for doc in self.terms], dtype=float)


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model, topics renumbered by prevalence.

    Attributes:
        k: Number of topics.
        method: ``"nmf"`` or ``"lda"``.
        vocabulary: The terms, in column order of ``topic_term``.
        topic_term: K x V term weights, each row summing to 1.
        doc_topic: n_docs x K topic weights, each row summing to 1 (NaN for empty documents).
        coherence: Mean NPMI of each topic's top terms (length K).
        quality: One row per K tried: k, coherence, stability, distinctiveness, score, chosen.
        top_n: Number of top terms used for coherence, stability and the tables.
    """

    k: int
    method: str
    vocabulary: np.ndarray
    topic_term: np.ndarray
    doc_topic: np.ndarray
    coherence: np.ndarray
    quality: pd.DataFrame
    top_n: int

    def top_terms(self, topic: int, n: int | None = None) -> list[str]:
        """Return the ``n`` heaviest terms of 0-based ``topic`` (ties by term)."""
        order = _ranked_terms(self.topic_term[topic], self.vocabulary)
        return [str(self.vocabulary[i]) for i in order[: n or self.top_n]]

    def label(self, topic: int, n: int = 3) -> str:
        """Return a readable label of 0-based ``topic`` such as ``energy · natural gas · import``.

        A bigram replaces its own words ("united states" rather than "united · states").
        """
        chosen: list[str] = []
        for term in self.top_terms(topic, len(self.vocabulary)):
            words = term.split()
            if len(words) > 1:
                chosen = [c for c in chosen if c not in words]
            elif any(term in c.split() for c in chosen):
                continue
            chosen.append(term)
            if len(chosen) == n:
                break
        return LABEL_SEPARATOR.join(chosen)


# ----------------------------------------------------------------------------- terms


def _is_content(tokens: pd.DataFrame) -> pd.Series:
    pos = tokens["pos"].astype(str).str.slice(0, 2)
    lemma = tokens["lemma"].astype(str).str.lower()
    stop = tokens["is_stopword"].astype(str).str.lower().isin(["true", "1"])
    return (
        pos.isin(CONTENT_POS_PREFIXES)
        & ~stop
        & ~lemma.isin(ENGLISH_STOP_WORDS)
        & ~lemma.isin(LIGHT_VERBS)
        & lemma.str.contains(r"[a-z]", regex=True)
        & (lemma.str.len() > 1)
    )


def content_terms(
    tokens: pd.DataFrame,
    *,
    noun_bigrams: bool = True,
    min_bigram_count: int = 2,
    group_column: str | None = None,
) -> pd.DataFrame:
    """Return the content-word lemmas of a token table, with frequent noun bigrams added.

    A bigram is two adjacent tokens of one sentence, an adjective or noun followed by a noun,
    both content words ("natural gas", "trade policy"); it is kept when it occurs at least
    ``min_bigram_count`` times in ``tokens`` and is then added next to its two unigrams.

    Args:
        tokens: Token table (sentence_id, token_id, lemma, pos, is_stopword).
        noun_bigrams: Whether to add bigrams.
        min_bigram_count: Minimum number of occurrences of a kept bigram.
        group_column: Optional column (an article id, say) that keeps several articles'
            tokens apart in one table; it is carried into the output.

    Returns:
        Columns [group_column,] sentence_id, token_id, term (lower-cased), in text order; a
        bigram carries the token_id of its second token.
    """
    keys = [group_column, "token_id"] if group_column else ["token_id"]
    frame = tokens.sort_values(keys, kind="stable").reset_index(drop=True)
    keep = _is_content(frame)
    columns = [*keys[:-1], "sentence_id", "token_id"]
    terms = frame.loc[keep, columns].copy()
    lemma = frame["lemma"].astype(str).str.lower()
    terms["term"] = lemma[keep]
    if not noun_bigrams or len(frame) < 2:
        return terms.reset_index(drop=True)
    pos = frame["pos"].astype(str)
    head = keep & pos.str.startswith(("NN", "JJ"))
    tail = keep & pos.str.startswith("NN")
    pair = (
        head.shift(1, fill_value=False)
        & tail
        & (frame["sentence_id"].shift(1) == frame["sentence_id"])
        & (frame["token_id"].shift(1) == frame["token_id"] - 1)
    )
    if group_column:
        pair &= frame[group_column].shift(1) == frame[group_column]
    bigrams = frame.loc[pair, columns].copy()
    bigrams["term"] = lemma.shift(1)[pair] + " " + lemma[pair]
    counts = bigrams["term"].value_counts()
    bigrams = bigrams[bigrams["term"].map(counts) >= min_bigram_count]
    combined = pd.concat([terms, bigrams], ignore_index=True)
    return combined.sort_values([*keys, "term"], kind="stable").reset_index(drop=True)


def article_documents(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    unit: str = "paragraph",
    noun_bigrams: bool = True,
    min_bigram_count: int = 2,
) -> Documents:
    """Split one article into documents (paragraphs or sentences) of content terms.

    Every paragraph (or sentence) of ``sentences`` becomes a document, also when it has no
    content term, so the result lines up with the article's paragraph table.

    Args:
        tokens: The article's token table.
        sentences: The article's sentence table (sentence_id, paragraph_id).
        unit: ``"paragraph"`` or ``"sentence"``.
        noun_bigrams: Whether to add frequent noun bigrams (see :func:`content_terms`).
        min_bigram_count: Minimum count of a kept bigram in the article.

    Returns:
        The documents, ordered by id.

    Raises:
        ValueError: If ``unit`` is unknown.
    """
    if unit not in ("paragraph", "sentence"):
        raise ValueError(f"topics unit must be 'paragraph' or 'sentence', got {unit!r}")
    id_column = "paragraph_id" if unit == "paragraph" else "sentence_id"
    terms = content_terms(tokens, noun_bigrams=noun_bigrams, min_bigram_count=min_bigram_count)
    if unit == "paragraph":
        terms["doc"] = terms["sentence_id"].map(sentences.set_index("sentence_id")[id_column])
    else:
        terms["doc"] = terms["sentence_id"]
    grouped = terms.dropna(subset=["doc"]).groupby("doc", sort=True)["term"].apply(list)
    ids = sorted(int(i) for i in sentences[id_column].unique())
    return Documents(ids=ids, terms=[list(grouped.get(i, [])) for i in ids])


def grouped_documents(terms_by_group: Sequence[Sequence[str]], group_ids: Sequence) -> Documents:
    """Wrap already tokenised documents (one term list per id) as :class:`Documents`."""
    return Documents(ids=list(group_ids), terms=[list(doc) for doc in terms_by_group])


# ----------------------------------------------------------------------------- matrices


def _identity(doc: list[str]) -> list[str]:
    return doc


def count_matrix(
    docs: Documents, *, min_df: float | int = 1, max_df: float | int = 1.0
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Return the document-term count matrix and its (sorted) vocabulary.

    Args:
        docs: The documents.
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


# ----------------------------------------------------------------------------- fitting


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    totals = matrix.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, matrix / np.where(totals > 0, totals, 1.0), np.nan)


@load_once
def _single_threaded_numerics() -> None:
    """Pin BLAS and OpenMP to one thread for the whole process, once.

    Thread counts change the order of floating-point sums, so results would depend on
    the machine; and a per-fit limit would be undone by a concurrent job's exit.
    """
    threadpool_limits(limits=1)


def fit_matrix(
    counts: sparse.csr_matrix,
    *,
    k: int,
    method: str = "nmf",
    random_state: int = 0,
    sublinear_tf: bool = True,
    max_iter: int = 400,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit one topic model to a count matrix, single-threaded for reproducible numerics.

    Args:
        counts: n_docs x V counts.
        k: Number of topics.
        method: ``"nmf"`` (on TF-IDF) or ``"lda"`` (on counts).
        random_state: Seed.
        sublinear_tf: Use 1 + log(tf) in the TF-IDF of NMF.
        max_iter: Iteration cap of the solver.

    Returns:
        (doc_topic, topic_term): raw, unnormalised weights (n_docs x K and K x V).

    Raises:
        ValueError: If ``method`` is unknown.
    """
    if method not in METHODS:
        raise ValueError(f"topics method must be one of {METHODS}, got {method!r}")
    _single_threaded_numerics()
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
        doc_topic = model.fit_transform(tfidf_matrix(counts, sublinear_tf=sublinear_tf))
        # Put W on the scale of unit-mass topics so that argmax compares like with like.
        doc_topic = doc_topic * model.components_.sum(axis=1)
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
    return np.asarray(doc_topic, dtype=float), np.asarray(model.components_, dtype=float)


def _ranked_terms(weights: np.ndarray, vocabulary: np.ndarray) -> np.ndarray:
    # lexsort: last key is primary; heavier first, then alphabetical for ties.
    return np.lexsort((vocabulary, -np.round(weights, 12)))


def _top_indices(topic_term: np.ndarray, vocabulary: np.ndarray, n: int) -> list[np.ndarray]:
    return [_ranked_terms(row, vocabulary)[:n] for row in topic_term]


# ----------------------------------------------------------------------------- quality


def npmi_coherence(top_indices: Sequence[np.ndarray], counts: sparse.csr_matrix) -> np.ndarray:
    """Mean normalised PMI of each topic's top-term pairs over document co-occurrence.

    With N documents, p(w) = df(w) / N and p(u, v) = df(u, v) / N;
    NPMI(u, v) = log(p(u, v) / (p(u) p(v))) / -log p(u, v), set to -1 when the two never
    co-occur and to 0 when both occur in every document. The score lies in [-1, 1].

    Args:
        top_indices: For each topic, the column indices of its top terms.
        counts: The documents' count matrix (only presence is used).

    Returns:
        One mean NPMI per topic (0 for a topic with fewer than two terms).
    """
    present = (counts > 0).astype(np.float64).tocsc()
    n_docs = present.shape[0]
    scores = []
    for idx in top_indices:
        if len(idx) < 2:
            scores.append(0.0)
            continue
        block = present[:, idx].toarray()
        joint = (block.T @ block) / n_docs
        single = np.diag(joint)
        upper = np.triu_indices(len(idx), k=1)
        p_uv = joint[upper]
        p_u_p_v = single[upper[0]] * single[upper[1]]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.log(p_uv / p_u_p_v) / -np.log(p_uv)
        npmi = np.where(p_uv == 0, -1.0, npmi)
        npmi = np.where(p_uv >= 1.0, 0.0, npmi)
        scores.append(float(np.mean(npmi)))
    return np.array(scores)


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


def _term_sets(topic_term: np.ndarray, vocabulary: np.ndarray, n: int) -> list[set]:
    return [set(vocabulary[idx].tolist()) for idx in _top_indices(topic_term, vocabulary, n)]


def stability(
    counts: sparse.csr_matrix,
    vocabulary: np.ndarray,
    reference_topic_term: np.ndarray,
    *,
    k: int,
    method: str,
    random_state: int,
    n_runs: int,
    subsample: float,
    top_n: int,
    sublinear_tf: bool = True,
) -> float:
    """Agreement of the reference model with models fitted on random document subsamples.

    Run ``r`` (1..n_runs) draws ``subsample`` of the documents with seed ``random_state + r``
    and fits with that seed; its top-``top_n`` term sets are matched to the reference's
    (:func:`top_term_agreement`). Topics that hinge on one or two documents vanish when those
    are left out, so they lower the score; real themes survive.

    Returns:
        The mean agreement over runs, in [0, 1]: 1.0 when ``n_runs`` is 0, and 0.0 when a
        subsample (at most n_docs - 1 documents) would not exceed K documents.
    """
    reference = _term_sets(reference_topic_term, vocabulary, top_n)
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
        _, topic_term = fit_matrix(
            part[:, used], k=k, method=method, random_state=seed, sublinear_tf=sublinear_tf
        )
        other = _term_sets(topic_term, vocabulary[used], top_n)
        agreements.append(top_term_agreement(reference, other))
    return float(np.mean(agreements)) if agreements else 1.0


def distinctiveness(term_sets: Sequence[set]) -> float:
    """One minus the mean Jaccard overlap of each topic's top terms with its nearest other topic.

    Returns:
        A value in [0, 1]; 1.0 for a single topic or topics without shared top terms.
    """
    if len(term_sets) < 2:
        return 1.0
    nearest = [
        max(len(a & b) / len(a | b) for j, b in enumerate(term_sets) if j != i)
        for i, a in enumerate(term_sets)
    ]
    return float(1.0 - np.mean(nearest))


def quality_score(quality: pd.DataFrame) -> pd.Series:
    """``stability * (1 + coherence) / 2 * distinctiveness``, rounded to six decimals."""
    score = quality["stability"] * (1.0 + quality["coherence"]) / 2.0
    return (score * quality["distinctiveness"]).round(6)


def select_k(quality: pd.DataFrame) -> int:
    """Choose K from a quality table (columns k, coherence, stability, distinctiveness).

    The rule maximises ``score = stability * (1 + coherence) / 2 * distinctiveness``: all three
    factors lie in [0, 1], so a K must be reproducible (stable top terms under resampling and
    reseeding), coherent (its top terms co-occur in the documents) and free of near-duplicate
    topics. Coherence on a model's own short documents rises with K (a topic fitted to one
    paragraph co-occurs perfectly), so stability and distinctiveness hold K back. Scores are
    compared after rounding to six decimals; among equal scores the smaller K wins.

    Args:
        quality: One row per candidate K.

    Returns:
        The chosen K.
    """
    ranked = quality.assign(score=quality_score(quality)).sort_values(
        ["score", "k"], ascending=[False, True]
    )
    return int(ranked["k"].iloc[0])


# ----------------------------------------------------------------------------- model


def validate_k(k: int | str, n_docs: int) -> int | str:
    """Check a ``k`` setting against the number of documents.

    Args:
        k: ``"auto"`` or a positive integer (an integer string is accepted).
        n_docs: Number of non-empty documents.

    Returns:
        ``"auto"`` or the integer K.

    Raises:
        ValueError: If ``k`` is neither ``"auto"`` nor an integer with 1 <= k < n_docs.
    """
    if isinstance(k, str) and k.strip().lower() == "auto":
        return "auto"
    if isinstance(k, str) and k.strip().lstrip("-").isdigit():
        k = int(k)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"topics k must be 'auto' or an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"topics k must be at least 1, got {k}")
    if k >= max(n_docs, 2):  # one document still supports one topic
        raise ValueError(
            f"topics k must be smaller than the number of non-empty documents ({n_docs}), got {k}"
        )
    return int(k)


def _candidates(k_candidates: Sequence[int], n_docs: int) -> list[int]:
    valid = sorted({int(k) for k in k_candidates if 2 <= int(k) < n_docs})
    if not valid:
        raise ValueError(
            f"topics k='auto' needs at least 3 non-empty documents and a candidate K in "
            f"2..{n_docs - 1}; got {n_docs} documents and candidates {list(k_candidates)}"
        )
    return valid


def _fit_and_score(
    counts: sparse.csr_matrix,
    vocabulary: np.ndarray,
    *,
    k: int,
    method: str,
    random_state: int,
    top_n: int,
    n_runs: int,
    subsample: float,
    sublinear_tf: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    doc_topic, topic_term = fit_matrix(
        counts, k=k, method=method, random_state=random_state, sublinear_tf=sublinear_tf
    )
    coherence = npmi_coherence(_top_indices(topic_term, vocabulary, top_n), counts)
    stable = stability(
        counts,
        vocabulary,
        topic_term,
        k=k,
        method=method,
        random_state=random_state,
        n_runs=n_runs,
        subsample=subsample,
        top_n=top_n,
        sublinear_tf=sublinear_tf,
    )
    return doc_topic, topic_term, coherence, stable


def _renumber(
    doc_topic: np.ndarray,
    topic_term: np.ndarray,
    coherence: np.ndarray,
    vocabulary: np.ndarray,
    lengths: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    shares = np.nan_to_num(doc_topic) * lengths[:, None]
    prevalence = np.round(shares.sum(axis=0), 9)
    labels = [
        LABEL_SEPARATOR.join(vocabulary[i] for i in idx)
        for idx in _top_indices(topic_term, vocabulary, 3)
    ]
    order = sorted(range(len(labels)), key=lambda t: (-prevalence[t], labels[t]))
    return doc_topic[:, order], topic_term[order], coherence[order]


def fit_topics(
    docs: Documents,
    *,
    k: int | str = "auto",
    method: str = "nmf",
    random_state: int = 0,
    k_candidates: Sequence[int] = ARTICLE_K_CANDIDATES,
    top_n: int = 10,
    n_runs: int = 2,
    subsample: float = 0.8,
    min_df: float | int = 1,
    max_df: float | int = 1.0,
    sublinear_tf: bool = True,
) -> TopicModel:
    """Fit a topic model to documents, choosing K automatically or using a fixed K.

    Args:
        docs: The documents (empty ones are kept in the output with NaN weights).
        k: ``"auto"`` or a fixed number of topics (1 <= k < number of non-empty documents).
        method: ``"nmf"`` or ``"lda"``.
        random_state: Seed of the final model; stability runs use ``random_state + r``.
        k_candidates: Candidate K values for ``"auto"``; those >= n_docs are dropped.
        top_n: Top terms per topic for coherence, stability and tables.
        n_runs: Subsample runs per K for the stability score.
        subsample: Share of documents per stability run.
        min_df: Minimum document frequency of a term.
        max_df: Maximum document frequency of a term.
        sublinear_tf: Use 1 + log(tf) in NMF's TF-IDF.

    Returns:
        The fitted :class:`TopicModel` (its ``quality`` lists every K tried).

    Raises:
        ValueError: On an invalid ``k`` or ``method``, or documents without content terms.
    """
    if method not in METHODS:
        raise ValueError(f"topics method must be one of {METHODS}, got {method!r}")
    lengths = docs.lengths
    non_empty = np.flatnonzero(lengths > 0)
    setting = validate_k(k, len(non_empty))
    kept = Documents(ids=[docs.ids[i] for i in non_empty], terms=[docs.terms[i] for i in non_empty])
    counts, vocabulary = count_matrix(kept, min_df=min_df, max_df=max_df)
    top_n = max(2, min(top_n, len(vocabulary)))
    options = dict(
        method=method,
        random_state=random_state,
        top_n=top_n,
        n_runs=n_runs,
        subsample=subsample,
        sublinear_tf=sublinear_tf,
    )
    tried = _candidates(k_candidates, len(non_empty)) if setting == "auto" else [setting]
    fits, rows = {}, []
    for candidate in tried:
        fits[candidate] = _fit_and_score(counts, vocabulary, k=candidate, **options)
        rows.append(
            {
                "k": candidate,
                "coherence": float(fits[candidate][2].mean()),
                "stability": fits[candidate][3],
                "distinctiveness": distinctiveness(
                    _term_sets(fits[candidate][1], vocabulary, top_n)
                ),
            }
        )
    quality = pd.DataFrame(rows)
    chosen = select_k(quality) if setting == "auto" else setting
    quality["score"] = quality_score(quality)
    quality["chosen"] = quality["k"] == chosen
    doc_topic, topic_term, coherence, _ = fits[chosen]
    doc_topic, topic_term, coherence = _renumber(
        _normalise_rows(doc_topic), topic_term, coherence, vocabulary, lengths[non_empty]
    )
    full = np.full((len(docs.ids), chosen), np.nan)
    full[non_empty] = doc_topic
    return TopicModel(
        k=chosen,
        method=method,
        vocabulary=vocabulary,
        topic_term=_normalise_rows(topic_term),
        doc_topic=full,
        coherence=coherence,
        quality=quality,
        top_n=top_n,
    )


# ----------------------------------------------------------------------------- tables


def terms_table(model: TopicModel, *, n_terms: int | None = None) -> pd.DataFrame:
    """Top terms of each topic: topic (1-based), rank (1-based), term, weight, label.

    ``weight`` is the term's share of its topic's term weights (rows of the topic-term matrix
    sum to 1).
    """
    rows = []
    for topic in range(model.k):
        label = model.label(topic)
        for rank, term in enumerate(model.top_terms(topic, n_terms), start=1):
            column = int(np.searchsorted(model.vocabulary, term))
            weight = float(model.topic_term[topic, column])
            rows.append(
                {"topic": topic + 1, "rank": rank, "term": term, "weight": weight, "label": label}
            )
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "label"])


def quality_table(model: TopicModel) -> pd.DataFrame:
    """Per K tried: k, coherence (mean NPMI), stability, distinctiveness, score, chosen."""
    columns = ["k", "coherence", "stability", "distinctiveness", "score", "chosen"]
    return model.quality[columns].sort_values("k").reset_index(drop=True)


def topic_coherence_table(model: TopicModel) -> pd.DataFrame:
    """Per topic of the chosen model: topic, label, coherence (mean NPMI of its top terms)."""
    return pd.DataFrame(
        {
            "topic": np.arange(1, model.k + 1),
            "label": [model.label(t) for t in range(model.k)],
            "coherence": model.coherence,
        }
    )


def group_mixtures(
    model: TopicModel, docs: Documents, group_of_doc: Sequence, *, group_column: str
) -> pd.DataFrame:
    """Topic mixture of each group of documents, weighted by document length.

    A group's mixture is ``sum_d n_d * theta_d / sum_d n_d`` over its documents d, where n_d is
    the document's number of content terms and theta_d its topic weights: the share of the
    group's content tokens given to each topic. Groups without content terms are left out.

    Args:
        model: The fitted model (documents in the order of ``docs``).
        docs: The documents the model was fitted on.
        group_of_doc: The group (section id, article id...) of each document.
        group_column: Name of the group column in the output.

    Returns:
        Columns ``group_column``, topic (1-based), weight; weights of a group sum to 1.
    """
    weights = np.nan_to_num(model.doc_topic) * docs.lengths[:, None]
    frame = pd.DataFrame(weights, columns=np.arange(1, model.k + 1))
    frame[group_column] = list(group_of_doc)
    totals = frame.groupby(group_column, sort=True).sum()
    totals = totals[totals.sum(axis=1) > 0]
    shares = totals.div(totals.sum(axis=1), axis=0)
    tidy = shares.reset_index().melt(id_vars=group_column, var_name="topic", value_name="weight")
    tidy["topic"] = tidy["topic"].astype(int)
    return tidy.sort_values([group_column, "topic"], kind="stable").reset_index(drop=True)


def dominant_topics(model: TopicModel, docs: Documents) -> pd.DataFrame:
    """Each document's dominant topic (1-based, lowest number on ties) and its weight.

    Returns:
        Columns doc, topic (nullable int, empty for documents without content terms), weight.
    """
    weights = model.doc_topic
    empty = np.isnan(weights).any(axis=1)
    filled = np.nan_to_num(weights, nan=-1.0)
    best = np.argmax(np.round(filled, 9), axis=1)
    topic = pd.array(np.where(empty, 0, best + 1), dtype="Int64")
    topic[empty] = pd.NA
    weight = np.where(empty, 0.0, filled[np.arange(len(best)), best])
    return pd.DataFrame({"doc": docs.ids, "topic": topic, "weight": weight})


# ----------------------------------------------------------------------------- corpus


def corpus_documents(
    token_tables: Sequence[pd.DataFrame],
    article_ids: Sequence[str],
    *,
    sentence_tables: Sequence[pd.DataFrame] | None = None,
    unit: str = "auto",
    min_articles_as_documents: int = 20,
    sentences_per_chunk: int = 3,
    noun_bigrams: bool = True,
) -> tuple[Documents, list[str]]:
    """Documents of a corpus: whole articles, or paragraphs that are later summed per article.

    Measured on the development corpus, article documents and length-weighted paragraph
    documents give the same NMI with the labels, and articles fit in half the time; but with few
    articles K must stay below the number of documents, so small corpora use paragraphs.
    Without sentence tables, a paragraph is a run of ``sentences_per_chunk`` sentences.
    Bigrams are kept from their first occurrence; the corpus ``min_df`` prunes rare ones.
    An article without content terms gets no document (and so no mixture).

    Args:
        token_tables: One token table per article.
        article_ids: The articles' ids, in the same order.
        sentence_tables: Optional sentence tables (for paragraph ids), same order.
        unit: ``"article"``, ``"paragraph"`` or ``"auto"`` (articles when there are at least
            ``min_articles_as_documents`` of them).
        min_articles_as_documents: Threshold of the ``"auto"`` unit.
        sentences_per_chunk: Sentences per pseudo-paragraph when no sentence table is given.
        noun_bigrams: Whether to add noun bigrams.

    Returns:
        (documents, article of each document); document ids are 0-based positions.

    Raises:
        ValueError: On mismatched lengths, duplicate article ids or an unknown unit.
    """
    if len(token_tables) != len(article_ids):
        raise ValueError("topics: one token table per article id is needed")
    if len(set(article_ids)) != len(article_ids):
        raise ValueError("topics: article ids must be unique")
    if unit == "auto":
        unit = "article" if len(article_ids) >= min_articles_as_documents else "paragraph"
    if unit not in ("article", "paragraph"):
        raise ValueError(
            f"topics corpus unit must be 'article', 'paragraph' or 'auto', got {unit!r}"
        )
    frames = [t.assign(_article=i) for i, t in enumerate(token_tables)]
    terms = content_terms(
        pd.concat(frames, ignore_index=True),
        noun_bigrams=noun_bigrams,
        min_bigram_count=1,
        group_column="_article",
    )
    if unit == "article":
        piece = pd.Series(0, index=terms.index)
    elif sentence_tables is not None:
        paragraph_of = pd.concat(
            [s.assign(_article=i) for i, s in enumerate(sentence_tables)], ignore_index=True
        ).set_index(["_article", "sentence_id"])["paragraph_id"]
        keys = pd.MultiIndex.from_arrays([terms["_article"], terms["sentence_id"]])
        piece = pd.Series(paragraph_of.reindex(keys).to_numpy(), index=terms.index)
    else:
        piece = terms["sentence_id"] // sentences_per_chunk
    grouped = terms.groupby([terms["_article"], piece], sort=True)["term"].apply(list)
    owners = [str(article_ids[position]) for position, _ in grouped.index]
    return Documents(ids=list(range(len(grouped))), terms=grouped.tolist()), owners


def corpus_quality_table(model: TopicModel) -> pd.DataFrame:
    """Quality of every K tried (kind "k") and of each topic of the chosen K (kind "topic").

    Columns: kind, k, topic (0 on "k" rows), label ("" on "k" rows), coherence, stability,
    distinctiveness and score (of the whole K), chosen.
    """
    per_k = quality_table(model).assign(kind="k", topic=0, label="")
    chosen = per_k[per_k["chosen"]].iloc[0]
    per_topic = topic_coherence_table(model).assign(
        kind="topic",
        k=model.k,
        stability=chosen["stability"],
        distinctiveness=chosen["distinctiveness"],
        score=chosen["score"],
        chosen=True,
    )
    columns = ["kind", "k", "topic", "label", "coherence", "stability", "distinctiveness"]
    columns += ["score", "chosen"]
    return pd.concat([per_k[columns], per_topic[columns]], ignore_index=True)
