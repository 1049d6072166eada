"""Benchmark the keyword methods and the headline ranking on keyphrase data sets.

Each data set folder holds ``docsutf8/<id>.txt`` and ``keys/<id>.key`` (one gold phrase a
line). Every document is one article, run through the stage's own per-article function
(:func:`analysis.stages.keywords.article_tables`, tokens from
:func:`analysis.document.analyse_structure` with headings off so titles count): its
article-scope headline and each registry method's ranking are the single-article figures.
Then the data set is one corpus: :func:`analysis.stages.keywords.corpus_tables` over all
documents' candidate tables gives the corpus-aware headline. Baselines: corpus TF-IDF (the
documents' candidates, the documents as the IDF set) and the ``yake`` package's own phrases.
Scores are P@10, R@10 and F1@10 with exact matching after lower-casing and Porter-stemming
each word, averaged over documents.

``--weights`` adds headlines with other method weights to compare (``m=w,m=w``: the scale
of what the model learned from each method; methods left out keep their default); with two
or more data sets and variants, the leave-one-set-out table picks, for each set, the variant
best on the other sets (mean F1@10) and reports it on the held-out set. The model's own
leave-one-set-out and grouped k-fold figures come from ``bench/train_keywords.py``.

Profiles check behaviour the development sets do not show directly: ``--multiword`` adds
each set again with only its multi-word keyphrases as gold (news read as by expert
annotators, whose keyphrases are mostly phrases), ``--join N`` adds each abstract set
(every set but KPCrowd) with N consecutive documents joined into one long text and their
keyphrases pooled (a long document whose keyphrases are terms).

The margin table gives, per set, the headline's F1@10 minus its best single method's and
minus each baseline's, with a 95 % paired bootstrap interval over documents (seeded): a
margin whose interval holds 0 is not a measured difference.

Usage:
    python bench/bench_keywords.py --data <folder of data sets> [--limit 300] [--multiword]
        [--join 5]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import settings
from nltk.stem import PorterStemmer

from analysis.document import analyse_structure
from analysis.keywords.registry import METHODS
from analysis.keywords.tfidf import tfidf_scores
from analysis.reading import normalise_newlines
from analysis.stages.keywords import article_tables, corpus_tables

TOP = 10
_STEMMER = PorterStemmer()
_WORD = re.compile(r"[\w.]+(?:-\w+)*|[^\w\s]")
DEFAULT = "headline"
BASELINES = ("corpus TF-IDF", "yake package")
BOOTSTRAP_SAMPLES = 2000


def normalise_phrase(phrase: str) -> str:
    """Lower-case and Porter-stem every word of a phrase (the matching key)."""
    words = _WORD.findall(phrase.lower().replace("-", " - "))
    return " ".join(_STEMMER.stem(w) for w in words if w.strip())


def load_dataset(folder: Path, *, limit: int | None) -> list[tuple[str, str, set[str]]]:
    """Return (doc id, text, normalised gold phrases) for the first ``limit`` documents."""
    files = sorted((folder / "docsutf8").glob("*.txt"), key=lambda p: p.stem)[:limit]
    rows = []
    for file in files:
        key_file = folder / "keys" / f"{file.stem}.key"
        if not key_file.exists():
            continue
        gold_lines = key_file.read_text(encoding="utf-8").splitlines()
        gold = {normalise_phrase(line.strip()) for line in gold_lines if line.strip()}
        text = " ".join(normalise_newlines(file.read_text(encoding="utf-8")).split())
        rows.append((file.stem, text, gold))
    return rows


def prf(predicted: Sequence[str], gold: set[str], *, top: int = TOP) -> tuple[float, float, float]:
    """Precision, recall and F1 of the first ``top`` predictions against the gold set."""
    seen: list[str] = []
    for phrase in predicted:
        normal = normalise_phrase(phrase)
        if normal not in seen:
            seen.append(normal)
        if len(seen) == top:
            break
    hits = len(set(seen) & gold)
    precision = hits / top
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def parse_weights(spec: str) -> dict[str, float]:
    """``tfidf=2,yake=1`` -> {"tfidf": 2.0, "yake": 1.0}."""
    return {m: float(w) for m, w in (part.split("=") for part in spec.split(","))}


def run_dataset(docs, fusions: dict[str, dict]) -> dict[str, dict]:
    """ranking name -> doc id -> keywords (best first), for every ranking measured.

    ``fusions``: name -> options of :func:`article_tables` (``weights``).
    """
    lists: dict[str, dict] = {}
    prepare = {**settings.prepare(), "detect_headings": False}
    models = {doc_id: analyse_structure(text, **prepare) for doc_id, text, _ in docs}
    for name, options in fusions.items():
        shards = []
        for doc_id, _, _ in docs:
            model = models[doc_id]
            tables = article_tables(
                tokens=model.tokens, sentences=model.sentences, sections=model.sections,
                **{**settings.keywords(), "top_k": TOP, "use_titles": False, **options},
            )  # fmt: skip
            article = tables["keywords"][tables["keywords"]["scope"] == "article"]
            lists.setdefault(name, {})[doc_id] = article["keyword"].tolist()
            if name == DEFAULT:
                by_method = tables["keywords_by_method"]
                by_method = by_method[by_method["scope"] == "article"]
                for method in METHODS:
                    chosen = by_method[by_method["method"] == method]
                    lists.setdefault(method, {})[doc_id] = chosen["keyword"].tolist()
            candidates = tables["keyword_candidates"]
            shards.append(candidates.assign(article=doc_id)[["article", *candidates.columns]])
        options = {**settings.corpus_keywords(), "top_k": TOP}
        corpus = corpus_tables(candidates=shards, **options)["keywords_articles"]
        grouped = corpus.groupby("article")["keyword"].apply(list).to_dict()
        lists[f"{name}, corpus-aware"] = {doc_id: grouped.get(doc_id, []) for doc_id, _, _ in docs}
        if name == DEFAULT:
            lists["corpus TF-IDF"] = corpus_tfidf(shards)
    lists["yake package"] = yake_package({doc_id: text for doc_id, text, _ in docs})
    return lists


def corpus_tfidf(shards: Sequence[pd.DataFrame]) -> dict[str, list[str]]:
    """Plain TF-IDF of each document's candidates, the documents as the IDF set."""
    table = pd.concat(shards, ignore_index=True)
    documents = {
        doc: [key for key, n in zip(group["key"], group["count"], strict=True) for _ in range(n)]
        for doc, group in table.groupby("article", sort=True)
    }
    labels = dict(
        zip(zip(table["article"], table["key"], strict=True), table["keyword"], strict=True)
    )
    scores = tfidf_scores(documents)
    return {
        doc: [
            labels[(doc, key)]
            for key, _ in sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:TOP]
        ]
        for doc, terms in scores.items()
    }


