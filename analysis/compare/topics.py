"""Topics over time and by group, from the corpus topic model's article mixtures.

A topic's ``share`` of a cell is the mean of its weight over the cell's articles (each
article's mixture sums to 1, so a cell's shares do too): the share of the coverage given to
the topic, with every article counted once, like BERTopic's ``topics_over_time`` and
``topics_per_class`` but with mixtures instead of one topic per document. ``n_dominant``
counts the articles whose largest weight is the topic (lowest topic number on ties).

Top terms per period: each term of a topic's list in ``topic_terms`` is weighted in a period
by its count in each article times the article's weight for the topic, summed over the
period's articles; the ``n_terms`` heaviest are the topic's terms in that period. A term is
``new`` when it is among them but not among the topic's overall top ``n_terms`` single words,
and its share of the topic's listed words in the period is at least :data:`RISE_FACTOR` times
its share in the other periods; ``changed`` marks a period's list with a new term. A list that
only differs from the overall one does not say much: neighbouring terms swap places from
week to week by chance (in a generated corpus whose topics' words never change, 5 to 7 of 8
topics' weekly lists differed from the overall ones).

Each share has an expanded percentile bootstrap interval that resamples the cell's articles,
one draw for all topics of the cell (:func:`analysis.sentiment.intervals.bootstrap_mean_cis`),
as the sentiment and actor comparisons resample articles.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.compare.periods import ALL, KEY_COLUMNS, group_articles, sort_keys
from analysis.compare.result import ComparisonResult
from analysis.sentiment.intervals import bootstrap_mean_cis
from analysis.topics import LABEL_SEPARATOR

TOPICS_OVER_TIME_COLUMNS = [
    *KEY_COLUMNS,
    "topic",
    "label",
    "n_articles",
    "n_dominant",
    "share",
    "ci_low",
    "ci_high",
]
TOPIC_TERMS_OVER_TIME_COLUMNS = ["period", "topic", "rank", "term", "weight", "new", "changed"]
#: A term new to a period's top list must hold at least this many times its share of the
#: topic's listed words in the other periods (twice: a rank swap at the list's end is no change).
RISE_FACTOR = 2.0


def topic_labels(topic_terms: pd.DataFrame, *, n_terms: int = 3) -> dict[int, str]:
    """Each topic's label: the ``label`` column when present, else its top terms joined."""
    if topic_terms.empty:
        return {}
    if "label" in topic_terms.columns:
        first = topic_terms.sort_values(["topic", "rank"]).drop_duplicates("topic")
        return dict(zip(first["topic"].astype(int), first["label"].astype(str), strict=True))
    ranked = topic_terms.sort_values(["topic", "rank"])
    return {
        int(t): LABEL_SEPARATOR.join(frame["term"].astype(str).head(n_terms))
        for t, frame in ranked.groupby("topic")
    }


def mixture_matrix(document_topics: pd.DataFrame) -> pd.DataFrame:
    """Article x topic weights (missing weights are 0), articles and topics sorted."""
    frame = document_topics.astype({"article": str, "topic": int})
    wide = frame.pivot_table(
        index="article", columns="topic", values="weight", aggfunc="sum", fill_value=0.0
    )
    return wide.sort_index().sort_index(axis=1)


def _dominant(wide: pd.DataFrame) -> pd.Series:
    values = np.round(wide.to_numpy(dtype=float), 9)
    return pd.Series(wide.columns.to_numpy()[np.argmax(values, axis=1)], index=wide.index)


def topic_shares(
    membership: pd.DataFrame,
    wide: pd.DataFrame,
    *,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
) -> pd.DataFrame:
    """Share with its interval, articles and dominant-topic articles per cell and topic
    (long form)."""
    cells = membership[membership["article"].isin(wide.index)]
    weights = wide.reindex(cells["article"]).to_numpy(dtype=float)
    frame = pd.DataFrame(weights, columns=wide.columns)
    for column in KEY_COLUMNS:
        frame[column] = cells[column].to_numpy()
    grouped = frame.groupby(KEY_COLUMNS, sort=True)
    shares = grouped[list(wide.columns)].mean()
    n_articles = grouped.size()
    dominant = pd.get_dummies(_dominant(wide).reindex(cells["article"]).to_numpy())
    dominant = dominant.reindex(columns=wide.columns, fill_value=False).astype(int)
    for column in KEY_COLUMNS:
        dominant[column] = cells[column].to_numpy()
    n_dominant = dominant.groupby(KEY_COLUMNS, sort=True)[list(wide.columns)].sum()
    long = shares.stack().rename("share").to_frame()
    long["n_dominant"] = n_dominant.stack()
    long.index = long.index.set_names([*KEY_COLUMNS, "topic"])
    long = long.reset_index()
    long["n_articles"] = long.set_index(KEY_COLUMNS).index.map(n_articles).to_numpy()
    params = {"n_bootstrap": n_bootstrap, "confidence": confidence, "random_state": random_state}
    bounds = {}
    for key, cell in grouped[list(wide.columns)]:
        intervals = bootstrap_mean_cis(cell.to_numpy(dtype=float).T, **params)
        for topic, (_, low, high) in zip(wide.columns, intervals, strict=True):
            bounds[(*key, topic)] = (low, high)
    keys = zip(*(long[c] for c in [*KEY_COLUMNS, "topic"]), strict=True)
    long["ci_low"], long["ci_high"] = zip(*(bounds[key] for key in keys), strict=True)
    return long


