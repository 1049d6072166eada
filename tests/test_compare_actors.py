"""Actors across a corpus: merging names across articles, and sentiment per cell."""

import numpy as np
import pandas as pd
import pytest
from defaults import COMPARE, GROUPING, INTERVAL

from analysis.compare.actors import (
    ACTORS_OVER_TIME_COLUMNS,
    actors_over_time,
    article_actor_rows,
    merge_actors,
)


def _rows(*entries):
    """(article, actor, n_mentions, sentiment) -> article-level entity rows."""
    return pd.DataFrame(
        {
            "article": [e[0] for e in entries],
            "actor": [e[1] for e in entries],
            "n_mentions": [e[2] for e in entries],
            "n_sentences": [e[2] for e in entries],
            "sentiment": [e[3] for e in entries],
        }
    )


def _aliases(*entries):
    """(article, actor, variant): merges an article's own text made (``actor_aliases``)."""
    return pd.DataFrame(entries, columns=["article", "actor", "variant"])


def _actors(rows):
    return dict(
        zip(zip(rows["article"], rows["actor"], strict=True), rows["sentiment"], strict=True)
    )


def test_surname_and_title_merge_into_the_corpus_full_name():
    rows = _rows(
        ("a", "Donald Trump", 4, 0.2),
        ("b", "Trump", 2, -0.1),
        ("c", "President Trump", 3, 0.0),
        ("d", "Donald Trump", 1, 0.3),
    )
    aliases = _aliases(("a", "Donald Trump", "Trump"))
    merged, merges = merge_actors(rows, aliases, dominance=COMPARE["actor_merge_dominance"])
    assert set(merged["actor"]) == {"Donald Trump"}
    rules = dict(zip(merges["variant"], merges["rule"], strict=True))
    assert rules == {"Trump": "surname_of_full_name_in_corpus", "President Trump": "title_dropped"}
    # a chain of merges names the final actor
    assert set(merges["actor"]) == {"Donald Trump"}
    assert "in 2 article(s)" in merges.set_index("variant").loc["Trump", "evidence"]
    assert (
        "1 other article(s) merged the two" in merges.set_index("variant").loc["Trump", "evidence"]
    )


def test_a_word_that_stands_alone_more_often_than_the_full_name_is_no_surname():
    # "Labour" alone in five stories, "New Labour" in one that merged the two: the party
    labour = _rows(("nl", "New Labour", 2, 0.1), *[(f"l{i}", "Labour", 1, -0.2) for i in range(5)])
    merged, merges = merge_actors(
        labour, _aliases(("nl", "New Labour", "Labour")), dominance=COMPARE["actor_merge_dominance"]
    )
    assert merged["actor"].value_counts().to_dict() == {"Labour": 5, "New Labour": 1}
    assert merges.empty
    # the same counts for a word the corpus shows as a person ("Mr Blair"): it merges
    blair = _rows(("tb", "Tony Blair", 2, 0.1), *[(f"b{i}", "Blair", 1, -0.2) for i in range(5)])
    blair["actor_type"] = "person"
    merged, _ = merge_actors(
        blair, _aliases(("tb", "Tony Blair", "Blair")), dominance=COMPARE["actor_merge_dominance"]
    )
    assert set(merged["actor"]) == {"Tony Blair"}


def test_no_surname_merges_across_the_corpus_unless_some_article_merged_it():
    # one story names the club; others name the city: no text ever used "Madrid" for the club
    rows = _rows(
        ("club", "Atletico Madrid", 2, 0.1), *[(f"c{i}", "Madrid", 1, 0.2) for i in range(5)]
    )
    merged, merges = merge_actors(rows, dominance=COMPARE["actor_merge_dominance"])
    assert merges.empty and set(merged["actor"]) == {"Atletico Madrid", "Madrid"}
    # the same names with a text that merged them: "Madrid" is still a city, the club no person
    aliases = _aliases(("club", "Atletico Madrid", "Madrid"))
    _, merges = merge_actors(rows, aliases, dominance=COMPARE["actor_merge_dominance"])
    assert merges.empty


