"""Writing and reading the pipeline's tidy TSV tables, atomically and reproducibly."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.6f"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import (umask can only be read by setting it, which is not thread-safe), so
# results get the usual permissions (0644 with umask 022), not mkstemp's private 0600.
FILE_MODE = 0o666 & ~_current_umask()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file: either the old content or the new.

    Args:
        path: Destination file; its folder is created if missing.
        data: The bytes to write.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a run that was killed mid-write
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
    """Render a table as TSV text: header row, LF newlines, floats with six decimals.

    Fixed float formatting makes the bytes independent of tiny floating-point noise
    and of the platform's repr, so the same input gives byte-identical tables.

    Args:
        frame: The table; its index is not written.

    Returns:
        The TSV text.
    """
    return frame.to_csv(sep="\t", index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def write_tsv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Atomically write ``frame`` as a UTF-8 TSV file (see :func:`to_tsv_text`).

    Args:
        frame: The table to write.
        path: Destination path.
    """
    atomic_write_bytes(path, to_tsv_text(frame).encode("utf-8"))


def read_tsv(path: str | os.PathLike[str], *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_tsv`, keeping text columns as text.

    Args:
        path: A TSV file with a header row.
        columns: Read only these columns (all if None): corpus jobs hold thousands of tables.

    Returns:
        The table, with empty cells as NaN and strings such as "NA" or "null" kept as text.

    Raises:
        ValueError: If a requested column is missing.
    """
    return pd.read_csv(path, sep="\t", keep_default_na=False, na_values=[""], usecols=columns)
