"""Actor detection from text, variant merging with recorded evidence, types and actor sentiment."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from defaults import INTERVAL, PREPARE, SENTIMENT
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.actors import actor_sentiment, find_actors, score_mentions
from analysis.actors.kinds import country_name_forms
from analysis.document import analyse_structure
from analysis.names import is_person_title

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


def _find(texts):
    """Actors of texts, one sentence each."""
    return find_actors([f"s{i}" for i in range(len(texts))], texts)


def _find_in_article(texts):
    """Actors of texts read as one article, with the pipeline's own tokens and tags."""
    document = analyse_structure(" ".join(texts), **PREPARE)
    tokens = [
        list(zip(g["token"], g["pos"], strict=True))
        for _, g in document.tokens.groupby("sentence_id")
    ]
    assert len(tokens) == len(texts)
    return find_actors(document.sentences["sentence_id"].tolist(), texts, tokens)


def _counts(result):
    return result.mentions.groupby("actor").size().to_dict()


def _types(result):
    """Actor -> type."""
    return result.types.set_index("actor")["actor_type"].to_dict()


def _evidence(result):
    """Actor -> the evidence of its type."""
    return result.types.set_index("actor")["type_evidence"].to_dict()


def _aliases(result):
    """``(variant, actor, rule)`` of every recorded merge."""
    return {(r.variant, r.actor, r.rule) for r in result.aliases.itertuples()}


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


def test_headline_verbs_split_names_unless_the_body_capitalises_them():
    texts = [
        "Trump Meets Ishiba at the White House",
        "Ishiba Arrives in Washington",
        "Prime Minister Shigeru Ishiba met President Donald Trump in Washington.",
        "The Associated Press reported that Trump praised Ishiba.",
        "Sleeping Beauty Wins",
    ]
    counts = _counts(find_actors([f"h{i}" for i in range(len(texts))], texts))
    assert counts["Donald Trump"] == 3 and counts["Shigeru Ishiba"] == 4
    assert counts["Washington"] == 2
    for headline_run in ("Trump Meets Ishiba", "Ishiba Arrives", "Meets", "Arrives", "Wins"):
        assert headline_run not in counts
    # participles, base forms and plural nouns stay inside names
    assert counts["Associated Press"] == 1 and counts["Sleeping Beauty"] == 1


def test_dates_are_no_actors_but_a_month_after_a_name_is_a_surname():
    texts = [
        "Theresa May met Trump on Thursday.",
        "The March meeting ended in May.",
        "Prime Minister May spoke in April.",
        "PITTSBURGH May 1 (Reuters) - officials met.",
    ]
    counts = _counts(find_actors(["s0", "s1", "s2", "s3"], texts))
    # "May" after a title is her surname; before a day's number, a dateline's date
    assert counts == {"Theresa May": 2, "Trump": 1, "PITTSBURGH": 1, "Reuters": 1}


def test_a_month_before_a_name_is_a_given_name_unless_a_date_cue_precedes_it():
    texts = [
        "June Carter Cash sang at the festival.",
        "April Ryan asked the president a question.",
        "March Madness begins on Thursday.",
        "In June Trump met Kim in Singapore.",
        "The White House said in August Putin would travel.",
        "The March meeting ended in May.",
    ]
    counts = _counts(_find(texts))
    assert counts == {"June Carter Cash": 1, "April Ryan": 1, "March Madness": 1, "Trump": 1,
                      "Kim": 1, "Singapore": 1, "White House": 1, "Putin": 1}  # fmt: skip


def test_a_month_the_article_uses_as_a_surname_is_a_mention_where_no_date_cue_precedes_it():
    texts = [
        "Theresa May met Trump on Thursday.",
        "May said the talks went well.",
        "The vote ended in May.",
        "Talks ran from March to May, and May's deputy agreed.",
        "In early May, May spoke to the Mayor of Osaka.",
    ]
    result = _find(texts)
    may = result.mentions[result.mentions["actor"] == "Theresa May"]
    spans = [
        (sid, texts[int(sid[1:])][start:end], start)
        for sid, start, end in zip(may["sentence_id"], may["start"], may["end"], strict=True)
    ]
    # each mention's offsets point at the surname itself, not at an earlier date "May"
    assert spans == [
        ("s0", "Theresa May", 0),
        ("s1", "May", 0),
        ("s3", "May", 33),
        ("s4", "May", 14),
    ]


def test_a_headline_does_not_make_a_month_a_surname():
    texts = [
        "Trump May Visit Japan Next Week",
        "The president may visit Japan next week, aides said.",
        "May was the warmest month on record for Trump.",
    ]
    counts = _counts(find_actors(["s0", "s1", "s2"], texts))
    assert counts == {"Trump": 2, "Japan": 2}


def test_a_demonym_is_judged_at_each_occurrence():
    text = "Japanese officials said the Japanese were ready."
    words = ["Japanese", "officials", "said", "the", "Japanese", "were", "ready", "."]
    tags = ["JJ", "NNS", "VBD", "DT", "NNPS", "VBD", "JJ", "."]
    result = find_actors(["s0"], [text], [list(zip(words, tags, strict=True))])
    # the adjective before "officials" is no actor; the people after "the" is one
    assert result.mentions[["actor", "start"]].values.tolist() == [["Japanese", 28]]


def test_a_short_name_of_a_state_is_its_official_name():
    texts = [
        "Britain said the talks would resume.",
        "The UK envoy met Japan's minister.",
        "Great Britain won the relay.",
    ]
    result = _find(texts)
    counts = _counts(result)
    assert counts["United Kingdom"] == 3
    assert not {"Britain", "UK", "Great Britain"} & set(counts)
    aliases = _aliases(result)
    assert ("Britain", "United Kingdom", "country_short_name") in aliases
    assert ("Great Britain", "United Kingdom", "country_short_name") in aliases
    assert ("UK", "United Kingdom", "country_abbreviation") in aliases


def test_acronyms_initials_and_irregular_nationalities_in_names():
    texts = [
        "George W. Bush met Greek officials in Athens.",
        "Bush said the talks went well.",
        "He told BBC News that Greek firms would gain.",
        "Chelsea lost the FA Cup tie.",
    ]
    result = _find(texts)
    counts = _counts(result)
    # an initial does not stop a full name: the surname merges into it
    assert counts["George W. Bush"] == 2 and "Bush" not in counts
    # "Greek" before a lower-case noun is an adjective, as "Japanese" is
    assert "Greek" not in counts
    types = _types(result)
    assert types["George W. Bush"] == "person"
    # a name with an acronym is no person's full name
    assert types["FA Cup"] == "unknown"
    assert types["BBC News"] == "organisation"  # "News", an outlet's head word


