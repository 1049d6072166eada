"""Finding the articles of a corpus: the files of one folder, with safe ids."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.reading import (
    ARTICLE_ID_PATTERN,
    ARTICLE_SUFFIXES,
    ArticleError,
    is_valid_article_id,
    read_article,
)

RESERVED_IDS = frozenset({"corpus"})
_WORD = re.compile(r"[^\W\d_]+")
_HTML_TAG = re.compile(
    r"</?(?:script|style|img|a|p|div|span|br|html|body|head|iframe|table|b|i|em|strong)\b[^>]*>",
    re.IGNORECASE,
)
# Function words that make up a large share of any English text (and little of others).
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to a in is that for it as was with be by on not he she they this are or
    his her from at which but have an had has were their been its will would there who we""".split()
)


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


@dataclass
class Screening:
    """Articles that can be analysed, plus one-line errors and warnings about the others."""

    articles: dict[str, Path] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def english_share(text: str) -> float:
    """Share of a text's words that are common English function words (about 0.4 in news)."""
    words = _WORD.findall(text[:200_000].lower())
    if not words:
        return 0.0
    return sum(word in _ENGLISH_FUNCTION_WORDS for word in words) / len(words)


def text_warnings(text: str, *, source: str) -> list[str]:
    """One-line warnings about text that will be analysed but may mislead.

    Args:
        text: The article text.
        source: The file name, for the messages.

    Returns:
        Warnings for HTML markup and for text that does not look like English.
    """
    warnings = []
    if _HTML_TAG.search(text):
        warnings.append(f"{source}: contains HTML markup; it is analysed as plain text")
    share = english_share(text)
    if len(_WORD.findall(text[:200_000])) >= 20 and share < 0.12:
        warnings.append(
            f"{source}: does not look like English ({share:.0%} common English words);"
            " the English models will give unreliable results"
        )
    return warnings


def screen_articles(articles: dict[str, Path], *, max_bytes: int) -> Screening:
    """Read every article once and set aside those that cannot be analysed.

    Screening before the run means one bad file costs only its own results: the
    others, and the corpus-level analyses over them, still run.

    Args:
        articles: Article id to file.
        max_bytes: Largest accepted file size.

    Returns:
        The readable articles, one-line errors for the others, and warnings.
    """
    screening = Screening()
    for article_id, path in articles.items():
        try:
            text = read_article(path, max_bytes=max_bytes)
        except ArticleError as error:
            screening.errors.append(str(error))
            continue
        if not any(character.isalnum() for character in text):
            screening.errors.append(f"{path}: no words (only punctuation or symbols)")
            continue
        screening.articles[article_id] = path
        screening.warnings.extend(text_warnings(text, source=str(path)))
    return screening
