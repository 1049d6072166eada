"""Article text the figure font cannot draw (Japanese, Arabic) is marked in every figure.

Each figure is drawn from small tables whose labels come from a Japanese or Arabic article;
drawing must raise no "Glyph ... missing" warning and the label must read as the marker.
"""

from __future__ import annotations

import io
import textwrap
import warnings

import matplotlib.text
import numpy as np
import pandas as pd
import pytest
from defaults import FIGURE_TOP_N, GROUPING, ROLLING_WINDOW
from hypothesis import given
from hypothesis import strategies as st

from analysis.figures import compare, keywords, sentiment, style, topics
from analysis.figures.style import UNDRAWABLE_RUN, UNDRAWABLE_TEXT, wrap_label

PRIME_MINISTER = "石破茂首相"
TARIFF = "関税"
EXPORTS = "輸出"
NEWSPAPER = "朝日新聞"
AL_JAZEERA = "الجزيرة"
SUMMIT = "قمة"
FOREIGN = set(PRIME_MINISTER + TARIFF + EXPORTS + NEWSPAPER + AL_JAZEERA + SUMMIT)
MARK = UNDRAWABLE_TEXT
RUN = UNDRAWABLE_RUN

GROUP = GROUPING["group_by"][0]


def _plain_save(figure, path) -> None:
    """save_png without its warning filter, so that a missing glyph would be seen."""
    figure.savefig(io.BytesIO(), format="png")


