"""DuckDB queries that build the comparisons' inputs from the corpus's Parquet datasets.

A dataset is a folder of ``shard-*.parquet`` files of one per-article table (``article`` is
its first column). Queries read only the columns they need and aggregate inside DuckDB, so
50 million token rows never become a pandas frame. Shards are read by column name, so a shard
written before a column was added still reads (the column is empty there). Every result is
sorted; queries that sum floats run on one thread so the same files give the same bits.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.compare.periods import ALL
from analysis.topics.terms import CONTENT_POS_PREFIXES, LIGHT_VERBS

Source = str | os.PathLike[str] | pd.DataFrame


MEMORY_LIMIT = "256MB"  # 100,000 articles need no more; DuckDB spills to disk beyond it


def connect(*, threads: int = 1, memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection limited to ``threads`` threads and ``memory_limit``.

    Every query orders its result, so insertion order need not be kept (it costs memory).
    """
    connection = duckdb.connect()
    connection.execute(f"SET threads TO {int(threads)}")
    connection.execute("SET preserve_insertion_order TO false")
    connection.execute(f"SET memory_limit = '{memory_limit}'")
    return connection


def _scan(folder: str | os.PathLike[str]) -> str:
    pattern = str(Path(folder) / "*.parquet").replace("'", "''")
    return f"read_parquet('{pattern}', union_by_name = true)"


def has_data(folder: str | os.PathLike[str]) -> bool:
    """True when ``folder`` holds at least one Parquet file."""
    return Path(folder).is_dir() and any(Path(folder).glob("*.parquet"))


def table_columns(folder: str | os.PathLike[str]) -> list[str]:
    """The columns of a dataset (empty when the folder has no Parquet file)."""
    if not has_data(folder):
        return []
    with connect() as connection:
        rows = connection.execute(f"DESCRIBE SELECT * FROM {_scan(folder)}").fetchall()
    return [row[0] for row in rows]


def _view(connection: duckdb.DuckDBPyConnection, name: str, source: Source) -> None:
    """Make ``source`` (a dataset folder or a DataFrame) queryable as ``name``."""
    if isinstance(source, pd.DataFrame):
        connection.register(name, source)
    else:
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM {_scan(source)}")


def read_table(
    folder: str | os.PathLike[str], columns: list[str] | None = None, *, where: str = ""
) -> pd.DataFrame:
    """Read a dataset's columns (those it has, in the order asked), sorted by ``article``.

    Args:
        folder: Dataset folder.
        columns: Columns to read (None: all); columns the dataset lacks are left out.
        where: Optional SQL condition on the rows.

    Returns:
        The rows; an empty frame with the asked columns when the folder has no data.
    """
    present = table_columns(folder)
    if not present:
        return pd.DataFrame(columns=columns or ["article"])
    wanted = [c for c in (columns or present) if c in present]
    select = ", ".join(f'"{c}"' for c in wanted)
    order = ", ".join(f'"{c}"' for c in wanted if c in ("article", "sentence_id", "topic", "actor"))
    query = f"SELECT {select} FROM {_scan(folder)}"
    query += f" WHERE {where}" if where else ""
    query += f" ORDER BY {order}" if order else ""
    with connect() as connection:
        return connection.execute(query).df()


def article_sentiment(sections_folder: str | os.PathLike[str]) -> pd.DataFrame:
    """Each article's overall headline sentiment: ``article``, ``sentiment``.

    Args:
        sections_folder: The ``sentiment_sections`` dataset.

    Returns:
        One row per article (its ``scope = 'article'``, ``measure = 'sentiment'`` row).
    """
    frame = read_table(
        sections_folder,
        ["article", "mean"],
        where="scope = 'article' AND measure = 'sentiment'",
    )
    return frame.rename(columns={"mean": "sentiment"}).reindex(columns=["article", "sentiment"])