def test_holidays_are_no_actors_but_names_holding_them_are():
    texts = [
        "Christmas sales rose, and Easter will be quiet.",
        "Shops opened on Boxing Day before the New Year.",
        "Father Christmas visited Easter Island.",
    ]
    counts = _counts(_find(texts))
    assert not {"Christmas", "Easter", "Boxing Day", "New Year"} & set(counts)
    assert counts["Father Christmas"] == 1 and counts["Easter Island"] == 1


def test_a_place_whose_first_word_is_tagged_an_adjective_is_whole():
    words = ["New", "York", "City", "was", "first", "."]
    tags = ["JJ", "NNP", "NNP", "VBD", "JJ", "."]
    result = find_actors(["s0"], [" ".join(words)], [list(zip(words, tags, strict=True))])
    assert result.mentions["actor"].tolist() == ["New York City"]


def test_a_known_name_opening_a_sentence_keeps_its_common_words():
    texts = [
        "New York officials said the new rules start soon.",  # "new" in lower case too
        "New Zealand won the final.",
        "New Jersey Governor Phil Murphy spoke.",
        "Royal Mail staff met the royal family.",  # a name the body writes mid-sentence
        "Bosses at Royal Mail agreed.",
        "New Google rules came into force.",  # no known name: "New" is no name word
    ]
    result = _find(texts)
    counts = _counts(result)
    assert counts["New York"] == 1 and counts["New Zealand"] == 1 and counts["New Jersey"] == 1
    assert counts["Royal Mail"] == 2 and counts["Google"] == 1
    assert not {"York", "Zealand", "Jersey", "Mail", "New Google"} & set(counts)
    types = _types(result)
    assert types["New Jersey"] == types["New York"] == "place"


def test_and_joins_the_halves_of_an_institutions_name_only():
    texts = [
        "The Food and Drug Administration (FDA) approved the drug.",
        "The FDA said food makers must comply.",
        "Officials of the Department of Health and Human Services met.",
        "Trump and Abe met, and Apple and Google agreed.",
        "The Senate and House voted; Fox News Channel and Fox Business Network aired it.",
        "Fans of Arsenal and Manchester United sang.",
    ]
    result = _find(texts)
    counts = _counts(result)
    assert counts["FDA"] == 2 and counts["Department of Health and Human Services"] == 1
    assert not {"Food", "Drug Administration", "Human Services"} & set(counts)
    # two names, or an institution by itself, before "and"
    for name in ("Trump", "Abe", "Apple", "Google", "Senate", "House", "Arsenal"):
        assert counts[name] == 1, name
    aliases = _aliases(result)
    assert ("Food and Drug Administration", "FDA", "acronym_defined_in_text") in aliases


def test_an_outlets_head_word_alone_is_the_outlet_it_named():
    texts = [
        "The Wall Street Journal reported the deal.",
        "The Journal said talks went on, and the House voted after the White House spoke.",
    ]
    result = _find(texts)
    counts = _counts(result)
    assert counts["Wall Street Journal"] == 2 and "Journal" not in counts
    assert counts["House"] == 1 and counts["White House"] == 1  # no outlet: kept apart
    aliases = _aliases(result)
    assert ("Journal", "Wall Street Journal", "outlet_short_name") in aliases
    types = _types(result)
    assert types["Wall Street Journal"] == "organisation"  # not a person's surname merge
    # two outlets ending in the word: the word stays apart
    both = _counts(
        find_actors(
            ["a"], ["The Financial Times and the New York Times agreed; the Times said so."]
        )
    )
    assert both["Times"] == 1


def test_premier_league_and_number_signs():
    texts = [
        "Chelsea lead the Premier League, and Premier Li Qiang visited.",
        "Their No. 1 guy wore the No. 10 jersey.",
    ]
    result = _find(texts)
    counts = _counts(result)
    assert counts["Premier League"] == 1 and counts["Li Qiang"] == 1
    assert not {"League", "No."} & set(counts)
    types = _types(result)
    assert types["Premier League"] == "organisation" and types["Li Qiang"] == "person"


def test_merges_are_recorded_and_shared_surnames_attributed_per_mention():
    result = _result()
    aliases = _aliases(result)
    assert ("Trump", "Donald Trump", "surname_of_full_name") in aliases
    assert ("Ishiba", "Shigeru Ishiba", "surname_of_full_name") in aliases
    assert ("U.S.", "United States", "country_abbreviation") in aliases
    assert all(r.evidence for r in result.aliases.itertuples())
    counts = _counts(result)
    # "Abe" in s7 is one sentence after the sentence naming both Akie Abe and Shinzo Abe;
    # Shinzo Abe is written later in it, so fewer characters away
    assert "Abe" not in counts
    assert counts["Shinzo Abe"] == 2 and counts["Akie Abe"] == 1
    rule = result.aliases[result.aliases["rule"] == "surname_nearest_full_name"]
    assert rule[["actor", "variant"]].values.tolist() == [["Shinzo Abe", "Abe"]]
    assert "sentence s7 -> Shinzo Abe (sentence s6)" in rule["evidence"].iloc[0]
    # a metonym is not merged into the country
    assert counts["Washington"] == 1
    assert not any(v == "Washington" for v, _, _ in aliases)


def test_surname_goes_to_the_nearest_full_name_and_earlier_on_ties():
    texts = [
        "Shinzo Abe led Japan.",
        "Abe spoke first.",  # next to Shinzo Abe
        "Critics were many.",
        "Akie Abe arrived later.",
        "Abe smiled.",  # next to Akie Abe
        "Nobody left.",
        "Shinzo Abe returned.",
        "Abe waved.",  # one sentence from Shinzo Abe (s6), far from Akie Abe
    ]
    ids = [f"s{i}" for i in range(len(texts))]
    mentions = find_actors(ids, texts).mentions
    abe = mentions[mentions["surface"] == "Abe"]
    assert abe[["sentence_id", "actor"]].values.tolist() == [
        ["s1", "Shinzo Abe"],
        ["s4", "Akie Abe"],
        ["s7", "Shinzo Abe"],
    ]
    tie = find_actors(
        ["a", "b", "c"], ["Shinzo Abe spoke.", "Then Abe left.", "Akie Abe stayed."]
    ).mentions
    assert tie.loc[tie["surface"] == "Abe", "actor"].tolist() == ["Shinzo Abe"]