def _draw(make):
    """Build and draw a figure, recording warnings; return (glyph warnings, drawn texts)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = make()
        figure.canvas.draw()
    glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    texts = [" ".join(t.get_text().split()) for t in figure.findobj(matplotlib.text.Text)]
    return glyphs, [text for text in texts if text]


def _assert_marked(make, expected: set[str]) -> None:
    glyphs, texts = _draw(make)
    assert glyphs == []
    assert not [text for text in texts if FOREIGN & set(text)]
    assert expected <= set(texts), sorted(set(texts))


# --- sentiment ------------------------------------------------------------------------------


def sentiment_tables() -> dict[str, pd.DataFrame]:
    sentences = pd.DataFrame(
        {
            "sentence_id": range(5),
            "section_id": [0, 0, 0, 1, 1],
            "sentiment": [0.2, -0.1, 0.4, 0, 0.3],
        }
    )
    sections = pd.DataFrame(
        {
            "scope": ["section", "section", "article"],
            "section_id": [0, 1, None],
            "title": [PRIME_MINISTER, AL_JAZEERA, None],
            "n_sentences": [3, 2, 5],
            "measure": "sentiment",
            "mean": [0.17, 0.15, 0.16],
            "ci_low": [-0.1, 0.0, 0.0],
            "ci_high": [0.4, 0.3, 0.3],
        }
    )
    entities = pd.DataFrame(
        {
            "actor": [PRIME_MINISTER, "Donald Trump", f"Mr {TARIFF}"],
            "scope": "article",
            "actor_type": ["person", "person", "person"],
            "n_mentions": [5, 4, 3],
            "target_sentiment": [0.3, -0.2, 0.1],
            "ci_low": [0.1, -0.5, -0.2],
            "ci_high": [0.5, 0.1, 0.4],
            "sentence_sentiment": [0.2, 0.0, 0.1],
            "sentence_ci_low": [0.0, -0.3, -0.1],
            "sentence_ci_high": [0.4, 0.3, 0.3],
        }
    )
    return {"sentences": sentences, "sections": sections, "entities": entities}


@pytest.fixture
def quiet_save(monkeypatch):
    monkeypatch.setattr(sentiment, "save_png", _plain_save)


def test_sentiment_arc_marks_section_titles(quiet_save, tmp_path):
    t = sentiment_tables()
    _assert_marked(
        lambda: sentiment.arc_figure(
            t["sentences"], t["sections"], tmp_path / "a.png", rolling_window=ROLLING_WINDOW
        ),
        {MARK},
    )


def test_sentiment_sections_mark_titles_and_keep_the_article_row(quiet_save, tmp_path):
    t = sentiment_tables()
    expected = {f"{RUN} (n=3)", f"{RUN} (n=2)", "WHOLE ARTICLE (n=5)"}
    _assert_marked(lambda: sentiment.sections_figure(t["sections"], tmp_path / "s.png"), expected)


def test_sentiment_actors_mark_names_and_keep_latin_ones(quiet_save, tmp_path):
    t = sentiment_tables()
    expected = {
        f"{RUN} (5 mentions, person)",
        "Donald Trump (4 mentions, person)",
        f"Mr {RUN} (3 mentions, person)",
    }
    _assert_marked(lambda: sentiment.actors_figure(t["entities"], tmp_path / "e.png"), expected)


# --- keywords -------------------------------------------------------------------------------


def keywords_tables() -> dict[str, pd.DataFrame]:
    sections = pd.DataFrame({"section_id": [0, 1], "title": [None, AL_JAZEERA]})
    keyword_rows = pd.DataFrame(
        {
            "scope": ["article"] + ["section"] * 4,
            "section_id": [None, 0, 0, 1, 1],
            "rank": [1, 1, 2, 1, 2],
            "keyword": [TARIFF, TARIFF, "Trump", SUMMIT, f"{EXPORTS} Japan"],
            "score": [0.3, 0.3, 0.2, 0.4, 0.1],
        }
    )
    keyness = pd.DataFrame(
        {
            "section_id": [0, 0, 1],
            "term": [PRIME_MINISTER, "summit", AL_JAZEERA],
            "g2": [9.0, 5.0, 7.0],
            "p_value": [0.003, 0.03, 0.008],
            "p_adjusted": [0.006, 0.06, 0.008],
            "log_ratio": [2.5, 1.2, 2.0],
            "sign": [1, 1, 1],
        }
    )
    return {"sections": sections, "keywords": keyword_rows, "keyness": keyness}


def test_keywords_by_section_marks_keywords_and_section_titles():
    t = keywords_tables()
    expected = {MARK, "Trump", f"{RUN} Japan", "0. Lead (untitled)", f"1. {RUN}"}
    _assert_marked(
        lambda: keywords.keywords_by_section_figure(
            t["keywords"], t["sections"], top_n=FIGURE_TOP_N
        ),
        expected,
    )


def test_keyness_per_section_marks_terms():
    t = keywords_tables()
    expected = {MARK, "summit", f"1. {RUN}"}
    _assert_marked(
        lambda: keywords.keyness_figure(t["keyness"], t["sections"], top_n=FIGURE_TOP_N), expected
    )


# --- topics ---------------------------------------------------------------------------------


def topics_tables() -> dict[str, pd.DataFrame]:
    terms = pd.DataFrame(
        {
            "topic": [1, 1, 2, 2],
            "rank": [1, 2, 1, 2],
            "term": [TARIFF, EXPORTS, "tariff", "trade"],
            "weight": [0.3, 0.2, 0.3, 0.2],
            "label": [f"{TARIFF} · {EXPORTS}"] * 2 + ["tariff · trade"] * 2,
        }
    )
    mixtures = pd.DataFrame(
        {"section_id": [0, 0, 1, 1], "topic": [1, 2, 1, 2], "weight": [0.7, 0.3, 0.4, 0.6]}
    )
    sections = pd.DataFrame({"section_id": [0, 1], "title": ["", AL_JAZEERA]})
    documents = pd.DataFrame(
        {
            "article": [NEWSPAPER, NEWSPAPER, f"{NEWSPAPER}-002", f"{NEWSPAPER}-002"],
            "topic": [1, 2, 1, 2],
            "weight": [0.8, 0.2, 0.3, 0.7],
        }
    )
    return {"terms": terms, "mixtures": mixtures, "sections": sections, "documents": documents}


def test_topic_heatmap_marks_topic_labels_and_section_titles():
    t = topics_tables()
    expected = {f"T1: {RUN} · {RUN}", "T2: tariff · trade", "Lead (untitled)", MARK}
    _assert_marked(
        lambda: topics.section_heatmap(t["mixtures"], t["terms"], t["sections"]), expected
    )


def test_topic_terms_mark_terms():
    t = topics_tables()
    _assert_marked(
        lambda: topics.topic_terms(t["terms"], title="Top terms"), {MARK, "tariff", "trade"}
    )


def test_article_mixtures_mark_article_ids_and_the_legend():
    t = topics_tables()
    expected = {MARK, f"{RUN}-002", f"T1: {RUN} · {RUN}"}
    _assert_marked(lambda: topics.article_mixtures(t["documents"], t["terms"]), expected)


# --- compare --------------------------------------------------------------------------------

PERIODS = ["2025-01", "2025-02"]
OUTLETS = [NEWSPAPER, AL_JAZEERA, "Reuters"]


def _cells(**columns) -> pd.DataFrame:
    """Whole-corpus and per-outlet rows for each period and the whole span."""
    keys = [(p, "all", "all") for p in [*PERIODS, "all"]]
    keys += [(p, "source", outlet) for p in [*PERIODS, "all"] for outlet in OUTLETS]
    frame = pd.DataFrame(keys, columns=["period", "group", "value"])
    return frame.assign(**columns)


def sentiment_over_time() -> pd.DataFrame:
    return _cells(n_articles=4, mean=0.1, ci_low=-0.1, ci_high=0.3)


def actors_over_time() -> pd.DataFrame:
    cells = _cells(n_articles=3, mean_sentiment=0.2, ci_low=0.0, ci_high=0.4)
    return pd.concat([cells.assign(actor=PRIME_MINISTER), cells.assign(actor="Donald Trump")])


def topics_over_time() -> pd.DataFrame:
    cells = _cells(n_articles=4)
    return pd.concat(
        [
            cells.assign(topic=1, label=f"{TARIFF} · {EXPORTS}", share=0.6),
            cells.assign(topic=2, label="tariff · trade", share=0.4),
        ]
    )


def group_keyness() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": "all",
            "group": "source",
            "value": [AL_JAZEERA, AL_JAZEERA, "Reuters"],
            "term": [SUMMIT, "summit", TARIFF],
            "direction": ["over", "under", "over"],
            "rank": [1, 1, 1],
            "n_articles_target": [10, 10, 20],
            "g2": [12.0, 4.0, 8.0],
            "p_value": [0.001, 0.04, 0.004],
            "p_adjusted": [0.002, 0.08, 0.004],
            "log_ratio": [1.5, -0.8, 1.1],
        }
    )


def test_keyness_bars_are_pale_when_the_adjusted_p_value_is_not_significant():
    """The term "summit" has p = 0.04 but p = 0.08 adjusted for the terms tested: pale."""
    figure = compare.keyness_figure(group_keyness(), group="source")
    alphas = {}
    for ax in figure.axes:
        labels = [tick.get_text().split("  (")[0] for tick in ax.get_yticklabels()]
        for label, bar in zip(labels, ax.patches, strict=True):
            alphas[(ax.get_title().split(" vs ")[0], label)] = bar.get_alpha()
    # the tariff (p 0.004) and the Arabic summit (p 0.002 adjusted) stay full
    assert alphas == {("Reuters", MARK): 1.0, ("[?]", MARK): 1.0, ("[?]", "summit"): 0.35}
    assert "adjusted p" in figure.texts[0].get_text()


def test_sentiment_over_time_marks_outlets_in_the_legend():
    expected = {MARK, "Reuters", "all articles"}
    _assert_marked(
        lambda: compare.sentiment_over_time_figure(sentiment_over_time(), group=GROUP), expected
    )


def test_actors_over_time_marks_actor_panels():
    expected = {f"{RUN} (3 articles)", "Donald Trump (3 articles)"}
    _assert_marked(lambda: compare.actors_over_time_figure(actors_over_time()), expected)


def test_actors_by_group_marks_actors_and_outlets():
    _assert_marked(
        lambda: compare.actors_by_group_figure(actors_over_time(), group=GROUP), {MARK, "Reuters"}
    )


def test_topics_over_time_marks_topic_labels():
    expected = {f"1: {RUN} · {RUN}", "2: tariff · trade"}
    _assert_marked(lambda: compare.topics_over_time_figure(topics_over_time()), expected)


@pytest.mark.parametrize(("ci_low", "ci_high"), [(0.08, 0.12), (-0.9, 0.95)])
def test_article_counts_beside_actor_intervals_stay_inside_the_axes(ci_low, ci_high):
    """The n= labels sat a fixed 0.01 right of each interval: past the axes, over the legend,
    when intervals were narrow near the right edge."""
    table = _cells(n_articles=2344, mean_sentiment=(ci_low + ci_high) / 2, ci_low=ci_low,
                   ci_high=ci_high)  # fmt: skip
    figure = compare.actors_by_group_figure(table.assign(actor="United States"), group=GROUP)
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)
    (ax,) = figure.axes
    counts = [t for t in ax.texts if t.get_text().startswith("n=")]
    assert counts and all(t.get_text() == "n=2,344" for t in counts)
    frame = ax.get_window_extent(renderer)
    legend = ax.get_legend().get_window_extent(renderer)
    for text in counts:
        box = text.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (box, frame)
        assert box.x1 < legend.x0


def test_a_one_article_cell_without_an_interval_is_labelled_beside_its_dot():
    """A lone dot at -0.7 (one article, so no interval) carried no n= label and read as a
    finding."""
    table = _cells(n_articles=1, mean_sentiment=-0.7, ci_low=np.nan, ci_high=np.nan)
    figure = compare.actors_by_group_figure(table.assign(actor="New Labour"), group=GROUP)
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)
    (ax,) = figure.axes
    counts = [t for t in ax.texts if t.get_text().startswith("n=")]
    assert counts and {t.get_text() for t in counts} == {"n=1"}
    assert all(t.xy[0] == pytest.approx(-0.7) for t in counts)


def test_each_actors_rows_are_set_apart():
    """An actor named by one outlet only had its one dot nearer the next actor's label."""
    table = _cells(n_articles=3, mean_sentiment=0.2, ci_low=0.0, ci_high=0.4)
    names = ["Ann Lee", "Bo Chan", "Cy Diaz"]
    figure = compare.actors_by_group_figure(
        pd.concat([table.assign(actor=name) for name in names]), group=GROUP
    )
    (ax,) = figure.axes
    # one grey band behind the second of three actors, exactly its rows (y 0.5 to 1.5)
    assert [(band.get_y(), band.get_height()) for band in ax.patches] == [(0.5, 1.0)]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == names
    assert sorted(ax.get_ylim()) == [-0.5, 2.5]


