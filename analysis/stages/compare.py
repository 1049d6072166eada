"""Stage ``compare``: coverage over time and between groups of articles (outlets, say).

Each comparison family is a job of its own, so that it starts as soon as the tables it
reads exist (keyness right after ``prepare``; topics after the corpus topic model), the
families run side by side, and a setting reruns only the family that reads it.
``run(family, ...)`` reads the corpus tables (Parquet datasets of every shard, and the
corpus topic model's tables), calls that family of :mod:`analysis.compare` and writes its
tables (``corpus/tables/<name>.tsv``) and figures (``corpus/figures/compare_*.png``).
Comparisons the corpus cannot support (no dates, no group values, no topic model) get
tables without rows and one warning line saying why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.console import say
from analysis.stages.logs import job_log
from analysis.stages.shards import analysed_mask
from analysis.tables import read_tsv, write_tsv

if TYPE_CHECKING:
    from analysis.compare import ComparisonResult

PathLike = str | os.PathLike[str]
# Table name -> the comparison family that makes it.
TABLES = {
    "compare_coverage": "coverage",
    "sentiment_over_time": "sentiment",
    "sentiment_differences": "sentiment",
    "actors_over_time": "actors",
    "actor_merges": "actors",
    "topics_over_time": "topics",
    "topic_terms_over_time": "topics",
    "group_keyness": "keyness",
}


def family_tables(family: str) -> list[str]:
    """The tables one comparison family writes."""
    return [name for name, owner in TABLES.items() if owner == family]


def figure_stems(group_by: Sequence[str], family: str | None = None) -> list[str]:
    """The file stems of the comparison figures for the given group columns.

    Args:
        group_by: The group columns compared by.
        family: Only this family's figures (all families' if None).
    """
    kinds = ("sentiment", "actors", "topics", "keyness")
    stems = [("actors", "compare_actors_time"), ("topics", "compare_topics_time")]
    stems += [(kind, f"compare_{kind}_{group}") for group in group_by for kind in kinds]
    return [stem for owner, stem in stems if family in (None, owner)]


def _articles(folder: Path) -> pd.DataFrame:
    """The corpus's analysed articles (``prepare`` leaves out those not in English)."""
    articles = pd.read_parquet(folder / "articles")
    return articles[analysed_mask(articles)].reset_index(drop=True)


def coverage(folder: Path, *, grouping: Mapping[str, object]) -> ComparisonResult:
    """The ``compare_coverage`` table of the corpus in ``folder``."""
    from analysis import compare

    articles = pd.read_parquet(folder / "articles")
    analysed = analysed_mask(articles)
    return compare.comparison_coverage(
        articles[analysed].reset_index(drop=True),
        n_left_out=int((~analysed).sum()),
        **grouping,
    )


def sentiment(
    folder: Path,
    *,
    grouping: Mapping[str, object],
    interval: Mapping[str, object],
    neutral_threshold: float,
) -> ComparisonResult:
    """Article sentiment over time and between groups (articles are resampled)."""
    from analysis import compare
    from analysis.compare import datasets

    return compare.sentiment_over_time(
        _articles(folder),
        datasets.article_sentiment(folder / "sentiment_sections"),
        datasets.sentence_labels(folder / "sentiment_sentences", threshold=neutral_threshold),
        **grouping,
        **interval,
    )


def actors(
    folder: Path,
    *,
    grouping: Mapping[str, object],
    interval: Mapping[str, object],
    top_actors: int,
    min_actor_articles: int,
    actor_merge_dominance: float,
) -> ComparisonResult:
    """Target-level sentiment toward the corpus's main actors over time and between groups."""
    from analysis import compare
    from analysis.compare import datasets

    return compare.actors_over_time(
        _articles(folder),
        datasets.article_actors(folder / "sentiment_mentions"),
        datasets.read_table(folder / "actor_aliases"),
        top_n=top_actors,
        min_articles=min_actor_articles,
        dominance=actor_merge_dominance,
        **grouping,
        **interval,
    )


