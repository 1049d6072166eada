"""Keyword figures of articles with very many sections draw a bounded number of panels."""

import pandas as pd
from defaults import FIGURE_TOP_N

from analysis.figures import keywords as figures


def test_a_figure_shows_at_most_max_panels_sections_and_says_so():
    n = figures.MAX_PANELS + 6
    keywords = pd.DataFrame(
        {"scope": "section", "section_id": range(n), "rank": 1,
         "keyword": [f"term{i}" for i in range(n)], "score": 1.0}
    )  # fmt: skip
    sections = pd.DataFrame({"section_id": range(n), "title": [f"Part {i}" for i in range(n)]})
    figure = figures.keywords_by_section_figure(keywords, sections, top_n=FIGURE_TOP_N)
    panels = [ax for ax in figure.axes if ax.patches]  # axes with bars
    assert len(panels) == figures.MAX_PANELS
    assert f"first {figures.MAX_PANELS} of {n} sections" in figure._suptitle.get_text()