def test_topics_by_group_marks_outlets():
    expected = {f"{RUN} (n=4)", "Reuters (n=4)", f"1: {RUN} · {RUN}"}
    _assert_marked(
        lambda: compare.topics_by_group_figure(topics_over_time(), group=GROUP), expected
    )


def test_group_keyness_marks_terms_and_outlets():
    expected = {
        f"{MARK} (G²=12)",
        "summit (G²=4)",
        f"{MARK} (G²=8)",
        f"{RUN} vs other source values (10 articles)",
    }
    _assert_marked(lambda: compare.keyness_figure(group_keyness(), group=GROUP), expected)


# --- the check itself, and latin text ---------------------------------------------------------


def test_unmarked_japanese_labels_would_warn(monkeypatch):
    monkeypatch.setattr(style, "drawable_text", lambda text: text)
    t = keywords_tables()
    glyphs, texts = _draw(
        lambda: keywords.keywords_by_section_figure(
            t["keywords"], t["sections"], top_n=FIGURE_TOP_N
        )
    )
    assert glyphs and TARIFF in texts


@given(st.text(st.characters(codec="latin-1", exclude_categories=("Cc", "Cs")), max_size=80))
def test_latin_labels_wrap_as_before(label):
    assert wrap_label(label, width=20) == ("\n".join(textwrap.wrap(label, width=20)) or label)


