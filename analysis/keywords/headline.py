"""The headline ranking: the trained model's log-odds of every candidate, then names merged.

Each document's candidates are scored by the model (:mod:`.model`) from the rankers'
rankings and the candidates' own features (:mod:`.features`). Nested terms are not dropped
by a rule: whether a word or the phrase around it (or both) belongs in the summary is
decided by the model from the evidence (how often the word stands alone, how often the
term sits inside a longer one, how phrase-rich the document is). The one merge left is a
surname with the one full name of its document ending in it ("Ishiba" and "Shigeru
Ishiba" are one person).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from analysis.keywords.features import candidate_features
from analysis.keywords.model import (
    DECIMALS,
    KeywordModel,
    log_odds,
    scaled_coefficients,
    shipped_model,
)
from analysis.keywords.ranking import Ranking, RankInput
from analysis.keywords.registry import MODEL_RANKERS


def resolve_weights(
    methods: Collection[str],
    weights: Mapping[str, float] | None,
    defaults: Mapping[str, float],
) -> dict[str, float]:
    """The scale of each model ranker's learned contribution.

    A ranker the caller does not name keeps its default; a ranker that did not run weighs 0.

    Args:
        methods: Methods that ran.
        weights: Caller's method -> weight (may name only some methods).
        defaults: method -> default weight.

    Returns:
        ranker -> weight for each of :data:`MODEL_RANKERS`.

    Raises:
        ValueError: If a weight is negative, or a method the model does not read (keyness)
            gets a weight other than 0.
    """
    given = dict(weights or {})
    if any(value < 0 for value in given.values()):
        raise ValueError(f"weights must be >= 0; got {given}")
    unread = {name for name, value in given.items() if name not in MODEL_RANKERS and value}
    if unread:
        raise ValueError(f"the headline model does not read {sorted(unread)}; weigh them 0")
    return {
        name: float(given.get(name, defaults.get(name, 1.0))) if name in methods else 0.0
        for name in MODEL_RANKERS
    }


def headline_log_odds(
    inputs: RankInput,
    rankings: Mapping[str, Ranking],
    log_prior: Mapping[str, float],
    *,
    scales: Mapping[str, float],
    model: KeywordModel | None = None,
) -> tuple[Ranking, dict[object, set[str]], dict[object, Mapping[str, int]]]:
    """Every candidate's log-odds (intercept included), per document of the scope.

    Args:
        inputs: The scope's documents.
        rankings: method -> ranking (:data:`MODEL_RANKERS` are read).
        log_prior: key -> ln of its specificity prior.
        scales: ranker -> scale of its learned contribution (:func:`resolve_weights`).
        model: The model (default: :func:`~analysis.keywords.model.shipped_model`).

    Returns:
        (doc -> key -> log-odds, doc -> proper keys, doc -> key -> count).
    """
    model = model or shipped_model()
    coefficients = scaled_coefficients(model, scales)
    scores: Ranking = {}
    proper: dict[object, set[str]] = {}
    counts: dict[object, Mapping[str, int]] = {}
    for doc, features in candidate_features(inputs, rankings, log_prior).items():
        values = log_odds(features, coefficients)
        scores[doc] = {
            key: round(value + model.intercept, DECIMALS)
            for key, value in zip(features.keys, values, strict=True)
        }
        proper[doc], counts[doc] = features.proper, features.counts
    return scores, proper, counts


def merge_surnames(
    scores: dict[str, float], names: Collection[str], counts: Mapping[str, int] | None = None
) -> dict[str, float]:
    """Merge a one-word name with the single longer name of its document that ends in it.

    News names a person in full once and by surname after ("Shigeru Ishiba" ... "Ishiba"),
    so both would fill a summary's slots. The form the text uses more often stays (the
    surname on ties: news and its readers say "Ishiba"), with the better of the two scores;
    a surname shared by two full names ("Abe": Shinzo and Akie) stays apart.

    Args:
        scores: key -> score of one document.
        names: Keys that are proper names.
        counts: key -> occurrences (without them the full name stays).

    Returns:
        The scores with each such pair merged.
    """
    full_names: dict[str, list[str]] = {}
    for key in scores:
        if key in names and " " in key:
            full_names.setdefault(key.rsplit(" ", 1)[1], []).append(key)
    merged = dict(scores)
    for key in sorted(scores):
        full = full_names.get(key, [])
        if key in names and " " not in key and len(full) == 1:
            best = max(merged[full[0]], merged[key])
            surname_used_more = counts is not None and counts.get(key, 0) >= counts.get(full[0], 0)
            keep, drop = (key, full[0]) if surname_used_more else (full[0], key)
            merged[keep] = best
            del merged[drop]
    return merged


def top_terms(
    scores: Mapping[str, float],
    names: Collection[str],
    counts: Mapping[str, int] | None,
    top_k: int | None,
) -> dict[str, float]:
    """One document's best terms after merging surnames: at most ``top_k``, best first
    (score descending, then key)."""
    merged = merge_surnames(dict(scores), names, counts)
    ordered = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    return dict(ordered if top_k is None else ordered[:top_k])
