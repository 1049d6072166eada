"""The headline model: a regularised logistic regression over the candidates' features.

Each candidate of a document gets the log-odds that a person summarising the document
would name it (:mod:`.features` lists what it reads). The coefficients are trained by
``bench/train_keywords.py`` on three development sets with human keyphrases (news with
crowd keyphrases, abstracts, science paragraphs; each set weighs the same) and ship as
``analysis/data/keywords_model.json``. With many articles, each term's log-odds gain
``idf_strength * ln(idf / idf of a one-article term)``, a strength learned for words,
phrases and names, never negative (:func:`corpus_log_odds`): a term common across the corpus
can only lose.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.keywords.features import (
    CANDIDATE_FEATURES,
    FEATURES,
    INTERACTIONS,
    DocumentFeatures,
)
from analysis.keywords.registry import MODEL_RANKERS
from analysis.resources import load_once

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "keywords_model.json"
#: Decimals kept of a log-odds before it decides an order (sums of floats differ in their
#: last digits with the order of operations).
DECIMALS = 9
#: The corpus model's features: ln(idf ratio) of a common word, of a common phrase, of a name.
CORPUS_FEATURES = ("idf*word", "idf*phrase", "idf*name")
#: Candidate feature -> the document features that multiply it (:data:`INTERACTIONS`).
_DOCUMENTS_OF = {
    name: tuple(document for document, candidate in INTERACTIONS if candidate == name)
    for name in CANDIDATE_FEATURES
}


@dataclass(frozen=True)
class KeywordModel:
    """Coefficients of the single-article and the corpus-aware models.

    Attributes:
        weights: feature name -> coefficient (every name of :data:`FEATURES`).
        intercept: The single-article model's intercept (does not change an order).
        corpus: corpus feature -> coefficient (:data:`CORPUS_FEATURES`).
        info: How the model was trained (data sets, regularisation), for the record.
    """

    weights: Mapping[str, float]
    intercept: float
    corpus: Mapping[str, float]
    info: Mapping[str, object]

    def to_json(self) -> str:
        """Deterministic text: features in :data:`FEATURES` order, coefficients to 6 places."""
        lines = ["{", f'"info": {json.dumps(dict(self.info), sort_keys=True)},']
        lines.append(f'"intercept": {round(self.intercept, 6)},')
        corpus = {name: round(self.corpus[name], 6) for name in CORPUS_FEATURES}
        lines.append(f'"corpus": {json.dumps(corpus)},')
        lines.append('"weights": {')
        body = [f"{json.dumps(name)}: {round(self.weights[name], 6)}" for name in FEATURES]
        lines.append(",\n".join(body))
        lines.append("}")
        lines.append("}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, text: str) -> KeywordModel:
        """Read :meth:`to_json` output.

        Raises:
            ValueError: If a feature or corpus coefficient is missing or unknown.
        """
        data = json.loads(text)
        weights = {name: float(value) for name, value in data["weights"].items()}
        corpus = {name: float(value) for name, value in data["corpus"].items()}
        if set(weights) != set(FEATURES) or set(corpus) != set(CORPUS_FEATURES):
            raise ValueError("the keyword model's features do not match analysis.keywords")
        return cls(weights, float(data["intercept"]), corpus, data.get("info", {}))


@load_once
def shipped_model() -> KeywordModel:
    """The trained model shipped with the package (read once per process)."""
    return KeywordModel.from_json(MODEL_PATH.read_text(encoding="utf-8"))


def scaled_coefficients(model: KeywordModel, scales: Mapping[str, float]) -> list[float]:
    """The coefficients in :data:`FEATURES` order, each ranker's terms times its scale.

    A ranker's terms are its reciprocal rank and the document features multiplying it; a
    scale of 0 removes what the model learned from that ranker, 1 keeps it.
    """
    coefficients = []
    for name in FEATURES:
        ranker = name.rsplit("*", 1)[-1].removeprefix("rr_") if "rr_" in name else None
        scale = scales.get(ranker, 1.0) if ranker in MODEL_RANKERS else 1.0
        coefficients.append(model.weights[name] * scale)
    return coefficients


def log_odds(features: DocumentFeatures, coefficients: Sequence[float]) -> list[float]:
    """Each candidate's log-odds (without the intercept), rounded to :data:`DECIMALS`.

    The document features are folded into the coefficients of the candidate features they
    multiply first (one set per document), so a candidate costs one short sum; sums are
    exact (:func:`math.fsum`), so the result does not depend on the machine.
    """
    by_name = dict(zip(FEATURES, coefficients, strict=True))
    effective = [
        math.fsum(
            [by_name[name]]
            + [
                features.document[document] * by_name[f"{document}*{name}"]
                for document in _DOCUMENTS_OF[name]
            ]
        )
        for name in CANDIDATE_FEATURES
    ]
    return [
        round(math.fsum(value * weight for value, weight in zip(row, effective, strict=True)),
              DECIMALS)
        for row in features.candidate_rows
    ]  # fmt: skip


def corpus_features(idf_ratio: float, *, phrase: bool, proper: bool) -> list[float]:
    """:data:`CORPUS_FEATURES` of a term: ln(idf ratio) in the slot of its kind."""
    kinds = (not proper and not phrase, not proper and phrase, proper)
    return [math.log(idf_ratio) * kind for kind in kinds]


def idf_strength(model: KeywordModel, *, phrase: bool, proper: bool) -> float:
    """How strongly the corpus IDF moves a term's log-odds (its coefficient of ln idf ratio)."""
    name = "idf*name" if proper else "idf*phrase" if phrase else "idf*word"
    return model.corpus[name]


