"""Tests of topics formed beyond the supported number by splitting supported topics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from defaults import CORPUS_TOPICS
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from analysis.stages import topics as stage
from analysis.topics import nesting
from analysis.topics.fitting import nmf_mixtures


def corpus_model_tables(**options):
    """The corpus topic tables with the default settings but ``options``."""
    return stage.corpus_tables(**{**CORPUS_TOPICS, **options})


def _rows(*docs: list[float], repeat: int = 1) -> sparse.csr_matrix:
    return sparse.csr_matrix(np.array([doc for doc in docs for _ in range(repeat)], dtype=float))


def _split(matrix, rows, min_documents=2):
    return nesting.split_topic(
        matrix, np.asarray(rows), min_documents=min_documents, random_state=0, max_iter=400
    )


def test_two_clear_groups_split_along_the_groups_and_explain_all_that_is_left():
    matrix = _rows([1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0], repeat=3)  # rows 0-2, then 3-5
    split = _split(matrix, [0, 1, 2, 3, 4, 5])
    assert {tuple(half.tolist()) for half in split.rows} == {(0, 1, 2), (3, 4, 5)}
    # Two directions reproduce the rows exactly: the split explains all of the rank-1 residual.
    assert split.gain == pytest.approx(1.0)
    assert split.topic_term.shape == (2, 4)


def test_a_split_explains_less_of_a_gradient_than_of_two_groups():
    groups = _rows([1.0, 0.0, 0.2], [0.0, 1.0, 0.2], repeat=4)
    gradient = _rows(*[[1.0 - t, t, 0.2] for t in np.linspace(0.0, 1.0, 8)])
    assert _split(groups, range(8)).gain > _split(gradient, range(8)).gain


def test_no_split_when_a_half_would_lead_too_few_documents():
    matrix = _rows([1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0, 0, 1.0])
    assert _split(matrix, range(5), min_documents=2) is None
    lone = _split(matrix, range(5), min_documents=1)
    assert sorted(len(half) for half in lone.rows) == [1, 4]
    assert _split(matrix, [0, 1, 2], min_documents=2) is None  # too few to halve


def test_the_topic_with_sub_themes_is_split_not_the_gradient():
    # Theme A has two sub-themes (terms 1 and 2 beside the shared term 0); theme B (terms 3-5)
    # drifts from term 4 to term 5 without a break.
    a1 = [[1.0, 1.0, 0.0, 0.0, 0.0, 0.0]] * 5
    a2 = [[1.0, 0.0, 1.0, 0.0, 0.0, 0.0]] * 5
    b = [[0.0, 0.0, 0.0, 1.0, 1.0 - t, t] for t in np.linspace(0.0, 1.0, 10)]
    matrix = sparse.csr_matrix(np.array(a1 + a2 + b))
    supported = np.array([[1.0, 0.5, 0.5, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.5, 0.5]])
    start = nesting.nested_start(matrix, supported, 3, random_state=0)
    leads = np.argmax(nmf_mixtures(matrix, start), axis=1)
    assert len(set(leads[:5])) == len(set(leads[5:10])) == 1 and leads[0] != leads[5]
    assert len(set(leads[10:])) == 1 and leads[10] not in (leads[0], leads[5])


def test_no_start_when_no_topic_can_be_split():
    matrix = _rows([1.0, 0.0], [0.0, 1.0], repeat=2)
    assert nesting.nested_start(matrix, np.eye(2), 3, random_state=0) is None


THEMES = {
    "football": "striker goal match league club coach stadium fans season referee",
    "tennis": "serve racket court match set tiebreak wimbledon season fans umpire",
    "space": "rocket orbit satellite launch astronaut moon mission telescope planet crater",
}


def _counts(n_per_theme: int = 10, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    rows, labels = [], {}
    for theme, words in THEMES.items():
        for i in range(n_per_theme):
            article = f"{theme}-{i:02d}"
            labels[article] = theme
            for word in rng.choice(words.split(), size=7, replace=False):
                rows.append((article, 0, str(word), int(rng.integers(1, 4))))
    return pd.DataFrame(rows, columns=["article", "section_id", "term", "count"]), pd.Series(labels)


def test_topics_beyond_the_supported_number_are_parts_of_supported_topics():
    frame, labels = _counts()
    auto = corpus_model_tables(documents=[frame], k="auto", unit="article")
    supported = auto["topic_quality"].query("kind == 'k' and chosen")
    assert supported["supported"].tolist() == [True]
    k = int(supported["k"].iloc[0]) + 1
    tables = corpus_model_tables(documents=[frame], k=k, unit="article")
    quality = tables["topic_quality"]
    per_k = quality[quality["kind"] == "k"]
    assert per_k.loc[per_k["chosen"], "k"].tolist() == [k]
    assert per_k.loc[per_k["supported"], "k"].tolist() == supported["k"].tolist()
    per_topic = quality[quality["kind"] == "topic"]
    assert len(per_topic) == k and per_topic["stability"].isna().all()
    mixtures = tables["document_topics"]
    dominant = mixtures.loc[mixtures.groupby("article")["weight"].idxmax()]
    themes = labels.loc[dominant["article"]].to_numpy()
    # Every topic leads the articles of one theme only.
    assert dominant.groupby(themes)["topic"].apply(set).map(len).sum() == k
    assert (pd.Series(themes).groupby(dominant["topic"].to_numpy()).nunique() == 1).all()


def test_a_fixed_k_at_or_below_the_supported_number_is_the_flat_model():
    frame, _ = _counts()
    tables = corpus_model_tables(documents=[frame], k=2, unit="article")
    quality = tables["topic_quality"]
    assert quality.loc[quality["kind"] == "k", "k"].tolist() == [2]
    assert not quality["supported"].any()
    assert quality.loc[quality["kind"] == "topic", "distinctiveness"].notna().all()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=3), min_size=5, max_size=5),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=1, max_value=3),
)
def test_a_split_partitions_its_documents(counts, min_documents):
    matrix = sparse.csr_matrix(np.array(counts, dtype=float))
    rows = np.flatnonzero(np.asarray(matrix.sum(axis=1)).ravel() > 0)
    split = _split(matrix, rows, min_documents=min_documents)
    if split is None:
        return
    assert sorted(np.concatenate(split.rows).tolist()) == rows.tolist()
    assert min(len(half) for half in split.rows) >= min_documents
    assert 0.0 <= split.gain <= 1.0
    assert (split.topic_term >= 0).all()
