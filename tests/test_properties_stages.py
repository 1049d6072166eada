"""Generated-input tests of the analyses: any document the text model makes is accepted."""

from __future__ import annotations

from unittest.mock import patch

import pandas as pd
from defaults import KEYWORDS, PREPARE, SENTIMENT, TOPICS
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties_text import MESSY, SENTENCES, WRAPPED

from analysis.document import analyse_structure
from analysis.keywords import article
from analysis.stages import keywords, sentiment, topics

# Each example runs a whole analysis (~0.1-0.3 s), so these tests draw a third as many.
FEWER = settings(max_examples=max(10, settings.default.max_examples // 3))
# Mostly news-like text, so that the analyses reach their models, plus arbitrary text.
TEXTS = st.one_of(
    st.lists(SENTENCES, min_size=1, max_size=6).map("\n".join),
    WRAPPED,
    MESSY,
    st.sampled_from(
        ["Hello?? Who is there?", "There it is! I found it.", "石破茂首相が訪米した。"]
    ),
)


def _frames(text: str) -> dict[str, pd.DataFrame]:
    doc = analyse_structure(text, **PREPARE)
    return {
        "sections": doc.sections,
        "paragraphs": doc.paragraphs,
        "sentences": doc.sentences,
        "tokens": doc.tokens,
    }


def _check_tables(tables: dict[str, pd.DataFrame]) -> None:
    assert tables
    for name, table in tables.items():
        assert isinstance(table, pd.DataFrame), name
        assert "article" not in table.columns, name


@FEWER
@given(text=TEXTS)
def test_sentiment_accepts_any_document(text):
    frames = _frames(text)
    tables = sentiment.article_tables(
        sentences=frames["sentences"], tokens=frames["tokens"], sections=frames["sections"],
        **{**SENTIMENT, "n_bootstrap": 50},
    )  # fmt: skip
    _check_tables(tables)
    # The sentiment tables carry ids as text (the article scope has section id "").
    scored = tables["sentiment_sentences"]["sentence_id"].astype(str).tolist()
    assert scored == frames["sentences"]["sentence_id"].astype(str).tolist()


@FEWER
@given(text=TEXTS)
def test_keywords_accept_any_document(text):
    frames = _frames(text)
    tables = keywords.article_tables(
        tokens=frames["tokens"], sentences=frames["sentences"], sections=frames["sections"],
        **KEYWORDS,
    )  # fmt: skip
    _check_tables(tables)
    ranked = tables["keywords"]
    assert ranked.loc[ranked["scope"] == "article", "section_id"].isna().all()
    in_sections = ranked.loc[ranked["scope"] == "section", "section_id"]
    assert set(in_sections) <= set(frames["sections"]["section_id"])
    assert all(isinstance(k, str) and k.strip() for k in ranked["keyword"])


@FEWER
@given(text=TEXTS)
def test_keywords_of_an_article_of_one_section_are_those_of_its_section_ranked_in_full(text):
    frames = _frames(text)
    arguments = {
        "tokens": frames["tokens"], "sentences": frames["sentences"],
        "sections": frames["sections"], **KEYWORDS,
    }  # fmt: skip
    tables = keywords.article_tables(**arguments)
    with patch.object(article, "_section_is_the_article", return_value=False):
        in_full = keywords.article_tables(**arguments)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, in_full[name])


@FEWER
@given(text=TEXTS)
def test_topics_accept_any_document(text):
    frames = _frames(text)
    tables = topics.article_tables(**frames, **TOPICS)
    _check_tables(tables)
    weights = tables["topics_sections"]
    assert set(weights["section_id"]) <= set(frames["sections"]["section_id"])
    if len(weights):
        sums = weights.groupby("section_id")["weight"].sum()
        assert ((sums - 1).abs() < 1e-6).all()
