"""Train the shipped keyword model on the keyphrase development sets, and measure it honestly.

Usage::

    python bench/train_keywords.py --data <keywords> [--out analysis/data/keywords_model.json]
        [--c 0.03 0.1 0.3 1] [--folds 5] [--random-state 0]

Every document of every data set folder (``docsutf8/<id>.txt``, ``keys/<id>.key``) is read as
the benchmark reads it (:mod:`bench_keywords`): its article-scope candidates get the model's
features (:func:`analysis.keywords.article.article_features`) and the label 1 when their
shown form matches a gold keyphrase after lower-casing and Porter-stemming. Each data set
weighs the same in the fit (each row 1 / the set's rows), so 250 news stories count as much
as 2,000 abstracts.

``--multiword-weight W`` adds each set read with only its multi-word keyphrases, at W of a
set's weight: news read as expert annotators read it (mostly phrases) as well as by the
crowd (mostly words). It moves the headline along a trade-off on news (the default 0
favours the crowd's words; see the README's keyphrase figures).

It prints the best F1@10 any ranking of the candidates could reach (those matching a gold
keyphrase first), the ceiling the candidates set.

The regularisation is chosen on held-out documents of both kinds: for each candidate ``C``,
the mean F1@10 leave-one-set-out (train on two sets, score the third: another kind of text)
and the mean F1@10 in grouped k-fold (score each fold's documents with a model trained on the
other folds of all sets: other documents of a kind the model has seen) are averaged, and the
best average wins. (Leave-one-set-out alone tied every ``C`` of the grid within 0.0005, so
that a small change of the tokens flipped the choice.) The script prints both per ``C``,
then, for the chosen ``C``, F1@10 leave-one-set-out, in grouped k-fold and in sample, for the
single-article and the corpus-aware model (each set its own corpus). Then it fits the model
on all documents, the corpus coefficients with the single-article log-odds as an offset,
and writes the file. The same data and arguments give a byte-identical file; only
coefficients are written, never text. Data credits: KPCrowd (Marujo et al., LREC 2012),
Inspec (Hulth, EMNLP 2003), SemEval 2017 Task 10 (Augenstein et al., 2017).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import settings
from bench_keywords import load_dataset, normalise_phrase, prf

from analysis.document import analyse_structure
from analysis.keywords.article import article_features
from analysis.keywords.headline import top_terms
from analysis.keywords.model import (
    CORPUS_FEATURES,
    DECIMALS,
    MODEL_PATH,
    KeywordModel,
    corpus_features,
    fit_corpus,
    fit_model,
)

C_GRID = (0.03, 0.1, 0.3, 1.0)
TOP = 10


@dataclass
class Document:
    """One development document's candidates, features and labels."""

    keys: list[str]
    rows: np.ndarray
    labels: np.ndarray
    shown: list[str]  # shown forms, as the headline shows them
    gold: set[str]
    proper: set[str]
    counts: Counter
    corpus_rows: np.ndarray  # corpus features, each set its own corpus


def keyword_settings() -> dict:
    """The default candidate lengths and specificity prior, as the stage reads them."""
    options = settings.keywords()
    return {
        "ngram_range": (options["ngram_min"], options["ngram_max"]),
        "specificity_exponent": options["specificity_exponent"],
    }


def load_documents(folder: Path) -> list[Document | None]:
    """Features and labels of every document of one data set (None: no candidates)."""
    documents: list[Document | None] = []
    for _, text, gold in load_dataset(folder, limit=None):
        model = analyse_structure(text, **{**settings.prepare(), "detect_headings": False})
        found = article_features(model.tokens, model.sentences, **keyword_settings())
        if found is None:
            documents.append(None)
            continue
        features, labels = found
        shown = [labels[key] for key in features.keys]
        documents.append(
            Document(
                keys=features.keys,
                rows=np.asarray(features.rows(), dtype=float),
                labels=np.asarray([normalise_phrase(form) in gold for form in shown], dtype=int),
                shown=shown,
                gold=gold,
                proper=features.proper,
                counts=features.counts,
                corpus_rows=np.zeros((len(features.keys), len(CORPUS_FEATURES))),
            )
        )
    _add_corpus_rows([document for document in documents if document is not None])
    return documents


def _add_corpus_rows(documents: Sequence[Document]) -> None:
    """Each candidate's corpus features, the data set as the corpus (as the stage computes)."""
    frequency: Counter = Counter()
    for document in documents:
        frequency.update(document.keys)
    n = len(documents)
    best = math.log((1 + n) / 2) + 1
    for document in documents:
        document.corpus_rows = np.asarray(
            [
                corpus_features(
                    (math.log((1 + n) / (1 + frequency[key])) + 1) / best,
                    phrase=" " in key,
                    proper=key in document.proper,
                )
                for key in document.keys
            ]
        )


