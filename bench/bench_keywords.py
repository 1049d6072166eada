"""Benchmark the keyword methods and the headline ranking on keyphrase data sets.

Each data set folder holds ``docsutf8/<id>.txt`` and ``keys/<id>.key`` (one gold phrase a
line). Every document is one "document" of a corpus: TF-IDF takes its IDF from all the
documents of the set (corpus TF-IDF), keyness compares each document with the rest of the
set. Scores are P@10, R@10 and F1@10 with exact matching after lower-casing and
Porter-stemming each word, averaged over documents. Tokens come from the pipeline's own
text model (:func:`analysis.document.analyse_structure`, headings off so titles count).
The headline carries the general-English specificity prior; "headline, no prior" is the
same fusion without it.

Usage:
    python bench/bench_keywords.py --data /work/shared/benchmarks/keywords [--limit 300]
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from nltk.stem import PorterStemmer

from analysis import keywords
from analysis.document import analyse_structure
from analysis.reading import normalise_newlines

TOP = 10
_STEMMER = PorterStemmer()
_WORD = re.compile(r"[\w.]+(?:-\w+)*|[^\w\s]")


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


def corpus_candidates(docs: Iterable[tuple[str, str, set[str]]], ngram_range: tuple[int, int]):
    """Tokenise every document and pool their candidates as one corpus (doc = sentence owner)."""
    occurrence_frames, texts, sizes, owner = [], {}, {}, {}
    sentence_offset = 0
    for doc_id, text, _ in docs:
        tokens = analyse_structure(text, detect_headings=False).tokens
        found = keywords.extract_candidates(tokens, ngram_range=ngram_range)
        found["sentence_id"] += sentence_offset
        for sentence in range(
            sentence_offset, sentence_offset + int(tokens["sentence_id"].max()) + 1
        ):
            owner[sentence] = doc_id
        sentence_offset += int(tokens["sentence_id"].max()) + 1
        occurrence_frames.append(found)
        texts[doc_id] = text
        sizes[doc_id] = int(tokens["token"].str.contains(r"\w").sum())
    return pd.concat(occurrence_frames, ignore_index=True), texts, sizes, owner


def run_methods(occurrences, texts, sizes, owner, *, weights, methods, max_ngram):
    """All methods' full rankings plus the headline fusion, over the whole corpus."""
    documents = keywords.documents_from(occurrences, owner)
    rankings = {}
    if "tfidf" in methods:
        rankings["tfidf"] = keywords.rank_tfidf(documents)
    if "keyness" in methods:
        rankings["keyness"] = keywords.rank_keyness(documents, sizes)
    if "yake" in methods:
        allowed = {doc: set(keys) for doc, keys in documents.items()}
        index = keywords.surface_index(occurrences)
        rankings["yake"] = keywords.rank_yake(texts, allowed, index, max_ngram=max_ngram)
    if "textrank" in methods:
        rankings["textrank"] = keywords.rank_textrank(occurrences, owner)
    if "salience" in methods:
        rankings["salience"] = keywords.rank_salience(occurrences, owner)
    if "specificity" in methods:
        rankings["specificity"] = keywords.rank_specificity(occurrences, owner)
    prior = keywords.specificity_prior(occurrences["key"])
    counts = keywords.count_map(documents)
    names = set(occurrences.loc[occurrences["proper"], "key"])
    for name, weight_set in weights.items():
        own = rankings_of(rankings)
        rankings[name] = keywords.headline_ranking(
            own, weights=weight_set, prior=prior, counts=counts, names=names
        )
        if name == "headline":
            rankings["headline, no prior"] = keywords.headline_ranking(
                own, weights=weight_set, counts=counts, names=names
            )
            rankings["headline, nested kept"] = keywords.headline_ranking(
                own, weights=weight_set, prior=prior, drop_nested=False
            )
    return rankings


def rankings_of(rankings: dict) -> dict:
    """The methods' own rankings (not fused ones)."""
    return {m: r for m, r in rankings.items() if m in keywords.METHODS}


def yake_raw(texts: dict[str, str], max_ngram: int) -> pd.DataFrame:
    """Plain YAKE (its own n-grams, no candidate filter), the usual baseline."""
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=max_ngram, top=TOP)
    rows = [
        (doc, phrase, -score, rank)
        for doc, text in texts.items()
        for rank, (phrase, score) in enumerate(extractor.extract_keywords(text), start=1)
    ]
    return pd.DataFrame(rows, columns=keywords.RANKING_COLUMNS)


def score_rankings(rankings, docs, labels) -> pd.DataFrame:
    """Mean P@10, R@10, F1@10 of each ranking."""
    rows = []
    for method, frame in rankings.items():
        by_doc = {doc: group.sort_values("rank") for doc, group in frame.groupby("doc")}
        scores = []
        for doc_id, _, gold in docs:
            group = by_doc.get(doc_id)
            shown = [] if group is None else [labels.get(k, k) for k in group["key"]]
            scores.append(prf(shown, gold))
        frame_scores = pd.DataFrame(scores, columns=["P@10", "R@10", "F1@10"]).mean()
        rows.append({"method": method, **frame_scores.to_dict()})
    return pd.DataFrame(rows)


def weight_sets(specs: Sequence[str]) -> dict[str, dict[str, float]]:
    """The headline weights plus any extra weightings given as ``m=w,m=w``."""
    sets = {"headline": dict(keywords.DEFAULT_WEIGHTS)}
    for spec in specs:
        given = {m: float(w) for m, w in (p.split("=") for p in spec.split(","))}
        sets[f"fused[{spec}]"] = {m: given.get(m, 0.0) for m in keywords.METHODS}
    return sets


def main(argv: Sequence[str] | None = None) -> None:
    """Print P@10, R@10 and F1@10 per method and data set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of data set folders")
    parser.add_argument("--datasets", nargs="*", help="data set folder names (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="documents per data set")
    parser.add_argument("--ngram-max", type=int, default=3)
    parser.add_argument("--methods", nargs="*", default=list(keywords.METHODS))
    parser.add_argument(
        "--weights", nargs="*", default=[], help="extra fusions to compare, e.g. tfidf=2,yake=1"
    )
    args = parser.parse_args(argv)
    names = args.datasets or sorted(
        p.name for p in args.data.iterdir() if (p / "docsutf8").is_dir()
    )
    results = []
    for name in names:
        started = time.perf_counter()
        docs = load_dataset(args.data / name, limit=args.limit)
        occurrences, texts, sizes, owner = corpus_candidates(docs, (1, args.ngram_max))
        rankings = run_methods(
            occurrences, texts, sizes, owner,
            weights=weight_sets(args.weights), methods=args.methods, max_ngram=args.ngram_max,
        )  # fmt: skip
        rankings["yake_raw"] = yake_raw(texts, args.ngram_max)
        table = score_rankings(rankings, docs, keywords.display_forms(occurrences))
        table.insert(0, "dataset", f"{name} (n={len(docs)})")
        results.append(table)
        print(f"{name}: {len(docs)} documents in {time.perf_counter() - started:.1f} s", flush=True)
    print(pd.concat(results).to_string(index=False, float_format=lambda v: f"{v:.3f}"))


if __name__ == "__main__":
    main()
