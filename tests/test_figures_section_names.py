"""Every per-article figure names an untitled section the same way."""

import math

import pandas as pd
import pytest
from defaults import FIGURE_TOP_N
from matplotlib.text import Text

from analysis.figures import keywords, sentiment, topics
from analysis.figures.style import section_name, section_names


@pytest.mark.parametrize(
    ("section_id", "title", "n_sections", "expected"),
    [
        (1, "  Energy talks ", 3, "Energy talks"),
        (0, "", 3, "Lead (untitled)"),
        (0, None, 2, "Lead (untitled)"),
        (0, math.nan, 2, "Lead (untitled)"),
        (2, "   ", 3, "Section 2 (untitled)"),
        (0, "", 1, "Whole text (no headings)"),
        (0, "Summit", 1, "Summit"),
    ],
)
def test_a_section_is_named_by_its_heading_or_else_by_its_place(
    section_id, title, n_sections, expected
):
    assert section_name(section_id, title, n_sections=n_sections) == expected


def test_section_names_count_the_sections_given():
    assert section_names([0, 1], ["", "Trade"]) == {0: "Lead (untitled)", 1: "Trade"}
    assert section_names([0], [""]) == {0: "Whole text (no headings)"}


def _texts(figure) -> str:
    """All text drawn on a figure (titles, tick labels, annotations), one string."""
    return "\n".join(t.get_text() for t in figure.findobj(Text))


SECTIONS = pd.DataFrame({"section_id": [0, 1], "title": ["", "Energy Cooperation"]})


def _keywords_figure():
    rows = pd.DataFrame(
        {"scope": "section", "section_id": [0, 1], "rank": 1,
         "keyword": ["summit", "gas"], "score": [0.4, 0.3]}
    )  # fmt: skip
    return keywords.keywords_by_section_figure(rows, SECTIONS, top_n=FIGURE_TOP_N)


def _topics_figure():
    mixtures = pd.DataFrame({"section_id": [0, 1], "topic": [1, 1], "weight": [1.0, 1.0]})
    terms = pd.DataFrame(
        {"topic": [1], "rank": [1], "term": ["gas"], "weight": [0.5], "label": ["gas"]}
    )
    return topics.section_heatmap(mixtures, terms, SECTIONS)


def _sentiment_figure(tmp_path):
    rows = pd.DataFrame(
        {"scope": ["section", "section", "article"], "section_id": [0.0, 1.0, None],
         "title": ["", "Energy Cooperation", ""], "n_sentences": [2, 3, 5],
         "measure": "sentiment", "mean": [0.1, 0.2, 0.15], "ci_low": [0.0, 0.1, 0.1],
         "ci_high": [0.2, 0.3, 0.2]}
    )  # fmt: skip
    return sentiment.sections_figure(rows, tmp_path / "sections.png")


def test_the_keyword_topic_and_sentiment_figures_name_the_lead_alike(tmp_path):
    drawn = [
        _texts(_keywords_figure()),
        _texts(_topics_figure()),
        _texts(_sentiment_figure(tmp_path)),
    ]
    for text in drawn:
        assert "Lead (untitled)" in text
        assert "Energy Cooperation" in text
        assert "section 0" not in text.lower()
