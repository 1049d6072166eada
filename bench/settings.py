"""newsdag's default settings, as the workflow's rules pass them to each stage.

The values live in one place, ``config/config.yaml``; the benchmark scripts and the tests
measure the pipeline as it runs by default, so they read them from there instead of
repeating them (the analysis functions have no defaults of their own for these).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = Path(__file__).resolve().parents[1] / "config" / "config.yaml"


@cache
def _config() -> dict[str, Any]:
    return yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8"))


def section(name: str) -> dict[str, Any]:
    """One section of the default configuration, such as ``compare``."""
    return dict(_config()[name])


def _pick(section: str, *names: str, **renamed: str) -> dict[str, Any]:
    values = _config()[section]
    return {**{name: values[name] for name in names}, **{k: values[v] for k, v in renamed.items()}}


def prepare() -> dict[str, Any]:
    """Tuning arguments of the ``prepare`` stage (``analyse_structure``)."""
    return {
        "detect_headings": _config()["sections"]["detect_headings"],
        "line_breaks": _config()["paragraphs"]["line_breaks"],
        "drop_boilerplate": _config()["sentences"]["drop_boilerplate"],
    }


def prepare_shard() -> dict[str, Any]:
    """Tuning arguments of the ``prepare`` stage's shard job: :func:`prepare` and what it
    does with articles that do not read as English."""
    return {**prepare(), "english_only": _config()["articles"]["english_only"]}


def interval() -> dict[str, Any]:
    """Bootstrap settings of every interval (``sentiment`` section)."""
    return _pick("sentiment", "n_bootstrap", "confidence", "random_state")


def sentiment() -> dict[str, Any]:
    """Tuning arguments of the ``sentiment`` stage's per-article tables."""
    return _pick(
        "sentiment", "n_bootstrap", "confidence", "random_state", "neutral_threshold",
        "top_n_actors", "min_actor_mentions",
    )  # fmt: skip


def keywords() -> dict[str, Any]:
    """Tuning arguments of the ``keywords`` stage's per-article tables."""
    return _pick(
        "keywords", "top_k", "ngram_min", "ngram_max", "methods", "weights", "use_titles",
        "specificity_exponent",
    )  # fmt: skip


def corpus_keywords() -> dict[str, Any]:
    """Tuning arguments of the corpus keyword table."""
    return _pick("keywords", top_k="corpus_top_k", idf_exponent="corpus_idf_exponent")


def topics() -> dict[str, Any]:
    """Tuning arguments of the ``topics`` stage's per-article tables."""
    return _pick("topics", "k", "method", "unit", "random_state", "n_terms")


def corpus_topics() -> dict[str, Any]:
    """Tuning arguments of the corpus topic model."""
    return _pick(
        "topics", "k", "method", "random_state", "n_terms", "min_df", "max_df", "fit_sample",
        "select_sample", unit="corpus_unit",
    )  # fmt: skip


def grouping() -> dict[str, Any]:
    """How the comparisons cut a corpus into periods and groups."""
    return _pick(
        "compare",
        "period",
        "group_by",
        "min_articles_per_period",
        "min_periods",
        "max_periods",
        "split_values",
    )
