"""Sentiment figures: the arc of an article, section means and actor means, with intervals."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import (
    PALETTE,
    first_sections,
    new_figure,
    save_png,
    section_names,
    wrap_label,
)


def _key(values: pd.Series) -> list[str]:
    """Section ids as text, whichever dtype the TSV reader gave them (1.0 -> "1", NaN -> "")."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append("")
        elif isinstance(v, float) and v.is_integer():
            out.append(str(int(v)))
        else:
            out.append(str(v))
    return out


def _section_names(sections: pd.DataFrame) -> dict[str, str]:
    """Each section's figure name (:func:`~analysis.figures.style.section_names`), keyed by
    :func:`_key`; the article's row is "WHOLE ARTICLE" under the empty key."""
    rows = sections[sections["scope"] == "section"].drop_duplicates("section_id")
    keys = _key(rows["section_id"])
    names = section_names([int(k) for k in keys], rows["title"].tolist())
    return {"": "WHOLE ARTICLE"} | {key: names[int(key)] for key in keys}


def _ci_errors(frame: pd.DataFrame, mean: str) -> np.ndarray:
    low = (frame[mean] - frame["ci_low"]).to_numpy(dtype=float)
    high = (frame["ci_high"] - frame[mean]).to_numpy(dtype=float)
    return np.vstack([np.nan_to_num(low), np.nan_to_num(high)])


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def arc_figure(
    sentences: pd.DataFrame,
    sections: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    rolling_window: int,
) -> Figure:
    """Per-sentence headline score across the article with a rolling mean and section boundaries.

    Section titles pass through :func:`~analysis.figures.style.wrap_label`, so a title the
    font cannot draw is marked. Returns the figure, already saved as PNG at ``path``.
    """
    n = len(sentences)
    figure = new_figure(max(7.0, min(16.0, 0.09 * n + 5)), 5.2)
    ax = figure.add_subplot()
    if n == 0:
        _empty(ax, "no sentences")
        save_png(figure, path)
        return figure
    x = np.arange(1, n + 1)
    y = sentences["sentiment"].to_numpy(dtype=float)
    ax.axhline(0.0, color="#444444", linewidth=0.8, zorder=1)
    ax.plot(x, y, color=PALETTE[0], alpha=0.35, linewidth=0.8, zorder=2)
    ax.scatter(x, y, s=12, color=PALETTE[0], alpha=0.8, label="sentence", zorder=3)
    window = max(1, min(rolling_window, n))
    rolling = pd.Series(y).rolling(window, center=True, min_periods=1).mean()
    ax.plot(
        x,
        rolling,
        color=PALETTE[1],
        linewidth=2.0,
        label=f"rolling mean ({window} sentences)",
        zorder=4,
    )

    names = _section_names(sections)
    keys = _key(sentences["section_id"])
    starts = [i for i in range(n) if i == 0 or keys[i] != keys[i - 1]]
    for start in starts:
        ax.axvline(start + 0.5, color="#888888", linestyle="--", linewidth=0.8, zorder=1)
        label = wrap_label(names.get(keys[start], f"Section {keys[start]}"), width=22)
        ax.text(
            start + 0.7, 1.78, label, rotation=90, va="top", ha="left", fontsize=7, color="#333333"
        )
    ax.set_xlim(0.5, n + 0.5)
    # the band above +1 holds the section names, clear of the data
    ax.set_ylim(-1.05, 1.8)
    ax.set_yticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    ax.axhspan(1.05, 1.8, color="#f2f2f2", zorder=0)
    ax.set_xlabel("sentence (article order)")
    ax.set_ylabel("headline sentiment (-1 .. 1)")
    ax.set_title("Sentiment arc")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    save_png(figure, path)
    return figure


