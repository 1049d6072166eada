"""Running a per-article stage over a shard: read its tables, loop over articles, write.

Each analysis stage exposes ``article_tables(**frames, **params)``: one article's input
tables in, its output tables out. Here that function is called for every article of a
shard, in one process, and the results are written as one Parquet file per table with
``article`` as the first column, so a whole corpus table is read with one call
(``pandas.read_parquet(folder)``, DuckDB's ``read_parquet('folder/*.parquet')``).
"""

from __future__ import annotations

import importlib
import itertools
import os
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.console import say
from analysis.reading import ArticleWarning
from analysis.stages.batching import shard_loop
from analysis.stages.logs import job_log
from analysis.stages.probe import column_types, probe_tables
from analysis.tables import read_parquet, write_parquet, write_tsv

Path = str | os.PathLike[str]


def write_tables(
    tables: Mapping[str, Sequence[pd.DataFrame]],
    outputs: Mapping[str, Path],
    *,
    article_first: bool = True,
    types: Callable[[], Mapping[str, pd.DataFrame]] | None = None,
) -> None:
    """Concatenate each table's per-article frames and write it to its output path.

    Args:
        tables: Table name -> frames, each with an ``article`` column.
        outputs: Table name -> Parquet path.
        article_first: Move the ``article`` column to the front.
        types: Gives reference tables (see :mod:`analysis.stages.probe`) whose column types
            are used where a table's own values cannot tell them (no rows, or only gaps).
    """
    for name, frames in tables.items():
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if article_first and "article" in frame:
            frame = frame[["article", *[c for c in frame.columns if c != "article"]]]
        schema = None
        if types is not None and _untyped(frame) and name in types():
            schema = {"article": "string", **column_types(types()[name])}
        write_parquet(frame, outputs[name], schema=schema)


def _untyped(frame: pd.DataFrame) -> bool:
    """Tell whether a table has a column whose type its values cannot tell."""
    return any(frame[c].dtype == object and frame[c].isna().all() for c in frame.columns)


def split_by_article(frame: pd.DataFrame, articles: Sequence[str]) -> Iterator[pd.DataFrame]:
    """Yield each article's rows of a shard table, without the ``article`` column.

    Rows are grouped by one stable sort on the article's position in ``articles``, then cut
    into contiguous slices: a shard's tables are written article by article, so the sort
    is usually a no-op, and slicing costs far less than grouping.

    Args:
        frame: A shard table with an ``article`` column.
        articles: The shard's articles, in order; one with no rows gets an empty frame.

    Yields:
        One frame per article, indexed from 0, as the per-article function expects.
    """
    body = frame.drop(columns=["article"])
    # Python strings: the per-article work does many small operations, and on frames of a
    # few hundred rows Arrow-backed strings cost more per operation than they save.
    for name in body.columns:
        if pd.api.types.is_string_dtype(body[name].dtype):
            body[name] = body[name].astype(object)
    positions = pd.Categorical(frame["article"], categories=list(articles)).codes
    if len(positions) and (np.diff(positions) < 0).any():
        order = np.argsort(positions, kind="stable")
        body, positions = body.take(order), positions[order]
    bounds = np.searchsorted(positions, np.arange(len(articles) + 1))
    for start, stop in itertools.pairwise(bounds):
        yield body.iloc[start:stop].reset_index(drop=True)


def with_article_column(frames: Sequence[pd.DataFrame], articles: Sequence[str]) -> pd.DataFrame:
    """Concatenate per-article frames with each one's article id as the first column."""
    if not frames:
        return pd.DataFrame({"article": pd.Series([], dtype=object)})
    table = pd.concat(frames, ignore_index=True)
    ids = np.repeat(np.asarray(articles, dtype=object), [len(f) for f in frames])
    table.insert(0, "article", ids)
    return table


def run_shard(
    *,
    stage: str,
    articles: Path,
    inputs: Mapping[str, Path],
    outputs: Mapping[str, Path],
    params: Mapping[str, object],
    log: Path | None = None,
) -> int:
    """Call ``analysis.stages.<stage>.article_tables`` for each article of a shard.

    An article that ``prepare`` left out of the analyses (its ``analysed`` column is False:
    its text does not read as English) gets the function's tables with no rows.

    Args:
        stage: The stage module's name, such as ``"sentiment"``.
        articles: The shard's ``articles`` table (its ids, in order).
        inputs: Argument name -> shard Parquet table, passed per article as frames.
        outputs: Output table name -> Parquet path.
        params: Tuning arguments of ``article_tables``.
        log: The job's log file.

    Returns:
        The number of articles in the shard.
    """
    module = importlib.import_module(f"analysis.stages.{stage}")
    with job_log(log, stage=stage) as logger, shard_loop():
        order = read_parquet(articles, as_in_tsv=False)
        frames = {name: read_parquet(path) for name, path in inputs.items()}
        per_article = {name: split_by_article(f, order["article"]) for name, f in frames.items()}
        results: dict[str, list[pd.DataFrame]] = {name: [] for name in outputs}
        for origin, analysed in zip(order["origin"], analysed_mask(order), strict=True):
            arguments = {name: next(parts) for name, parts in per_article.items()}
            if not analysed:
                arguments = {name: part.iloc[0:0] for name, part in arguments.items()}
            tables = _call(module.article_tables, arguments, params, origin, stage, logger)
            for name, table in tables.items():
                results[name].append(table)
        ids = list(order["article"])
        results = {name: [with_article_column(parts, ids)] for name, parts in results.items()}
        if order.empty:
            empty = {name: f.drop(columns=["article"]).iloc[0:0] for name, f in frames.items()}
            tables = module.article_tables(**empty, **params)
            results = {name: [t.assign(article="").iloc[0:0]] for name, t in tables.items()}
        write_tables(
            results,
            outputs,
            types=lambda: probe_tables(stage, list(inputs), params),
        )
        logger.info("%d articles", len(order))
        return len(order)


