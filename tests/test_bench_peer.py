"""The notebook-style peer script of the benchmark: inputs, tables and their real values."""

import pandas as pd
import pytest
from bench_scripts import load_bench_script

ARTICLES = {
    "markets": (
        "Tariffs rose again on Monday. Markets in Tokyo fell sharply. "
        "Exporters fear tariffs on steel and tariffs on cars.\n"
    ),
    "football": (
        "The final was a wonderful, joyful night. Fans love the team. "
        "The striker scored twice and the team won the cup.\n"
    ),
    "disaster": "The flood was a terrible disaster. Angry residents blamed the mayor.\n",
}


peer = load_bench_script("peer_notebook")


def _frame():
    return pd.DataFrame({"id": list(ARTICLES), "text": list(ARTICLES.values())})


def test_reads_a_folder_of_articles_sorted_by_id(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored\n", encoding="utf-8")
    frame = peer.read_articles(tmp_path)
    assert list(frame["id"]) == ["disaster", "football", "markets"]
    assert frame.set_index("id")["text"]["markets"] == ARTICLES["markets"]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_reads_corpus_files(tmp_path, suffix):
    frame = _frame().assign(source="Daily Ledger")
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(path)
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_csv(path, sep="\t" if suffix == ".tsv" else ",", index=False)
    pd.testing.assert_frame_equal(peer.read_articles(path), _frame())


def test_unknown_file_type_is_refused(tmp_path):
    path = tmp_path / "corpus.xml"
    path.write_text("<a/>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"corpus\.xml"):
        peer.read_articles(path)


def test_sentences_are_split_and_scored():
    table = peer.sentence_table(_frame())
    assert table.groupby("article").size().to_dict() == {"markets": 3, "football": 3, "disaster": 2}
    scores = table.set_index("text")
    assert scores.loc["The flood was a terrible disaster.", "vader_compound"] < -0.5
    assert scores.loc["The flood was a terrible disaster.", "textblob_polarity"] < 0
    assert scores.loc["The final was a wonderful, joyful night.", "vader_compound"] > 0.5


def test_run_writes_four_tables_with_keywords_and_topics(tmp_path):
    counts = peer.run_frame(_frame(), tmp_path, k=2, top_k=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "article_topics.tsv",
        "keywords.tsv",
        "sentences.tsv",
        "topic_terms.tsv",
    ]
    keywords = pd.read_csv(tmp_path / "keywords.tsv", sep="\t")
    top = keywords[(keywords["rank"] == 1) & (keywords["method"] == "tfidf")]
    assert top.set_index("article")["term"]["markets"] == "tariffs"
    assert set(keywords["method"]) == {"tfidf", "yake"}
    assert keywords.groupby(["article", "method"]).size().max() == 3
    topics = pd.read_csv(tmp_path / "article_topics.tsv", sep="\t")
    assert counts["article_topics"] == len(topics) == 3 * 2
    assert set(topics["topic"]) == {1, 2}


def test_fewer_articles_than_topics_gives_one_topic_per_article(tmp_path):
    counts = peer.run_frame(_frame().head(1), tmp_path, k=10, top_k=3)
    assert counts["article_topics"] == 1
