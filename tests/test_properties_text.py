"""Generated-input tests of the text model: any text reads, and every offset is exact."""

from __future__ import annotations

import itertools
import textwrap

import numpy as np
import pandas as pd
import pytest
from defaults import PREPARE
from hypothesis import assume, given
from hypothesis import strategies as st

from analysis.corpus.records import article_name, is_own_name
from analysis.document import Document, analyse_structure, unusable_reason
from analysis.paragraphs import LINE_BREAK_MODES
from analysis.reading import ArticleError, decode_article
from analysis.stats import SECTION_STATS_COLUMNS, section_statistics
from analysis.tokens import is_word

# Pieces that stress the segmenters: abbreviations, quotes, list and Markdown markers,
# every kind of line break, right-to-left and CJK scripts, bidi controls, emoji with
# modifiers, combining marks, control characters, a byte-order mark.
PIECES = [
    "Japan",
    "the",
    "U.S.",
    "Mr.",
    "Trump",
    "said",
    "tariffs",
    "I.",
    "No. 5",
    "3.5",
    "$1.13bn",
    "e.g.",
    ".",
    "!",
    "?",
    "...",
    "…",
    ". . .",
    ",",
    ";",
    ":",
    '"',
    "“",
    "”",
    "’s",
    "n't",
    "(",
    ")",
    "[",
    "]",
    "-",
    "—",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\n\n\n\n",
    "\r\n",
    "\r",
    "\v",
    "\f",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\u00a0",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "a) ",
    "• ",
    "> ",
    "| ",
    "```",
    "---",
    "    ",
    "مرحبا بالعالم",
    "שָׁלוֹם",
    "\u200f",
    "\u202e",
    "石破茂首相は訪米した",
    "。",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "e\u0301",
    "\u0300\u0301",
    "\x00",
    "\x07",
    "\x1b[0m",
    "\ufeff",
    "\ufffd",
    "ǅ",
    "ß",
    "İ",
]
WORDS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
LONG_LINES = st.builds(lambda word, n: (word + " ") * n, WORDS, st.integers(100, 400))
MESSY = st.lists(
    st.one_of(st.sampled_from(PIECES), WORDS, LONG_LINES.filter(lambda _: True)),
    max_size=120,
).map("".join)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
SENTENCES = st.lists(
    st.sampled_from(
        [
            "Japan buys U.S. gas.",
            "Mr. Ishiba met Trump on Friday, officials said.",
            "Will tariffs rise?",
            "“We agreed,” he said.",
            "Exports rose 5.2 percent in January",
            "Energy Cooperation Between Japan and the U.S.",
        ]
    ),
    min_size=1,
    max_size=8,
).map(" ".join)
PARAGRAPH_LISTS = st.lists(SENTENCES, min_size=1, max_size=4)
WIDTHS = st.integers(40, 90)
# Blank lines between paragraphs, first-line indents, or nothing but a short last line.
STYLES = st.sampled_from([("\n\n", ""), ("\n", "  "), ("\n", "")])


def wrap(paragraphs: list[str], width: int, style: tuple[str, str]) -> str:
    separator, indent = style
    return separator.join(textwrap.fill(p, width, initial_indent=indent) for p in paragraphs)


WRAPPED = st.builds(wrap, PARAGRAPH_LISTS, WIDTHS, STYLES)
TEXTS = st.one_of(MESSY, ANY_TEXT, WRAPPED)


def _inside(inner: pd.DataFrame, outer: pd.DataFrame, key: str) -> None:
    """Every row of ``inner`` lies in the row of ``outer`` that its ``key`` names."""
    rows = inner[key].to_numpy()
    assert (outer["start_char"].to_numpy()[rows] <= inner["start_char"].to_numpy()).all()
    assert (inner["start_char"].to_numpy() < inner["end_char"].to_numpy()).all()
    assert (inner["end_char"].to_numpy() <= outer["end_char"].to_numpy()[rows]).all()


