"""Periods and groups: which comparison cells each article belongs to.

Every comparison table is keyed by ``period``, ``group`` and ``value``:

* ``period`` is the label of a time bin (``2025-03-04`` for a day, the Monday ``2025-03-03``
  for an ISO week, ``2025-03`` for a month, ``2025`` for a year) or ``all`` for the whole span;
* ``group`` is a metadata column compared by (``source``, say) or ``all`` for the whole corpus,
  and ``value`` is the article's value of that column (``all`` when ``group`` is ``all``).

An article belongs to its period and to ``all``, crossed with the whole corpus and each of
its group values. An article without a date is in the ``all`` period only; an article
without a value of a group column is left out of that column's rows only. Both are counted
in :func:`coverage_table`.

An article may hold several values of one column: a list column (kept as JSON text, such
as ``["Ann Lee", "Bob Stone"]``) always, and a text column split at the separators that
``split_values`` gives it (a byline "Ann Lee; Bob Stone" at ``;``). Such an article is in
each of its values' cells, so the values' cells overlap; every comparison reads a cell's
own articles, and keyness compares a value with the column's *other articles*
(:mod:`analysis.compare.keyness`), never counting a shared article twice.

``period="auto"`` picks the finest resolution (day, week, month, year) whose span has from
``min_periods`` to ``max_periods`` periods and whose periods hold a median of at least
``min_articles_per_period`` dated articles (periods without articles count as 0): enough
periods to see a trend, enough articles in each to trust its mean. When none qualifies, the
coarsest resolution with at least two periods is used (a year, for a single-year corpus).
Stray dates (:func:`stray_dates`: placeholders such as 1900-01-01 or 1970-01-01, and typos)
take no part in that choice, or a six-month corpus with one of them would be compared by
year; their articles keep their own periods, and the coverage table names them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.compare.result import ComparisonResult
from analysis.console import counted

RESOLUTIONS = ("day", "week", "month", "year")
ALL = "all"
KEY_COLUMNS = ["period", "group", "value"]
COVERAGE_COLUMNS = [
    "variable",
    "n_articles",
    "n_present",
    "n_missing",
    "n_distinct",
    "first",
    "last",
    "note",
]
_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "year": "Y"}


@dataclass
class Grouping:
    """Output of :func:`group_articles`."""

    resolution: str | None  #: day, week, month or year; None without dates
    membership: pd.DataFrame  #: article, period, group, value (one row per cell of an article)
    coverage: pd.DataFrame  #: :data:`COVERAGE_COLUMNS`
    group_columns: list[str] = field(default_factory=list)  #: group columns with values
    reasons: list[str] = field(default_factory=list)  #: why a comparison was skipped

    @property
    def reason(self) -> str | None:
        """One line saying which comparisons were skipped and why (None when none was)."""
        return "; ".join(self.reasons) or None

    @property
    def is_empty(self) -> bool:
        """True when neither a time nor a group comparison is possible."""
        return self.resolution is None and not self.group_columns


def _naive_dates(dates: pd.Series) -> pd.Series:
    """Dates as timezone-naive datetimes (UTC wall time for aware ones), NaT when missing."""
    parsed = pd.to_datetime(dates, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed


def period_start(dates: pd.Series, resolution: str) -> pd.Series:
    """The first day of the period of each date (NaT stays NaT).

    Args:
        dates: Datetimes.
        resolution: One of :data:`RESOLUTIONS`; weeks start on Monday.

    Returns:
        Datetimes at midnight of each period's first day.

    Raises:
        ValueError: On an unknown resolution.
    """
    if resolution not in _FREQ:
        raise ValueError(f"period must be one of {', '.join(RESOLUTIONS)} or auto")
    dates = _naive_dates(dates)
    return dates.dt.to_period(_FREQ[resolution]).dt.start_time


def period_label(starts: pd.Series, resolution: str) -> pd.Series:
    """Text labels of period starts that sort chronologically (None for NaT)."""
    formats = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    labels = starts.dt.strftime(formats[resolution])
    return labels.astype(object).where(starts.notna(), None)


def _periods_in_span(dates: pd.Series, resolution: str) -> pd.DatetimeIndex:
    starts = period_start(dates.dropna(), resolution)
    return pd.period_range(starts.min(), starts.max(), freq=_FREQ[resolution]).start_time


def span_counts(dates: pd.Series, resolution: str) -> np.ndarray:
    """Dated articles in each period from the first to the last (empty periods are 0)."""
    starts = period_start(dates.dropna(), resolution)
    if starts.empty:
        return np.zeros(0, dtype=int)
    span = _periods_in_span(dates, resolution)
    counts = starts.value_counts()
    return counts.reindex(span, fill_value=0).to_numpy(dtype=int)


# A stray date lies this far beyond the nearer quartile of the corpus's dates: ten times the
# interquartile range, and at least a year (a one-day corpus has no spread at all).
_STRAY_IQRS = 10
_STRAY_MIN_DAYS = 365


def stray_dates(dates: pd.Series) -> pd.Series:
    """Which dates lie far outside the rest: placeholders and typos rather than news days.

    A date is stray when it lies more than ten interquartile ranges, and more than a year,
    beyond the nearer quartile of the corpus's dates.

    Args:
        dates: Article dates (NaT allowed: never stray).

    Returns:
        A boolean Series aligned with ``dates``.
    """
    dates = _naive_dates(dates)
    dated = dates.dropna()
    if dated.empty:
        return pd.Series(False, index=dates.index)
    low, high = dated.quantile([0.25, 0.75])
    reach = max(_STRAY_IQRS * (high - low), pd.Timedelta(days=_STRAY_MIN_DAYS))
    return ((dates < low - reach) | (dates > high + reach)).fillna(False)


def choose_resolution(
    dates: pd.Series,
    *,
    min_articles_per_period: int,
    min_periods: int,
    max_periods: int,
) -> str | None:
    """The ``auto`` resolution of a corpus's dates (see the module docstring).

    Args:
        dates: Article dates (NaT ignored).
        min_articles_per_period: Least median number of dated articles per period.
        min_periods: Fewest periods in the span.
        max_periods: Most periods in the span.

    Returns:
        One of :data:`RESOLUTIONS`, or None when no article has a date.
    """
    dates = _naive_dates(dates)
    if dates.notna().sum() == 0:
        return None
    dates = dates[~stray_dates(dates)]
    counts = {r: span_counts(dates, r) for r in RESOLUTIONS}
    for resolution in RESOLUTIONS:
        n = counts[resolution]
        fits = min_periods <= len(n) <= max_periods
        if fits and np.median(n) >= min_articles_per_period:
            return resolution
    for resolution in reversed(RESOLUTIONS):
        if len(counts[resolution]) >= 2:
            return resolution
    return "year"


def _split_value(value: object, separators: Sequence[str]) -> list[str]:
    """One metadata value's group values: a JSON list's items, or the text cut at each of
    ``separators``; runs of white space become one space, and empty pieces are dropped."""
    if value is None:
        return []
    text = str(value)
    pieces: list[object] = [text]
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            pieces = [item for item in parsed if item is not None]
    for separator in separators:
        pieces = [part for piece in pieces for part in str(piece).split(separator)]
    values = (" ".join(str(piece).split()) for piece in pieces)
    return list(dict.fromkeys(value for value in values if value))


def _group_values(column: pd.Series, separators: Sequence[str]) -> tuple[pd.Series, list[str], int]:
    """Each article's group values, with spellings of one value merged.

    Runs of white space become one space, and spellings that differ only in case count as
    the corpus's most frequent one (on a tie, the first in sort order): "reuters" and
    "REUTERS " join "Reuters" instead of splitting one outlet's articles into groups.

    Args:
        column: The metadata column, one value per article.
        separators: Where a text value holds several values (a JSON list always does).

    Returns:
        Each article's list of values (empty when it has none), one note per merged
        spelling ("'reuters' (3) as 'Reuters'"), and the number of articles with two or more
        values.
    """
    present = column.astype(object).where(column.notna(), None)
    lists = present.map(lambda value: _split_value(value, separators))
    counts = pd.Series([v for values in lists for v in values], dtype=object).value_counts()
    spelling: dict[str, str] = {}
    for value, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        spelling.setdefault(value.casefold(), value)
    merged = {v: spelling[v.casefold()] for v in counts.index if spelling[v.casefold()] != v}
    notes = [f"'{v}' ({counts[v]}) as '{merged[v]}'" for v in sorted(merged)]
    lists = lists.map(lambda values: list(dict.fromkeys(merged.get(v, v) for v in values)))
    return lists, notes, int((lists.map(len) > 1).sum())


def _group_note(distinct: list[str], merged_spellings: list[str], n_several: int) -> str:
    if not distinct:
        return "no values"
    notes = []
    if n_several:
        notes.append(
            f"{counted(n_several, 'article')} with two or more values, in each of their cells"
        )
    if merged_spellings:
        notes.append("spellings merged: " + "; ".join(merged_spellings))
    return "; ".join(notes)


def _coverage_row(variable: str, present: pd.Series, n_distinct: int, first, last, note: str):
    return {
        "variable": variable,
        "n_articles": len(present),
        "n_present": int(present.sum()),
        "n_missing": int((~present).sum()),
        "n_distinct": n_distinct,
        "first": first,
        "last": last,
        "note": note,
    }


def _date_coverage(dates: pd.Series, resolution: str | None, requested: str) -> dict:
    present = dates.notna()
    if resolution is None:
        return _coverage_row("date", present, 0, None, None, "no dates: no comparison over time")
    stray = stray_dates(dates)
    counts = span_counts(dates[~stray], resolution)
    how = "auto" if requested == "auto" else "set"
    note = (
        f"period {resolution} ({how}): {counted(len(counts), 'period')},"
        f" median {counted(float(np.median(counts)), 'article')} per period"
    )
    if stray.any():
        shown = ", ".join(sorted({d.strftime("%Y-%m-%d") for d in dates[stray]})[:5])
        note += (
            f"; {int(stray.sum())} stray dates far from the rest ({shown}), each in a period"
            " of its own and not counted here: check them"
        )
    first, last = dates.min(), dates.max()
    return _coverage_row(
        "date", present, len(counts), first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d"), note
    )


def _membership(
    articles: pd.Series, periods: pd.Series, groups: dict[str, pd.Series]
) -> pd.DataFrame:
    """One row per (article, period or all, group value or all); ``groups`` holds each
    article's list of values per column."""
    base = pd.DataFrame({"article": articles.to_numpy(), "period": periods.to_numpy()})
    pieces = [base.assign(group=ALL, value=ALL)]
    for name, lists in groups.items():
        values = lists.explode().dropna()  # an article once per value, none without
        piece = base.loc[values.index].assign(group=name, value=values.to_numpy())
        pieces.append(piece)
    cells = pd.concat(pieces, ignore_index=True)
    dated = cells[cells["period"].notna()]
    frame = pd.concat([dated, cells.assign(period=ALL)], ignore_index=True)
    frame = frame[["article", *KEY_COLUMNS]].astype(str)
    return frame.sort_values(["article", *KEY_COLUMNS], kind="mergesort").reset_index(drop=True)


