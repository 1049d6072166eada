"""A fitted topic model, its settings and the numbering of its topics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.topics.quality import ranked_terms, top_indices

LABEL_SEPARATOR = " · "


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model, topics renumbered by prevalence.

    Attributes:
        k: Number of topics.
        method: ``"nmf"`` or ``"lda"``.
        vocabulary: The terms, in column order of ``topic_term``.
        topic_term: K x V term weights, each row summing to 1.
        doc_topic: n_docs x K topic weights, each row summing to 1 (NaN for empty documents).
        coherence: Mean NPMI of each topic's top terms (length K).
        quality: One row per K tried (columns depend on the model: see its fitting function).
        top_n: Number of top terms used for the quality measures and the tables.
    """

    k: int
    method: str
    vocabulary: np.ndarray
    topic_term: np.ndarray
    doc_topic: np.ndarray
    coherence: np.ndarray
    quality: pd.DataFrame
    top_n: int

    def top_terms(self, topic: int, n: int | None = None) -> list[str]:
        """Return the ``n`` heaviest terms of 0-based ``topic`` (ties by term)."""
        order = ranked_terms(self.topic_term[topic], self.vocabulary)
        return [str(self.vocabulary[i]) for i in order[: n or self.top_n]]

    def label(self, topic: int, n: int = 3) -> str:
        """Return a readable label of 0-based ``topic`` such as ``energy · natural gas · import``.

        A bigram replaces its own words ("united states" rather than "united · states").
        """
        return topic_label(self.top_terms(topic, min(len(self.vocabulary), 50)), n=n)


def topic_label(terms: Sequence[str], *, n: int = 3) -> str:
    """Join the first ``n`` of ranked ``terms``, a bigram replacing its own words."""
    chosen: list[str] = []
    for term in terms:
        words = term.split()
        if len(words) > 1:
            chosen = [c for c in chosen if c not in words]
        elif any(term in c.split() for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == n:
            break
    return LABEL_SEPARATOR.join(chosen)


def validate_k(k: int | str, n_docs: int) -> int | str:
    """Check a ``k`` setting against the number of documents.

    Args:
        k: ``"auto"`` or a positive integer (an integer string is accepted).
        n_docs: Number of non-empty documents.

    Returns:
        ``"auto"`` or the integer K.

    Raises:
        ValueError: If ``k`` is neither ``"auto"`` nor an integer with 1 <= k < n_docs.
    """
    k = parse_k(k)
    if k != "auto" and k >= max(n_docs, 2):  # one document still supports one topic
        raise ValueError(
            f"topics k must be smaller than the number of non-empty documents ({n_docs}), got {k}"
        )
    return k


def parse_k(k: int | str) -> int | str:
    """``"auto"`` or a positive integer K.

    Raises:
        ValueError: If ``k`` is neither ``"auto"`` nor an integer of at least 1.
    """
    if isinstance(k, str) and k.strip().lower() == "auto":
        return "auto"
    if isinstance(k, str) and k.strip().lstrip("-").isdigit():
        k = int(k)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"topics k must be 'auto' or an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"topics k must be at least 1, got {k}")
    return int(k)


def prevalence_order(
    doc_topic: np.ndarray, topic_term: np.ndarray, vocabulary: np.ndarray, lengths: np.ndarray
) -> list[int]:
    """Topic order by decreasing prevalence (share of content tokens), ties by label.

    So the numbering does not depend on the solver's internal order.
    """
    shares = np.nan_to_num(doc_topic) * lengths[:, None]
    prevalence = np.round(shares.sum(axis=0), 9)
    labels = [
        LABEL_SEPARATOR.join(vocabulary[i] for i in idx)
        for idx in top_indices(topic_term, vocabulary, 3)
    ]
    return sorted(range(len(labels)), key=lambda t: (-prevalence[t], labels[t]))
