"""Topics across a corpus, in two steps that scale to 100,000 articles.

1. Per shard, :func:`~analysis.topics.corpus_counts.term_counts` reduces each article to a
   compact long table of content-term counts per section (``section_id, term, count``).
2. :func:`fit_corpus` reads those tables three times, one shard at a time: it counts each
   term's document frequency, fits the model on a deterministic sample of articles, then
   gives every article and every section its topic mixture under that model.

The sample is the ``fit_sample`` articles with the smallest hash of ``(random_state, id)``,
so it does not depend on the order or the sharding of the corpus, and a document's mixture
depends only on that document and the model (a fixed number of coordinate-descent sweeps per
row, see :func:`nmf_mixtures`).

Documents are whole articles (``unit="article"``) or sections (``"section"``; an article's
mixture is then the length-weighted mean of its sections'); ``"auto"`` uses sections for
corpora of fewer than ``min_articles_as_documents`` articles, which could not support K topics
otherwise. Terms are weighted by sublinear TF times the smoothed IDF of the whole corpus.

With ``k="auto"`` each candidate K is fitted on the first ``select_sample`` articles of the
sample and scored by :func:`corpus_k_score`; the chosen K is the corpus's *supported* K. NMF
with a fixed K scores the candidates too, and a fixed K above the supported one is formed by
splitting the supported topics (:mod:`analysis.topics.nesting`) instead of a flat fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.metrics import adjusted_rand_score

from analysis.topics.corpus_counts import (
    Shards,
    choose_vocabulary,
    document_matrix,
    sample_articles,
    scan,
    shard_reader,
    smoothed_idf,
    stacked_matrix,
)
from analysis.topics.fitting import (
    fit_model,
    nmf_mixtures,
    normalise_rows,
    transform,
    weighted_tfidf,
)
from analysis.topics.model import TopicModel, parse_k, prevalence_order
from analysis.topics.nesting import fit_nested
from analysis.topics.quality import distinctiveness, npmi_coherence, term_sets, top_indices

CORPUS_K_CANDIDATES = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20)


class TooLittleContent(ValueError):
    """The corpus gives a topic model too little to work with (few documents or terms)."""


QUALITY_COLUMNS = ["kind", "k", "topic", "label", "coherence", "stability"]
QUALITY_COLUMNS += ["distinctiveness", "score", "supported", "chosen"]
# K whose score is within this share of the best count as equally good; the smallest wins.
PARSIMONY = 0.05


def _dominant(weights: np.ndarray) -> np.ndarray:
    return np.argmax(np.round(weights, 9), axis=1)


def corpus_k_score(coherence: float, stability: float, distinct: float) -> float:
    """``stability * (1 + coherence) / 2 * distinctiveness``, rounded to six decimals.

    All three factors lie in [0, 1]. Stability is the agreement (adjusted Rand index, floored
    at 0) of the documents' dominant topics with those of models refitted on 80 % subsamples:
    news categories are partitions of the articles, and a K that splits or merges them
    differently on each subsample is not a K the corpus supports. Coherence (NPMI of each
    topic's top terms) rewards topics whose words occur together; distinctiveness penalises
    near-duplicate topics.
    """
    return round(float(stability * (1.0 + coherence) / 2.0 * distinct), 6)


def partition_stability(
    counts: sparse.csr_matrix,
    tfidf: sparse.csr_matrix,
    reference: np.ndarray,
    *,
    k: int,
    method: str,
    random_state: int,
    n_runs: int,
    subsample: float,
) -> float:
    """Mean adjusted Rand index of reference dominant topics with subsample refits' (>= 0)."""
    n_docs = counts.shape[0]
    size = min(n_docs - 1, round(subsample * n_docs))
    if size <= k:
        return 0.0
    scores = []
    for run in range(1, n_runs + 1):
        seed = random_state + run
        rows = np.sort(np.random.default_rng(seed).choice(n_docs, size=size, replace=False))
        weights, _, _ = fit_model(
            counts[rows], k=k, method=method, random_state=seed, tfidf=tfidf[rows]
        )
        scores.append(max(0.0, adjusted_rand_score(reference[rows], _dominant(weights))))
    return float(np.mean(scores)) if scores else 1.0


def select_corpus_k(
    counts: sparse.csr_matrix,
    tfidf: sparse.csr_matrix,
    vocabulary: np.ndarray,
    *,
    candidates: Sequence[int],
    method: str,
    random_state: int,
    top_n: int,
    n_runs: int,
    subsample: float,
) -> pd.DataFrame:
    """Score every candidate K (see :func:`corpus_k_score`) on one matrix.

    The smallest K whose score is within :data:`PARSIMONY` of the best is chosen: finer
    splits of a stable theme (sport into football and tennis) score almost as well as the
    theme, and editors' categories are the coarser reading.

    Returns:
        One row per K: k, coherence, stability, distinctiveness, score, chosen.
    """
    rows = []
    for k in candidates:
        weights, topic_term, _ = fit_model(
            counts, k=k, method=method, random_state=random_state, tfidf=tfidf
        )
        coherence = float(npmi_coherence(top_indices(topic_term, vocabulary, top_n), counts).mean())
        stable = partition_stability(
            counts,
            tfidf,
            _dominant(weights),
            k=k,
            method=method,
            random_state=random_state,
            n_runs=n_runs,
            subsample=subsample,
        )
        distinct = distinctiveness(term_sets(topic_term, vocabulary, top_n))
        rows.append(
            {
                "k": k,
                "coherence": coherence,
                "stability": stable,
                "distinctiveness": distinct,
                "score": corpus_k_score(coherence, stable, distinct),
            }
        )
    quality = pd.DataFrame(rows)
    near_best = quality["score"] >= (1.0 - PARSIMONY) * quality["score"].max()
    quality["chosen"] = quality["k"] == quality.loc[near_best, "k"].min()
    return quality


@dataclass(frozen=True)
class CorpusModel:
    """A corpus topic model and how it was fitted.

    Attributes:
        model: The topics (``doc_topic`` holds the fitting sample's documents).
        estimator: The fitted scikit-learn model (its topics in the solver's order).
        order: Solver topic index of each reported topic (topic t is ``order[t - 1]``).
        vocabulary: The model's terms.
        idf: Their idf weights.
        unit: ``"article"`` or ``"section"``.
        n_articles: Articles in the corpus (with content terms).
        n_fitted: Documents the model was fitted on.
    """

    model: TopicModel
    estimator: object
    order: list[int]
    vocabulary: np.ndarray
    idf: np.ndarray
    unit: str
    n_articles: int
    n_fitted: int

    def mixtures(self, counts: sparse.csr_matrix) -> np.ndarray:
        """Each row's topic mixture (rows sum to 1; NaN for a row without model terms)."""
        if self.model.method == "nmf":
            matrix = weighted_tfidf(counts, self.idf)
            weights = nmf_mixtures(matrix, self.estimator.components_)
        else:
            weights = transform(self.estimator, counts)
            weights[np.asarray(counts.sum(axis=1)).ravel() == 0] = 0.0
        return normalise_rows(weights[:, self.order])


def resolve_unit(unit: str, n_articles: int, *, min_articles_as_documents: int = 20) -> str:
    """``"article"`` or ``"section"`` for a corpus of ``n_articles``.

    Raises:
        ValueError: On an unknown unit.
    """
    if unit == "auto":
        return "article" if n_articles >= min_articles_as_documents else "section"
    if unit not in ("article", "section"):
        raise ValueError(f"topics corpus unit must be 'article', 'section' or 'auto', got {unit!r}")
    return unit


def _chosen_quality(
    selection: pd.DataFrame | None, *, chosen: int, coherence: float, distinct: float
) -> pd.DataFrame:
    """The per-K quality rows with ``chosen`` (the K fitted) and ``supported`` (auto's K).

    A fixed K that was not scored gets a row of its own model's coherence and
    distinctiveness (no stability or score).
    """
    if selection is None:
        selection = pd.DataFrame(columns=["k", "coherence", "stability", "distinctiveness"])
        selection = selection.assign(score=np.nan, chosen=False)
    quality = selection.rename(columns={"chosen": "supported"}).astype({"supported": bool})
    if chosen not in set(quality["k"]):
        row = {"k": chosen, "coherence": coherence, "stability": np.nan}
        row |= {"distinctiveness": distinct, "score": np.nan, "supported": False}
        frame = pd.DataFrame([row]).astype({"k": "int64", "supported": bool})
        quality = frame if quality.empty else pd.concat([quality, frame], ignore_index=True)
        quality = quality.sort_values("k", kind="stable").reset_index(drop=True)
    quality["chosen"] = quality["k"] == chosen
    return quality


def fit_corpus(
    documents: Shards,
    *,
    k: int | str,
    method: str,
    unit: str,
    random_state: int,
    top_n: int,
    min_df: int,
    max_df: float,
    max_terms: int = 20_000,
    fit_sample: int,
    select_sample: int,
    k_candidates: Sequence[int] = CORPUS_K_CANDIDATES,
    n_runs: int = 3,
    subsample: float = 0.8,
) -> CorpusModel:
    """Fit a corpus topic model on a deterministic sample of the articles' term counts.

    Args:
        documents: Count tables (article, section_id, term, count), or a callable returning a
            fresh iterator of them (read three times).
        k: ``"auto"`` or a fixed number of topics (with NMF, above the supported K its topics
            are formed by splitting the supported ones).
        method: ``"nmf"`` or ``"lda"``.
        unit: ``"article"``, ``"section"`` or ``"auto"`` (see the module docstring).
        random_state: Seed of the sample and the solvers.
        top_n: Top terms per topic for the quality measures.
        min_df: Fewest documents a term must occur in (1 below 10 documents).
        max_df: Largest share of documents a term may occur in.
        max_terms: Largest vocabulary (the most frequent terms are kept).
        fit_sample: Articles the model is fitted on (all when the corpus is smaller).
        select_sample: Articles on which ``auto`` scores each K.
        k_candidates: K tried by ``auto`` (those >= the documents are dropped).
        n_runs: Subsample refits per K for the stability score.
        subsample: Share of documents in each refit.

    Returns:
        The fitted :class:`CorpusModel`.

    Raises:
        ValueError: On invalid settings, fewer than two documents or no shared terms.
    """
    setting = parse_k(k)
    shards = shard_reader(documents)
    found = scan(shards)
    unit = resolve_unit(unit, len(found.articles))
    n_docs = len(found.articles) if unit == "article" else found.n_sections
    if n_docs < 2:
        raise TooLittleContent("fewer than two documents with content words")
    df = found.article_df if unit == "article" else found.section_df
    vocabulary = choose_vocabulary(
        df, n_docs, min_df=min_df if n_docs >= 10 else 1, max_df=max_df, max_terms=max_terms
    )
    if len(vocabulary) < 2:
        raise TooLittleContent("too few terms shared by several documents")
    idf = smoothed_idf(df, vocabulary, n_docs)
    sample = sample_articles(found.articles, fit_sample, random_state=random_state)
    keys, counts = stacked_matrix(shards, vocabulary, unit=unit, articles=set(sample))
    used = np.asarray(counts.sum(axis=1)).ravel() > 0
    keys, counts = keys[used].reset_index(drop=True), counts[used]
    tfidf = weighted_tfidf(counts, idf)
    chosen = setting if setting == "auto" else max(1, min(setting, counts.shape[0] - 1))
    quality = None
    if chosen == "auto" or (method == "nmf" and chosen > min(k_candidates)):
        rank = {a: i for i, a in enumerate(sample)}
        first = np.flatnonzero(keys["article"].map(rank).to_numpy() < select_sample)
        candidates = [c for c in k_candidates if 2 <= c < len(first)]
        if not candidates and chosen == "auto":
            raise TooLittleContent(f"k='auto' needs more than 2 documents; got {len(first)}")
        if candidates:
            quality = select_corpus_k(
                counts[first],
                tfidf[first],
                vocabulary,
                candidates=candidates,
                method=method,
                random_state=random_state,
                top_n=top_n,
                n_runs=n_runs,
                subsample=subsample,
            )
    supported = None if quality is None else int(quality.loc[quality["chosen"], "k"].iloc[0])
    chosen = supported if chosen == "auto" else chosen
    if method == "nmf" and supported is not None and chosen > supported:
        weights, topic_term, estimator = fit_nested(
            counts, tfidf, k=chosen, supported=supported, random_state=random_state
        )
    else:
        weights, topic_term, estimator = fit_model(
            counts, k=chosen, method=method, random_state=random_state, tfidf=tfidf
        )
    top = min(top_n, len(vocabulary))
    coherence = npmi_coherence(top_indices(topic_term, vocabulary, top), counts)
    quality = _chosen_quality(
        quality,
        chosen=chosen,
        coherence=float(coherence.mean()),
        distinct=distinctiveness(term_sets(topic_term, vocabulary, top)),
    )
    doc_topic = normalise_rows(weights)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    order = prevalence_order(doc_topic, topic_term, vocabulary, lengths)
    model = TopicModel(
        k=chosen,
        method=method,
        vocabulary=vocabulary,
        topic_term=normalise_rows(topic_term[order]),
        doc_topic=doc_topic[:, order],
        coherence=coherence[order],
        quality=quality,
        top_n=top,
    )
    return CorpusModel(
        model=model,
        estimator=estimator,
        order=order,
        vocabulary=vocabulary,
        idf=idf,
        unit=unit,
        n_articles=len(found.articles),
        n_fitted=counts.shape[0],
    )


def corpus_mixtures(fitted: CorpusModel, documents: Shards) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every article's and every section's mixture under the corpus model, shard by shard.

    An article's mixture is that of its whole bag of terms (unit ``article``) or the
    length-weighted mean of its sections' (unit ``section``).

    Returns:
        (document_topics: article, topic, weight; section_topics: article, section_id, topic,
        weight). Documents without a model term get no rows.
    """
    articles, sections = [], []
    for frame in shard_reader(documents)():
        if frame.empty:
            continue
        frame = frame.astype({"article": str})
        keys, counts = document_matrix(frame, fitted.vocabulary, unit="section")
        section_weights = fitted.mixtures(counts)
        sections.append(_tidy(keys, section_weights))
        if fitted.unit == "article":
            keys, counts = document_matrix(frame, fitted.vocabulary, unit="article")
            articles.append(_tidy(keys, fitted.mixtures(counts)))
        else:
            lengths = np.asarray(counts.sum(axis=1)).ravel()[:, None]
            weighted = np.nan_to_num(section_weights) * lengths
            articles.append(_tidy(keys[["article"]], weighted, group="article"))
    return _stack(articles, ["article"]), _stack(sections, ["article", "section_id"])


def _tidy(keys: pd.DataFrame, weights: np.ndarray, *, group: str | None = None) -> pd.DataFrame:
    frame = keys.reset_index(drop=True)
    wide = pd.DataFrame(weights, columns=np.arange(1, weights.shape[1] + 1))
    if group:
        wide = wide.groupby(frame[group].to_numpy(), sort=True).sum()
        wide = wide[wide.sum(axis=1) > 0]
        wide = wide.div(wide.sum(axis=1), axis=0)
        frame = pd.DataFrame({group: wide.index.to_numpy()})
        wide = wide.reset_index(drop=True)
    keep = ~np.isnan(wide.to_numpy()).any(axis=1)
    tidy = pd.concat(
        [frame[keep].reset_index(drop=True), wide[keep].reset_index(drop=True)], axis=1
    )
    tidy = tidy.melt(id_vars=list(frame.columns), var_name="topic", value_name="weight")
    return tidy.astype({"topic": "int64"})


def _stack(frames: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    columns = [*keys, "topic", "weight"]
    if not frames:
        return pd.DataFrame(
            {c: pd.Series(dtype="object" if c == "article" else "float64") for c in columns}
        )
    out = pd.concat(frames, ignore_index=True)[columns]
    return out.sort_values([*keys, "topic"], kind="stable").reset_index(drop=True)


def corpus_quality_table(model: TopicModel) -> pd.DataFrame:
    """Quality of every K tried (kind "k") and of each topic of the chosen K (kind "topic").

    Columns: kind, k, topic (0 on "k" rows), label ("" on "k" rows), coherence, stability,
    distinctiveness, score, supported (the K that ``auto`` chooses), chosen (the K fitted).
    A "k" row scores the flat model of that K, as ``auto`` compares them. The "topic" rows
    describe the fitted model: each topic's coherence, and the model's distinctiveness; they
    repeat the chosen K's stability and score unless its topics were formed by splitting the
    supported ones (see :mod:`analysis.topics.nesting`), which those do not measure.
    """
    per_k = (
        model.quality.sort_values("k").reset_index(drop=True).assign(kind="k", topic=0, label="")
    )
    chosen = per_k[per_k["chosen"]].iloc[0]
    supported = per_k.loc[per_k["supported"], "k"]
    nested = model.method == "nmf" and not supported.empty and model.k > supported.iloc[0]
    per_topic = pd.DataFrame(
        {
            "kind": "topic",
            "k": model.k,
            "topic": np.arange(1, model.k + 1),
            "label": [model.label(t) for t in range(model.k)],
            "coherence": model.coherence,
            "stability": np.nan if nested else chosen["stability"],
            "distinctiveness": distinctiveness(
                term_sets(model.topic_term, model.vocabulary, model.top_n)
            ),
            "score": np.nan if nested else chosen["score"],
            "supported": chosen["supported"],
            "chosen": True,
        }
    )
    return pd.concat([per_k[QUALITY_COLUMNS], per_topic[QUALITY_COLUMNS]], ignore_index=True)
