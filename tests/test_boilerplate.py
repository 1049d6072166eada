"""Rights notices and wire credits, told from story sentences about rights or reporting."""

from __future__ import annotations

import pytest

from analysis.boilerplate import dateline_length, is_boilerplate


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright 2011 The Associated Press.",
        "© Copyright 2011 Associated Press.",
        "©2010 The Associated Press.",
        "Copyright © 2024 Example News Ltd.",
        "(c) 2011 Reuters",
        "All rights reserved.",
        "This material may not be published, broadcast, rewritten, or redistributed.",
        "(Reporting by Chip Barnett in New York; Editing by Leslie Adler)",
        "(Editing by Vicki Allen)",
        "(Additional reporting by Jane Doe in Paris; Writing by John Roe)",
        "Reporting by Fiona Lau; editing by Chris Lewis.",
        # the marks that end an API's or a feed's excerpt, as sentences of their own
        "[+2345 chars]",
        "[+12,086 chars]",
        "[…]",
        "[&#8230;]",
        "Continue reading…",
    ],
)
def test_notices_and_credits_are_boilerplate(sentence):
    assert is_boilerplate(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright suits rose in 2010.",
        "The copyright case ended on Friday.",
        "Reporting by the Times showed the plan failed.",
        "(c) The third option is worse.",
        "He said all rights were reserved for members.",
        "Editing by committee rarely works.",
        "The material may be published later.",
        "(Reuters) - Stocks rose on Friday.",
        "The chars were left on the grill.",
        "Continue reading the report, he said.",
    ],
)
def test_story_sentences_about_rights_or_reporting_are_not(sentence):
    assert not is_boilerplate(sentence)


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        ("TOKYO (Reuters) - Japan agreed.", "TOKYO (Reuters) - "),
        ("WASHINGTON, Feb 7 (AP) — Officials welcomed it.", "WASHINGTON, Feb 7 (AP) — "),
        ("NEW YORK, March 3 (Reuters) - Stocks rose.", "NEW YORK, March 3 (Reuters) - "),
        ("MBABANE, Swaziland (AP) — A man was held.", "MBABANE, Swaziland (AP) — "),
        ("BEIJING, Jan. 5 (Xinhua) -- China said.", "BEIJING, Jan. 5 (Xinhua) -- "),
        ("LONDON — The bank said.", "LONDON — "),
        ("(Reuters) - Stocks rose.", "(Reuters) - "),
        ("NATO allies met.", ""),
        ("Tokyo - the capital - voted.", ""),
        ("U.S. - Japan talks resumed.", ""),
        ("The U.S. - Japan talks resumed.", ""),
    ],
)
def test_a_dateline_is_the_place_date_and_agency_before_the_dash(sentence, dateline):
    assert sentence[: dateline_length(sentence)] == dateline


def test_an_api_excerpt_mark_is_left_out_of_the_sentences():
    from defaults import PREPARE

    from analysis.document import analyse_structure

    content = (
        "Markets fell sharply on Monday after the central bank raised rates. Investors worried"
        " about growth and the outlook for jobs in the coming year… [+2345 chars]"
    )
    document = analyse_structure(content, **PREPARE)
    assert document.sentences["text"].tolist()[-1].endswith("the coming year…")
    assert "chars" not in set(document.tokens["token"])
    assert document.sections["n_boilerplate"].tolist() == [1]
