"""Stage ``prepare``: cut each article into sections, paragraphs, sentences and tokens.

``article_tables(text=...)`` gives one article's text-model tables; ``run_shard(...)``
does it for every article of a staged shard and adds the shard's ``articles`` table
(metadata, sizes and warnings of each article).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping

import pandas as pd

from analysis.console import say
from analysis.corpus.records import SIZE_COLUMNS
from analysis.corpus.screening import text_warnings
from analysis.document import analyse_structure, unusable_reason
from analysis.language import not_english_reason
from analysis.reading import ArticleWarning
from analysis.stages.batching import shard_loop
from analysis.stages.logs import job_log
from analysis.stages.probe import probe_tables
from analysis.stages.shards import with_article_column, write_tables
from analysis.stats import section_statistics
from analysis.tables import read_parquet

Path = str | os.PathLike[str]
TABLES = ("sections", "paragraphs", "sentences", "tokens", "section_stats")
# What becomes of an article that does not read as English, by articles.english_only.
NOT_ENGLISH = {
    True: "left out of sentiment, keywords, topics and comparisons (articles.english_only)",
    False: "the English models will give unreliable results",
}


def article_tables(
    *, text: str, detect_headings: bool, line_breaks: str, drop_boilerplate: bool
) -> dict[str, pd.DataFrame]:
    """The text-model tables of one article.

    Args:
        text: The article's normalised text.
        detect_headings: Split sections at title-like lines.
        line_breaks: Line breaks inside paragraphs: ``auto`` (detect hard-wrapped text),
            ``paragraph`` (each line break ends a paragraph) or ``wrap``.
        drop_boilerplate: Leave rights notices and wire credits out of the sentences.

    Returns:
        Tables ``sections``, ``paragraphs``, ``sentences``, ``tokens`` and
        ``section_stats``. An article with no body text (only headings or punctuation)
        gets tables without sentences and an :class:`ArticleWarning`.
    """
    document = analyse_structure(
        text,
        detect_headings=detect_headings,
        line_breaks=line_breaks,
        drop_boilerplate=drop_boilerplate,
    )
    reason = unusable_reason(document)
    if reason is not None:
        warnings.warn(reason, ArticleWarning, stacklevel=2)
    stats = section_statistics(document.sections, document.sentences, document.tokens)
    return {
        "sections": document.sections,
        "paragraphs": document.paragraphs,
        "sentences": document.sentences,
        "tokens": document.tokens,
        "section_stats": stats,
    }


def run_shard(
    *,
    staged: Path,
    outputs: Mapping[str, Path],
    detect_headings: bool,
    line_breaks: str,
    drop_boilerplate: bool,
    english_only: bool,
    log: Path | None = None,
) -> int:
    """Write the text-model tables and the ``articles`` table of one staged shard.

    Args:
        staged: The staged shard (article, text, metadata, origin).
        outputs: Table name -> output Parquet path, for :data:`TABLES` and ``articles``.
        detect_headings: Passed to :func:`article_tables`.
        line_breaks: Passed to :func:`article_tables`.
        drop_boilerplate: Passed to :func:`article_tables`.
        english_only: Mark an article whose text does not read as English
            (:func:`analysis.language.not_english_reason`) as not analysed: the analyses give
            it no rows. Its text-model tables are written all the same, and either way its
            warning says so.
        log: The job's log file.

    Returns:
        The number of articles in the shard.
    """
    options = {
        "detect_headings": detect_headings,
        "line_breaks": line_breaks,
        "drop_boilerplate": drop_boilerplate,
    }
    with job_log(log, stage="prepare") as logger, shard_loop():
        shard = read_parquet(staged, as_in_tsv=False)
        tables: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
        sizes, notes, analysed = [], [], []
        for text, origin in zip(shard["text"], shard["origin"], strict=True):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ArticleWarning)
                result = article_tables(text=text, **options)
            found = text_warnings(text, source=origin)
            found += [f"{origin}: {w.message}" for w in caught if w.category is ArticleWarning]
            language = not_english_reason(result["tokens"]["token"])
            if language is not None:
                outcome = NOT_ENGLISH[english_only]
                found.append(f"{origin}: does not look like English ({language}); {outcome}")
            analysed.append(language is None or not english_only)
            for message in found:
                logger.warning("%s", message)
                say(f"warning: {message}")
            for name in TABLES:
                tables[name].append(result[name])
            sizes.append(_sizes(text, result))
            notes.append("; ".join(found))
        ids = shard["article"].tolist()
        tables = {name: [with_article_column(frames, ids)] for name, frames in tables.items()}
        if shard.empty:  # still write every table, with its columns
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ArticleWarning)
                empty = article_tables(text="", **options)
            tables = {name: [frame.assign(article="").iloc[0:0]] for name, frame in empty.items()}
        write_tables(tables, outputs, types=lambda: probe_tables("prepare", (), {}))
        articles = _articles_table(shard, sizes, notes, analysed)
        write_tables({"articles": [articles]}, outputs, article_first=False)
        logger.info("%d articles", len(shard))
        return len(shard)


def _sizes(text: str, result: Mapping[str, pd.DataFrame]) -> tuple[int, ...]:
    """The article's :data:`~analysis.corpus.records.SIZE_COLUMNS`, in order."""
    parts = ("sections", "paragraphs", "sentences", "tokens")
    return (len(text), *(len(result[part]) for part in parts))


def _articles_table(
    shard: pd.DataFrame, sizes: list[tuple[int, ...]], notes: list[str], analysed: list[bool]
) -> pd.DataFrame:
    """One row per article: its metadata, where it came from, its sizes, whether the
    analyses use it, and its warnings."""
    metadata = shard.drop(columns=["text"])
    counts = pd.DataFrame(sizes, columns=list(SIZE_COLUMNS)).astype("int64")
    table = pd.concat([metadata.reset_index(drop=True), counts], axis=1)
    table["analysed"] = pd.Series(analysed, dtype="bool")
    table["warnings"] = pd.Series(notes, dtype="string") if notes else pd.Series(dtype="string")
    return table