def test_organisations_places_and_a_surname_typed_as_either_are_not_merged():
    rows = _rows(
        ("a", "Champions League", 2, 0.1),
        ("b", "League", 1, 0.2),
        ("c", "Abe Lincoln", 2, 0.1),
        ("d", "Lincoln", 1, 0.2),
        ("e", "Lincoln", 1, 0.3),
        ("f", "Reuters Google", 1, 0.0),
        ("g", "Google", 2, 0.1),
        ("h", "Google", 2, 0.1),
    )
    rows["actor_type"] = [
        "organisation", "unknown", "person", "place", "person", "person", "organisation", "unknown"
    ]  # fmt: skip
    aliases = _aliases(
        ("a", "Champions League", "League"),
        ("c", "Abe Lincoln", "Lincoln"),
        ("f", "Reuters Google", "Google"),  # a caption's credit before a sentence
    )
    merged, merges = merge_actors(rows, aliases, dominance=COMPARE["actor_merge_dominance"])
    actors = _actors(merged)
    assert ("b", "League") in actors  # "League" is an organisation word
    assert ("d", "Lincoln") in actors  # typed a place in its own article (the city)
    assert ("e", "Abe Lincoln") in actors
    assert ("h", "Google") in actors  # the corpus types "Google" as an organisation
    assert merges[["actor", "variant", "n_articles"]].values.tolist() == [
        ["Abe Lincoln", "Lincoln", 1]
    ]


def test_two_full_names_sharing_a_surname_block_the_merge():
    rows = _rows(
        ("a", "Shinzo Abe", 2, 0.1),
        ("b", "Akie Abe", 2, 0.1),
        ("c", "Abe", 2, 0.1),
    )
    merged, merges = merge_actors(rows, dominance=COMPARE["actor_merge_dominance"])
    assert "Abe" in set(merged["actor"])
    assert merges.empty


def test_an_article_naming_a_rival_full_name_keeps_the_surname_apart():
    rows = _rows(
        *[(f"a{i}", "Donald Trump", 2, 0.1) for i in range(20)],
        ("m", "Melania Trump", 2, 0.5),
        ("m", "Trump", 2, 0.4),
        ("x", "Trump", 2, -0.3),
    )
    aliases = _aliases(("a0", "Donald Trump", "Trump"))
    merged, _ = merge_actors(rows, aliases, dominance=COMPARE["actor_merge_dominance"])
    actors = _actors(merged)
    assert ("m", "Trump") in actors  # ambiguous in its own article
    assert ("x", "Donald Trump") in actors


def test_an_article_that_kept_surname_and_full_name_apart_is_not_overruled():
    rows = _rows(
        ("seed", "Shinzo Abe", 2, 0.0),
        ("seed", "Abe", 2, 0.5),
        ("other", "Abe", 2, 0.1),
        ("third", "Shinzo Abe", 2, 0.1),
    )
    aliases = _aliases(("third", "Shinzo Abe", "Abe"))
    merged, merges = merge_actors(rows, aliases, dominance=COMPARE["actor_merge_dominance"])
    actors = _actors(merged)
    assert ("seed", "Abe") in actors and ("seed", "Shinzo Abe") in actors
    assert ("other", "Shinzo Abe") in actors
    assert merges["n_articles"].tolist() == [1]


def test_merged_rows_of_one_article_are_combined_by_sentences():
    rows = _rows(("a", "Donald Trump", 3, 0.3), ("a", "President Trump", 1, -0.5))
    rows = pd.concat([rows, _rows(("b", "Donald Trump", 1, 0.0))], ignore_index=True)
    aliases = _aliases(("a", "Donald Trump", "Trump"))
    merged, _ = merge_actors(rows, aliases, dominance=COMPARE["actor_merge_dominance"])
    a = merged[merged["article"] == "a"].iloc[0]
    assert a["n_mentions"] == 4
    assert np.isclose(a["sentiment"], (3 * 0.3 + 1 * -0.5) / 4)


