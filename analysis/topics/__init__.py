"""Topic models within one article (paragraphs or sentences) and across a corpus.

Documents are bags of content-word lemmas plus frequent noun bigrams (:mod:`.terms`). NMF is
fitted on sublinear, l2-normalised TF-IDF, or LDA on counts, seeded and single-threaded so that
the same input and seed give the same numbers on any machine (:mod:`.fitting`). Within an
article a fast solver and a cheap rule for K are used (:mod:`.article`); across a corpus the
model is fitted on a deterministic sample of per-article term counts and then applied to every
article and section (:mod:`.corpus`); more topics than the corpus supports are formed by
splitting supported ones (:mod:`.nesting`). Topics are numbered 1..K in order of decreasing
prevalence, ties broken by label.
"""

from analysis.topics.article import ARTICLE_K_CANDIDATES, article_k_candidates, fit_article_topics
from analysis.topics.corpus import (
    CORPUS_K_CANDIDATES,
    CorpusModel,
    corpus_mixtures,
    corpus_quality_table,
    fit_corpus,
)
from analysis.topics.corpus_counts import term_counts
from analysis.topics.fitting import METHODS, count_matrix, fit_matrix, tfidf_matrix
from analysis.topics.model import LABEL_SEPARATOR, TopicModel, topic_label, validate_k
from analysis.topics.quality import distinctiveness, npmi_coherence, top_term_agreement
from analysis.topics.tables import dominant_topics, group_mixtures, quality_table, terms_table
from analysis.topics.terms import (
    CONTENT_POS_PREFIXES,
    LIGHT_VERBS,
    SENTENCE_COLUMNS_USED,
    TOKEN_COLUMNS_USED,
    Documents,
    article_documents,
    content_terms,
    grouped_documents,
)

__all__ = [
    "ARTICLE_K_CANDIDATES",
    "CONTENT_POS_PREFIXES",
    "CORPUS_K_CANDIDATES",
    "LABEL_SEPARATOR",
    "LIGHT_VERBS",
    "METHODS",
    "SENTENCE_COLUMNS_USED",
    "TOKEN_COLUMNS_USED",
    "CorpusModel",
    "Documents",
    "TopicModel",
    "article_documents",
    "article_k_candidates",
    "content_terms",
    "corpus_mixtures",
    "corpus_quality_table",
    "count_matrix",
    "distinctiveness",
    "dominant_topics",
    "fit_article_topics",
    "fit_corpus",
    "fit_matrix",
    "group_mixtures",
    "grouped_documents",
    "npmi_coherence",
    "quality_table",
    "term_counts",
    "terms_table",
    "tfidf_matrix",
    "top_term_agreement",
    "topic_label",
    "validate_k",
]
