"""Stage ``keywords``: keyphrases per article and per section, keyness, and corpus TF-IDF."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path as _Path

import pandas as pd

from analysis import keywords as kw
from analysis.figures import keywords as figures
from analysis.keyness import keyness_table
from analysis.stages.logs import job_log
from analysis.tables import read_tsv, write_tsv

Path = str | os.PathLike[str]
KEYWORD_COLUMNS = ["scope", "section_id", "rank", "keyword", "score"]
ARTICLE_DOC = "article"


def rank_article(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    top_k: int = 10,
    ngram_range: tuple[int, int] = (1, 3),
    methods: Sequence[str] = kw.METHODS,
    weights: Mapping[str, float] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Rank one article's keyphrases for the whole article and for each section.

    Section-scope TF-IDF uses the sections as documents; article-scope TF-IDF uses the
    article's term counts with the section-level IDF. Keyness (section vs rest) exists only
    for sections, and only when there are two or more. The section headline leaves out terms
    a section under-uses relative to the rest of the article (sign -1 in keyness).

    Args:
        tokens: The article's token table.
        sentences: Its sentence table (sentence_id, section_id, text).
        top_k: Terms kept per scope and method.
        ngram_range: Phrase lengths in words.
        methods: Methods to run, any non-empty subset of :data:`analysis.keywords.METHODS`.
        weights: Fusion weight per method (default :data:`analysis.keywords.DEFAULT_WEIGHTS`).

    Returns:
        (headline table, per-method table, keyness table) as written by :func:`run`.

    Raises:
        ValueError: If ``methods`` is empty or names an unknown method.
    """
    unknown = set(methods) - set(kw.METHODS)
    if not methods or unknown:
        raise ValueError(f"methods must be a non-empty subset of {kw.METHODS}; got {list(methods)}")
    occurrences = kw.extract_candidates(tokens, ngram_range=ngram_range)
    labels = kw.display_forms(occurrences)
    section_of = dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True))
    sizes = _section_sizes(tokens, section_of)
    headline, by_method = [], []
    for scope, owner in (
        ("article", dict.fromkeys(section_of, ARTICLE_DOC)),
        ("section", section_of),
    ):
        rankings = _rankings(
            occurrences,
            sentences,
            owner,
            sizes,
            scope=scope,
            methods=methods,
            max_ngram=ngram_range[1],
        )
        if not rankings:
            continue
        fusable = rankings
        if scope == "section":
            fusable = {
                m: _without_underused(r, occurrences, section_of, sizes)
                for m, r in rankings.items()
            }
        fused = kw.headline_ranking(fusable, weights=weights or kw.DEFAULT_WEIGHTS, top_k=top_k)
        headline.append(_tidy(fused, scope, labels))
        for method, ranking in rankings.items():
            by_method.append(
                _tidy(ranking[ranking["rank"] <= top_k], scope, labels).assign(method=method)
            )
    keyness = _keyness(occurrences, section_of, sizes, labels)
    return (
        _concat(headline, KEYWORD_COLUMNS),
        _concat(by_method, [*KEYWORD_COLUMNS, "method"]),
        keyness,
    )


def _without_underused(ranking, occurrences, section_of, sizes) -> pd.DataFrame:
    """Drop terms a section uses relatively less than the rest of the article ("Japan" in
    every section): they describe the article, not what sets the section apart."""
    if len(sizes) < 2:
        return ranking
    counts = kw.candidate_counts(kw.documents_from(occurrences, section_of))
    table = keyness_table(counts, sizes)
    under = set(
        zip(
            table.loc[table["sign"] < 0, "section_id"],
            table.loc[table["sign"] < 0, "term"],
            strict=True,
        )
    )
    keep = [
        (doc, key) not in under for doc, key in zip(ranking["doc"], ranking["key"], strict=True)
    ]
    kept = ranking[keep].copy()
    kept["rank"] = kept.groupby("doc").cumcount() + 1
    return kept.reset_index(drop=True)


def _section_sizes(tokens: pd.DataFrame, section_of: Mapping[int, int]) -> dict[int, int]:
    """Words (tokens holding a letter or digit) per section."""
    words = tokens[tokens["token"].astype(str).str.contains(r"\w", regex=True)]
    counts = words["sentence_id"].map(section_of).value_counts()
    return {
        int(section): int(counts.get(section, 0)) for section in sorted(set(section_of.values()))
    }