def test_acronyms_of_things_are_not_actors_but_organisations_are():
    texts = [
        "Japan reduced its purchases of liquefied natural gas (LNG) from Russia.",
        "The Liberal Democratic Party (LDP) lost seats.",
        "Firms are investing in AI infrastructure and AI chips.",
        "NATO said the LDP would cooperate with NATO allies.",
        "More LNG is coming.",
        "The Liberal Democratic Party won.",
    ]
    result = find_actors([f"s{i}" for i in range(6)], texts)
    counts = _counts(result)
    for thing in ("LNG", "liquefied natural gas", "AI"):
        assert thing not in counts
    assert counts["LDP"] == 3  # the defining "Liberal Democratic Party (LDP)" counts once
    assert "Liberal Democratic Party" not in counts
    assert counts["NATO"] == 2
    types = dict(zip(result.types["actor"], result.types["actor_type"], strict=True))
    assert types["LDP"] == "organisation" and types["NATO"] == "organisation"
    aliases = _aliases(result)
    assert ("Liberal Democratic Party", "LDP", "acronym_defined_in_text") in aliases


def test_actor_types_from_text_evidence():
    types = _types(_result())
    assert types["Donald Trump"] == "person"  # "U.S. President Donald Trump"
    assert types["Shigeru Ishiba"] == "person"
    assert types["Akie Abe"] == "person"
    assert types["United States"] == "place"
    assert types["Japan"] == "place"
    assert types["Russia"] == "place"
    assert types["Nippon Steel"] == "organisation"  # "Steel"
    assert types["SoftBank"] == "organisation"  # "investment giant SoftBank"
    # clubs and parties named by their head word, not two name words of a person
    clubs = find_actors(
        ["a"], ["Manchester United beat Blackburn Rovers; Liberal Democrats cheered."]
    )
    assert set(clubs.types["actor_type"]) == {"organisation"}
    # an event is no person, though named by two name words
    events = find_actors(
        ["a", "b"],
        ["Holmes won gold at the Athens Olympics before the World Cup.", "The Olympics ended."],
    )
    assert set(events.types["actor_type"]) == {"unknown"}
    # and the event's head word alone is the event the article named
    assert _counts(events) == {"Athens Olympics": 2, "World Cup": 1, "Holmes": 1}
    # and outlets by theirs
    outlets = find_actors(["a"], ["Smith told Fox News and the Wall Street Journal on Monday."])
    types = _types(outlets)
    assert types["Fox News"] == types["Wall Street Journal"] == "organisation"
    demonym = find_actors(["a", "b"], ["Voters in Ruritania cheered.", "Ruritanian voters sang."])
    assert demonym.types.set_index("actor").loc["Ruritania", "actor_type"] == "place"


def test_places_as_news_names_them_are_no_persons():
    texts = [
        "South Korea and North Korea met in Las Vegas.",
        "Officials in San Francisco and Tel Aviv spoke of Burma.",
        "Aid to Africa and Europe rose, said Nintendo Europe and Lycos Europe.",
    ]
    types = _types(_find(texts))
    places = ["South Korea", "North Korea", "Las Vegas", "San Francisco", "Tel Aviv", "Burma"]
    places += ["Africa", "Europe"]
    assert {name: types[name] for name in places} == dict.fromkeys(places, "place")
    # a firm's regional branch is no person's first name and surname
    assert types["Nintendo Europe"] == types["Lycos Europe"] == "unknown"


def test_a_city_or_state_and_a_plural_noun_name_a_team():
    texts = [
        "The Chicago Cubs beat the San Francisco Giants at the Athens Games.",
        "The Cubs won. Jordan Banks and Paris Hilton saw it.",
    ]
    result = _find(texts)
    types = _types(result)
    assert types["Chicago Cubs"] == types["San Francisco Giants"] == "organisation"
    # a country's name is a first name too, and a city's without a plural noun; an event
    assert types["Jordan Banks"] == types["Paris Hilton"] == "person"
    assert types["Athens Games"] == "unknown"
    # the team's plural noun alone is the team the article named
    aliases = _aliases(result)
    assert ("Cubs", "Chicago Cubs", "team_short_name") in aliases
    assert _counts(result)["Chicago Cubs"] == 2


def test_a_compass_word_before_a_place_is_part_of_the_place():
    result = _find_in_article(
        [
            "Floods hit South Wales and Southern California on Monday.",
            "Crews from Southeast Missouri and Central London helped.",
            "Kanye West and Jimmy Wales watched.",
        ]
    )
    types = _types(result)
    for place in ("South Wales", "Southern California", "Southeast Missouri", "Central London"):
        assert types[place] == "place", place
        assert _evidence(result)[place].startswith("place_word")
    # a place's name as a surname, and a compass word as one, still make a person's name
    assert types["Kanye West"] == types["Jimmy Wales"] == "person"


def test_a_nationality_before_a_full_name_is_no_part_of_the_persons_name():
    """Sports and wire copy introduce people by their nationality ("American Justin Gatlin",
    "Briton Karl Keska"); left in, the word would make them other actors than the same
    people named plainly in the next story."""
    result = _find_in_article(
        [
            "American Justin Gatlin beat Briton Karl Keska and Kenyans Evans Rutto.",
            "Frenchman Ronald Pognon and Scot Kathy Butler ran too.",
            "Gatlin said Texan Michael Chicoine had trained with him.",
            "Lilian Alicia Marks and Brian Paul Smith danced.",
            "The American Red Cross, the British Medical Journal and Chinese New Year.",
        ]
    )
    counts, types = _counts(result), _types(result)
    assert counts["Justin Gatlin"] == 2  # "Gatlin" is the same person
    for person in ("Karl Keska", "Evans Rutto", "Ronald Pognon", "Kathy Butler"):
        assert types[person] == "person", person
    assert "Michael Chicoine" in types
    # given names that end like a demonym are names ("Lilian", "Brian")
    assert {"Lilian Alicia Marks", "Brian Paul Smith"} <= set(types)
    # before words the lexicon knows as common, or an organisation's, a name stays whole
    assert {"American Red Cross", "British Medical Journal"} <= set(types)
    assert "New Year" not in types


