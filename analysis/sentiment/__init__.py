"""Sentence sentiment and its summaries.

* :mod:`analysis.sentiment.scores`: each sentence scored by VADER, TextBlob and the blended
  headline score (the methods, their weights and the dev-set figures are documented there);
* :mod:`analysis.sentiment.intervals`: seeded expanded percentile bootstrap intervals of means;
* :mod:`analysis.sentiment.summaries`: per-group means, intervals, shares and method
  correlations.

The names below are the package's public interface, so ``from analysis import sentiment as S``
reaches all of them.
"""

from analysis.sentiment.intervals import bootstrap_mean_ci, bootstrap_mean_cis, percentile_interval
from analysis.sentiment.scores import (
    METHOD_PAIRS,
    NEUTRAL_THRESHOLD,
    SCORE_COLUMNS,
    SIGNED_COLUMNS,
    W_COMPOUND,
    W_POS_NEG,
    W_TEXTBLOB,
    headline_from_parts,
    headline_parts,
    headline_score,
    mask_name_words,
    polarity_class,
    score_sentence,
    score_sentences,
)
from analysis.sentiment.summaries import pearson, summarise_columns, summarise_scores

__all__ = [
    "METHOD_PAIRS",
    "NEUTRAL_THRESHOLD",
    "SCORE_COLUMNS",
    "SIGNED_COLUMNS",
    "W_COMPOUND",
    "W_POS_NEG",
    "W_TEXTBLOB",
    "bootstrap_mean_ci",
    "bootstrap_mean_cis",
    "headline_from_parts",
    "headline_parts",
    "headline_score",
    "mask_name_words",
    "pearson",
    "percentile_interval",
    "polarity_class",
    "score_sentence",
    "score_sentences",
    "summarise_columns",
    "summarise_scores",
]
