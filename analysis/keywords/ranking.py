"""What every ranker reads and returns: documents of candidates, and scores per document.

A ranking is ``{doc: {key: score}}`` with higher scores better; :func:`ranked_rows` orders it
(score descending, key ascending) and numbers the ranks. Plain dicts keep one article's
dozen rankings cheap; :func:`ranking_frame` turns one into the tidy frame of the tables.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from analysis.keywords.candidates import AnnotatedTokens, Occurrence

Ranking = dict[object, dict[str, float]]
RANKING_COLUMNS = ["doc", "key", "score", "rank"]


@dataclass(frozen=True)
class RankInput:
    """One scope's documents (an article's sections, or the article as one document).

    Attributes:
        occurrences: Candidate occurrences of all documents, in text order.
        owner: sentence_id -> document id.
        tokens: The annotated tokens of the documents' sentences (for word-level rankers).
        sizes: document id -> words.
        background: Extra documents for the IDF only (doc -> keys with repeats).
    """

    occurrences: Sequence[Occurrence]
    owner: Mapping[int, object]
    tokens: AnnotatedTokens
    sizes: Mapping[object, int]
    background: Mapping[object, Sequence[str]] = field(default_factory=dict)

    def documents(self) -> dict[object, list[str]]:
        """document id -> candidate keys in text order, with repeats; sorted by id."""
        return self._documents

    def counts(self) -> dict[object, Counter]:
        """document id -> Counter of its candidate keys."""
        return self._counts

    @cached_property
    def _documents(self) -> dict[object, list[str]]:
        grouped: dict = {}
        for occurrence in self.occurrences:
            grouped.setdefault(self.owner[occurrence.sentence_id], []).append(occurrence.key)
        return {doc: grouped[doc] for doc in sorted(grouped)}

    @cached_property
    def _counts(self) -> dict[object, Counter]:
        return {doc: Counter(keys) for doc, keys in self._documents.items()}


def ranked_rows(ranking: Mapping[object, Mapping[str, float]], top_k: int | None = None) -> list:
    """(doc, key, score, rank) rows: docs sorted, then score descending, key ascending.

    A NaN score sorts last.
    """
    rows = []
    for doc in sorted(ranking):
        scores = ranking[doc]
        ordered = sorted(scores, key=lambda key: (math.isnan(scores[key]), -scores[key], key))
        if top_k is not None:
            ordered = ordered[:top_k]
        rows.extend((doc, key, scores[key], rank) for rank, key in enumerate(ordered, start=1))
    return rows


def ranking_frame(ranking: Mapping[object, Mapping[str, float]], top_k: int | None = None):
    """The ranking as a frame with :data:`RANKING_COLUMNS`."""
    return pd.DataFrame(ranked_rows(ranking, top_k), columns=RANKING_COLUMNS)


def shared_ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Rank of each key, 1 = best; equal scores share the best rank of their group."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    ranks, previous, rank = {}, None, 0
    for position, (key, score) in enumerate(ordered, start=1):
        if score != previous:
            rank, previous = position, score
        ranks[key] = rank
    return ranks
