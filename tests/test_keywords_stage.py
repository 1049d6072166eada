"""Tests for the keywords stage adapter: per-article tables, corpus tables, files, figures."""

from __future__ import annotations

import pandas as pd
import pytest
from defaults import CORPUS_KEYWORDS, FIGURE_TOP_N, KEYWORDS, PREPARE

from analysis.document import analyse_structure
from analysis.figures.style import message_figure, save_png
from analysis.keywords.registry import DEFAULT_WEIGHTS, METHODS
from analysis.stages import keywords as stage
from analysis.stages.logs import StageError
from analysis.stages.shards import LEFT_OUT_OF_ANALYSES
from analysis.tables import to_tsv_text, write_tsv

TWO_SECTIONS = """Japan is buying more liquefied natural gas from abroad. Liquefied natural gas \
imports from Qatar rose in March, and liquefied natural gas prices fell. Gas imports to Japan grew.

Steel Tariffs

The United States raised steel tariffs again. Steel tariffs hurt Canadian exporters. \
The tariff on steel reached 25 percent, and steel tariffs may rise further.
"""
CORPUS = {
    "gas": "Japan buys liquefied natural gas. Japan wants more gas. Gas prices rose in Japan.",
    "steel": "Japan hates steel tariffs. Steel prices rose. Japan may answer the tariffs.",
    "cars": "Japan exports cars. Car makers in Japan worry about tariffs. Japan sells cars abroad.",
}


def tables_of(text: str, **options) -> dict[str, pd.DataFrame]:
    document = analyse_structure(text, **PREPARE)
    return stage.article_tables(
        tokens=document.tokens, sentences=document.sentences, sections=document.sections,
        **{**KEYWORDS, **options},
    )  # fmt: skip


def test_article_tables_have_the_documented_columns_and_no_article_column():
    tables = tables_of(TWO_SECTIONS)
    assert set(tables) == {"keywords", "keywords_by_method", "keyness", "keyword_candidates"}
    assert list(tables["keywords"].columns) == ["scope", "section_id", "rank", "keyword", "score"]
    assert list(tables["keyword_candidates"].columns) == [
        "key", "keyword", "count", "proper", "score",
    ]  # fmt: skip
    assert all("article" not in table.columns for table in tables.values())
    candidates = tables["keyword_candidates"].set_index("keyword")
    assert candidates.loc["steel tariffs", "count"] == 3 and candidates.loc["tariffs", "count"] == 4
    assert candidates.loc["steel tariffs", "key"] == "steel tariff"
    assert candidates.loc["Qatar", "proper"] and not candidates.loc["steel tariffs", "proper"]
    assert set(tables["keywords_by_method"]["method"]) == set(METHODS)


@pytest.mark.parametrize("text", ["", "Hello.", "Ja, wir fahren morgen nach Berlin.", "!!! ???"])
def test_articles_without_candidates_get_empty_tables_with_columns(text):
    document = analyse_structure(text, **PREPARE) if text else None
    if document is None:
        empty = stage.article_tables(
            tokens=pd.DataFrame(columns=["sentence_id", "token_id", "token", "lower", "lemma",
                                         "pos", "is_stopword"]),
            sentences=pd.DataFrame(columns=["sentence_id", "section_id", "text"]),
            sections=pd.DataFrame(columns=["section_id", "title"]),
            **KEYWORDS,
        )  # fmt: skip
        assert all(table.empty for table in empty.values())
        return
    tables = tables_of(text)
    assert list(tables["keywords"].columns) == ["scope", "section_id", "rank", "keyword", "score"]
    assert list(tables["keyness"].columns)[:2] == ["section_id", "term"]


def test_headline_only_story_still_gets_keywords():
    tables = tables_of("Japan's Ishiba meets Trump at the White House")
    article = tables["keywords"][tables["keywords"]["scope"] == "article"]
    assert set(article["keyword"]) == {"Ishiba", "Trump", "Japan", "White House"}


def test_unnamed_methods_keep_their_default_weights_in_the_stage():
    # Naming tfidf only must leave every other method at its default weight: the headline is
    # the default one, not one where the unnamed methods lost their say.
    named = tables_of(TWO_SECTIONS, weights={"tfidf": DEFAULT_WEIGHTS["tfidf"]})["keywords"]
    default = tables_of(TWO_SECTIONS)["keywords"]
    assert to_tsv_text(named) == to_tsv_text(default)
    without_textrank = tables_of(TWO_SECTIONS, weights={"textrank": 0.0})["keywords"]
    assert to_tsv_text(without_textrank) != to_tsv_text(default)
    # Keyness is not read by the model: a weight for it would do nothing, so it is refused.
    assert to_tsv_text(tables_of(TWO_SECTIONS, weights={"keyness": 0.0})["keywords"]) == (
        to_tsv_text(default)
    )
    with pytest.raises(ValueError, match="does not read"):
        tables_of(TWO_SECTIONS, weights={"keyness": 5.0})


def corpus_shards() -> list[pd.DataFrame]:
    shards = []
    for name, text in sorted(CORPUS.items()):
        table = tables_of(text)["keyword_candidates"]
        shards.append(table.assign(article=name)[["article", *table.columns]])
    return shards


