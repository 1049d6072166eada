"""Periods, groups and coverage of the corpus comparisons."""

import pandas as pd
import pytest
from defaults import GROUPING
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.compare.periods import (
    choose_resolution,
    comparison_coverage,
    group_articles,
    period_label,
    period_start,
    sort_keys,
    stray_dates,
)


def _dates(start: str, days: int, n: int) -> pd.Series:
    step = days / n
    return pd.Series(pd.Timestamp(start) + pd.to_timedelta([int(i * step) for i in range(n)], "D"))


def test_labels_of_each_resolution():
    dates = pd.Series(pd.to_datetime(["2025-03-05", "2025-03-09", "2025-03-10", None]))
    assert period_label(period_start(dates, "day"), "day").tolist()[:3] == [
        "2025-03-05",
        "2025-03-09",
        "2025-03-10",
    ]
    # ISO weeks start on Monday: Wednesday 5 and Sunday 9 March are in the week of Monday 3
    weeks = period_label(period_start(dates, "week"), "week").tolist()
    assert weeks == ["2025-03-03", "2025-03-03", "2025-03-10", None]
    assert period_label(period_start(dates, "month"), "month").tolist()[0] == "2025-03"
    assert period_label(period_start(dates, "year"), "year").tolist()[0] == "2025"


def test_timezone_aware_dates_are_binned_in_utc():
    dates = pd.Series(pd.to_datetime(["2025-03-31T23:30:00-02:00"]))
    assert period_label(period_start(dates, "month"), "month").tolist() == ["2025-04"]


@pytest.mark.parametrize(
    ("start", "days", "n", "expected"),
    [
        ("2025-01-01", 181, 300, "month"),  # 26 weeks of ~12 articles: too few; 6 months of 50
        ("2025-01-01", 181, 10_000, "week"),  # 26 weeks of ~385 articles
        ("2025-01-01", 30, 3_000, "day"),  # 30 days of 100
        ("2023-01-01", 730, 24, "year"),  # no resolution has 20 a period: coarsest with two
        ("2025-01-01", 3, 40, "day"),  # a single week, month and year: only days show a trend
        ("2015-01-01", 3650, 100_000, "year"),  # 120 months is over the cap of 60 periods
        ("2025-01-01", 60, 2_000, "day"),  # 60 days of ~33: finest first
        ("2025-01-01", 50, 400, "week"),  # 8 weeks of 50
    ],
)
def test_auto_resolution(start, days, n, expected):
    assert (
        choose_resolution(
            _dates(start, days, n),
            min_articles_per_period=GROUPING["min_articles_per_period"],
            min_periods=GROUPING["min_periods"],
            max_periods=GROUPING["max_periods"],
        )
        == expected
    )


def test_auto_resolution_without_dates_is_none():
    assert (
        choose_resolution(
            pd.Series([pd.NaT, pd.NaT]),
            min_articles_per_period=GROUPING["min_articles_per_period"],
            min_periods=GROUPING["min_periods"],
            max_periods=GROUPING["max_periods"],
        )
        is None
    )


def _articles():
    return pd.DataFrame(
        {
            "article": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2025-01-10", "2025-02-03", None, "2025-02-20"]),
            "source": ["Ledger", "Wire", "Wire", None],
        }
    )


def test_missing_dates_and_values_are_counted_not_dropped():
    grouping = group_articles(
        _articles(), **{**GROUPING, "period": "month", "group_by": ["source"]}
    )
    coverage = grouping.coverage.set_index("variable")
    assert coverage.loc["date", ["n_articles", "n_present", "n_missing"]].tolist() == [4, 3, 1]
    assert coverage.loc["date", "n_distinct"] == 2
    assert coverage.loc["source", ["n_present", "n_missing", "n_distinct"]].tolist() == [3, 1, 2]
    cells = grouping.membership
    # the undated article is in the whole-span rows only; the one without a source in the
    # whole-corpus rows only
    assert set(cells.loc[cells["article"] == "c", "period"]) == {"all"}
    assert set(cells.loc[cells["article"] == "d", "group"]) == {"all"}
    assert len(cells[(cells["period"] == "all") & (cells["group"] == "all")]) == 4
    assert grouping.reason is None


def test_no_dates_and_no_group_column_skips_with_one_line():
    articles = pd.DataFrame({"article": ["a", "b"], "date": [pd.NaT, pd.NaT]})
    grouping = group_articles(articles, **{**GROUPING, "period": "auto", "group_by": ["source"]})
    assert grouping.is_empty
    assert "\n" not in grouping.reason
    assert "no article has a date" in grouping.reason
    assert "no 'source' column" in grouping.reason


