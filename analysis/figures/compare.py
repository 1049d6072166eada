"""Comparison figures: trends over time and differences between groups, with intervals.

Each function takes a comparison table (see :mod:`analysis.compare`) and returns a figure;
:func:`save_figures` draws every figure of a set of results. Periods are drawn evenly spaced
in order, with each period's number of articles under its label.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.compare.periods import ALL
from analysis.compare.result import ComparisonResult
from analysis.figures.style import (
    PALETTE,
    SIGNIFICANCE,
    distinct_labels,
    drawable_text,
    legend_label,
    message_figure,
    new_figure,
    save_png,
    short_label,
    wrap_label,
)

MAX_TICKS = 14
ALL_COLOUR = "#222222"
BAND_COLOUR = "#f0f0f0"
#: The most values of a group column a figure draws (one colour each). A corpus of 859
#: outlets had drawn a keyness figure of 430 rows of panels (38 MB, 353 s to draw); its
#: figures now draw the outlets with the most articles, and the tables keep all.
MAX_VALUES_DRAWN = 8


def values_to_draw(
    membership: pd.DataFrame, groups: Sequence[str], *, limit: int = MAX_VALUES_DRAWN
) -> dict[str, tuple[list[str], int]]:
    """Per group column, the values its figures draw and how many values it has.

    Args:
        membership: ``Grouping.membership`` of :func:`analysis.compare.group_articles`.
        groups: Group columns.
        limit: Most values drawn.

    Returns:
        group -> (every value when there are at most ``limit``, else the ``limit`` with the
        most articles, ties by name; in name order, as the figures draw them), number of
        values.
    """
    whole = membership[membership["period"] == ALL]
    drawn = {}
    for group in groups:
        counts = whole.loc[whole["group"] == group, "value"].astype(str).value_counts()
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        drawn[group] = (sorted(value for value, _ in ranked[:limit]), len(ranked))
    return drawn


def _shown(
    table: pd.DataFrame, group: str, shown: tuple[Sequence[str], int] | None
) -> tuple[list[str], str]:
    """The values of ``group`` to draw (the table's, or those of ``shown`` it has) and a note
    for the title when they are not all of the group's values."""
    values = _group_values(table, group)
    if shown is None:
        return values, ""
    chosen, total = set(shown[0]), shown[1]
    values = [value for value in values if str(value) in chosen]
    if total <= len(chosen):
        return values, ""
    return values, f"\n(the {len(chosen)} of {total:,} {group} values with the most articles)"


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["period"] != ALL]


def _periods(table: pd.DataFrame) -> list[str]:
    return sorted(_dated(table)["period"].unique())


def _period_axis(ax: Axes, periods: list[str], counts: Mapping[str, int] | None = None) -> None:
    """Label the x axis with every k-th period (and its article count), k so labels fit."""
    step = max(1, int(np.ceil(len(periods) / MAX_TICKS)))
    positions = list(range(0, len(periods), step))
    labels = [
        periods[i] if counts is None else f"{periods[i]}\nn={counts.get(periods[i], 0):,}"
        for i in positions
    ]
    ax.set_xticks(positions, labels, rotation=0 if len(positions) <= 7 else 45, ha="center")
    ax.set_xlim(-0.5, len(periods) - 0.5)


def _series(table: pd.DataFrame, group: str, value: str, periods: list[str]) -> pd.DataFrame:
    rows = table[(table["group"] == group) & (table["value"] == value)]
    return rows.set_index("period").reindex(periods)


def _band(ax: Axes, x, frame: pd.DataFrame, mean: str, colour: str, label: str, **style) -> None:
    ax.plot(x, frame[mean], marker="o", markersize=3.5, color=colour, label=label, **style)
    ax.fill_between(
        x,
        frame["ci_low"].astype(float),
        frame["ci_high"].astype(float),
        color=colour,
        alpha=0.15,
        linewidth=0,
    )


def _group_values(table: pd.DataFrame, group: str) -> list[str]:
    return sorted(table.loc[table["group"] == group, "value"].unique())


def _counts(table: pd.DataFrame, column: str = "n_articles") -> dict[str, int]:
    whole = table[(table["group"] == ALL) & (table["period"] != ALL)]
    return dict(zip(whole["period"], whole[column].astype(int), strict=True))


