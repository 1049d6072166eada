"""Actor detection from text, variant merging with recorded evidence, and actor sentiment."""

from __future__ import annotations

import math

import pandas as pd

from analysis.actors import actor_sentiment, find_actors

NEWS = [
    "Japanese Prime Minister Shigeru Ishiba is traveling to the United States to meet "
    "U.S. President Donald Trump.",
    "Ishiba’s visit is expected to reaffirm the U.S.-Japan alliance.",
    "Recently, Japan has reduced its purchases of liquefied natural gas (LNG) from Russia.",
    "Ishiba may offer to buy more LNG, and liquefied natural gas exports matter to Trump.",
    "Japan’s Nippon Steel wants to acquire U.S. Steel, a deal Trump opposed.",
    "Experts believe Washington will welcome the offer.",
    "Trump once hosted Akie Abe, the widow of Shinzo Abe.",
    "Trump and Abe shared a warm friendship, and Japanese investment giant SoftBank agreed.",
    "Both sides want closer energy cooperation.",
    "Energy Cooperation Between Japan and the U.S.",
]
IDS = [f"s{i}" for i in range(len(NEWS))]


def _result():
    return find_actors(IDS, NEWS)


def _counts(result):
    return result.mentions.groupby("actor").size().to_dict()


def test_actors_found_from_text():
    counts = _counts(_result())
    assert counts["Shigeru Ishiba"] == 3
    assert counts["Donald Trump"] == 5
    assert counts["Japan"] == 4  # includes "U.S.-Japan", "Japan’s" and the heading
    assert counts["United States"] == 4  # "United States", "U.S." twice and "U.S.-Japan"
    assert counts["Nippon Steel"] == 1 and counts["U.S. Steel"] == 1
    assert "Steel" not in counts


def test_titles_demonyms_and_common_words_are_not_actors():
    counts = _counts(_result())
    for not_actor in (
        "Prime Minister",
        "President",
        "Japanese",
        "Experts",
        "Recently",
        "Energy",
        "Cooperation",
    ):
        assert not_actor not in counts
    assert "SoftBank" in counts


def test_merges_are_recorded_and_ambiguous_surnames_kept():
    result = _result()
    aliases = {(r.variant, r.actor, r.rule) for r in result.aliases.itertuples()}
    assert ("Trump", "Donald Trump", "surname_of_full_name") in aliases
    assert ("Ishiba", "Shigeru Ishiba", "surname_of_full_name") in aliases
    assert ("U.S.", "United States", "country_abbreviation") in aliases
    assert ("liquefied natural gas", "LNG", "acronym_defined_in_text") in aliases
    assert all(r.evidence for r in result.aliases.itertuples())
    counts = _counts(result)
    # "Abe" could be Shinzo Abe or Akie Abe: not merged
    assert counts["Abe"] == 1 and counts["Shinzo Abe"] == 1 and counts["Akie Abe"] == 1
    # a metonym is not merged into the country
    assert counts["Washington"] == 1
    assert not any(v == "Washington" for v, _, _ in aliases)
    # LNG: acronym twice, later expansion once (the defining expansion is not double-counted)
    assert counts["LNG"] == 3


def test_given_tags_are_used():
    tokens = [
        [("Ishiba", "PROPN"), ("met", "VERB"), ("Biden", "PROPN"), (".", "PUNCT")],
        [("Biden", "NNP"), ("smiled", "VBD"), (".", ".")],
    ]
    result = find_actors(["a", "b"], ["Ishiba met Biden.", "Biden smiled."], tokens)
    assert _counts(result) == {"Ishiba": 1, "Biden": 2}


def test_actor_sentiment_ranking_and_intervals():
    mentions = pd.DataFrame(
        {
            "sentence_id": ["a", "b", "c", "c", "d"],
            "actor": ["X", "X", "X", "Y", "Z"],
            "surface": ["X"] * 5,
        }
    )
    sentences = pd.DataFrame(
        {
            "sentence_id": list("abcd"),
            "section_id": ["1", "1", "2", "2"],
            "sentiment": [0.5, 0.1, -0.3, 0.0],
        }
    )
    table = actor_sentiment(mentions, sentences, top_n=5, min_mentions=1, n_bootstrap=500)
    article = table[table["scope"] == "article"]
    assert article["actor"].tolist() == ["X", "Y", "Z"]
    x = article.iloc[0]
    assert x["n_mentions"] == 3 and x["n_sentences"] == 3
    assert math.isclose(x["mean_sentiment"], 0.1)
    assert x["ci_low"] <= x["mean_sentiment"] <= x["ci_high"]
    y = article.iloc[1]
    assert math.isnan(y["ci_low"]) and math.isnan(y["ci_high"])  # one sentence: no interval
    sections = table[table["scope"] == "section"]
    assert sections[["actor", "section_id"]].values.tolist() == [
        ["X", "1"],
        ["X", "2"],
        ["Y", "2"],
        ["Z", "2"],
    ]
    assert actor_sentiment(mentions, sentences, top_n=1, min_mentions=2)[
        "actor"
    ].unique().tolist() == ["X"]
