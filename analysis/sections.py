"""Splitting an article into sections (by headings) and paragraphs (by lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.boilerplate import is_boilerplate
from analysis.paragraphs import MARKDOWN_HEADING, paragraph_spans

# Words that stay lower-case in a title ("Trade and Economic Discussions").
_TITLE_SMALL_WORDS = frozenset(
    """a about after against amid among an and as at before between but by during for from in
    into nor of on or over per the to up via vs with within without under""".split()
)
_WORD = re.compile(r"[^\W\d_][\w’'.&-]*|\d[\w.,]*")
# A full stop followed by more text means the line holds a sentence, not a title.
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+[A-Z]")
# Acronyms and initials ("U.S. Defense", "Donald J. Trump") end in a period mid-title.
_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b[A-Z]\.")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as [start, end) offsets without surrounding spaces.

    One line of body text, or the lines a hard-wrapped paragraph was broken into.
    """

    start: int
    end: int


@dataclass
class Section:
    """A section: a heading (absent for the lead) and the paragraphs under it.

    ``start`` is the heading's first character (or the first paragraph's, for the
    lead); ``end`` is the end of its last line.
    """

    title: str
    start: int
    end: int
    heading_start: int | None = None
    heading_end: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)


def is_title_line(line: str, *, max_words: int = 14) -> bool:
    """Tell whether a stand-alone line reads as a title rather than body text.

    A title is short, has no sentence break inside, does not end like a clause
    (comma, colon, semicolon), and capitalises every word except small words
    ("and", "of", "the"...). It may end with a full stop, as in
    "Energy Cooperation Between Japan and the U.S.".

    Args:
        line: One line of text, without its newline.
        max_words: Longest title, in words.

    Returns:
        True if the line looks like a heading.
    """
    stripped = line.strip()
    without_abbreviations = _ABBREVIATION.sub("X", stripped)
    if not stripped or stripped[-1] in ",;:" or _INNER_SENTENCE_END.search(without_abbreviations):
        return False
    words = _WORD.findall(stripped)
    if not words or len(words) > max_words or not words[0][0].isupper():
        return False
    if len(words) == 1 and stripped[-1] in ".!?":
        return False  # "Thanks." or "Yes!" is a one-word sentence.
    if is_boilerplate(stripped):
        return False  # "(Editing by Vicki Allen)" and "© 2011 Reuters" are in title case
    content = [w for w in words[1:] if w.lower() not in _TITLE_SMALL_WORDS]
    return all(w[0].isupper() or w[0].isdigit() for w in content)


def _heading_title(line: str, *, detect_titles: bool) -> str | None:
    markdown = MARKDOWN_HEADING.fullmatch(line.strip())
    if markdown:
        return markdown.group("title")
    if detect_titles and is_title_line(line):
        return line.strip()
    return None


def _is_heading_context(lines: list[tuple[int, int]], index: int) -> bool:
    """A heading needs body text after it; a last line is a closing sentence."""
    return index + 1 < len(lines)


def split_sections(text: str, *, detect_headings: bool, line_breaks: str) -> list[Section]:
    """Split ``text`` into sections at heading lines, and sections into paragraphs.

    Every paragraph unit (see :func:`analysis.paragraphs.paragraph_spans`) is either a
    heading or a paragraph: in news text single newlines separate paragraphs, and
    blank lines do too, unless the text is hard-wrapped. Only a unit of one line can
    be a heading. Text before the first heading forms a section with an empty title;
    there is none if the text starts with a heading. Markdown ``#`` headings always
    count; other title-like lines count when ``detect_headings`` is true.

    Args:
        text: Normalised article text.
        detect_headings: If false, the whole text is one untitled section (Markdown
            headings are then kept as paragraphs too).
        line_breaks: ``"auto"``, ``"paragraph"`` or ``"wrap"``: what a single line
            break means (see :func:`analysis.paragraphs.paragraph_spans`).

    Returns:
        The sections in order. Empty for blank text.

    Raises:
        ValueError: if ``line_breaks`` is not a known mode.
    """
    units = paragraph_spans(
        text, line_breaks=line_breaks, is_title=is_title_line if detect_headings else None
    )
    sections: list[Section] = []
    for index, (start, end) in enumerate(units):
        line = text[start:end]
        title = None
        if detect_headings and _is_heading_context(units, index) and "\n" not in line:
            title = _heading_title(line, detect_titles=True)
        if title is not None:
            sections.append(Section(title, start, end, start, end))
            continue
        if not sections:
            sections.append(Section("", start, end))
        sections[-1].paragraphs.append(Paragraph(start, end))
        sections[-1].end = end
    return sections