def sentence_labels(
    sentences_folder: str | os.PathLike[str],
    *,
    threshold: float,
    column: str = "sentiment",
    threads: int = 2,
) -> pd.DataFrame:
    """Sentences per article by polarity of the headline score (neutral within ±threshold).

    Args:
        sentences_folder: The ``sentiment_sentences`` dataset.
        threshold: Half-width of the neutral band (strict inequalities, as per article).
        column: Score column.
        threads: DuckDB threads (the counts are integers, so any number gives the same result).

    Returns:
        Columns ``article``, ``n_sentences``, ``n_positive``, ``n_neutral``, ``n_negative``.
    """
    columns = ["article", "n_sentences", "n_positive", "n_neutral", "n_negative"]
    if column not in table_columns(sentences_folder):
        return pd.DataFrame(columns=columns)
    t = float(threshold)
    query = f"""
        SELECT article, count("{column}") AS n_sentences,
               count(*) FILTER (WHERE "{column}" > {t}) AS n_positive,
               count(*) FILTER (WHERE "{column}" BETWEEN {-t} AND {t}) AS n_neutral,
               count(*) FILTER (WHERE "{column}" < {-t}) AS n_negative
        FROM {_scan(sentences_folder)} GROUP BY article ORDER BY article"""
    with connect(threads=threads) as connection:
        return connection.execute(query).df()


def article_actors(mentions_folder: str | os.PathLike[str]) -> pd.DataFrame:
    """Each article's actors from the ``sentiment_mentions`` dataset: every actor the article
    names, however often (the ``sentiment_entities`` table keeps each article's most-named).

    Args:
        mentions_folder: The ``sentiment_mentions`` dataset.

    Returns:
        Columns ``article``, ``actor``, ``actor_type``, ``n_mentions`` and
        ``target_sentiment`` (the mean over the article's mentions of the actor), sorted by
        article and actor.
    """
    columns = ["article", "actor", "actor_type", "n_mentions", "target_sentiment"]
    if not {"article", "actor", "target_sentiment"} <= set(table_columns(mentions_folder)):
        return pd.DataFrame(columns=columns)
    query = f"""
        SELECT article, actor, min(actor_type) AS actor_type, count(*) AS n_mentions,
               avg(target_sentiment) AS target_sentiment
        FROM {_scan(mentions_folder)} GROUP BY article, actor ORDER BY article, actor"""
    with connect() as connection:  # one thread: the means' bits do not depend on scheduling
        return connection.execute(query).df()


def _content_filter() -> str:
    prefixes = " OR ".join(f"starts_with(pos, '{p}')" for p in CONTENT_POS_PREFIXES)
    return f"""({prefixes})
        AND NOT coalesce(TRY_CAST(is_stopword AS BOOLEAN), false)
        AND length(term) > 1 AND regexp_matches(term, '[a-z]')
        AND term NOT IN (SELECT word FROM excluded)"""


def _register_excluded(connection: duckdb.DuckDBPyConnection) -> None:
    words = sorted(ENGLISH_STOP_WORDS | LIGHT_VERBS)
    connection.register("excluded", pd.DataFrame({"word": words}))


def group_term_counts(
    tokens_folder: str | os.PathLike[str],
    membership: pd.DataFrame,
    *,
    by_period: bool,
    threads: int = 2,
) -> pd.DataFrame:
    """Content-word lemma counts and the articles using each, per comparison cell (DuckDB).

    Content words are those of the topic model (noun, adjective or verb tags; no stop word
    or light verb; a letter; two characters or more), counted by lower-cased lemma.

    Args:
        tokens_folder: The ``tokens`` dataset.
        membership: ``Grouping.membership`` (article, period, group, value).
        by_period: Also count per period (otherwise only the ``all`` period).
        threads: DuckDB threads (integer counts: any number gives the same result).

    Returns:
        Columns ``period``, ``group``, ``value``, ``term``, ``count`` (uses), ``articles``
        (the cell's articles that use the term), ``n_articles`` (the cell's articles), for
        group columns only (not the whole-corpus ``all`` group), sorted.
    """
    cells = _compared_cells(membership, by_period=by_period)
    return _term_counts(tokens_folder, cells, ["period", "group", "value"], threads=threads)


def column_term_counts(
    tokens_folder: str | os.PathLike[str],
    membership: pd.DataFrame,
    *,
    by_period: bool,
    threads: int = 2,
) -> pd.DataFrame:
    """As :func:`group_term_counts`, per group column: its articles with any value, each once.

    Where an article holds several values of a column (two authors), the column's cells
    overlap and their sums count it twice; these are the column's own counts.

    Returns:
        Columns ``period``, ``group``, ``term``, ``count``, ``articles``, ``n_articles``.
    """
    cells = _compared_cells(membership, by_period=by_period)
    cells = cells.drop_duplicates(["article", "period", "group"])
    return _term_counts(tokens_folder, cells, ["period", "group"], threads=threads)


def has_shared_articles(membership: pd.DataFrame) -> bool:
    """Whether an article holds two or more values of one group column in a period."""
    compared = membership[membership["group"] != ALL]
    return bool(compared.duplicated(["article", "period", "group"]).any())


