"""Figures of the topic models: section heatmap, top terms, article mixtures."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from analysis.figures.style import PALETTE, first_sections, new_figure, section_names, wrap_label

MAX_LABELLED_ARTICLES = 40
MAX_IMAGE_ROWS = 2000  # more than the figure's pixel rows
TERMS_PER_PANEL = 8


def topic_names(terms: pd.DataFrame) -> dict[int, str]:
    """Map each topic number to "T<n>: <label>" from a topic-terms table."""
    labels = terms.drop_duplicates("topic").set_index("topic")["label"]
    return {int(t): f"T{int(t)}: {label}" for t, label in labels.items()}


def topic_colours(n_topics: int) -> list:
    """The house palette for up to eight topics, else a qualitative 20-colour map."""
    if n_topics <= len(PALETTE):
        return list(PALETTE[:n_topics])
    cmap = matplotlib.colormaps["tab20"]
    return [cmap(i % 20) for i in range(n_topics)]


def section_heatmap(mixtures: pd.DataFrame, terms: pd.DataFrame, sections: pd.DataFrame) -> Figure:
    """Heatmap of each section's topic weights (rows: sections, columns: topics).

    Args:
        mixtures: ``topics_sections.tsv`` (section_id, topic, weight).
        terms: ``topics_terms.tsv`` (for topic labels).
        sections: ``sections.tsv`` (for section titles).

    Returns:
        The figure.
    """
    grid = mixtures.pivot(index="section_id", columns="topic", values="weight").sort_index()
    grid = grid.reindex(sorted(grid.columns), axis=1).fillna(0.0)
    shown, title = first_sections(list(grid.index), "Topic mixture of each section")
    grid = grid.loc[shown]
    names = section_names(sections["section_id"], sections["title"])
    labels = topic_names(terms)
    n_rows, n_cols = grid.shape
    figure = new_figure(max(7.0, 3.6 + 1.3 * n_cols), 1.6 + 0.5 * n_rows)
    axes = figure.add_subplot()
    image = axes.imshow(grid.to_numpy(), cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    axes.set_xticks(range(n_cols))
    axes.set_xticklabels([wrap_label(labels.get(t, f"T{t}"), width=16) for t in grid.columns])
    axes.set_yticks(range(n_rows))
    axes.set_yticklabels([wrap_label(names.get(int(s), str(s)), width=30) for s in grid.index])
    for (row, col), value in np.ndenumerate(grid.to_numpy()):
        colour = "white" if value > 0.6 else "black"
        axes.text(col, row, f"{value:.2f}", ha="center", va="center", fontsize=8, color=colour)
    axes.set_xlabel("Topic (top terms)")
    axes.set_ylabel("Section")
    axes.set_title(f"{title}\n(each row sums to 1)")
    figure.colorbar(image, ax=axes, label="Share of the section's content words", shrink=0.8)
    return figure


def topic_terms(terms: pd.DataFrame, *, title: str, n_terms: int = TERMS_PER_PANEL) -> Figure:
    """Small multiples: the heaviest terms of each topic as horizontal bars.

    Args:
        terms: A topic-terms table (topic, rank, term, weight, label).
        title: Figure title.
        n_terms: Terms per panel.

    Returns:
        The figure.
    """
    topics = sorted(int(t) for t in terms["topic"].unique())
    n_cols = min(4, max(1, len(topics)))
    n_rows = math.ceil(len(topics) / n_cols)
    figure = new_figure(3.0 * n_cols, 0.35 * n_terms * n_rows + 0.9)
    colours = topic_colours(len(topics))
    for position, topic in enumerate(topics):
        axes = figure.add_subplot(n_rows, n_cols, position + 1)
        rows = terms[terms["topic"] == topic].sort_values("rank").head(n_terms)
        y = np.arange(len(rows))
        axes.barh(y, rows["weight"], color=colours[position])
        axes.set_yticks(y)
        axes.set_yticklabels([wrap_label(str(t), width=18) for t in rows["term"]], fontsize=8)
        axes.invert_yaxis()
        axes.set_title(f"Topic {topic}", fontsize=9)
        axes.tick_params(axis="x", labelsize=7)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=3))
        if position // n_cols == n_rows - 1:
            axes.set_xlabel("Term weight in topic")
    figure.suptitle(title)
    return figure


def _article_order(grid: pd.DataFrame) -> list:
    dominant = grid.to_numpy().argmax(axis=1)
    strength = grid.to_numpy().max(axis=1)
    frame = pd.DataFrame(
        {"article": grid.index, "dominant": dominant, "strength": -np.round(strength, 9)}
    )
    return frame.sort_values(["dominant", "strength", "article"])["article"].tolist()


def article_mixtures(document_topics: pd.DataFrame, terms: pd.DataFrame) -> Figure:
    """Stacked bars of each article's topic mixture, sorted by dominant topic.

    Up to 40 articles get a named bar each; beyond that the bars touch and names are dropped,
    so the figure reads as the corpus's topic landscape whatever its size. Touching bars are
    drawn as one image (a row of pixels per article) rather than one rectangle per article and
    topic, which for thousands of articles took seconds and hundreds of MiB.

    Args:
        document_topics: ``document_topics.tsv`` (article, topic, weight).
        terms: ``topic_terms.tsv`` (for topic labels).

    Returns:
        The figure.
    """
    grid = document_topics.pivot(index="article", columns="topic", values="weight").fillna(0.0)
    grid = grid.reindex(sorted(grid.columns), axis=1)
    grid = grid.loc[_article_order(grid)]
    n_articles = len(grid)
    labelled = n_articles <= MAX_LABELLED_ARTICLES
    figure = new_figure(10.0, 1.8 + (0.28 * n_articles if labelled else 5.0))
    axes = figure.add_subplot()
    names = topic_names(terms)
    colours = topic_colours(grid.shape[1])
    if labelled:
        _draw_named_bars(axes, grid, colours)
    else:
        _draw_bar_image(axes, grid, colours)
    for colour, topic in zip(colours, grid.columns, strict=True):
        label = wrap_label(names.get(int(topic), f"T{topic}"), width=34)
        axes.add_patch(Rectangle((0, 0), 0, 0, color=colour, label=label))  # legend entry
    axes.set_xlim(0, 1)
    axes.set_ylim(n_articles - 0.5, -0.5)
    axes.set_xlabel("Share of the article's content words")
    axes.set_title("Topic mixture of each article")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return figure


def _draw_named_bars(axes, grid: pd.DataFrame, colours: list) -> None:
    y = np.arange(len(grid))
    left = np.zeros(len(grid))
    for colour, topic in zip(colours, grid.columns, strict=True):
        values = grid[topic].to_numpy()
        axes.barh(y, values, left=left, height=0.8, color=colour, linewidth=0)
        left += values
    axes.set_yticks(y)
    axes.set_yticklabels([wrap_label(str(a), width=24) for a in grid.index], fontsize=8)
    axes.set_ylabel("Article")


def _draw_bar_image(axes, grid: pd.DataFrame, colours: list, *, width: int = 1000) -> None:
    """Draw touching stacked bars as an image: pixel (row, x) takes the colour of the topic
    whose cumulative share first exceeds x.

    Beyond :data:`MAX_IMAGE_ROWS` articles, each image row is the mean mixture of a block of
    consecutive articles (in the sorted order): the figure has fewer pixel rows than that,
    and a row per article cost gigabytes at 100,000 articles.
    """
    shares = grid.to_numpy()
    shares = shares / np.maximum(shares.sum(axis=1, keepdims=True), 1e-12)
    rows = _block_means(shares, MAX_IMAGE_ROWS)
    bounds = np.cumsum(rows, axis=1)
    centres = (np.arange(width) + 0.5) / width
    topic_at = np.stack([np.searchsorted(row, centres, side="right") for row in bounds])
    palette = np.array([to_rgb(colour) for colour in colours] + [(1.0, 1.0, 1.0)])
    palette = np.round(palette * 255).astype(np.uint8)
    axes.imshow(
        palette[np.minimum(topic_at, len(colours))],
        extent=(0, 1, len(grid) - 0.5, -0.5),
        aspect="auto",
        interpolation="antialiased",  # many rows per pixel row: blend, do not skip
    )
    axes.set_yticks([])
    per_row = "" if len(rows) == len(grid) else f"; a row is {len(grid) / len(rows):.0f} on average"
    axes.set_ylabel(f"{len(grid):,} articles, sorted by dominant topic{per_row}")


def _block_means(values: np.ndarray, max_rows: int) -> np.ndarray:
    """``values`` itself, or the means of at most ``max_rows`` contiguous blocks of its rows
    (sizes differing by at most one)."""
    if len(values) <= max_rows:
        return values
    starts = np.linspace(0, len(values), max_rows + 1).round().astype(int)[:-1]
    sums = np.add.reduceat(values, starts, axis=0)
    return sums / np.diff(np.append(starts, len(values)))[:, None]