def test_a_calling_that_opens_a_sentence_is_no_part_of_the_persons_name():
    """Sports and science copy open a sentence with the person's calling ("Sprinter
    Michelle Collins", "Sprinters Kostas Kenteris and Katerina Thanou"); the capital is the
    sentence's, and left in, the word would make another actor than "Kostas Kenteris"."""
    result = _find_in_article(
        [
            "Sprinters Kostas Kenteris and Katerina Thanou were cleared.",
            "Kenteris was relieved.",
            "Demographer Cassandra Dorius led the study.",
            "Fans of Archer Mary Jones and Walker Evan Jones came.",
            "Moped Vs Santa opened on Friday.",
        ]
    )
    counts, types = _counts(result), _types(result)
    assert counts["Kostas Kenteris"] == 2  # "Kenteris" is the same person
    assert types["Kostas Kenteris"] == "person"
    assert "Sprinters Kostas Kenteris" not in types
    assert "Cassandra Dorius" in types and "Demographer Cassandra Dorius" not in types
    # given names that are common nouns too stay ("Archer", "Walker": proper in the lexicon)
    assert {"Archer Mary Jones", "Walker Evan Jones"} <= set(types)
    # a noun that names no calling stays in a title ("Moped")
    assert "Vs Santa" not in types


def test_a_club_abbreviated_utd_is_an_organisation():
    """British sports copy abbreviates United: "Man Utd" had been typed a person."""
    result = _find_in_article(
        ["Man Utd beat Sheff Utd on Saturday.", "Ferguson said Man Utd played well."]
    )
    types, evidence = _types(result), _evidence(result)
    assert types["Man Utd"] == types["Sheff Utd"] == "organisation"
    assert evidence["Man Utd"] == "organisation_word: 'Utd'"


def test_names_a_nationality_by_its_place_not_by_its_ending():
    from analysis.actors.kinds import names_a_nationality

    nationalities = "American Kenyans Texan British Briton Frenchman Welshman Irish Germans Swiss"
    assert all(names_a_nationality(word) for word in nationalities.split())
    names = "Brian Lilian Julian Christian Coleman Chairman Herman Republicans Phish Milan"
    assert not any(names_a_nationality(word) for word in names.split())


def test_a_name_written_after_the_as_a_things_is_no_persons():
    result = _find_in_article(
        [
            "The Beastie Boys were not available for comment.",
            "Critics praised the Earth Simulator.",
            "The Tony Blair government, which Ray Charles admired, fell.",
            "The Ray Charles biopic won.",
        ]
    )
    types, evidence = _types(result), _evidence(result)
    assert types["Beastie Boys"] == types["Earth Simulator"] == "unknown"
    assert evidence["Beastie Boys"] == "named_as_a_thing: 'the Beastie Boys'"
    assert evidence["Earth Simulator"] == "named_as_a_thing: 'the Earth Simulator'"
    # "the" before a name that modifies a noun shows nothing: these are people
    assert types["Tony Blair"] == types["Ray Charles"] == "person"


def test_a_things_word_after_the_is_its_short_name_not_a_surname():
    result = _find_in_article(
        [
            "Sideways took two Golden Globes.",
            "The Globes also honour the best in television.",
            "The Pittsburgh Pirates lost, and the Pirates are last.",
            "The House voted after the White House spoke.",
        ]
    )
    aliases = _aliases(result)
    assert ("Globes", "Golden Globes", "thing_short_name") in aliases
    assert ("Pirates", "Pittsburgh Pirates", "thing_short_name") in aliases
    assert not any(rule.startswith("surname") for _, _, rule in aliases)
    types = _types(result)
    assert types["Golden Globes"] == types["Pittsburgh Pirates"] == "unknown"
    # a word that names an organisation by itself keeps its own rules: no "White House"
    counts = _counts(result)
    assert counts["House"] == 1 and counts["White House"] == 1


def test_what_only_a_company_has_types_a_firm_named_like_a_person():
    result = _find_in_article(
        [
            "Housing slowed, said the builder George Wimpey and the club Borussia Dortmund.",
            "Wimpey's profits rose, Wimpey said, and shares in London rose.",
            "Shares in Borussia Dortmund fell.",
            "Hermes sold its stake in the Jean-Paul Gaultier fashion house.",
            "Gaultier stepped down.",
        ]
    )
    types, evidence = _types(result), _evidence(result)
    # before the surname used alone, which a firm named after its founder also shows
    assert types["George Wimpey"] == "organisation"
    assert evidence["George Wimpey"] == "company_context: 'Wimpey's profits'"
    assert evidence["Borussia Dortmund"] == "company_context: 'Shares in Borussia Dortmund'"
    # a place stays one where its shares are traded; a name before a noun shows nothing
    assert types["London"] == "place"
    assert types["Jean-Paul Gaultier"] == "person"


def test_a_firms_profits_of_a_period_and_a_business_noun_before_it_show_a_company():
    result = _find_in_article(
        [
            "Analysts said Time Warner's fourth quarter profits rose.",
            "Budget airline Ryanair and brewer Carlsberg agreed.",
            "Gordon Brown's quarterly sales pitch failed.",
        ]
    )
    assert _evidence(result)["Time Warner"] == (
        "company_context: 'Time Warner's fourth quarter profits'"
    )
    types = _types(result)
    assert types["Ryanair"] == types["Carlsberg"] == "organisation"
    assert types["Gordon Brown"] == "person"  # sales are no company's alone


def test_a_teams_role_after_a_name_shows_a_club():
    result = _find_in_article(
        [
            "Chelsea boss Jose Mourinho praised the West Ham manager.",
            "Katerina Thanou's coach and Middlesbrough winger Stewart Downing spoke.",
            "Manchester City boss Kevin Keegan flew from Kansas City.",
        ]
    )
    types = _types(result)
    assert types["Chelsea"] == types["West Ham"] == types["Middlesbrough"] == "organisation"
    # a town's club named "City" is no city; a city of the lists stays one
    assert types["Manchester City"] == "organisation" and types["Kansas City"] == "place"
    assert _evidence(result)["West Ham"] == "team_context: 'West Ham manager'"
    # people have coaches and managers too: a possessive shows no club
    assert types["Katerina Thanou"] == "person"


def test_country_names_in_the_forms_news_writes():
    assert country_name_forms("Korea (South)") == {"Korea (South)", "Korea", "South Korea"}
    assert country_name_forms("Samoa (American)") >= {"American Samoa", "Samoa"}
    assert country_name_forms("Myanmar (Burma)") == {"Myanmar (Burma)", "Myanmar", "Burma"}
    assert country_name_forms("Trinidad & Tobago") >= {"Trinidad and Tobago"}
    # an abbreviation or a lower-case qualifier is no name
    assert country_name_forms("Britain (UK)") == {"Britain (UK)", "Britain"}
    assert country_name_forms("Samoa (western)") == {"Samoa (western)", "Samoa"}