def sentiment_over_time_figure(
    table: pd.DataFrame, *, group: str, shown: tuple[Sequence[str], int] | None = None
) -> Figure:
    """Mean article sentiment per period for each value of ``group``, with intervals.

    Top: one line per value (and the whole corpus, dashed) with its bootstrap interval.
    Bottom: articles per period and value.

    Args:
        table: ``sentiment_over_time``.
        group: The group column drawn.
        shown: The values drawn and the group's number of values (:func:`values_to_draw`;
            None: every value of the table).

    Returns:
        The figure (a message figure when the table has no dated rows).
    """
    title = f"Article sentiment over time, by {group}"
    periods = _periods(table)
    if not periods:
        return message_figure(title, "no dated articles: nothing to draw over time")
    values, note = _shown(table, group, shown)
    title += note
    figure = new_figure(max(7.5, min(15.0, 0.35 * len(periods) + 5)), 6.2)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[3, 1.3])
    x = np.arange(len(periods))
    labels = distinct_labels([legend_label(value) for value in values])
    for i, value in enumerate(values):
        series = _series(table, group, value, periods)
        _band(top, x, series, "mean", PALETTE[i % 8], labels[i])
    whole = _series(table, ALL, ALL, periods)
    _band(top, x, whole, "mean", ALL_COLOUR, "all articles", linestyle="--")
    top.axhline(0, color="#999999", linewidth=0.8)
    top.set_title(title)
    top.set_ylabel("mean headline sentiment\n(95% interval over articles)")
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title=group)
    width = 0.8 / max(1, len(values))
    for i, value in enumerate(values):
        n = _series(table, group, value, periods)["n_articles"].fillna(0)
        bottom.bar(x - 0.4 + width * (i + 0.5), n, width=width, color=PALETTE[i % 8])
    bottom.set_ylabel("articles")
    bottom.set_xlabel("period (n = articles with a score)")
    _period_axis(bottom, periods, _counts(table))
    return figure


def _top_actors(table: pd.DataFrame, n: int) -> list[str]:
    whole = table[(table["period"] == ALL) & (table["group"] == ALL)]
    return whole["actor"].head(n).tolist()


def actors_over_time_figure(table: pd.DataFrame, *, n_actors: int = 6) -> Figure:
    """Sentiment toward the most-mentioned actors per period, one panel per actor.

    Args:
        table: ``actors_over_time``.
        n_actors: Actors drawn (the first of the whole-corpus rows, by mentions).

    Returns:
        The figure: per panel, the mean with its interval and the articles naming the actor.
    """
    title = "Sentiment toward the most-mentioned actors over time"
    actors, periods = _top_actors(table, n_actors), _periods(table)
    if not actors or not periods:
        return message_figure(title, "no dated articles naming an actor")
    columns = min(3, len(actors))
    rows = int(np.ceil(len(actors) / columns))
    figure = new_figure(4.2 * columns + 0.6, 3.2 * rows + 0.6)
    axes = np.atleast_1d(figure.subplots(rows, columns, sharey=True, squeeze=False)).ravel()
    x = np.arange(len(periods))
    whole = table[table["group"] == ALL]
    drawn = whole[whole["actor"].isin(actors) & whole["period"].isin(periods)]
    # One article scale for every panel, so that bars compare across actors; the bars of
    # the most-named actor fill the lower third.
    most_articles = max(1.0, float(drawn["n_articles"].max()))
    for position, (ax, actor) in enumerate(zip(axes, actors, strict=False)):
        frame = whole[whole["actor"] == actor].set_index("period")
        series = frame.reindex(periods)
        counts = ax.twinx()
        n = series["n_articles"].fillna(0)
        counts.bar(x, n, color="#E3E3E3", width=0.7, zorder=0)
        counts.set_ylim(0, 3 * most_articles)
        right_edge = position % columns == columns - 1 or position == len(actors) - 1
        if right_edge:
            counts.set_ylabel("articles (grey bars)", color="#777777")
        counts.tick_params(axis="y", colors="#777777", labelsize=7, labelright=right_edge)
        ax.set_zorder(counts.get_zorder() + 1)
        ax.patch.set_visible(False)
        _band(ax, x, series, "mean_sentiment", PALETTE[0], actor)
        ax.axhline(0, color="#999999", linewidth=0.8)
        total = int(frame.loc[ALL, "n_articles"]) if ALL in frame.index else 0
        ax.set_title(wrap_label(f"{actor} ({total:,} articles)", width=40), fontsize=9)
        if position % columns == 0:
            ax.set_ylabel("mean sentiment toward actor")
        if position >= len(actors) - columns:
            ax.set_xlabel("period")
        _period_axis(ax, periods)
        ax.tick_params(axis="x", labelsize=7)
    for ax in axes[len(actors) :]:
        ax.set_axis_off()
    figure.suptitle(title + " (line: mean, band: 95% interval over articles; bars: articles)")
    return figure


