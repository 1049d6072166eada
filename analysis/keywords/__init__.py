"""Keywords and keyphrases: candidate phrases from the token table, ranked several ways.

Modules, one concern each: :mod:`.candidates` (noun phrases and names), :mod:`.titles`
(headings as first sentences), one module per ranker (:mod:`.tfidf`, :mod:`.keyness_rank`,
:mod:`.yake_rank`, :mod:`.textrank`, :mod:`.salience`, :mod:`.specificity`, which also holds
the general-English specificity prior), :mod:`.registry` (the one list of methods and their
weights), :mod:`.fusion` (the headline ranking), :mod:`.article` (one article's tables) and
:mod:`.corpus` (corpus-aware rankings from many articles' candidate tables).
"""

from analysis.keywords.article import ArticleKeywords, rank_article
from analysis.keywords.candidates import extract_candidates
from analysis.keywords.corpus import corpus_keywords
from analysis.keywords.fusion import headline_ranking
from analysis.keywords.registry import DEFAULT_WEIGHTS, METHODS, REGISTRY
from analysis.keywords.specificity import SPECIFICITY_EXPONENT, english_zipf, specificity_prior

__all__ = [
    "DEFAULT_WEIGHTS",
    "METHODS",
    "REGISTRY",
    "SPECIFICITY_EXPONENT",
    "ArticleKeywords",
    "corpus_keywords",
    "english_zipf",
    "extract_candidates",
    "headline_ranking",
    "rank_article",
    "specificity_prior",
]