def test_a_surname_merge_needs_names_that_may_be_a_persons():
    texts = [
        "Fans of Atletico Madrid cheered in Madrid.",
        "Bolshevik Russia was not the Russia of today.",
        "The Champions League final was held. The League said tickets sold out.",
        "New Labour was a brand and the new leader of Labour said so.",
        "David Davis spoke. Davis left early.",
        "Glenn Scotland scored. England lost to Scotland.",
    ]
    merges = []
    for i, text in enumerate(texts):
        aliases = find_actors([i], [text]).aliases
        merges += aliases.loc[aliases["rule"] == "surname_of_full_name", "variant"].tolist()
    # a city, a country, an organisation word, a leading word the article writes in lower case,
    # a country of the United Kingdom: no surname; "Davis" is one (an Antarctic station, no city)
    assert merges == ["Davis"]
    england = find_actors([0], ["England lost to Wales."]).types.set_index("actor")
    assert england.loc["England", "actor_type"] == "place"


def test_mention_spans_point_at_the_surface():
    result = _result()
    text_of = dict(zip(IDS, NEWS, strict=True))
    for row in result.mentions.itertuples():
        assert text_of[row.sentence_id][row.start : row.end].lower() == row.surface.lower()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet="AbcDe .,’s()-Uxy", max_size=60), min_size=1, max_size=4))
def test_any_text_gives_consistent_tables(texts):
    ids = [str(i) for i in range(len(texts))]
    result = find_actors(ids, texts)
    assert list(result.mentions.columns) == ["sentence_id", "actor", "surface", "start", "end"]
    assert set(result.mentions["actor"]) == set(result.types["actor"])
    for row in result.mentions.itertuples():
        assert 0 <= row.start <= row.end <= len(texts[int(row.sentence_id)])


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
            "target_sentiment": [0.9, -0.3, 0.0, -0.6, 0.2],
        }
    )
    sentences = pd.DataFrame(
        {
            "sentence_id": list("abcd"),
            "section_id": ["1", "1", "2", "2"],
            "sentiment": [0.5, 0.1, -0.3, 0.0],
        }
    )
    types = pd.DataFrame({"actor": ["X", "Y"], "actor_type": ["person", "place"]})
    table = actor_sentiment(
        mentions,
        sentences,
        types=types,
        top_n=5,
        min_mentions=1,
        **{**INTERVAL, "n_bootstrap": 500},
    )
    article = table[table["scope"] == "article"]
    assert article["actor"].tolist() == ["X", "Y", "Z"]
    assert article["actor_type"].tolist() == ["person", "place", "unknown"]
    x = article.iloc[0]
    assert x["n_mentions"] == 3 and x["n_sentences"] == 3
    assert math.isclose(x["target_sentiment"], 0.2)
    assert math.isclose(x["sentence_sentiment"], 0.1)
    assert x["ci_low"] <= 0.2 <= x["ci_high"]
    assert x["ci_low"] >= -0.3 and x["ci_high"] <= 0.9
    assert x["sentence_ci_low"] <= 0.1 <= x["sentence_ci_high"]
    y = article.iloc[1]
    assert math.isclose(y["target_sentiment"], -0.6)
    assert math.isclose(y["sentence_sentiment"], -0.3)
    assert math.isnan(y["ci_low"]) and math.isnan(y["sentence_ci_high"])  # one value
    sections = table[table["scope"] == "section"]
    assert sections[["actor", "section_id"]].values.tolist() == [
        ["X", "1"],
        ["X", "2"],
        ["Y", "2"],
        ["Z", "2"],
    ]
    assert math.isclose(sections.iloc[0]["target_sentiment"], 0.3)
    assert actor_sentiment(mentions, sentences, top_n=1, min_mentions=2, **INTERVAL)[
        "actor"
    ].unique().tolist() == ["X"]


def test_an_actor_named_in_one_section_gets_the_article_intervals_drawn_once(monkeypatch):
    """Y and Z are named only in section "2": their section rows hold their article rows'
    values, so those intervals are drawn once and shared; X, in both sections, is drawn for
    the article and each section."""
    from analysis.actors import scores

    mentions = pd.DataFrame(
        {
            "sentence_id": ["a", "b", "c", "c", "d", "d"],
            "actor": ["X", "X", "X", "Y", "Y", "Z"],
            "target_sentiment": [0.9, -0.3, 0.0, -0.6, 0.4, 0.2],
        }
    )
    sentences = pd.DataFrame(
        {
            "sentence_id": list("abcd"),
            "section_id": ["1", "1", "2", "2"],
            "sentiment": [0.5, 0.1, -0.3, 0.0],
        }
    )
    drawn = []
    interval_pair = scores._interval_pair
    monkeypatch.setattr(
        scores,
        "_interval_pair",
        lambda t, s, params: drawn.append(t.tolist()) or interval_pair(t, s, params),
    )
    table = actor_sentiment(
        mentions, sentences, top_n=5, min_mentions=1, **{**INTERVAL, "n_bootstrap": 300}
    )
    assert drawn == [[0.9, -0.3, 0.0], [-0.6, 0.4], [0.2], [0.9, -0.3], [0.0]]
    values = ["target_sentiment", "ci_low", "ci_high", "sentence_sentiment", "sentence_ci_low"]
    for actor in ("Y", "Z"):
        rows = table[table["actor"] == actor]
        article, section = rows[rows["scope"] == "article"], rows[rows["scope"] == "section"]
        np.testing.assert_array_equal(
            section[values].to_numpy(dtype=float), article[values].to_numpy(dtype=float)
        )
    y = table[(table["actor"] == "Y") & (table["scope"] == "section")].iloc[0]
    assert y["ci_low"] < 0.0 < y["ci_high"] and y["n_mentions"] == 2


def test_target_scores_differ_within_one_sentence():
    texts = ["Trump praised Abe warmly but harshly attacked China."]
    found = find_actors(["s0"], texts)
    scored = score_mentions(found.mentions, pd.DataFrame({"sentence_id": ["s0"], "text": texts}))
    score = dict(zip(scored["actor"], scored["target_sentiment"], strict=True))
    assert score["Abe"] > 0.2
    assert score["China"] < -0.2


def test_no_actors_gives_empty_tables_with_columns():
    result = find_actors([], [])
    assert result.mentions.empty and result.types.empty
    sentences = pd.DataFrame({"sentence_id": [], "section_id": [], "text": [], "sentiment": []})
    scored = score_mentions(result.mentions, sentences)
    table = actor_sentiment(
        scored,
        sentences,
        top_n=SENTIMENT["top_n_actors"],
        min_mentions=SENTIMENT["min_actor_mentions"],
        **INTERVAL,
    )
    assert table.empty
    assert list(table.columns)[:4] == ["actor", "actor_type", "type_evidence", "scope"]
    assert "target_sentiment" in table.columns and "sentence_sentiment" in table.columns