def corpus_log_odds(
    single: float,
    idf_ratio: float,
    *,
    phrase: bool,
    proper: bool,
    model: KeywordModel,
    scale: float,
) -> float:
    """A term's corpus-aware log-odds: single + scale * strength * ln(idf ratio).

    Args:
        single: The single-article log-odds.
        idf_ratio: The term's corpus IDF over the IDF of a term in one article (in (0, 1]).
        phrase: Whether the term has several words.
        proper: Whether it is a name.
        model: The model.
        scale: Scale of the learned strength (1 = as trained, 0 = the single-article one).
    """
    strength = scale * idf_strength(model, phrase=phrase, proper=proper)
    return round(single + strength * math.log(idf_ratio), DECIMALS)


def probability(value: float) -> float:
    """The probability of a log-odds (intercept included), rounded to :data:`DECIMALS`."""
    if value >= 0:
        return round(1.0 / (1.0 + math.exp(-value)), DECIMALS)
    exp = math.exp(value)
    return round(exp / (1.0 + exp), DECIMALS)


def fit_model(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    sample_weight: Sequence[float],
    *,
    c: float,
    random_state: int,
) -> tuple[dict[str, float], float]:
    """Fit the single-article model: L2-regularised logistic regression (lbfgs).

    Args:
        rows: Feature rows (:data:`FEATURES` order), one per candidate.
        labels: 1 where the candidate is a gold keyphrase.
        sample_weight: Weight of each row (e.g. so that every data set weighs the same).
        c: Inverse regularisation strength (scikit-learn's ``C``).
        random_state: Seed (the solver is deterministic; kept explicit).

    Returns:
        (feature -> coefficient, intercept).
    """
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=c, max_iter=5000, random_state=random_state)
    fitted.fit(rows, labels, sample_weight=sample_weight)
    return dict(zip(FEATURES, fitted.coef_[0].tolist(), strict=True)), float(fitted.intercept_[0])


def fit_corpus(
    offsets: Sequence[float],
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    sample_weight: Sequence[float],
    *,
    c: float,
) -> dict[str, float]:
    """Fit the corpus coefficients with the single-article log-odds as a fixed offset.

    Minimises C * sum(weight * logistic loss) + 0.5 * |w|^2 (scikit-learn's objective) over
    the three :data:`CORPUS_FEATURES` coefficients with L-BFGS from zero, each at least 0:
    researchers read the corpus-aware ranking as what sets an article apart, so a term found
    in many articles may lose but never gain.

    Args:
        offsets: Each candidate's single-article log-odds, intercept included.
        rows: Its :func:`corpus_features`.
        labels: 1 where the candidate is a gold keyphrase.
        sample_weight: Weight of each row.
        c: Inverse regularisation strength.

    Returns:
        corpus feature -> coefficient.
    """
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit, log_expit

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    weight = np.asarray(sample_weight, dtype=float)
    offset = np.asarray(offsets, dtype=float)

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = offset + x @ w
        loss = -(y * log_expit(z) + (1 - y) * log_expit(-z))
        gradient = x.T @ (weight * (expit(z) - y))
        return c * float(weight @ loss) + 0.5 * float(w @ w), c * gradient + w

    start = np.zeros(len(CORPUS_FEATURES))
    bounds = [(0.0, None)] * len(CORPUS_FEATURES)
    result = minimize(objective, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return dict(zip(CORPUS_FEATURES, result.x.tolist(), strict=True))
