"""The headline ranking: weighted reciprocal-rank fusion of the methods, then clean-up.

score(term) = prior(term) * sum over methods of weight / (rrf_k + rank), a phrase's score
times the document's phrase factor (:func:`phrase_factor`). Then a term seen only inside one
longer term folds into it, a surname folds into the one full name ending in it, and terms
nested in a better-ranked term are dropped. Every step is linear in the number of
candidates (phrases are indexed by their sub-phrases), so a 100,000-word text costs what a
thousand 100-word texts cost.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

from analysis.keywords.candidates import Occurrence
from analysis.keywords.ranking import Ranking, shared_ranks

RRF_K = 10
# Phrases keep their fused score when this share of the uses of the document's best single
# words falls inside multi-word candidates; they gain above it and lose below it. Chosen on
# KPCrowd-dev (news) with Inspec and SemEval2017 kept above their best single method
# (bench/bench_keywords.py --pivots): each 0.05 of pivot trades about 0.003 F1@10 on news
# for 0.01 on the abstracts; exponents 2 and 4 score within 0.003.
PHRASE_PIVOT = 0.6
PHRASE_EXPONENT = 2.0
# The words a summary would show: the document's best single-word candidates.
RICHNESS_WORDS = 10


class WordUses(NamedTuple):
    """How often each word of a document's candidates is used, and how often inside phrases."""

    total: Counter
    in_phrases: Counter


def word_uses(occurrences: Iterable[Occurrence], owner: Mapping[int, object]) -> dict:
    """doc -> :class:`WordUses`: each word position that candidates cover counts once.

    A position covered by a multi-word occurrence ("trade" in "trade deal") counts as a use
    inside a phrase; the word's own suffix occurrences ("deal") cover the same position.
    """
    positions: dict[object, dict[tuple[int, int], tuple[str, bool]]] = {}
    for occurrence in occurrences:
        doc = positions.setdefault(owner[occurrence.sentence_id], {})
        words = occurrence.key.split(" ")
        for offset, word in enumerate(words):
            at = (occurrence.sentence_id, occurrence.token_id + offset)
            inside = len(words) > 1 or doc.get(at, ("", False))[1]
            doc[at] = (word, inside)
    return {
        doc: WordUses(
            Counter(word for word, _ in used.values()),
            Counter(word for word, inside in used.values() if inside),
        )
        for doc, used in positions.items()
    }


def phrase_richness(
    scores: Mapping[str, float], uses: WordUses, *, n_words: int = RICHNESS_WORDS
) -> float:
    """Share of the uses of the document's ``n_words`` best single words inside phrases.

    Abstracts name their topics by multi-word terms ("neural network" each time: near 1);
    news names a story by its words ("tariffs", "Ishiba" standing alone: about 0.4), and
    the phrases around them are one-off wordings ("whole new story"). 1 without words.
    """
    singles = (item for item in scores.items() if " " not in item[0])
    best = heapq.nsmallest(n_words, singles, key=lambda item: (-item[1], item[0]))
    words = [key for key, _ in best]  # a partial sort: linear in the candidates
    total = sum(uses.total.get(word, 0) for word in words)
    return sum(uses.in_phrases.get(word, 0) for word in words) / total if total else 1.0


def phrase_factor(
    scores: Mapping[str, float],
    uses: WordUses,
    *,
    pivot: float = PHRASE_PIVOT,
    exponent: float = PHRASE_EXPONENT,
) -> float:
    """Multiplier of a document's phrase scores: (richness / pivot) ** exponent.

    Why: TextRank and YAKE score a phrase by the sum of its words, so rank fusion puts
    phrases above the words that carry the evidence, whatever the text. On news 39% of the
    headline's slots went to phrases, 0.23 of them in the crowd's keyphrases against 0.54
    of the words. Whether a document's phrases are its terms is read from the document
    itself (:func:`phrase_richness`), not from a fixed share of phrase slots: a document
    whose words stand alone demotes its phrases, one whose words live in terms promotes them.

    Args:
        scores: The document's fused scores.
        uses: Its :class:`WordUses`.
        pivot: Richness at which phrases keep their score (0 = always keep it).
        exponent: How strongly the richness moves phrases.
    """
    if pivot <= 0:
        return 1.0
    return (phrase_richness(scores, uses) / pivot) ** exponent


