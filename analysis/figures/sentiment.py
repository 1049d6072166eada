"""Sentiment figures: the arc of an article, section means and actor means, with intervals."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from analysis.figures.style import PALETTE, new_figure, save_png, wrap_label


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


def _section_titles(sections: pd.DataFrame) -> dict[str, str]:
    rows = sections[sections["scope"] == "section"].drop_duplicates("section_id")
    return dict(zip(_key(rows["section_id"]), rows["title"].fillna("").astype(str), strict=True))


def _row_label(scope: str, title: str, section_id: str) -> str:
    if scope == "article":
        return "WHOLE ARTICLE"
    return str(title) if str(title).strip() else f"section {section_id} (untitled)"


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
    rolling_window: int = 5,
) -> None:
    """Per-sentence headline score across the article with a rolling mean and section boundaries."""
    n = len(sentences)
    figure = new_figure(max(7.0, min(16.0, 0.09 * n + 5)), 5.2)
    ax = figure.add_subplot()
    if n == 0:
        _empty(ax, "no sentences")
        save_png(figure, path)
        return
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

    titles = _section_titles(sections)
    keys = _key(sentences["section_id"])
    starts = [i for i in range(n) if i == 0 or keys[i] != keys[i - 1]]
    for start in starts:
        ax.axvline(start + 0.5, color="#888888", linestyle="--", linewidth=0.8, zorder=1)
        label = wrap_label(
            _row_label("section", titles.get(keys[start], ""), keys[start]), width=22
        )
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


def sections_figure(sections: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Mean headline score per section (and the article) with its interval."""
    rows = sections[sections["measure"] == "sentiment"].copy()
    rows = pd.concat([rows[rows["scope"] == "section"], rows[rows["scope"] == "article"]])
    figure = new_figure(7.5, max(2.5, 0.55 * len(rows) + 1.2))
    ax = figure.add_subplot()
    if rows.empty:
        _empty(ax, "no sections")
        save_png(figure, path)
        return
    labels = [
        wrap_label(_row_label(scope, title, section_id) + f" (n={int(n)})", width=40)
        for scope, title, section_id, n in zip(
            rows["scope"],
            rows["title"].fillna(""),
            _key(rows["section_id"]),
            rows["n_sentences"],
            strict=True,
        )
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
    ax.set_title("Sentiment by section")
    save_png(figure, path)


def actors_figure(entities: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Mean headline score of the sentences naming each actor, with interval and n."""
    rows = entities[entities["scope"] == "article"]
    figure = new_figure(7.0, max(2.5, 0.4 * len(rows) + 1.2))
    ax = figure.add_subplot()
    if rows.empty:
        _empty(ax, "no actor reached the minimum number of mentions")
        save_png(figure, path)
        return
    y = np.arange(len(rows))[::-1]
    labels = [
        f"{a} (n={int(n)} sent.)" for a, n in zip(rows["actor"], rows["n_sentences"], strict=True)
    ]
    ax.axvline(0.0, color="#444444", linewidth=0.8)
    ax.errorbar(
        rows["mean_sentiment"],
        y,
        xerr=_ci_errors(rows, "mean_sentiment"),
        fmt="none",
        ecolor="#555555",
        capsize=3,
    )
    ax.scatter(rows["mean_sentiment"], y, color=PALETTE[2], zorder=3)
    ax.set_yticks(y, labels)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mean headline sentiment of sentences naming the actor, 95% bootstrap CI")
    ax.set_title("Sentiment by actor (ranked by mentions)")
    save_png(figure, path)
