"""Reading corpus files: CSV, TSV, JSON (Lines), Parquet and Excel, one article per row."""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pandas as pd

from analysis.corpus.records import ORIGIN, is_missing
from analysis.reading import decoding_problem, text_codec

T = TypeVar("T")

# File endings by format; a compression ending (.gz, .bz2, .xz, .zip) may follow.
FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "excel",
}
COMPRESSIONS = (".gz", ".bz2", ".xz", ".zip")
# A text field wholly in double quotes, any quote inside it doubled: how CSV writers (pandas,
# Excel, R's write.table) quote; text that merely starts with a quotation does not match.
_QUOTED_FIELD = re.compile(r'"(?:[^"]|"")*"')


class CorpusFileError(ValueError):
    """A corpus file that cannot be read at all; the message names the file and the problem."""


def expand_inputs(patterns: str | Sequence[str]) -> list[Path]:
    """The corpus files named by a path, a glob, or a list of them, sorted and unique.

    Args:
        patterns: The ``input_files`` setting.

    Returns:
        The files, sorted by path.

    Raises:
        CorpusFileError: If a plain path does not exist, a glob matches nothing, or a plain
            path is a folder (which would otherwise give no article and no reason).
    """
    found: set[Path] = set()
    for pattern in [patterns] if isinstance(patterns, str) else patterns:
        path = os.path.expanduser(pattern)
        if os.path.isdir(path):
            raise CorpusFileError(
                f"{pattern}: a folder, not a corpus file; name its files with a glob such as"
                f" {os.path.join(pattern, '*.parquet')}, or use input_dir for a folder of"
                " .txt and .md articles"
            )
        matches = glob.glob(path, recursive=True)
        if not matches:
            raise CorpusFileError(f"{pattern}: no such corpus file (or the glob matches none)")
        found.update(Path(m) for m in matches if Path(m).is_file())
    return sorted(found)


def file_format(path: Path) -> str:
    """The format of a corpus file from its ending (``csv``, ``tsv``, ``jsonl``, ``json``,
    ``parquet``, ``excel``).

    Raises:
        CorpusFileError: For an ending newsdag does not read.
    """
    name = path.name.lower()
    if name.endswith(".zst"):
        raise CorpusFileError(
            f"{path}: zstd compression is not supported; use .gz, .bz2, .xz or .zip (or Parquet,"
            " which compresses itself)"
        )
    if name.endswith(".xls"):
        raise CorpusFileError(
            f"{path}: the old Excel format (.xls) is not read; save the sheet as .xlsx or as"
            " CSV UTF-8"
        )
    for compression in COMPRESSIONS:
        name = name.removesuffix(compression)
    for ending, kind in FORMATS.items():
        if name.endswith(ending):
            return kind
    raise CorpusFileError(
        f"{path}: unknown corpus file type; use .csv, .tsv, .jsonl, .json, .parquet or .xlsx"
        " (optionally compressed: .gz, .bz2, .xz, .zip)"
    )


def read_corpus_file(path: Path, *, encoding: str) -> tuple[pd.DataFrame, list[str]]:
    """Read one corpus file into rows of text cells, keeping every value as written.

    Cells stay strings (CSV, TSV) or the file's own scalars (JSON, Parquet, Excel); "NA", "null"
    and leading zeros are kept as text. Each row gets an ``origin`` naming the file and its
    row (1-based, not counting a header), line (JSON Lines) or item (a JSON array), for
    error messages.

    Args:
        path: The corpus file.
        encoding: The text encoding of CSV, TSV and JSON files (Parquet and Excel files
            carry their own); UTF-8 may start with a byte-order mark.

    Returns:
        The rows, and one-line errors for rows that could not be parsed (JSON only; the
        other rows are kept).

    Raises:
        CorpusFileError: If the file as a whole cannot be read.
    """
    kind = file_format(path)
    codec = text_codec(encoding)

    def explain(what: str, read: Callable[[], T]) -> T:
        return read_or_explain(path, what, read, encoding=encoding)

    if kind == "jsonl" or (kind == "json" and _holds_json_lines(path, codec)):
        return explain("JSON Lines", lambda: _read_jsonl(path, codec))
    if kind == "json":
        return explain(kind, lambda: _read_json_array(path, codec))
    if kind == "parquet":
        frame = explain(kind, lambda: _read_parquet(path))
    elif kind == "excel":
        frame = explain("an Excel workbook", lambda: _read_excel(path))
    else:
        frame = explain(kind, lambda: read_text_cells(path, tsv=kind == "tsv", encoding=encoding))
    frame.insert(0, ORIGIN, [f"{path} row {i}" for i in range(1, len(frame) + 1)])
    return frame, []