def topics(
    folder: Path,
    *,
    grouping: Mapping[str, object],
    document_topics: PathLike,
    topic_terms: PathLike,
    topic_terms_per_period: int,
    interval: Mapping[str, object],
) -> ComparisonResult:
    """Topic prevalence over time and between groups (articles are resampled), and each
    period's top terms."""
    from analysis import compare
    from analysis.compare import datasets

    articles = _articles(folder)
    membership = compare.group_articles(articles, **grouping).membership
    doc_topics, terms = read_tsv(document_topics), read_tsv(topic_terms)
    return compare.topics_over_time(
        articles,
        doc_topics,
        terms,
        datasets.period_topic_terms(folder / "tokens", doc_topics, terms, membership),
        n_terms=topic_terms_per_period,
        **interval,
        **grouping,
    )


def keyness(
    folder: Path,
    *,
    grouping: Mapping[str, object],
    keyness_top_n: int,
    keyness_min_count: int,
    keyness_by_period: bool,
) -> ComparisonResult:
    """The words that set each group value's articles apart from the others' (Dunning's G²)."""
    from analysis import compare
    from analysis.compare import datasets

    membership = compare.group_articles(_articles(folder), **grouping).membership
    tokens = folder / "tokens"
    return compare.group_keyness(
        datasets.group_term_counts(tokens, membership, by_period=keyness_by_period),
        # with shared articles (a byline of two authors) a column is not the sum of its cells
        datasets.column_term_counts(tokens, membership, by_period=keyness_by_period)
        if datasets.has_shared_articles(membership)
        else None,
        top_n=keyness_top_n,
        min_count=keyness_min_count,
    )


# The comparisons are imported inside each function, not at the top: the workflow reads
# TABLES and figure_stems while it parses, and their imports (SciPy's statistics) cost a
# second there.
COMPARISONS: dict[str, Callable[..., ComparisonResult]] = {
    "coverage": coverage,
    "sentiment": sentiment,
    "actors": actors,
    "topics": topics,
    "keyness": keyness,
}


def _values_to_draw(
    folder: Path, family: str, grouping: Mapping[str, object]
) -> dict[str, tuple[list[str], int]] | None:
    """The group values the family's figures draw (the most articles first), if it draws
    figures (:func:`analysis.figures.compare.values_to_draw`)."""
    from analysis import compare
    from analysis.figures.compare import MAX_VALUES_DRAWN, values_to_draw

    groups = list(grouping["group_by"])
    if not groups or not figure_stems(groups, family):
        return None
    articles = _articles(folder)
    few = [g not in articles or articles[g].nunique() <= MAX_VALUES_DRAWN for g in groups]
    if all(few):  # the figures draw every value: no need to rank them
        return None
    return values_to_draw(compare.group_articles(articles, **grouping).membership, groups)


def run(
    *,
    family: str,
    tables_dir: PathLike,
    outputs: Mapping[str, PathLike],
    log: PathLike | None = None,
    **settings,
) -> None:
    """Write the tables and figures of one comparison family of a corpus.

    Args:
        family: A key of :data:`COMPARISONS` (one job per family).
        tables_dir: ``<results>/corpus/tables`` (the shard datasets).
        outputs: The family's table names (:func:`family_tables`) and figure stems
            (:func:`figure_stems`) -> TSV or PNG path.
        log: The job's log file.
        **settings: The keyword arguments of the family's function in :data:`COMPARISONS`
            (``grouping``: ``period``, ``group_by`` and the period rules of
            :func:`analysis.compare.group_articles`; ``interval``: ``n_bootstrap``,
            ``confidence`` and ``random_state`` of the bootstrap intervals).
    """
    from analysis.figures.compare import comparison_figures
    from analysis.figures.style import save_png

    with job_log(log, stage=f"compare_{family}") as logger:
        result = COMPARISONS[family](Path(tables_dir), **settings)
        if result.reason:
            logger.warning("%s", result.reason)
            say(f"warning: compare {family}: {result.reason}")
        groups = settings["grouping"]["group_by"]
        shown = _values_to_draw(Path(tables_dir), family, settings["grouping"])
        drawn = comparison_figures({family: result}, groups=groups, shown=shown)
        for name, path in outputs.items():
            if name in drawn:
                save_png(drawn[name], path)
            else:
                write_tsv(result.tables[name], path)
                logger.info("%s: %d rows", name, len(result.tables[name]))
