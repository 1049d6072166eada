from analysis.tokens import (
    TOKEN_COLUMNS,
    is_word,
    lemmatise,
    split_tokens,
    tag_tokens,
    tokenise_sentences,
    typed_frame,
)


def words(text):
    return [text[s:e] for s, e in split_tokens(text)]


def test_acronyms_abbreviations_and_numbers_stay_whole():
    assert words("Mr. Smith paid $14.9 billion in the U.S.-Japan deal.") == [
        "Mr.", "Smith", "paid", "$", "14.9", "billion", "in", "the", "U.S.", "-", "Japan",
        "deal", ".",
    ]  # fmt: skip


def test_a_number_with_separators_keeps_its_unit():
    # "5,000m" was "5", ",", "000m": a keyword "000m" in every story about the 5,000 metres
    assert words("She won the 5,000m, and £1,500bn or 3.5bn euros went on 12,000km of road.") == [
        "She", "won", "the", "5,000m", ",", "and", "£", "1,500bn", "or", "3.5bn", "euros",
        "went", "on", "12,000km", "of", "road", ".",
    ]  # fmt: skip
    assert words("At 10:30am in the 1990s, 24-hour news.") == [
        "At", "10:30am", "in", "the", "1990s", ",", "24", "-", "hour", "news", ".",
    ]  # fmt: skip


def test_clitics_split_penn_style():
    assert words("Japan’s leaders don't agree.") == [
        "Japan", "’s", "leaders", "do", "n't", "agree", ".",
    ]  # fmt: skip


def test_a_name_with_an_elided_particle_is_one_word():
    # "O'Brien" was "O", "'", "Brien": two actors and no keyword
    assert words("O'Brien's aide met D’Alema and Giscard d'Estaing; rock 'n' roll, I'M, 'Hi'") == [
        "O'Brien", "'s", "aide", "met", "D’Alema", "and", "Giscard", "d'Estaing", ";", "rock",
        "'", "n", "'", "roll", ",", "I", "'", "M", ",", "'", "Hi", "'",
    ]  # fmt: skip


def test_hyphenated_words_and_urls():
    assert words("A resource-poor state, see https://example.org/a.") == [
        "A", "resource-poor", "state", ",", "see", "https://example.org/a", ".",
    ]  # fmt: skip


def test_table_offsets_tags_lemmas_and_stop_words():
    text = "Tariffs hurt. The U.S. relies on imports."
    table = tokenise_sentences(text, [(0, 13), (14, len(text))])
    assert list(table.columns) == TOKEN_COLUMNS
    assert all(text[r.start_char : r.end_char] == r.token for r in table.itertuples())
    assert table["token_id"].tolist() == list(range(len(table)))
    assert table["sentence_id"].tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 1]
    row = table.set_index("token").loc
    assert row["Tariffs", "lemma"] == "tariff"
    assert row["relies", "lemma"] == "rely"
    assert row["U.S.", "pos"] == "NNP"
    assert row["imports", "pos"] == "NNS"
    assert bool(row["The", "is_stopword"]) and bool(row["on", "is_stopword"])
    assert not bool(row["imports", "is_stopword"])


def test_proper_nouns_keep_their_spelling():
    assert lemmatise("States", "NNPS") == "States"
    assert lemmatise("Tariffs", "NNS") == "tariff"


def test_a_plural_the_dictionary_lacks_keeps_a_common_singular():
    """lemminflect's rule for unlisted plurals takes "-ies" to "-y" and "-ses" to "-s"."""
    text = "Restaurants must post calories. One calorie is small, and Britain recognises it."
    table = tokenise_sentences(text, [(0, 31), (32, len(text))])
    lemma = dict(zip(table["token"], table["lemma"], strict=True))
    assert lemma["calories"] == lemma["calorie"] == "calorie"  # not "calory"
    assert lemmatise("selfies", "NNS") == "selfie"
    assert lemmatise("recognises", "NNS") == "recognise"  # a verb the tagger took for a plural
    # A rule's lemma that is a common word stays; so does one whose "-ie" form is no word.
    assert lemmatise("spates", "NNS") == "spate"
    assert lemmatise("bursaries", "NNS") == "bursary"
    assert lemmatise("policies", "NNS") == "policy"  # in the dictionary


def test_sentence_initial_capital_is_not_a_proper_noun_unless_the_text_says_so():
    text = "China buys steel. Energy matters. Tariffs on China rose."
    table = tokenise_sentences(text, [(0, 17), (18, 33), (34, len(text))])
    tags = dict(zip(table["token"], table["pos"], strict=False))
    assert tags["China"] == "NNP"  # capitalised mid-sentence elsewhere
    assert tags["Energy"] == "NN"
    assert tags["Tariffs"] == "NNS"


def test_a_plural_after_a_singular_determiner_and_noun_is_a_verb():
    def tag_of(sentence, word):
        tokens = sentence.split()
        return tag_tokens(tokens)[tokens.index(word)]

    assert tag_of("This meeting marks Trump 's second summit .", "marks") == "VBZ"
    assert tag_of("This move aligns with the strategy .", "aligns") == "VBZ"
    assert tag_of("Each source increases the risk .", "increases") == "VBZ"
    # plural nouns stay nouns: no singular determiner, a quantity, or a noun after them
    assert tag_of("The trade talks with Japan ended .", "talks") == "NNS"
    assert tag_of("Officials said that food dyes contribute .", "dyes") == "NNS"
    assert tag_of("It took a couple weeks .", "weeks") == "NNS"
    assert tag_of("He drove a sports car .", "sports") == "NNS"


