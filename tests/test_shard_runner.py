"""The shard runner: per-article results stacked with 'article' first, one schema for all."""

import pandas as pd
import pyarrow.parquet as pq
import pytest
from defaults import PREPARE_SHARD, SENTIMENT

from analysis.stages import prepare, shards, topics
from analysis.stages.probe import PROBE_TEXT
from analysis.tables import read_parquet

PREPARE_TABLES = ("articles", "sections", "paragraphs", "sentences", "tokens", "section_stats")
SENTIMENT_TABLES = (
    *("sentiment_sentences", "sentiment_sections", "sentiment_method_correlations"),
    *("sentiment_entities", "sentiment_mentions", "actor_aliases"),
)


def staged(tmp_path, name, texts):
    frame = pd.DataFrame(
        {"article": [f"a{i}" for i in range(len(texts))], "text": texts,
         "title": None, "date": pd.NaT, "source": None, "author": None, "url": None,
         "origin": [f"c.csv row {i + 1}" for i in range(len(texts))]}
    )  # fmt: skip
    for column in ("article", "text", "title", "source", "author", "url", "origin"):
        frame[column] = frame[column].astype("string")
    frame["date"] = frame["date"].astype("datetime64[ns]")
    path = tmp_path / f"{name}.parquet"
    frame.to_parquet(path, index=False)
    return path


def run_shard(tmp_path, name, texts):
    out = {t: tmp_path / t / f"{name}.parquet" for t in (*PREPARE_TABLES, *SENTIMENT_TABLES)}
    count = prepare.run_shard(staged=staged(tmp_path, name, texts), outputs=out, **PREPARE_SHARD)
    shards.run_shard(
        stage="sentiment",
        articles=out["articles"],
        inputs={k: out[k] for k in ("sentences", "tokens", "sections")},
        outputs={k: out[k] for k in SENTIMENT_TABLES},
        params={**SENTIMENT, "n_bootstrap": 200},
    )
    return count, out


@pytest.fixture(scope="module")
def two_shards(tmp_path_factory):
    root = tmp_path_factory.mktemp("shards")
    full = run_shard(root, "shard-000-of-002", [PROBE_TEXT, "Markets fell. Stocks slid."])
    empty = run_shard(root, "shard-001-of-002", [])
    return full, empty


def test_tables_stack_articles_in_order_with_article_first(two_shards):
    (count, out), _ = two_shards
    assert count == 2
    sentences = read_parquet(out["sentences"])
    assert list(sentences.columns)[:2] == ["article", "sentence_id"]
    assert sentences.groupby("article").size().to_dict() == {"a0": 10, "a1": 2}
    scores = read_parquet(out["sentiment_sentences"])
    assert scores["article"].tolist() == sentences["article"].tolist()


def test_an_empty_shard_has_the_same_schema_as_a_full_one(two_shards):
    (_, full), (count, empty) = two_shards
    assert count == 0
    for table in (*PREPARE_TABLES, *SENTIMENT_TABLES):
        assert pq.read_schema(empty[table]).types == pq.read_schema(full[table]).types, table
        assert pq.read_metadata(empty[table]).num_rows == 0
    both = pd.read_parquet(full["sentiment_entities"].parent)  # the whole table, both shards
    assert set(both["article"]) == {"a0"}


def test_the_sentiment_tables_join_the_text_model_on_typed_ids(two_shards):
    (_, out), _ = two_shards
    sentences = pd.read_parquet(out["sentences"])
    scores = pd.read_parquet(out["sentiment_sentences"])
    assert len(sentences.merge(scores, on=["article", "sentence_id", "section_id"])) == 12
    sections = pd.read_parquet(out["sections"])
    by_section = pd.read_parquet(out["sentiment_sections"]).query("scope == 'section'")
    assert set(by_section.merge(sections, on=["article", "section_id"])["article"]) == {"a0", "a1"}
    mentions = pd.read_parquet(out["sentiment_mentions"])
    placed = mentions.merge(sentences, on=["article", "sentence_id"], suffixes=("", "_sentence"))
    assert len(placed) == len(mentions) > 0
    assert placed.eval("start_char >= start_char_sentence and end_char <= end_char_sentence").all()
    for table in ("sentiment_sentences", "sentiment_entities", "sentiment_mentions"):
        assert str(pq.read_schema(out[table]).field("section_id").type) == "int64", table