def test_actors_in_scraped_text_are_named_by_their_characters():
    texts = [
        "AT&amp;T and Verizon sued regulators on Monday.",
        "AT&T said the S&amp;P 500 fell, and Rainn Wilson &amp; Ellen Page laughed.",
    ]
    result = _find(texts)
    mentions = result.mentions
    assert _counts(result)["AT&T"] == 2  # escaped or not, one actor
    assert {"S&P", "Rainn Wilson", "Ellen Page", "Verizon"} <= set(mentions["actor"])
    for row in mentions.itertuples():
        text = texts[int(row.sentence_id[1:])]
        assert text[row.start : row.end] == row.surface  # offsets still slice the source
    assert "AT&amp;T" in set(mentions["surface"])


def test_agency_month_abbreviations_are_dates_but_given_names_stay_names():
    texts = [
        "Officials in Washington welcomed the deal on Feb 7.",
        "Jan Koum and Jun Ishikawa met on Jan 5.",
        "Sales rose in Oct and Nov in Osaka.",
    ]
    counts = _counts(find_actors(["s0", "s1", "s2"], texts))
    assert counts == {"Washington": 1, "Jan Koum": 1, "Jun Ishikawa": 1, "Osaka": 1}


def test_names_with_an_elided_particle_are_one_name():
    texts = [
        "Conan O'Brien met Massimo D’Alema.",
        "O'Brien's film L'Esquive won.",
    ]
    found = _find_in_article(texts)
    assert _counts(found) == {"Conan O'Brien": 2, "Massimo D’Alema": 1, "L'Esquive": 1}
    aliases = {(r.variant, r.actor) for r in found.aliases.itertuples()}
    assert ("O'Brien", "Conan O'Brien") in aliases


def test_proper_adjectives_and_plural_acronyms_are_no_actors():
    texts = [
        "Olympic champion Kelly Holmes thanked MPs at the Olympic Games.",
        "Islamic militants and CEOs met NGOs in the Atlantic.",
        "The Milosevic regime fell.",  # a surname ending in -ic is no adjective
        "She won the AAAs Championships.",  # inside a name, a plural acronym is the name's
    ]
    counts = _counts(_find_in_article(texts))
    assert counts == {
        "Kelly Holmes": 1, "Olympic Games": 1, "Atlantic": 1, "AAAs Championships": 1,
        "Milosevic": 1,
    }  # fmt: skip


def test_a_capitalised_number_word_is_part_of_a_name_and_no_persons():
    texts = [
        "Clint Eastwood won for Million Dollar Baby.",
        "He watched Formula One on Channel Four.",
        "Three people died.",  # a sentence's first word is no name for being capitalised
        "Fans saw Butler reach the Final Four.",  # and a number word alone is no actor
    ]
    found = _find_in_article(texts)
    assert _counts(found) == {
        "Clint Eastwood": 1, "Million Dollar Baby": 1, "Formula One": 1, "Channel Four": 1,
        "Butler": 1,
    }  # fmt: skip
    types = _types(found)
    assert types["Million Dollar Baby"] == "unknown"  # a film, not a person "Dollar Baby"


def test_party_affiliations_of_legislators_are_no_actors():
    texts = [
        "Sen. Chuck Schumer (D-N.Y.) said the bill failed.",
        "Sen. Lindsey Graham, R-S.C., and Rep. Nancy Pelosi (D-Calif.) spoke.",
        "Graham (R-SC) and Sen. Ted Cruz (R-Texas) agreed on D-Day plans.",
        # The older style with a comma, as the Wall Street Journal writes it.
        "Sen. Bernie Sanders (I., Vt.) and Rep. Jim Jordan, R., Ohio, objected.",
    ]
    counts = _counts(_find_in_article(texts))
    assert counts == {
        "Chuck Schumer": 1, "Lindsey Graham": 2, "Nancy Pelosi": 1, "Ted Cruz": 1, "D-Day": 1,
        "Bernie Sanders": 1, "Jim Jordan": 1,
    }  # fmt: skip


def test_venues_institutions_parties_and_common_noun_acronyms():
    result = _find_in_article(
        [
            "Fans packed the Millennium Stadium on Sunday.",
            "The Brooklyn Museum and the Atlanta Symphony Orchestra announced a merger.",
            "Crowds gathered outside Buckingham Palace and in Leicester Square.",
            "The National Theatre opened a stage at Edinburgh Airport.",
            "Labour and the Tories clashed, while the Lib Dems and New Labour watched.",
            "TV has changed politics, the PC is dead and the MP said the DVD sold well.",
        ]
    )
    types = _types(result)
    for venue in ("Millennium Stadium", "Buckingham Palace", "Leicester Square"):
        assert types[venue] == "place"
    assert types["Edinburgh Airport"] == "place"
    for body in ("Brooklyn Museum", "Atlanta Symphony Orchestra", "National Theatre"):
        assert types[body] == "organisation"
    for party in ("Labour", "Tories", "Lib Dems", "New Labour"):
        assert types[party] == "organisation"
    assert ("Labour", "New Labour", "surname_of_full_name") not in _aliases(result)
    for thing in ("TV", "PC", "MP", "DVD"):  # each followed by a verb, yet no actor
        assert thing not in types
    more = _types(
        _find_in_article(
            [
                "The Air Force flew over Carrow Road before the Holiday Bowl.",
                "Rain fell in Andhra Pradesh as Birchfield Harriers trained.",
            ]
        )
    )
    assert more["Air Force"] == "organisation" and more["Birchfield Harriers"] == "organisation"
    assert more["Carrow Road"] == "place" and more["Andhra Pradesh"] == "place"
    assert more["Holiday Bowl"] == "unknown"  # an event's name: no full name, no person
    assert "place" not in _types(_find(["MPs backed the Road Safety Bill on Monday."])).values()


def test_titles_of_rank_and_office_are_dropped_as_written_with_a_capital():
    result = _find_in_article(
        [
            "Professor Keith Campbell said the study was flawed.",
            "Dame Vivienne Westwood opened a shop, and Judge Jacobus Annandale ruled.",
            "Detective Larry Burcher and Representative Anthony Weiner spoke.",
            "The Rt Rev Michael Scott-Joynt wrote.",
        ]
    )
    types = _types(result)
    for person in (
        "Keith Campbell",
        "Vivienne Westwood",
        "Jacobus Annandale",
        "Larry Burcher",
        "Anthony Weiner",
        "Michael Scott-Joynt",
    ):
        assert types[person] == "person"
    assert not any(actor.split()[0] in {"Professor", "Dame", "Judge", "Rt"} for actor in types)
    # in lower case they stay words of common phrases for the keywords
    assert is_person_title("Professor", ["Li"]) and not is_person_title(
        "representative", ["sample"]
    )


