"""Keywords and keyphrases: candidate phrases from the token table, ranked several ways.

Modules, one concern each: :mod:`.candidates` (noun phrases and names), :mod:`.titles`
(headings as first sentences), one module per ranker (:mod:`.tfidf`, :mod:`.keyness_rank`,
:mod:`.yake_rank`, :mod:`.textrank`, :mod:`.salience`, :mod:`.specificity`, which also holds
the general-English specificity prior), :mod:`.registry` (the one list of methods and their
weights), :mod:`.features` (what the headline model reads of each candidate), :mod:`.model`
(the trained model, its file and its fitting), :mod:`.headline` (the headline ranking),
:mod:`.article` (one article's tables) and :mod:`.corpus` (corpus-aware rankings from many
articles' candidate tables).
"""

from analysis.keywords.article import ArticleKeywords, rank_article
from analysis.keywords.candidates import extract_candidates
from analysis.keywords.corpus import corpus_keywords
from analysis.keywords.features import FEATURES, candidate_features
from analysis.keywords.headline import headline_log_odds
from analysis.keywords.model import KeywordModel, shipped_model
from analysis.keywords.registry import DEFAULT_WEIGHTS, METHODS, MODEL_RANKERS, REGISTRY
from analysis.keywords.specificity import specificity_prior

__all__ = [
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "METHODS",
    "MODEL_RANKERS",
    "REGISTRY",
    "ArticleKeywords",
    "KeywordModel",
    "candidate_features",
    "corpus_keywords",
    "extract_candidates",
    "headline_log_odds",
    "rank_article",
    "shipped_model",
    "specificity_prior",
]