def yake_package(texts: dict[str, str]) -> dict[str, list[str]]:
    """The ``yake`` package's own top phrases (its n-grams, no candidate filter)."""
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=TOP)
    return {doc: [p for p, _ in extractor.extract_keywords(text)] for doc, text in texts.items()}


def multiword(docs):
    """The documents with only their multi-word gold keyphrases (those without any left out)."""
    kept = [(doc_id, text, {g for g in gold if " " in g}) for doc_id, text, gold in docs]
    return [(doc_id, text, gold) for doc_id, text, gold in kept if gold]


def joined(docs, n: int):
    """Every ``n`` consecutive documents joined into one text, their gold pooled."""
    out = []
    for start in range(0, len(docs) - n + 1, n):
        group = docs[start : start + n]
        text = " ".join(text for _, text, _ in group)
        out.append((group[0][0], text, set().union(*(gold for _, _, gold in group))))
    return out


def per_document_f1(lists: dict[str, dict], docs) -> dict[str, list[float]]:
    """ranking -> F1@10 of each document, in the order of ``docs``."""
    return {
        name: [prf(by_doc.get(doc_id, []), gold)[2] for doc_id, _, gold in docs]
        for name, by_doc in lists.items()
    }


def score(lists: dict[str, dict], docs) -> pd.DataFrame:
    """Mean P@10, R@10, F1@10 of each ranking."""
    rows = []
    for name, by_doc in lists.items():
        values = [prf(by_doc.get(doc_id, []), gold) for doc_id, _, gold in docs]
        mean = pd.DataFrame(values, columns=["P@10", "R@10", "F1@10"]).mean()
        rows.append({"ranking": name, **mean.to_dict()})
    return pd.DataFrame(rows)


