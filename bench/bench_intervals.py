"""Measure how often newsdag's 95 % bootstrap intervals cover the mean they estimate.

A run's tables are the population: the scores of every sentence (what a section's interval
resamples), every article's mean sentiment (what a period's or an outlet's interval
resamples) and every article's weight on each corpus topic (what a topic share's interval
resamples). For each sample size, ``--repeats`` samples are drawn from a population with
replacement, each gets the interval the pipeline computes
(:func:`analysis.sentiment.intervals.bootstrap_mean_ci`, the default settings) and the plain
percentile interval of the same resample means, and the script counts how often each covers
the population's mean. A 95 % interval should cover it 95 % of the time.

Usage:
    python bench/bench_intervals.py --tables RESULTS/corpus/tables [--sizes 3,5,10,20,50]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import settings

from analysis.sentiment.intervals import (
    bootstrap_mean_ci,
    bootstrap_means,
    percentile_interval,
)


def populations(tables: Path) -> dict[str, np.ndarray]:
    """Sentence scores, article means and the largest topic's article weights of a run."""
    sentences = pd.read_parquet(tables / "sentiment_sentences", columns=["article", "sentiment"])
    sentences = sentences.dropna()
    weights = pd.read_csv(tables / "document_topics.tsv", sep="\t")
    largest = weights.groupby("topic")["weight"].mean().idxmax()
    return {
        "sentence sentiment": sentences["sentiment"].to_numpy(),
        "article mean sentiment": sentences.groupby("article")["sentiment"].mean().to_numpy(),
        f"topic {largest} weight": weights.loc[weights["topic"] == largest, "weight"].to_numpy(),
    }


def coverage(
    population: np.ndarray, n: int, *, repeats: int, interval: dict, seed: int
) -> tuple[float, float]:
    """Shares of ``repeats`` samples of size ``n`` whose expanded and plain percentile
    intervals cover the population mean."""
    rng = np.random.default_rng(seed)
    mean = float(population.mean())
    expanded = plain = 0
    for repeat in range(repeats):
        sample = rng.choice(population, n)
        params = {**interval, "random_state": interval["random_state"] + repeat}
        _, low, high = bootstrap_mean_ci(sample, **params)
        expanded += low <= mean <= high
        means = bootstrap_means(
            sample[np.newaxis, :], params["n_bootstrap"], params["random_state"]
        )
        (low,), (high,) = percentile_interval(means, params["confidence"])
        plain += min(low, sample.mean()) <= mean <= max(high, sample.mean())
    return expanded / repeats, plain / repeats


def report(tables: Path, sizes: Iterable[int], *, repeats: int, seed: int) -> str:
    """A Markdown table of coverage per population and sample size."""
    interval = settings.interval()
    lines = [
        f"Nominal coverage {interval['confidence']:.0%}, {interval['n_bootstrap']:,} resamples,"
        f" {repeats:,} samples per cell; expanded percentile (newsdag) / plain percentile",
        "",
        "| population | values | " + " | ".join(f"n = {n}" for n in sizes) + " |",
        "| --- | --- | " + " | ".join("---" for _ in sizes) + " |",
    ]
    for name, values in populations(tables).items():
        cells = [coverage(values, n, repeats=repeats, interval=interval, seed=seed) for n in sizes]
        shown = " | ".join(f"{expanded:.3f} / {plain:.3f}" for expanded, plain in cells)
        lines.append(f"| {name} | {values.size:,} | {shown} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=Path, required=True, help="a run's corpus/tables")
    parser.add_argument("--sizes", default="3,5,10,20,50")
    parser.add_argument("--repeats", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(report(args.tables, sizes, repeats=args.repeats, seed=args.seed))


if __name__ == "__main__":
    main()