def actors_by_group_figure(
    table: pd.DataFrame,
    *,
    group: str,
    n_actors: int = 8,
    shown: tuple[Sequence[str], int] | None = None,
) -> Figure:
    """Mean sentiment toward the most-mentioned actors in each value of ``group`` (whole span).

    Args:
        table: ``actors_over_time``.
        group: The group column drawn.
        n_actors: Actors drawn.
        shown: See :func:`sentiment_over_time_figure`.

    Returns:
        A dot plot with intervals; each dot is labelled with its number of articles.
    """
    title = f"Sentiment toward the most-mentioned actors, by {group}"
    actors = _top_actors(table, n_actors)
    values, note = _shown(table, group, shown)
    rows = table[(table["period"] == ALL) & (table["group"] == group)]
    rows = rows[rows["value"].isin(values)]
    title += note
    if not actors or rows.empty:
        return message_figure(title, f"no articles with a {group} naming an actor")
    figure = new_figure(8.5, 0.2 * len(actors) * max(2, len(values)) + 1.6)
    ax = figure.add_subplot()
    offset = np.linspace(-0.3, 0.3, len(values)) if len(values) > 1 else np.zeros(1)
    labels = distinct_labels([legend_label(value) for value in values])
    for i, value in enumerate(values):
        frame = rows[rows["value"] == value].set_index("actor").reindex(actors)
        y = np.arange(len(actors)) + offset[i]
        mean = frame["mean_sentiment"].astype(float)
        error = np.vstack([mean - frame["ci_low"], frame["ci_high"] - mean]).astype(float)
        ax.errorbar(
            mean,
            y,
            xerr=np.nan_to_num(error),
            fmt="o",
            markersize=4,
            capsize=2,
            color=PALETTE[i % 8],
            label=labels[i],
        )
        # Beside the interval, or beside the dot where one article leaves no interval (a lone
        # dot far from zero must still say it is one article).
        right = frame["ci_high"].astype(float).fillna(mean)
        for xi, yi, n in zip(right, y, frame["n_articles"], strict=True):
            if pd.notna(n) and pd.notna(xi):
                # Offset in points, not data units: the same gap whatever the axis's range.
                ax.annotate(f"n={int(n):,}", (xi, yi), xytext=(3, 0), textcoords="offset points",
                            va="center", fontsize=6.5, color="#555555")  # fmt: skip
    ax.set_yticks(np.arange(len(actors)), [wrap_label(a, width=24) for a in actors])
    # Every other actor's rows on a grey band: an actor named in one outlet only has its one
    # dot away from its label, and read as the next actor's.
    for position in range(1, len(actors), 2):
        ax.axhspan(position - 0.5, position + 0.5, color=BAND_COLOUR, zorder=0, linewidth=0)
    ax.set_ylim(-0.5, len(actors) - 0.5)
    ax.invert_yaxis()
    ax.axvline(0, color="#999999", linewidth=0.8)
    # Room on the right for the labels beside the highest intervals, inside the axes (they
    # ran over the legend).
    low, high = ax.get_xlim()
    ax.set_xlim(low, high + 0.14 * (high - low))
    ax.set_xlabel("mean sentiment toward the actor (95% interval over articles; n = articles)")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title=group)
    return figure


def _topic_names(table: pd.DataFrame) -> dict[int, str]:
    first = table.drop_duplicates("topic")
    return {
        int(t): wrap_label(f"{int(t)}: {label}", width=30)
        for t, label in zip(first["topic"], first["label"], strict=True)
    }


