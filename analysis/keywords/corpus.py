"""Corpus-aware keywords: each article's ranking reweighed by how rare a term is elsewhere.

Every article's candidates keep their single-article log-odds (``keyword_candidates``);
with many articles, each gains ``strength * ln(idf / idf of a one-article term)``, the
strength learned by the headline model for words, phrases and names
(:func:`~analysis.keywords.model.corpus_log_odds`) and scaled by ``idf_exponent``: what
distinguishes the article from the others rises, what every article says ("government",
"year") falls. In odds, the term's odds are multiplied by its IDF ratio raised to
``idf_exponent * strength``. Then surnames merge again. The corpus is read twice (document
frequencies, then scores), one shard of candidates at a time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.keywords.headline import top_terms
from analysis.keywords.model import corpus_log_odds, probability, shipped_model

CORPUS_COLUMNS = ["article", "rank", "keyword", "score"]
Candidates = Iterable[pd.DataFrame] | Callable[[], Iterable[pd.DataFrame]]


def document_frequencies(shards: Iterable[pd.DataFrame]) -> tuple[Counter, int]:
    """(term -> articles using it, number of articles) over candidate tables."""
    frequency: Counter = Counter()
    articles: set = set()
    for shard in shards:
        pairs = shard[["article", "key"]].drop_duplicates()
        frequency.update(pairs["key"].tolist())
        articles.update(pairs["article"].unique().tolist())
    return frequency, len(articles)


def corpus_keywords(candidates: Candidates, *, top_k: int, idf_exponent: float) -> pd.DataFrame:
    """Each article's corpus-aware top keywords.

    Args:
        candidates: Shards of ``keyword_candidates`` rows (columns article, key, keyword,
            count, proper, score), each article within one shard. Either a zero-argument
            callable returning a fresh iterator (read twice, one shard in memory at a time:
            use this for large corpora) or an iterable (kept in memory for the two passes).
        top_k: Keywords kept per article.
        idf_exponent: Scale of the learned corpus-IDF strength (1 = as trained, 0 = the
            single-article ranking).

    Returns:
        Columns article, rank, keyword, score (the corpus-aware probability); sorted by
        article then rank.

    Raises:
        ValueError: If ``top_k`` < 1 or ``idf_exponent`` < 0.
    """
    if top_k < 1 or idf_exponent < 0:
        raise ValueError(f"need top_k >= 1 and idf_exponent >= 0; got {top_k}, {idf_exponent}")
    if callable(candidates):
        fresh = candidates
    else:
        kept = list(candidates)

        def fresh() -> Iterable[pd.DataFrame]:
            return iter(kept)

    frequency, n_articles = document_frequencies(fresh())
    best = math.log((1 + n_articles) / 2) + 1
    model = shipped_model()
    tables = [
        _rank_shard(shard, frequency, n_articles, best, top_k, idf_exponent, model)
        for shard in fresh()
        if not shard.empty
    ]
    if not tables:
        return pd.DataFrame(columns=CORPUS_COLUMNS)
    table = pd.concat(tables, ignore_index=True)
    return table.sort_values(["article", "rank"], kind="mergesort").reset_index(drop=True)


def _rank_shard(shard, frequency, n_articles, best, top_k, exponent, model) -> pd.DataFrame:
    rows = []
    columns = (shard[c].tolist() for c in ("article", "key", "keyword", "count", "proper"))
    score_list = shard["score"].astype(float).tolist()
    by_article: dict = {}
    for (article, key, keyword, count, proper), score in zip(
        zip(*columns, strict=True), score_list, strict=True
    ):
        by_article.setdefault(article, []).append((key, keyword, int(count), proper, score))
    for article in sorted(by_article):
        terms = by_article[article]
        labels = {key: keyword for key, keyword, _, _, _ in terms}
        counts = {key: count for key, _, count, _, _ in terms}
        names = {key for key, _, _, proper, _ in terms if _is_true(proper)}
        scores = {
            key: probability(
                corpus_log_odds(
                    score, (math.log((1 + n_articles) / (1 + frequency[key])) + 1) / best,
                    phrase=" " in key, proper=key in names, model=model, scale=exponent,
                )
            )
            for key, _, _, _, score in terms
        }  # fmt: skip
        kept = top_terms(scores, names, counts, top_k)
        for rank, (key, score) in enumerate(kept.items(), start=1):
            rows.append((article, rank, labels.get(key, key), score))
    return pd.DataFrame(rows, columns=CORPUS_COLUMNS)


def _is_true(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1")