def balance_phrases(
    fused: Ranking, uses: Mapping[object, WordUses], *, pivot: float = PHRASE_PIVOT
) -> Ranking:
    """Multiply each document's phrase scores by its :func:`phrase_factor`."""
    balanced: Ranking = {}
    for doc, scores in fused.items():
        factor = phrase_factor(scores, uses[doc], pivot=pivot) if doc in uses else 1.0
        balanced[doc] = {k: s * factor if " " in k else s for k, s in scores.items()}
    return balanced


def resolve_weights(
    methods: Collection[str],
    weights: Mapping[str, float] | None,
    defaults: Mapping[str, float],
) -> dict[str, float]:
    """Weight of each method that ran: the given weight, else its default, else 1.

    A method the caller does not name keeps its default (a measured 0 stays 0). If every
    method that ran weighs 0, all weigh 1.

    Args:
        methods: Methods that produced a ranking.
        weights: Caller's method -> weight (may name only some methods).
        defaults: method -> default weight.

    Returns:
        method -> weight for each of ``methods``.

    Raises:
        ValueError: If a weight is negative.
    """
    given = dict(weights or {})
    resolved = {m: float(given.get(m, defaults.get(m, 1.0))) for m in sorted(methods)}
    if any(value < 0 for value in resolved.values()):
        raise ValueError(f"weights must be >= 0; got {resolved}")
    if not any(resolved.values()):
        return dict.fromkeys(resolved, 1.0)
    return resolved


def fuse(
    rankings: Mapping[str, Ranking], weights: Mapping[str, float], *, rrf_k: float = RRF_K
) -> Ranking:
    """Weighted reciprocal-rank fusion; equal scores within a method share their best rank.

    Ties matter: TF-IDF gives every term seen once the same score, and an alphabetical
    order among them is no evidence the fusion should trust.
    """
    fused: Ranking = {}
    for method in sorted(rankings):
        weight = weights.get(method, 0.0)
        if not weight:
            continue
        for doc, scores in rankings[method].items():
            target = fused.setdefault(doc, {})
            for key, rank in shared_ranks(scores).items():
                target[key] = target.get(key, 0.0) + weight / (rrf_k + rank)
    return fused


def sub_phrases(key: str) -> list[str]:
    """Every shorter run of consecutive words of a phrase ("a b c" -> a, b, c, a b, b c)."""
    words = key.split(" ")
    n = len(words)
    return [
        " ".join(words[start : start + length])
        for length in range(1, n)
        for start in range(n - length + 1)
    ]


def merge_subsumed(scores: dict[str, float], counts: Mapping[str, int]) -> dict[str, float]:
    """Fold a term into a longer term of its document that is seen exactly as often.

    Then every occurrence of the short term is part of the long one ("personnel" only in
    "military personnel"), so the long term says more; it keeps the better of the two
    scores and the short term goes. Among several such longer terms the best-scored wins;
    shorter terms fold first, so a chain folds into its longest member.

    Args:
        scores: key -> score of one document.
        counts: key -> occurrences in the document.

    Returns:
        The scores without subsumed terms.
    """
    containing: dict[str, list[str]] = {}
    for key in scores:
        for part in sub_phrases(key):
            if part in scores:
                containing.setdefault(part, []).append(key)
    merged = dict(scores)
    for key in sorted(containing, key=lambda k: (k.count(" "), k)):
        longer = [other for other in containing[key] if counts.get(other) == counts.get(key)]
        if longer:
            best = max(longer, key=lambda other: (merged[other], other))
            merged[best] = max(merged[best], merged[key])
            del merged[key]
    return merged


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


def remove_nested(ordered: list[str], *, limit: int | None = None) -> list[str]:
    """Drop each term whose words all sit, in order, inside a better-ranked kept term.

    "natural gas" below "liquefied natural gas" adds nothing to a summary.

    Args:
        ordered: Keys, best first.
        limit: Stop once this many terms are kept.

    Returns:
        The kept keys, in order.
    """
    kept: list[str] = []
    covered: set[str] = set()
    for key in ordered:
        if limit is not None and len(kept) >= limit:
            break
        if key in covered:
            continue
        kept.append(key)
        covered.update(sub_phrases(key))
    return kept