def topics_over_time_figure(table: pd.DataFrame) -> Figure:
    """Each topic's share of the coverage per period (stacked to 100 %).

    Args:
        table: ``topics_over_time``.

    Returns:
        The figure; the x labels give each period's number of articles.
    """
    title = "Topic prevalence over time"
    whole = _dated(table[table["group"] == ALL])
    periods = _periods(whole)
    if not periods:
        return message_figure(title, "no dated articles with a topic mixture")
    wide = whole.pivot_table(index="period", columns="topic", values="share").reindex(periods)
    names = _topic_names(table)
    figure = new_figure(max(7.5, min(15.0, 0.35 * len(periods) + 5.5)), 4.8)
    ax = figure.add_subplot()
    x = np.arange(len(periods))
    colours = [PALETTE[i % 8] for i in range(wide.shape[1])]
    ax.stackplot(
        x,
        wide.fillna(0).to_numpy().T,
        labels=[names[t] for t in wide.columns],
        colors=colours,
        alpha=0.85,
    )
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of the coverage (mean topic weight)")
    ax.set_xlabel("period (n = articles with a topic mixture)")
    ax.set_title(title)
    ax.legend(
        loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="topic", reverse=True
    )
    _period_axis(ax, periods, _counts(whole))
    return figure


def topics_by_group_figure(
    table: pd.DataFrame, *, group: str, shown: tuple[Sequence[str], int] | None = None
) -> Figure:
    """Each topic's share of each group value's coverage (whole span), stacked bars.

    Args:
        table: ``topics_over_time``.
        group: The group column drawn.
        shown: See :func:`sentiment_over_time_figure`.

    Returns:
        The figure; each bar's label gives its number of articles.
    """
    values, note = _shown(table, group, shown)
    title = f"Topic shares by {group}{note}"
    rows = table[(table["period"] == ALL) & (table["group"] == group)]
    rows = rows[rows["value"].isin(values)]
    if rows.empty:
        return message_figure(title, f"no articles with a {group} and a topic mixture")
    wide = rows.pivot_table(index="value", columns="topic", values="share").sort_index()
    n = rows.drop_duplicates("value").set_index("value")["n_articles"]
    names = _topic_names(table)
    figure = new_figure(8.5, 0.5 * len(wide) + 1.8)
    ax = figure.add_subplot()
    left = np.zeros(len(wide))
    for i, topic in enumerate(wide.columns):
        ax.barh(
            np.arange(len(wide)), wide[topic], left=left, color=PALETTE[i % 8], label=names[topic]
        )
        left += wide[topic].to_numpy()
    labels = distinct_labels(
        [wrap_label(f"{short_label(v)} (n={int(n[v]):,})", width=28) for v in wide.index]
    )
    ax.set_yticks(np.arange(len(wide)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the coverage (mean topic weight over articles)")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="topic")
    return figure


def keyness_figure(
    table: pd.DataFrame,
    *,
    group: str,
    period: str = ALL,
    top_n: int = 8,
    shown: tuple[Sequence[str], int] | None = None,
) -> Figure:
    """Terms each value of ``group`` over- and under-uses against the others, one panel each.

    Args:
        table: ``group_keyness``.
        group: The group column drawn.
        period: The period compared (``all``: the whole span).
        top_n: Terms per direction and panel.
        shown: See :func:`sentiment_over_time_figure`.

    Returns:
        Bars of the log ratio of the shares of articles using each term, labelled with the
        term and G²; pale bars are not significant once the p-values are adjusted for the
        number of terms tested.
    """
    title = (
        f"Keyness by {group}: terms used more (right) and less (left) than the rest"
        f" (pale: adjusted p ≥ {SIGNIFICANCE})"
    )
    rows = table[(table["group"] == group) & (table["period"] == period)]
    values, note = _shown(rows, group, shown)
    title += note
    if not values:
        return message_figure(title, f"no {group} with two or more values to compare")
    columns = min(2, len(values))
    n_rows = int(np.ceil(len(values) / columns))
    figure = new_figure(6.0 * columns, (0.24 * 2 * top_n + 1.0) * n_rows + 0.5)
    axes = np.atleast_1d(figure.subplots(n_rows, columns, squeeze=False)).ravel()
    for ax, value in zip(axes, values, strict=False):
        cell = rows[(rows["value"] == value) & (rows["rank"] <= top_n)]
        over = cell[cell["direction"] == "over"].sort_values("rank")
        under = cell[cell["direction"] == "under"].sort_values("rank", ascending=False)
        frame = pd.concat([over, under])
        y = np.arange(len(frame))
        colours = [PALETTE[0] if d == "over" else PALETTE[3] for d in frame["direction"]]
        bars = ax.barh(y, frame["log_ratio"], color=colours)
        for bar, p_adjusted in zip(bars, frame["p_adjusted"], strict=True):
            bar.set_alpha(1.0 if p_adjusted < SIGNIFICANCE else 0.35)
        labels = [
            f"{drawable_text(str(t))}  (G²={g:,.0f})"
            for t, g in zip(frame["term"], frame["g2"], strict=True)
        ]
        ax.set_yticks(y, labels, fontsize=7.5)
        ax.invert_yaxis()
        ax.axvline(0, color="#999999", linewidth=0.8)
        n = int(cell["n_articles_target"].iloc[0]) if len(cell) else 0
        ax.set_title(
            wrap_label(f"{short_label(value)} vs other {group} values ({n:,} articles)", width=50),
            fontsize=9,
        )
        ax.set_xlabel("log ratio (log2 of the share of articles using it, vs the rest)")
    for ax in axes[len(values) :]:
        ax.set_axis_off()
    figure.suptitle(title)
    return figure


def comparison_figures(
    results: Mapping[str, ComparisonResult],
    *,
    groups: Sequence[str],
    shown: Mapping[str, tuple[Sequence[str], int]] | None = None,
) -> dict[str, Figure]:
    """Every comparison figure of ``results``, by file stem.

    Args:
        results: Any of ``sentiment``, ``actors``, ``topics``, ``keyness`` -> the entry
            point's result.
        groups: Group columns drawn; figures by group get one file per column.
        shown: group -> its values drawn and number of values (:func:`values_to_draw`);
            a group not named draws every value.

    Returns:
        ``compare_actors_time`` and ``compare_topics_time``, and per group column G
        ``compare_sentiment_G``, ``compare_actors_G``, ``compare_topics_G`` and
        ``compare_keyness_G`` (those whose results are given).
    """
    figures: dict[str, Figure] = {}
    sentiment = results.get("sentiment")
    actors = results.get("actors")
    topics = results.get("topics")
    keyness = results.get("keyness")
    if actors is not None:
        figures["compare_actors_time"] = actors_over_time_figure(actors.tables["actors_over_time"])
    if topics is not None:
        figures["compare_topics_time"] = topics_over_time_figure(topics.tables["topics_over_time"])
    for group in groups:
        kept = (shown or {}).get(group)
        if sentiment is not None:
            table = sentiment.tables["sentiment_over_time"]
            figures[f"compare_sentiment_{group}"] = sentiment_over_time_figure(
                table, group=group, shown=kept
            )
        if actors is not None:
            table = actors.tables["actors_over_time"]
            figures[f"compare_actors_{group}"] = actors_by_group_figure(
                table, group=group, shown=kept
            )
        if topics is not None:
            table = topics.tables["topics_over_time"]
            figures[f"compare_topics_{group}"] = topics_by_group_figure(
                table, group=group, shown=kept
            )
        if keyness is not None:
            table = keyness.tables["group_keyness"]
            figures[f"compare_keyness_{group}"] = keyness_figure(table, group=group, shown=kept)
    return figures


def save_figures(
    results: Mapping[str, ComparisonResult],
    folder: str | os.PathLike[str],
    *,
    groups: Sequence[str],
) -> list[Path]:
    """Draw every comparison figure of ``results`` into ``folder`` as ``<stem>.png``.

    Args:
        results: See :func:`comparison_figures`.
        folder: Output folder (created).
        groups: See :func:`comparison_figures`.

    Returns:
        The PNG paths written, in the order of :func:`comparison_figures`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, figure in comparison_figures(results, groups=groups).items():
        path = folder / f"{stem}.png"
        save_png(figure, path)
        paths.append(path)
    return paths