def assert_consistent(text: str, doc: Document) -> None:
    """Check ids, nesting, counts and that every offset slices its row's text."""
    sections, paragraphs, sentences, tokens = (
        doc.sections, doc.paragraphs, doc.sentences, doc.tokens,
    )  # fmt: skip
    # Ids count from 0 without gaps, so they index the rows of their tables.
    assert sections["section_id"].tolist() == list(range(len(sections)))
    assert paragraphs["paragraph_id"].tolist() == list(range(len(paragraphs)))
    assert sentences["sentence_id"].tolist() == list(range(len(sentences)))
    assert tokens["token_id"].tolist() == list(range(len(tokens)))
    starts, ends = sections["start_char"].to_numpy(), sections["end_char"].to_numpy()
    assert (starts < ends).all() and (ends[:-1] <= starts[1:]).all()
    assert len(sections) == 0 or (starts[0] >= 0 and ends[-1] <= len(text))
    _inside(paragraphs, sections, "section_id")
    _inside(sentences, paragraphs, "paragraph_id")
    _inside(tokens, sentences, "sentence_id")
    paragraph_sections = paragraphs["section_id"].to_numpy()[sentences["paragraph_id"]]
    assert (paragraph_sections == sentences["section_id"].to_numpy()).all()
    for start, end, sentence in zip(sentences["start_char"], sentences["end_char"],
                                    sentences["text"], strict=True):  # fmt: skip
        assert text[start:end] == sentence
        assert not sentence[0].isspace() and not sentence[-1].isspace()
    for start, end, token in zip(tokens["start_char"], tokens["end_char"], tokens["token"],
                                 strict=True):  # fmt: skip
        assert text[start:end] == token and not token.isspace()
    per_paragraph = np.bincount(sentences["paragraph_id"], minlength=len(paragraphs))
    assert paragraphs["n_sentences"].tolist() == per_paragraph.tolist()
    assert sections["n_tokens"].sum() == len(tokens)
    assert sections["n_sentences"].sum() == len(sentences)
    assert sections["n_paragraphs"].sum() == len(paragraphs)


def assert_column_types(doc: Document, stats: pd.DataFrame) -> None:
    """Counts and offsets are int64, texts str, flags bool, ratios float64, with or without rows."""
    for frame in (doc.sections, doc.paragraphs, doc.sentences, doc.tokens, stats):
        for column, dtype in frame.dtypes.items():
            if column in ("title", "text", "token", "lower", "lemma", "pos"):
                assert dtype == "str", column
            elif column == "is_stopword":
                assert dtype == "bool", column
            elif column in SECTION_STATS_COLUMNS[5:]:
                assert dtype == "float64", column
            else:
                assert dtype == "int64", column


@given(
    text=TEXTS,
    mode=st.sampled_from(LINE_BREAK_MODES),
    detect_headings=st.booleans(),
    drop_boilerplate=st.booleans(),
)
def test_any_text_gives_a_consistent_text_model(text, mode, detect_headings, drop_boilerplate):
    doc = analyse_structure(
        text, detect_headings=detect_headings, line_breaks=mode, drop_boilerplate=drop_boilerplate
    )
    assert_consistent(text, doc)
    stats = section_statistics(doc.sections, doc.sentences, doc.tokens)
    assert stats.columns.tolist() == SECTION_STATS_COLUMNS
    assert stats["section_id"].tolist() == doc.sections["section_id"].tolist()
    assert_column_types(doc, stats)
    words = doc.tokens["token"].map(is_word).to_numpy(dtype=bool)
    assert stats["n_words"].sum() == words.sum()
    assert stats["n_sentences"].tolist() == doc.sections["n_sentences"].tolist()
    reason = unusable_reason(doc)
    assert (reason is None) == words.any()


@given(
    paragraphs=PARAGRAPH_LISTS, width=WIDTHS, style=STYLES.filter(lambda s: s[0] == "\n\n" or s[1])
)
def test_joined_wrapped_lines_give_the_sentences_of_the_unwrapped_text(paragraphs, width, style):
    wrapped = wrap(paragraphs, width, style)
    # Indents mark paragraphs only against unindented continuation lines.
    assume(not style[1] or any(len(p) + len(style[1]) > width for p in paragraphs))
    doc = analyse_structure(wrapped, **{**PREPARE, "detect_headings": False, "line_breaks": "wrap"})
    assert_consistent(wrapped, doc)
    found = doc.sentences["text"].map(lambda s: " ".join(s.split())).tolist()
    unwrapped = analyse_structure(
        "\n".join(paragraphs), **{**PREPARE, "detect_headings": False, "line_breaks": "paragraph"}
    )
    assert found == unwrapped.sentences["text"].tolist()


