"""Stage ``topics``: topic models within one article and across the corpus, and their figures.

The per-article function :func:`article_tables` and the corpus pair :func:`corpus_documents`
(per shard) and :func:`corpus_tables` are called by the shard runner; ``run_figures`` and
``run_corpus_figures`` draw the figures from the exported TSV tables.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable

import pandas as pd

from analysis import topics
from analysis.figures import topics as figures
from analysis.figures.style import save_messages, save_png
from analysis.reading import ArticleWarning
from analysis.stages.logs import job_log
from analysis.stages.shards import LEFT_OUT_OF_ANALYSES, left_out
from analysis.tables import read_tsv
from analysis.topics.corpus import QUALITY_COLUMNS, TooLittleContent

Path = str | os.PathLike[str]

MIN_DOCUMENTS_FOR_AUTO = 3
ARTICLE_TABLE_COLUMNS = {
    "topics_terms": topics.tables.TERMS_COLUMNS,
    "topics_sections": ["section_id", "topic", "weight"],
    "topics_paragraphs": ["paragraph_id", "section_id", "dominant_topic", "weight"],
    "topics_quality": topics.article.QUALITY_COLUMNS,
}


def _non_empty(docs: topics.Documents) -> int:
    return sum(1 for terms in docs.terms if terms)


def _article_documents(
    tokens: pd.DataFrame, sentences: pd.DataFrame, *, unit: str
) -> tuple[topics.Documents, str]:
    """Paragraph documents, or sentences when a short article has too few paragraphs."""
    docs = topics.article_documents(tokens, sentences, unit=unit)
    if unit == "paragraph" and _non_empty(docs) < MIN_DOCUMENTS_FOR_AUTO:
        return topics.article_documents(tokens, sentences, unit="sentence"), "sentence"
    return docs, unit


def feasible_k(k: int | str, n_documents: int) -> int | str:
    """The number of topics a short article can support.

    A fixed ``k`` at or above the number of documents becomes the largest K that fits (one
    topic for one or two documents); ``auto`` stays ``auto`` (it fits one topic when the
    article has fewer than four documents).

    Args:
        k: The configured ``k``.
        n_documents: Non-empty documents in the article (at least 1).

    Returns:
        ``k`` itself when feasible, otherwise the largest feasible integer.
    """
    if k == "auto":
        return k
    return min(int(k), max(1, n_documents - 1))


def empty_article_tables(unit: str) -> dict[str, pd.DataFrame]:
    """The four per-article tables with their columns and no rows."""
    columns = dict(ARTICLE_TABLE_COLUMNS)
    columns["topics_paragraphs"] = [f"{unit}_id", *columns["topics_paragraphs"][1:]]
    return {name: pd.DataFrame(columns=cols) for name, cols in columns.items()}


def article_tables(
    *,
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    paragraphs: pd.DataFrame,
    sections: pd.DataFrame | None = None,
    k: int | str,
    method: str,
    unit: str,
    random_state: int,
    n_terms: int,
) -> dict[str, pd.DataFrame]:
    """Fit one article's topic model and return its four tables.

    An article without content words gets the tables with no rows.

    Args:
        tokens: The article's token table.
        sentences: Its sentence table.
        paragraphs: Its paragraph table (paragraph_id, section_id).
        sections: Its section table (unused; accepted so that all frames can be passed).
        k: ``"auto"`` or a fixed number of topics.
        method: ``"nmf"`` or ``"lda"``.
        unit: Documents are ``"paragraph"`` or ``"sentence"``.
        random_state: Seed.
        n_terms: Top terms per topic.

    Returns:
        Tables "topics_terms", "topics_sections", "topics_paragraphs" and "topics_quality".

    Raises:
        ValueError: On an invalid ``k``, ``method`` or ``unit``.
    """
    del sections
    topics.model.parse_k(k)
    if method not in topics.METHODS:
        raise ValueError(f"topics method must be one of {topics.METHODS}, got {method!r}")
    docs, unit = _article_documents(tokens, sentences, unit=unit)
    if _non_empty(docs) == 0:
        return empty_article_tables(unit)
    model = topics.fit_article_topics(
        docs,
        k=feasible_k(k, _non_empty(docs)),
        method=method,
        random_state=random_state,
        top_n=n_terms,
    )
    if unit == "paragraph":
        lookup = dict(zip(paragraphs["paragraph_id"], paragraphs["section_id"], strict=True))
    else:
        lookup = dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True))
    doc_sections = [int(lookup[i]) for i in docs.ids]
    dominant = topics.dominant_topics(model, docs).rename(
        columns={"doc": f"{unit}_id", "topic": "dominant_topic"}
    )
    dominant.insert(1, "section_id", doc_sections)
    return {
        "topics_terms": topics.terms_table(model, n_terms=n_terms),
        "topics_sections": topics.group_mixtures(
            model, docs, doc_sections, group_column="section_id"
        ),
        "topics_paragraphs": dominant,
        "topics_quality": topics.quality_table(model),
    }


def corpus_documents(
    *,
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    paragraphs: pd.DataFrame | None = None,
    sections: pd.DataFrame | None = None,
    noun_bigrams: bool = True,
) -> dict[str, pd.DataFrame]:
    """Step 1 of the corpus model, per article or per shard: content-term counts per section.

    Args:
        tokens: Token table of one article, or of a shard with an ``article`` column.
        sentences: The matching sentence table (sentence_id, section_id[, article]).
        paragraphs: Unused; accepted so that all frames can be passed.
        sections: Unused; accepted so that all frames can be passed.
        noun_bigrams: Whether to add noun bigrams.

    Returns:
        Table "topic_terms_counts": [article,] section_id, term, count.
    """
    del paragraphs, sections
    return {"topic_terms_counts": topics.term_counts(tokens, sentences, noun_bigrams=noun_bigrams)}


def corpus_tables(
    *,
    documents: Iterable[pd.DataFrame] | Callable[[], Iterable[pd.DataFrame]],
    k: int | str,
    method: str,
    unit: str,
    random_state: int,
    n_terms: int,
    min_df: int,
    max_df: float,
    fit_sample: int,
    select_sample: int,
) -> dict[str, pd.DataFrame]:
    """Step 2 of the corpus model: fit on a sample of the counts, then every article's mixture.

    Args:
        documents: ``topic_terms_counts`` tables (article, section_id, term, count), or a
            callable returning a fresh iterator of them (one shard at a time; read 3 times).
        k: ``"auto"`` or a fixed K (with NMF, one above the K ``auto`` chooses is formed by
            splitting that K's topics: :mod:`analysis.topics.nesting`).
        method: ``"nmf"`` or ``"lda"``.
        unit: ``"article"``, ``"section"`` or ``"auto"`` (sections below 20 articles).
        random_state: Seed of the sample and the solvers.
        n_terms: Top terms per topic.
        min_df: Fewest documents a term must occur in.
        max_df: Largest share of documents a term may occur in.
        fit_sample: Articles the model is fitted on (a deterministic sample of larger corpora).
        select_sample: Articles on which ``auto`` scores each K.

    Returns:
        Tables "document_topics" (article, topic, weight), "section_topics" (article,
        section_id, topic, weight), "topic_terms" (topic, rank, term, weight, label) and
        "topic_quality" (see :func:`analysis.topics.corpus_quality_table`).

    A corpus with too little content for a model (fewer than two documents with content
    words, or no terms they share) gets the tables with no rows and an
    :class:`ArticleWarning` saying why, not a failed run.

    Raises:
        ValueError: On invalid settings.
    """
    try:
        fitted = topics.fit_corpus(
            documents,
            k=k,
            method=method,
            unit=unit,
            random_state=random_state,
            top_n=n_terms,
            min_df=min_df,
            max_df=max_df,
            fit_sample=fit_sample,
            select_sample=select_sample,
        )
    except TooLittleContent as reason:
        warnings.warn(f"no corpus topic model: {reason}", ArticleWarning, stacklevel=2)
        return empty_corpus_tables()
    document_topics, section_topics = topics.corpus_mixtures(fitted, documents)
    return {
        "document_topics": document_topics,
        "section_topics": section_topics,
        "topic_terms": topics.terms_table(fitted.model, n_terms=n_terms),
        "topic_quality": topics.corpus_quality_table(fitted.model),
    }


def empty_corpus_tables() -> dict[str, pd.DataFrame]:
    """The corpus topic tables with their columns and no rows."""
    columns = {
        "document_topics": ["article", "topic", "weight"],
        "section_topics": ["article", "section_id", "topic", "weight"],
        "topic_terms": ["topic", "rank", "term", "weight", "label"],
        "topic_quality": QUALITY_COLUMNS,
    }
    return {name: pd.DataFrame(columns=names) for name, names in columns.items()}


def run_figures(
    *,
    topics_terms: Path,
    topics_sections: Path,
    sections: Path,
    topics_sections_png: Path,
    topics_terms_png: Path,
    articles: Path,
    article: str,
    log: Path | None = None,
) -> None:
    """Draw one article's topic-by-section heatmap and its topics' top terms.

    Args:
        topics_terms: ``topics_terms.tsv``.
        topics_sections: ``topics_sections.tsv``.
        sections: ``sections.tsv`` (section titles).
        topics_sections_png: Output heatmap.
        topics_terms_png: Output small multiples of top terms.
        articles: The ``articles`` table of the article's shard.
        article: The article's id.
        log: The job's log file.
    """
    with job_log(log, stage="topics_figures"):
        terms = read_tsv(topics_terms)
        titles = {
            "Topic mixture of each section": topics_sections_png,
            "Top terms of each topic": topics_terms_png,
        }
        if left_out(articles, article):
            save_messages(LEFT_OUT_OF_ANALYSES, titles)
            return
        if terms.empty:  # an article with too few content words has no topic model
            save_messages("No topic model: the article has too few content words.", titles)
            return
        save_png(
            figures.section_heatmap(read_tsv(topics_sections), terms, read_tsv(sections)),
            topics_sections_png,
        )
        save_png(figures.topic_terms(terms, title="Top terms of each topic"), topics_terms_png)


def run_corpus_figures(
    *,
    document_topics: Path,
    topic_terms: Path,
    document_topics_png: Path,
    topic_terms_png: Path,
    log: Path | None = None,
) -> None:
    """Draw each article's topic mixture (stacked bars) and the corpus topics' top terms.

    Args:
        document_topics: ``corpus/tables/document_topics.tsv``.
        topic_terms: ``corpus/tables/topic_terms.tsv``.
        document_topics_png: Output stacked bars.
        topic_terms_png: Output small multiples of top terms.
        log: The job's log file.
    """
    with job_log(log, stage="topics_corpus_figures"):
        terms = read_tsv(topic_terms)
        if terms.empty:  # the corpus gave the topic model too little to work with
            save_messages(
                "No corpus topic model: too little content shared by the articles.",
                {
                    "Topic mixture of each article": document_topics_png,
                    "Top terms of each corpus topic": topic_terms_png,
                },
            )
            return
        save_png(figures.article_mixtures(read_tsv(document_topics), terms), document_topics_png)
        save_png(
            figures.topic_terms(terms, title="Top terms of each corpus topic"), topic_terms_png
        )
