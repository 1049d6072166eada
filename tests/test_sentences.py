"""Tests for the rule-based sentence segmenter."""

from __future__ import annotations

import itertools

import pytest

from analysis.sentences import sentence_texts, split_sentences

HYPHEN_BULLET = "\u2043"


def _check(text: str, expected: list[str]) -> None:
    """Assert the sentences of ``text`` and that every span slices out its sentence."""
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected
    assert sentence_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."]),
        ("Why now? Nobody knows.", ["Why now?", "Nobody knows."]),
        ("There it is! I found it.", ["There it is!", "I found it."]),
        (
            "Hello!! Long time. Hi?? Who? Really!? Yes?! OK.",
            ["Hello!!", "Long time.", "Hi??", "Who?", "Really!?", "Yes?!", "OK."],
        ),
    ],
)
def test_plain_terminators(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones and Prof. Lee.", ["Mr. Smith met Dr. Jones and Prof. Lee."]),
        ("Gov. Newsom and Sen. Ted Cruz spoke.", ["Gov. Newsom and Sen. Ted Cruz spoke."]),
        ("I can see Mt. Fuji from St. Louis.", ["I can see Mt. Fuji from St. Louis."]),
        ("It was Smith vs. Jones.", ["It was Smith vs. Jones."]),
        ("Please turn to p. 55 now.", ["Please turn to p. 55 now."]),
        ("He ranked No. 2 and Nos. 3 and 4 too.", ["He ranked No. 2 and Nos. 3 and 4 too."]),
        ("The attacks of Sept. 11 changed it.", ["The attacks of Sept. 11 changed it."]),
        ("It took approx. 14 days.", ["It took approx. 14 days."]),
        ("They met Pitt & Co. at noon.", ["They met Pitt & Co. at noon."]),
        ("Ask Jane and co. They know.", ["Ask Jane and co.", "They know."]),
        ("Apple Inc. It grew.", ["Apple Inc.", "It grew."]),
        ("That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]),
        ("Fruit, nuts, etc. Then tea.", ["Fruit, nuts, etc.", "Then tea."]),
    ],
)
def test_abbreviations(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My name is Jonas E. Smith.", ["My name is Jonas E. Smith."]),
        ("President George W. Bush spoke.", ["President George W. Bush spoke."]),
        (
            "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
            ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
        ),
        ("J. Smith said so.", ["J. Smith said so."]),
        ("We chose Plan B. It worked.", ["We chose Plan B.", "It worked."]),
    ],
)
def test_initials(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. President Donald Trump met Ishiba. The U.S. wants more.",
            ["U.S. President Donald Trump met Ishiba.", "The U.S. wants more."],
        ),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("I live in the E.U. How about you?", ["I live in the E.U.", "How about you?"]),
        ("I work for the U.S. Government.", ["I work for the U.S. Government."]),
        ("I have lived in the U.S. for 20 years.", ["I have lived in the U.S. for 20 years."]),
        ("I visited the U.S.A. last year.", ["I visited the U.S.A. last year."]),
        (
            "The U.S.-Japan alliance held. Both agreed.",
            ["The U.S.-Japan alliance held.", "Both agreed."],
        ),
        (
            "Nippon Steel's bid for U.S. Steel failed. It was blocked.",
            ["Nippon Steel's bid for U.S. Steel failed.", "It was blocked."],
        ),
        (
            "Nippon Steel wants to buy U.S. Steel. Trump objects.",
            ["Nippon Steel wants to buy U.S. Steel.", "Trump objects."],
        ),
        ("Talks with the U.K. The U.N. joined.", ["Talks with the U.K.", "The U.N. joined."]),
    ],
)
def test_acronyms(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith "
            "then went to the store.",
            [
                "At 5 a.m. Mr. Smith went to the bank.",
                "He left the bank at 6 P.M.",
                "Mr. Smith then went to the store.",
            ],
        ),
        ("They meet at 3 p.m. Tuesday in Tokyo.", ["They meet at 3 p.m. Tuesday in Tokyo."]),
        ("Talks ended at 6 p.m. Officials left.", ["Talks ended at 6 p.m.", "Officials left."]),
    ],
)
def test_clock_times(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She has $100.00 in her bag.", ["She has $100.00 in her bag."]),
        ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
        (
            "The bid was worth $14.9 billion. It failed.",
            ["The bid was worth $14.9 billion.", "It failed."],
        ),
        (
            "Her email is Jane.Doe@example.com. I sent her an email.",
            ["Her email is Jane.Doe@example.com.", "I sent her an email."],
        ),
        (
            "See https://www.example.50.com/new-site/page.html. Please check it out.",
            ["See https://www.example.50.com/new-site/page.html.", "Please check it out."],
        ),
        (
            "You can find it at N°. 1026.253.553. That is where it is.",
            ["You can find it at N°. 1026.253.553.", "That is where it is."],
        ),
    ],
)
def test_numbers_emails_urls(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said, "This is great." she left.', ['She said, "This is great." she left.']),
        ("She said, 'This is great.' she left.", ["She said, 'This is great.' she left."]),
        ('She said, "This is great." She left.', ['She said, "This is great."', "She left."]),
        ("He said, “We will win.” Then he left.", ["He said, “We will win.”", "Then he left."]),
        ("“Why?” he asked. “Because.”", ["“Why?” he asked.", "“Because.”"]),
        (
            "He teaches science (He worked as an engineer.) at the University.",
            ["He teaches science (He worked as an engineer.) at the University."],
        ),
        ("It fell (sharply). Then it rose.", ["It fell (sharply).", "Then it rose."]),
        (
            "She works at Yahoo! in the accounting department.",
            ["She works at Yahoo! in the accounting department."],
        ),
        # Quotes left as HTML character references by a scraper.
        (
            "He said &quot;We will win.&quot; Then he left. &#8220;Mr. Li?&#8221; &quot;No.",
            [
                "He said &quot;We will win.&quot;",
                "Then he left.",
                "&#8220;Mr. Li?&#8221;",
                "&quot;No.",
            ],
        ),
        ("&quot;U.S. talks failed,&quot; he said.", ["&quot;U.S. talks failed,&quot; he said."]),
    ],
)
def test_quotes_and_parentheses(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I never meant that.... She left.", ["I never meant that....", "She left."]),
        ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
        ("I was really ... well, I mean...see.", ["I was really ... well, I mean...see."]),
        ("The thing is . . . I didn't mean it.", ["The thing is . . . I didn't mean it."]),
        (
            '"Bohr [...] used stairways [...]" (Smith 55).',
            ['"Bohr [...] used stairways [...]" (Smith 55).'],
        ),
        ("End with a period . . . . Next one.", ["End with a period . . . .", "Next one."]),
        (
            "It weakened . . . into compounds. . . . The practice went on. . . .",
            ["It weakened . . . into compounds.", ". . . The practice went on. . . ."],
        ),
    ],
)
def test_ellipses(text: str, expected: list[str]) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
        ("1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        (
            "• 9. The first item • 10. The second item",
            ["• 9. The first item", "• 10. The second item"],
        ),
        (
            f"{HYPHEN_BULLET}9. The first item {HYPHEN_BULLET}10. The second item",
            [f"{HYPHEN_BULLET}9. The first item", f"{HYPHEN_BULLET}10. The second item"],
        ),
        (
            "a. The first b. The second c. The third",
            ["a. The first", "b. The second", "c. The third"],
        ),
        ("1. Prices rose by 3 percent.", ["1. Prices rose by 3 percent."]),
    ],
)
def test_list_items(text: str, expected: list[str]) -> None:
    _check(text, expected)