def _compared_cells(membership: pd.DataFrame, *, by_period: bool) -> pd.DataFrame:
    cells = membership[membership["group"] != ALL]
    return cells if by_period else cells[cells["period"] == ALL]


def _term_counts(
    tokens_folder: str | os.PathLike[str],
    cells: pd.DataFrame,
    keys: Sequence[str],
    *,
    threads: int,
) -> pd.DataFrame:
    """Content-word counts and articles per ``keys`` of ``cells`` (article and ``keys``)."""
    columns = [*keys, "term", "count", "articles", "n_articles"]
    if cells.empty or not has_data(tokens_folder):
        return pd.DataFrame(columns=columns)
    plain, quoted, used = (", ".join(f'{side}"{key}"' for key in keys) for side in ("", "c.", "u."))
    # Join first, then count per cell: the hash table holds cells x terms (and each one's
    # distinct articles), not articles x terms x cells.
    query = f"""
        WITH tokens AS (SELECT article, lower(lemma) AS term, pos, is_stopword
                        FROM {_scan(tokens_folder)}),
        used AS (
            SELECT {quoted}, t.term, count(*)::BIGINT AS "count",
                   count(DISTINCT t.article)::BIGINT AS articles
            FROM tokens t JOIN cells c ON c.article = t.article
            WHERE {_content_filter()}
            GROUP BY {quoted}, t.term),
        sizes AS (SELECT {plain}, count(*)::BIGINT AS n_articles
                  FROM cells GROUP BY {plain})
        SELECT u.*, s.n_articles
        FROM used u JOIN sizes s USING ({plain})
        ORDER BY {used}, u.term"""
    with connect(threads=threads) as connection:
        _register_excluded(connection)
        connection.register("cells", cells[["article", *keys]])
        return connection.execute(query).df()[columns]


def period_topic_terms(
    tokens_folder: str | os.PathLike[str],
    document_topics: Source,
    topic_terms: pd.DataFrame,
    membership: pd.DataFrame,
    *,
    threads: int = 1,
) -> pd.DataFrame:
    """Topic-weighted counts of each topic's terms per period (for ``topic_terms_over_time``).

    A term's weight for topic t in period p is the sum over p's articles of the term's count
    in the article times the article's weight for t. Only single-word terms of each topic's
    ``topic_terms`` list are counted (noun bigrams are not tokens).

    Args:
        tokens_folder: The ``tokens`` dataset.
        document_topics: The ``document_topics`` dataset folder, or the table itself.
        topic_terms: The corpus ``topic_terms`` table (topic, term).
        membership: ``Grouping.membership``.
        threads: DuckDB threads; 1 keeps float sums bit-identical between runs.

    Returns:
        Columns ``period``, ``topic``, ``term``, ``weight``, sorted.
    """
    columns = ["period", "topic", "term", "weight"]
    periods = membership.loc[
        (membership["group"] == ALL) & (membership["period"] != ALL), ["article", "period"]
    ]
    if periods.empty or topic_terms.empty or not has_data(tokens_folder):
        return pd.DataFrame(columns=columns)
    vocabulary = topic_terms[["topic", "term"]].astype({"topic": int, "term": str})
    vocabulary = vocabulary[~vocabulary["term"].str.contains(" ", regex=False)].drop_duplicates()
    # One row per token of a topic's list, joined to its article's weight for that topic and
    # summed per period: the hash table holds periods x topic terms, not articles x terms.
    query = f"""
        WITH tokens AS (SELECT article, lower(lemma) AS term FROM {_scan(tokens_folder)})
        SELECT p.period, v.topic, t.term, round(sum(d.weight), 9) AS weight
        FROM tokens t
        JOIN vocabulary v ON v.term = t.term
        JOIN document_topics d ON d.article = t.article AND d.topic = v.topic
        JOIN periods p ON p.article = t.article
        GROUP BY p.period, v.topic, t.term
        ORDER BY p.period, v.topic, t.term"""
    with connect(threads=threads) as connection:
        connection.register("vocabulary", vocabulary)
        connection.register("periods", periods)
        _view(connection, "document_topics_source", document_topics)
        connection.execute(
            "CREATE TEMP TABLE document_topics AS SELECT CAST(article AS VARCHAR) AS article, "
            "CAST(topic AS INTEGER) AS topic, weight FROM document_topics_source"
        )
        return connection.execute(query).df()