def test_a_very_long_value_is_shortened_in_labels():
    assert style.short_label("Reuters") == "Reuters"
    assert style.short_label("A" * 300) == "A" * 39 + "…"
    assert style.short_label("The  Daily\tLedger", max_chars=12) == "The Daily L…"
    assert style.legend_label("A" * 300) == "A" * 24 + "\n" + "A" * 23 + "…"
    assert style.legend_label("BBC / News") == "BBC / News"


LONG_OUTLET = "The " + "Very " * 60 + "Long Outlet"


@pytest.mark.parametrize(
    "draw",
    [
        lambda table: compare.sentiment_over_time_figure(table, group=GROUP),
        lambda table: compare.actors_by_group_figure(
            pd.concat([table.assign(actor="Donald Trump"), table.assign(actor="Japan")]),
            group=GROUP,
        ),
    ],
    ids=["sentiment_over_time", "actors_by_group"],
)
def test_a_very_long_outlet_name_keeps_the_legend_on_the_figure(draw):
    """A 300-character outlet name pushed the legend, and every entry, off the figure."""
    table = _cells(n_articles=4, mean=0.1, ci_low=-0.1, ci_high=0.3, mean_sentiment=0.2)
    table["value"] = table["value"].replace(NEWSPAPER, LONG_OUTLET)
    figure = draw(table)
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)
    legends = [legend for ax in figure.axes if (legend := ax.get_legend()) is not None]
    assert legends
    page = figure.bbox
    for legend in legends:
        box = legend.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 + 1, (box, page)
        assert any(t.get_text().endswith("…") for t in legend.get_texts())