def corpus_table(candidates, **options) -> pd.DataFrame:
    """The corpus keyword table with the default settings but ``options``."""
    options = {**CORPUS_KEYWORDS, **options}
    return stage.corpus_tables(candidates=candidates, **options)["keywords_articles"]


def test_corpus_ranking_demotes_what_every_article_says():
    shards = corpus_shards()
    table = corpus_table(lambda: iter(shards), top_k=3)
    assert list(table.columns) == ["article", "rank", "keyword", "score"]
    single = corpus_table(shards, top_k=3, idf_exponent=0.0)
    assert table["score"].between(0, 1).all()

    def score_of(frame, article, keyword):
        rows = frame[(frame["article"] == article) & (frame["keyword"] == keyword)]
        return float(rows["score"].iloc[0])

    # "prices" (a common word in two of the three articles) loses with the corpus IDF,
    # "gas" (one article only) keeps its single-article probability.
    strong = corpus_table(shards, top_k=20, idf_exponent=3.0)
    alone = corpus_table(shards, top_k=20, idf_exponent=0.0)
    assert score_of(strong, "gas", "prices") < score_of(alone, "gas", "prices")
    assert score_of(strong, "gas", "gas") == score_of(alone, "gas", "gas")
    # Japan, in every article, never gains.
    for article in CORPUS:
        assert score_of(strong, article, "Japan") <= score_of(alone, article, "Japan")
    assert set(single["article"]) == set(CORPUS)
    # One pass over a plain iterable gives the same table as two over a callable.
    again = corpus_table(shards, top_k=3)
    assert to_tsv_text(again) == to_tsv_text(table)


def test_tables_are_deterministic_and_figures_are_drawn_from_their_tsv_files(
    tmp_path, shard_articles
):
    first = tables_of(TWO_SECTIONS, top_k=5, methods=["yake", "keyness"])
    second = tables_of(TWO_SECTIONS, top_k=5, methods=["yake", "keyness"])
    assert {n: to_tsv_text(t) for n, t in first.items()} == {
        n: to_tsv_text(t) for n, t in second.items()
    }
    headline = first["keywords"]
    assert headline.groupby(["scope", "section_id"], dropna=False)["rank"].max().le(5).all()
    document = analyse_structure(TWO_SECTIONS, **PREPARE)
    tables = tmp_path / "a" / "tables"
    for name in ("keywords", "keyness"):
        write_tsv(first[name], tables / f"{name}.tsv")
    write_tsv(document.sections, tables / "sections.tsv")
    paths = {name: tables / f"{name}.tsv" for name in ("keywords", "keyness", "sections")}
    figures = tmp_path / "a" / "figures"
    pngs = {"keywords_sections_png": figures / "k.png", "keyness_png": figures / "kn.png"}
    shard = {"articles": shard_articles({"a": True, "b": False}), "article": "a"}
    stage.run_figures(**paths, **pngs, **shard, top_n=FIGURE_TOP_N)
    assert (figures / "k.png").read_bytes()[:4] == b"\x89PNG"
    alone = tmp_path / "alone.png"
    stage.run_figures(
        keyness=paths["keyness"], sections=paths["sections"], keyness_png=alone, **shard,
        top_n=FIGURE_TOP_N,
    )  # fmt: skip
    assert alone.read_bytes() == (figures / "kn.png").read_bytes()
    with pytest.raises(StageError, match="no figure to draw"):
        stage.run_figures(keywords=paths["keywords"], sections=paths["sections"], **shard, top_n=4)
    # an article prepare left out (not English) gets figures that say so
    left_out = tmp_path / "left_out.png"
    stage.run_figures(
        keyness=paths["keyness"], sections=paths["sections"], keyness_png=left_out,
        articles=shard["articles"], article="b", top_n=FIGURE_TOP_N,
    )  # fmt: skip
    said = tmp_path / "said.png"
    save_png(message_figure("Keyness per section", LEFT_OUT_OF_ANALYSES), said)
    assert left_out.read_bytes() == said.read_bytes()
    with pytest.raises(ValueError, match="non-empty subset"):
        tables_of(TWO_SECTIONS, methods=["nope"])


def test_the_config_schema_lists_the_registry_methods():
    from pathlib import Path

    schema = (Path(__file__).parents[1] / "workflow" / "schemas" / "config.schema.yaml").read_text()
    assert f"enum: [{', '.join(METHODS)}]" in schema


def test_scraped_html_escapes_and_ampersand_names_give_no_letter_keywords():
    text = (
        "Stocks &amp; bonds: the S&amp;P 500 rose and AT&T gained. The S&P index &quot;"
        "rallied&quot;, traders said, and AT&T&#39;s shares led the S&P gains again."
    )
    tables = tables_of(text)
    keywords = set(tables["keyword_candidates"]["keyword"])
    assert {"AT&T", "S&P"} <= keywords
    assert not keywords & {"amp", "quot", "P", "S", "T", "AT", "39"}


def test_escaped_names_are_shown_by_their_characters():
    tables = tables_of(
        "The S&amp;P 500 rose. The S&amp;P index gained. Traders bought the S&amp;P."
    )
    assert "S&P" in set(tables["keyword_candidates"]["keyword"])
    assert not any("&amp;" in keyword for keyword in tables["keywords"]["keyword"])