def _read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file's rows; a named index that pandas saved with it (an ``id`` set as the
    index before ``to_parquet``, say) comes back as a column like the others, and a struct
    column's fields as dotted columns (``source.name``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    # An integer column with gaps keeps exact Python ints (pandas would make it float64, and
    # an id such as 1234567890123456789 would lose its last digits).
    table = pq.read_table(path)
    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()  # a struct's fields as dotted columns, as in JSON
    # pandas would keep both, and every later step would read the wrong one.
    refuse_repeated_columns(path, table.column_names, " (a struct column's fields are read"
                            " as column.field)")  # fmt: skip
    frame = table.to_pandas(integer_object_nulls=True)
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    return frame


def refuse_repeated_columns(path: Path, names: Sequence[object], why: str = "") -> None:
    """Refuse a file whose header names one column twice (blank names aside).

    pandas keeps both of a Parquet file's, and renames the second of a CSV, TSV or Excel
    file's (``text.1``): which column holds the text, the date or the outlet would then be
    a guess that no message shows.

    Raises:
        CorpusFileError: Naming the first repeated column.
    """
    seen: set[str] = set()
    for name in names:
        text = "" if is_missing(name) else str(name).strip()
        if text and text in seen:
            raise CorpusFileError(f"{path}: two columns are both named {text!r}{why}; rename one")
        seen.add(text)


def _read_excel(path: Path) -> pd.DataFrame:
    """The first sheet of an Excel workbook, its first row the header. Cells keep Excel's
    types, as Parquet's do: a date column of Excel dates is typed, numbers are numbers (an
    id typed as a whole number is read as that integer)."""
    import zipfile

    try:
        header = pd.read_excel(path, sheet_name=0, engine="openpyxl", header=None, nrows=1)
        refuse_repeated_columns(path, header.iloc[0].tolist() if len(header) else [])
        # keep_default_na off: a cell holding the text "NA" stays text; empty cells are gaps.
        return pd.read_excel(path, sheet_name=0, engine="openpyxl", keep_default_na=False,
                             na_values=[""])  # fmt: skip
    except (zipfile.BadZipFile, KeyError) as error:  # not a workbook, or one without a sheet
        raise CorpusFileError(f"{path}: cannot be read as an Excel workbook: {error}") from None


def read_text_cells(path: Path, *, encoding: str, tsv: bool = False) -> pd.DataFrame:
    """A CSV or TSV file with every cell as written: text, and "" for an empty one.

    CSV fields may be quoted. TSV comes both ways: without quoting (the IANA format, and
    most exports: a quotation mark is text) and quoted as CSV is (pandas, Excel). Read as
    CSV, an unquoted TSV loses the quotation marks that open a field, and a field that
    opens one without closing it swallows the rows after it into its text. So a TSV is
    read unquoted unless it shows CSV quoting (see :func:`_tsv_is_quoted`).
    """
    codec = text_codec(encoding)
    options = {"dtype": str, "keep_default_na": False, "na_values": [], "encoding": codec}
    if tsv and not _tsv_is_quoted(path, codec):
        options |= {"sep": "\t", "quoting": csv.QUOTE_NONE}
    else:
        options["sep"] = "\t" if tsv else _csv_separator(path, codec)
    with _open_binary(path) as stream:  # decompressed here, as for JSON
        header = pd.read_csv(stream, header=None, nrows=1, **options)
    refuse_repeated_columns(path, header.iloc[0].tolist() if len(header) else [])
    with _open_binary(path) as stream:
        return pd.read_csv(stream, **options)


def _csv_separator(path: Path, codec: str) -> str:
    """``;`` for a CSV file whose header splits into more fields at semicolons than at
    commas (Excel writes such files where the comma is the decimal mark, as in much of
    Europe), else ``,``."""
    with _open_text(path, codec) as lines:
        header = next(lines, "")
    by_comma = next(csv.reader([header]), [])
    by_semicolon = next(csv.reader([header], delimiter=";"), [])
    return ";" if len(by_semicolon) > len(by_comma) else ","


def _tsv_is_quoted(path: Path, codec: str) -> bool:
    """Does a TSV file quote as CSV does? Only quoting lets a record span lines or a field
    hold a tab, so a line with another number of tabs than the header says so; and so does
    a field wholly in double quotes with any quote inside it doubled."""
    with _open_text(path, codec) as lines:
        width = next(lines, "").count("\t")
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                continue  # a blank line is no record either way
            fields = line.split("\t")
            if len(fields) != width + 1 or any(_QUOTED_FIELD.fullmatch(f) for f in fields):
                return True
    return False