def group_articles(
    articles: pd.DataFrame,
    *,
    period: str,
    group_by: Sequence[str],
    min_articles_per_period: int,
    min_periods: int,
    max_periods: int,
    split_values: Mapping[str, Sequence[str]],
) -> Grouping:
    """Assign every article to its comparison cells and count what is missing.

    Args:
        articles: Article metadata: ``article``, ``date`` (datetime, NaT when missing) and the
            ``group_by`` columns (any may be absent).
        period: ``day``, ``week``, ``month``, ``year`` or ``auto``.
        group_by: Metadata columns to compare by.
        min_articles_per_period: See :func:`choose_resolution`.
        min_periods: See :func:`choose_resolution`.
        max_periods: See :func:`choose_resolution`.
        split_values: Group column -> the separators at which one of its text values holds
            several values (a byline's ``;``); a JSON list is always several values.

    Returns:
        The grouping; its ``reason`` names the comparisons skipped (no dates, a group column
        absent or empty).

    Raises:
        ValueError: On an unknown period or a missing ``article`` column.
    """
    if period != "auto" and period not in RESOLUTIONS:
        raise ValueError(f"period must be one of {', '.join(RESOLUTIONS)} or auto, got {period!r}")
    if "article" not in articles.columns:
        raise ValueError("articles need an 'article' column")
    ids = articles["article"].astype(str).reset_index(drop=True)
    if "date" in articles.columns:
        dates = _naive_dates(articles["date"].reset_index(drop=True))
    else:
        dates = pd.Series(pd.NaT, index=ids.index, dtype="datetime64[ns]")
    reasons: list[str] = []
    resolution = None
    if dates.notna().any():
        resolution = (
            choose_resolution(
                dates,
                min_articles_per_period=min_articles_per_period,
                min_periods=min_periods,
                max_periods=max_periods,
            )
            if period == "auto"
            else period
        )
    else:
        reasons.append("no article has a date, so nothing is compared over time")
    periods = (
        period_label(period_start(dates, resolution), resolution)
        if resolution
        else pd.Series([None] * len(ids), dtype=object)
    )
    coverage = [_date_coverage(dates, resolution, period)]
    groups: dict[str, pd.Series] = {}
    for name in group_by:
        if name not in articles.columns:
            reasons.append(f"no '{name}' column in the metadata, so nothing is compared by {name}")
            empty = pd.Series(False, index=ids.index)
            coverage.append(_coverage_row(name, empty, 0, None, None, "column absent"))
            continue
        values, merged_spellings, n_several = _group_values(
            articles[name].reset_index(drop=True), split_values.get(name, ())
        )
        present = values.map(len) > 0
        if not present.any():
            reasons.append(f"no article has a '{name}' value, so nothing is compared by {name}")
        else:
            groups[name] = values
        distinct = sorted({value for listed in values for value in listed})
        coverage.append(
            _coverage_row(
                name,
                present,
                len(distinct),
                distinct[0] if distinct else None,
                distinct[-1] if distinct else None,
                _group_note(distinct, merged_spellings, n_several),
            )
        )
    membership = _membership(ids, periods, groups)
    return Grouping(
        resolution=resolution,
        membership=membership,
        coverage=pd.DataFrame(coverage, columns=COVERAGE_COLUMNS),
        group_columns=list(groups),
        reasons=reasons,
    )


