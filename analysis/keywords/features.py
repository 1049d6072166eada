"""What the headline model reads about each candidate of a document.

Candidate features: each ranker's reciprocal rank, how long the term is, how often and how
early it is used, whether it is a name, how specific its words are in general English, and
the evidence about nesting (how many of its uses sit inside a longer candidate; for a
phrase, how much more often its words stand alone). Document features (how much the
document's best words live inside phrases, its length, its share of names) enter only
multiplied by candidate features: they cannot move every candidate of a document at once,
only change what counts within it (a story whose words stand alone favours words; an
abstract whose words live in terms favours phrases).

Whether words or phrases come first is read from the document's own evidence (its phrase
richness and share of names), not from its length: length does not multiply the phrase
flags. In the development sets abstracts are short and news long, so length had learned
"short means phrases", which news briefs of 60-200 words then obeyed. The mean specificity
of a document's vocabulary is not a document feature: it told the sets' vocabularies apart
(without it each set left out scores as well or better).

Everything is computed in one pass over the occurrences plus a sort per ranker, so the cost
grows with the article's length (times the log of its number of candidates).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

from analysis.keywords.ranking import Ranking, RankInput, shared_ranks
from analysis.keywords.registry import MODEL_RANKERS

#: Damping of the reciprocal-rank features: rrf_k / (rrf_k + rank), 1 for rank 0.
RANK_K = 10
#: Document length enters as ln(words) / LENGTH_SCALE, capped at 1 (about 3,000 words; the
#: development documents reach 2,400): a longer text reads as the longest seen in training.
LENGTH_SCALE = math.log(3000)
#: The best single words whose uses decide a document's phrase richness.
RICHNESS_WORDS = 10
#: Candidate features that document features multiply.
INTERACTED = (
    "phrase", "three_words", "log_count", "seen_once", "inside", "proper", "rr_textrank",
    "rr_tfidf", "rr_specificity", "log_prior", "first_position",
)  # fmt: skip
DOCUMENT_FEATURES = ("richness", "length", "names")
#: Document features that do not multiply the phrase flags (:data:`PHRASE_FLAGS`): whether a
#: summary names words or phrases is read from the document's phrase richness and names.
NOT_FOR_PHRASES = ("length",)
PHRASE_FLAGS = ("phrase", "three_words")
#: (document feature, candidate feature) pairs that enter the model as products.
INTERACTIONS = tuple(
    (document, candidate)
    for document in DOCUMENT_FEATURES
    for candidate in INTERACTED
    if not (document in NOT_FOR_PHRASES and candidate in PHRASE_FLAGS)
)
CANDIDATE_FEATURES = (
    *(f"rr_{name}" for name in MODEL_RANKERS),
    "phrase", "three_words", "log_count", "seen_once", "first_position", "in_first_sentence",
    "proper", "log_prior", "inside", "words_alone", "best_word_rr",
)  # fmt: skip
FEATURES = (
    *CANDIDATE_FEATURES,
    *(f"{document}*{candidate}" for document, candidate in INTERACTIONS),
)
#: :data:`INTERACTIONS` with each candidate feature's position in a candidate row.
_INTERACTION_POSITIONS = tuple(
    (document, CANDIDATE_FEATURES.index(candidate)) for document, candidate in INTERACTIONS
)


class DocumentFeatures(NamedTuple):
    """One document's candidates, their :data:`CANDIDATE_FEATURES` and its
    :data:`DOCUMENT_FEATURES` (the full rows, :meth:`rows`, multiply the pairs of
    :data:`INTERACTIONS`)."""

    keys: list[str]
    candidate_rows: list[list[float]]
    document: dict[str, float]
    proper: set[str]
    counts: Counter

    def rows(self) -> list[list[float]]:
        """Each candidate's row of all :data:`FEATURES` (what the model is trained on)."""
        pairs = [(self.document[document], i) for document, i in _INTERACTION_POSITIONS]
        return [[*row, *(value * row[i] for value, i in pairs)] for row in self.candidate_rows]


