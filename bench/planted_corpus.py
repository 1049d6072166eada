"""Per-article tables of a generated corpus with planted differences, as Parquet shards.

The comparisons read metadata, sentence and article sentiment, actor mentions and
aliases, topic mixtures and terms, and tokens. :func:`write_corpus` writes them as
shards of 800 articles, with differences planted so that a run can be checked by eye
(``bench/bench_compare.py`` times the comparisons on them; ``tests/test_compare_planted.py``
checks that each comparison recovers its difference):

* ``Metro Wire`` is negative toward Donald Trump (about -0.45; the other outlets +0.15);
  a third of the articles name him only as "Trump", a few as "President Trump", and a few
  name "Melania Trump" too;
* ``Harbor Times`` articles are more negative overall (about -0.15; the others +0.05);
* topic 3 (energy) rises in April 2025, when "hydrogen" becomes one of its top terms;
* only ``Northern Post`` uses the word "blockade".

About 2 % of the articles have no date and 2 % no outlet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

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


def _mentions(entities: pd.DataFrame) -> pd.DataFrame:
    """Each entity row as its ``n_mentions`` mentions, each scored the row's mean."""
    repeat = entities["n_mentions"].to_numpy()
    rows = entities.loc[entities.index.repeat(repeat)].reset_index(drop=True)
    within = np.concatenate([np.arange(n) for n in repeat]) if len(repeat) else np.array([])
    return pd.DataFrame(
        {
            "article": rows["article"],
            "actor": rows["actor"],
            "actor_type": rows["actor_type"],
            "mention": rows["actor"],
            "sentence_id": within.astype(np.int64),
            "section_id": np.zeros(len(rows), dtype=np.int64),
            "start_char": (within * 100).astype(np.int64),
            "end_char": (within * 100 + rows["actor"].str.len()).astype(np.int64),
            "target_sentiment": rows["target_sentiment"],
        }
    )


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
        "sentiment_mentions": _mentions(entities),
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
    "sentiment_mentions",
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