def read_or_explain(path: Path, kind: str, read: Callable[[], T], *, encoding: str) -> T:
    """Call ``read``; turn a failure into one line naming the file and the problem.

    Raises:
        CorpusFileError: If the file is not text in ``encoding`` or ``read`` cannot parse it.
    """
    try:
        return read()
    except CorpusFileError:
        raise  # says what is wrong already
    except UnicodeDecodeError as error:
        raise CorpusFileError(f"{path}: {_where_undecodable(path, error, encoding)}") from None
    except (ValueError, OSError) as error:  # pandas' and pyarrow's parse errors
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
        raise CorpusFileError(f"{path}: cannot be read as {kind}: {message}") from None


def _where_undecodable(path: Path, error: UnicodeDecodeError, encoding: str) -> str:
    """Say where a file stops being text in its encoding: its first bad byte, by line and
    byte offset. The reader's own error counts from the start of a buffer, not of the file,
    so the file is decoded again (this happens only on the way to an error)."""
    try:
        with _open_binary(path) as stream:
            problem = decoding_problem(stream.read(), encoding=encoding)
    except (OSError, CorpusFileError):
        problem = None
    # Keep what the reader saw if the whole file decodes (or cannot be read again).
    return problem or f"not {encoding} (byte 0x{error.object[error.start]:02x})"


def _read_jsonl(path: Path, codec: str) -> tuple[pd.DataFrame, list[str]]:
    """Read JSON Lines line by line, so one broken line costs only that row."""
    records, errors = [], []
    opener = _open_text(path, codec)
    with opener as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line, object_pairs_hook=_json_object)
            except json.JSONDecodeError as error:
                errors.append(f"{path} line {number}: not valid JSON ({error.msg}); row skipped")
                continue
            _add_record(records, errors, record, f"{path} line {number}")
    return _json_frame(records), errors


def _holds_json_lines(path: Path, codec: str) -> bool:
    """Does a ``.json`` file hold JSON Lines (many tools name them so) rather than one JSON
    value? It does when its first non-blank line is a whole JSON object and another line
    follows, or that object is an article rather than a wrapper around an array of them
    (an API's response saved on one line)."""
    with _open_text(path, codec) as lines:
        first = None
        for line in lines:
            if not line.strip():
                continue
            if first is not None:
                return True
            try:
                first = json.loads(line)
            except json.JSONDecodeError:
                return False  # a value spread over lines, such as pretty-printed JSON
            if not isinstance(first, dict):
                return False
    return first is not None and not _arrays_of_objects(first)


def _read_json_array(path: Path, codec: str) -> tuple[pd.DataFrame, list[str]]:
    """Read a JSON file holding an array of article objects, as scrapers save them, or one
    object with such an array inside, as APIs answer (``{"articles": [...]}``, or
    ``{"response": {"results": [...]}}``). The whole file is parsed at once (a broken file
    is refused as a whole, and a large corpus takes several times its size in memory: JSON
    Lines or Parquet read it in less); an item that is not an object costs only that row."""
    with _open_text(path, codec) as stream:
        try:
            value = json.load(stream, object_pairs_hook=_json_object)
        except json.JSONDecodeError as error:
            raise CorpusFileError(
                f"{path}: not valid JSON ({error.msg}: line {error.lineno} column {error.colno})"
            ) from None
    items, where = _article_array(path, value)
    records: list[dict] = []
    errors: list[str] = []
    for number, record in enumerate(items, start=1):
        _add_record(records, errors, record, f"{path} {where}item {number}")
    return _json_frame(records), errors


def _article_array(path: Path, value: object) -> tuple[list, str]:
    """The array of articles a JSON file holds, and where in it (``articles `` inside an
    API's answer, empty for a top-level array)."""
    if isinstance(value, list):
        return value, ""
    arrays = _arrays_of_objects(value) if isinstance(value, dict) else {}
    if len(arrays) == 1:
        ((where, items),) = arrays.items()
        return items, f"{where} "
    if arrays:
        raise CorpusFileError(
            f"{path}: the file holds several arrays of objects ({', '.join(arrays)}), and"
            " newsdag cannot tell which one holds the articles; save that array alone"
        )
    held = "one object" if isinstance(value, dict) else "no array"
    raise CorpusFileError(
        f"{path}: the file holds {held}, not an array of article objects (or one object"
        " per line, JSON Lines)"
    )