def sections_figure(sections: pd.DataFrame, path: str | os.PathLike[str]) -> Figure:
    """Mean headline score per section (and the article) with its interval.

    Returns the figure, already saved as PNG at ``path``.
    """
    rows = sections[sections["measure"] == "sentiment"]
    section_rows = rows[rows["scope"] == "section"]
    shown, title = first_sections(section_rows.index.tolist(), "Sentiment by section")
    rows = pd.concat([section_rows.loc[shown], rows[rows["scope"] == "article"]])
    figure = new_figure(7.5, max(2.5, 0.55 * len(rows) + 1.2))
    ax = figure.add_subplot()
    if rows.empty:
        _empty(ax, "no sections")
        save_png(figure, path)
        return figure
    names = _section_names(rows)
    labels = [
        wrap_label(f"{names[key]} (n={int(n)})", width=40)
        for key, n in zip(_key(rows["section_id"]), rows["n_sentences"], strict=True)
    ]
    y = np.arange(len(rows))[::-1]
    colors = [PALETTE[3] if s == "article" else PALETTE[0] for s in rows["scope"]]
    ax.axvline(0.0, color="#444444", linewidth=0.8)
    ax.errorbar(
        rows["mean"], y, xerr=_ci_errors(rows, "mean"), fmt="none", ecolor="#555555", capsize=3
    )
    ax.scatter(rows["mean"], y, color=colors, zorder=3)
    ax.set_yticks(y, labels)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mean headline sentiment, 95% bootstrap CI")
    ax.set_title(title)
    save_png(figure, path)
    return figure


def _actor_label(actor: str, actor_type: object, n_mentions: object) -> str:
    kind = "" if actor_type is None or (isinstance(actor_type, float)) else f", {actor_type}"
    return wrap_label(f"{actor} ({int(n_mentions)} mentions{kind})", width=36)


def actors_figure(entities: pd.DataFrame, path: str | os.PathLike[str]) -> Figure:
    """Target-level sentiment toward each actor, beside the mean of the sentences naming it.

    Filled markers: the mean target-level score of the actor's mentions with its 95 % bootstrap
    interval over mentions. Hollow markers, slightly lower: the mean headline score of the
    sentences naming the actor, with its interval over sentences. Returns the figure, already
    saved as PNG at ``path``.
    """
    rows = entities[entities["scope"] == "article"]
    figure = new_figure(8.0, max(2.8, 0.45 * len(rows) + 1.6))
    ax = figure.add_subplot()
    if rows.empty:
        _empty(ax, "no actor reached the minimum number of mentions")
        save_png(figure, path)
        return figure
    y = np.arange(len(rows))[::-1].astype(float)
    types = rows["actor_type"] if "actor_type" in rows else [None] * len(rows)
    labels = [
        _actor_label(a, t, n)
        for a, t, n in zip(rows["actor"], types, rows["n_mentions"], strict=True)
    ]
    ax.axvline(0.0, color="#444444", linewidth=0.8)
    sentence = rows.rename(columns={"ci_low": "_t_low", "ci_high": "_t_high"}).rename(
        columns={"sentence_ci_low": "ci_low", "sentence_ci_high": "ci_high"}
    )
    ax.errorbar(
        sentence["sentence_sentiment"],
        y - 0.18,
        xerr=_ci_errors(sentence, "sentence_sentiment"),
        fmt="o",
        mfc="white",
        mec=PALETTE[0],
        ecolor=PALETTE[0],
        alpha=0.8,
        capsize=2,
        label="sentences naming the actor (headline score)",
    )
    ax.errorbar(
        rows["target_sentiment"],
        y + 0.12,
        xerr=_ci_errors(rows, "target_sentiment"),
        fmt="o",
        color=PALETTE[3],
        ecolor="#555555",
        capsize=3,
        label="toward the actor (target-level score of its mentions)",
    )
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("sentiment (-1 .. 1), mean with 95% bootstrap CI")
    ax.set_title("Sentiment toward each actor (ranked by mentions)")
    handles, texts = ax.get_legend_handles_labels()
    figure.legend(
        handles[::-1], texts[::-1], loc="outside lower center", fontsize=7, frameon=False, ncols=2
    )
    save_png(figure, path)
    return figure
