"""Finding the articles of a corpus: the files of one folder, with safe ids."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from analysis.reading import ARTICLE_ID_PATTERN, ARTICLE_SUFFIXES, is_valid_article_id

RESERVED_IDS = frozenset({"corpus"})


@dataclass
class ArticleSet:
    """The articles of a folder, by id, and the files that were passed over, with why."""

    articles: dict[str, Path] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def find_articles(folder: str | os.PathLike[str]) -> ArticleSet:
    """List the articles in ``folder``: every ``*.txt`` or ``*.md`` file, its stem its id.

    Files whose stem is not a safe id (see :func:`analysis.reading.is_valid_article_id`),
    is reserved (``corpus``), or repeats another file's stem are passed over with a
    one-line reason each, so one odd file name never stops the others.

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
        if not is_valid_article_id(article_id):
            found.skipped.append(
                f"{path}: file name is not a valid article id ({ARTICLE_ID_PATTERN}); rename it"
            )
        elif article_id in RESERVED_IDS:
            found.skipped.append(f"{path}: '{article_id}' is reserved; rename the file")
        elif article_id in found.articles:
            found.skipped.append(f"{path}: same id as {found.articles[article_id]}; rename one")
        else:
            found.articles[article_id] = path
    found.articles = dict(sorted(found.articles.items()))
    return found