def test_abbreviations_are_expanded():
    merged, merges = merge_actors(
        _rows(("a", "U.S.", 2, 0.1), ("b", "United States", 2, 0.2)),
        dominance=COMPARE["actor_merge_dominance"],
    )
    assert set(merged["actor"]) == {"United States"}
    assert merges["rule"].tolist() == ["country_abbreviation"]


def test_short_names_of_states_are_written_out():
    merged, merges = merge_actors(
        _rows(("a", "Britain", 2, -0.4), ("b", "UK", 1, 0.1), ("c", "United Kingdom", 1, 0.2)),
        dominance=COMPARE["actor_merge_dominance"],
    )
    assert merged["actor"].tolist() == ["United Kingdom"] * 3
    assert merges[["variant", "rule"]].values.tolist() == [
        ["Britain", "country_short_name"],
        ["UK", "country_abbreviation"],
    ]
    assert merges["evidence"].tolist()[0] == "short name of the state: Britain = United Kingdom"


def test_target_level_sentiment_column_is_preferred():
    entities = pd.DataFrame(
        {
            "article": ["a", "a"],
            "actor": ["Japan", "Japan"],
            "scope": ["article", "section"],
            "section_id": [None, 1],
            "n_mentions": [3, 1],
            "n_sentences": [3, 1],
            "mean_sentiment": [0.5, 0.5],
            "target_sentiment": [-0.2, -0.2],
        }
    )
    rows = article_actor_rows(entities)
    assert rows["sentiment"].tolist() == [-0.2]
    assert article_actor_rows(entities.drop(columns="target_sentiment"))["sentiment"].tolist() == [
        0.5
    ]


def test_actor_type_is_the_one_most_articles_give():
    entities = pd.DataFrame(
        {
            "article": ["a", "b", "c", "d", "d"],
            "actor": ["Japan", "Japan", "Japan", "Japan", "U.S."],
            "actor_type": ["place", "unknown", "place", "organisation", None],
            "n_mentions": [1, 1, 1, 1, 1],
            "target_sentiment": [0.1, 0.2, 0.3, 0.4, 0.5],
        }
    )
    articles = pd.DataFrame({"article": list("abcd"), "source": ["X", "X", "Y", "Y"]})
    result = actors_over_time(
        articles,
        entities,
        min_articles=1,
        dominance=COMPARE["actor_merge_dominance"],
        top_n=COMPARE["top_actors"],
        **INTERVAL,
        **{**GROUPING, "group_by": ["source"]},
    )
    table = result.tables["actors_over_time"].set_index(["group", "value", "actor"])
    assert table.loc[("all", "all", "Japan"), "actor_type"] == "place"
    assert table.loc[("all", "all", "United States"), "actor_type"] == ""
    assert table.loc[("source", "X", "Japan"), "mean_sentiment"] == pytest.approx(0.15)


def _corpus():
    ids = [f"n{i:02d}" for i in range(24)]
    articles = pd.DataFrame(
        {
            "article": ids,
            "date": pd.to_datetime(["2025-01-10"] * 12 + ["2025-02-10"] * 12),
            "source": ["Wire", "Ledger", "Post"] * 8,
        }
    )
    rng = np.random.default_rng(1)
    entities = []
    for article, source in zip(articles["article"], articles["source"], strict=True):
        tone = -0.5 if source == "Wire" else 0.3
        name = "Trump" if article.endswith(("3", "7")) else "Donald Trump"
        entities.append((article, name, "article", 3, tone + rng.normal(0, 0.05)))
        entities.append((article, "Japan", "article", 2, 0.1 + rng.normal(0, 0.05)))
    frame = pd.DataFrame(
        entities, columns=["article", "actor", "scope", "n_mentions", "mean_sentiment"]
    )
    return articles, frame, _aliases(("n00", "Donald Trump", "Trump"))


