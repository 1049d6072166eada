"""Checking corpus rows: ids, texts and dates, with one clear message per bad row."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.corpus.dates import parse_dates
from analysis.corpus.screening import has_words
from analysis.reading import is_valid_article_id, normalise_newlines

# The metadata every article may have, in table order; other columns are kept after them.
STANDARD_FIELDS = ("title", "date", "source", "author", "url")
#: The articles table's counts of each article's parts, written by the prepare step.
SIZE_COLUMNS = ("n_chars", "n_sections", "n_paragraphs", "n_sentences", "n_tokens")
RESERVED_IDS = frozenset({"corpus"})
# An id longer than this is more likely a wrong `columns.id` (a text column) than an id.
MAX_ID_CHARACTERS = 1000
# The column check_rows gives each kept row's id as the file has it, when its article name
# differs (a URL); staging keeps it as the metadata column ``original_id``.
ORIGINAL_ID = "__original_id"
# The column that readers give each row's place ("news.csv row 17"), for messages: a name no
# corpus uses, so that a file's own ``origin`` column is kept (staging shows the place as the
# articles table's ``origin`` and the file's column as ``origin_metadata``).
ORIGIN = "__origin"
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9_]+")
# An ISO 8601 date without a day ("2025", "2025-02"): read as the first day of its year or
# month.
_DAYLESS_DATE = re.compile(r"\s*\d{4}(?:-\d{2})?\s*")
# Control characters other than tab, newline and carriage return: text with many of them
# is binary data that was stored in a text column.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r") | {"\x7f"}
_MAX_CONTROL_SHARE = 0.01


@dataclass
class CheckedRows:
    """Rows that passed the checks, one message for each row that did not, and warnings
    about the rows kept."""

    rows: pd.DataFrame
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def text_problem(text: object, *, max_bytes: int) -> str | None:
    """Why a text cannot be analysed, or None if it can.

    Args:
        text: The text cell (anything a reader returned).
        max_bytes: Largest accepted size of the text in UTF-8.

    Returns:
        A short reason, such as "empty text", or None.
    """
    if isinstance(text, bytes | bytearray):
        return "the text cell holds bytes, not text (store the column as UTF-8 strings)"
    if not is_missing(text) and not isinstance(text, str):
        return f"the text cell is not text but {type(text).__name__} {str(text)[:40]!r}"
    if not isinstance(text, str) or not text.strip():
        return "empty text (no characters besides white space)"
    if "\x00" in text or sum(c in _CONTROL for c in text[:8192]) > _MAX_CONTROL_SHARE * min(
        len(text), 8192
    ):
        return "binary content, not text"
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        return f"invalid Unicode (an unpaired surrogate at character {error.start})"
    if size > max_bytes:
        return (
            f"text of {size:,} bytes is over the limit of {max_bytes:,} bytes"
            " (raise articles.max_bytes in the config to analyse it)"
        )
    if not has_words(text):
        return "no words (only punctuation or symbols)"
    return None


def is_missing(value: object) -> bool:
    """Whether a cell is a gap: None, NaN, NaT (a typed date column's gap) or NA. Lists and
    arrays (JSON or Parquet cells) are values, never gaps."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def id_text(article_id: object) -> str:
    """An id cell as text. A whole number stored as a float is written as the integer:
    an integer id column with one gap, or one id written 5.0, is read as floats by
    pandas, and "1.0" would be no valid id."""
    if isinstance(article_id, float | np.floating) and float(article_id).is_integer():
        return str(int(article_id))
    return str(article_id)


def id_problem(article_id: object) -> str | None:
    """Why a value cannot be an article id, or None if it can."""
    if is_missing(article_id):
        return "no id"
    text = id_text(article_id)
    if not text.strip():
        return "no id"
    if len(text) > MAX_ID_CHARACTERS:
        return (
            f"id of {len(text):,} characters (at most {MAX_ID_CHARACTERS:,}); does `columns.id`"
            " name the id column?"
        )
    return None


def is_own_name(article_id: str) -> bool:
    """Whether an id can name its results folder as it is: safe (letters, digits, ``_`` and
    ``-``, see :func:`analysis.reading.is_valid_article_id`) and not reserved, in any case
    (``corpus`` is the corpus tables' folder)."""
    return is_valid_article_id(article_id) and article_id.casefold() not in RESERVED_IDS


def article_name(article_id: str) -> str:
    """The folder-safe name an article goes by in the results, for an id as a corpus file
    gives it. A safe id (letters, digits, ``_`` and ``-``, see
    :func:`analysis.reading.is_valid_article_id`) is its own name. Any other id (a URL, a
    path such as ``world/2025/feb/07/summit``, a DOI, an id with spaces) or a reserved one
    (in any case) becomes its runs of letters, digits and ``_`` joined by ``-`` (at most
    100 characters), then ``-`` and 10 hex digits of the id's SHA-256, so that ids
    differing only in the characters dropped (or in case) keep names of their own.

    Args:
        article_id: The id as text.

    Returns:
        The article's name, such as ``https-x-test-news-1-5c1b9e0a7d``.
    """
    if is_own_name(article_id):
        return article_id
    slug = _UNSAFE_RUN.sub("-", article_id).strip("-_")[:100].rstrip("-_")
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def check_rows(
    frame: pd.DataFrame,
    *,
    max_bytes: int,
    date_format: str | None,
    time_zone: str,
    seen: dict[str, tuple[str, str]],
) -> CheckedRows:
    """Keep the rows that can be analysed; give every other row a one-line reason.

    Args:
        frame: Rows with :data:`ORIGIN` (file and row, for messages), ``id``, ``text`` and any
            of :data:`STANDARD_FIELDS` and other metadata, as read.
        max_bytes: Largest accepted text in UTF-8 bytes.
        date_format: See :func:`~analysis.corpus.dates.parse_dates`.
        time_zone: See :func:`~analysis.corpus.dates.parse_dates`.
        seen: Article names already taken, across files (case-folded name -> the id as
            given, origin); updated with this frame's. Ids that differ only in case count
            as taken: each article has a results folder named by its id, and on a
            case-insensitive file system (macOS, Windows) those folders would be one.

    Returns:
        The good rows (``id`` the article's name, :func:`article_name`, with the id as
        given in :data:`ORIGINAL_ID`; metadata as strings, ``date`` parsed, ``text`` with
        newlines normalised), the errors, each naming the file and row, and a warning when
        kept rows have ISO dates without a day (:func:`dayless_dates_warning`).
    """
    errors: list[str] = []
    dates = (
        parse_dates(frame["date"], date_format=date_format, time_zone=time_zone)
        if "date" in frame
        else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    )
    keep, kept_names, kept_ids = [], [], []
    for position, (origin, article_id, text, raw_date, date) in enumerate(
        zip(
            frame[ORIGIN],
            frame["id"],
            frame["text"],
            frame["date"] if "date" in frame else [None] * len(frame),
            dates,
            strict=True,
        )
    ):
        problem = id_problem(article_id) or text_problem(text, max_bytes=max_bytes)
        given = None if problem else id_text(article_id)
        name = None if problem else article_name(given)
        if problem is None and name.casefold() in seen:
            problem = _taken(given, *seen[name.casefold()])
        if problem is None and pd.isna(date) and _present(raw_date):
            hint = f"the format {date_format!r}" if date_format else "ISO 8601"
            problem = f"date {str(raw_date)[:40]!r} is not a date in {hint} (dates.format)"
        if problem is not None:
            errors.append(f"{origin}: {problem}; row skipped")
            continue
        seen[name.casefold()] = (given, origin)
        keep.append(position)
        kept_names.append(name)
        kept_ids.append(given)
    rows = frame.iloc[keep].copy()
    rows["id"] = kept_names
    rows[ORIGINAL_ID] = kept_ids
    rows["text"] = [normalise_newlines(text) for text in rows["text"]]
    warnings = []
    if date_format is None and "date" in rows:
        warnings = dayless_dates_warning(rows[ORIGIN], rows["date"])
    rows["date"] = dates.iloc[keep]
    return CheckedRows(rows.reset_index(drop=True), errors, warnings)


def dayless_dates_warning(origins: Iterable[str], raw_dates: Iterable[object]) -> list[str]:
    """One line when dates read as ISO 8601 give no day (``2025-02``, ``2025``).

    They are read as the first day of the month or year, so comparisons by day or week would
    place a month's articles on its first day; the line says how many, where the first is,
    and that ``compare.period`` can compare by month or year.

    Args:
        origins: Each row's file and row.
        raw_dates: Each row's date as read (text, or a number for a JSON or Parquet year).
    """
    dayless = [
        origin
        for origin, value in zip(origins, raw_dates, strict=True)
        if isinstance(value, str | int | np.integer) and _DAYLESS_DATE.fullmatch(str(value))
    ]
    if not dayless:
        return []
    counted = f"{len(dayless):,} dates in this file give" if len(dayless) > 1 else "a date gives"
    return [
        f"{dayless[0]}: {counted} no day (such as '2025-02' or '2025') and are read as the first"
        " day of their month or year; set compare.period to month or year, or days and weeks"
        " will show them on that first day"
    ]


def _taken(article_id: str, first_id: str, first_origin: str) -> str:
    """Why an id that an earlier row has taken (perhaps in other case) is refused."""
    if article_id == first_id:
        return f"duplicate id {article_id!r} (first at {first_origin})"
    return (
        f"id {article_id!r} differs only in case from id {first_id!r} (at {first_origin}),"
        " and their results folders would be one on a case-insensitive file system"
    )


def _present(value: object) -> bool:
    """Whether a cell holds a value: not a gap (:func:`is_missing`) nor only white space."""
    return not is_missing(value) and bool(str(value).strip())


def similar_column(wanted: str, columns: Iterable[object]) -> str | None:
    """A column named ``wanted`` but for case or spaces around it (``" date"`` from a header
    written ``id, text, date``), or None."""
    key = wanted.strip().casefold()
    return next((str(c) for c in columns if str(c).strip().casefold() == key), None)


def missing_field_hints(
    path: object, columns: Iterable[str], names: Mapping[str, str]
) -> list[str]:
    """One line for each metadata field whose column a file lacks but holds nested fields
    of (NewsAPI's ``source`` is ``{"id": ..., "name": ...}``, read as ``source.id`` and
    ``source.name``) or a column of that name in other case or with spaces around it,
    naming the setting that picks one; otherwise the field stays empty without a word.

    Args:
        path: The file, for the message.
        columns: The file's columns after :func:`standard_columns`.
        names: newsdag name -> the file's column name (the ``columns`` setting).
    """
    present = list(columns)
    hints = []
    for ours in STANDARD_FIELDS:
        if ours in present:
            continue
        nested = [c for c in present if str(c).startswith(f"{names[ours]}.")]
        similar = similar_column(names[ours], present)
        if similar is not None:
            hints.append(
                f"{path}: no column {names[ours]!r} for {ours}, but {similar!r} (other case, or"
                f" spaces around the name); set columns.{ours} to {similar!r} or fix the header"
            )
        elif nested:
            shown = ", ".join(nested[:6]) + (", ..." if len(nested) > 6 else "")
            hints.append(
                f"{path}: no column {names[ours]!r} for {ours}, but nested fields {shown};"
                f" set columns.{ours} to the one that holds it"
            )
    return hints


def standard_columns(frame: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Rename a corpus file's columns to newsdag's names (``id``, ``text``, ``title``...).

    Args:
        frame: The file's rows with their own column names.
        names: newsdag name -> the file's column name (from the ``columns`` setting).

    Returns:
        The frame with the mapped columns renamed (a column mapped to two of newsdag's names
        feeds both); other columns are kept as metadata.
    """
    ours_of: dict[str, list[str]] = {}
    for ours, theirs in names.items():
        if theirs in frame.columns:
            ours_of.setdefault(theirs, []).append(ours)
    columns: dict[str, pd.Series] = {}
    for column in frame.columns:
        # One file column may feed several of ours (a URL as the id and as the url).
        for ours in ours_of.get(column, []):
            columns[ours] = frame[column]
        if column not in ours_of:
            # A file column that happens to have one of our names but is mapped elsewhere is
            # kept under a distinct name, so it cannot be mistaken for ours.
            columns[f"{column}_original" if column in names else column] = frame[column]
    return pd.DataFrame(columns, index=frame.index)
