"""Time the corpus comparisons on generated datasets with planted differences.

The datasets are written by :mod:`planted_corpus` (its docstring lists the planted
differences), or analysed from a corpus file's texts with ``--texts``.

    .venv/bin/python bench/bench_compare.py --sizes 10000,100000 --work /tmp/compare
    .venv/bin/python bench/bench_compare.py --sizes 300 --work /tmp/compare --figures /tmp/fig
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd
import settings
from planted_corpus import BUNDLED_TABLES, OUTLETS, add_article, write_corpus


def _corpus_topics(tokens: pd.DataFrame, *, k: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A plain NMF over the articles' content lemmas (a stand-in for the corpus topic model)."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.topics import content_terms

    terms = content_terms(tokens, noun_bigrams=False, group_column="article")
    documents = terms.groupby("article", sort=True)["term"].apply(list)
    vectoriser = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=3)
    matrix = vectoriser.fit_transform(documents.tolist())
    model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=400)
    weights = model.fit_transform(matrix)
    weights = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
    document_topics = pd.DataFrame(
        {
            "article": np.repeat(documents.index.to_numpy(), k),
            "topic": np.tile(np.arange(1, k + 1), len(documents)),
            "weight": weights.ravel(),
        }
    )
    vocabulary = vectoriser.get_feature_names_out()
    rows = []
    for topic, row in enumerate(model.components_, start=1):
        top = np.argsort(-row, kind="stable")[:10]
        label = " · ".join(vocabulary[top[:3]])
        rows += [(topic, r + 1, vocabulary[i], row[i], label) for r, i in enumerate(top)]
    topic_terms = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "label"])
    return document_topics, topic_terms


def analyse_texts(corpus_file: Path, out: Path, *, k: int = 8, seed: int = 0) -> None:
    """Run the prepare and sentiment stages on each article of a corpus file, fit topics.

    Writes the same layout as :func:`write_corpus` (one shard per table), so
    :func:`run_comparisons` reads real analysis output, e.g. of
    ``bench/make_corpus.py --format parquet --planted``.
    """
    from analysis.stages import prepare, sentiment

    corpus = pd.read_parquet(corpus_file)
    collected: dict[str, list[pd.DataFrame]] = {}
    for article, text in zip(corpus["id"], corpus["text"], strict=True):
        model = prepare.article_tables(text=text, **settings.prepare())
        tables = sentiment.article_tables(
            sentences=model["sentences"],
            tokens=model["tokens"],
            sections=model["sections"],
            **settings.sentiment(),
        )
        tables["tokens"] = model["tokens"]
        for name in BUNDLED_TABLES:
            collected.setdefault(name, []).append(tables[name].assign(article=article))
    for name, frames in collected.items():
        frame = pd.concat(frames, ignore_index=True)
        frame = frame[["article", *[c for c in frame.columns if c != "article"]]]
        folder = out / "tables" / name
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(folder / "shard-00000.parquet", index=False)
    tokens = pd.concat(collected["tokens"], ignore_index=True)
    document_topics, topic_terms = _corpus_topics(tokens, k=k, seed=seed)
    (out / "tables" / "document_topics").mkdir(parents=True, exist_ok=True)
    document_topics.to_parquet(out / "tables/document_topics/shard-00000.parquet", index=False)
    topic_terms.to_parquet(out / "topic_terms.parquet", index=False)
    articles = corpus.rename(columns={"id": "article"}).drop(columns="text")
    articles["date"] = pd.to_datetime(articles["date"], errors="coerce")
    articles.to_parquet(out / "articles.parquet", index=False)


def run_comparisons(
    out: Path, *, n_bootstrap: int = 2000
) -> tuple[dict, dict[str, tuple[float, float, float]]]:
    """Every comparison on a corpus; returns (results, CPU s, wall s and peak MiB per step)."""
    from analysis.compare import (
        actors_over_time,
        group_articles,
        group_keyness,
        sentiment_over_time,
        topics_over_time,
    )
    from analysis.compare import datasets as ds

    tables = out / "tables"
    articles = pd.read_parquet(out / "articles.parquet")
    topic_terms = pd.read_parquet(out / "topic_terms.parquet")
    seconds: dict[str, tuple[float, float, float]] = {}
    results = {}

    def timed(name, function, *args, **kwargs):
        began, began_cpu = time.perf_counter(), time.process_time()
        value = function(*args, **kwargs)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        seconds[name] = (time.process_time() - began_cpu, time.perf_counter() - began, peak)
        return value

    options = settings.grouping()
    interval = {**settings.interval(), "n_bootstrap": n_bootstrap}
    compare = settings.section("compare")
    threshold = settings.section("sentiment")["neutral_threshold"]
    grouping = timed("group articles", group_articles, articles, **options)
    article_scores = timed(
        "read article sentiment", ds.article_sentiment, tables / "sentiment_sections"
    )
    labels = timed(
        "count sentence labels",
        ds.sentence_labels,
        tables / "sentiment_sentences",
        threshold=threshold,
    )
    results["sentiment"] = timed(
        "sentiment over time",
        sentiment_over_time,
        articles,
        article_scores,
        labels,
        **interval,
        **options,
    )
    entities = timed("read actor mentions", ds.article_actors, tables / "sentiment_mentions")
    aliases = timed("read aliases", ds.read_table, tables / "actor_aliases")
    results["actors"] = timed(
        "actors over time",
        actors_over_time,
        articles,
        entities,
        aliases,
        top_n=compare["top_actors"],
        min_articles=compare["min_actor_articles"],
        dominance=compare["actor_merge_dominance"],
        **interval,
        **options,
    )
    document_topics = timed("read document topics", ds.read_table, tables / "document_topics")
    period_terms = timed(
        "topic terms per period (tokens)",
        ds.period_topic_terms,
        tables / "tokens",
        tables / "document_topics",
        topic_terms,
        grouping.membership,
    )
    results["topics"] = timed(
        "topics over time",
        topics_over_time,
        articles,
        document_topics,
        topic_terms,
        period_terms,
        n_terms=compare["topic_terms_per_period"],
        **interval,
        **options,
    )
    counts = timed(
        "term counts per group (tokens)",
        ds.group_term_counts,
        tables / "tokens",
        grouping.membership,
        by_period=compare["keyness_by_period"],
    )
    results["keyness"] = timed(
        "group keyness",
        group_keyness,
        counts,
        top_n=compare["keyness_top_n"],
        min_count=compare["keyness_min_count"],
    )
    results["grouping"] = grouping
    return results, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    parser.add_argument("--work", type=Path, required=True, help="folder for generated corpora")
    parser.add_argument("--figures", type=Path, help="also draw the figures of the last size here")
    parser.add_argument("--n-bootstrap", type=int, default=2000)
    parser.add_argument(
        "--texts",
        type=Path,
        help="analyse this corpus file's articles (id, text, date, source...) instead of "
        "generating tables; --sizes is then ignored",
    )
    parser.add_argument(
        "--add-article",
        type=Path,
        help="an analysed article's tables folder to add (dated 2025-02-07, Daily Ledger)",
    )
    args = parser.parse_args()
    sizes = ["texts"] if args.texts else args.sizes.split(",")
    for size in sizes:
        out = args.work / f"corpus-{size}"
        began = time.perf_counter()
        if args.texts and not (out / "articles.parquet").exists():
            analyse_texts(args.texts, out)
        elif not (out / "articles.parquet").exists():
            write_corpus(int(size), out)
            if args.add_article:
                name = args.add_article.parent.name
                add_article(
                    out, args.add_article, article=name, date="2025-02-07", source=OUTLETS[0]
                )
        n = len(pd.read_parquet(out / "articles.parquet", columns=["article"]))
        print(f"\n{n:,} articles (made in {time.perf_counter() - began:.1f} s)")
        began = time.perf_counter()
        results, seconds = run_comparisons(out, n_bootstrap=args.n_bootstrap)
        wall = time.perf_counter() - began
        print(f"  {'step':34s} {'CPU s':>8s} {'wall s':>8s} {'peak MiB':>9s}")
        for name, (cpu, step_wall, peak) in seconds.items():
            print(f"  {name:34s} {cpu:8.2f} {step_wall:8.2f} {peak:9.0f}")
        cpu = sum(c for c, _, _ in seconds.values())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  {'total':34s} {cpu:8.2f} {wall:8.2f}   peak RSS {peak:.0f} MiB")
        print("  " + (results["grouping"].reason or "nothing skipped"))
    if args.figures:
        from analysis.figures import compare as figures

        args.figures.mkdir(parents=True, exist_ok=True)
        groups = settings.grouping()["group_by"]
        print(*figures.save_figures(results, args.figures, groups=groups), sep="\n")


if __name__ == "__main__":
    main()
