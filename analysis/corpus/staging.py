"""Staging a corpus: read and check every article once, then write it out shard by shard.

Each shard's articles go to one Parquet file that is rewritten only when one of its
articles (or their metadata) changed. The shard's jobs take that file as input, so editing
one article reruns one shard; a first run in a fresh checkout writes every file anew, so
every job runs once and Snakemake records it. An index remembers what the input files
looked like, so later invocations (dry runs, cluster jobs) skip the reading altogether.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.corpus.dates import check_time_zone
from analysis.corpus.files import CorpusFileError, expand_inputs, read_corpus_file
from analysis.corpus.folder import METADATA_FILE, article_record, read_folder
from analysis.corpus.records import (
    ORIGIN,
    ORIGINAL_ID,
    SIZE_COLUMNS,
    STANDARD_FIELDS,
    check_rows,
    is_missing,
    missing_field_hints,
    similar_column,
    standard_columns,
)
from analysis.corpus.screening import repeated_texts
from analysis.corpus.shards import shard_count, shard_name, shard_of
from analysis.reading import ARTICLE_SUFFIXES, ArticleError, check_encoding
from analysis.tables import atomic_write_bytes
from analysis.workflow_config import ConfigError

# A row's error starts with its file and its place in it: "news.csv row 17: ...".
_ROW_ORIGIN = re.compile(r"^(?P<file>.+?) (?:row|line|item) \d+: ")
# Bump when the staged format or the checks change, so old staging is never reused.
STAGING_VERSION = 18
# Columns newsdag adds to a corpus's metadata in the articles table (a file's own columns of
# these names are kept with the suffix _metadata): the article's name, its id as given when
# that differs, the first article with the same text, the file and row it came from, its
# sizes, whether the analyses use it, and its warnings.
ADDED_COLUMNS = (
    *("article", "original_id", "duplicate_of", "origin"),
    *(*SIZE_COLUMNS, "analysed", "warnings"),
)
# Columns of every staged shard before the extra metadata, in order.
STAGED_COLUMNS = ("article", "text", *STANDARD_FIELDS, "origin")


@dataclass
class StagedCorpus:
    """What the workflow needs to know about a staged corpus."""

    n_shards: int
    shard_files: dict[str, str]
    shard_sizes: dict[str, int]
    articles: list[str]
    metadata_columns: list[str]
    inputs: list[str]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def shards(self) -> list[str]:
        """The shard names, in order."""
        return list(self.shard_files)

    def shard_of_article(self, article_id: str) -> str:
        """The name of the shard that holds ``article_id``."""
        return shard_name(shard_of(article_id, self.n_shards), self.n_shards)

    def errors_to_show(self, *, per_file: int) -> list[str]:
        """The errors to print: at most ``per_file`` row errors of each file, then one line
        counting the rest (a wrong setting, such as ``dates.format``, can fail every row of
        a large file, and every invocation prints them). :attr:`errors` keeps them all."""
        shown: list[str] = []
        hidden: dict[str, int] = {}
        for error in self.errors:
            row = _ROW_ORIGIN.match(error)
            if row is None:  # a file-level error: always shown
                shown.append(error)
                continue
            seen = hidden.setdefault(row["file"], 0)
            hidden[row["file"]] = seen + 1
            if seen < per_file:
                shown.append(error)
        return shown + [
            f"{path}: {count - per_file:,} more rows skipped; provenance.json lists every one"
            for path, count in hidden.items()
            if count > per_file
        ]


def stage_corpus(
    *,
    input_dir: str | None,
    input_files: str | Sequence[str] | None,
    columns: Mapping[str, str],
    encoding: str,
    date_format: str | None,
    time_zone: str,
    max_bytes: int,
    shard_size: int,
    staging_dir: str | os.PathLike[str],
) -> StagedCorpus:
    """Read, check and shard a corpus, reusing the staging when the inputs are unchanged.

    Args:
        input_dir: A folder of ``*.txt``/``*.md`` articles (used when no input_files).
        input_files: Corpus files (path, glob or list): CSV, TSV, JSON Lines, JSON, Parquet,
            Excel; a ``.txt`` or ``.md`` file among them is one article (its stem the id).
        columns: newsdag column name -> the corpus files' column name.
        encoding: The text encoding of article files and of CSV, TSV and JSON corpus files.
        date_format: strptime format of the dates, or None for ISO 8601.
        time_zone: The clock dates with an offset are read on: ``UTC``, ``as_written`` or a
            zone name (:mod:`analysis.corpus.dates`).
        max_bytes: Largest accepted article text in UTF-8 bytes.
        shard_size: Articles per shard, at most about (see :func:`shard_count`).
        staging_dir: Where the staged shards and the index are kept.

    Returns:
        The staged corpus; its ``errors`` list every file or row that was skipped.

    Raises:
        FileNotFoundError: If the input folder does not exist.
        CorpusFileError: If an input file pattern matches nothing.
    """
    staging = Path(staging_dir)
    files = _input_files(input_dir, input_files)
    check_time_zone(time_zone)  # also here: a corpus without dates never parses one
    try:
        check_encoding(encoding)
    except ValueError as error:
        raise ConfigError(f"config error at encoding: {error}") from None
    settings = {
        "columns": dict(columns),
        "encoding": encoding,
        "date_format": date_format,
        "time_zone": time_zone,
        "max_bytes": max_bytes,
    }
    signature = _signature(files, {**settings, "shard_size": shard_size})
    cached = _load_index(staging, signature)
    if cached is not None:
        return cached
    rows, errors, warnings = _read_all(input_dir, input_files, files, settings)
    return _write_staging(rows, errors, warnings, files, signature, staging, shard_size)


def _input_files(input_dir: str | None, input_files) -> list[Path]:
    if input_files:
        return expand_inputs(input_files)
    root = Path(input_dir or ".")
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist or is not a folder")
    wanted = {*ARTICLE_SUFFIXES}
    return sorted(
        p for p in root.iterdir() if p.suffix.lower() in wanted or p.name == METADATA_FILE
    )


def _signature(files: Sequence[Path], settings: Mapping) -> str:
    stats = []
    for path in files:
        info = path.stat()
        stats.append([str(path), info.st_size, info.st_mtime_ns])
    blob = json.dumps([STAGING_VERSION, stats, settings], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _load_index(staging: Path, signature: str) -> StagedCorpus | None:
    index = staging / "index.json"
    try:
        record = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("signature") != signature:
        return None
    corpus = StagedCorpus(**record["corpus"])
    if not all(Path(path).is_file() for path in corpus.shard_files.values()):
        return None
    return corpus


def _read_all(input_dir, input_files, files, settings) -> tuple[pd.DataFrame, list[str], list[str]]:
    frames, errors, warnings = [], [], []
    if input_files:
        for path in files:
            if path.suffix.lower() in ARTICLE_SUFFIXES:  # one article, not a corpus file
                frame, row_errors = _article_file(path, settings["max_bytes"], settings["encoding"])
                frames.append(frame)
                errors += row_errors
                continue
            try:
                frame, row_errors = read_corpus_file(path, encoding=settings["encoding"])
            except CorpusFileError as error:
                errors.append(str(error))
                continue
            errors += row_errors
            frame = standard_columns(frame, settings["columns"])
            missing = [name for name in ("id", "text") if name not in frame.columns]
            if missing:
                errors.append(_missing_columns(path, frame.columns[1:], missing, settings))
                continue
            warnings += missing_field_hints(path, frame.columns, settings["columns"])
            frames.append(frame)
    else:
        frame, folder_errors = read_folder(
            input_dir, max_bytes=settings["max_bytes"], encoding=settings["encoding"]
        )
        errors += folder_errors
        frames.append(frame)
    checked, seen = [], {}
    for frame in frames:
        if frame.empty or "text" not in frame:
            continue
        result = check_rows(
            frame,
            max_bytes=settings["max_bytes"],
            date_format=settings["date_format"],
            time_zone=settings["time_zone"],
            seen=seen,
        )
        errors += result.errors
        warnings += result.warnings
        checked.append(result.rows)
    rows = _tidy(pd.concat(checked, ignore_index=True) if checked else pd.DataFrame())
    if "duplicate_of" in rows:
        repeats = int(rows["duplicate_of"].notna().sum())
        warnings.append(
            f"{repeats:,} article{'s' if repeats > 1 else ''} repeat the text of another"
            " exactly (wire copies, or one article saved twice); each is analysed, and the"
            " articles table's duplicate_of names the first with that text"
        )
    return rows, errors, warnings


def _article_file(path: Path, max_bytes: int, encoding: str) -> tuple[pd.DataFrame, list[str]]:
    """A ``.txt`` or ``.md`` file named in ``input_files``: one row, or one error line."""
    try:
        record = article_record(path, max_bytes=max_bytes, encoding=encoding)
        return pd.DataFrame.from_records([record]), []
    except ArticleError as error:
        return pd.DataFrame(columns=[ORIGIN, "id"]), [str(error)]


def _missing_columns(path: Path, present, missing: list[str], settings) -> str:
    """One line saying that a corpus file lacks its id or text column, and what it has."""
    wanted = [settings["columns"][name] for name in missing]
    similar = [c for c in (similar_column(w, present) for w in wanted) if c is not None]
    listing = ", ".join(repr(name) if str(name) != str(name).strip() else str(name)
                        for name in present)  # fmt: skip
    hint = (f"; the header has {', '.join(map(repr, similar))}, the same name in other case"
            " or with spaces around it" if similar else "")  # fmt: skip
    return (
        f"{path}: no column {', '.join(map(repr, wanted))} (it has: {listing}){hint};"
        " set `columns` in the config to name the id and text columns"
    )


def _tidy(rows: pd.DataFrame) -> pd.DataFrame:
    """Standard columns first, extra metadata after as text, sorted by article id."""
    if rows.empty:
        empty = {c: pd.Series(dtype="string") for c in STAGED_COLUMNS}
        empty["date"] = pd.Series(dtype="datetime64[ns]")
        return pd.DataFrame(empty)
    # A metadata column named like one of ours is kept under another name.
    rows = rows.rename(columns={c: f"{c}_metadata" for c in ADDED_COLUMNS})
    rows = rows.rename(columns={"id": "article", ORIGIN: "origin"})
    # The ids as the files give them, kept only when some article's name differs (a URL).
    if (rows[ORIGINAL_ID] != rows["article"]).any():
        rows = rows.rename(columns={ORIGINAL_ID: "original_id"})
    else:
        rows = rows.drop(columns=ORIGINAL_ID)
    repeats = repeated_texts(rows["article"], rows["text"])
    if repeats:
        rows["duplicate_of"] = [repeats.get(article) for article in rows["article"]]
    for name in STANDARD_FIELDS:
        if name not in rows:
            rows[name] = None
    extras = sorted(c for c in rows.columns if c not in STAGED_COLUMNS)
    rows = rows[[*STAGED_COLUMNS, *extras]]
    for name in [c for c in rows.columns if c != "date"]:
        rows[name] = [_as_text(v) for v in rows[name]]
        rows[name] = rows[name].astype("string")
    rows["date"] = rows["date"].astype("datetime64[ns]")
    return rows.sort_values("article", kind="stable").reset_index(drop=True)


def _as_text(value: object) -> str | None:
    """A metadata cell as text: lists and mappings (JSON's, or a Parquet file's list and
    struct columns, which arrive as arrays) as JSON; a gap (None, NaN, NaT, NA) as None."""
    if hasattr(value, "tolist") and not pd.api.types.is_scalar(value):
        value = value.tolist()  # a Parquet list column's cell is a numpy array
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_value)
    return None if is_missing(value) else str(value)


def _json_value(value: object) -> object:
    """What ``json`` cannot write itself: arrays inside a struct cell, timestamps."""
    return value.tolist() if hasattr(value, "tolist") else str(value)


def _shard_bytes(frame: pd.DataFrame) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _write_staging(
    rows, errors, warnings, files, signature, staging: Path, shard_size
) -> StagedCorpus:
    n_shards = shard_count(len(rows), shard_size=shard_size)
    assignment = [shard_of(a, n_shards) for a in rows["article"]]
    shard_files, shard_sizes = {}, {}
    (staging / "shards").mkdir(parents=True, exist_ok=True)
    grouped = dict(tuple(rows.groupby(pd.Series(assignment, index=rows.index), sort=True)))
    for index in range(n_shards):
        name = shard_name(index, n_shards)
        members = grouped.get(index, rows.iloc[0:0]).reset_index(drop=True)
        path = staging / "shards" / f"{name}.parquet"
        data = _shard_bytes(members)
        if not path.is_file() or path.read_bytes() != data:
            atomic_write_bytes(path, data)
        shard_files[name] = str(path)
        shard_sizes[name] = len(members)
    for stale in (staging / "shards").glob("*.parquet"):
        if stale.stem not in shard_files:
            stale.unlink()
    corpus = StagedCorpus(
        n_shards=n_shards,
        shard_files=shard_files,
        shard_sizes=shard_sizes,
        articles=rows["article"].tolist(),
        metadata_columns=[c for c in rows.columns if c not in ("article", "text", "origin")],
        inputs=[str(p) for p in files],
        errors=errors,
        warnings=warnings,
    )
    record = {"signature": signature, "corpus": asdict(corpus)}
    atomic_write_bytes(staging / "index.json", json.dumps(record).encode("utf-8"))
    return corpus