def paired_margin(
    first: Sequence[float],
    second: Sequence[float],
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    random_state: int = 0,
) -> tuple[float, float, float]:
    """(mean of first - second, 2.5 % and 97.5 % points of its paired bootstrap)."""
    differences = [a - b for a, b in zip(first, second, strict=True)]
    n = len(differences)
    rng = random.Random(random_state)
    means = sorted(sum(rng.choices(differences, k=n)) / n for _ in range(samples))
    return sum(differences) / n, means[int(0.025 * samples)], means[int(0.975 * samples) - 1]


def margins(f1: dict[str, list[float]]) -> list[dict]:
    """The headline (single and corpus-aware) against its best single method and baselines."""
    best = max(METHODS, key=lambda method: sum(f1[method]))
    rows = []
    for headline in (DEFAULT, f"{DEFAULT}, corpus-aware"):
        for other in (best, *BASELINES):
            mean, low, high = paired_margin(f1[headline], f1[other])
            rows.append(
                {"headline": headline, "minus": other, "margin": mean, "ci_low": low,
                 "ci_high": high}
            )  # fmt: skip
    return rows


def leave_one_set_out(table: pd.DataFrame, fusions: Sequence[str]) -> pd.DataFrame:
    """For each set, the fusion best on the others (mean F1@10), scored on the held-out set."""
    rows = []
    for suffix in ("", ", corpus-aware"):
        names = [f"{name}{suffix}" for name in fusions]
        f1 = table[table["ranking"].isin(names)].pivot(
            index="ranking", columns="dataset", values="F1@10"
        )
        for held_out in f1.columns:
            others = f1.drop(columns=held_out).mean(axis=1)
            chosen = others.idxmax()
            rows.append(
                {"held out": held_out, "chosen on the others": chosen,
                 "F1@10 held out": f1.loc[chosen, held_out],
                 "best possible": f1[held_out].max()}
            )  # fmt: skip
    return pd.DataFrame(rows)


def main(argv: Sequence[str] | None = None) -> None:
    """Print P@10, R@10 and F1@10 per ranking and data set, and leave-one-set-out figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of data set folders")
    parser.add_argument("--datasets", nargs="*", help="data set folder names (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="documents per data set")
    parser.add_argument("--weights", nargs="*", default=[], help="extra fusions: tfidf=2,yake=1")
    parser.add_argument("--multiword", action="store_true", help="add multi-word-gold profiles")
    parser.add_argument("--join", type=int, default=0, help="add abstracts joined N at a time")
    args = parser.parse_args(argv)
    names = args.datasets or sorted(
        p.name for p in args.data.iterdir() if (p / "docsutf8").is_dir()
    )
    fusions: dict[str, dict] = {DEFAULT: {}}
    fusions.update({f"fused[{spec}]": {"weights": parse_weights(spec)} for spec in args.weights})
    results, margin_rows = [], []
    loaded = {name: load_dataset(args.data / name, limit=args.limit) for name in names}
    profiles = dict(loaded)
    if args.multiword:
        profiles.update(
            {f"{name} (multi-word keys)": multiword(docs) for name, docs in loaded.items()}
        )
    if args.join > 1:
        profiles.update(
            {f"{name} ({args.join} joined)": joined(docs, args.join)
             for name, docs in loaded.items() if not name.startswith("KPCrowd")}
        )  # fmt: skip
    for name, docs in profiles.items():
        started = time.perf_counter()
        lists = run_dataset(docs, fusions)
        table = score(lists, docs)
        table.insert(0, "dataset", name)
        results.append(table)
        margin_rows += [{"dataset": name, **row} for row in margins(per_document_f1(lists, docs))]
        print(f"{name}: {len(docs)} documents in {time.perf_counter() - started:.1f} s", flush=True)
    table = pd.concat(results, ignore_index=True)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print("\nMargins of F1@10 (95 % paired bootstrap over documents):")
    print(pd.DataFrame(margin_rows).to_string(index=False, float_format="{:+.3f}".format))
    if len(names) > 1 and len(fusions) > 1:
        print("\nLeave one set out:")
        print(
            leave_one_set_out(table[table["dataset"].isin(names)], list(fusions)).to_string(
                index=False, float_format="{:.3f}".format
            )
        )


if __name__ == "__main__":
    main()
