"""One article's keywords: for the whole article and for each section, by every method.

Section-scope TF-IDF uses the sections as documents; article-scope TF-IDF uses the article's
term counts with the section-level IDF. Keyness (section vs rest) exists only for sections,
and only when there are two or more. The headline is the trained model's probability of
each candidate (:mod:`.headline`). The section headline leaves out terms a section
under-uses relative to the rest of the article and demotes terms found in many sections (the
article's protagonists), which say little about any one section. Headings, when given,
count as the first sentence of their section (section scope only).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.keyness import KEYNESS_COLUMNS, keyness_from_counts
from analysis.keywords.candidates import (
    AnnotatedTokens,
    annotate_tokens,
    display_forms,
    documents_from,
    find_candidates,
)
from analysis.keywords.features import DocumentFeatures, candidate_features
from analysis.keywords.headline import headline_log_odds, resolve_weights, top_terms
from analysis.keywords.model import DECIMALS, probability
from analysis.keywords.ranking import Ranking, RankInput, ranked_rows
from analysis.keywords.registry import (
    DEFAULT_WEIGHTS,
    MODEL_RANKERS,
    check_methods,
    run_methods,
)
from analysis.keywords.specificity import specificity_prior
from analysis.keywords.titles import names_in, title_tokens
from analysis.tables import nullable_integers
from analysis.tokens import is_word

KEYWORD_COLUMNS = ["scope", "section_id", "rank", "keyword", "score"]
BY_METHOD_COLUMNS = [*KEYWORD_COLUMNS, "method"]
CANDIDATE_TABLE_COLUMNS = ["key", "keyword", "count", "proper", "score"]
ARTICLE_DOC = "article"


@dataclass(frozen=True)
class ArticleKeywords:
    """The keyword tables of one article (columns as written by the stage)."""

    keywords: pd.DataFrame
    keywords_by_method: pd.DataFrame
    keyness: pd.DataFrame
    keyword_candidates: pd.DataFrame


def rank_article(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    top_k: int,
    ngram_range: tuple[int, int],
    methods: Sequence[str],
    weights: Mapping[str, float] | None,
    titles: Mapping[int, str] | None = None,
    specificity_exponent: float,
) -> ArticleKeywords:
    """Rank one article's keyphrases for the whole article and for each section.

    Args:
        tokens: The article's token table.
        sentences: Its sentence table (sentence_id, section_id, text).
        top_k: Terms kept per scope and method.
        ngram_range: Phrase lengths in words.
        methods: Methods to run, any non-empty subset of the registry's.
        weights: Scale of each method's learned contribution to the headline (1 = as
            trained, 0 = ignored); methods left out keep their default weight, methods not
            run weigh 0.
        titles: section_id -> heading ("" for none).
        specificity_exponent: Strength of the general-English specificity prior, a feature
            of the headline model (0 = off; the model was trained at the default).

    Returns:
        The article's tables; empty (with their columns) when it has no candidates.

    Raises:
        ValueError: If ``methods`` is empty or names an unknown method, a weight < 0, or
            keyness (which the model does not read) has a weight other than 0.
    """
    methods = check_methods(methods)
    section_of, annotated, occurrences = _candidates_of(tokens, sentences, ngram_range)
    if not occurrences:
        return _empty()
    heading_tokens, heading_texts = title_tokens(
        titles or {}, set(section_of.values()), names_in(annotated)
    )
    heading_occurrences = (
        find_candidates(heading_tokens, ngram_range=ngram_range) if heading_tokens else []
    )
    labels = {**display_forms(heading_occurrences), **display_forms(occurrences)}
    sizes = _section_sizes(annotated, section_of)
    prior = specificity_prior(
        [o.key for o in (*occurrences, *heading_occurrences)], exponent=specificity_exponent
    )
    log_prior = {key: math.log(factor) for key, factor in prior.items()}
    section_counts = {
        doc: Counter(keys) for doc, keys in documents_from(occurrences, section_of).items()
    }
    names = {o.key for o in (*occurrences, *heading_occurrences) if o.proper}
    article = _article_scope(occurrences, annotated, section_of, sizes)
    scales = resolve_weights(methods, weights, DEFAULT_WEIGHTS)
    options = {"methods": methods, "scales": scales, "top_k": top_k, "names": names}
    article_fused, article_rankings, article_all = _rank_scope(article, log_prior, **options)
    if _section_is_the_article(sizes, heading_occurrences):
        (only,) = sizes
        section_fused = {only: article_fused.get(ARTICLE_DOC, {})}
        section_rankings = {
            method: {only: ranking.get(ARTICLE_DOC, {})}
            for method, ranking in article_rankings.items()
        }
    else:
        section = _section_scope(
            occurrences, annotated, section_of, sizes, heading_occurrences, heading_tokens,
            heading_texts,
        )  # fmt: skip
        underused = _underused(section_counts, sizes)
        spread = _section_spread(section.documents())
        section_fused, section_rankings, _ = _rank_scope(
            section, log_prior, exclude=underused, spread=spread, **options
        )
    headline = [*_rows(article_fused, "article", labels), *_rows(section_fused, "section", labels)]
    by_method = [
        (*row, method)
        for scope, rankings in (("article", article_rankings), ("section", section_rankings))
        for method, ranking in rankings.items()
        for row in _rows(ranking, scope, labels, top_k=top_k)
    ]
    counts = Counter(o.key for o in occurrences)
    return ArticleKeywords(
        keywords=_ranked_table(headline, KEYWORD_COLUMNS),
        keywords_by_method=_ranked_table(by_method, BY_METHOD_COLUMNS),
        keyness=keyness_from_counts(section_counts, sizes, labels=labels)[KEYNESS_COLUMNS],
        keyword_candidates=_candidate_table(article_all, counts, names, labels),
    )


def _section_is_the_article(sizes: Mapping[int, int], heading_occurrences: Sequence) -> bool:
    """Tell whether the article is one section without a heading (most news). That section
    holds the article's words and nothing else, so its rankings are the article's: the same
    terms, counts and positions; an IDF of 1 for every term in both scopes; a section spread
    of 1; nothing underused. They are then not computed a second time."""
    return len(sizes) == 1 and not heading_occurrences


def _candidates_of(tokens: pd.DataFrame, sentences: pd.DataFrame, ngram_range: tuple[int, int]):
    """(sentence id -> section id, the annotated tokens, the candidate occurrences)."""
    section_of = {
        int(s): int(c)
        for s, c in zip(sentences["sentence_id"], sentences["section_id"], strict=True)
    }
    annotated = annotate_tokens(tokens) if not tokens.empty else None
    occurrences = find_candidates(annotated, ngram_range=ngram_range) if annotated else []
    return section_of, annotated, occurrences


def article_features(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    ngram_range: tuple[int, int],
    specificity_exponent: float,
) -> tuple[DocumentFeatures, dict[str, str]] | None:
    """The headline model's features of an article's candidates, article scope (what
    :func:`rank_article` scores; the model's training reads them).

    Args:
        tokens: The article's token table.
        sentences: Its sentence table (sentence_id, section_id).
        ngram_range: Phrase lengths in words.
        specificity_exponent: Strength of the specificity prior.

    Returns:
        (the features, key -> shown form), or None without candidates.
    """
    section_of, annotated, occurrences = _candidates_of(tokens, sentences, ngram_range)
    if not occurrences:
        return None
    prior = specificity_prior([o.key for o in occurrences], exponent=specificity_exponent)
    log_prior = {key: math.log(factor) for key, factor in prior.items()}
    scope = _article_scope(
        occurrences, annotated, section_of, _section_sizes(annotated, section_of)
    )
    rankings = run_methods(scope, MODEL_RANKERS)
    features = candidate_features(scope, rankings, log_prior)[ARTICLE_DOC]
    return features, display_forms(occurrences)


def _empty() -> ArticleKeywords:
    return ArticleKeywords(
        _ranked_table([], KEYWORD_COLUMNS),
        _ranked_table([], BY_METHOD_COLUMNS),
        pd.DataFrame(columns=KEYNESS_COLUMNS),
        pd.DataFrame(columns=CANDIDATE_TABLE_COLUMNS),
    )


def _article_scope(occurrences, annotated, section_of, sizes) -> RankInput:
    return RankInput(
        occurrences=occurrences,
        owner=dict.fromkeys(section_of, ARTICLE_DOC),
        tokens=annotated,
        sizes={ARTICLE_DOC: sum(sizes.values())},
        background=documents_from(occurrences, section_of),
    )


def _section_scope(
    occurrences, annotated, section_of, sizes, heading_occurrences, heading_tokens, texts
) -> RankInput:
    if not heading_occurrences or heading_tokens is None:
        return RankInput(occurrences, section_of, annotated, sizes)
    owner = {**section_of, **{-1 - section: section for section in texts}}
    with_titles = {
        section: size + len(texts.get(section, "").split()) for section, size in sizes.items()
    }
    return RankInput(
        occurrences=[*heading_occurrences, *occurrences],
        owner=owner,
        tokens=_concat_tokens(heading_tokens, annotated),
        sizes=with_titles,
    )


def _concat_tokens(first: AnnotatedTokens, second: AnnotatedTokens) -> AnnotatedTokens:
    return AnnotatedTokens(*(a + b for a, b in zip(first, second, strict=True)))


def _rank_scope(
    inputs: RankInput,
    log_prior: Mapping[str, float],
    *,
    methods: Sequence[str],
    scales: Mapping[str, float],
    top_k: int,
    names: set[str],
    exclude: set[tuple[object, str]] = frozenset(),
    spread: Mapping[str, float] | None = None,
) -> tuple[Ranking, dict[str, Ranking], Ranking]:
    """(headline, each method's ranking, every candidate's log-odds) of one scope.

    The headline score is the model's probability; in section scope it is multiplied by the
    term's section spread (:func:`_section_spread`), and terms in ``exclude`` are left out.
    """
    rankings = run_methods(inputs, methods)
    if not inputs.occurrences:
        return {}, {}, {}
    every, _, counts = headline_log_odds(inputs, rankings, log_prior, scales=scales)
    fused = {}
    for doc, scores in every.items():
        shown = {
            key: round(probability(value) * (spread or {}).get(key, 1.0), DECIMALS)
            for key, value in scores.items()
            if (doc, key) not in exclude
        }
        fused[doc] = top_terms(shown, names, counts[doc], top_k)
    return fused, rankings, every


def _ranked_table(rows: list, columns: Sequence[str]) -> pd.DataFrame:
    """Ranked rows as a table; ``section_id`` is a whole number, missing on the article's rows,
    so the table joins the text model's tables on it.

    Built column by column with typed arrays: a frame of the row tuples with its section ids
    set afterwards measured 0.4-0.9 ms an article slower (the column is first made floats)."""
    values = (
        dict(zip(columns, (list(c) for c in zip(*rows, strict=True)), strict=True)) if rows else {}
    )
    typed = {
        "section_id": nullable_integers(values.get("section_id", [])),
        "rank": np.array(values.get("rank", []), dtype=np.int64),
        "score": np.array(values.get("score", []), dtype=float),
    }
    return pd.DataFrame(
        {name: typed.get(name, values.get(name, [])) for name in columns}, copy=False
    )


def _rows(ranking: Ranking, scope: str, labels: Mapping[str, str], *, top_k=None) -> list:
    return [
        (scope, None if doc == ARTICLE_DOC else int(doc), rank, labels.get(key, key), score)
        for doc, key, score, rank in ranked_rows(ranking, top_k)
    ]


def _candidate_table(
    fused: Ranking, counts: Mapping[str, int], names: set[str], labels: Mapping[str, str]
) -> pd.DataFrame:
    """Every article-scope candidate with its count and single-article log-odds."""
    scores = fused.get(ARTICLE_DOC, {})
    rows = [
        (key, labels.get(key, key), int(counts.get(key, 0)), key in names, float(scores[key]))
        for key in sorted(scores)
    ]
    return pd.DataFrame(rows, columns=CANDIDATE_TABLE_COLUMNS)


def _section_sizes(annotated: AnnotatedTokens, section_of: Mapping[int, int]) -> dict[int, int]:
    """Words (tokens holding a letter or digit) per section."""
    sizes = dict.fromkeys(sorted(set(section_of.values())), 0)
    for sentence, token in zip(annotated.sentence_id, annotated.token, strict=True):
        if sentence in section_of and is_word(token):
            sizes[section_of[sentence]] += 1
    return sizes


def _underused(
    counts: Mapping[int, Mapping[str, int]], sizes: Mapping[int, int]
) -> set[tuple[int, str]]:
    """(section, term) pairs a section uses relatively less than the rest of the article
    ("Japan" in every section): they describe the article, not what sets the section apart."""
    if len(sizes) < 2:
        return set()
    totals: Counter = Counter()
    for terms in counts.values():
        totals.update(terms)
    size_all = sum(sizes.values())
    pairs = set()
    for section, terms in counts.items():
        rest = max(size_all - sizes[section], 1)
        for key, n in terms.items():
            if n / sizes[section] < (totals[key] - n) / rest:
                pairs.add((section, key))
    return pairs


def _section_spread(documents: Mapping[object, Sequence[str]]) -> dict[str, float]:
    """Demote terms found in many sections: they describe the article, not the section.

    factor = idf / idf of a one-section term, with idf = ln((1 + n) / (1 + df)) + 1 over the
    n sections: 1 for a term of one section, about 0.4 for one in all of seven ("Japan").
    """
    n = len(documents)
    spread = Counter(key for keys in documents.values() for key in set(keys))
    best = math.log((1 + n) / 2) + 1
    return {key: (math.log((1 + n) / (1 + df)) + 1) / best for key, df in spread.items()}
