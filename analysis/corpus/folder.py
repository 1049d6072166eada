"""A folder of articles: ``*.txt`` and ``*.md`` files, with optional metadata."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.corpus.files import CorpusFileError, read_or_explain, read_text_cells
from analysis.corpus.records import ORIGIN
from analysis.reading import ARTICLE_SUFFIXES, ArticleError, read_article

METADATA_FILE = "metadata.csv"
# YAML front matter: a first line "---", the YAML, and a closing "---" (or "...") line.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class _DatesAsTextLoader(yaml.SafeLoader):
    """YAML's safe loader, but a date or time stays the text written ("2025-02-30" too):
    the corpus's date checks read it as they read a CSV cell, with ``dates.format``, and
    name the file of a date that is none instead of stopping the run."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class ArticleSet:
    """The articles of a folder, by id, and the files that were passed over, with why."""

    articles: dict[str, Path] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def find_articles(folder: str | os.PathLike[str]) -> ArticleSet:
    """List the articles in ``folder``: every ``*.txt`` or ``*.md`` file, its stem its id.

    A file that repeats another file's stem (``a.txt`` and ``a.md``) is passed over with a
    one-line reason, so it never stops the others. A stem that is no safe folder name
    (spaces, accents, ``corpus``) is an id like any other: checking the rows names the
    article (:func:`analysis.corpus.records.article_name`).

    Args:
        folder: The input folder (not searched recursively).

    Returns:
        The articles sorted by id, and the skipped files' reasons.

    Raises:
        FileNotFoundError: if the folder does not exist.
    """
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist or is not a folder")
    found = ArticleSet()
    candidates = sorted(p for p in root.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    for path in candidates:
        article_id = path.stem
        if not path.is_file():
            continue
        if article_id in found.articles:
            found.skipped.append(f"{path}: same id as {found.articles[article_id]}; rename one")
        else:
            found.articles[article_id] = path
    found.articles = dict(sorted(found.articles.items()))
    return found


def split_front_matter(text: str, *, source: str) -> tuple[str, dict[str, object]]:
    """Separate a Markdown file's YAML front matter from its text, keeping offsets.

    The front matter is blanked (each character but newlines becomes a space) rather than
    cut, so character offsets into the returned text are offsets into the file.

    Args:
        text: The file's normalised text.
        source: The file name, for messages.

    Returns:
        The text with the front matter blanked, and the metadata it held.

    Raises:
        ArticleError: If the front matter is not a YAML mapping.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, {}
    try:
        metadata = yaml.load(match.group(1) or "", Loader=_DatesAsTextLoader) or {}
    except (yaml.YAMLError, ValueError) as error:  # ValueError: "!!timestamp 2025-02-30"
        first = str(error).splitlines()[0]
        raise ArticleError(f"{source}: front matter is not valid YAML ({first})") from None
    if not isinstance(metadata, dict):
        raise ArticleError(f"{source}: front matter is not a mapping of keys to values")
    blank = re.sub(r"[^\n]", " ", match.group(0))
    return blank + text[match.end() :], {str(k): v for k, v in metadata.items()}


def read_folder(
    folder: str | os.PathLike[str], *, max_bytes: int, encoding: str
) -> tuple[pd.DataFrame, list]:
    """Read every article of a folder, with front matter and ``metadata.csv`` as metadata.

    Args:
        folder: The input folder.
        max_bytes: Largest accepted file.
        encoding: The text encoding of the articles and ``metadata.csv``.

    Returns:
        Rows (the file as :data:`~analysis.corpus.records.ORIGIN`, ``id``, ``text`` and
        metadata cells) and one-line errors for the files that were skipped.
        ``metadata.csv`` needs an ``id`` column (the file stem); front matter wins over it
        where both give a value.

    Raises:
        FileNotFoundError: If the folder does not exist.
    """
    found = find_articles(folder)
    errors = list(found.skipped)
    listed, metadata_errors = _metadata_table(Path(folder), set(found.articles), encoding)
    errors += metadata_errors
    rows = []
    for article_id, path in found.articles.items():
        try:
            record = article_record(path, max_bytes=max_bytes, encoding=encoding)
        except ArticleError as error:
            errors.append(str(error))
            continue
        rows.append({**listed.get(article_id, {}), **record})
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame(columns=[ORIGIN, "id"])
    return frame, errors


def article_record(path: Path, *, max_bytes: int, encoding: str) -> dict[str, object]:
    """One article file as a corpus row: the file (``ORIGIN``), ``id`` (the file stem),
    ``text``, and the metadata of its front matter.

    Raises:
        ArticleError: If the file cannot be read as an article (one line naming it).
    """
    text = read_article(path, max_bytes=max_bytes, encoding=encoding)
    text, front = split_front_matter(text, source=str(path))
    return {**front, ORIGIN: str(path), "id": path.stem, "text": text}


def _metadata_table(
    folder: Path, ids: set[str], encoding: str
) -> tuple[dict[str, dict], list[str]]:
    """``metadata.csv``'s rows by article id, and one line for each row that is ignored
    (or for the whole file, when it cannot be read: the articles then go ahead without it)."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}, []
    try:
        table = read_or_explain(
            path, "csv", lambda: read_text_cells(path, encoding=encoding), encoding=encoding
        )
    except CorpusFileError as error:
        return {}, [f"{error}; no article gets metadata from it"]
    if "id" not in table.columns:
        return {}, [f"{path}: no 'id' column (the article file names without extension)"]
    errors, first_row, records = [], {}, {}
    for row, (article_id, cells) in enumerate(
        zip(table["id"], table.drop(columns="id").to_dict(orient="records"), strict=True),
        start=1,
    ):
        if not article_id.strip():
            errors.append(f"{path} row {row}: no id; row ignored")
        elif article_id in first_row:
            errors.append(
                f"{path} row {row}: duplicate id {article_id!r} (first at row"
                f" {first_row[article_id]}); row ignored"
            )
        elif article_id not in ids:
            errors.append(
                f"{path} row {row}: no article file {article_id!r} in {folder}; row ignored"
            )
        else:
            first_row[article_id] = row
            records[article_id] = {c: v for c, v in cells.items() if v != ""}  # "": no value
    return records, errors