def run_shard_tables(
    *,
    stage: str,
    function: str,
    inputs: Mapping[str, Path],
    outputs: Mapping[str, Path],
    articles: Path | None = None,
    log: Path | None = None,
) -> None:
    """Call ``analysis.stages.<stage>.<function>(**frames)`` once on a whole shard's tables.

    For work that is faster over the shard at once than article by article (the term
    counts of the corpus topic model); the function returns tables with an ``article``
    column, written as by :func:`run_shard`.

    Args:
        stage: The stage module's name, such as ``"topics"``.
        function: The function's name in that module.
        inputs: Argument name -> shard Parquet table (with its ``article`` column).
        outputs: Output table name -> Parquet path.
        articles: The shard's ``articles`` table: the rows of articles it does not mark as
            analysed are left out of the inputs (None: every row is used).
        log: The job's log file.
    """
    module = importlib.import_module(f"analysis.stages.{stage}")
    with job_log(log, stage=f"{stage}_{function}") as logger, shard_loop():
        frames = {name: read_parquet(path) for name, path in inputs.items()}
        if articles is not None:
            order = read_parquet(articles, as_in_tsv=False)
            left_out = set(order.loc[~analysed_mask(order), "article"])
            if left_out:
                frames = {
                    n: f[~f["article"].isin(left_out)].reset_index(drop=True)
                    for n, f in frames.items()
                }
        tables = getattr(module, function)(**frames)
        write_tables({name: [tables[name]] for name in outputs}, outputs)
        for name in outputs:
            logger.info("%s: %d rows", name, len(tables[name]))


#: What an article's figures say when ``prepare`` left it out of the analyses.
LEFT_OUT_OF_ANALYSES = (
    "Not analysed: the text does not read as English (the articles table's warnings say why)."
)


def left_out(articles: Path, article: str) -> bool:
    """Tell whether ``prepare`` left an article out of the analyses.

    Args:
        articles: The ``articles`` table of the article's shard.
        article: The article's id.
    """
    return not analysed_mask(read_parquet(articles, article=article, as_in_tsv=False)).all()


def analysed_mask(articles: pd.DataFrame) -> pd.Series:
    """Whether each article of an ``articles`` table is analysed (its ``analysed`` column;
    every article, for a table without one), aligned with the table's rows."""
    if "analysed" not in articles.columns:
        return pd.Series(True, index=articles.index)
    return articles["analysed"].fillna(True).astype(bool)


def _call(function, arguments, params, origin, stage, logger) -> dict[str, pd.DataFrame]:
    """Call a per-article function; its :class:`ArticleWarning` become one line each."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArticleWarning)
        tables = function(**arguments, **params)
    for warning in caught:
        if warning.category is ArticleWarning:
            message = f"{origin}: {stage}: {warning.message}"
            logger.warning("%s", message)
            say(f"warning: {message}")
        else:
            logger.info("%s: %s", origin, warning.message)
    return tables


def export_article(
    *,
    article: str,
    tables: Mapping[str, Path],
    outputs: Mapping[str, Path],
    log: Path | None = None,
) -> None:
    """Write one article's rows of shard tables as the per-article TSV tables.

    Args:
        article: The article's id.
        tables: Table name -> the shard's Parquet table.
        outputs: Table name -> TSV path.
        log: The job's log file.
    """
    with job_log(log, stage="export"):
        for name, path in tables.items():
            frame = read_parquet(path, article=article, as_in_tsv=False)
            write_tsv(frame.drop(columns=["article"]), outputs[name])


def shard_reader(paths: Sequence[Path], columns: Sequence[str] | None = None):
    """A zero-argument callable that yields the shards of a corpus table, one at a time."""

    def shards() -> Iterator[pd.DataFrame]:
        for path in paths:
            yield read_parquet(path, columns=columns)

    return shards


def run_corpus(
    *,
    stage: str,
    inputs: Mapping[str, Sequence[Path]],
    outputs: Mapping[str, Path],
    params: Mapping[str, object],
    log: Path | None = None,
) -> None:
    """Call ``analysis.stages.<stage>.corpus_tables`` over whole corpus tables.

    Args:
        stage: The stage module's name.
        inputs: Argument name -> the shards of a corpus table; each argument is passed as a
            zero-argument callable yielding one shard's frame at a time, so memory holds
            one shard, not the corpus.
        outputs: Output table name -> path (``.tsv`` or ``.parquet``).
        params: Tuning arguments of ``corpus_tables``.
        log: The job's log file.
    """
    module = importlib.import_module(f"analysis.stages.{stage}")
    with job_log(log, stage=f"{stage}_corpus") as logger:
        readers = {name: shard_reader(paths) for name, paths in inputs.items()}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ArticleWarning)
            tables = module.corpus_tables(**readers, **params)
        for warning in caught:
            logger.warning("%s", warning.message)
            if warning.category is ArticleWarning:
                say(f"warning: corpus {stage}: {warning.message}")
        for name, path in outputs.items():
            if str(path).endswith(".parquet"):
                write_parquet(tables[name], path)
            else:
                write_tsv(tables[name], path)
            logger.info("%s: %d rows", name, len(tables[name]))
