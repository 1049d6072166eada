"""Reading an article's date: ISO 8601 or a strptime format, onto one time line.

``dates.time_zone`` says which wall clock a date with a UTC offset is read on:

* ``UTC`` (the default): converted to UTC, so that articles from every zone sort and group
  on one time line (the same instant, the same day everywhere);
* ``as_written``: the clock time as written, the offset dropped ("2025-04-01T08:00+09:00"
  is 1 April 08:00), the publication's local date, which is the day its readers saw;
* a zone name such as ``Asia/Tokyo``: converted to that zone's clock (daylight saving
  included), to study the outlets of one country on their own calendar.

A date without an offset is taken as written in every mode (so is an RFC 2822 date with
the offset ``-0000``, which says the zone is unknown); a Unix time (``dates.format:
unix`` or ``unix_ms``) is an instant in UTC, put on the configured clock (``as_written``
keeps UTC). A column that is already typed as timestamps (a Parquet file's, say) is used as
it is, whatever ``dates.format`` says: a zoned timestamp is put on the configured clock, a
plain one is taken as written.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable

import pandas as pd

from analysis.workflow_config import ConfigError

UTC = "UTC"
AS_WRITTEN = "as_written"
# ``dates.format`` values for Unix time: seconds or milliseconds since 1970-01-01 UTC, as
# APIs and databases export dates.
EPOCH_UNITS = {"unix": "s", "unix_ms": "ms"}
# ``dates.format`` value for the dates of RSS feeds and e-mail (RFC 2822), the source of
# many scraped news corpora: "Fri, 07 Feb 2025 14:30:00 GMT", "... -0500", "... EST".
RFC_2822 = "rfc2822"


def check_time_zone(time_zone: str) -> None:
    """Raise a one-line :class:`ConfigError` unless ``time_zone`` is a mode or a zone name."""
    if time_zone in (UTC, AS_WRITTEN):
        return
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"config error at dates.time_zone: {time_zone!r} is not {UTC}, {AS_WRITTEN} or a"
            " time zone name such as Asia/Tokyo"
        ) from None


def parse_dates(values: pd.Series, *, date_format: str | None, time_zone: str) -> pd.Series:
    """Parse dates (ISO 8601 unless a strptime format is given); unparseable ones become NaT.

    Args:
        values: Date strings (missing values allowed).
        date_format: A strptime format such as ``"%d/%m/%Y"``, ``unix`` or ``unix_ms`` for
            seconds or milliseconds since 1970-01-01 UTC, ``rfc2822`` for the dates of RSS
            feeds, or None for ISO 8601.
        time_zone: ``UTC``, ``as_written`` or a zone name (see the module docstring).

    Returns:
        Timestamps without a zone (``datetime64[ns]``), NaT where a value is missing or
        unparseable.
    """
    check_time_zone(time_zone)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return _on_clock(values, time_zone)
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.astype("datetime64[ns]")
    if date_format in EPOCH_UNITS:
        return _from_epoch(values, EPOCH_UNITS[date_format], time_zone)
    if date_format == RFC_2822:
        return _from_rfc2822(values, time_zone)
    text = values.astype("string").str.strip()
    instants = pd.to_datetime(text, format=date_format or "ISO8601", errors="coerce", utc=True)
    # Pandas reads a date without an offset as UTC, so this is the clock time written.
    utc_wall = instants.dt.tz_localize(None)
    if time_zone == UTC:
        return utc_wall.astype("datetime64[ns]")
    offset_of = _offset_parser(date_format)
    offsets = text.map({value: offset_of(value) for value in text.dropna().unique()})
    aware = offsets.notna() & instants.notna()
    if time_zone == AS_WRITTEN:
        local = utc_wall + pd.to_timedelta(offsets.where(aware))
    else:
        local = instants.dt.tz_convert(time_zone).dt.tz_localize(None)
    return utc_wall.where(~aware, local).astype("datetime64[ns]")


def _from_epoch(values: pd.Series, unit: str, time_zone: str) -> pd.Series:
    """Unix times (numbers, or numbers written as text) as instants on the configured clock;
    they carry no offset of their own, so ``as_written`` reads them in UTC."""
    numbers = pd.to_numeric(values.astype("string").str.strip(), errors="coerce")
    # A number this large is no date in any unit; left in, it can make the conversion raise.
    numbers = numbers.where(numbers.abs() < (1e14 if unit == "s" else 1e17))
    instants = pd.to_datetime(numbers, unit=unit, errors="coerce", utc=True)
    return _on_clock(instants, UTC if time_zone == AS_WRITTEN else time_zone)


def _from_rfc2822(values: pd.Series, time_zone: str) -> pd.Series:
    """RFC 2822 dates, each distinct text rewritten once as ISO 8601 and then read as ISO
    dates are, so that they go onto the configured clock the same way. The offset "-0000"
    (zone unknown) becomes no offset: taken as written."""
    # Imported here: only this format needs it, and this module loads with every workflow.
    from email.utils import parsedate_to_datetime

    def as_iso(value: str) -> str | None:
        try:
            return parsedate_to_datetime(value).isoformat()
        except (ValueError, TypeError, IndexError, OverflowError):
            return None

    text = values.astype("string").str.strip()
    iso = {value: as_iso(value) for value in text.dropna().unique()}
    return parse_dates(text.map(iso), date_format=None, time_zone=time_zone)


def _on_clock(instants: pd.Series, time_zone: str) -> pd.Series:
    """Zoned timestamps as wall-clock times on the clock that ``time_zone`` names."""
    if time_zone == AS_WRITTEN:
        wall = instants.dt.tz_localize(None)
    else:
        wall = instants.dt.tz_convert(time_zone).dt.tz_localize(None)
    return wall.astype("datetime64[ns]")


def _offset_parser(date_format: str | None) -> Callable[[str], dt.timedelta | None]:
    """A function giving a date string's UTC offset, or None when it has none (or is bad)."""

    def offset(value: str) -> dt.timedelta | None:
        try:
            if date_format:
                parsed = dt.datetime.strptime(value, date_format)
            else:
                parsed = pd.Timestamp(value).to_pydatetime()
        except (ValueError, TypeError, OverflowError):
            return None
        return parsed.utcoffset()

    return offset
