"""A generated corpus with planted differences: every comparison recovers its difference."""

import pandas as pd
import pytest
from bench_scripts import load_bench_script
from defaults import GROUPING

from analysis.figures import compare as figures

bench = load_bench_script("bench_compare")
planted = load_bench_script("planted_corpus")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    articles = planted.write_corpus(400, folder, seed=7)
    results, _ = bench.run_comparisons(folder, n_bootstrap=300)
    return articles, results


def _cells(table, period="all", group="source"):
    return table[(table["period"] == period) & (table["group"] == group)]


def test_missing_dates_and_outlets_are_reported(corpus):
    articles, results = corpus
    coverage = results["grouping"].coverage.set_index("variable")
    assert coverage.loc["date", "n_missing"] == articles["date"].isna().sum() > 0
    assert coverage.loc["source", "n_missing"] == articles["source"].isna().sum() > 0
    assert results["grouping"].resolution == "month"  # six months of ~65 articles


def test_the_gloomy_outlet_is_more_negative(corpus):
    _, results = corpus
    table = _cells(results["sentiment"].tables["sentiment_over_time"]).set_index("value")
    others = table.drop(index=planted.GLOOMY_OUTLET)
    assert table.loc[planted.GLOOMY_OUTLET, "ci_high"] < others["ci_low"].min()
    assert table.loc[planted.GLOOMY_OUTLET, "share_negative"] > others["share_negative"].max()
    # and the test of each outlet against the others finds it, and only it
    tests = _cells(results["sentiment"].tables["sentiment_differences"]).set_index("value")
    assert tests.loc[planted.GLOOMY_OUTLET, "ci_high"] < 0
    assert tests.loc[planted.GLOOMY_OUTLET, "p_adjusted"] < 0.001
    assert (tests.drop(index=planted.GLOOMY_OUTLET)["difference"] > 0).all()


def test_the_outlet_negative_toward_one_actor_is_found(corpus):
    _, results = corpus
    table = _cells(results["actors"].tables["actors_over_time"])
    actor = table[table["actor"] == planted.NEGATIVE_ACTOR].set_index("value")
    others = actor.drop(index=planted.NEGATIVE_OUTLET)
    assert actor.loc[planted.NEGATIVE_OUTLET, "ci_high"] < 0 < others["ci_low"].min()
    merges = results["actors"].tables["actor_merges"].set_index("variant")
    assert merges.loc["Trump", "actor"] == merges.loc["President Trump", "actor"] == "Donald Trump"
    # the same outlet is not negative toward the others
    japan = table[table["actor"] == "Japan"].set_index("value")
    assert japan.loc[planted.NEGATIVE_OUTLET, "ci_high"] > japan["ci_low"].max()


def test_the_topic_that_rises_in_one_month(corpus):
    _, results = corpus
    table = results["topics"].tables["topics_over_time"]
    topic = table[(table["group"] == "all") & (table["topic"] == planted.RISING_TOPIC)]
    share = topic[topic["period"] != "all"].set_index("period")["share"]
    assert share.idxmax() == planted.RISING_MONTH
    assert share[planted.RISING_MONTH] > 2 * share.drop(index=planted.RISING_MONTH).max()
    terms = results["topics"].tables["topic_terms_over_time"]
    april = terms[
        (terms["period"] == planted.RISING_MONTH) & (terms["topic"] == planted.RISING_TOPIC)
    ]
    assert april.iloc[0]["term"] == planted.RISING_TERM and april.iloc[0]["new"]
    assert april["changed"].all() and not april.iloc[1:]["new"].any()
    march = terms[(terms["period"] == "2025-03") & (terms["topic"] == planted.RISING_TOPIC)]
    assert not march["changed"].any()


def test_the_term_of_one_outlet_only(corpus):
    _, results = corpus
    table = _cells(results["keyness"].tables["group_keyness"])
    top = table[(table["direction"] == "over") & (table["rank"] == 1)].set_index("value")
    assert top.loc[planted.TERM_OUTLET, "term"] == planted.OUTLET_TERM
    assert top.loc[planted.TERM_OUTLET, "freq_reference"] == 0
    term_rows = table[table["term"] == planted.OUTLET_TERM]
    assert set(term_rows.loc[term_rows["value"] != planted.TERM_OUTLET, "direction"]) == {"under"}


def test_figures_are_drawn_and_reproducible(corpus, tmp_path):
    _, results = corpus
    drawn = figures.comparison_figures(results, groups=GROUPING["group_by"])
    assert list(drawn) == [
        "compare_actors_time",
        "compare_topics_time",
        "compare_sentiment_source",
        "compare_actors_source",
        "compare_topics_source",
        "compare_keyness_source",
    ]
    for figure in drawn.values():
        titles = [figure.get_suptitle()] + [ax.get_title() for ax in figure.axes]
        assert any(titles)
        assert any(ax.get_xlabel() for ax in figure.axes)
    legend = drawn["compare_sentiment_source"].axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [*planted.OUTLETS, "all articles"]
    again = {"sentiment": results["sentiment"]}
    first = figures.save_figures(again, tmp_path / "one", groups=GROUPING["group_by"])
    second = figures.save_figures(again, tmp_path / "two", groups=GROUPING["group_by"])
    assert first[0].read_bytes() == second[0].read_bytes()
    assert first[0].stat().st_size > 10_000


def test_empty_tables_give_message_figures():
    empty = pd.DataFrame(columns=["period", "group", "value", "n_articles"])
    figure = figures.sentiment_over_time_figure(empty, group=GROUPING["group_by"][0])
    assert "no dated articles" in figure.axes[0].texts[0].get_text()
    assert figures.keyness_figure(empty.assign(rank=[], direction=[]), group="source").axes[0].texts