def sort_keys(frame: pd.DataFrame, extra: Sequence[str] = ()) -> pd.DataFrame:
    """Sort a comparison table: dated periods in order before ``all``, whole corpus first."""
    order = frame.assign(
        _period_all=frame["period"] == ALL,
        _group_all=frame["group"] != ALL,
        _value_all=frame["value"] != ALL,
    )
    keys = ["_period_all", "period", "_group_all", "group", "_value_all", "value", *extra]
    order = order.sort_values(keys, kind="mergesort")
    return order.drop(columns=["_period_all", "_group_all", "_value_all"]).reset_index(drop=True)


def comparison_coverage(
    articles: pd.DataFrame,
    *,
    period: str,
    group_by: Sequence[str],
    n_left_out: int = 0,
    **grouping_options,
) -> ComparisonResult:
    """The ``compare_coverage`` table: dates and group values present and missing.

    Args:
        articles: Article metadata (see :func:`group_articles`) of the articles compared.
        period: Time resolution, or ``auto``.
        group_by: Metadata columns to compare by.
        n_left_out: Articles of the corpus left out of the analyses (not in English); each
            row's note counts them, since its ``n_articles`` does not.
        **grouping_options: ``min_articles_per_period``, ``min_periods``, ``max_periods``,
            ``split_values``.

    Returns:
        Table ``compare_coverage`` (:data:`COVERAGE_COLUMNS`: one row for ``date`` and one per
        group column), and the reason line of the comparisons skipped.
    """
    grouping = group_articles(articles, period=period, group_by=group_by, **grouping_options)
    coverage = grouping.coverage
    if n_left_out:
        left_out = (
            f"{counted(n_left_out, 'article')} not in English left out (articles.english_only)"
        )
        notes = coverage["note"].fillna("").astype(str)
        coverage = coverage.assign(note=[f"{n}; {left_out}" if n else left_out for n in notes])
    return ComparisonResult({"compare_coverage": coverage}, grouping.reason)
