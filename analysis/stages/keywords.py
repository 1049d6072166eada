"""Stage ``keywords``: reads the text model's tables, calls :mod:`analysis.keywords`, writes.

Per article (:func:`article_tables`): the headline keywords per article and section, each
method's ranking, section keyness, and the candidate statistics the corpus ranking needs.
Per corpus (:func:`corpus_tables`): each article's corpus-aware keywords.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.figures import keywords as figures
from analysis.keywords.article import rank_article
from analysis.keywords.corpus import IDF_EXPONENT, Candidates, corpus_keywords
from analysis.keywords.registry import METHODS
from analysis.keywords.specificity import SPECIFICITY_EXPONENT
from analysis.keywords.titles import section_titles
from analysis.stages.logs import article_of, job_log
from analysis.tables import read_tsv, write_tsv

Path = str | os.PathLike[str]
ARTICLE_TABLES = ("keywords", "keywords_by_method", "keyness", "keyword_candidates")


def article_tables(
    *,
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    sections: pd.DataFrame,
    top_k: int = 10,
    ngram_min: int = 1,
    ngram_max: int = 3,
    methods: Sequence[str] | None = METHODS,
    weights: Mapping[str, float] | None = None,
    use_titles: bool = True,
    specificity_exponent: float = SPECIFICITY_EXPONENT,
) -> dict[str, pd.DataFrame]:
    """One article's keyword tables.

    Args:
        tokens: The article's token table (``analyse_structure``).
        sentences: Its sentence table.
        sections: Its section table (ids and titles).
        top_k: Keywords kept per scope and method.
        ngram_min: Shortest phrase in words.
        ngram_max: Longest phrase in words.
        methods: Methods to run (non-empty subset of the registry's; None = all).
        weights: Scale of each method's learned contribution to the headline; methods left
            out keep their default (None = all defaults).
        use_titles: Read each section's heading as its first sentence (section scope).
        specificity_exponent: Strength of the general-English specificity prior (0 = off).

    Returns:
        ``keywords``, ``keywords_by_method``, ``keyness`` and ``keyword_candidates``.

    Raises:
        ValueError: If a sentence's section is missing from ``sections`` or an option is
            invalid.
    """
    section_ids = set(sections["section_id"].astype(int))
    if not set(sentences["section_id"].astype(int)) <= section_ids:
        raise ValueError("sentences name section ids missing from the sections table")
    result = rank_article(
        tokens, sentences, top_k=top_k, ngram_range=(ngram_min, ngram_max),
        methods=METHODS if methods is None else methods, weights=weights,
        titles=section_titles(sections) if use_titles else None,
        specificity_exponent=specificity_exponent,
    )  # fmt: skip
    return {name: getattr(result, name) for name in ARTICLE_TABLES}


def corpus_tables(
    *, candidates: Candidates, top_k: int = 10, idf_exponent: float = IDF_EXPONENT
) -> dict[str, pd.DataFrame]:
    """Corpus-aware keywords of every article from the articles' ``keyword_candidates``.

    Args:
        candidates: One frame per shard (``keyword_candidates`` rows with an ``article``
            first column); a zero-argument callable returning a fresh iterator is read
            twice, one shard at a time (large corpora); an iterable is held in memory.
        top_k: Keywords kept per article.
        idf_exponent: Scale of the learned corpus-IDF strength (1 = as trained, 0 = the
            single-article ranking).

    Returns:
        ``keywords_articles``: article, rank, keyword, score.
    """
    table = corpus_keywords(candidates, top_k=top_k, idf_exponent=idf_exponent)
    return {"keywords_articles": table}


def run(
    *,
    tokens: Path,
    sentences: Path,
    sections: Path,
    keywords: Path,
    keywords_by_method: Path,
    keyness: Path,
    keyword_candidates: Path | None = None,
    log: Path | None = None,
    **options,
) -> None:
    """Write one article's tables (:func:`article_tables`; ``options`` are its tuning keys).

    Raises:
        StageError: If an input is unreadable or an argument is invalid.
    """
    with job_log(log, stage="keywords") as logger:
        tables = article_tables(
            tokens=read_tsv(tokens), sentences=read_tsv(sentences),
            sections=read_tsv(sections), **options,
        )  # fmt: skip
        logger.info(
            "%d headline rows, %d keyness rows", len(tables["keywords"]), len(tables["keyness"])
        )
        outputs = {
            "keywords": keywords, "keywords_by_method": keywords_by_method, "keyness": keyness,
            "keyword_candidates": keyword_candidates,
        }  # fmt: skip
        for name, path in outputs.items():
            if path is not None:
                write_tsv(tables[name], path)


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
    """Write ``keywords_articles.tsv`` from several articles' ``tokens.tsv`` (one at a time).

    Each article is read as one section (tokens only); :func:`corpus_tables` over the
    articles' ``keyword_candidates`` tables is the same ranking without re-reading tokens.

    Raises:
        StageError: If names and files do not pair up or a file is unreadable.
    """
    with job_log(log, stage="keywords_corpus") as logger:
        names = list(articles) if articles is not None else [article_of(p) for p in tokens]
        if len(names) != len(tokens) or len(set(names)) != len(names):
            raise ValueError("need one distinct article name per tokens file")
        pairs = list(zip(names, tokens, strict=True))

        def shards() -> Iterable[pd.DataFrame]:
            for name, path in pairs:
                table = _candidates_from_tokens(read_tsv(path), ngram_min, ngram_max)
                yield table.assign(article=name)[["article", *table.columns]]

        table = corpus_tables(candidates=shards, top_k=top_k)["keywords_articles"]
        logger.info("%d articles, %d rows", len(pairs), len(table))
        write_tsv(table, keywords_articles)


def _candidates_from_tokens(tokens: pd.DataFrame, ngram_min: int, ngram_max: int):
    ids = sorted(set(tokens["sentence_id"].astype(int)))
    sentences = pd.DataFrame({"sentence_id": ids, "section_id": 0, "text": ""})
    sections = pd.DataFrame({"section_id": [0], "title": [""]})
    return article_tables(
        tokens=tokens, sentences=sentences, sections=sections, ngram_min=ngram_min,
        ngram_max=ngram_max, use_titles=False,
    )["keyword_candidates"]  # fmt: skip


def run_figures(
    *,
    sections: Path,
    keywords: Path | None = None,
    keyness: Path | None = None,
    keywords_sections_png: Path | None = None,
    keyness_png: Path | None = None,
    top_n: int = 8,
    log: Path | None = None,
) -> None:
    """Draw ``keywords_sections.png`` and/or ``keyness.png`` from the stage's tables.

    Each figure is drawn when its table and output path are both given, so the two can be
    separate jobs that render at the same time.

    Args:
        sections: ``sections.tsv`` (titles for the panels).
        keywords: ``keywords.tsv`` (for ``keywords_sections_png``).
        keyness: ``keyness.tsv`` (for ``keyness_png``).
        keywords_sections_png: Output figure: each section's top keywords.
        keyness_png: Output figure: each section's most over-used terms (log ratio).
        top_n: Terms per panel.
        log: The job's log file.

    Raises:
        StageError: If a table is unreadable, or no figure was asked for.
    """
    with job_log(log, stage="keywords_figures"):
        wanted = [(keywords, keywords_sections_png), (keyness, keyness_png)]
        if not any(table and png for table, png in wanted):
            raise ValueError("no figure to draw: give a table and its output path")
        section_table = read_tsv(sections)
        if keywords and keywords_sections_png:
            figures.save_keywords_by_section(
                read_tsv(keywords), section_table, keywords_sections_png, top_n=top_n
            )
        if keyness and keyness_png:
            figures.save_keyness(read_tsv(keyness), section_table, keyness_png, top_n=top_n)