def test_one_outlet_negative_toward_one_actor_is_recovered():
    articles, entities, aliases = _corpus()
    result = actors_over_time(
        articles,
        entities,
        aliases,
        dominance=COMPARE["actor_merge_dominance"],
        top_n=COMPARE["top_actors"],
        min_articles=COMPARE["min_actor_articles"],
        **{**INTERVAL, "n_bootstrap": 300},
        **{**GROUPING, "period": "month", "group_by": ["source"]},
    )
    table = result.tables["actors_over_time"]
    assert list(table.columns) == ACTORS_OVER_TIME_COLUMNS
    whole = table[(table["period"] == "all") & (table["group"] == "source")]
    trump = whole[whole["actor"] == "Donald Trump"].set_index("value")
    assert trump.loc["Wire", "n_articles"] == 8  # including the articles naming only "Trump"
    assert trump.loc["Wire", "ci_high"] < min(
        trump.loc["Ledger", "ci_low"], trump.loc["Post", "ci_low"]
    )
    japan = whole[whole["actor"] == "Japan"].set_index("value")
    assert japan.loc["Wire", "ci_high"] > japan.loc["Ledger", "ci_low"]  # no planted difference
    corpus = table[(table["period"] == "all") & (table["group"] == "all")]
    assert corpus["actor"].tolist() == ["Donald Trump", "Japan"]  # most mentions first
    assert corpus.set_index("actor").loc["Donald Trump", "n_mentions"] == 72


def test_no_actor_gives_empty_tables():
    articles, entities, _ = _corpus()
    result = actors_over_time(
        articles,
        entities.iloc[0:0],
        dominance=COMPARE["actor_merge_dominance"],
        top_n=COMPARE["top_actors"],
        min_articles=COMPARE["min_actor_articles"],
        **{**INTERVAL, "n_bootstrap": 50},
        **{**GROUPING, "period": "month"},
    )
    assert result.tables["actors_over_time"].empty
    assert list(result.tables["actors_over_time"].columns) == ACTORS_OVER_TIME_COLUMNS


def test_the_comparison_counts_every_article_that_names_an_actor_even_once(tmp_path):
    from analysis.stages import compare as stage

    names = [f"a{i}" for i in range(4)]
    articles = pd.DataFrame(
        {"article": names, "date": pd.to_datetime(["2025-01-10"] * 2 + ["2025-02-10"] * 2),
         "source": ["Ledger", "Herald"] * 2}
    )  # fmt: skip
    # each article names Japan once: below the per-article table's min_actor_mentions
    mentions = pd.DataFrame(
        {"article": [*names, "a0"], "actor": ["Japan"] * 4 + ["Donald Trump"],
         "actor_type": ["place"] * 4 + ["person"], "target_sentiment": [0.2, 0.4, 0.0, 0.2, -0.5]}
    )  # fmt: skip
    for name, table in {"articles": articles, "sentiment_mentions": mentions}.items():
        (tmp_path / name).mkdir()
        table.to_parquet(tmp_path / name / "shard-000-of-001.parquet", index=False)
    (tmp_path / "actor_aliases").mkdir()
    result = stage.actors(
        tmp_path,
        grouping={**GROUPING, "period": "month", "min_articles_per_period": 1},
        interval=INTERVAL,
        top_actors=COMPARE["top_actors"],
        min_actor_articles=3,
        actor_merge_dominance=COMPARE["actor_merge_dominance"],
    )
    table = result.tables["actors_over_time"]
    whole = table[(table["period"] == "all") & (table["group"] == "all")].set_index("actor")
    assert list(whole.index) == ["Japan"]  # Trump: one article, under min_actor_articles
    assert whole.loc["Japan", "n_articles"] == 4 and whole.loc["Japan", "n_mentions"] == 4
    assert whole.loc["Japan", "mean_sentiment"] == pytest.approx(0.2)
    assert whole.loc["Japan", "actor_type"] == "place"