def test_typed_frame_converts_each_column_once_even_without_rows():
    dtypes = {"n": "int64", "word": "str", "flag": "bool", "ratio": "float64"}
    columns = {"n": [3, 1], "word": ["a", "b"], "flag": [1, 0], "ratio": [0.5, 2]}
    frame = typed_frame(columns, dtypes)
    assert frame.dtypes.astype(str).tolist() == ["int64", "str", "bool", "float64"]
    assert frame["flag"].tolist() == [True, False] and frame["ratio"].tolist() == [0.5, 2.0]
    empty = typed_frame({name: [] for name in dtypes}, dtypes)
    assert empty.empty and empty.dtypes.astype(str).tolist() == ["int64", "str", "bool", "float64"]


def test_no_sentences_give_an_empty_typed_table():
    table = tokenise_sentences("", [])
    assert list(table.columns) == TOKEN_COLUMNS and table.empty
    assert table["is_stopword"].dtype == bool and table["token"].dtype == "str"


def test_html_character_references_are_one_token_each_and_no_word():
    text = "Rainn Wilson &amp; Ellen Page called it &quot;edgy&quot;, Wong&#39;s film isn&#39;t."
    assert words(text) == [
        "Rainn", "Wilson", "&amp;", "Ellen", "Page", "called", "it", "&quot;", "edgy", "&quot;",
        ",", "Wong", "&#39;s", "film", "is", "n&#39;t", ".",
    ]  # fmt: skip
    table = tokenise_sentences(text, [(0, len(text))]).set_index("token")
    assert not is_word("&amp;") and not is_word("&#8217;") and is_word("&#39;s")
    assert table.loc["&amp;", "pos"] == "CC"  # tagged as the "&" it stands for
    assert table.loc["&#39;s", "lemma"] == "'s" and bool(table.loc["&#39;s", "is_stopword"])
    assert table.loc["n&#39;t", "lemma"] == "n't" and bool(table.loc["n&#39;t", "is_stopword"])


def test_ampersand_names_and_web_addresses_stay_whole():
    text = "The S&P 500 and AT&T rose; S&amp;P fell. R&D at foxnews.com, Amazon.com and bbc.co.uk."
    assert words(text) == [
        "The", "S&P", "500", "and", "AT&T", "rose", ";", "S&amp;P", "fell", ".", "R&D", "at",
        "foxnews.com", ",", "Amazon.com", "and", "bbc.co.uk", ".",
    ]  # fmt: skip
    assert words("Smith & Wesson, a.m. and U.S. talks.") == [
        "Smith", "&", "Wesson", ",", "a.m.", "and", "U.S.", "talks", ".",
    ]  # fmt: skip
    assert lemmatise("S&amp;P", "NNP") == "S&P"
    assert tag_tokens(["The", "S&amp;P", "fell"])[1] == "NNP"


def test_party_affiliations_are_one_token_only_where_they_follow_a_name():
    assert words("Sen. Chuck Schumer (D-N.Y.) and Lindsey Graham, R-S.C., spoke.") == [
        "Sen.", "Chuck", "Schumer", "(", "D-N.Y.", ")", "and", "Lindsey", "Graham", ",",
        "R-S.C.", ",", "spoke", ".",
    ]  # fmt: skip
    assert words("The D-N.Y. office") == ["The", "D-N", ".", "Y", ".", "office"]
    assert words("Sen. Ted Cruz (R., Texas) and Rep. Jim Jordan, R., Ohio, spoke.") == [
        "Sen.", "Ted", "Cruz", "(", "R., Texas", ")", "and", "Rep.", "Jim", "Jordan", ",",
        "R., Ohio", ",", "spoke", ".",
    ]  # fmt: skip
    assert words("Plan R., Texas said.")[:3] == ["Plan", "R", "."]


def test_a_party_affiliation_that_ends_its_sentence_is_one_token():
    # the state's last period is also the sentence's ("Graham, R-S.C. ___ CNN's ...")
    assert words("Sens. Harry Reid, D-Nev., and Lindsey Graham, R-S.C.") == [
        "Sens.", "Harry", "Reid", ",", "D-Nev.", ",", "and", "Lindsey", "Graham", ",", "R-S.C.",
    ]  # fmt: skip
    assert words("said Sen. Ted Cruz, R-Texas.")[-2:] == ["R-Texas", "."]
    assert words("Reps. Jim Jordan, R-Ohio; and")[-4:] == [",", "R-Ohio", ";", "and"]
    # not after a name's comma, and not a state: words as before
    assert words("The D-N.Y. office")[:3] == ["The", "D-N", "."]
    assert words("the firm, D-Day veterans")[-2:] == ["D-Day", "veterans"]


def test_british_forms_the_lexicon_lacks_are_tagged_as_their_american_ones():
    tokens = "Whilst she learnt that he had spilt it , the minister criticised them .".split()
    tags = dict(zip(tokens, tag_tokens(tokens), strict=True))
    assert tags["Whilst"] == "IN"  # was a noun, and a keyword candidate
    assert tags["learnt"] == "VBD" and tags["spilt"] == "VBD"
    assert tags["criticised"].startswith("VB")  # the tagger's own rules read -ised
