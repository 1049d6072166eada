from defaults import PREPARE

from analysis.document import analyse_structure, unusable_reason

TEXT = (
    "Ishiba met Trump in Washington. The U.S. and Japan agreed.\n"
    "Energy Cooperation Between Japan and the U.S.\n"
    "Japan buys U.S. gas. Mr. Smith said so.\n"
    "Exports rose 5.2 percent.\n"
)


def test_structure_offsets_and_counts():
    doc = analyse_structure(TEXT, **PREPARE)
    assert doc.sections["title"].tolist() == ["", "Energy Cooperation Between Japan and the U.S."]
    assert doc.sections["n_paragraphs"].tolist() == [1, 2]
    assert doc.sections["n_sentences"].tolist() == [2, 3]
    # "Ishiba met Trump in Washington ." + "The U.S. and Japan agreed ." and, after the
    # heading, three sentences of five tokens each.
    assert doc.sections["n_tokens"].tolist() == [12, 15]
    for row in doc.sentences.itertuples():
        assert TEXT[row.start_char : row.end_char] == row.text
    assert doc.sentences["text"].tolist()[2:4] == ["Japan buys U.S. gas.", "Mr. Smith said so."]
    assert doc.sentences["sentence_id"].tolist() == list(range(5))
    assert doc.sentences["paragraph_id"].tolist() == [0, 0, 1, 1, 2]
    assert doc.paragraphs["n_sentences"].tolist() == [2, 2, 1]


def test_headings_are_never_inside_sentences():
    doc = analyse_structure(TEXT, **PREPARE)
    assert not doc.sentences["text"].str.contains("Cooperation").any()


WRAPPED = (
    "Japanese Prime Minister Shigeru Ishiba is traveling to the\n"
    "United States. He will meet President Donald Trump on Friday\n"
    "at the White House.\n"
    "\n"
    "Trade will also be a major topic in the discussions between\n"
    "the two leaders.\n"
)


def test_hard_wrapped_paragraphs_span_their_lines_and_sentences_keep_newlines():
    doc = analyse_structure(WRAPPED, **PREPARE)
    assert doc.paragraphs[["start_char", "end_char"]].values.tolist() == [[0, 139], [141, 217]]
    assert doc.sentences["text"].tolist() == [
        "Japanese Prime Minister Shigeru Ishiba is traveling to the\nUnited States.",
        "He will meet President Donald Trump on Friday\nat the White House.",
        "Trade will also be a major topic in the discussions between\nthe two leaders.",
    ]
    for row in doc.sentences.itertuples():
        assert WRAPPED[row.start_char : row.end_char] == row.text
    assert "\n" not in "".join(doc.tokens["token"])


def test_paragraph_mode_reads_every_line_as_a_paragraph():
    doc = analyse_structure(WRAPPED, **{**PREPARE, "line_breaks": "paragraph"})
    assert len(doc.paragraphs) == 5
    assert doc.sentences["text"].tolist()[0] == (
        "Japanese Prime Minister Shigeru Ishiba is traveling to the"
    )


def test_unusable_reason_names_what_is_missing():
    assert unusable_reason(analyse_structure(TEXT, **PREPARE)) is None
    assert unusable_reason(analyse_structure("", **PREPARE)) == "no body text (only headings)"
    assert unusable_reason(analyse_structure("... !!! ???", **PREPARE)) == (
        "no words (only punctuation or symbols)"
    )
    assert unusable_reason(analyse_structure("石破茂首相は訪米した。", **PREPARE)) is None


def test_tables_keep_their_column_types_with_and_without_rows():
    for text in (TEXT, "", "## Only A Heading\n"):
        doc = analyse_structure(text, **PREPARE)
        assert doc.sections.dtypes.astype(str).tolist() == [
            "int64", "str", "int64", "int64", "int64", "int64", "int64", "int64",
        ]  # fmt: skip
        assert doc.paragraphs.dtypes.astype(str).tolist() == ["int64"] * 5
        assert doc.sentences.dtypes.astype(str).tolist() == ["int64"] * 5 + ["str"]
        assert doc.tokens.dtypes.astype(str).tolist() == ["int64"] * 4 + ["str"] * 4 + ["bool"]


def test_sections_without_sentences_count_zero():
    doc = analyse_structure(
        "Summit Results\n## Closing Remarks\nTrade rose.\n",
        **PREPARE,
    )
    assert doc.sections["title"].tolist() == ["Summit Results", "Closing Remarks"]
    assert doc.sections["n_paragraphs"].tolist() == [0, 1]
    assert doc.sections["n_sentences"].tolist() == [0, 1]
    assert doc.sections["n_tokens"].tolist() == [0, 3]