def _arrays_of_objects(value: dict, prefix: str = "") -> dict[str, list]:
    """The arrays holding JSON objects in an object and the objects nested in it, by their
    dotted path (``response.results``); arrays inside arrays are an article's own."""
    found: dict[str, list] = {}
    for key, item in value.items():
        if isinstance(item, list) and any(isinstance(element, dict) for element in item):
            found[f"{prefix}{key}"] = item
        elif isinstance(item, dict):
            found.update(_arrays_of_objects(item, f"{prefix}{key}."))
    return found


class _JsonObject(dict):
    """A decoded JSON object that remembers the names it held twice with different values
    (JSON allows it, and a plain decoder keeps the last value silently)."""

    repeated: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, object]]) -> _JsonObject:
    decoded = _JsonObject()
    repeated = []
    for key, value in pairs:
        if key in decoded and decoded[key] != value and key not in repeated:
            repeated.append(key)
        decoded[key] = value
    if repeated:
        decoded.repeated = tuple(repeated)
    return decoded


def _add_record(records: list[dict], errors: list[str], record: object, origin: str) -> None:
    """Keep a decoded JSON row as a record, or give it a one-line error."""
    if not isinstance(record, dict):
        errors.append(f"{origin}: not a JSON object; row skipped")
    elif _has_lone_surrogate(record):
        errors.append(
            f"{origin}: invalid Unicode (an unpaired surrogate escape such as \\ud800); row skipped"
        )
    else:
        try:
            records.append({ORIGIN: origin, **flatten_record(record)})
        except ValueError as error:
            errors.append(f"{origin}: {error}; row skipped")


def flatten_record(record: dict, prefix: str = "") -> dict:
    """A JSON object with the fields of its nested objects as dotted keys, as APIs nest
    them (``source.name``, ``fields.bodyText``), so that a column setting can name them;
    arrays stay values (kept as JSON text).

    Raises:
        ValueError: If two fields get one name (a key ``"a.b"`` beside an object ``"a"``
            holding ``"b"``), or an object names a field twice with different values (as
            decoded by this module's readers): one value would be lost.
    """
    return _flatten_into({}, record, prefix)


def _flatten_into(flat: dict, record: dict, prefix: str) -> dict:
    repeated = getattr(record, "repeated", ())
    if repeated:
        raise ValueError(
            f"the field {prefix + repeated[0]!r} appears twice with different values; one"
            " would be lost"
        )
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            _flatten_into(flat, value, f"{name}.")
        elif name in flat:
            raise ValueError(f"two fields are both named {name!r} once nested objects are"
                             " flattened; rename one")  # fmt: skip
        else:
            flat[name] = value
    return flat


def _json_frame(records: list[dict]) -> pd.DataFrame:
    # Cells keep the types JSON gave them: ints stay exact where other rows lack the key.
    return pd.DataFrame(records, dtype=object) if records else pd.DataFrame(columns=[ORIGIN])


def _has_lone_surrogate(record: dict) -> bool:
    """Tell whether a decoded JSON object holds text that is not valid Unicode."""
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _open_text(path: Path, codec: str):
    """Open a (maybe compressed) text file as lines of text (``codec`` from
    :func:`~analysis.reading.text_codec`: UTF-8 without a byte-order mark, which Windows
    tools write at the start, and which JSON does not allow)."""
    return io.TextIOWrapper(_open_binary(path), encoding=codec)


def _open_binary(path: Path):
    """Open a (maybe compressed) file for reading its uncompressed bytes."""
    name = path.name.lower()
    if name.endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    if name.endswith(".bz2"):
        import bz2

        return bz2.open(path, "rb")
    if name.endswith(".xz"):
        import lzma

        return lzma.open(path, "rb")
    if name.endswith(".zip"):
        return _zip_member(path)
    return open(path, "rb")


def _zip_member(path: Path):
    """The one file a ``.zip`` archive holds (as downloaded corpora come), leaving out
    folders and the ``__MACOSX/`` copies that macOS adds.

    Raises:
        CorpusFileError: If the archive is broken, or holds no file or several.
    """
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise CorpusFileError(f"{path}: not a readable .zip archive ({error})") from None
    members = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir() and not info.filename.startswith("__MACOSX/")
    ]
    if len(members) != 1:
        archive.close()
        shown = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
        raise CorpusFileError(
            f"{path}: a .zip must hold one corpus file, and this one holds {len(members)}"
            f"{f' ({shown})' if members else ''}; unzip it and name its files in input_files"
        )
    return archive.open(members[0])
