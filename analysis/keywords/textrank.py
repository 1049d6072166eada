"""TextRank: PageRank over the words of the candidates, linked when close in a sentence."""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import spsolve

from analysis.keywords.ranking import Ranking, RankInput

WINDOW = 3
DAMPING = 0.85
#: Decimals kept of a PageRank score (scores are about 1 / the number of words; the solve
#: is accurate to about 1e-15 of that).
DECIMALS = 12


def pagerank(
    n_nodes: int, edges: dict[tuple[int, int], float], *, damping: float = DAMPING
) -> np.ndarray:
    """Weighted PageRank of an undirected graph, as networkx defines it (dangling mass spread).

    With a uniform teleport and dangling nodes spreading uniformly, the PageRank vector is
    proportional to the solution of (I - damping * P^T) x = 1, P the row-normalised weights
    (dangling rows zero): one sparse solve instead of ~80 power iterations.

    Args:
        n_nodes: Nodes 0..n-1.
        edges: (i, j) with i < j -> weight.
        damping: Probability of following a link.

    Returns:
        The scores, summing to 1, rounded to :data:`DECIMALS` decimals: the solve's last
        digits depend on the machine's linear-algebra kernels (OpenBLAS picks them by CPU),
        and words whose scores are equal in exact arithmetic (symmetric places in the
        graph) must tie on every machine, not be ordered by rounding noise.
    """
    if n_nodes == 0:
        return np.zeros(0)
    if not edges:
        return np.full(n_nodes, 1.0 / n_nodes)
    pairs = np.array(list(edges), dtype=np.int64)
    weight = np.fromiter(edges.values(), dtype=float, count=len(edges))
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    both = np.concatenate([weight, weight])
    out = np.bincount(rows, weights=both, minlength=n_nodes)
    # Column j of P^T holds node j's out-links: entry (i, j) = w_ji / out_j. The system's
    # entries are written at once (the identity's ones, minus damping times those): the
    # same matrix as I - damping * P^T built from sparse operands, for a fifth of the cost.
    diagonal = np.arange(n_nodes)
    system = sparse.csc_matrix(
        (
            np.concatenate([-(damping * (both / out[rows])), np.ones(n_nodes)]),
            (np.concatenate([cols, diagonal]), np.concatenate([rows, diagonal])),
        ),
        shape=(n_nodes, n_nodes),
    )
    solution = spsolve(system, np.ones(n_nodes))
    return np.round(solution / solution.sum(), DECIMALS)


def rank_textrank(inputs: RankInput, *, window: int = WINDOW) -> Ranking:
    """A phrase scores the sum of its words' PageRank divided by sqrt(its length).

    Words of candidates this many token positions apart or closer in one sentence are
    linked (weight: how often). Longer phrases gain, but not linearly (plain sums favour
    any long chain).

    Args:
        inputs: The scope's documents.
        window: Largest distance in tokens between linked words.

    Returns:
        doc -> key -> score.
    """
    words: dict[object, dict[tuple[int, int], str]] = {}
    for occurrence in inputs.occurrences:
        doc_words = words.setdefault(inputs.owner[occurrence.sentence_id], {})
        for offset, word in enumerate(occurrence.key.split(" ")):
            doc_words[(occurrence.sentence_id, occurrence.token_id + offset)] = word
    ranking: Ranking = {}
    for doc, keys in inputs.documents().items():
        rank = _word_ranks(words.get(doc, {}), window)
        scores = {}
        for key in keys:
            if key not in scores:
                parts = key.split(" ")
                scores[key] = sum(rank.get(part, 0.0) for part in parts) / math.sqrt(len(parts))
        ranking[doc] = scores
    return ranking


def _word_ranks(positions: dict[tuple[int, int], str], window: int) -> dict[str, float]:
    vocabulary = sorted(set(positions.values()))
    index = {word: i for i, word in enumerate(vocabulary)}
    ordered = sorted(positions.items())
    edges: dict[tuple[int, int], float] = {}
    for i, ((sentence, position), word) in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            (other_sentence, other_position), other = ordered[j]
            if other_sentence != sentence or other_position - position > window:
                break
            if other != word:
                a, b = index[word], index[other]
                pair = (a, b) if a < b else (b, a)
                edges[pair] = edges.get(pair, 0.0) + 1.0
    scores = pagerank(len(vocabulary), edges)
    return dict(zip(vocabulary, scores.tolist(), strict=True))
