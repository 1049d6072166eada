"""Tests of the topic models on small inline texts with two clearly separate themes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from analysis import topics
from analysis.stages import topics as stage
from analysis.tables import read_tsv, to_tsv_text

FOOTBALL = [
    "striker goal match league club coach stadium fans season",
    "goal striker penalty match referee league stadium season",
    "club coach transfer striker league match fans goal",
    "stadium fans match goal keeper club league referee",
    "coach club season league match striker penalty fans",
    "referee penalty goal match keeper striker stadium club",
]
MONEY = [
    "inflation interest rate central bank policy bond yields",
    "central bank interest rate inflation monetary policy currency",
    "bond yields inflation bank rate monetary policy economy",
    "monetary policy currency inflation interest bank economy",
    "economy inflation rate bank bond monetary currency policy",
    "interest rate economy central currency bond yields policy",
]


def _tables(paragraphs: list[str], sections: list[int]) -> tuple[pd.DataFrame, ...]:
    """Token, sentence and paragraph tables: one sentence per paragraph, every word a noun."""
    token_rows, sentence_rows, paragraph_rows = [], [], []
    for pid, (text, sid) in enumerate(zip(paragraphs, sections, strict=True)):
        paragraph_rows.append({"paragraph_id": pid, "section_id": sid})
        sentence_rows.append({"sentence_id": pid, "section_id": sid, "paragraph_id": pid})
        for word in [*text.split(), "the", "."]:
            token_rows.append(
                {
                    "sentence_id": pid,
                    "token_id": len(token_rows),
                    "lemma": word,
                    "pos": "." if word == "." else ("DT" if word == "the" else "NN"),
                    "is_stopword": word == "the",
                }
            )
    return pd.DataFrame(token_rows), pd.DataFrame(sentence_rows), pd.DataFrame(paragraph_rows)


def _two_topic_tables() -> tuple[pd.DataFrame, ...]:
    texts = [t for pair in zip(FOOTBALL, MONEY, strict=True) for t in pair]
    sections = [0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2]
    return _tables(texts, sections)


def _docs() -> topics.Documents:
    tokens, sentences, _ = _two_topic_tables()
    return topics.article_documents(tokens, sentences)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_two_themes_are_recovered(method):
    docs = _docs()
    model = topics.fit_topics(docs, k=2, method=method)
    dominant = topics.dominant_topics(model, docs)["topic"].to_numpy()
    football, money = dominant[0::2], dominant[1::2]
    assert len(set(football)) == 1 and len(set(money)) == 1
    assert football[0] != money[0]
    labels = {model.label(t) for t in range(2)}
    assert any("goal" in model.top_terms(t) for t in range(2)), labels
    assert any("inflation" in model.top_terms(t) for t in range(2)), labels


def test_auto_picks_two_on_a_clean_two_topic_text():
    model = topics.fit_topics(_docs(), k="auto")
    assert model.k == 2
    quality = model.quality
    assert quality["chosen"].sum() == 1
    assert quality["k"].max() < 12  # candidates stay below the number of documents


def test_fixed_k_is_respected():
    model = topics.fit_topics(_docs(), k=3)
    assert model.k == 3
    assert model.doc_topic.shape == (12, 3)
    assert list(model.quality["k"]) == [3]


@pytest.mark.parametrize("k", [0, -1, 12, 20, "three", 2.5])
def test_invalid_k_raises(k):
    with pytest.raises(ValueError, match="topics k"):
        topics.fit_topics(_docs(), k=k)


def test_section_mixtures_sum_to_one_and_follow_themes():
    tokens, sentences, paragraphs = _tables(FOOTBALL[:4] + MONEY[:4], [0, 0, 0, 0, 1, 1, 1, 1])
    tables = stage.article_tables(tokens, sentences, paragraphs, k=2)
    mixtures = tables["sections"]
    sums = mixtures.groupby("section_id")["weight"].sum()
    assert np.allclose(sums, 1.0)
    top = mixtures.loc[mixtures.groupby("section_id")["weight"].idxmax()]
    assert top["topic"].nunique() == 2
    assert (top["weight"] > 0.8).all()
    assert list(tables["paragraphs"].columns) == [
        "paragraph_id",
        "section_id",
        "dominant_topic",
        "weight",
    ]


def test_same_input_gives_identical_tables_whatever_the_threads():
    tokens, sentences, paragraphs = _two_topic_tables()
    first = stage.article_tables(tokens, sentences, paragraphs, method="nmf")
    with threadpool_limits(limits=2):
        second = stage.article_tables(tokens, sentences, paragraphs, method="nmf")
    for name in first:
        assert to_tsv_text(first[name]) == to_tsv_text(second[name])


def test_content_terms_drop_stop_words_numbers_and_punctuation():
    tokens = pd.DataFrame(
        {
            "sentence_id": [0] * 7,
            "token_id": range(7),
            "lemma": ["natural", "gas", "import", "the", "2024", ",", "natural"],
            "pos": ["JJ", "NN", "NNS", "DT", "CD", ",", "JJ"],
            "is_stopword": [False, False, False, True, False, False, False],
        }
    )
    tokens = pd.concat(
        [tokens, tokens.assign(sentence_id=1, token_id=tokens["token_id"] + 7)], ignore_index=True
    )
    terms = topics.content_terms(tokens)["term"].tolist()
    assert "the" not in terms and "2024" not in terms and "," not in terms
    assert terms.count("natural gas") == 2  # kept: it occurs twice


def test_npmi_is_one_for_terms_always_together_and_minus_one_for_disjoint():
    docs = topics.Documents(ids=[0, 1, 2, 3], terms=[["a", "b"], ["a", "b"], ["c"], ["d"]])
    counts, vocabulary = topics.count_matrix(docs)
    index = {t: i for i, t in enumerate(vocabulary)}
    together = topics.npmi_coherence([np.array([index["a"], index["b"]])], counts)
    apart = topics.npmi_coherence([np.array([index["a"], index["c"]])], counts)
    assert together[0] == pytest.approx(1.0)
    assert apart[0] == pytest.approx(-1.0)


def test_corpus_tables_give_each_article_a_mixture(tmp_path):
    token_tables, names = [], []
    for position, texts in enumerate([FOOTBALL, MONEY, FOOTBALL[::-1], MONEY[::-1]]):
        tokens, _, _ = _tables(texts, [0] * len(texts))
        token_tables.append(tokens)
        names.append(f"article{position}")
    tables = stage.corpus_tables(token_tables, names, k=2, unit="paragraph")
    mixtures = tables["document_topics"]
    assert np.allclose(mixtures.groupby("article")["weight"].sum(), 1.0)
    dominant = mixtures.loc[mixtures.groupby("article")["weight"].idxmax()].set_index("article")
    assert dominant.loc["article0", "topic"] == dominant.loc["article2", "topic"]
    assert dominant.loc["article0", "topic"] != dominant.loc["article1", "topic"]
    quality = tables["topic_quality"]
    assert set(quality["kind"]) == {"k", "topic"}


def test_run_writes_readable_tables(tmp_path):
    tokens, sentences, paragraphs = _two_topic_tables()
    sections = pd.DataFrame({"section_id": [0, 1, 2], "title": ["", "Sport", "Money"]})
    paths = {}
    for name, frame in [
        ("tokens", tokens),
        ("sentences", sentences),
        ("paragraphs", paragraphs),
        ("sections", sections),
    ]:
        paths[name] = tmp_path / f"{name}.tsv"
        frame.to_csv(paths[name], sep="\t", index=False)
    outputs = {
        f"topics_{n}": tmp_path / f"topics_{n}.tsv"
        for n in ("terms", "sections", "paragraphs", "quality")
    }
    stage.run(**paths, **outputs, k="auto")
    quality = read_tsv(outputs["topics_quality"])
    assert quality.loc[quality["chosen"], "k"].tolist() == [2]
    terms = read_tsv(outputs["topics_terms"])
    assert set(terms["topic"]) == {1, 2}


def test_sentence_documents_and_short_articles_fall_back():
    from analysis.document import analyse_structure
    from analysis.stages.topics import article_tables, feasible_k

    text = "Football fans cheered the football team. The team won the cup final.\n"
    doc = analyse_structure(text)
    tables = article_tables(doc.tokens, doc.sentences, doc.paragraphs, k="auto")
    assert tables["quality"]["k"].tolist() == [1]  # two sentences support one topic
    assert tables["sections"]["weight"].sum() == pytest.approx(1.0)
    assert "sentence_id" in tables["paragraphs"].columns
    assert feasible_k(6, 4) == 3 and feasible_k("auto", 5) == "auto" and feasible_k(2, 1) == 1
    with pytest.raises(ValueError, match="no content words"):
        feasible_k("auto", 0)


def _mixtures(n_articles: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    # Article i: topic 0 share 0.25 (even i) or 0.75 (odd i), topic 1 the rest.
    rows = []
    for i in range(n_articles):
        first = 0.25 if i % 2 == 0 else 0.75
        rows += [(f"a{i:04d}", 0, first), (f"a{i:04d}", 1, 1 - first)]
    document_topics = pd.DataFrame(rows, columns=["article", "topic", "weight"])
    terms = pd.DataFrame({"topic": [0, 1], "label": ["gas · lng", "steel · tariff"]})
    return document_topics, terms


def test_article_mixtures_names_each_bar_of_a_small_corpus():
    from analysis.figures.topics import article_mixtures

    figure = article_mixtures(*_mixtures(4))
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["a0001", "a0003", "a0000", "a0002"]
    assert len(axes.patches) == 4 * 2 + 2  # a bar per article and topic, two legend swatches
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["T0: gas · lng", "T1: steel · tariff"]


def test_article_mixtures_draws_a_large_corpus_as_one_image_of_the_shares():
    from matplotlib.colors import to_rgb

    from analysis.figures.style import PALETTE
    from analysis.figures.topics import article_mixtures

    figure = article_mixtures(*_mixtures(100))
    axes = figure.axes[0]
    assert len(axes.images) == 1 and len(axes.patches) == 2  # no bar per article
    pixels = axes.images[0].get_array()
    assert pixels.shape[0] == 100
    # Rows are sorted by dominant topic: the 50 articles at 0.75 of topic 0 come first.
    first, last = np.asarray(to_rgb(PALETTE[0])), np.asarray(to_rgb(PALETTE[1]))
    share_of_first = (np.abs(pixels - first).sum(axis=2) < 1e-9).mean(axis=1)
    assert np.allclose(share_of_first[:50], 0.75, atol=0.002)
    assert np.allclose(share_of_first[50:], 0.25, atol=0.002)
    assert (np.abs(pixels[:50, -1] - last).sum(axis=1) < 1e-9).all()
