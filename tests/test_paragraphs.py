"""Tests for paragraph units: one per line, or hard-wrapped lines joined."""

from __future__ import annotations

import textwrap

import pytest
from defaults import PREPARE

from analysis.paragraphs import is_hard_wrapped, paragraph_spans, read_lines, wrap_width

PARAGRAPHS = [
    "Japanese Prime Minister Shigeru Ishiba is traveling to the United States on"
    " Thursday to meet with President Donald Trump. The meeting is their first.",
    "Energy cooperation between the two countries could be mutually beneficial, and"
    " officials in Tokyo said a deal on liquefied natural gas was close.",
    "Trade will also be a major topic in the discussions between the two leaders,"
    " who last spoke by telephone in November.",
]


def _wrap(paragraph: str, width: int = 60, indent: str = "") -> str:
    return textwrap.fill(paragraph, width=width, initial_indent=indent, break_on_hyphens=False)


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_blank_line_paragraphs_are_joined_and_keep_their_newlines():
    text = "\n\n".join(_wrap(p) for p in PARAGRAPHS) + "\n"
    assert is_hard_wrapped(text)
    units = _texts(text, paragraph_spans(text, line_breaks=PREPARE["line_breaks"]))
    assert [" ".join(u.split()) for u in units] == PARAGRAPHS
    assert all("\n" in unit for unit in units)


def test_indented_paragraphs_without_blank_lines():
    text = "\n".join(_wrap(p, indent="    ") for p in PARAGRAPHS)
    units = _texts(text, paragraph_spans(text, line_breaks="wrap"))
    assert [" ".join(u.split()) for u in units] == PARAGRAPHS


def test_a_short_line_that_ends_a_sentence_ends_its_paragraph():
    text = "\n".join(_wrap(p) for p in PARAGRAPHS)
    assert is_hard_wrapped(text)
    units = _texts(text, paragraph_spans(text, line_breaks=PREPARE["line_breaks"]))
    assert [" ".join(u.split()) for u in units] == PARAGRAPHS


def test_one_paragraph_per_line_reads_as_before():
    text = "\n".join(PARAGRAPHS) + "\nShort closing line.\n"
    assert not is_hard_wrapped(text)
    assert _texts(text, paragraph_spans(text, line_breaks=PREPARE["line_breaks"])) == [
        *PARAGRAPHS,
        "Short closing line.",
    ]


def test_short_lines_that_end_sentences_are_not_wrapping():
    text = "Tariffs hurt.\nJapan buys gas. It wants more.\nExports rose.\nTroops remain.\n"
    assert not is_hard_wrapped(text)
    assert len(paragraph_spans(text, line_breaks=PREPARE["line_breaks"])) == 4


def test_paragraph_mode_keeps_every_line():
    text = "\n\n".join(_wrap(p) for p in PARAGRAPHS)
    n_lines = len([line for line in text.split("\n") if line])
    assert len(paragraph_spans(text, line_breaks="paragraph")) == n_lines


def test_headings_and_list_items_stay_on_their_own():
    body = _wrap(PARAGRAPHS[0])
    text = f"# Summit\n{body}\n- first item\n- second item that\n  goes on\n## Trade\n{body}"
    units = _texts(text, paragraph_spans(text, line_breaks="wrap"))
    assert units[0] == "# Summit"
    assert units[2:5] == ["- first item", "- second item that\n  goes on", "## Trade"]
    assert units[1] == units[5] == body


def test_a_dash_after_a_full_line_is_wrapped_punctuation():
    text = (
        "Exports to the United States rose sharply this year, officials\n- and economists -\nsaid."
    )
    lines = read_lines(text)
    assert [line.kind for line in lines] == ["text", "item", "text"]
    assert wrap_width(lines) == 62
    units = _texts(text, paragraph_spans(text, line_breaks="wrap"))
    assert units == [text]


def test_table_rows_and_code_fences_are_never_joined():
    text = "| a | b |\n| 1 | 2 |\n```\nx = 1\ny = 2\n```"
    assert [line.kind for line in read_lines(text)] == ["verbatim"] * 6
    assert len(paragraph_spans(text, line_breaks="wrap")) == 6


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match="line_breaks"):
        paragraph_spans("Text.", line_breaks="lines")
