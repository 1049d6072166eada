"""Warnings about article texts that will be analysed but may mislead."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from analysis.boilerplate import EXCERPT_MARK
from analysis.tokens import CHARACTER_REFERENCES

_HTML_TAG = re.compile(
    r"</?(?:script|style|img|a|p|div|span|br|html|body|head|iframe|table|b|i|em|strong)\b[^>]*>",
    re.IGNORECASE,
)
# The most characters an Excel cell holds: Excel cuts longer text there without a word, so
# a corpus that passed through a spreadsheet can hold articles cut at exactly this length.
EXCEL_CELL_LIMIT = 32_767
_EXCERPT_END = re.compile(rf"{EXCERPT_MARK}\W{{0,3}}\Z", re.IGNORECASE)
# Enough of a text to find what it holds; reading more only costs time.
_SAMPLE_CHARS = 200_000
# Mojibake: UTF-8 read as Latin-1 or Windows-1252 turns each accented letter or curly quote
# into a lead character (Â to ô) and a continuation character (U+0080 to U+00BF, or what
# Windows-1252 puts in 0x80-0x9F: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ):
# "Hermès" becomes "HermÃ¨s", "’" becomes "â€™". Only a word holding such a pair goes to
# ftfy's test (slower, and stricter about what a real text writes).
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


def has_words(text: str) -> bool:
    """Tell whether a text has at least one letter or digit (not only punctuation)."""
    return any(character.isalnum() for character in text)


def mojibake(text: str) -> tuple[str, str] | None:
    """The first word of a text that was decoded with the wrong encoding, and its repair.

    Args:
        text: The article text.

    Returns:
        ``(word as written, word as meant)``, e.g. ``("HermÃ¨s", "Hermès")``, or None.
    """
    sample = text[:_SAMPLE_CHARS]
    for match in _MOJIBAKE_PAIR.finditer(sample):
        import ftfy  # only for a text with a suspect pair: the import takes 0.1 s
        from ftfy.badness import is_bad

        start = max(sample.rfind(" ", 0, match.start()) + 1, 0)
        end = sample.find(" ", match.end())
        word = sample[start : len(sample) if end < 0 else end]
        if is_bad(word) and (repaired := ftfy.fix_encoding(word)) != word:
            return word, repaired
    return None


def text_warnings(text: str, *, source: str) -> list[str]:
    """One-line warnings about text that will be analysed but may mislead.

    Args:
        text: The article text.
        source: Where the article comes from (file, or file and row), for the messages.

    Returns:
        Warnings for HTML markup and character references, for text decoded with the wrong
        encoding (:func:`mojibake`), for text of exactly the length at which Excel cuts a
        cell, and for the excerpt that an API or feed gives in place of an article. (Text
        that does not read as English is told by :mod:`analysis.language`.)
    """
    warnings = []
    if _HTML_TAG.search(text):
        warnings.append(f"{source}: contains HTML markup; it is analysed as plain text")
    entities = CHARACTER_REFERENCES.findall(text[:_SAMPLE_CHARS])
    if entities:
        shown = " ".join(dict.fromkeys(entities[:50]))
        warnings.append(
            f"{source}: contains HTML character references ({shown[:60]}); they are read as the"
            " characters they stand for, and the tables' text and offsets keep them as written"
        )
    garbled = mojibake(text)
    if garbled:
        warnings.append(
            f"{source}: contains text decoded with the wrong encoding ({garbled[0]!r} for"
            f" {garbled[1]!r}); it is analysed as written, so such words are misread: repair"
            " the file (for example with the ftfy package) and run again"
        )
    if len(text) == EXCEL_CELL_LIMIT:
        warnings.append(
            f"{source}: the text is {EXCEL_CELL_LIMIT:,} characters long, the most an Excel cell"
            " holds; if the corpus passed through Excel, the rest of the article was cut off"
        )
    excerpt = _EXCERPT_END.search(text[-200:])
    if excerpt:
        warnings.append(
            f"{source}: the text ends with {excerpt.group(0).strip()!r}, the mark of an excerpt"
            " that a news API or feed gives in place of the article; only the excerpt is"
            " analysed"
        )
    return warnings


def repeated_texts(articles: Iterable[str], texts: Iterable[str]) -> dict[str, str]:
    """The articles whose text is exactly another article's, each with the first of them in
    name order: wire stories that several outlets ran unchanged, or one article saved twice.
    They are analysed like any other; a researcher may want to count each text once.

    Args:
        articles: The article names.
        texts: Their texts, in the same order.

    Returns:
        article -> the first article with the same text, for every repeat (the first has
        no entry).
    """
    keyed = sorted(
        (article, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        for article, text in zip(articles, texts, strict=True)
    )
    first: dict[bytes, str] = {}
    repeats = {}
    for article, digest in keyed:
        earlier = first.setdefault(digest, article)
        if earlier != article:
            repeats[article] = earlier
    return repeats