def candidate_features(
    inputs: RankInput, rankings: Mapping[str, Ranking], log_prior: Mapping[str, float]
) -> dict[object, DocumentFeatures]:
    """Feature rows of every candidate of every document of a scope.

    Args:
        inputs: The scope's documents.
        rankings: method -> ranking; rankers of :data:`MODEL_RANKERS` that are missing
            count as ranking nothing (their features are 0).
        log_prior: key -> ln of its general-English specificity prior (<= 0; keys it lacks
            get 0).

    Returns:
        doc -> :class:`DocumentFeatures`, candidates sorted by key.
    """
    stats = _occurrence_stats(inputs)
    out: dict[object, DocumentFeatures] = {}
    for doc, counts in inputs.counts().items():
        first, inside, proper, n_sentences = stats[doc]
        keys = sorted(counts)
        ranks = {name: shared_ranks(rankings.get(name, {}).get(doc, {})) for name in MODEL_RANKERS}
        reciprocal = {name: _reciprocal(rank) for name, rank in ranks.items()}
        document = _document_features(keys, counts, inside, proper, reciprocal)
        length = min(math.log(max(inputs.sizes.get(doc, 1), 1)) / LENGTH_SCALE, 1.0)
        document["length"] = length
        rows = []
        for key in keys:
            candidate = _candidate(
                key, counts, first[key], n_sentences, inside, proper, reciprocal, log_prior
            )
            rows.append([candidate[name] for name in CANDIDATE_FEATURES])
        out[doc] = DocumentFeatures(keys, rows, document, proper, counts)
    return out


def _reciprocal(ranks: Mapping[str, int]) -> dict[str, float]:
    return {key: RANK_K / (RANK_K + rank) for key, rank in ranks.items()}


def _occurrence_stats(inputs: RankInput) -> dict:
    """doc -> (key -> index of its first sentence, key -> uses inside a longer candidate,
    proper keys, number of sentences)."""
    longest: dict[tuple[int, int], int] = {}
    for occurrence in inputs.occurrences:
        for offset in range(occurrence.n_words):
            at = (occurrence.sentence_id, occurrence.token_id + offset)
            longest[at] = max(longest.get(at, 0), occurrence.n_words)
    sentences: dict[object, dict[int, int]] = {}
    stats: dict[object, tuple[dict, Counter, set, int]] = {}
    for occurrence in inputs.occurrences:
        doc = inputs.owner[occurrence.sentence_id]
        order = sentences.setdefault(doc, {})
        index = order.setdefault(occurrence.sentence_id, len(order))
        first, inside, proper, _ = stats.setdefault(doc, ({}, Counter(), set(), 0))
        first.setdefault(occurrence.key, index)
        if longest[(occurrence.sentence_id, occurrence.token_id)] > occurrence.n_words:
            inside[occurrence.key] += 1
        if occurrence.proper:
            proper.add(occurrence.key)
    return {doc: (*values[:3], len(sentences[doc])) for doc, values in stats.items()}


def _document_features(keys, counts, inside, proper, reciprocal) -> dict:
    """Phrase richness and share of names of a document's candidates."""
    tfidf = reciprocal["tfidf"]
    singles = [key for key in keys if " " not in key]
    best = sorted(singles, key=lambda key: (-tfidf.get(key, 0.0), key))[:RICHNESS_WORDS]
    uses = sum(counts[key] for key in best)
    richness = sum(inside[key] for key in best) / uses if uses else 1.0
    return {"richness": richness, "names": len(proper) / len(keys) if keys else 0.0}


def _candidate(key, counts, first, n_sentences, inside, proper, reciprocal, log_prior) -> dict:
    n_words = key.count(" ") + 1
    count = counts[key]
    features = {f"rr_{name}": reciprocal[name].get(key, 0.0) for name in MODEL_RANKERS}
    words_alone = best_word = 0.0
    if n_words > 1:
        words = [word for word in key.split(" ") if word in counts]
        if words:
            words_alone = max(math.log(counts[word] / count) for word in words)
            best_word = max(reciprocal["tfidf"].get(word, 0.0) for word in words)
    features.update(
        phrase=float(n_words > 1),
        three_words=float(n_words > 2),
        log_count=math.log(count),
        seen_once=float(count == 1),
        first_position=first / max(n_sentences, 1),
        in_first_sentence=float(first == 0),
        proper=float(key in proper),
        log_prior=log_prior.get(key, 0.0),
        inside=inside[key] / count,
        words_alone=words_alone,
        best_word_rr=best_word,
    )
    return features