def test_a_person_and_where_they_come_from_are_two_actors():
    result = _find_in_article(
        [
            "Dr. Ann Lee of Harvard Medical School said the drug works.",
            "Sen. Sherrod Brown of Ohio agreed with Kenenisa Bekele of Ethiopia.",
            "Later Bekele and Brown met the Royal Bank of Scotland.",
            "The Basketball Hall of Fame and the National Academy of Sciences wrote.",
        ]
    )
    counts, types = _counts(result), _types(result)
    assert counts["Kenenisa Bekele"] == 2 and counts["Sherrod Brown"] == 2
    assert types["Ann Lee"] == "person" and types["Harvard Medical School"] == "organisation"
    assert types["Ohio"] == "place" and types["Ethiopia"] == "place"
    # names holding "of" stay whole when the words before it are no person's name, or the
    # words after it show no type
    for whole in (
        "Royal Bank of Scotland",
        "Basketball Hall of Fame",
        "National Academy of Sciences",
    ):
        assert whole in counts
    mention = result.mentions.set_index("surface").loc["Harvard Medical School"]
    assert "Dr. Ann Lee of Harvard Medical School"[15:37] == "Harvard Medical School"
    assert (mention["start"], mention["end"]) == (15, 37)


def test_firms_centres_laboratories_and_papers_named_like_people():
    result = _find_in_article(
        [
            "Lehman Brothers collapsed, the Pew Research Center said.",
            "Scientists at Los Alamos National Laboratory and the Mayo Clinic agreed.",
            "The Daily Mail reported it first; the Mail later apologised.",
        ]
    )
    types = _types(result)
    for body in (
        "Lehman Brothers",
        "Pew Research Center",
        "Los Alamos National Laboratory",
        "Mayo Clinic",
        "Daily Mail",
    ):
        assert types[body] == "organisation"
    assert ("Mail", "Daily Mail", "outlet_short_name") in _aliases(result)


def test_offices_and_roles_before_names_are_titles():
    result = _find_in_article(
        [
            "On Monday Labour MP Diane Abbott met Pinal County Sheriff Paul Babeu.",
            "Justice Clarence Thomas and Peter Ainsworth MP disagreed with the Justice Department.",
            "Secretary of State Hillary Clinton met Director of National Intelligence James"
            " Clapper.",
            "The Director of Public Prosecutions and the Chief of Staff stayed away.",
        ]
    )
    types = _types(result)
    for person in ("Diane Abbott", "Paul Babeu", "Clarence Thomas", "Peter Ainsworth"):
        assert types[person] == "person"
    assert types["Hillary Clinton"] == "person" and types["James Clapper"] == "person"
    assert types["Labour"] == "organisation" and types["Pinal County"] == "place"
    assert types["Justice Department"] == "organisation"
    # an office with no name after it is kept whole, not cut to a false name
    assert "Director of Public Prosecutions" in types and "Public Prosecutions" not in types
    assert "State Hillary Clinton" not in types and "Chief of Staff" in types


def test_teams_of_two_word_cities_whatever_their_plural():
    result = _find_in_article(
        [
            "The Los Angeles Dodgers beat the New York Mets on Sunday.",
            "The Dodgers scored twice, and Georgia Adams watched.",
        ]
    )
    types = _types(result)
    assert types["Los Angeles Dodgers"] == "organisation"
    assert types["New York Mets"] == "organisation"
    assert ("Dodgers", "Los Angeles Dodgers", "team_short_name") in _aliases(result)
    assert types["Georgia Adams"] == "person"  # a one-word state is a given name too


def test_plural_roles_after_a_party_and_nationalities_before_a_title():
    result = _find_in_article(
        [
            "On Monday Labour MPs and Scottish MSPs met American President Joe Biden.",
            "The Scottish won, and the AAAs Championships began.",
        ]
    )
    counts = _counts(result)
    assert counts["Labour"] == 1 and "Labour MPs" not in counts
    assert counts["Scottish"] == 1  # the people of the second sentence, not "Scottish MSPs"
    assert counts["Joe Biden"] == 1 and "American" not in counts
    assert "AAAs Championships" in counts  # a plural acronym inside a name stays


def test_an_offices_portfolio_and_rank_are_no_actors():
    result = _find_in_article(
        [
            "On Monday Home Secretary Charles Clarke met Shadow Chancellor Oliver Letwin.",
            "Later Deputy Prime Minister John Prescott and Finance Minister Taro Aso spoke.",
            "Then Children's Minister Margaret Hodge met Scotland Secretary Alistair Darling.",
            "Later Labour MP Diane Abbott met Home Office minister Hazel Blears.",
            "Later Chief Executive Tim Cook met Director General Mark Thompson.",
            "Later Senator Hope Smith wrote about the 19th Century.",
            "Then the Trade and Industry Secretary Patricia Hewitt spoke.",
            "The Secretary of State for Culture, Media and Sport, Tessa Jowell, agreed.",
            "Jacques Barrot, Commissioner for Transport, met the Secretary of Defense.",
            "Later Rice and Defense Secretary Donald Rumsfeld met the President of Turkey.",
        ]
    )
    types = _types(result)
    for office_word in ("Home", "Shadow", "Deputy", "Finance", "Children", "Century"):
        assert office_word not in types
    # portfolios in a list the determiner opens, and after a title and "for" or "of"
    for office_word in ("Trade", "Industry", "Culture", "Media", "Sport", "Transport"):
        assert office_word not in types
    assert "State" not in types and "Defense" not in types
    # a surname before "and" and a place after "of" stay: no determiner opens the list,
    # and "Turkey" is a country before it is a common word
    assert "Rice" in types and types["Turkey"] == "place"
    assert types["Tessa Jowell"] == "person" and types["Donald Rumsfeld"] == "person"
    for person in ("Charles Clarke", "Oliver Letwin", "John Prescott", "Taro Aso"):
        assert types[person] == "person"
    for person in ("Margaret Hodge", "Alistair Darling", "Diane Abbott", "Hazel Blears"):
        assert types[person] == "person"
    # a given name that is also a common word stays in the name
    assert {"Tim Cook", "Mark Thompson", "Hope Smith"} <= set(types)
    assert "Executive Tim Cook" not in types and "General Mark Thompson" not in types
    # parties, places and bodies before a title stay actors
    assert types["Labour"] == "organisation" and types["Scotland"] == "place"
    assert types["Home Office"] == "organisation"