def count_terms(out, name):
    path = out["tokens"].parent.parent / "topic_terms_counts" / f"{name}.parquet"
    shards.run_shard_tables(
        stage="topics",
        function="corpus_documents",
        inputs={k: out[k] for k in ("tokens", "sentences")},
        outputs={"topic_terms_counts": path},
    )
    return path


def test_a_whole_shard_step_writes_article_first_and_matches_article_by_article(two_shards):
    (_, full), (_, empty) = two_shards
    path = count_terms(full, "shard-000-of-002")
    counts = read_parquet(path)
    assert list(counts.columns) == ["article", "section_id", "term", "count"]
    assert set(counts["article"]) == {"a0", "a1"}
    tokens, sentences = read_parquet(full["tokens"]), read_parquet(full["sentences"])
    alone = topics.corpus_documents(
        tokens=tokens[tokens["article"] == "a1"].drop(columns=["article"]),
        sentences=sentences[sentences["article"] == "a1"].drop(columns=["article"]),
    )["topic_terms_counts"]
    mine = counts[counts["article"] == "a1"].drop(columns=["article"]).reset_index(drop=True)
    assert mine["term"].tolist() == alone["term"].tolist()
    assert mine["count"].tolist() == alone["count"].tolist()
    assert {"market", "stock"} <= set(mine["term"])
    empty_path = count_terms(empty, "shard-001-of-002")
    assert pq.read_schema(empty_path).types == pq.read_schema(path).types
    assert pq.read_metadata(empty_path).num_rows == 0


SPANISH = (
    "El primer ministro se reunió el jueves con el presidente en la capital. Ambos líderes"
    " hablaron sobre la alianza de seguridad, el comercio y la energía, según los analistas,"
    " y no se espera un acuerdo antes del verano."
)


def test_an_article_not_in_english_keeps_its_text_model_and_gets_no_analysis(tmp_path):
    _, out = run_shard(tmp_path, "shard-000-of-001", [PROBE_TEXT, SPANISH])
    articles = read_parquet(out["articles"], as_in_tsv=False)
    assert articles["analysed"].tolist() == [True, False]
    assert "does not look like English (" in articles["warnings"][1]
    assert "left out of sentiment, keywords, topics and comparisons" in articles["warnings"][1]
    assert set(read_parquet(out["sentences"])["article"]) == {"a0", "a1"}
    for table in ("sentiment_sentences", "sentiment_sections", "sentiment_mentions"):
        assert set(read_parquet(out[table])["article"]) == {"a0"}, table
    # and the corpus topic model's term counts leave it out when given the articles table
    path = tmp_path / "topic_terms_counts.parquet"
    shards.run_shard_tables(
        stage="topics",
        function="corpus_documents",
        inputs={k: out[k] for k in ("tokens", "sentences")},
        outputs={"topic_terms_counts": path},
        articles=out["articles"],
    )
    assert set(read_parquet(path)["article"]) == {"a0"}


def test_with_english_only_off_every_article_is_analysed_and_still_warned_of(tmp_path):
    out = {t: tmp_path / t / "shard.parquet" for t in PREPARE_TABLES}
    settings = {**PREPARE_SHARD, "english_only": False}
    prepare.run_shard(staged=staged(tmp_path, "shard", [SPANISH]), outputs=out, **settings)
    articles = read_parquet(out["articles"], as_in_tsv=False)
    assert articles["analysed"].tolist() == [True]
    assert articles["warnings"][0].endswith("the English models will give unreliable results")