def _rankings(occurrences, sentences, owner, sizes, *, scope, methods, max_ngram) -> dict:
    documents = kw.documents_from(occurrences, owner)
    if not documents:
        return {}
    rankings = {}
    if "tfidf" in methods:
        if scope == "article":
            section_docs = kw.documents_from(
                occurrences,
                dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True)),
            )
            rankings["tfidf"] = kw.rank_tfidf(documents, background=section_docs)
        else:
            rankings["tfidf"] = kw.rank_tfidf(documents)
    if "keyness" in methods and scope == "section" and len(documents) > 1:
        rankings["keyness"] = kw.rank_keyness(documents, sizes)
    if "yake" in methods:
        texts = _texts(sentences, owner)
        allowed = {doc: set(keys) for doc, keys in documents.items()}
        rankings["yake"] = kw.rank_yake(
            texts, allowed, kw.surface_index(occurrences), max_ngram=max_ngram
        )
    if "textrank" in methods:
        rankings["textrank"] = kw.rank_textrank(occurrences, owner)
    if "salience" in methods:
        rankings["salience"] = kw.rank_salience(occurrences, owner)
    return {method: frame for method, frame in rankings.items() if not frame.empty}


def _texts(sentences: pd.DataFrame, owner: Mapping[int, object]) -> dict:
    ordered = sentences.sort_values("sentence_id")
    docs = ordered["sentence_id"].map(owner)
    return {
        doc: " ".join(group["text"].astype(str)) for doc, group in ordered.groupby(docs, sort=True)
    }


def _tidy(ranking: pd.DataFrame, scope: str, labels: Mapping[str, str]) -> pd.DataFrame:
    section = ranking["doc"].map(lambda doc: "" if doc == ARTICLE_DOC else str(int(doc)))
    return pd.DataFrame(
        {
            "scope": scope,
            "section_id": section,
            "rank": ranking["rank"].astype(int),
            "keyword": ranking["key"].map(lambda key: labels.get(key, key)),
            "score": ranking["score"].astype(float),
        }
    )


def _keyness(occurrences, section_of, sizes, labels) -> pd.DataFrame:
    counts = kw.candidate_counts(kw.documents_from(occurrences, section_of))
    table = keyness_table(counts, sizes, labels=labels)
    return table[
        [
            "section_id",
            "term",
            "freq_target",
            "freq_reference",
            "g2",
            "p_value",
            "log_ratio",
            "pct_diff",
            "sign",
        ]
    ]


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    return (
        pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    )


def run(
    *,
    tokens: Path,
    sentences: Path,
    sections: Path,
    keywords: Path,
    keywords_by_method: Path,
    keyness: Path,
    top_k: int = 10,
    ngram_min: int = 1,
    ngram_max: int = 3,
    methods: Sequence[str] = kw.METHODS,
    weights: Mapping[str, float] | None = None,
    log: Path | None = None,
) -> None:
    """Write ``keywords.tsv``, ``keywords_by_method.tsv`` and ``keyness.tsv`` for one article.

    Args:
        tokens: ``tokens.tsv`` of the article.
        sentences: ``sentences.tsv``.
        sections: ``sections.tsv`` (checked for the section ids).
        keywords: Output: headline ranking (scope, section_id, rank, keyword, score).
        keywords_by_method: Output: each method's ranking (same columns plus method).
        keyness: Output: G² keyness of each section against the rest of the article.
        top_k: Keywords kept per scope and method.
        ngram_min: Shortest phrase in words.
        ngram_max: Longest phrase in words.
        methods: Methods to run (non-empty subset of tfidf, keyness, yake, textrank, salience).
        weights: Fusion weight per method (None = the benchmarked defaults).
        log: The job's log file.

    Raises:
        StageError: If an input is unreadable or an argument is invalid.
    """
    with job_log(log, stage="keywords") as logger:
        token_table, sentence_table = read_tsv(tokens), read_tsv(sentences)
        section_ids = set(read_tsv(sections)["section_id"].astype(int))
        if not set(sentence_table["section_id"].astype(int)) <= section_ids:
            raise ValueError(f"{sentences}: section ids missing from {sections}")
        headline, by_method, key_table = rank_article(
            token_table, sentence_table, top_k=top_k, ngram_range=(ngram_min, ngram_max),
            methods=methods, weights=weights,
        )  # fmt: skip
        logger.info("%d headline rows, %d keyness rows", len(headline), len(key_table))
        write_tsv(headline, keywords)
        write_tsv(by_method, keywords_by_method)
        write_tsv(key_table, keyness)