AGENCY_STORY = """Markets Rally

Stocks rose on Friday as banks gained.
(Reporting by Chip Barnett; Editing by Leslie Adler)

Copyright 2011 The Associated Press. All rights reserved. This material may not be \
published, broadcast, rewritten or redistributed.
"""


def test_rights_notices_and_wire_credits_are_left_out_and_counted():
    doc = analyse_structure(AGENCY_STORY, **{**PREPARE, "drop_boilerplate": True})
    assert doc.sentences["text"].tolist() == ["Stocks rose on Friday as banks gained."]
    assert doc.sections["n_boilerplate"].tolist() == [4]
    assert doc.sections["n_sentences"].tolist() == [1]
    assert doc.paragraphs["n_sentences"].tolist() == [1, 0, 0]  # the credit's line too
    assert set(doc.tokens["sentence_id"]) == {0}
    kept = analyse_structure(AGENCY_STORY, **{**PREPARE, "drop_boilerplate": False})
    assert len(kept.sentences) == 5 and kept.sections["n_boilerplate"].tolist() == [0]
    only_notice = analyse_structure("Copyright 2011 Reuters.\n", **PREPARE)
    assert unusable_reason(only_notice) == (
        "no body text (only headings, rights notices or wire credits)"
    )


def test_a_dateline_is_left_out_of_the_first_sentence_with_true_offsets():
    text = "TOKYO (Reuters) - Officials in Tokyo said talks went well.\n\nThey met again.\n"
    doc = analyse_structure(text, **{**PREPARE, "drop_boilerplate": True})
    first = doc.sentences.iloc[0]
    assert first["text"] == "Officials in Tokyo said talks went well."
    assert text[first["start_char"] : first["end_char"]] == first["text"]
    assert "TOKYO" not in set(doc.tokens["token"]) and "Reuters" not in set(doc.tokens["token"])
    assert doc.sections["n_boilerplate"].tolist() == [1]
    kept = analyse_structure(text, **{**PREPARE, "drop_boilerplate": False})
    assert kept.sentences.iloc[0]["text"].startswith("TOKYO (Reuters) - ")


def test_a_stretch_without_a_sentences_end_is_cut_with_a_warning():
    """A transcript without punctuation is one "sentence" of the article's length, which the
    sentiment stage had read in time quadratic in it (VADER, the actors' context rules)."""
    import warnings

    from analysis.reading import ArticleWarning
    from analysis.sentences import MAX_SENTENCE_WORDS

    words = [f"word{i}" + ("," if i == 150 else "") for i in range(450)]
    text = "Officials met. Then " + " ".join(words) + "\nThe end came."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArticleWarning)
        doc = analyse_structure(text, **PREPARE)
    assert [len(s.split()) for s in doc.sentences["text"]] == [2, 152, 200, 99, 3]
    assert doc.sentences["text"].iloc[1].endswith("word150,")
    assert max(len(s.split()) for s in doc.sentences["text"]) <= MAX_SENTENCE_WORDS
    (warning,) = [w for w in caught if w.category is ArticleWarning]
    assert "1 paragraph(s) hold a stretch of more than 200 words or 2,000 characters" in str(
        warning.message
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArticleWarning)
        analyse_structure(TEXT, **PREPARE)
    assert not caught


def test_a_word_longer_than_a_sentence_may_be_is_cut_too():
    """Base64 image data that scraping left in is one "word" of thousands of characters,
    which the tokeniser splits at each "+" and "/" into as many tokens."""
    import warnings

    from analysis.reading import ArticleWarning
    from analysis.sentences import MAX_SENTENCE_CHARS

    blob = "QVBORw0KGgo+AAAA/" * 600  # 10,200 characters, no white space
    text = f"Officials said. {blob} The end."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        doc = analyse_structure(text, **PREPARE)
    lengths = (doc.sentences["end_char"] - doc.sentences["start_char"]).tolist()
    assert max(lengths) <= MAX_SENTENCE_CHARS
    assert doc.sentences["text"].iloc[0] == "Officials said."
    # the rest is cut at the bound, with nothing lost between the pieces
    starts, ends = doc.sentences["start_char"].tolist(), doc.sentences["end_char"].tolist()
    assert starts[1] == text.index(blob) and ends[-1] == len(text)
    assert all(end == start for end, start in zip(ends[1:-1], starts[2:], strict=True))
    assert len(lengths) == 7 and lengths[1:-1] == [MAX_SENTENCE_CHARS] * 5
