"""A news prior: frequent terms, names, and terms met early score high."""

from __future__ import annotations

import math

from analysis.keywords.ranking import Ranking, RankInput

PROPER_BOOST = 1.5


def rank_salience(inputs: RankInput, *, proper_boost: float = PROPER_BOOST) -> Ranking:
    """score = log2(1 + count) / sqrt(1 + first sentence) * (proper_boost if a name).

    The first sentence is the index, within its document, of the first sentence using the
    term. News puts its key entities and topic in the lead; names are what readers search.

    Args:
        inputs: The scope's documents.
        proper_boost: Multiplier for proper names.

    Returns:
        doc -> key -> score.
    """
    sentences: dict[object, set[int]] = {}
    for occurrence in inputs.occurrences:
        sentences.setdefault(inputs.owner[occurrence.sentence_id], set()).add(
            occurrence.sentence_id
        )
    index_of = {
        sentence: index
        for doc_sentences in sentences.values()
        for index, sentence in enumerate(sorted(doc_sentences))
    }
    stats: dict[object, dict[str, list]] = {}
    for occurrence in inputs.occurrences:
        doc = inputs.owner[occurrence.sentence_id]
        entry = stats.setdefault(doc, {}).setdefault(occurrence.key, [0, math.inf, False])
        entry[0] += 1
        entry[1] = min(entry[1], index_of[occurrence.sentence_id])
        entry[2] = entry[2] or occurrence.proper
    return {
        doc: {
            key: math.log2(1 + count) / math.sqrt(1 + first) * (proper_boost if proper else 1.0)
            for key, (count, first, proper) in terms.items()
        }
        for doc, terms in stats.items()
    }