def test_lines_never_join() -> None:
    text = "Energy Cooperation Between Japan and the U.S.\nJapan relies on imports.\n\n  Done "
    _check(
        text, ["Energy Cooperation Between Japan and the U.S.", "Japan relies on imports.", "Done"]
    )


def test_heading_without_period_is_its_own_sentence() -> None:
    _check("Trade Talks\nTrade will be a topic.", ["Trade Talks", "Trade will be a topic."])


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "  First one.   Second one!  "
    assert split_sentences(text) == [(2, 12), (15, 26)]


def test_start_and_end_limit_the_window_and_keep_offsets() -> None:
    text = "Skip this. Keep this. And this. Not this."
    start = text.index("Keep")
    end = text.index("Not")
    spans = split_sentences(text, start=start, end=end)
    assert [text[s:e] for s, e in spans] == ["Keep this.", "And this."]
    assert spans[0][0] == start


def test_window_ignores_text_before_start() -> None:
    # Seen whole, "Hello.Mr" is one unknown word; the window starts a clean "Mr.".
    text = "Hello.Mr. Smith left."
    assert sentence_texts(text) == ["Hello.Mr.", "Smith left."]
    spans = split_sentences(text, start=6)
    assert [text[s:e] for s, e in spans] == ["Mr. Smith left."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t "])
def test_empty_input(text: str) -> None:
    assert split_sentences(text) == []
    assert sentence_texts(text) == []


def test_spans_are_ordered_and_disjoint_on_news() -> None:
    text = (
        "Japan relies on the U.S. military. Ishiba met Trump on Feb. 7 at 1 p.m. "
        "The two leaders agreed. “It was a good meeting,” Ishiba said."
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Japan relies on the U.S. military.",
        "Ishiba met Trump on Feb. 7 at 1 p.m.",
        "The two leaders agreed.",
        "“It was a good meeting,” Ishiba said.",
    ]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
