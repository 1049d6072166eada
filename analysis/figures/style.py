"""Shared, reproducible figure set-up.

Figures use matplotlib's object-oriented API (no pyplot state), so several can be
drawn at once in one process, and are saved with fixed metadata so that the same
data give byte-identical PNG files.
"""

from __future__ import annotations

import io
import math
import os
import textwrap
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TypeVar

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from analysis.tables import atomic_write_bytes

T = TypeVar("T")

DPI = 120
PALETTE = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C")
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "svg.hashsalt": "newsdag",
    "path.simplify": True,
    # Article text is never mathematics: "$1.1bn to $639m" must not be read as TeX.
    "text.parse_math": False,
}
matplotlib.rcParams.update(RC)
# Sections a per-article figure draws at most: a long report or transcript can have hundreds,
# and a figure of all of them is neither readable nor quick to draw (the tables keep them all).
MAX_SECTIONS_SHOWN = 24
#: Keyness bars are drawn full when the term's p-value, adjusted for the number of terms
#: tested (Benjamini-Hochberg), is below this.
SIGNIFICANCE = 0.05
UNDRAWABLE_TEXT = "[not drawable in this font]"
UNDRAWABLE_RUN = "[?]"
# Labels pass through drawable_text first; any glyph still missing is not worth one
# warning per character (a Japanese article would print hundreds).
_MISSING_GLYPH = r"Glyph \d+ .*missing from font"
warnings.filterwarnings("ignore", message=_MISSING_GLYPH, category=UserWarning)


@lru_cache(maxsize=1)
def _font_characters() -> frozenset[int]:
    """Code points the figure font (DejaVu Sans, bundled with matplotlib) has glyphs for."""
    path = font_manager.findfont(font_manager.FontProperties(family=RC["font.family"]))
    return frozenset(FT2Font(path).get_charmap())


def drawable_text(text: str) -> str:
    """Return ``text`` as the figure font can draw it, saying so where it cannot.

    DejaVu Sans covers Latin, Greek and Cyrillic but no CJK characters, and no font
    that has them ships with the pinned packages; right-to-left scripts (Arabic,
    Hebrew) have glyphs, but matplotlib would lay them out left to right and unjoined,
    so they count as undrawable too. Each run of characters without a glyph (with the
    spaces inside it) becomes "[?]"; a text left with no drawable letter or digit
    becomes "[not drawable in this font]". Call it on every text a figure draws that comes
    from an article (titles, keywords, topic labels, actor names).

    Args:
        text: A label, title or annotation; newlines are kept.

    Returns:
        The text unchanged when every character can be drawn, else the marked text.
    """
    if all(_is_drawable(char) for char in text):
        return text
    parts: list[str] = []
    pending_space = ""
    for char in text:
        drawable = _is_drawable(char)
        if char == " " and parts and parts[-1] == UNDRAWABLE_RUN:
            pending_space += char  # a space may sit inside an undrawable run
        elif drawable:
            parts.append(pending_space + char)
            pending_space = ""
        elif not parts or parts[-1] != UNDRAWABLE_RUN:
            parts.append(pending_space + UNDRAWABLE_RUN)
            pending_space = ""
        else:
            pending_space = ""
    marked = "".join(parts) + pending_space
    if not any(char.isalnum() for char in marked.replace(UNDRAWABLE_RUN, "")):
        return UNDRAWABLE_TEXT
    return marked.rstrip()


@lru_cache(maxsize=4096)
def _is_drawable(char: str) -> bool:
    if char == "\n":
        return True
    return ord(char) in _font_characters() and unicodedata.bidirectional(char) not in ("R", "AL")


def new_figure(width: float, height: float) -> Figure:
    """Return a fresh figure of ``width`` x ``height`` inches with a constrained layout.

    Args:
        width: Width in inches.
        height: Height in inches.

    Returns:
        A figure attached to an Agg canvas.
    """
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def wrap_label(label: str, *, width: int = 28) -> str:
    """Wrap a long label (a section title, say) over several lines so labels never overlap.

    The label first passes through :func:`drawable_text`, so text from an article in a
    script the font cannot draw is marked rather than drawn as empty boxes.

    Args:
        label: The text.
        width: Maximum characters per line.

    Returns:
        The drawable label, wrapped.
    """
    drawable = drawable_text(label)
    return "\n".join(textwrap.wrap(drawable, width=width)) or drawable


