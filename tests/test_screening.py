"""Warnings about article texts that are analysed but may mislead."""

import pytest

from analysis.corpus.screening import (
    has_words,
    mojibake,
    repeated_texts,
    text_warnings,
)

NEWS = (
    "The prime minister met the president on Thursday, and the two leaders said that the"
    " alliance was stronger than it had been for years."
)


def test_plain_english_news_gets_no_warning():
    assert text_warnings(NEWS, source="a.txt") == []


def test_markup_and_character_references_are_named():
    text = "<p>H&amp;M profit misses estimates, says friend&#39;s report &#8217;</p> " + NEWS
    warnings = text_warnings(text, source="news.csv row 3")
    assert warnings == [
        "news.csv row 3: contains HTML markup; it is analysed as plain text",
        "news.csv row 3: contains HTML character references (&amp; &#39; &#8217;); they are read"
        " as the characters they stand for, and the tables' text and offsets keep them as written",
    ]


def test_an_ampersand_in_prose_is_no_character_reference():
    assert text_warnings("Procter & Gamble; AT&T rose. " + NEWS, source="a.txt") == []


@pytest.mark.parametrize(
    ("text", "word", "meant"),
    [
        ("The designer at HermÃ¨s said the house would grow.", "HermÃ¨s", "Hermès"),
        ("Ishibaâ€™s visit to Washington was a success.", "Ishibaâ€™s", "Ishiba’s"),
        ("Tickets cost 5Â£ at the door.", "5Â£", "5£"),
    ],
)
def test_text_decoded_with_the_wrong_encoding_is_named_with_its_repair(text, word, meant):
    (warning,) = text_warnings(text, source="news.csv row 4")
    assert warning.startswith("news.csv row 4: contains text decoded with the wrong encoding")
    assert f"{word!r} for {meant!r}" in warning


def test_accented_names_and_curly_quotes_are_no_mojibake():
    text = (
        "In São Paulo, Ångström and Øresund met Ça va, Ñandú, Straße, Þór, Łódź and Đà Nẵng; "
        "“naïve” – said the café’s owner, «Ça» 20°C, 5½ years, £5 and €3."
    )
    assert mojibake(text) is None


def test_text_in_another_language_is_not_screened_here():
    # analysis.language tells it (prepare warns, and leaves the article out of the analyses)
    german = (
        "Der Premierminister traf den Präsidenten am Donnerstag, und die beiden sagten, dass"
        " das Bündnis stärker sei als seit Jahren, wie die Regierung mitteilte."
    )
    assert text_warnings(german, source="german.txt") == []
    assert has_words(german) and not has_words("?! ...")


def test_text_cut_at_excels_cell_limit_is_named():
    cut = (NEWS + " ") * (32_767 // (len(NEWS) + 1) + 1)
    assert text_warnings(cut[:32_767], source="coded.xlsx row 9") == [
        "coded.xlsx row 9: the text is 32,767 characters long, the most an Excel cell holds;"
        " if the corpus passed through Excel, the rest of the article was cut off"
    ]
    assert text_warnings(cut[:32_766], source="coded.xlsx row 9") == []


@pytest.mark.parametrize(
    ("ending", "mark"),
    [("… [+2345 chars]", "[+2345 chars]"), ("...[+12,008 chars]", "[+12,008 chars]"),
     (" […]", "[…]"), (" [&#8230;]", "[&#8230;]"), ("\nContinue reading...", "Continue reading..."),
     (" Continue reading…\n", "Continue reading…")],
)  # fmt: skip
def test_an_excerpt_that_an_api_or_feed_gave_is_named(ending, mark):
    warnings = text_warnings(NEWS + ending, source="newsapi.json articles item 4")
    assert (
        f"newsapi.json articles item 4: the text ends with {mark!r}, the mark of an excerpt"
        " that a news API or feed gives in place of the article; only the excerpt is analysed"
    ) in warnings


def test_text_that_only_mentions_reading_on_is_no_excerpt():
    for text in (NEWS + " She said: continue reading the report.", "Chars [+5] rose. " + NEWS):
        assert text_warnings(text, source="a.txt") == []


def test_repeated_texts_point_to_the_first_article_with_that_text_in_name_order():
    repeats = repeated_texts(["c", "a", "b", "d"], ["wire", "wire", "own", "wire"])
    assert repeats == {"c": "a", "d": "a"}
    assert repeated_texts(["a", "b"], ["Text.", "Text. "]) == {}  # exact copies only
