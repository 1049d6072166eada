"""Stage ``compare``: coverage over time and between groups of articles (outlets, say).

``run(...)`` reads the corpus tables (Parquet datasets of every shard, and the corpus
topic model's tables), calls the comparisons of :mod:`analysis.compare` and writes their
tables (``corpus/tables/<name>.tsv``) and figures (``corpus/figures/compare_*.png``).
Comparisons the corpus cannot support (no dates, no group values, no topic model) get
tables without rows and one warning line saying why.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.stages.logs import job_log
from analysis.tables import read_tsv, write_tsv

if TYPE_CHECKING:
    from analysis.compare import ComparisonResult

PathLike = str | os.PathLike[str]
# Table name -> the comparison family that makes it.
TABLES = {
    "compare_coverage": "coverage",
    "sentiment_over_time": "sentiment",
    "actors_over_time": "actors",
    "actor_merges": "actors",
    "topics_over_time": "topics",
    "topic_terms_over_time": "topics",
    "group_keyness": "keyness",
}


def figure_stems(group_by: Sequence[str]) -> list[str]:
    """The file stems of the comparison figures for the given group columns."""
    stems = ["compare_actors_time", "compare_topics_time"]
    for group in group_by:
        stems += [f"compare_{kind}_{group}" for kind in ("sentiment", "actors", "topics",
                                                          "keyness")]  # fmt: skip
    return stems


def comparisons(
    *,
    tables_dir: PathLike,
    document_topics: PathLike,
    topic_terms: PathLike,
    period: str,
    group_by: Sequence[str],
    grouping: Mapping[str, int],
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    neutral_threshold: float,
    top_actors: int,
    min_actor_articles: int,
    actor_merge_dominance: float,
    topic_terms_per_period: int,
    keyness_top_n: int,
    keyness_min_count: int,
    keyness_by_period: bool,
) -> dict[str, ComparisonResult]:
    """Every comparison family of a corpus, from its tables folder.

    Args:
        tables_dir: ``<results>/corpus/tables`` (the shard datasets).
        document_topics: The corpus model's ``document_topics.tsv``.
        topic_terms: Its ``topic_terms.tsv``.
        period: Time resolution (``day``, ``week``, ``month``, ``year`` or ``auto``).
        group_by: Metadata columns to compare by.
        grouping: ``min_articles_per_period``, ``min_periods``, ``max_periods``.
        n_bootstrap: Resamples of each interval (articles are resampled).
        confidence: Interval coverage.
        random_state: Seed of the intervals.
        neutral_threshold: Headline scores within ±this count as neutral sentences.
        top_actors: Actors kept, by mentions across the corpus.
        min_actor_articles: Actors named in fewer articles are left out.
        actor_merge_dominance: See :func:`analysis.compare.actors_over_time`.
        topic_terms_per_period: Top terms per topic and period.
        keyness_top_n: Terms per group value and direction.
        keyness_min_count: Least total count of a compared term.
        keyness_by_period: Also compare the groups within each period.

    Returns:
        Family name (``coverage``, ``sentiment``, ``actors``, ``topics``, ``keyness``) ->
        its result.
    """
    folder = Path(tables_dir)
    articles = pd.read_parquet(folder / "articles")
    options = {"period": period, "group_by": list(group_by), **grouping}
    interval = {"n_bootstrap": n_bootstrap, "confidence": confidence,
                "random_state": random_state}  # fmt: skip
    # Imported here, not at the top: the workflow reads TABLES and figure_stems while it
    # parses, and the comparisons' imports (SciPy's statistics) cost a second there.
    from analysis import compare
    from analysis.compare import datasets

    membership = compare.group_articles(articles, **options).membership
    doc_topics, terms = read_tsv(document_topics), read_tsv(topic_terms)
    return {
        "coverage": compare.comparison_coverage(articles, **options),
        "sentiment": compare.sentiment_over_time(
            articles,
            datasets.article_sentiment(folder / "sentiment_sections"),
            datasets.sentence_labels(folder / "sentiment_sentences", threshold=neutral_threshold),
            **options,
            **interval,
        ),
        "actors": compare.actors_over_time(
            articles,
            datasets.entity_rows(folder / "sentiment_entities"),
            datasets.read_table(folder / "actor_aliases"),
            top_n=top_actors,
            min_articles=min_actor_articles,
            dominance=actor_merge_dominance,
            **options,
            **interval,
        ),
        "topics": compare.topics_over_time(
            articles,
            doc_topics,
            terms,
            datasets.period_topic_terms(folder / "tokens", doc_topics, terms, membership),
            n_terms=topic_terms_per_period,
            **options,
        ),
        "keyness": compare.group_keyness(
            datasets.group_term_counts(folder / "tokens", membership, by_period=keyness_by_period),
            top_n=keyness_top_n,
            min_count=keyness_min_count,
        ),
    }


def run(
    *,
    tables_dir: PathLike,
    document_topics: PathLike,
    topic_terms: PathLike,
    outputs: Mapping[str, PathLike],
    figures: Mapping[str, PathLike],
    log: PathLike | None = None,
    **settings,
) -> None:
    """Write the comparison tables and figures of a corpus.

    Args:
        tables_dir: ``<results>/corpus/tables``.
        document_topics: The corpus model's ``document_topics.tsv``.
        topic_terms: Its ``topic_terms.tsv``.
        outputs: Table name (:data:`TABLES`) -> TSV path.
        figures: Figure stem (:func:`figure_stems`) -> PNG path.
        log: The job's log file.
        **settings: The tuning arguments of :func:`comparisons`.
    """
    from analysis.figures.compare import comparison_figures
    from analysis.figures.style import save_png

    with job_log(log, stage="compare") as logger:
        results = comparisons(
            tables_dir=tables_dir, document_topics=document_topics, topic_terms=topic_terms,
            **settings,
        )  # fmt: skip
        for family, result in results.items():
            if result.reason:
                logger.warning("%s: %s", family, result.reason)
                print(f"newsdag: warning: compare {family}: {result.reason}", file=sys.stderr)
        for name, path in outputs.items():
            table = results[TABLES[name]].tables[name]
            write_tsv(table, path)
            logger.info("%s: %d rows", name, len(table))
        drawn = comparison_figures(results, groups=settings["group_by"])
        for stem, path in figures.items():
            save_png(drawn[stem], path)