def stacked(
    parts: dict[str, list[Document]], shares: dict[str, float] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, labels and weights of the given sets; every set weighs the same in total, or
    its share of ``shares`` (1 for a set it leaves out)."""
    rows, labels, weights = [], [], []
    for name, documents in parts.items():
        n = sum(len(document.keys) for document in documents)
        share = (shares or {}).get(name, 1.0)
        for document in documents:
            rows.append(document.rows)
            labels.append(document.labels)
            weights.append(np.full(len(document.keys), share / n))
    weight = np.concatenate(weights)
    return np.vstack(rows), np.concatenate(labels), weight * len(weight) / weight.sum()


def fit(
    parts: dict[str, list[Document]],
    c: float,
    random_state: int,
    shares: dict[str, float] | None = None,
) -> KeywordModel:
    """Single-article and corpus coefficients fitted on the given sets."""
    rows, labels, weight = stacked(parts, shares)
    coefficients, intercept = fit_model(rows, labels, weight, c=c, random_state=random_state)
    vector = np.asarray(list(coefficients.values()))
    offsets = np.concatenate(
        [
            document.rows @ vector + intercept
            for documents in parts.values()
            for document in documents
        ]
    )
    corpus_rows = np.vstack(
        [document.corpus_rows for documents in parts.values() for document in documents]
    )
    corpus = fit_corpus(offsets, corpus_rows, labels, weight, c=c)
    return KeywordModel(coefficients, intercept, corpus, {})


def f1_scores(documents: Sequence[Document | None], model: KeywordModel) -> dict[str, float]:
    """Mean F1@10 of the single-article and the corpus-aware rankings."""
    vector = np.asarray([model.weights[name] for name in model.weights])
    corpus = np.asarray([model.corpus[name] for name in CORPUS_FEATURES])
    single, aware = [], []
    for document in documents:
        if document is None:
            single.append(0.0)
            aware.append(0.0)
            continue
        scores = np.round(document.rows @ vector + model.intercept, DECIMALS)
        corpus_scores = np.round(scores + document.corpus_rows @ corpus, DECIMALS)
        for values, out in ((scores, single), (corpus_scores, aware)):
            ranked = top_terms(
                dict(zip(document.keys, values.tolist(), strict=True)),
                document.proper,
                document.counts,
                TOP,
            )
            by_key = dict(zip(document.keys, document.shown, strict=True))
            out.append(prf([by_key[key] for key in ranked], document.gold)[2])
    return {"single": float(np.mean(single)), "corpus-aware": float(np.mean(aware))}


def best_possible_f1(documents: Sequence[Document | None]) -> float:
    """Mean F1@10 of a perfect ranking of the candidates: those matching a gold keyphrase
    first (a document without candidates scores 0). No ranking of them can do better."""
    scores = []
    for document in documents:
        if document is None:
            scores.append(0.0)
            continue
        matching = [
            form for form, label in zip(document.shown, document.labels, strict=True) if label
        ]
        scores.append(prf(matching, document.gold)[2])
    return float(np.mean(scores))


def gold_coverage(documents: Sequence[Document | None]) -> tuple[float, float]:
    """The mean share of a document's gold keyphrases that are among its candidates, and
    the share of single words among the gold keyphrases that are not."""
    covered, missing = [], []
    for document in present(documents):
        candidates = {normalise_phrase(form) for form in document.shown}
        covered.append(len(document.gold & candidates) / len(document.gold))
        missing.extend(phrase for phrase in document.gold if phrase not in candidates)
    single = sum(" " not in phrase for phrase in missing) / len(missing) if missing else 0.0
    return float(np.mean(covered)), single


def multi_word_view(documents: Sequence[Document | None]) -> list[Document]:
    """The documents read with their multi-word keyphrases only (those that have some)."""
    out = []
    for document in present(documents):
        gold = {phrase for phrase in document.gold if " " in phrase}
        if gold:
            labels = [normalise_phrase(form) in gold for form in document.shown]
            out.append(replace(document, gold=gold, labels=np.asarray(labels, dtype=int)))
    return out


def folds_of(documents: Sequence[Document | None], k: int, random_state: int) -> list[int]:
    """A seeded fold number for each document."""
    order = np.random.RandomState(random_state).permutation(len(documents))
    fold = [0] * len(documents)
    for position, index in enumerate(order):
        fold[index] = position % k
    return fold


def present(documents: Sequence[Document | None]) -> list[Document]:
    return [document for document in documents if document is not None]


def main(argv: Sequence[str] | None = None) -> None:
    """Choose C leave-one-set-out, report the three evaluations, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of data set folders")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c", type=float, nargs="*", default=list(C_GRID))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--random-state", type=int, default=0)
    parser.add_argument(
        "--multiword-weight", type=float, default=0.0,
        help="also train on each set read with its multi-word keyphrases only, at this share",
    )  # fmt: skip
    args = parser.parse_args(argv)
    names = sorted(p.name for p in args.data.iterdir() if (p / "docsutf8").is_dir())
    sets = {name: load_documents(args.data / name) for name in names}
    print("candidates:", {name: sum(len(d.keys) for d in present(s)) for name, s in sets.items()})
    best = " / ".join(f"{best_possible_f1(sets[name]):.3f}" for name in names)
    print(f"best possible F1@10 from the candidates ({' / '.join(names)}): {best}")
    for name in names:
        covered, single = gold_coverage(sets[name])
        print(f"{name}: {covered:.0%} of the gold keyphrases are candidates, ", end="")
        print(f"{single:.0%} of the rest single words")

    def train(parts: dict[str, list[Document]], c: float) -> KeywordModel:
        """Fit on the sets, with their multi-word views at ``--multiword-weight``."""
        shares = {}
        if args.multiword_weight > 0:
            for name in list(parts):
                parts[f"{name} (multi-word)"] = multi_word_view(parts[name])
                shares[f"{name} (multi-word)"] = args.multiword_weight
        return fit(parts, c, args.random_state, shares)

    def loso(c: float) -> dict[str, dict[str, float]]:
        out = {}
        for held in names:
            model = train({n: present(sets[n]) for n in names if n != held}, c)
            out[held] = f1_scores(sets[held], model)
        return out

    folds = {
        name: folds_of(documents, args.folds, args.random_state) for name, documents in sets.items()
    }

    def grouped_folds(c: float) -> dict[str, list]:
        """Each document's scores from the model trained on the other folds of all sets."""
        out: dict[str, list] = {name: [None] * len(sets[name]) for name in names}
        for fold in range(args.folds):
            training = {
                name: [d for d, f in zip(sets[name], folds[name], strict=True) if f != fold and d]
                for name in names
            }
            model = train(training, c)
            for name in names:
                for index, (document, f) in enumerate(zip(sets[name], folds[name], strict=True)):
                    if f == fold:
                        out[name][index] = f1_scores([document], model)
        return out

    def grouped_mean(result: dict[str, list], name: str, kind: str) -> float:
        return float(np.mean([scores[kind] for scores in result[name]]))

    by_c = {c: loso(c) for c in args.c}
    grouped_by_c = {c: grouped_folds(c) for c in args.c}
    selection = {}
    for c in args.c:
        held_out = [by_c[c][name]["single"] for name in names]
        same_kind = [grouped_mean(grouped_by_c[c], name, "single") for name in names]
        selection[c] = (np.mean(held_out) + np.mean(same_kind)) / 2
        figures = " / ".join(f"{value:.4f}" for value in held_out)
        folds_figures = " / ".join(f"{value:.4f}" for value in same_kind)
        print(
            f"C={c:g}: F1@10 ({' / '.join(names)}) leave one set out {figures},"
            f" grouped {args.folds}-fold {folds_figures}; selection {selection[c]:.4f}",
            flush=True,
        )
    chosen = max(args.c, key=lambda c: (selection[c], -c))
    print(f"chosen C = {chosen:g}")
    grouped = grouped_by_c[chosen]
    final = train({name: present(sets[name]) for name in names}, chosen)
    print(f"\nF1@10 of the chosen model ({' / '.join(names)}):")
    for kind in ("single", "corpus-aware"):
        rows = {
            "leave one set out": [by_c[chosen][name][kind] for name in names],
            f"grouped {args.folds}-fold": [grouped_mean(grouped, name, kind) for name in names],
            "in sample": [f1_scores(sets[name], final)[kind] for name in names],
        }
        for label, values in rows.items():
            print(f"  {kind:13s} {label:18s} " + " / ".join(f"{v:.3f}" for v in values))
    info = {
        "C": chosen,
        "data": {name: len(present(sets[name])) for name in names},
        "trained_by": "bench/train_keywords.py",
    }
    if args.multiword_weight:
        info["multiword_weight"] = args.multiword_weight
    model = KeywordModel(final.weights, final.intercept, final.corpus, info)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"corpus coefficients: {', '.join(f'{k} {v:+.3f}' for k, v in final.corpus.items())}")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
