"""Benchmark the sentence sentiment methods on the VADER paper's dev sets.

Usage::

    python bench/bench_sentiment.py --data <benchmarks>/sentiment [--select-weights]

For each ``*_GroundTruth.tsv`` (``id<TAB>mean rating -4..4<TAB>text``) prints, per method
(VADER compound, TextBlob polarity, headline ``sentiment``), the Pearson r against the mean
human rating and the 3-class macro F1 with both sides thresholded at +-0.05 (ratings / 4), and
the throughput of :func:`analysis.sentiment.score_sentences`.

``--select-weights`` re-runs the weight selection documented in
:mod:`analysis.sentiment.scores`: a 0.05 grid over the simplex of (compound, pos - neg,
TextBlob) weights on masked text, chosen by the worst-case gain in r over VADER, with a
leave-one-dataset-out check.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import sentiment as S


def load(path: Path) -> tuple[list[str], np.ndarray]:
    """Read a ground-truth file: the texts and the ratings divided by 4."""
    texts: list[str] = []
    ratings: list[float] = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            ratings.append(float(parts[1]) / 4.0)
            texts.append("\t".join(parts[2:]))
    return texts, np.asarray(ratings)


def macro_f1(truth: np.ndarray, pred: np.ndarray, threshold: float = S.NEUTRAL_THRESHOLD) -> float:
    """3-class macro F1 of thresholded scores."""
    t = S.polarity_class(truth, threshold)
    p = S.polarity_class(pred, threshold)
    f1s = []
    for c in (-1, 0, 1):
        tp = np.sum((p == c) & (t == c))
        fp = np.sum((p == c) & (t != c))
        fn = np.sum((p != c) & (t == c))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def select_weights(parts: dict[str, dict[str, np.ndarray]], truth: dict[str, np.ndarray]) -> None:
    """Print the minimax weight choice and its leave-one-dataset-out check."""
    names = list(parts)
    grid = [
        (a / 20, b / 20, (20 - a - b) / 20)
        for a, b in itertools.product(range(21), range(21))
        if a + b <= 20
    ]
    base = {n: S.pearson(parts[n]["vader_compound"], truth[n]) for n in names}
    r = {
        (g, n): S.pearson(
            g[0] * parts[n]["m_compound"]
            + g[1] * parts[n]["m_pos_neg"]
            + g[2] * parts[n]["m_polarity"],
            truth[n],
        )
        for g in grid
        for n in names
    }

    def worst_gain(g, sets):
        return min(r[(g, n)] - base[n] for n in sets)

    print(
        "\nWeight selection (compound, pos-neg, textblob), criterion: worst-case r gain over VADER"
    )
    for held in names:
        train = [n for n in names if n != held]
        g = max(grid, key=lambda w: worst_gain(w, train))
        print(
            f"  LODO held out {held:22s} weights {g}  r {r[(g, held)]:.4f}  VADER {base[held]:.4f}"
        )
    g = max(grid, key=lambda w: worst_gain(w, names))
    print(f"  all sets: weights {g}, worst-case gain {worst_gain(g, names):.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="folder with *_GroundTruth.tsv")
    parser.add_argument("--select-weights", action="store_true", help="re-run the weight selection")
    args = parser.parse_args(argv)

    files = sorted(args.data.glob("*_GroundTruth.tsv"))
    if not files:
        parser.error(f"no *_GroundTruth.tsv in {args.data}")
    S.score_sentence("warm up the analyzers")
    rows = []
    parts: dict[str, dict[str, np.ndarray]] = {}
    truth: dict[str, np.ndarray] = {}
    for path in files:
        name = path.name.replace("_GroundTruth.tsv", "")
        texts, y = load(path)
        start = time.perf_counter()
        scores = S.score_sentences(texts)
        rate = len(texts) / (time.perf_counter() - start)
        for label, column in (
            ("VADER compound", "vader_compound"),
            ("TextBlob polarity", "textblob_polarity"),
            ("headline sentiment", "sentiment"),
        ):
            x = scores[column].to_numpy()
            rows.append((name, len(texts), label, S.pearson(x, y), macro_f1(y, x), rate))
        if args.select_weights:
            v = [S.headline_parts(t) for t in texts]  # compound, pos, neg, polarity
            parts[name] = {
                "vader_compound": scores["vader_compound"].to_numpy(),
                "m_compound": np.array([s[0] for s in v]),
                "m_pos_neg": np.array([s[1] - s[2] for s in v]),
                "m_polarity": np.array([s[3] for s in v]),
            }
            truth[name] = y

    print(f"{'dev set':22s} {'n':>6s}  {'method':20s} {'pearson_r':>9s} {'macro_f1':>8s}")
    for name, n, label, r, f1, _ in rows:
        print(f"{name:22s} {n:6d}  {label:20s} {r:9.4f} {f1:8.4f}")
    print("\nthroughput of score_sentences (all methods):")
    for name, _n, _label, _, _, rate in rows[::3]:
        print(f"  {name:22s} {rate:8.0f} sentences/s")
    if args.select_weights:
        select_weights(parts, truth)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
