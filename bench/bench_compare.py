"""Time the corpus comparisons on generated datasets with planted differences.

The generator writes the per-article tables the comparisons read (metadata, sentence and
article sentiment, actor sentiment and aliases, topic mixtures and terms, tokens) as Parquet
shards of 800 articles, with differences planted so a run can be checked by eye:

* ``Metro Wire`` is negative toward Donald Trump (about -0.45; the other outlets +0.15);
  a third of the articles name him only as "Trump", a few as "President Trump", and a few
  name "Melania Trump" too;
* ``Harbor Times`` articles are more negative overall (about -0.15; the others +0.05);
* topic 3 (energy) rises in April 2025, when "hydrogen" becomes one of its top terms;
* only ``Northern Post`` uses the word "blockade".

About 2 % of the articles have no date and 2 % no outlet.

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
import pyarrow as pa
import pyarrow.parquet as pq
import settings

OUTLETS = ("Daily Ledger", "Harbor Times", "Metro Wire", "Northern Post")
NEGATIVE_OUTLET, NEGATIVE_ACTOR = "Metro Wire", "Donald Trump"
GLOOMY_OUTLET = "Harbor Times"
RISING_TOPIC, RISING_MONTH, RISING_TERM = 3, "2025-04", "hydrogen"
OUTLET_TERM, TERM_OUTLET = "blockade", "Northern Post"
START, DAYS = pd.Timestamp("2025-01-01"), 181
TOPIC_TERMS = {
    1: "tariff export trade deal market import goods price steel car",
    2: "defence military security alliance troop missile base navy drill budget",
    3: "energy gas oil pipeline power plant fuel grid solar hydrogen",
    4: "election party vote minister parliament campaign poll leader coalition cabinet",
    5: "chip technology investment factory semiconductor research data startup robot software",
}
STOPWORDS = "the of and to in a that for on with as by at from".split()
OTHER_ACTORS = ("Shigeru Ishiba", "Japan", "United States", "Xi Jinping", "European Union")
ACTOR_TYPES = {"Japan": "place", "United States": "place", "European Union": "organisation"}
TOKENS_PER_ARTICLE = 400
SENTENCES_PER_ARTICLE = 20
SHARD = 800


def _vocabulary() -> tuple[list[str], dict[int, np.ndarray]]:
    words = list(STOPWORDS)
    ids = {}
    for topic, terms in TOPIC_TERMS.items():
        ids[topic] = np.arange(len(words), len(words) + len(terms.split()))
        words += terms.split()
    words.append(OUTLET_TERM)
    return words, ids


def make_articles(n: int, *, seed: int = 0) -> pd.DataFrame:
    """Article metadata: article, title, date (2 % NaT), source (2 % missing), author, url."""
    rng = np.random.default_rng(seed)
    ids = [f"gen-{i:06d}" for i in range(n)]
    dates = START + pd.to_timedelta(rng.integers(0, DAYS, n), unit="D")
    dates = pd.Series(dates).where(rng.random(n) >= 0.02)
    sources = pd.Series(np.array(OUTLETS, dtype=object)[rng.integers(0, len(OUTLETS), n)])
    sources = sources.where(rng.random(n) >= 0.02, None)
    return pd.DataFrame(
        {
            "article": ids,
            "title": [f"Generated article {i}" for i in range(n)],
            "date": dates.astype("datetime64[ns]"),
            "source": sources,
            "author": [f"Reporter {i % 37}" for i in range(n)],
            "url": [f"https://example.org/{a}" for a in ids],
        }
    )


def _mixtures(articles: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    mix = rng.dirichlet(np.full(len(TOPIC_TERMS), 0.3), size=len(articles))
    april = (articles["date"].dt.strftime("%Y-%m") == RISING_MONTH).to_numpy()
    boost = np.zeros(len(TOPIC_TERMS))
    boost[RISING_TOPIC - 1] = 1.0
    mix[april] = 0.4 * mix[april] + 0.6 * boost
    return mix


def _sentences(articles: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(articles)
    base = np.where(articles["source"].to_numpy() == GLOOMY_OUTLET, -0.15, 0.05)
    article = np.repeat(articles["article"].to_numpy(), SENTENCES_PER_ARTICLE)
    score = np.clip(
        np.repeat(base, SENTENCES_PER_ARTICLE) + rng.normal(0, 0.3, article.size), -1, 1
    )
    return pd.DataFrame(
        {
            "article": article,
            "sentence_id": np.tile(np.arange(SENTENCES_PER_ARTICLE), n),
            "section_id": 0,
            "sentiment": score,
            "vader_compound": np.clip(score * 1.2, -1, 1),
            "textblob_polarity": score * 0.5,
        }
    )


def _article_rows(sentences: pd.DataFrame) -> pd.DataFrame:
    means = sentences.groupby("article", sort=True)["sentiment"].agg(["mean", "size"])
    return pd.DataFrame(
        {
            "article": means.index,
            "scope": "article",
            "section_id": None,
            "title": "",
            "n_sentences": means["size"].to_numpy(),
            "measure": "sentiment",
            "mean": means["mean"].to_numpy(),
        }
    )


def _trump_name(rng: np.random.Generator) -> str | None:
    draw = rng.random()
    if draw < 0.36:
        return "Donald Trump"
    if draw < 0.54:
        return "Trump"
    if draw < 0.57:
        return "President Trump"
    return None


def _entities(
    articles: pd.DataFrame, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, aliases = [], []
    for article, source in zip(articles["article"], articles["source"], strict=True):
        names = [a for a in OTHER_ACTORS if rng.random() < 0.4]
        trump = _trump_name(rng)
        if trump:
            names.append(trump)
            if trump == "Donald Trump":
                aliases.append((article, trump, "Trump", "surname_of_full_name", "only one"))
        if rng.random() < 0.03:
            names.append("Melania Trump")
        for name in names:
            toward_trump = name.endswith("Trump") and name != "Melania Trump"
            centre = 0.05
            if toward_trump:
                centre = -0.45 if source == NEGATIVE_OUTLET else 0.15
            n = int(rng.integers(2, 9))
            mean = float(np.clip(centre + rng.normal(0, 0.2), -1, 1))
            kind = ACTOR_TYPES.get(name, "person")
            row = (article, name, kind, "article", None, n, n, mean, mean - 0.2, mean + 0.2)
            rows.append((*row, mean * 0.8))
    columns = ["article", "actor", "actor_type", "scope", "section_id", "n_mentions", "n_sentences"]
    scores = ["target_sentiment", "ci_low", "ci_high", "sentence_sentiment"]
    entities = pd.DataFrame(rows, columns=[*columns, *scores])
    alias_table = pd.DataFrame(aliases, columns=["article", "actor", "variant", "rule", "evidence"])
    return entities, alias_table


def _topic_tables(articles: pd.DataFrame, mix: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    k = mix.shape[1]
    document_topics = pd.DataFrame(
        {
            "article": np.repeat(articles["article"].to_numpy(), k),
            "topic": np.tile(np.arange(1, k + 1), len(articles)),
            "weight": mix.ravel(),
        }
    )
    rows = []
    for topic, terms in TOPIC_TERMS.items():
        words = terms.split()
        label = " · ".join(words[:3])
        rows += [(topic, r + 1, w, 0.1 / (r + 1), label) for r, w in enumerate(words)]
    topic_terms = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "label"])
    return document_topics, topic_terms


def _tokens(articles: pd.DataFrame, mix: np.ndarray, rng: np.random.Generator) -> pa.Table:
    words, topic_ids = _vocabulary()
    n, per = len(articles), TOKENS_PER_ARTICLE
    owner = np.repeat(np.arange(n), per)
    cumulative = np.cumsum(mix, axis=1)[owner]
    topic = (rng.random(owner.size)[:, None] > cumulative).sum(axis=1).clip(0, mix.shape[1] - 1)
    zipf = 1.0 / np.arange(1, 11)
    rank = rng.choice(10, size=owner.size, p=zipf / zipf.sum())
    word = np.stack([topic_ids[t + 1] for t in range(mix.shape[1])])[topic, rank]
    april = (articles["date"].dt.strftime("%Y-%m") == RISING_MONTH).to_numpy()[owner]
    hydrogen = words.index(RISING_TERM)
    word = np.where(
        april & (topic == RISING_TOPIC - 1) & (rng.random(owner.size) < 0.3), hydrogen, word
    )
    stop = rng.random(owner.size) < 0.4
    word = np.where(stop, rng.integers(0, len(STOPWORDS), owner.size), word)
    position = np.tile(np.arange(per), n)
    planted = (articles["source"].to_numpy() == TERM_OUTLET)[owner] & (position % 97 == 5)
    word = np.where(planted, words.index(OUTLET_TERM), word)
    is_stop = word < len(STOPWORDS)
    dictionary = pa.array(words)
    text = pa.DictionaryArray.from_arrays(pa.array(word.astype(np.int32)), dictionary)
    return pa.table(
        {
            "article": pa.array(articles["article"].to_numpy()[owner]),
            "sentence_id": pa.array(position // (per // SENTENCES_PER_ARTICLE)),
            "token_id": pa.array(position),
            "start_char": pa.array(position * 7),
            "end_char": pa.array(position * 7 + 6),
            "token": text,
            "lower": text,
            "lemma": text,
            "pos": pa.array(np.where(is_stop, "DT", "NN")),
            "is_stopword": pa.array(is_stop),
        }
    )


def make_shard(articles: pd.DataFrame, *, seed: int) -> dict[str, pd.DataFrame | pa.Table]:
    """Every per-article table of ``articles`` (see the module docstring), deterministic."""
    rng = np.random.default_rng(seed)
    mix = _mixtures(articles, rng)
    sentences = _sentences(articles, rng)
    entities, aliases = _entities(articles, rng)
    document_topics, _ = _topic_tables(articles, mix)
    return {
        "sentiment_sentences": sentences,
        "sentiment_sections": _article_rows(sentences),
        "sentiment_entities": entities,
        "actor_aliases": aliases,
        "document_topics": document_topics,
        "tokens": _tokens(articles, mix, rng),
    }


def topic_terms_table() -> pd.DataFrame:
    """The corpus ``topic_terms`` table of the generated corpus."""
    return _topic_tables(pd.DataFrame({"article": []}), np.zeros((0, len(TOPIC_TERMS))))[1]


def write_corpus(n: int, out: Path, *, seed: int = 0) -> pd.DataFrame:
    """Write the metadata and every table as ``out/tables/<table>/shard-*.parquet``."""
    articles = make_articles(n, seed=seed)
    for start in range(0, n, SHARD):
        shard = make_shard(articles.iloc[start : start + SHARD], seed=seed + start)
        for name, table in shard.items():
            folder = out / "tables" / name
            folder.mkdir(parents=True, exist_ok=True)
            if isinstance(table, pd.DataFrame):
                table = pa.Table.from_pandas(table, preserve_index=False)
            pq.write_table(table, folder / f"shard-{start // SHARD:05d}.parquet")
    articles.to_parquet(out / "articles.parquet", index=False)
    topic_terms_table().to_parquet(out / "topic_terms.parquet", index=False)
    return articles


BUNDLED_TABLES = (
    "sentiment_sentences",
    "sentiment_sections",
    "sentiment_entities",
    "actor_aliases",
    "tokens",
)


def add_article(out: Path, tables: Path, *, article: str, date: str, source: str) -> None:
    """Add one analysed article's TSV tables (``results/<article>/tables``) to a corpus.

    It has no topic mixture (the generated corpus has no topic model to place it in), so it
    is left out of the topic comparisons only.
    """
    for name in BUNDLED_TABLES:
        frame = pd.read_csv(tables / f"{name}.tsv", sep="\t", keep_default_na=False, na_values=[""])
        frame.insert(0, "article", article)
        frame.to_parquet(out / "tables" / name / "shard-99999.parquet", index=False)
    articles = pd.read_parquet(out / "articles.parquet")
    row = {"article": article, "title": article, "date": pd.Timestamp(date), "source": source}
    articles = pd.concat([articles, pd.DataFrame([row])], ignore_index=True)
    articles.to_parquet(out / "articles.parquet", index=False)


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
    entities = timed("read entities", ds.entity_rows, tables / "sentiment_entities")
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
