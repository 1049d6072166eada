"""DuckDB queries over Parquet datasets: the comparisons' inputs."""

import numpy as np
import pandas as pd
import pytest
from defaults import COMPARE, GROUPING

from analysis.compare import datasets
from analysis.compare.periods import group_articles


def _write(folder, name, *shards):
    path = folder / name
    path.mkdir(parents=True)
    for i, shard in enumerate(shards):
        shard.to_parquet(path / f"shard-{i:05d}.parquet", index=False)
    return path


def _tokens(article, words):
    """Token rows: (lemma, pos, is_stopword) per word."""
    return pd.DataFrame(
        {
            "article": article,
            "sentence_id": 0,
            "token_id": range(len(words)),
            "token": [w[0] for w in words],
            "lower": [w[0].lower() for w in words],
            "lemma": [w[0] for w in words],
            "pos": [w[1] for w in words],
            "is_stopword": [w[2] for w in words],
        }
    )


def test_sentence_labels_count_by_threshold(tmp_path):
    shard = pd.DataFrame(
        {
            "article": ["a", "a", "a", "b", "b"],
            "sentence_id": [0, 1, 2, 0, 1],
            "sentiment": [0.5, 0.05, -0.3, -0.06, None],
        }
    )
    folder = _write(tmp_path, "sentiment_sentences", shard)
    labels = datasets.sentence_labels(folder, threshold=0.05)
    assert labels.to_dict("list") == {
        "article": ["a", "b"],
        "n_sentences": [3, 1],
        "n_positive": [1, 0],
        "n_neutral": [1, 0],
        "n_negative": [1, 1],
    }


def test_article_sentiment_reads_the_article_row(tmp_path):
    shard = pd.DataFrame(
        {
            "article": ["a", "a", "a"],
            "scope": ["article", "article", "section"],
            "measure": ["sentiment", "vader_compound", "sentiment"],
            "mean": [0.25, 0.9, -0.7],
        }
    )
    folder = _write(tmp_path, "sentiment_sections", shard)
    assert datasets.article_sentiment(folder).to_dict("list") == {
        "article": ["a"],
        "sentiment": [0.25],
    }


def test_shards_with_different_columns_read_by_name(tmp_path):
    old = pd.DataFrame({"article": ["a"], "actor": ["Japan"], "actor_type": ["place"]})
    new = old.assign(article="b", target_sentiment=0.4)
    folder = _write(tmp_path, "sentiment_mentions", old, new)
    rows = datasets.article_actors(folder)
    assert rows["article"].tolist() == ["a", "b"]
    assert np.isnan(rows["target_sentiment"].iloc[0]) and rows["target_sentiment"].iloc[1] == 0.4
    assert datasets.read_table(tmp_path / "missing", ["article"]).empty


def test_every_actor_an_article_names_is_one_row_with_its_mean_and_count(tmp_path):
    mentions = pd.DataFrame(
        {"article": ["a", "a", "a", "b"], "actor": ["Trump", "Japan", "Trump", "Trump"],
         "actor_type": ["person", "place", "person", "person"],
         "target_sentiment": [-0.5, 0.2, 0.1, 0.3]}
    )  # fmt: skip
    rows = datasets.article_actors(_write(tmp_path, "sentiment_mentions", mentions))
    assert rows[["article", "actor", "actor_type", "n_mentions"]].values.tolist() == [
        ["a", "Japan", "place", 1],
        ["a", "Trump", "person", 2],
        ["b", "Trump", "person", 1],
    ]
    assert rows["target_sentiment"].tolist() == pytest.approx([0.2, -0.2, 0.3])
    assert datasets.article_actors(tmp_path / "missing").empty


