"""Stage ``keywords``: reads the text model's tables, calls :mod:`analysis.keywords`, writes.

Per article (:func:`article_tables`): the headline keywords per article and section, each
method's ranking, section keyness, and the candidate statistics the corpus ranking needs.
Per corpus (:func:`corpus_tables`): each article's corpus-aware keywords.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.figures import keywords as figures
from analysis.figures.style import save_messages
from analysis.keywords.article import rank_article
from analysis.keywords.corpus import Candidates, corpus_keywords
from analysis.keywords.registry import METHODS
from analysis.keywords.titles import section_titles
from analysis.stages.logs import job_log
from analysis.stages.shards import LEFT_OUT_OF_ANALYSES, left_out
from analysis.tables import read_tsv

Path = str | os.PathLike[str]
ARTICLE_TABLES = ("keywords", "keywords_by_method", "keyness", "keyword_candidates")


def article_tables(
    *,
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    sections: pd.DataFrame,
    top_k: int,
    ngram_min: int,
    ngram_max: int,
    methods: Sequence[str] | None,
    weights: Mapping[str, float] | None,
    use_titles: bool,
    specificity_exponent: float,
) -> dict[str, pd.DataFrame]:
    """One article's keyword tables.

    Args:
        tokens: The article's token table (``analyse_structure``).
        sentences: Its sentence table.
        sections: Its section table (ids and titles).
        top_k: Keywords kept per scope and method.
        ngram_min: Shortest phrase in words.
        ngram_max: Longest phrase in words.
        methods: Methods to run (non-empty subset of the registry's; None = all).
        weights: Scale of each method's learned contribution to the headline; methods left
            out keep their default (None = all defaults).
        use_titles: Read each section's heading as its first sentence (section scope).
        specificity_exponent: Strength of the general-English specificity prior (0 = off).

    Returns:
        ``keywords``, ``keywords_by_method``, ``keyness`` and ``keyword_candidates``.

    Raises:
        ValueError: If a sentence's section is missing from ``sections`` or an option is
            invalid.
    """
    section_ids = set(sections["section_id"].astype(int))
    if not set(sentences["section_id"].astype(int)) <= section_ids:
        raise ValueError("sentences name section ids missing from the sections table")
    result = rank_article(
        tokens, sentences, top_k=top_k, ngram_range=(ngram_min, ngram_max),
        methods=METHODS if methods is None else methods, weights=weights,
        titles=section_titles(sections) if use_titles else None,
        specificity_exponent=specificity_exponent,
    )  # fmt: skip
    return {name: getattr(result, name) for name in ARTICLE_TABLES}


def corpus_tables(
    *, candidates: Candidates, top_k: int, idf_exponent: float
) -> dict[str, pd.DataFrame]:
    """Corpus-aware keywords of every article from the articles' ``keyword_candidates``.

    Args:
        candidates: One frame per shard (``keyword_candidates`` rows with an ``article``
            first column); a zero-argument callable returning a fresh iterator is read
            twice, one shard at a time (large corpora); an iterable is held in memory.
        top_k: Keywords kept per article.
        idf_exponent: Scale of the learned corpus-IDF strength (1 = as trained, 0 = the
            single-article ranking).

    Returns:
        ``keywords_articles``: article, rank, keyword, score.
    """
    table = corpus_keywords(candidates, top_k=top_k, idf_exponent=idf_exponent)
    return {"keywords_articles": table}


def run_figures(
    *,
    sections: Path,
    keywords: Path | None = None,
    keyness: Path | None = None,
    keywords_sections_png: Path | None = None,
    keyness_png: Path | None = None,
    articles: Path,
    article: str,
    top_n: int,
    log: Path | None = None,
) -> None:
    """Draw ``keywords_sections.png`` and/or ``keyness.png`` from the stage's tables.

    Each figure is drawn when its table and output path are both given, so the two can be
    separate jobs that render at the same time.

    Args:
        sections: ``sections.tsv`` (titles for the panels).
        keywords: ``keywords.tsv`` (for ``keywords_sections_png``).
        keyness: ``keyness.tsv`` (for ``keyness_png``).
        keywords_sections_png: Output figure: each section's top keywords.
        keyness_png: Output figure: each section's most over-used terms (log ratio).
        articles: The ``articles`` table of the article's shard.
        article: The article's id.
        top_n: Terms per panel.
        log: The job's log file.

    Raises:
        StageError: If a table is unreadable, or no figure was asked for.
    """
    with job_log(log, stage="keywords_figures"):
        wanted = [(keywords, keywords_sections_png), (keyness, keyness_png)]
        if not any(table and png for table, png in wanted):
            raise ValueError("no figure to draw: give a table and its output path")
        if left_out(articles, article):
            titles = {
                "Top keywords per section": keywords_sections_png,
                "Keyness per section": keyness_png,
            }
            save_messages(LEFT_OUT_OF_ANALYSES, {t: p for t, p in titles.items() if p})
            return
        section_table = read_tsv(sections)
        if keywords and keywords_sections_png:
            figures.save_keywords_by_section(
                read_tsv(keywords), section_table, keywords_sections_png, top_n=top_n
            )
        if keyness and keyness_png:
            figures.save_keyness(read_tsv(keyness), section_table, keyness_png, top_n=top_n)
