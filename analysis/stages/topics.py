"""Stage ``topics``: topic models within one article and across the corpus, and their figures."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pandas as pd

from analysis import topics
from analysis.figures import topics as figures
from analysis.figures.style import save_png
from analysis.stages.logs import article_of, job_log
from analysis.tables import read_tsv, write_tsv

Path = str | os.PathLike[str]


MIN_DOCUMENTS_FOR_AUTO = 3


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

    A topic model needs more documents than topics; rather than fail on a short
    article, fewer topics are fitted: ``auto`` with fewer than three documents, or a
    fixed ``k`` at or above the number of documents, becomes the largest K that fits
    (one topic for one or two documents).

    Args:
        k: The configured ``k``.
        n_documents: Non-empty documents in the article.

    Returns:
        ``k`` itself when feasible, otherwise the largest feasible integer.

    Raises:
        ValueError: If the article has no document with content words.
    """
    if n_documents == 0:
        raise ValueError("no content words to model (topics need nouns, verbs or adjectives)")
    if k == "auto":
        return k if n_documents >= MIN_DOCUMENTS_FOR_AUTO else 1
    return min(int(k), max(1, n_documents - 1))


def article_tables(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    k: int | str = "auto",
    method: str = "nmf",
    unit: str = "paragraph",
    random_state: int = 0,
    n_terms: int = 10,
) -> dict[str, pd.DataFrame]:
    """Fit one article's topic model and return its four tables.

    Args:
        tokens: The article's token table.
        sentences: Its sentence table.
        paragraphs: Its paragraph table (paragraph_id, section_id).
        k: ``"auto"`` or a fixed number of topics (< number of non-empty documents).
        method: ``"nmf"`` or ``"lda"``.
        unit: Documents are ``"paragraph"`` or ``"sentence"``.
        random_state: Seed.
        n_terms: Top terms per topic.

    Returns:
        Tables "terms", "sections", "paragraphs" and "quality" (see :func:`run`).

    Raises:
        ValueError: On an invalid ``k``, ``method`` or ``unit``, or too few documents.
    """
    docs, unit = _article_documents(tokens, sentences, unit=unit)
    model = topics.fit_topics(
        docs,
        k=feasible_k(k, _non_empty(docs)),
        method=method,
        random_state=random_state,
        k_candidates=topics.ARTICLE_K_CANDIDATES,
        top_n=n_terms,
    )
    section_of_sentence = sentences.set_index("sentence_id")["section_id"]
    section_of_paragraph = paragraphs.set_index("paragraph_id")["section_id"]
    lookup = section_of_paragraph if unit == "paragraph" else section_of_sentence
    doc_sections = [int(lookup[i]) for i in docs.ids]
    dominant = topics.dominant_topics(model, docs).rename(
        columns={"doc": f"{unit}_id", "topic": "dominant_topic"}
    )
    dominant.insert(1, "section_id", doc_sections)
    return {
        "terms": topics.terms_table(model, n_terms=n_terms),
        "sections": topics.group_mixtures(model, docs, doc_sections, group_column="section_id"),
        "paragraphs": dominant,
        "quality": topics.quality_table(model),
    }


def run(
    *,
    tokens: Path,
    sentences: Path,
    paragraphs: Path,
    sections: Path,
    topics_terms: Path,
    topics_sections: Path,
    topics_paragraphs: Path,
    topics_quality: Path,
    k: int | str = "auto",
    method: str = "nmf",
    unit: str = "paragraph",
    random_state: int = 0,
    n_terms: int = 10,
    log: Path | None = None,
) -> None:
    """Write one article's topic tables.

    Args:
        tokens: ``tokens.tsv``.
        sentences: ``sentences.tsv``.
        paragraphs: ``paragraphs.tsv``.
        sections: ``sections.tsv`` (checked: every section id of the output exists there).
        topics_terms: Output: topic, rank, term, weight, label.
        topics_sections: Output: section_id, topic, weight (each section's weights sum to 1).
        topics_paragraphs: Output: paragraph_id (or sentence_id), section_id, dominant_topic,
            weight.
        topics_quality: Output: k, coherence, stability, distinctiveness, score, chosen (one
            row per K tried).
        k: ``"auto"`` or a fixed number of topics.
        method: ``"nmf"`` or ``"lda"``.
        unit: ``"paragraph"`` or ``"sentence"`` documents.
        random_state: Seed.
        n_terms: Top terms per topic.
        log: The job's log file.

    Raises:
        StageError: On invalid settings or unreadable tables.
    """
    with job_log(log, stage="topics") as logger:
        tables = article_tables(
            read_tsv(tokens),
            read_tsv(sentences),
            read_tsv(paragraphs),
            k=k,
            method=method,
            unit=unit,
            random_state=random_state,
            n_terms=n_terms,
        )
        unknown = set(tables["sections"]["section_id"]) - set(read_tsv(sections)["section_id"])
        if unknown:
            raise ValueError(f"section ids {sorted(unknown)} are not in {sections}")
        for name, path in (
            ("terms", topics_terms),
            ("sections", topics_sections),
            ("paragraphs", topics_paragraphs),
            ("quality", topics_quality),
        ):
            write_tsv(tables[name], path)
        chosen = tables["quality"].loc[tables["quality"]["chosen"], "k"].iloc[0]
        logger.info("topics: k=%s (%s, %s documents)", chosen, method, unit)


