"""Writing and reading the pipeline's tidy TSV tables, atomically and reproducibly."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

FLOAT_FORMAT = "%.6f"
# Probabilities are written with six significant digits instead: with six decimals every
# p-value under 5e-7 would read 0.000000, hiding how strong an effect is.
P_VALUE_COLUMNS = ("p_value", "p_adjusted")
P_VALUE_FORMAT = "%.6g"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import (umask can only be read by setting it, which is not thread-safe), so
# results get the usual permissions (0644 with umask 022), not mkstemp's private 0600.
FILE_MODE = 0o666 & ~_current_umask()


_TEMPORARY_SUFFIX = ".tmp"


def temporary_file_target(name: str) -> str | None:
    """The file name that a temporary file of :func:`atomic_write_bytes` was written for
    (``.sentences.tsv.k3x9a1b2.tmp`` -> ``sentences.tsv``), or None for any other name."""
    match = re.fullmatch(rf"\.(.+)\.[^.]+{re.escape(_TEMPORARY_SUFFIX)}", name)
    return match.group(1) if match else None


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file: either the old content or the new.

    Args:
        path: Destination file; its folder is created if missing.
        data: The bytes to write.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*{_TEMPORARY_SUFFIX}"):
        stale.unlink(missing_ok=True)  # left by a run that was killed mid-write
    handle, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=_TEMPORARY_SUFFIX
    )
    try:
        # No fsync: the rename already keeps half-written files away from readers, and a
        # sync per table cost more than the analyses of a news-length article.
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(data)
            os.fchmod(tmp.fileno(), FILE_MODE)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def to_tsv_text(frame: pd.DataFrame) -> str:
    """Render a table as TSV text: header row, LF newlines, floats with six decimals
    (p-values, :data:`P_VALUE_COLUMNS`, with six significant digits: ``3.2e-58``).

    Fixed float formatting makes the bytes independent of tiny floating-point noise
    and of the platform's repr, so the same input gives byte-identical tables.

    Args:
        frame: The table; its index is not written.

    Returns:
        The TSV text.
    """
    p_values = [name for name in P_VALUE_COLUMNS if name in frame.columns]
    if p_values:
        frame = frame.assign(**{name: _significant_digits(frame[name]) for name in p_values})
    return frame.to_csv(sep="\t", index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def _significant_digits(column: pd.Series) -> pd.Series:
    """A float column as text in :data:`P_VALUE_FORMAT`; a missing value stays missing."""
    values = column.to_numpy(dtype=float, na_value=np.nan)
    text = [None if value != value else P_VALUE_FORMAT % value for value in values.tolist()]
    return pd.Series(text, index=column.index, dtype=object)


def nullable_integers(values: Sequence[object]) -> pd.api.extensions.ExtensionArray:
    """Ids as pandas' nullable ``Int64``: None, NaN and "" are missing, the rest ``int(v)``.

    Built from NumPy arrays: converting a column of a small frame with ``astype`` costs
    about a millisecond, which over 100,000 articles is minutes.

    Args:
        values: Whole numbers, their text, or gaps.

    Returns:
        The array.
    """
    missing = [v is None or v == "" or v != v for v in values]
    data = [0 if gap else int(v) for v, gap in zip(values, missing, strict=True)]
    return pd.arrays.IntegerArray(np.array(data, dtype=np.int64), np.array(missing, dtype=bool))


def id_column(values: Sequence[object]) -> Sequence[object]:
    """A column of ids: nullable ``Int64`` when every id is a whole number or missing (None),
    so that it joins the text model's tables; otherwise the values as they are (text ids).

    Args:
        values: One id per row.

    Returns:
        The column's values.
    """
    whole = all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values)
    return nullable_integers(values) if whole else values


def write_tsv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Atomically write ``frame`` as a UTF-8 TSV file (see :func:`to_tsv_text`).

    Args:
        frame: The table to write.
        path: Destination path.
    """
    atomic_write_bytes(path, to_tsv_text(frame).encode("utf-8"))


#: Columns of names and words, text even where a value reads as a number: article ids
#: such as "0001" (which would become 1, and "0001" and "1" one article), a keyword or term
#: "007", a heading "1984".
TEXT_COLUMNS = ("article", "title", "keyword", "term", "label", "actor", "mention", "text")


