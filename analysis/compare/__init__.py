"""Comparisons across a corpus: over time and between groups of articles (outlets, say).

One module per concern: :mod:`~analysis.compare.periods` (periods, groups and coverage),
:mod:`~analysis.compare.sentiment`, :mod:`~analysis.compare.actors`,
:mod:`~analysis.compare.topics`, :mod:`~analysis.compare.keyness`, and
:mod:`~analysis.compare.datasets` (the DuckDB queries that build their inputs from the
corpus's Parquet datasets). Every table is keyed by ``period``, ``group`` and ``value``.
"""

from analysis.compare.actors import actors_over_time, merge_actors
from analysis.compare.keyness import group_keyness
from analysis.compare.periods import (
    Grouping,
    choose_resolution,
    comparison_coverage,
    group_articles,
)
from analysis.compare.result import ComparisonResult
from analysis.compare.sentiment import sentiment_over_time
from analysis.compare.topics import topics_over_time

__all__ = [
    "ComparisonResult",
    "Grouping",
    "actors_over_time",
    "choose_resolution",
    "comparison_coverage",
    "group_articles",
    "group_keyness",
    "merge_actors",
    "sentiment_over_time",
    "topics_over_time",
]
