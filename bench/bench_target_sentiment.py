"""Cross-validate target-level sentiment on the NewsMTSC training split, grouped by article.

Usage::

    python bench/bench_target_sentiment.py --data <NewsMTSC>/train.jsonl [--folds 5]
        [--c 0.1] [--min-count 3] [--grid]

Compares, on the same folds and in the same run, the target-level model (refitted on each
fold's training part with :func:`analysis.target_sentiment.fit_model`, predicted as the most
probable class) with three sentence-level scores applied to the whole sentence and thresholded
at +-0.05: the pipeline's headline ``sentiment``, VADER compound and TextBlob polarity. Folds are
scikit-learn's ``GroupKFold`` over articles (AllSides: stories; see
``train_target_sentiment.article_group``), so no article is in both parts. Prints 3-class macro
F1 and per-class F1 (pooled over folds), and the speed of
:func:`analysis.target_sentiment.score_targets` with the shipped model in mentions per second
(one process, tokenising and tagging included). ``--grid`` also tries a few values of C.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_target_sentiment import load

from analysis import sentiment as S
from analysis import target_sentiment as T


def f1_scores(truth: np.ndarray, pred: np.ndarray) -> tuple[float, list[float]]:
    """Macro F1 and per-class F1 (negative, neutral, positive) of class indices 0 / 1 / 2."""
    per_class = []
    for c in (0, 1, 2):
        tp = np.sum((pred == c) & (truth == c))
        fp = np.sum((pred == c) & (truth != c))
        fn = np.sum((pred != c) & (truth == c))
        per_class.append(0.0 if tp == 0 else float(2 * tp / (2 * tp + fp + fn)))
    return float(np.mean(per_class)), per_class


def score_class(scores: np.ndarray, threshold: float = S.NEUTRAL_THRESHOLD) -> np.ndarray:
    """Class index of a signed score: 0 below -threshold, 2 above +threshold, else 1."""
    return (S.polarity_class(scores, threshold) + 1).astype(int)


def cross_validate(features, labels, groups, *, folds, c, min_count) -> np.ndarray:
    """Out-of-fold class predictions of the target model."""
    from sklearn.model_selection import GroupKFold

    pred = np.empty(len(labels), dtype=int)
    for train, test in GroupKFold(n_splits=folds).split(features, labels, groups):
        model = T.fit_model([features[i] for i in train], labels[train], c=c, min_count=min_count)
        pred[test] = model.probabilities([features[i] for i in test]).argmax(axis=1)
    return pred


def report(name: str, truth: np.ndarray, pred: np.ndarray) -> None:
    """Print one method's row."""
    macro, per_class = f1_scores(truth, pred)
    cells = " / ".join(f"{v:.3f}" for v in per_class)
    print(f"| {name:<32} | {macro:.3f} | {cells} |")


def speed(data, n: int = 3000) -> float:
    """Mentions per second of the shipped model on the first ``n`` mentions (cold caches)."""
    sentences, starts, ends = data.sentences[:n], data.starts[:n], data.ends[:n]
    T.shipped_model()
    T.target_sentiment("Warm up the tagger and lexicons.", 0, 4)
    began = time.process_time()
    T.score_targets(sentences, starts, ends)
    return len(sentences) / (time.process_time() - began)


def main() -> None:
    """Run the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=T.DEFAULT_C)
    parser.add_argument("--min-count", type=int, default=T.DEFAULT_MIN_COUNT)
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()

    data = load(args.data)
    labels = np.asarray(data.labels)
    groups = np.asarray(data.groups)
    print(
        f"{len(labels)} mentions, {len(set(data.sentences))} sentences, "
        f"{len(set(data.groups))} article groups, {args.folds} grouped folds"
    )
    features = T.batch_features(data.sentences, data.starts, data.ends)

    unique = sorted(set(data.sentences))
    scored = S.score_sentences(unique).assign(text=unique).set_index("text")
    per_mention = scored.loc[data.sentences]

    print("| method | macro F1 | F1 negative / neutral / positive |")
    print("| --- | --- | --- |")
    cs = (0.03, 0.1, 0.3, 1.0) if args.grid else (args.c,)
    for c in cs:
        pred = cross_validate(
            features, labels, groups, folds=args.folds, c=c, min_count=args.min_count
        )
        report(f"target model (C={c})", labels, pred)
    for column, name in (
        ("sentiment", "sentence: headline sentiment"),
        ("vader_compound", "sentence: VADER compound"),
        ("textblob_polarity", "sentence: TextBlob polarity"),
    ):
        report(name, labels, score_class(per_mention[column].to_numpy(dtype=float)))
    counts = np.bincount(labels, minlength=3)
    print(f"class counts negative / neutral / positive: {counts.tolist()}")
    if T.MODEL_PATH.exists():
        print(f"speed (shipped model, one process): {speed(data):,.0f} mentions/s")


if __name__ == "__main__":
    main()