def test_empty_group_values_count_as_missing():
    articles = _articles().assign(source=["", " ", None, pd.NA])
    grouping = group_articles(articles, **{**GROUPING, "period": "month", "group_by": ["source"]})
    assert grouping.group_columns == []
    assert "no article has a 'source' value" in grouping.reason
    assert not grouping.is_empty  # dates still allow the comparison over time


def test_spellings_of_one_outlet_are_one_group_and_noted():
    articles = _articles().assign(source=["The  Wire", "the wire", "The Wire", "Ledger "])
    grouping = group_articles(articles, **{**GROUPING, "period": "month", "group_by": ["source"]})
    cells = grouping.membership
    by_article = cells[cells["group"] == "source"].groupby("article")["value"].first()
    assert by_article.to_dict() == {
        "a": "The Wire",
        "b": "The Wire",
        "c": "The Wire",
        "d": "Ledger",
    }
    row = grouping.coverage.set_index("variable").loc["source"]
    assert row["n_distinct"] == 2
    assert row["note"] == "spellings merged: 'the wire' (1) as 'The Wire'"


def test_unknown_period_is_an_error():
    with pytest.raises(ValueError, match="period"):
        group_articles(_articles(), **{**GROUPING, "period": "fortnight"})


def test_sort_keys_puts_periods_in_order_and_all_last():
    frame = pd.DataFrame(
        {
            "period": ["all", "2025-02", "2025-01", "2025-01"],
            "group": ["all", "all", "source", "all"],
            "value": ["all", "all", "Wire", "all"],
        }
    )
    ordered = sort_keys(frame)
    assert ordered[["period", "group"]].values.tolist() == [
        ["2025-01", "all"],
        ["2025-01", "source"],
        ["2025-02", "all"],
        ["all", "all"],
    ]


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 400)), st.sampled_from([None, "A", "B"])),
        min_size=1,
        max_size=30,
    )
)
def test_every_article_is_in_its_cells_once(rows):
    dates = [
        None if d is None else pd.Timestamp("2024-01-01") + pd.Timedelta(days=d) for d, _ in rows
    ]
    articles = pd.DataFrame(
        {
            "article": [f"x{i}" for i in range(len(rows))],
            "date": pd.to_datetime(pd.Series(dates, dtype="object")),
            "source": [s for _, s in rows],
        }
    )
    grouping = group_articles(articles, **{**GROUPING, "period": "auto", "group_by": ["source"]})
    cells = grouping.membership
    assert not cells.duplicated().any()
    for i, (day, source) in enumerate(rows):
        mine = cells[cells["article"] == f"x{i}"]
        has_source = source is not None and bool(grouping.group_columns)
        dated = day is not None
        assert len(mine) == (1 + dated) * (1 + has_source)


def test_coverage_entry_point_gives_the_table_and_reason():
    result = comparison_coverage(
        _articles().drop(columns="source"), **{**GROUPING, "period": "month"}
    )
    table = result.tables["compare_coverage"]
    assert table["variable"].tolist() == ["date", "source"]
    assert table.loc[1, "note"] == "column absent"
    assert result.reason == "no 'source' column in the metadata, so nothing is compared by source"
    assert "period month (set): 2 periods" in table.loc[0, "note"]


def test_stray_dates_are_placeholders_and_typos_not_early_or_late_news():
    dates = pd.concat(
        [
            _dates("2025-01-01", 181, 300),  # six months of news
            pd.Series(pd.to_datetime(["1900-01-01", "1970-01-01", "2099-12-31"])),
            pd.Series(pd.to_datetime(["2024-07-01", "2025-12-31", None])),  # early, late, none
        ],
        ignore_index=True,
    )
    stray = stray_dates(dates)
    assert dates[stray].dt.strftime("%Y-%m-%d").tolist() == [
        "1900-01-01",
        "1970-01-01",
        "2099-12-31",
    ]


def test_stray_dates_do_not_choose_the_period_and_the_coverage_names_them():
    """Three placeholder dates made a six-month corpus be compared by year."""
    news = _dates("2025-01-01", 181, 300)
    strays = pd.Series(pd.to_datetime(["1900-01-01", "1970-01-01", "2099-12-31"]))
    dates = pd.concat([news, strays], ignore_index=True)
    options = {k: GROUPING[k] for k in ("min_articles_per_period", "min_periods", "max_periods")}
    assert choose_resolution(dates, **options) == choose_resolution(news, **options) == "month"
    articles = pd.DataFrame({"article": [f"a{i}" for i in range(len(dates))], "date": dates})
    result = comparison_coverage(articles, **{**GROUPING, "group_by": []})
    note = result.tables["compare_coverage"].loc[0, "note"]
    assert note.startswith(
        "period month (auto): 6 periods, median 50.5 articles per period; 3 stray"
    )
    assert "(1900-01-01, 1970-01-01, 2099-12-31)" in note
    periods = group_articles(articles, **{**GROUPING, "group_by": []}).membership["period"]
    assert {"1900-01", "1970-01", "2099-12"} <= set(periods)  # each in a period of its own


