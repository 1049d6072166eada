"""Tables of a fitted topic model: top terms, quality, mixtures, dominant topics."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.topics.model import TopicModel
from analysis.topics.terms import Documents

TERMS_COLUMNS = ["topic", "rank", "term", "weight", "label"]


def terms_table(model: TopicModel, *, n_terms: int | None) -> pd.DataFrame:
    """Top terms of each topic: topic (1-based), rank (1-based), term, weight, label.

    ``weight`` is the term's share of its topic's term weights (rows of the topic-term matrix
    sum to 1).
    """
    rows = []
    index = {term: i for i, term in enumerate(model.vocabulary.tolist())}
    for topic in range(model.k):
        label = model.label(topic)
        for rank, term in enumerate(model.top_terms(topic, n_terms), start=1):
            weight = float(model.topic_term[topic, index[term]])
            rows.append((topic + 1, rank, term, weight, label))
    return pd.DataFrame(rows, columns=TERMS_COLUMNS)


def quality_table(model: TopicModel) -> pd.DataFrame:
    """The model's quality rows (one per K tried), sorted by K."""
    quality = model.quality
    if not quality["k"].is_monotonic_increasing:
        quality = quality.sort_values("k", kind="stable")
    return quality.reset_index(drop=True)


def topic_coherence_table(model: TopicModel) -> pd.DataFrame:
    """Per topic of the chosen model: topic, label, coherence (mean NPMI of its top terms)."""
    return pd.DataFrame(
        {
            "topic": np.arange(1, model.k + 1),
            "label": [model.label(t) for t in range(model.k)],
            "coherence": model.coherence,
        }
    )


def mixtures_from_weights(
    weights: np.ndarray, groups: Sequence, *, group_column: str
) -> pd.DataFrame:
    """Tidy mixtures from length-weighted topic weights, summed and normalised per group.

    Args:
        weights: n_docs x K non-negative weights (each document's topic shares times its
            number of content terms); NaN counts as 0.
        groups: The group of each document.
        group_column: Name of the group column in the output.

    Returns:
        Columns ``group_column``, topic (1-based), weight; weights of a group sum to 1;
        groups with zero total weight are left out.
    """
    groups = np.asarray(list(groups))
    keys, position = np.unique(groups, return_inverse=True)
    totals = np.zeros((len(keys), weights.shape[1]))
    np.add.at(totals, position, np.nan_to_num(weights))
    mass = totals.sum(axis=1)
    keep = mass > 0
    shares = totals[keep] / mass[keep, None]
    n_topics = weights.shape[1]
    return pd.DataFrame(
        {
            group_column: np.repeat(keys[keep], n_topics),
            "topic": np.tile(np.arange(1, n_topics + 1), int(keep.sum())),
            "weight": shares.ravel(),
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
    return mixtures_from_weights(weights, group_of_doc, group_column=group_column)


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
