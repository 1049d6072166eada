"""Stage ``prepare``: read and check an article, then write its text-model tables."""

from __future__ import annotations

import os

from analysis.document import analyse_structure
from analysis.reading import ArticleError, read_article
from analysis.stages.logs import job_log
from analysis.stats import section_statistics
from analysis.tables import write_tsv

Path = str | os.PathLike[str]


def run(
    *,
    article: Path,
    sections: Path,
    paragraphs: Path,
    sentences: Path,
    tokens: Path,
    section_stats: Path,
    detect_headings: bool,
    max_bytes: int,
    log: Path | None = None,
) -> None:
    """Write the sections, paragraphs, sentences, tokens and section-statistics tables.

    Args:
        article: The article file.
        sections: Output path of ``sections.tsv``.
        paragraphs: Output path of ``paragraphs.tsv``.
        sentences: Output path of ``sentences.tsv``.
        tokens: Output path of ``tokens.tsv``.
        section_stats: Output path of ``section_stats.tsv``.
        detect_headings: Split sections at title-like lines.
        max_bytes: Largest accepted article file.
        log: The job's log file.

    Raises:
        StageError: if the article cannot be read or holds no sentences.
    """
    with job_log(log, stage="prepare") as logger:
        text = read_article(article, max_bytes=max_bytes)
        document = analyse_structure(text, detect_headings=detect_headings)
        if document.sentences.empty:
            raise ArticleError(f"{article}: no body text (only headings or punctuation)")
        logger.info(
            "%s: %d sections, %d paragraphs, %d sentences, %d tokens",
            article,
            len(document.sections),
            len(document.paragraphs),
            len(document.sentences),
            len(document.tokens),
        )
        write_tsv(document.sections, sections)
        write_tsv(document.paragraphs, paragraphs)
        write_tsv(document.sentences, sentences)
        write_tsv(document.tokens, tokens)
        stats = section_statistics(document.sections, document.sentences, document.tokens)
        write_tsv(stats, section_stats)
