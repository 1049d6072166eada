"""Tests of the corpus topic model: term counts per shard, sample fit, mixtures of all."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from defaults import CORPUS_TOPICS, PREPARE
from scipy import sparse

from analysis import topics
from analysis.stages import topics as stage
from analysis.tables import to_tsv_text
from analysis.topics import corpus, corpus_counts

THEMES = {
    "sport": "striker goal match league club coach stadium fans season referee penalty keeper",
    "money": "inflation interest rate central bank policy bond yields currency monetary economy",
    "space": "rocket orbit satellite launch astronaut moon mission telescope planet crater",
}


def corpus_model_tables(**options):
    """The corpus topic tables with the default settings but ``options``."""
    return stage.corpus_tables(**{**CORPUS_TOPICS, **options})


def _counts(n_per_theme: int = 8, seed: int = 0) -> tuple[pd.DataFrame, dict[str, str]]:
    """Term-count tables of articles drawn from three vocabularies, two sections each."""
    rng = np.random.default_rng(seed)
    rows, labels = [], {}
    for theme, words in THEMES.items():
        vocabulary = words.split()
        for i in range(n_per_theme):
            article = f"{theme}-{i:02d}"
            labels[article] = theme
            for section in (0, 1):
                for word in rng.choice(vocabulary, size=6, replace=False):
                    rows.append((article, section, str(word), int(rng.integers(1, 4))))
    frame = pd.DataFrame(rows, columns=["article", "section_id", "term", "count"])
    return frame, labels


def _dominant(document_topics: pd.DataFrame) -> pd.Series:
    best = document_topics.loc[document_topics.groupby("article")["weight"].idxmax()]
    return best.set_index("article")["topic"]


def test_term_counts_per_section_of_one_article():
    tokens = pd.DataFrame(
        {
            "sentence_id": [0, 0, 0, 1, 1, 1],
            "token_id": range(6),
            "lemma": ["natural", "gas", "say", "natural", "gas", "the"],
            "pos": ["JJ", "NN", "VBD", "JJ", "NN", "DT"],
            "is_stopword": [False, False, False, False, False, True],
        }
    )
    sentences = pd.DataFrame({"sentence_id": [0, 1], "section_id": [0, 2]})
    counts = stage.corpus_documents(tokens=tokens, sentences=sentences)["topic_terms_counts"]
    assert list(counts.columns) == ["section_id", "term", "count"]
    assert counts.values.tolist() == [
        [0, "gas", 1],
        [0, "natural", 1],
        [0, "natural gas", 1],
        [2, "gas", 1],
        [2, "natural", 1],
        [2, "natural gas", 1],
    ]


def test_term_counts_keep_the_articles_of_a_shard_apart():
    tokens = pd.DataFrame(
        {
            "article": ["a", "a", "b", "b"],
            "sentence_id": [0, 0, 0, 0],
            "token_id": [0, 1, 0, 1],
            "lemma": ["trade", "policy", "trade", "deal"],
            "pos": ["NN", "NN", "NN", "NN"],
            "is_stopword": [False] * 4,
        }
    )
    sentences = pd.DataFrame({"article": ["a", "b"], "sentence_id": [0, 0], "section_id": [0, 1]})
    counts = topics.term_counts(tokens, sentences)
    assert counts[counts["article"] == "b"]["term"].tolist() == ["deal", "trade", "trade deal"]
    assert set(counts[counts["article"] == "a"]["section_id"]) == {0}


def test_empty_article_has_no_counts():
    tokens = pd.DataFrame(columns=list(topics.TOKEN_COLUMNS_USED))
    sentences = pd.DataFrame(columns=["sentence_id", "section_id"])
    counts = stage.corpus_documents(tokens=tokens, sentences=sentences)["topic_terms_counts"]
    assert counts.empty and list(counts.columns) == ["section_id", "term", "count"]


def test_corpus_recovers_three_themes_and_every_section_gets_a_mixture():
    frame, labels = _counts()
    tables = corpus_model_tables(documents=[frame], k=3, unit="article")
    dominant = _dominant(tables["document_topics"])
    by_theme = (
        pd.Series(labels)
        .groupby(pd.Series(labels))
        .apply(lambda group: set(dominant.loc[group.index]))
    )
    assert all(len(found) == 1 for found in by_theme)
    assert len(set.union(*by_theme)) == 3
    sections = tables["section_topics"]
    assert len(sections.groupby(["article", "section_id"])) == 2 * len(labels)
    assert np.allclose(sections.groupby(["article", "section_id"])["weight"].sum(), 1.0)
    assert np.allclose(tables["document_topics"].groupby("article")["weight"].sum(), 1.0)


def test_auto_finds_three_themes_and_explains_the_choice():
    frame, _ = _counts(n_per_theme=10)
    tables = corpus_model_tables(documents=[frame], k="auto", unit="article")
    quality = tables["topic_quality"]
    per_k = quality[quality["kind"] == "k"]
    assert per_k.loc[per_k["chosen"], "k"].tolist() == [3]
    assert {"coherence", "stability", "distinctiveness", "score"} <= set(per_k.columns)
    assert (quality[quality["kind"] == "topic"]["k"] == 3).all()


def test_result_does_not_depend_on_sharding_or_shard_order():
    frame, _ = _counts()
    articles = sorted(frame["article"].unique())
    shards = [frame[frame["article"].isin(articles[i::3])] for i in range(3)]
    whole = corpus_model_tables(documents=[frame], k=3, unit="article")
    sharded = corpus_model_tables(documents=lambda: iter(shards[::-1]), k=3, unit="article")
    for name in whole:
        assert to_tsv_text(whole[name]) == to_tsv_text(sharded[name])


def test_sample_is_a_prefix_of_larger_samples_and_ignores_order():
    articles = [f"a{i}" for i in range(50)]
    small = corpus_counts.sample_articles(articles, 10, random_state=0)
    large = corpus_counts.sample_articles(articles[::-1], 20, random_state=0)
    assert large[:10] == small
    assert corpus_counts.sample_articles(articles, 10, random_state=1) != small


def fit_with_defaults(frames, **overrides):
    """``fit_corpus`` with the configured settings, some of them overridden."""
    settings = {key: value for key, value in CORPUS_TOPICS.items() if key not in ("k", "n_terms")}
    return topics.fit_corpus(frames, **{**settings, "top_n": CORPUS_TOPICS["n_terms"], **overrides})


def test_fitting_on_a_sample_still_gives_every_article_a_mixture():
    frame, labels = _counts(n_per_theme=10)
    fitted = fit_with_defaults([frame], k=3, unit="article", fit_sample=12)
    assert fitted.n_fitted == 12
    document_topics, _ = topics.corpus_mixtures(fitted, [frame])
    assert set(document_topics["article"]) == set(labels)


def test_small_corpora_use_sections_as_documents():
    frame, _ = _counts(n_per_theme=2)
    fitted = fit_with_defaults([frame], k=2)
    assert fitted.unit == "section" and fitted.n_fitted == 12


def test_nmf_mixtures_solve_nonnegative_least_squares():
    topic_term = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    matrix = sparse.csr_matrix(np.array([[2.0, 2.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]]))
    weights = corpus.nmf_mixtures(matrix, topic_term)
    # W = [2, 1], times ||H_k|| = sqrt(2); an empty row gets no weight.
    assert weights[0] == pytest.approx([2 * np.sqrt(2), np.sqrt(2)])
    assert weights[1].tolist() == [0.0, 0.0]


def test_vocabulary_drops_rare_and_ubiquitous_terms():
    df = pd.Series({"rare": 1, "common": 10, "usual": 4, "often": 5})
    vocabulary = corpus_counts.choose_vocabulary(df, 10, min_df=2, max_df=0.5, max_terms=10)
    assert vocabulary.tolist() == ["often", "usual"]
    assert corpus_counts.choose_vocabulary(df, 10, min_df=2, max_df=1.0, max_terms=1).tolist() == [
        "common"
    ]


@pytest.mark.parametrize("k", [0, "many"])
def test_invalid_settings_raise(k):
    frame, _ = _counts()
    with pytest.raises(ValueError, match="topics k"):
        corpus_model_tables(documents=[frame], k=k)
    with pytest.raises(ValueError, match="corpus unit"):
        corpus_model_tables(documents=[frame], k=2, unit="word")


def test_articles_text_models_give_a_corpus_model_by_theme():
    texts = {
        "sport": "The striker scored a goal. The club won the league match.\n",
        "money": "The central bank raised interest rates. Inflation hit bond yields.\n",
    }
    from analysis.document import analyse_structure

    counts = []
    for name, text in texts.items():
        for repeat in range(3):
            doc = analyse_structure(text * (repeat + 1), **PREPARE)
            table = stage.corpus_documents(tokens=doc.tokens, sentences=doc.sentences)
            counts.append(table["topic_terms_counts"].assign(article=f"{name}{repeat}"))
    tables = corpus_model_tables(documents=counts, k=2)
    dominant = _dominant(tables["document_topics"])
    assert dominant["sport0"] == dominant["sport2"] != dominant["money1"]
