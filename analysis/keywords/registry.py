"""The one list of ranking methods: the stage, the config schema, the benchmark and the
tests all read it. Adding a method means one ranker module and one entry here.

Each ranker takes a :class:`~analysis.keywords.ranking.RankInput` and returns
doc -> key -> score (higher is better); a method that cannot rank a scope returns {}.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from analysis.keywords.keyness_rank import rank_keyness
from analysis.keywords.ranking import Ranking, RankInput
from analysis.keywords.salience import rank_salience
from analysis.keywords.specificity import rank_specificity
from analysis.keywords.textrank import rank_textrank
from analysis.keywords.tfidf import rank_tfidf
from analysis.keywords.yake_rank import rank_yake


class Method(NamedTuple):
    """A ranking method and its default weight in the headline (the scale of what the
    trained model learned from it: 1 = as trained; 0 for a method the model does not read)."""

    name: str
    rank: Callable[[RankInput], Ranking]
    weight: float
    summary: str


# The headline model (analysis/keywords/model.py) reads every method but keyness as
# features; their weights scale its learned contribution.
REGISTRY: tuple[Method, ...] = (
    Method("tfidf", rank_tfidf, 1.0, "TF-IDF with the article's sections as the IDF set"),
    # Keyness ranks almost like TF-IDF and exists only for sections: the model leaves it out.
    Method("keyness", rank_keyness, 0.0, "G² of a section against the rest of the article"),
    Method("yake", rank_yake, 1.0, "YAKE's statistical word features"),
    Method("textrank", rank_textrank, 1.0, "PageRank over co-occurring words"),
    Method("salience", rank_salience, 1.0, "news prior: frequency, lead position, names"),
    Method("specificity", rank_specificity, 1.0, "frequency here against general English"),
)
METHODS: tuple[str, ...] = tuple(method.name for method in REGISTRY)
#: The methods the headline model reads, in its feature order: those with a default weight.
MODEL_RANKERS: tuple[str, ...] = tuple(method.name for method in REGISTRY if method.weight > 0)
DEFAULT_WEIGHTS: dict[str, float] = {method.name: method.weight for method in REGISTRY}
_BY_NAME = {method.name: method for method in REGISTRY}


def check_methods(methods: Sequence[str]) -> list[str]:
    """The methods in registry order.

    Raises:
        ValueError: If ``methods`` is empty or names an unknown method.
    """
    unknown = set(methods) - set(METHODS)
    if not methods or unknown:
        raise ValueError(f"methods must be a non-empty subset of {METHODS}; got {list(methods)}")
    return [name for name in METHODS if name in set(methods)]


def run_methods(inputs: RankInput, methods: Sequence[str]) -> dict[str, Ranking]:
    """Each named method's ranking of the scope, leaving out methods that rank nothing."""
    rankings = {name: _BY_NAME[name].rank(inputs) for name in check_methods(methods)}
    return {name: ranking for name, ranking in rankings.items() if any(ranking.values())}
