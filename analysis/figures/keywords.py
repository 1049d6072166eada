"""Figures for the keywords stage: top keywords per section, and keyness per section."""

from __future__ import annotations

import math
import os

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.figures.style import (
    PALETTE,
    SIGNIFICANCE,
    first_sections,
    message_figure,
    new_figure,
    save_png,
    section_names,
    wrap_label,
)

PANEL_WIDTH = 4.2
LABEL_WIDTH = 24
TITLE_WIDTH = 38


def _grid(n_panels: int, rows_per_panel: int) -> tuple[Figure, list[Axes]]:
    columns = 1 if n_panels == 1 else 2 if n_panels <= 4 else 3
    rows = math.ceil(n_panels / columns)
    height = rows * (0.9 + 0.32 * rows_per_panel) + 0.6
    figure = new_figure(PANEL_WIDTH * columns, height)
    axes = list(figure.subplots(rows, columns, squeeze=False).ravel())
    for unused in axes[n_panels:]:
        unused.set_visible(False)
    return figure, axes[:n_panels]


def _panel_title(ax: Axes, section_id: int, names: dict[int, str]) -> None:
    name = names.get(int(section_id), f"Section {section_id}")
    ax.set_title(wrap_label(f"{section_id}. {name}", width=TITLE_WIDTH), fontsize=9, loc="left")


def _bars(ax: Axes, labels: list[str], values: list[float], colours: list[str]) -> None:
    positions = list(range(len(labels)))
    ax.barh(positions, values, color=colours)
    ax.set_yticks(positions, [wrap_label(label, width=LABEL_WIDTH) for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=7)


def keywords_by_section_figure(
    keywords: pd.DataFrame, sections: pd.DataFrame, *, top_n: int
) -> Figure:
    """Small multiples: each section's top headline keywords as horizontal bars.

    Args:
        keywords: ``keywords.tsv`` (scope, section_id, rank, keyword, score).
        sections: ``sections.tsv`` (section_id, title).
        top_n: Keywords per panel.

    Returns:
        The figure.
    """
    names = section_names(sections["section_id"], sections["title"])
    rows = keywords[(keywords["scope"] == "section") & (keywords["rank"] <= top_n)].copy()
    rows["section_id"] = rows["section_id"].astype(int)
    groups = list(rows.sort_values(["section_id", "rank"]).groupby("section_id", sort=True))
    groups, title = first_sections(groups, "Top keywords per section")
    if not groups:
        return message_figure("Top keywords per section", "No keywords found.")
    figure, axes = _grid(len(groups), top_n)
    for ax, (section_id, group) in zip(axes, groups, strict=True):
        _bars(ax, group["keyword"].tolist(), group["score"].tolist(), [PALETTE[0]] * len(group))
        _panel_title(ax, section_id, names)
        ax.set_xlabel("fused score (higher = more central)", fontsize=8)
    figure.suptitle(title)
    return figure


def keyness_figure(keyness: pd.DataFrame, sections: pd.DataFrame, *, top_n: int) -> Figure:
    """Small multiples: each section's most over-used terms against the rest, as log ratios.

    Terms are the top ``top_n`` over-used ones by G²; dark bars are significant (adjusted p < 0.05).

    Args:
        keyness: ``keyness.tsv``.
        sections: ``sections.tsv`` (section_id, title).
        top_n: Terms per panel.

    Returns:
        The figure.
    """
    names = section_names(sections["section_id"], sections["title"])
    over = keyness[keyness["sign"] > 0].sort_values(
        ["section_id", "g2", "term"], ascending=[True, False, True]
    )
    groups = [(s, g.head(top_n)) for s, g in over.groupby("section_id", sort=True)]
    groups, title = first_sections(
        groups, "Keyness: terms each section over-uses compared with the rest (top by G²)"
    )
    if not groups:
        return message_figure("Keyness per section", "Needs two or more sections.")
    figure, axes = _grid(len(groups), top_n)
    for ax, (section_id, group) in zip(axes, groups, strict=True):
        colours = [PALETTE[3] if p < SIGNIFICANCE else "#E8A9AB" for p in group["p_adjusted"]]
        _bars(ax, group["term"].tolist(), group["log_ratio"].tolist(), colours)
        _panel_title(ax, section_id, names)
        ax.set_xlabel("log ratio vs rest of article (log2)", fontsize=8)
    legend = [
        Patch(color=PALETTE[3], label=f"adjusted p < {SIGNIFICANCE} (Benjamini-Hochberg)"),
        Patch(color="#E8A9AB", label="not significant"),
    ]
    figure.legend(handles=legend, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    figure.suptitle(title)
    return figure


def save_keywords_by_section(
    keywords: pd.DataFrame, sections: pd.DataFrame, path: str | os.PathLike[str], *, top_n: int
) -> None:
    """Draw :func:`keywords_by_section_figure` and save it as PNG at ``path``."""
    save_png(keywords_by_section_figure(keywords, sections, top_n=top_n), path)


def save_keyness(
    keyness: pd.DataFrame, sections: pd.DataFrame, path: str | os.PathLike[str], *, top_n: int
) -> None:
    """Draw :func:`keyness_figure` and save it as PNG at ``path``."""
    save_png(keyness_figure(keyness, sections, top_n=top_n), path)