def terms_by_period(
    period_terms: pd.DataFrame, topic_terms: pd.DataFrame, *, n_terms: int
) -> pd.DataFrame:
    """Each topic's top terms per period, and which of them are new there.

    Args:
        period_terms: ``period``, ``topic``, ``term``, ``weight`` (topic-weighted counts,
            :func:`analysis.compare.datasets.period_topic_terms`; single words only).
        topic_terms: The corpus ``topic_terms`` table (topic, rank, term).
        n_terms: Terms per period and topic.

    Returns:
        :data:`TOPIC_TERMS_OVER_TIME_COLUMNS`, by period, topic, rank.
    """
    if period_terms.empty or topic_terms.empty:
        return pd.DataFrame(columns=TOPIC_TERMS_OVER_TIME_COLUMNS)
    # Periods count single words only, so the overall list they are held against is the
    # topic's top single words (a bigram in it would make every period's list differ).
    words = topic_terms[~topic_terms["term"].astype(str).str.contains(" ", regex=False)]
    overall = (
        words.sort_values(["topic", "rank"])
        .groupby("topic")["term"]
        .apply(lambda t: frozenset(t.astype(str).head(n_terms)))
    )
    frame = period_terms[period_terms["weight"] > 0].astype({"topic": int, "term": str})
    frame = frame.assign(rise=_rise(frame))
    frame = frame.sort_values(
        ["period", "topic", "weight", "term"], ascending=[True, True, False, True], kind="mergesort"
    )
    frame = frame.groupby(["period", "topic"], sort=False).head(n_terms).copy()
    frame["rank"] = frame.groupby(["period", "topic"], sort=False).cumcount() + 1
    listed = [
        term in overall.get(topic, frozenset())
        for topic, term in zip(frame["topic"], frame["term"], strict=True)
    ]
    frame["new"] = ~np.array(listed, dtype=bool) & (frame["rise"].to_numpy() >= RISE_FACTOR)
    frame["changed"] = frame.groupby(["period", "topic"], sort=False)["new"].transform("any")
    return frame[TOPIC_TERMS_OVER_TIME_COLUMNS].reset_index(drop=True)


def _rise(frame: pd.DataFrame) -> np.ndarray:
    """Each (period, topic, term)'s share of the topic's listed words in the period over its
    share in the other periods (infinite for a term the other periods never weigh)."""
    in_period = frame.groupby(["period", "topic"])["weight"].transform("sum")
    term_total = frame.groupby(["topic", "term"])["weight"].transform("sum")
    topic_total = frame.groupby("topic")["weight"].transform("sum")
    rest = (term_total - frame["weight"]) / (topic_total - in_period)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (frame["weight"] / in_period / rest).fillna(0.0).to_numpy()


def topics_over_time(
    articles: pd.DataFrame,
    document_topics: pd.DataFrame,
    topic_terms: pd.DataFrame,
    period_terms: pd.DataFrame | None = None,
    *,
    period: str,
    group_by: Sequence[str],
    n_terms: int,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    **grouping_options,
) -> ComparisonResult:
    """Each topic's share of the coverage per period and group, and its terms per period.

    Args:
        articles: Article metadata (see :func:`analysis.compare.periods.group_articles`).
        document_topics: The corpus ``document_topics`` table (article, topic, weight).
        topic_terms: The corpus ``topic_terms`` table (topic, rank, term, weight[, label]).
        period_terms: Topic-weighted term counts per period (optional; see
            :func:`terms_by_period`); without it ``topic_terms_over_time`` is empty.
        period: Time resolution, or ``auto``.
        group_by: Metadata columns to compare by.
        n_terms: Top terms per topic and period.
        n_bootstrap: Resamples of each cell's articles for the shares' intervals.
        confidence: Coverage of the intervals.
        random_state: Seed of every cell's resampling.
        **grouping_options: ``min_articles_per_period``, ``min_periods``, ``max_periods``,
            ``split_values`` (:func:`analysis.compare.periods.group_articles`).

    Returns:
        Tables ``topics_over_time`` (:data:`TOPICS_OVER_TIME_COLUMNS`; ``n_articles`` counts the
        cell's articles with a mixture) and ``topic_terms_over_time``.
    """
    grouping = group_articles(articles, period=period, group_by=group_by, **grouping_options)
    empty = {
        "topics_over_time": pd.DataFrame(columns=TOPICS_OVER_TIME_COLUMNS),
        "topic_terms_over_time": pd.DataFrame(columns=TOPIC_TERMS_OVER_TIME_COLUMNS),
    }
    if grouping.is_empty or document_topics.empty:
        return ComparisonResult(empty, grouping.reason)
    wide = mixture_matrix(document_topics)
    table = topic_shares(
        grouping.membership,
        wide,
        n_bootstrap=n_bootstrap,
        confidence=confidence,
        random_state=random_state,
    )
    table["label"] = table["topic"].map(topic_labels(topic_terms)).fillna("")
    table = sort_keys(table, extra=["topic"])[TOPICS_OVER_TIME_COLUMNS]
    terms = empty["topic_terms_over_time"]
    if period_terms is not None and grouping.resolution is not None:
        dated = period_terms[period_terms["period"].astype(str) != ALL]
        terms = terms_by_period(dated, topic_terms, n_terms=n_terms)
    tables = {"topics_over_time": table, "topic_terms_over_time": terms}
    return ComparisonResult(tables, grouping.reason)
