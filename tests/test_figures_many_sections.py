"""Per-article figures of articles with very many sections draw a bounded number of them."""

import pandas as pd
from defaults import FIGURE_TOP_N

from analysis.figures import keywords as figures
from analysis.figures import sentiment, topics
from analysis.figures.style import MAX_SECTIONS_SHOWN


def test_a_figure_shows_at_most_max_sections_shown_and_says_so():
    n = MAX_SECTIONS_SHOWN + 6
    keywords = pd.DataFrame(
        {"scope": "section", "section_id": range(n), "rank": 1,
         "keyword": [f"term{i}" for i in range(n)], "score": 1.0}
    )  # fmt: skip
    sections = pd.DataFrame({"section_id": range(n), "title": [f"Part {i}" for i in range(n)]})
    figure = figures.keywords_by_section_figure(keywords, sections, top_n=FIGURE_TOP_N)
    panels = [ax for ax in figure.axes if ax.patches]  # axes with bars
    assert len(panels) == MAX_SECTIONS_SHOWN
    assert f"first {MAX_SECTIONS_SHOWN} of {n} sections" in figure._suptitle.get_text()


def test_the_topic_heatmap_shows_at_most_max_sections_shown_rows_and_says_so(tmp_path):
    n = MAX_SECTIONS_SHOWN + 6
    mixtures = pd.DataFrame(
        {"section_id": [s for s in range(n) for _ in (0, 1)], "topic": [0, 1] * n,
         "weight": [0.25, 0.75] * n}
    )  # fmt: skip
    terms = pd.DataFrame({"topic": [0, 1], "rank": 1, "term": ["tariff", "summit"],
                          "weight": 1.0, "label": ["tariff", "summit"]})  # fmt: skip
    sections = pd.DataFrame({"section_id": range(n), "title": [f"Part {i}" for i in range(n)]})
    figure = topics.section_heatmap(mixtures, terms, sections)
    axes = figure.axes[0]
    assert axes.images[0].get_array().shape == (MAX_SECTIONS_SHOWN, 2)
    assert [label.get_text() for label in axes.get_yticklabels()][-1] == "Part 23"
    assert f"first {MAX_SECTIONS_SHOWN} of {n} sections" in axes.get_title()


def test_the_section_sentiment_figure_keeps_the_article_row_when_it_leaves_sections_out(
    tmp_path,
):
    n = MAX_SECTIONS_SHOWN + 6
    rows = pd.DataFrame(
        {"scope": ["section"] * n + ["article"], "section_id": [*map(str, range(n)), ""],
         "title": [f"Part {i}" for i in range(n)] + [""], "measure": "sentiment",
         "mean": 0.1, "ci_low": 0.0, "ci_high": 0.2, "n_sentences": 3}
    )  # fmt: skip
    figure = sentiment.sections_figure(rows, tmp_path / "sections.png")
    axes = figure.axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert len(labels) == MAX_SECTIONS_SHOWN + 1
    assert sum(label.startswith("WHOLE ARTICLE") for label in labels) == 1
    assert any("Part 23" in label for label in labels)
    assert not any("Part 24" in label for label in labels)
    assert f"first {MAX_SECTIONS_SHOWN} of {n} sections" in axes.get_title()
    assert (tmp_path / "sections.png").stat().st_size > 0