def short_label(value: object, *, max_chars: int = 40) -> str:
    """A metadata value (an outlet's name, say) shortened for a figure: one very long value
    must not push a legend, or the other labels, off the figure (the tables keep it whole).
    Pass the result, within its label, through :func:`wrap_label` to make it drawable.

    Args:
        value: The value; runs of white space become one space.
        max_chars: Longest label; a longer one is cut and ends in "…".

    Returns:
        The shortened text.
    """
    text = " ".join(str(value).split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def legend_label(value: object) -> str:
    """A metadata value as a legend entry: shortened, and wrapped over at most two lines."""
    return wrap_label(short_label(value, max_chars=48), width=24)


def distinct_labels(labels: Sequence[str]) -> list[str]:
    """The labels, a repeated one numbered " (2)", " (3)"… in order: two outlets whose names
    the font cannot draw, or two long names cut to the same start, stay apart.

    Args:
        labels: Labels in drawing order.

    Returns:
        The labels, each distinct.
    """
    seen: dict[str, int] = {}
    distinct = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        distinct.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return distinct


def section_name(section_id: int, title: object, *, n_sections: int) -> str:
    """A section's name in every figure: its heading; an untitled section by its place.

    Args:
        section_id: The section's number (0 is the text before the first heading).
        title: Its heading; empty, None or NaN when it has none.
        n_sections: How many sections the article has.

    Returns:
        The heading, or "Lead (untitled)" for untitled text before later sections,
        "Whole text (no headings)" for an article without headings, and
        "Section N (untitled)" otherwise.
    """
    missing = title is None or (isinstance(title, float) and math.isnan(title))
    heading = "" if missing else str(title).strip()
    if heading:
        return heading
    if n_sections <= 1:
        return "Whole text (no headings)"
    return "Lead (untitled)" if section_id == 0 else f"Section {section_id} (untitled)"


def section_names(section_ids: Sequence[int], titles: Sequence[object]) -> dict[int, str]:
    """Each section's :func:`section_name`, by section id.

    Args:
        section_ids: The article's section ids, one per section.
        titles: Their headings, in the same order.

    Returns:
        The names by section id.
    """
    ids = [int(i) for i in section_ids]
    return {
        i: section_name(i, title, n_sections=len(ids)) for i, title in zip(ids, titles, strict=True)
    }


def first_sections(items: Sequence[T], title: str) -> tuple[list[T], str]:
    """The first :data:`MAX_SECTIONS_SHOWN` of a figure's per-section items (panels, rows),
    and its title, which says so when some are left out.

    Args:
        items: One item per section, in section order.
        title: The figure's title.

    Returns:
        The items to draw, and the title to give the figure.
    """
    if len(items) <= MAX_SECTIONS_SHOWN:
        return list(items), title
    shown = f"{title}\n(first {MAX_SECTIONS_SHOWN} of {len(items)} sections)"
    return list(items[:MAX_SECTIONS_SHOWN]), shown


def save_png(figure: Figure, path: str | os.PathLike[str]) -> None:
    """Save ``figure`` as PNG atomically, with no timestamp or software metadata.

    Args:
        figure: The figure to save.
        path: Destination path.
    """
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Drawing happens here; the filter above may have been reset by the caller.
        warnings.filterwarnings("ignore", message=_MISSING_GLYPH, category=UserWarning)
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    atomic_write_bytes(path, buffer.getvalue())


def save_messages(message: str, figures_by_title: Mapping[str, str | os.PathLike[str]]) -> None:
    """Save, in place of each figure, one with its title that says why there is nothing to draw.

    Args:
        message: Why there is nothing to draw.
        figures_by_title: The figures' titles and their output paths.
    """
    for title, path in figures_by_title.items():
        save_png(message_figure(title, message), path)


def message_figure(title: str, message: str) -> Figure:
    """A small figure that says why there is nothing to draw (instead of an empty chart)."""
    figure = new_figure(7.0, 2.4)
    ax = figure.add_subplot()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_axis_off()
    return figure