def read_tsv(path: str | os.PathLike[str], *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_tsv`, keeping text columns as text.

    Args:
        path: A TSV file with a header row.
        columns: Read only these columns (all if None): corpus jobs hold thousands of tables.

    Returns:
        The table, with empty cells as NaN and strings such as "NA" or "null" kept as text;
        the :data:`TEXT_COLUMNS` it has are text.

    Raises:
        ValueError: If a requested column is missing.
    """
    return pd.read_csv(
        path,
        sep="\t",
        keep_default_na=False,
        na_values=[""],
        usecols=columns,
        dtype=dict.fromkeys(TEXT_COLUMNS, str),
    )


# Parquet type of a column by name in a table schema (see :func:`write_parquet`).
ARROW_TYPES = {
    "string": "string",
    "int64": "int64",
    "float64": "float64",
    "bool": "bool",
    "timestamp": "timestamp[ns]",
}


def _arrow_column(values: pd.Series, kind: str | None):
    import pyarrow as pa

    if kind is not None and not isinstance(kind, str):  # an Arrow type
        values = values.astype("object").where(values.notna(), None)
        return pa.array(values, type=kind, from_pandas=True)
    if kind is not None:
        if kind == "string":
            values = (
                values.astype("object")
                .where(values.notna(), None)
                .map(lambda v: v if v is None else str(v))
            )
        return pa.array(values, type=pa.type_for_alias(ARROW_TYPES[kind]), from_pandas=True)
    if values.dtype != object:
        return pa.array(values, from_pandas=True)
    present = values.dropna()
    if present.empty:
        return pa.array(values.astype("object").where(values.notna(), None), type=pa.string())
    kinds = {type(v) for v in present}
    if kinds <= {int} or kinds <= {bool}:
        return pa.array(values, from_pandas=True)
    if kinds <= {int, float}:
        return pa.array(values.astype("float64"), from_pandas=True)
    return pa.array(values.where(values.isna(), values.astype(str)).where(values.notna(), None))


def arrow_column(values: pd.Series, kind: object = None):
    """One column as an Arrow array: of the given kind (a name in :data:`ARROW_TYPES` or an
    Arrow type), or inferred from its values; text is always Arrow's ``string`` type."""
    import pyarrow as pa

    array = _arrow_column(values, kind)
    if pa.types.is_large_string(array.type):
        array = array.cast(pa.string())
    return array


def parquet_bytes(frame: pd.DataFrame, *, schema: Mapping[str, object] | None = None) -> bytes:
    """Render a table as Parquet bytes, the same bytes for the same table.

    Columns of mixed Python values (e.g. a section id that is empty on article rows) are
    stored as their common type, or as text; ``schema`` (column -> one of
    :data:`ARROW_TYPES`) fixes a column's type where its values cannot tell it (a table
    with no rows), so every shard of a table has the same schema.

    Args:
        frame: The table; its index is not written.
        schema: Known column types.

    Returns:
        Zstandard-compressed Parquet.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = schema or {}
    arrays = [arrow_column(frame[c], schema.get(c)) for c in frame.columns]
    table = pa.Table.from_arrays(arrays, names=[str(c) for c in frame.columns])
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def write_parquet(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    schema: Mapping[str, object] | None = None,
) -> None:
    """Atomically write ``frame`` as a Parquet file (see :func:`parquet_bytes`)."""
    atomic_write_bytes(path, parquet_bytes(frame, schema=schema))


def read_parquet(
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    article: str | None = None,
    as_in_tsv: bool = True,
) -> pd.DataFrame:
    """Read a Parquet table (a file, or a folder of shard files) written by newsdag.

    Args:
        path: A Parquet file or a folder of them.
        columns: Read only these columns (all if None).
        article: Read only this article's rows (tables with an ``article`` column).
        as_in_tsv: Give the values as :func:`read_tsv` would from the same table written
            as TSV: empty text as NaN, whole numbers with gaps as floats. Otherwise whole
            numbers keep their type (nullable) and empty text stays empty.

    Returns:
        The table.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    filters = [("article", "==", article)] if article is not None else None
    table = pq.read_table(path, columns=list(columns) if columns else None, filters=filters)
    if as_in_tsv:
        frame = table.to_pandas()
        for name in frame.columns:
            if pa.types.is_string(table.schema.field(name).type) or pa.types.is_large_string(
                table.schema.field(name).type
            ):
                frame[name] = frame[name].replace("", np.nan)
        return frame
    mapper = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}.get
    return table.to_pandas(types_mapper=mapper)