def rank_articles(
    token_tables: Mapping[str, pd.DataFrame],
    *,
    top_k: int = 10,
    ngram_range: tuple[int, int] = (1, 3),
) -> pd.DataFrame:
    """TF-IDF with articles as the documents: what sets each article apart in a corpus.

    Args:
        token_tables: article name -> its token table.
        top_k: Keywords kept per article.
        ngram_range: Phrase lengths in words.

    Returns:
        Columns article, rank, keyword, score; sorted by article then rank.
    """
    documents, labels_by_article = {}, {}
    for article in sorted(token_tables):
        occurrences = kw.extract_candidates(token_tables[article], ngram_range=ngram_range)
        documents[article] = occurrences["key"].tolist()
        labels_by_article[article] = kw.display_forms(occurrences)
    ranking = kw.rank_tfidf(documents, top_k=top_k)
    keyword = [
        labels_by_article[a].get(k, k) for a, k in zip(ranking["doc"], ranking["key"], strict=True)
    ]
    return pd.DataFrame(
        {
            "article": ranking["doc"],
            "rank": ranking["rank"].astype(int),
            "keyword": keyword,
            "score": ranking["score"].astype(float),
        }
    )


def run_corpus(
    *,
    tokens: Sequence[Path],
    keywords_articles: Path,
    articles: Sequence[str] | None = None,
    top_k: int = 10,
    ngram_min: int = 1,
    ngram_max: int = 3,
    log: Path | None = None,
) -> None:
    """Write ``corpus/tables/keywords_articles.tsv`` from several articles' ``tokens.tsv``.

    Args:
        tokens: The articles' ``tokens.tsv`` files.
        keywords_articles: Output table (article, rank, keyword, score).
        articles: Article names, one per tokens file; by default the folder above
            ``tables/`` (``results/<article>/tables/tokens.tsv``).
        top_k: Keywords kept per article.
        ngram_min: Shortest phrase in words.
        ngram_max: Longest phrase in words.
        log: The job's log file.

    Raises:
        StageError: If names and files do not pair up or a file is unreadable.
    """
    with job_log(log, stage="keywords_corpus") as logger:
        names = (
            list(articles)
            if articles is not None
            else [_Path(p).parent.parent.name for p in tokens]
        )
        if len(names) != len(tokens) or len(set(names)) != len(names):
            raise ValueError("need one distinct article name per tokens file")
        tables = {name: read_tsv(path) for name, path in zip(names, tokens, strict=True)}
        table = rank_articles(tables, top_k=top_k, ngram_range=(ngram_min, ngram_max))
        logger.info("%d articles, %d rows", len(tables), len(table))
        write_tsv(table, keywords_articles)


def run_figures(
    *,
    keywords: Path,
    keyness: Path,
    sections: Path,
    keywords_sections_png: Path,
    keyness_png: Path,
    top_n: int = 8,
    log: Path | None = None,
) -> None:
    """Draw ``keywords_sections.png`` and ``keyness.png`` from the stage's tables.

    Args:
        keywords: ``keywords.tsv``.
        keyness: ``keyness.tsv``.
        sections: ``sections.tsv`` (titles for the panels).
        keywords_sections_png: Output figure: each section's top keywords.
        keyness_png: Output figure: each section's most over-used terms (log ratio).
        top_n: Terms per panel.
        log: The job's log file.

    Raises:
        StageError: If a table is unreadable.
    """
    with job_log(log, stage="keywords_figures"):
        section_table = read_tsv(sections)
        figures.save_keywords_by_section(
            read_tsv(keywords), section_table, keywords_sections_png, top_n=top_n
        )
        figures.save_keyness(read_tsv(keyness), section_table, keyness_png, top_n=top_n)