@given(data=st.binary(max_size=200) | TEXTS.map(lambda t: t.encode("utf-8")))
def test_reading_gives_text_without_lone_surrogates_or_a_clear_error(data):
    try:
        text = decode_article(data, source="article.txt", encoding="utf-8")
    except ArticleError as error:
        assert str(error).startswith("article.txt: ")
    else:
        assert not any("\ud800" <= char <= "\udfff" for char in text)
        assert "\r" not in text and not text.startswith("\ufeff")


@given(text=TEXTS, surrogate=st.characters(categories=("Cs",)))
def test_encoded_lone_surrogates_are_refused_at_reading(text, surrogate):
    data = (text + surrogate).encode("utf-8", "surrogatepass")
    with pytest.raises(ArticleError, match=r"not UTF-8|binary content"):
        decode_article(data, source="article.txt", encoding="utf-8")


@given(ids=st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=8, unique=True))
def test_every_id_gets_a_safe_name_of_its_own(ids):
    names = [article_name(article_id) for article_id in ids]
    for article_id, name in zip(ids, names, strict=True):
        assert is_own_name(name)
        assert article_name(article_id) == name  # the same id, the same name, every run
        if is_own_name(article_id):
            assert name == article_id  # a safe id is its own name
    # Distinct ids, distinct folders, also on a file system that ignores case (a safe id
    # and its other-case twin are the one exception; checking the rows refuses those).
    unsafe = [n for i, n in zip(ids, names, strict=True) if n != i]
    assert len({n.casefold() for n in unsafe}) == len(unsafe)


def _leaves(record: dict, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    """Every value of a nested object that flattening keeps, with its key path."""
    found = []
    for key, value in record.items():
        if isinstance(value, dict) and value:
            found += _leaves(value, (*path, key))
        else:
            found.append(((*path, key), value))
    return found


_KEYS = st.text(alphabet="ab.", min_size=1, max_size=3)
_RECORDS = st.recursive(
    st.integers(0, 9) | st.none(), lambda inner: st.dictionaries(_KEYS, inner, max_size=3)
).filter(lambda value: isinstance(value, dict))


@given(record=_RECORDS)
def test_flattening_a_json_object_keeps_every_value_or_says_which_name_clashes(record):
    from analysis.corpus.files import flatten_record

    leaves = _leaves(record)
    names = [".".join(path) for path, _ in leaves]
    try:
        flat = flatten_record(record)
    except ValueError as error:
        clash = str(error).split("'")[1]
        assert names.count(clash) > 1  # the name it gives is one that two fields share
        return
    assert len(set(names)) == len(names)  # no clash goes unnoticed
    assert flat == {".".join(path): value for path, value in leaves}


@given(
    words=st.lists(
        st.sampled_from(["a", "bb,", "c;", "dd", "e:", "\u3042", "x" * 97]), max_size=700
    ),
    max_words=st.integers(min_value=2, max_value=250),
    max_chars=st.integers(min_value=2, max_value=3000),
)
def test_bounded_sentences_keep_every_character_in_order_and_within_the_bounds(
    words, max_words, max_chars
):
    from analysis.sentences import bounded_sentences

    text = "  ".join(words)
    spans = [(0, len(text))] if words else []
    pieces = bounded_sentences(text, spans, max_words=max_words, max_chars=max_chars)
    if not words:
        assert pieces == []
        return
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(pieces):
        assert end <= start and (text[end:start].isspace() or end == start)
    for start, end in pieces:
        piece = text[start:end]
        assert piece and piece == piece.strip()
        assert len(piece.split()) <= max_words and len(piece) <= max_chars
