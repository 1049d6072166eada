"""TF-IDF over candidate phrases: frequent here, rare in the other documents."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from analysis.keywords.ranking import Ranking, RankInput


def smooth_idf(n_documents: int, document_frequency: int) -> float:
    """ln((1 + n) / (1 + df)) + 1, scikit-learn's smoothed IDF."""
    return math.log((1 + n_documents) / (1 + document_frequency)) + 1.0


def tfidf_scores(
    documents: Mapping[object, Sequence[str]],
    *,
    background: Mapping[object, Sequence[str]] | None = None,
    sublinear_tf: bool = True,
) -> Ranking:
    """TF-IDF of each document's candidates, the documents (plus background) as the IDF set.

    Args:
        documents: document id -> candidate keys with repeats (the term frequencies).
        background: Extra documents used only for the IDF (e.g. the article's sections for
            the article as a whole); leave out when the targets are themselves the IDF set.
        sublinear_tf: Use 1 + ln(tf), so one repeated word does not swamp the list.

    Returns:
        doc -> key -> score.
    """
    counts = {doc: Counter(keys) for doc, keys in documents.items()}
    idf_set = [*counts.values(), *(Counter(keys) for keys in (background or {}).values())]
    frequency: Counter = Counter()
    for counter in idf_set:
        frequency.update(counter.keys())
    n = len(idf_set)
    return {
        doc: {
            key: (1.0 + math.log(tf) if sublinear_tf else float(tf)) * smooth_idf(n, frequency[key])
            for key, tf in counter.items()
        }
        for doc, counter in counts.items()
    }


def rank_tfidf(inputs: RankInput) -> Ranking:
    """Registry entry: TF-IDF with the scope's documents and background as the IDF set."""
    return tfidf_scores(inputs.documents(), background=inputs.background)