def test_party_labels_are_the_party_and_split_from_a_name():
    result = _find_in_article(
        [
            "On Monday Democrat Joe Manchin said a Tory government would fail.",
            "Later Lib Dem leader Charles Kennedy met the Republican National Committee.",
            "Later Republicans Mike Huckabee and Ann Lee spoke to the Conservative Party.",
        ]
    )
    types = _types(result)
    assert types["Joe Manchin"] == "person" and "Democrat Joe Manchin" not in types
    assert types["Mike Huckabee"] == "person" and types["Charles Kennedy"] == "person"
    for party in ("Democrat", "Tory", "Lib Dem", "Republicans", "Conservative Party"):
        assert types[party] == "organisation"
    assert types["Republican National Committee"] == "organisation"


def test_institutions_named_with_an_adjective_or_a_remit_are_whole():
    result = _find_in_article(
        [
            "On Monday the European Commission wrote to the European Central Bank.",
            "Later the Office for National Statistics and the Commission for Racial Equality"
            " met the Department for Trade and Industry.",
            "Later Smith left Manchester United for Chelsea.",
            "Former Tory minister Ann Lee met the Scottish Parliament.",
        ]
    )
    types = _types(result)
    for body in (
        "European Commission",
        "European Central Bank",
        "Office for National Statistics",
        "Commission for Racial Equality",
        "Department for Trade and Industry",
        "Scottish Parliament",
    ):
        assert types[body] == "organisation"
    for part in ("Commission", "Equality", "Industry", "Parliament", "Former Tory"):
        assert part not in types
    # "for" joins only a body and its remit: two teams stay two
    assert "Manchester United" in types and "Chelsea" in types and types["Tory"]


def test_a_bodys_or_clubs_head_word_alone_is_the_one_it_named_in_full():
    result = _find_in_article(
        [
            "On Monday the European Commission wrote to the House of Lords.",
            "The Commission said the Lords had been told, and the House voted.",
            "Manchester United beat Dundee City, and United scored twice.",
            "The White House and the European Council and the Court of Appeal met.",
        ]
    )
    counts = _counts(result)
    assert counts["European Commission"] == 2 and "Commission" not in counts
    assert counts["House of Lords"] == 2 and "Lords" not in counts
    assert counts["Manchester United"] == 2 and "United" not in counts
    assert counts["House"] == 1 and counts["White House"] == 1  # no such head word
    aliases = _aliases(result)
    assert ("Commission", "European Commission", "institution_short_name") in aliases
    assert ("United", "Manchester United", "team_short_name") in aliases


def test_local_and_military_titles_descriptions_letters_and_named_days_are_no_actors():
    result = _find_in_article(
        [
            "On Monday Congressman Anthony Weiner met Councillor Bob Jones.",
            "Retired Gen. James Jones met Treasurer Peter Costello and Deputy Mayor Sam Hill.",
            "Auditor Hector Balderas (D) wed on Valentine's Day, said John Major.",
            "Grooves in the D ring appeared on April Fools' Day.",
        ]
    )
    types = _types(result)
    for person in ("Anthony Weiner", "Bob Jones", "James Jones", "Peter Costello", "Sam Hill"):
        assert types[person] == "person"
    assert types["Hector Balderas"] == "person" and types["John Major"] == "person"
    for not_actor in ("Retired", "Deputy", "D", "Day", "Valentine", "April Fools"):
        assert not_actor not in types
    assert not any(actor.startswith(("Congressman", "Councillor", "Gen.")) for actor in types)


def test_institutions_named_by_one_word_are_organisations():
    result = _find_in_article(
        [
            "On Monday Fed Chairman Ben Bernanke told the Commons that the Pentagon erred.",
            "Later Nato and Ofcom and the Kremlin and the Treasury agreed.",
        ]
    )
    types = _types(result)
    for body in ("Fed", "Commons", "Pentagon", "Nato", "Ofcom", "Kremlin", "Treasury"):
        assert types[body] == "organisation"
    assert types["Ben Bernanke"] == "person"  # "Fed" is a body, not a description


def test_news_agencies_are_outlets():
    result = _find_in_article(
        ["On Monday Thomson Reuters said its profit rose.", "Reuters and Xinhua reported it."]
    )
    types = _types(result)
    assert types["Thomson Reuters"] == "organisation" and types["Xinhua"] == "organisation"
    assert ("Reuters", "Thomson Reuters", "outlet_short_name") in _aliases(result)


def test_web_and_email_addresses_are_no_actors():
    result = _find_in_article(
        [
            "Read more at http://www.baltimoresun.com and www.ArtsCriticATL.com today.",
            "Write to MediaMoney@cnbc.com about Fox News.",
            "Prices are listed on foxnews.com.",
        ]
    )
    assert set(result.mentions["actor"]) == {"Fox News"}


def test_a_compass_word_before_a_demonym_is_no_actor():
    texts = [
        "The South African government cut taxes.",
        "Officials said the North Korean leader met South Korean envoys.",
        "The West African nations met.",
        "South Africa won the vote.",  # the place itself stays
    ]
    assert _counts(_find_in_article(texts)) == {"South Africa": 1}


def test_a_demonym_of_several_words_used_as_an_adjective_is_no_actor():
    texts = [
        "The film topped the North American box office.",
        "It granted licences to three Middle Eastern groups.",
        "Half of African-American mothers agreed, and MPs debated Anglo-American relations.",
        "Latin American economies and Sub-Saharan African states grew.",
        "Native Americans protested in the Middle East.",  # a people and a place stay
        "The West Lothian side scored.",  # a place's name that ends like a demonym stays
        "The Native American Rights Fund sued.",  # so does a name that opens with one
    ]
    assert _counts(_find_in_article(texts)) == {
        "Native Americans": 1,
        "Middle East": 1,
        "West Lothian": 1,
        "Native American Rights Fund": 1,
    }


def test_a_place_opening_a_sentence_keeps_its_compass_word():
    # the tagger reads a sentence's first "North" as an adverb
    texts = ["North Korea fired a missile.", "South Korea protested.", "Japan said so."]
    assert _counts(_find_in_article(texts)) == {"North Korea": 1, "South Korea": 1, "Japan": 1}


def test_a_noun_before_a_number_is_a_reference_not_an_actor():
    texts = [
        "Winn-Dixie said Chapter 11 protection would help it.",
        "Britain triggered Article 50 in March.",
        "Voters in California backed Proposition 8.",
        "Schools face Title IX cases after Flight 370 vanished.",
    ]
    assert _counts(_find_in_article(texts)) == {
        "Winn-Dixie": 1, "United Kingdom": 1, "California": 1
    }  # fmt: skip
