"""Reading and checking articles: bytes in, normalised text out, or one clear error."""

from __future__ import annotations

import codecs
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


def check_encoding(encoding: str) -> str:
    """The codec an ``encoding`` setting names, as Python calls it (``utf-8``, ``cp1252``).

    Raises:
        ValueError: If Python knows no such text encoding (one line naming it).
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(
            f"encoding {encoding!r} is no text encoding Python knows (use a name such as"
            " utf-8, cp1252 or latin-1)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib and the like: bytes to bytes
        raise ValueError(f"encoding {encoding!r} is no text encoding")
    return info.name


def text_codec(encoding: str) -> str:
    """The codec that reads files of ``encoding``: UTF-8 skips a byte-order mark (Windows
    tools write one at the start)."""
    name = check_encoding(encoding)
    return "utf-8-sig" if name == "utf-8" else name


def decoding_problem(data: bytes, *, encoding: str) -> str | None:
    """Why bytes are not text in ``encoding``, naming the first bad byte by line and byte
    offset with what to do, or None if they are.

    Most news files that are not UTF-8 come from Windows: Excel's "CSV (Comma delimited)"
    and Notepad's "ANSI" save Windows-1252, where curly quotes and dashes are single bytes
    that UTF-8 does not allow; the advice says so when the bytes read as Windows-1252 (as
    Latin-1 text does too).
    """
    name = check_encoding(encoding)
    try:
        data.decode(text_codec(name))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        where = f"byte 0x{data[error.start]:02x} on line {line}, offset {error.start}"
        shown = "UTF-8" if name == "utf-8" else name
        return f"not {shown} ({where}); {_decoding_advice(data, name)}"
    return None


def _decoding_advice(data: bytes, encoding: str) -> str:
    if encoding != "utf-8":
        return "is the encoding setting right? (utf-8 reads most files)"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "re-save the file as UTF-8, or set encoding to the file's own"
    return (
        "it reads as Windows-1252, as Excel's 'CSV (Comma delimited)' and Notepad's 'ANSI'"
        " save text: set encoding: cp1252, save it as UTF-8 ('CSV UTF-8' in Excel) or"
        " convert it with iconv -f cp1252 -t utf-8"
    )


def decode_article(data: bytes, *, source: str, encoding: str) -> str:
    """Decode an article's bytes and normalise its newlines.

    Args:
        data: The raw file content.
        source: The file name, used in error messages.
        encoding: The text encoding of the file (a byte-order mark is allowed in UTF-8).

    Returns:
        The article text (see :func:`normalise_newlines`).

    Raises:
        ArticleError: if the content is binary, not in the encoding, or holds no text.
    """
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise ArticleError(f"{source}: binary content, not a text article")
    try:
        text = normalise_newlines(data.decode(text_codec(encoding)))
    except UnicodeDecodeError:
        raise ArticleError(f"{source}: {decoding_problem(data, encoding=encoding)}") from None
    if not text.strip():
        raise ArticleError(f"{source}: empty article (no text besides white space)")
    return text


def read_article(path: str | os.PathLike[str], *, max_bytes: int, encoding: str) -> str:
    """Read and check one article file.

    Args:
        path: The article file.
        max_bytes: Largest accepted file size; larger files are refused rather than
            analysed for hours.
        encoding: The file's text encoding.

    Returns:
        The normalised article text.

    Raises:
        ArticleError: if the file is too large, binary, not in the encoding or empty.
    """
    file = Path(path)
    size = file.stat().st_size
    if size > max_bytes:
        raise ArticleError(
            f"{file}: {size:,} bytes is over the limit of {max_bytes:,} bytes"
            " (raise articles.max_bytes in the config to analyse it)"
        )
    return decode_article(file.read_bytes(), source=str(file), encoding=encoding)


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
