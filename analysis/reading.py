"""Reading and checking articles: bytes in, normalised text out, or one clear error."""

from __future__ import annotations

import os
import re
from pathlib import Path

ARTICLE_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}"
ARTICLE_SUFFIXES = (".txt", ".md")
_ARTICLE_ID = re.compile(ARTICLE_ID_PATTERN)
# Signatures of common binary formats that get saved as .txt by scrapers.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


class ArticleError(ValueError):
    """An article that cannot be analysed; the message names the file and the problem."""


class ArticleWarning(UserWarning):
    """An article that one analysis cannot use (fully): it gets empty tables, not a failure.

    Analyses raise it with :func:`warnings.warn` and a short reason ("no content words to
    model"); the stage that runs them turns it into one line naming the article.
    """


def normalise_newlines(text: str) -> str:
    """Drop a leading byte-order mark and turn CRLF and CR newlines into LF.

    These are the only changes made to an article: every character offset in the
    pipeline's tables indexes the string this function returns.

    Args:
        text: Decoded article text.

    Returns:
        The normalised text.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def not_utf8_advice(data: bytes) -> str:
    """What to do with bytes that are not UTF-8. Most such news files come from Windows:
    Excel's "CSV (Comma delimited)" and Notepad's "ANSI" save Windows-1252, where curly
    quotes and dashes are single bytes that UTF-8 does not allow; say so when the bytes read
    as Windows-1252 (as Latin-1 text does too)."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "re-save the file as UTF-8"
    return (
        "it reads as Windows-1252, as Excel's 'CSV (Comma delimited)' and Notepad's 'ANSI'"
        " save text: save it as UTF-8 ('CSV UTF-8' in Excel) or convert it with"
        " iconv -f cp1252 -t utf-8"
    )


def decode_article(data: bytes, *, source: str) -> str:
    """Decode an article's bytes as UTF-8 and normalise its newlines.

    Args:
        data: The raw file content.
        source: The file name, used in error messages.

    Returns:
        The article text (see :func:`normalise_newlines`).

    Raises:
        ArticleError: if the content is binary, not UTF-8, or holds no text.
    """
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise ArticleError(f"{source}: binary content, not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{source}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start});"
            f" {not_utf8_advice(data)}"
        ) from None
    text = normalise_newlines(text)
    if not text.strip():
        raise ArticleError(f"{source}: empty article (no text besides white space)")
    return text


def read_article(path: str | os.PathLike[str], *, max_bytes: int) -> str:
    """Read and check one article file.

    Args:
        path: The article file.
        max_bytes: Largest accepted file size; larger files are refused rather than
            analysed for hours.

    Returns:
        The normalised article text.

    Raises:
        ArticleError: if the file is too large, binary, not UTF-8 or empty.
    """
    file = Path(path)
    size = file.stat().st_size
    if size > max_bytes:
        raise ArticleError(
            f"{file}: {size:,} bytes is over the limit of {max_bytes:,} bytes"
            " (raise articles.max_bytes in the config to analyse it)"
        )
    return decode_article(file.read_bytes(), source=str(file))


def is_valid_article_id(article_id: str) -> bool:
    """Tell whether ``article_id`` is a safe article id (letters, digits, ``_`` and ``-``).

    Ids become folder names under the results folder, so they may hold no path
    separators, dots or spaces.

    Args:
        article_id: A candidate id, usually a file stem.

    Returns:
        True if the id matches :data:`ARTICLE_ID_PATTERN`.
    """
    return _ARTICLE_ID.fullmatch(article_id) is not None