def test_group_term_counts_keep_content_lemmas(tmp_path):
    a = _tokens(
        "a",
        [
            ("Tariffs", "NNS", False),
            ("the", "DT", True),
            ("tariff", "NN", False),
            ("say", "VBD", False),
            ("x", "NN", False),
            ("quickly", "RB", False),
        ],
    )
    b = _tokens("b", [("Blockade", "NN", False), ("tariff", "NN", False), ("of", "IN", True)])
    b["is_stopword"] = b["is_stopword"].map(str)  # "True"/"False" as a TSV reader gives them
    c = _tokens("c", [("tariff", "NN", False)] * 2)
    d = _tokens("d", [("the", "DT", True)])
    folder = _write(tmp_path, "tokens", a, b, c, d)
    articles = pd.DataFrame(
        {"article": ["a", "b", "c", "d"], "source": ["Ledger", "Post", "Ledger", "Ledger"]}
    )
    grouping = group_articles(articles, **{**GROUPING, "group_by": ["source"]})
    counts = datasets.group_term_counts(
        folder, grouping.membership, by_period=COMPARE["keyness_by_period"]
    )
    # the stop word, the light verb "say", the one-letter "x" and the adverb are left out;
    # "tariff": 3 uses in 2 of the Ledger's 3 articles (d has no content word but counts)
    assert counts.values.tolist() == [
        ["all", "source", "Ledger", "tariff", 3, 2, 3],
        ["all", "source", "Ledger", "tariffs", 1, 1, 3],
        ["all", "source", "Post", "blockade", 1, 1, 1],
        ["all", "source", "Post", "tariff", 1, 1, 1],
    ]


def test_a_columns_counts_take_an_article_of_two_values_once(tmp_path):
    a = _tokens("a", [("tariff", "NN", False)] * 2)
    b = _tokens("b", [("tariff", "NN", False), ("vote", "NN", False)])
    c = _tokens("c", [("vote", "NN", False)])
    folder = _write(tmp_path, "tokens", a, b, c)
    articles = pd.DataFrame({"article": ["a", "b", "c"], "author": ["Ann; Bob", "Ann", "Bob"]})
    grouping = group_articles(
        articles, **{**GROUPING, "group_by": ["author"], "split_values": {"author": [";"]}}
    )
    assert datasets.has_shared_articles(grouping.membership)
    cells = datasets.group_term_counts(folder, grouping.membership, by_period=False)
    assert cells.values.tolist() == [
        ["all", "author", "Ann", "tariff", 3, 2, 2],
        ["all", "author", "Ann", "vote", 1, 1, 2],
        ["all", "author", "Bob", "tariff", 2, 1, 2],
        ["all", "author", "Bob", "vote", 1, 1, 2],
    ]
    # the column's three articles, a once: its two uses of "tariff" count once
    column = datasets.column_term_counts(folder, grouping.membership, by_period=False)
    assert column.values.tolist() == [
        ["all", "author", "tariff", 3, 2, 3],
        ["all", "author", "vote", 2, 2, 3],
    ]
    one_each = group_articles(articles, **{**GROUPING, "group_by": ["author"]})
    assert not datasets.has_shared_articles(one_each.membership)


def test_period_topic_terms_weight_counts_by_topic(tmp_path):
    a = _tokens("a", [("gas", "NN", False)] * 3 + [("trade", "NN", False)])
    b = _tokens("b", [("gas", "NN", False)])
    tokens = _write(tmp_path, "tokens", a, b)
    document_topics = pd.DataFrame(
        {"article": ["a", "a", "b", "b"], "topic": [1, 2, 1, 2], "weight": [0.25, 0.75, 1.0, 0.0]}
    )
    topic_terms = pd.DataFrame({"topic": [1, 2, 2], "term": ["trade", "gas", "natural gas"]})
    articles = pd.DataFrame(
        {"article": ["a", "b"], "date": pd.to_datetime(["2025-01-03", "2025-02-03"])}
    )
    grouping = group_articles(articles, **{**GROUPING, "period": "month", "group_by": []})
    terms = datasets.period_topic_terms(tokens, document_topics, topic_terms, grouping.membership)
    rows = {(p, t, w): x for p, t, w, x in terms.itertuples(index=False)}
    assert rows[("2025-01", 2, "gas")] == pytest.approx(3 * 0.75)
    assert rows[("2025-01", 1, "trade")] == pytest.approx(0.25)
    assert rows[("2025-02", 2, "gas")] == pytest.approx(0.0)
    assert ("2025-01", 1, "gas") not in rows  # gas is not one of topic 1's terms