def test_labels_that_would_read_the_same_are_numbered():
    assert style.distinct_labels(["Reuters", MARK, MARK, "AP", MARK]) == [
        "Reuters",
        MARK,
        f"{MARK} (2)",
        "AP",
        f"{MARK} (3)",
    ]


def test_two_outlets_the_font_cannot_draw_stay_apart_in_the_legend():
    """朝日新聞 and الجزيرة both read "[not drawable in this font]": one legend entry each."""
    figure = compare.sentiment_over_time_figure(sentiment_over_time(), group=GROUP)
    (legend,) = [legend for ax in figure.axes if (legend := ax.get_legend()) is not None]
    entries = [text.get_text().replace("\n", " ") for text in legend.get_texts()]
    assert entries.count(MARK) == 1 and entries.count(f"{MARK} (2)") == 1
    assert "Reuters" in entries


def test_actor_panels_share_one_article_scale():
    """Bars of articles naming each actor compare across panels: one scale, labelled once
    a row (each panel had its own, so 100 articles looked alike for every actor)."""
    cells = _cells(mean_sentiment=0.2, ci_low=0.0, ci_high=0.4)
    table = pd.concat(
        [
            cells.assign(actor="Donald Trump", n_articles=90),
            cells.assign(actor="Shigeru Ishiba", n_articles=30),
            cells.assign(actor="Xi Jinping", n_articles=10),
        ]
    )
    figure = compare.actors_over_time_figure(table)
    bar_axes = [ax for ax in figure.axes if ax.patches]
    assert len(bar_axes) == 3
    assert {ax.get_ylim() for ax in bar_axes} == {(0.0, 270.0)}
    heights = [max(patch.get_height() for patch in ax.patches) for ax in bar_axes]
    assert heights == [90, 30, 10]
    labelled = [ax for ax in bar_axes if ax.yaxis.get_tick_params()["labelright"]]
    assert len(labelled) == 1 and labelled[0].get_ylabel() == "articles (grey bars)"
