"""The headline ranking: weighted reciprocal-rank fusion of the methods, then clean-up.

score(term) = prior(term) * sum over methods of weight / (rrf_k + rank). Then a term seen
only inside one longer term folds into it, a surname folds into the one full name ending in
it, and terms nested in a better-ranked term are dropped. Every step is linear in the number
of candidates (phrases are indexed by their sub-phrases), so a 100,000-word text costs what
a thousand 100-word texts cost.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from analysis.keywords.ranking import Ranking, shared_ranks

RRF_K = 10


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
    nested terms fill them, in their order: an empty slot helps no reader.
    """
    merged = dict(scores)
    if counts is not None:
        merged = merge_subsumed(merged, counts)
    if names:
        merged = merge_surnames(merged, names, counts)
    ordered = [key for key, _ in ranked_rows_of(merged, None)]
    kept = remove_nested(ordered, limit=top_k)
    if top_k is not None and len(kept) < top_k:
        chosen = set(kept)
        kept += [key for key in ordered if key not in chosen][: top_k - len(kept)]
    return {key: merged[key] for key in kept}