def test_several_group_columns_each_get_their_rows():
    articles = _articles().assign(desk=["world", None, "world", "business"])
    grouping = group_articles(
        articles, **{**GROUPING, "period": "month", "group_by": ["source", "desk"]}
    )
    whole = grouping.membership[grouping.membership["period"] == "all"]
    assert sorted(set(zip(whole["group"], whole["value"], strict=True))) == [
        ("all", "all"),
        ("desk", "business"),
        ("desk", "world"),
        ("source", "Ledger"),
        ("source", "Wire"),
    ]
    assert grouping.coverage["variable"].tolist() == ["date", "source", "desk"]
    assert grouping.coverage.set_index("variable").loc["desk", "n_missing"] == 1


def test_a_byline_of_two_authors_puts_its_article_in_each_authors_cells():
    articles = pd.DataFrame(
        {
            "article": ["a", "b", "c", "d"],
            "author": ["Ann Lee; Bob Stone", "ann lee", " Bob  Stone ;", None],
        }
    )
    grouping = group_articles(
        articles,
        **{**GROUPING, "group_by": ["author"], "split_values": {"author": [";"]}},
    )
    cells = grouping.membership[grouping.membership["group"] == "author"]
    assert sorted(map(tuple, cells[["article", "value"]].values.tolist())) == [
        ("a", "Ann Lee"),
        ("a", "Bob Stone"),
        ("b", "Ann Lee"),  # the other spelling of one author
        ("c", "Bob Stone"),  # the empty piece after the last separator is no author
    ]
    row = grouping.coverage.set_index("variable").loc["author"]
    assert (row["n_present"], row["n_missing"], row["n_distinct"]) == (3, 1, 2)
    assert row["note"] == (
        "1 article with two or more values, in each of their cells;"
        " spellings merged: 'ann lee' (1) as 'Ann Lee'"
    )


def test_a_list_column_holds_several_values_and_other_text_one():
    articles = pd.DataFrame(
        {
            "article": ["a", "b", "c"],
            "tags": ['["trade", "energy"]', '["trade"]', "[not a list"],
            "source": ["Ledger; Post", "Ledger", "Post"],
        }
    )
    grouping = group_articles(articles, **{**GROUPING, "group_by": ["tags", "source"]})
    cells = grouping.membership
    tags = cells[cells["group"] == "tags"]
    assert sorted(map(tuple, tags[["article", "value"]].values.tolist())) == [
        ("a", "energy"),
        ("a", "trade"),
        ("b", "trade"),
        ("c", "[not a list"),
    ]
    # without separators for it, a text column's value is one value, separators and all
    assert cells[(cells["group"] == "source") & (cells["article"] == "a")]["value"].tolist() == [
        "Ledger; Post"
    ]


def test_the_comparisons_count_only_the_articles_prepare_analysed(tmp_path):
    from analysis.stages import compare as stage

    articles = pd.DataFrame(
        {"article": ["en1", "en2", "es1"], "date": pd.to_datetime(["2025-01-10"] * 3),
         "source": ["Ledger", "Herald", "Ledger"], "analysed": [True, True, False]}
    )  # fmt: skip
    (tmp_path / "articles").mkdir()
    articles.to_parquet(tmp_path / "articles" / "shard-000-of-001.parquet", index=False)
    table = stage.coverage(tmp_path, grouping=GROUPING).tables["compare_coverage"]
    rows = table.set_index("variable")
    assert rows.loc["source", "n_articles"] == 2 and rows.loc["date", "n_articles"] == 2
    assert rows.loc["source", "note"] == "1 article not in English left out (articles.english_only)"
    assert rows.loc["date", "note"].endswith(
        "; 1 article not in English left out (articles.english_only)"
    )


def test_the_period_note_counts_in_words_that_agree():
    dates = pd.Series(pd.to_datetime(["2025-01-03", "2025-01-05"]))
    table = comparison_coverage(
        pd.DataFrame({"article": ["a", "b"], "date": dates}), **{**GROUPING, "period": "day"}
    ).tables["compare_coverage"]
    assert table["note"][0] == "period day (set): 3 periods, median 1 article per period"