def headline_ranking(
    rankings: Mapping[str, Ranking],
    *,
    weights: Mapping[str, float] | None = None,
    defaults: Mapping[str, float] | None = None,
    rrf_k: float = RRF_K,
    drop_nested: bool = True,
    prior: Mapping[str, float] | None = None,
    counts: Mapping[object, Mapping[str, int]] | None = None,
    names: Collection[str] = frozenset(),
    top_k: int | None = None,
    uses: Mapping[object, WordUses] | None = None,
    phrase_pivot: float = PHRASE_PIVOT,
) -> Ranking:
    """Fuse several methods' rankings by weighted reciprocal-rank fusion.

    Args:
        rankings: method -> ranking (doc -> key -> score, higher better), all terms kept.
        weights: method -> weight; methods left out keep their entry in ``defaults``.
        defaults: method -> default weight (missing: 1; default: the registry's).
        rrf_k: Damping constant; small values trust each method's top more.
        drop_nested: Merge subsumed terms and surnames, drop nested terms.
        prior: key -> multiplier of its fused score (keys it lacks keep their score).
        counts: doc -> key -> occurrences; with ``drop_nested``, subsumed terms fold.
        names: Keys that are proper names (surnames fold into full names).
        top_k: Keep this many terms per document (all if None).
        uses: doc -> :class:`WordUses` (:func:`word_uses`); with them, phrase scores are
            balanced against words (:func:`balance_phrases`).
        phrase_pivot: See :func:`phrase_factor`.

    Returns:
        doc -> key -> fused score, at most ``top_k`` per document.

    Raises:
        ValueError: If ``rankings`` is empty or a weight is negative.
    """
    if not rankings:
        raise ValueError("headline_ranking needs at least one method")
    if defaults is None:
        from analysis.keywords.registry import DEFAULT_WEIGHTS

        defaults = DEFAULT_WEIGHTS
    resolved = resolve_weights(rankings, weights, defaults)
    fused = apply_prior(fuse(rankings, resolved, rrf_k=rrf_k), prior or {})
    if uses is not None:
        fused = balance_phrases(fused, uses, pivot=phrase_pivot)
    if not drop_nested:
        return {doc: dict(ranked_rows_of(scores, top_k)) for doc, scores in fused.items()}
    return {
        doc: clean_up(
            scores, (counts or {}).get(doc, {}) if counts is not None else None, names, top_k
        )
        for doc, scores in fused.items()
    }


def apply_prior(fused: Ranking, prior: Mapping[str, float]) -> Ranking:
    """Multiply each fused score by the key's prior (keys it lacks keep their score)."""
    return {
        doc: {key: score * prior.get(key, 1.0) for key, score in scores.items()}
        for doc, scores in fused.items()
    }


def ranked_rows_of(scores: Mapping[str, float], top_k: int | None) -> list[tuple[str, float]]:
    """(key, score) best first (ties by key), at most ``top_k``."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return ordered if top_k is None else ordered[:top_k]


def clean_up(
    scores: Mapping[str, float],
    counts: Mapping[str, int] | None,
    names: Collection[str],
    top_k: int | None,
) -> dict[str, float]:
    """One document's fused scores after folding subsumed terms (when ``counts`` are given)
    and surnames, and dropping nested terms; at most ``top_k``, best first.

    When too few terms are left to fill ``top_k`` slots (a headline-only story), the dropped
    nested terms fill them, in their order, then the folded terms: an empty slot helps no
    reader, and folding had left a headline such as "stadium bomb plot" a single term. The
    fillers' scores are scaled below the kept terms' (the best at half the weakest), so
    they follow them in any order by score.
    """
    merged = dict(scores)
    if counts is not None:
        merged = merge_subsumed(merged, counts)
    if names:
        merged = merge_surnames(merged, names, counts)
    ordered = [key for key, _ in ranked_rows_of(merged, None)]
    kept = remove_nested(ordered, limit=top_k)
    result = {key: merged[key] for key in kept}
    if top_k is not None and len(kept) < top_k:
        folded = [key for key, _ in ranked_rows_of(scores, None) if key not in merged]
        fillers = [key for key in (*ordered, *folded) if key not in result][: top_k - len(kept)]
        result.update(_below(result, {key: merged.get(key, scores[key]) for key in fillers}))
    return result


def _below(kept: Mapping[str, float], fillers: Mapping[str, float]) -> dict[str, float]:
    """The fillers' scores, scaled (order kept) so the best is half the weakest kept score."""
    if not kept or not fillers:
        return dict(fillers)
    scale = min(kept.values()) / 2 / max(max(fillers.values()), 1e-300)
    return {key: score * min(scale, 1.0) for key, score in fillers.items()}
