"""A group column of many values (a corpus of hundreds of outlets): the comparison figures
draw the values with the most articles and say so; the tables keep every value."""

from __future__ import annotations

import matplotlib.text
import pandas as pd

from analysis.compare.periods import ALL
from analysis.figures import compare
from analysis.figures.compare import MAX_VALUES_DRAWN, values_to_draw

# Outlet i has i + 1 articles; "Outlet 10" and "Outlet 11" have the most.
OUTLETS = [f"Outlet {i:02d}" for i in range(12)]
SIZES = dict(zip(OUTLETS, range(1, 13), strict=True))


def _membership() -> pd.DataFrame:
    rows = []
    for outlet, size in SIZES.items():
        for n in range(size):
            article = f"{outlet}-{n}"
            rows += [(article, ALL, ALL, ALL), (article, ALL, "source", outlet)]
            rows.append((article, "2025-01", "source", outlet))  # a period's row: not counted
    return pd.DataFrame(rows, columns=["article", "period", "group", "value"])


def _cells(**columns) -> pd.DataFrame:
    keys = [(ALL, ALL, ALL), ("2025-01", ALL, ALL), ("2025-02", ALL, ALL)]
    keys += [(p, "source", o) for p in (ALL, "2025-01", "2025-02") for o in OUTLETS]
    return pd.DataFrame(keys, columns=["period", "group", "value"]).assign(**columns)


def _texts(figure) -> set[str]:
    figure.canvas.draw()
    return {" ".join(t.get_text().split()) for t in figure.findobj(matplotlib.text.Text)}


def _outlets_drawn(figure) -> set[str]:
    return {o for o in OUTLETS if any(o in text for text in _texts(figure))}


def test_the_values_with_the_most_articles_are_drawn_in_name_order():
    shown = values_to_draw(_membership(), ["source"])
    assert MAX_VALUES_DRAWN == 8
    assert shown == {"source": ([f"Outlet {i:02d}" for i in range(4, 12)], 12)}
    # ties go by name; at most the limit, every value when there are fewer
    few = values_to_draw(_membership(), ["source"], limit=20)
    assert few["source"] == (OUTLETS, 12)
    tied = pd.DataFrame(
        [("a", ALL, "source", "B"), ("b", ALL, "source", "A"), ("c", ALL, "source", "C")],
        columns=["article", "period", "group", "value"],
    )
    assert values_to_draw(tied, ["source"], limit=2)["source"] == (["A", "B"], 3)


def test_each_figure_by_group_draws_the_chosen_values_and_says_how_many_of_how_many():
    shown = values_to_draw(_membership(), ["source"])["source"]
    note = "(the 8 of 12 source values with the most articles)"
    actors = pd.concat(
        [
            _cells(n_articles=3, mean_sentiment=0.2, ci_low=0.0, ci_high=0.4).assign(actor=a)
            for a in ("Donald Trump", "Shigeru Ishiba")
        ]
    )
    keyness = pd.DataFrame(
        {"period": ALL, "group": "source", "value": OUTLETS, "term": "tariff",
         "direction": "over", "rank": 1, "n_articles_target": 5, "g2": 9.0,
         "p_value": 0.01, "p_adjusted": 0.02, "log_ratio": 1.0}
    )  # fmt: skip
    figures = {
        "sentiment": lambda s: compare.sentiment_over_time_figure(
            _cells(n_articles=4, mean=0.1, ci_low=-0.1, ci_high=0.3), group="source", shown=s
        ),
        "actors": lambda s: compare.actors_by_group_figure(actors, group="source", shown=s),
        "topics": lambda s: compare.topics_by_group_figure(
            _cells(n_articles=4, topic=1, label="tariff · trade", share=1.0),
            group="source",
            shown=s,
        ),
        "keyness": lambda s: compare.keyness_figure(keyness, group="source", shown=s),
    }
    for name, draw in figures.items():
        figure = draw(shown)
        assert _outlets_drawn(figure) == set(shown[0]), name
        assert any(note in text for text in _texts(figure)), name
        everything = draw(None)  # without a choice, every value, and no note
        assert _outlets_drawn(everything) == set(OUTLETS), name
        assert not any("values with the most articles" in t for t in _texts(everything)), name


def test_no_note_when_every_value_is_drawn():
    few = values_to_draw(_membership(), ["source"], limit=12)["source"]
    table = _cells(n_articles=4, mean=0.1, ci_low=-0.1, ci_high=0.3)
    figure = compare.sentiment_over_time_figure(table, group="source", shown=few)
    assert _outlets_drawn(figure) == set(OUTLETS)
    assert not any("values with the most articles" in t for t in _texts(figure))
