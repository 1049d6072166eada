"""Paragraph units: one per line, or hard-wrapped lines joined back into paragraphs.

News is usually stored with one paragraph per line, but newswire dumps, e-mail and many
archives break lines at a fixed width (about 72 columns) inside paragraphs. Such text is
recognised by its line breaks: a greedy wrapper breaks a line only when the next word
would not fit, so wrapped lines fill the width and mostly end inside a sentence, while a
paragraph's last line is short or ends a sentence. Every unit is a ``(start, end)`` span
of the source text: joined lines keep their newlines inside the span.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

LINE_BREAK_MODES = ("auto", "paragraph", "wrap")
BULLETS = "•\u2043◦▪‣∙"  # \u2043 is the hyphen bullet
MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>.*?)[ \t#]*")

_LINE = re.compile(r"[^\n]+")
_FIRST_WORD = re.compile(r"\S+")
# Markdown list items and bullets: "- x", "* x", "+ x", "1. x", "2) x", "a) x", "• x".
_LIST_ITEM = re.compile(rf"(?:[-*+{BULLETS}]|\d{{1,3}}[.)]|[a-z]\))\s")
# Lines that are never joined with others: table rows, quotes, rules, underlines, fences.
_VERBATIM = re.compile(r"[|>]|(?:[-*_=~`][ \t]*){3,}$")
_FENCE = re.compile(r"```|~~~")
_SENTENCE_END = re.compile(r"[.!?…‽。！？][\"'”’»)\]]*$")
# Wrapping widths in use are 60-80 columns; narrower "lines" are lists or verse, and
# lines far wider than a terminal are paragraphs.
_MIN_WRAP_WIDTH = 40
_MAX_WRAP_WIDTH = 160
# Share of a text's line breaks that must look like wrapping (full line, open sentence).
_MIN_WRAPPED_SHARE = 0.5
_MIN_WRAPPED_BREAKS = 2


@dataclass(frozen=True)
class Line:
    """One non-blank line: its stripped span, width in columns, indent and kind."""

    start: int
    end: int
    width: int
    indent: int
    after_blank: bool
    kind: str  # "text", "heading", "item" (list item) or "verbatim"


def read_lines(text: str) -> list[Line]:
    """Return the non-blank lines of ``text`` with their layout.

    Args:
        text: Normalised article text.

    Returns:
        One :class:`Line` per line holding a non-space character, in order.
    """
    lines: list[Line] = []
    after_blank, in_fence, previous_end = True, False, -1
    for match in _LINE.finditer(text):
        line_start, start, end = match.start(), match.start(), match.end()
        # An empty line between two matches shows as a gap of more than one newline.
        after_blank = after_blank or line_start > previous_end + 1
        previous_end = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            after_blank = True
            continue
        kind, in_fence = _line_kind(text, start, end, in_fence)
        lines.append(Line(start, end, end - line_start, start - line_start, after_blank, kind))
        after_blank = False
    return lines


def _line_kind(text: str, start: int, end: int, in_fence: bool) -> tuple[str, bool]:
    """The kind of the stripped line ``text[start:end]``, and whether a code fence is open."""
    if _FENCE.match(text, start, end):
        return "verbatim", not in_fence
    if in_fence or _VERBATIM.match(text, start, end):
        return "verbatim", in_fence
    if MARKDOWN_HEADING.fullmatch(text, start, end):
        return "heading", in_fence
    if _LIST_ITEM.match(text, start, end):
        return "item", in_fence
    return "text", in_fence


def wrap_width(lines: list[Line]) -> int:
    """Estimate the width the text was wrapped at: nearly the widest line of prose.

    The 90th percentile (rounded up) rather than the maximum, so that a few long URLs
    or unbreakable words do not hide the width of the others; table rows, quotes and
    other verbatim lines do not count.

    Args:
        lines: The text's lines, from :func:`read_lines`.

    Returns:
        The width in columns (0 for no lines).
    """
    widths = sorted(line.width for line in lines if line.kind == "text")
    if not widths:
        return 0
    return widths[-(-9 * (len(widths) - 1) // 10)]


def is_hard_wrapped(text: str, lines: list[Line] | None = None) -> bool:
    """Tell whether the line breaks of ``text`` wrap paragraphs rather than end them.

    A text is wrapped when its width is that of a terminal (40-160 columns) and at
    least half of the breaks between consecutive lines of prose (at least two) follow a
    full line that ends inside a sentence. One-paragraph-per-line text fails both: its
    lines end sentences, and few of them reach its widest line.

    Args:
        text: Normalised article text.
        lines: Its lines, if already read.

    Returns:
        True if the text's lines should be joined into paragraphs.
    """
    lines = read_lines(text) if lines is None else lines
    width = wrap_width(lines)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    n_breaks = n_wrapped = 0
    for previous, line in itertools.pairwise(lines):
        if line.after_blank or previous.kind != "text" or line.kind != "text":
            continue
        n_breaks += 1
        if _fills(text, previous, line, width) and not _ends_sentence(text, previous):
            n_wrapped += 1
    return n_wrapped >= max(_MIN_WRAPPED_BREAKS, _MIN_WRAPPED_SHARE * n_breaks)


def paragraph_spans(
    text: str, *, line_breaks: str, is_title: Callable[[str], bool] | None = None
) -> list[tuple[int, int]]:
    """Split ``text`` into paragraph units: lines, or runs of wrapped lines.

    Args:
        text: Normalised article text.
        line_breaks: ``"paragraph"``: every line is a unit (blank lines separate units
            too); ``"wrap"``: lines are wrapped, and a unit ends at a blank line, an
            indented line, a list item, a heading, a table row or quote, or a short line
            (the next word would have fitted) not followed by a lower-case word; ``"auto"``:
            ``"wrap"`` when :func:`is_hard_wrapped` says so, else ``"paragraph"``.
        is_title: Tells whether a line reads as a title; in wrapped text, a short line
            for which it is true, after a sentence end, stays a unit of its own (a
            heading), even when the line before it is full.

    Returns:
        ``(start, end)`` spans without surrounding white space, in order.

    Raises:
        ValueError: if ``line_breaks`` is not one of :data:`LINE_BREAK_MODES`.
    """
    if line_breaks not in LINE_BREAK_MODES:
        raise ValueError(f"line_breaks must be one of {LINE_BREAK_MODES}, not {line_breaks!r}")
    lines = read_lines(text)
    wrapped = line_breaks == "wrap" or (line_breaks == "auto" and is_hard_wrapped(text, lines))
    if not wrapped:
        return [(line.start, line.end) for line in lines]
    width = wrap_width(lines)
    if is_title is not None:
        lines = _mark_titles(text, lines, width, is_title)
    return _join_wrapped(text, lines, width)


def _mark_titles(
    text: str, lines: list[Line], width: int, is_title: Callable[[str], bool]
) -> list[Line]:
    """Give short title lines that follow a sentence end the kind "heading"."""
    marked = list(lines)
    for index, line in enumerate(lines):
        if line.kind != "text":
            continue
        previous = lines[index - 1] if index else None
        after_sentence = line.after_blank or previous is None or _ends_sentence(text, previous)
        following = lines[index + 1] if index + 1 < len(lines) else None
        short = following is None or following.after_blank
        short = short or not _fills(text, line, following, width)
        if after_sentence and short and is_title(text[line.start : line.end]):
            marked[index] = replace(line, kind="heading")
    return marked


def _join_wrapped(text: str, lines: list[Line], width: int) -> list[tuple[int, int]]:
    units: list[tuple[int, int]] = []
    # Continuation lines sit at the smallest indent; deeper ones open a paragraph.
    margin = min((line.indent for line in lines if line.kind == "text"), default=0)
    first = previous = None
    for line in lines:
        if first is None or _starts_paragraph(text, first, previous, line, width, margin):
            if first is not None:
                units.append((first.start, previous.end))
            first = line
        previous = line
    if first is not None:
        units.append((first.start, previous.end))
    return units


def _starts_paragraph(
    text: str, first: Line, previous: Line, line: Line, width: int, margin: int
) -> bool:
    """Whether ``line`` opens a new unit after ``previous`` (the unit began at ``first``)."""
    if line.after_blank or "verbatim" in (previous.kind, line.kind):
        return True
    if "heading" in (previous.kind, line.kind):
        return True
    fills = _fills(text, previous, line, width)
    if line.kind == "item":
        # A dash or number that opens a line after a full line is wrapped punctuation.
        return first.kind == "item" or not fills
    if line.indent > margin and first.kind != "item":
        return True  # a first-line indent; list items continue on hanging indents
    # A short line ends its paragraph, unless the next one goes on in lower case.
    return not (fills or text[line.start].islower())


def _fills(text: str, previous: Line, line: Line, width: int) -> bool:
    """Whether the first word of ``line`` would not have fitted on ``previous``."""
    word = _FIRST_WORD.match(text, line.start, line.end)
    return previous.width + 1 + (word.end() - word.start()) > width


def _ends_sentence(text: str, line: Line) -> bool:
    """Whether ``line`` ends with terminal punctuation (and closing quotes)."""
    tail_start = max(line.start, line.end - 8)
    return _SENTENCE_END.search(text, tail_start, line.end) is not None