def corpus_tables(
    token_tables: Sequence[pd.DataFrame],
    article_ids: Sequence[str],
    *,
    sentence_tables: Sequence[pd.DataFrame] | None = None,
    k: int | str = "auto",
    method: str = "nmf",
    unit: str = "auto",
    random_state: int = 0,
    n_terms: int = 10,
    min_df: int = 2,
) -> dict[str, pd.DataFrame]:
    """Fit one topic model over several articles and return the corpus tables.

    Args:
        token_tables: One token table per article.
        article_ids: The articles' ids.
        sentence_tables: Optional sentence tables, for paragraph documents.
        k: ``"auto"`` (K in 4..16 step 2, below the number of documents) or a fixed K.
        method: ``"nmf"`` or ``"lda"``.
        unit: ``"article"``, ``"paragraph"`` or ``"auto"`` (see
            :func:`analysis.topics.corpus_documents`).
        random_state: Seed.
        n_terms: Top terms per topic.
        min_df: Minimum number of documents a term occurs in.

    Returns:
        Tables "document_topics" (article, topic, weight), "topic_terms" (topic, rank, term,
        weight, label) and "topic_quality" (see :func:`analysis.topics.corpus_quality_table`).

    Raises:
        ValueError: On invalid settings or fewer than two articles.
    """
    if len(article_ids) < 2:
        raise ValueError("topics across articles need at least two articles")
    docs, owners = topics.corpus_documents(
        token_tables, article_ids, sentence_tables=sentence_tables, unit=unit
    )
    n_docs = len(docs.ids)
    model = topics.fit_topics(
        docs,
        k=k,
        method=method,
        random_state=random_state,
        k_candidates=topics.CORPUS_K_CANDIDATES if n_docs > 8 else topics.ARTICLE_K_CANDIDATES,
        top_n=n_terms,
        min_df=min_df if n_docs >= 10 else 1,
    )
    mixtures = topics.group_mixtures(model, docs, owners, group_column="article")
    return {
        "document_topics": mixtures,
        "topic_terms": topics.terms_table(model, n_terms=n_terms),
        "topic_quality": topics.corpus_quality_table(model),
    }


def run_corpus(
    *,
    tokens: Sequence[Path],
    document_topics: Path,
    topic_terms: Path,
    topic_quality: Path,
    articles: Sequence[str] | None = None,
    sentences: Sequence[Path] | None = None,
    k: int | str = "auto",
    method: str = "nmf",
    unit: str = "auto",
    random_state: int = 0,
    n_terms: int = 10,
    min_df: int = 2,
    log: Path | None = None,
) -> None:
    """Write ``corpus/tables/{document_topics,topic_terms,topic_quality}.tsv``.

    Args:
        tokens: The articles' ``tokens.tsv`` files.
        document_topics: Output: article, topic, weight (each article's weights sum to 1).
        topic_terms: Output: topic, rank, term, weight, label.
        topic_quality: Output: coherence per K tried and per topic, stability, chosen.
        articles: Article ids, one per tokens file; by default the folder above ``tables/``.
        sentences: Optional ``sentences.tsv`` files (same order) for paragraph documents.
        k: ``"auto"`` or a fixed number of topics.
        method: ``"nmf"`` or ``"lda"``.
        unit: ``"article"``, ``"paragraph"`` or ``"auto"``.
        random_state: Seed.
        n_terms: Top terms per topic.
        min_df: Minimum document frequency of a term.
        log: The job's log file.

    Raises:
        StageError: If names and files do not pair up, or on invalid settings.
    """
    with job_log(log, stage="topics_corpus") as logger:
        names = list(articles) if articles is not None else [article_of(p) for p in tokens]
        if len(names) != len(tokens) or (sentences is not None and len(sentences) != len(tokens)):
            raise ValueError("topics: tokens, sentences and article names must pair up")
        tables = corpus_tables(
            [read_tsv(path, columns=topics.TOKEN_COLUMNS_USED) for path in tokens],
            names,
            sentence_tables=(
                [read_tsv(path, columns=topics.SENTENCE_COLUMNS_USED) for path in sentences]
                if sentences
                else None
            ),
            k=k,
            method=method,
            unit=unit,
            random_state=random_state,
            n_terms=n_terms,
            min_df=min_df,
        )
        write_tsv(tables["document_topics"], document_topics)
        write_tsv(tables["topic_terms"], topic_terms)
        write_tsv(tables["topic_quality"], topic_quality)
        logger.info("topics corpus: %s articles", len(names))


def run_figures(
    *,
    topics_terms: Path,
    topics_sections: Path,
    sections: Path,
    topics_sections_png: Path,
    topics_terms_png: Path,
    log: Path | None = None,
) -> None:
    """Draw one article's topic-by-section heatmap and its topics' top terms.

    Args:
        topics_terms: ``topics_terms.tsv``.
        topics_sections: ``topics_sections.tsv``.
        sections: ``sections.tsv`` (section titles).
        topics_sections_png: Output heatmap.
        topics_terms_png: Output small multiples of top terms.
        log: The job's log file.
    """
    with job_log(log, stage="topics_figures"):
        terms = read_tsv(topics_terms)
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
        save_png(figures.article_mixtures(read_tsv(document_topics), terms), document_topics_png)
        save_png(
            figures.topic_terms(terms, title="Top terms of each corpus topic"), topic_terms_png
        )
