"""Keyness between groups: G², p-value and log ratio of each value's articles against the
rest's."""

import math

import numpy as np
import pandas as pd
from defaults import COMPARE
from scipy.stats import chi2

from analysis.compare.keyness import GROUP_KEYNESS_COLUMNS, group_keyness, keyness_scores

COLUMNS = ["period", "group", "value", "term", "count", "articles", "n_articles"]
#: Articles per outlet.
N_ARTICLES = {"Ledger": 10, "Post": 10, "Wire": 20}


def _counts(rows):
    """Rows of (period, group, value, term, uses, articles using it); the cell's articles
    from :data:`N_ARTICLES` (1 for values it lacks)."""
    rows = [(*row, N_ARTICLES.get(row[2], 1)) for row in rows]
    return pd.DataFrame(rows, columns=COLUMNS)


COUNTS = _counts(
    [
        ("all", "source", "Ledger", "trade", 30, 6),
        ("all", "source", "Ledger", "energy", 70, 9),
        ("all", "source", "Post", "trade", 30, 5),
        ("all", "source", "Post", "energy", 50, 4),
        ("all", "source", "Post", "blockade", 20, 8),
        ("all", "source", "Wire", "trade", 40, 10),
        ("all", "source", "Wire", "energy", 60, 10),
    ]
)


def _g2(a, b, c, d):
    """Dunning's G² written out cell by cell (Rayson & Garside 2000)."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    e3 = c * (c + d - a - b) / (c + d)
    e4 = d * (c + d - a - b) / (c + d)
    cells = [(a, e1), (b, e2), (c - a, e3), (d - b, e4)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_term_of_one_outlet_only_is_its_top_over_used_term():
    table = group_keyness(COUNTS, min_count=1, top_n=COMPARE["keyness_top_n"]).tables[
        "group_keyness"
    ]
    assert list(table.columns) == GROUP_KEYNESS_COLUMNS
    post = table[(table["value"] == "Post") & (table["direction"] == "over")].iloc[0]
    assert post["term"] == "blockade" and post["rank"] == 1
    assert (post["articles_target"], post["articles_reference"]) == (8, 0)
    assert (post["n_articles_target"], post["n_articles_reference"]) == (10, 30)
    assert (post["freq_target"], post["freq_reference"]) == (20, 0)
    assert (post["size_target"], post["size_reference"]) == (100, 200)
    # G² of the articles' table: 8 of 10 articles against 0 of 30
    assert np.isclose(post["g2"], _g2(8, 0, 10, 30))
    # Hardie's log ratio of the shares of articles, the zero replaced by 0.5
    assert np.isclose(post["log_ratio"], math.log2((8 / 10) / (0.5 / 30)))
    # Expected 2 articles of 8 in the Post: exact, 2 x 0.25^8
    assert np.isclose(post["p_value"], 2 * 0.25**8)
    others = table[(table["value"] != "Post") & (table["term"] == "blockade")]
    assert set(others["direction"]) == {"under"}


def test_g2_and_direction_of_an_ordinary_term():
    table = group_keyness(COUNTS, min_count=1, top_n=COMPARE["keyness_top_n"]).tables[
        "group_keyness"
    ]
    ledger = table[(table["value"] == "Ledger") & (table["term"] == "energy")].iloc[0]
    assert ledger["direction"] == "over"  # 9 of 10 articles against 14 of 30
    assert np.isclose(ledger["g2"], _g2(9, 14, 10, 30))
    # Expected 5.75 and 17.25 articles: G²'s chi-squared tail
    assert np.isclose(ledger["p_value"], chi2.sf(_g2(9, 14, 10, 30), df=1))
    # The Post uses "energy" in 4 of its 10 articles, the rest in 19 of 30
    post = table[(table["value"] == "Post") & (table["term"] == "energy")].iloc[0]
    assert post["direction"] == "under"


def test_a_term_bursting_in_few_articles_is_not_an_outlets_word():
    """Words cluster in articles: 300 uses of "tariff" by the Ledger in 3 of its 100
    articles, against 100 uses in 3 of the Post's 100. In words a p-value near 0; in
    articles the two outlets are alike."""
    counts = pd.DataFrame(
        [
            ("all", "source", "Ledger", "tariff", 300, 3, 100),
            ("all", "source", "Ledger", "vote", 10_000, 100, 100),
            ("all", "source", "Post", "tariff", 100, 3, 100),
            ("all", "source", "Post", "vote", 10_200, 100, 100),
        ],
        columns=COLUMNS,
    )
    from analysis.compare.keyness import keyness_scores

    scores = keyness_scores(counts, min_count=1)
    ledger = scores[(scores["value"] == "Ledger") & (scores["term"] == "tariff")].iloc[0]
    assert (ledger["sign"], ledger["p_value"]) == (0, 1.0)
    table = group_keyness(counts, min_count=1, top_n=5).tables["group_keyness"]
    assert "tariff" not in set(table["term"])  # the same share of articles: not listed
    word_g2 = _g2(300, 100, 10_300, 10_300)
    assert chi2.sf(word_g2, df=1) < 1e-20


def test_terms_in_few_articles_are_left_out_and_top_n():
    # min_count counts articles: "blockade" is used 20 times, by 8 articles
    table = group_keyness(COUNTS, min_count=9, top_n=1).tables["group_keyness"]
    assert "blockade" not in set(table["term"])
    table = group_keyness(COUNTS, min_count=8, top_n=1).tables["group_keyness"]
    assert "blockade" in set(table["term"])
    assert table.groupby(["value", "direction"]).size().max() == 1


def test_whole_corpus_rows_and_single_valued_groups_are_not_compared():
    counts = _counts([("all", "all", "all", "trade", 5, 2), ("all", "desk", "Only", "trade", 5, 2)])
    result = group_keyness(counts, min_count=1, top_n=COMPARE["keyness_top_n"])
    assert result.tables["group_keyness"].empty
    assert "two or more values" in result.reason


def test_too_few_words_is_not_reported_as_too_few_values():
    """Two outlets whose terms all fall under min_count: the values are there, the words
    are not, and the reason says so."""
    counts = _counts(
        [("all", "source", "Ledger", "trade", 2, 1), ("all", "source", "Post", "gas", 1, 1)]
    )
    result = group_keyness(counts, min_count=5, top_n=COMPARE["keyness_top_n"])
    assert result.tables["group_keyness"].empty
    assert result.reason == (
        "no term is used by 5 or more articles of the values compared"
        " (compare.keyness_min_count), so there is no keyness to measure"
    )


def test_periods_are_compared_within_themselves():
    counts = pd.concat(
        [
            COUNTS,
            COUNTS.assign(period="2025-01"),
            COUNTS.assign(period="2025-02", count=1, articles=1),
        ]
    )
    table = group_keyness(counts, min_count=1, top_n=COMPARE["keyness_top_n"]).tables[
        "group_keyness"
    ]
    assert table["period"].drop_duplicates().tolist() == ["2025-01", "2025-02", "all"]
    january = table[(table["period"] == "2025-01") & (table["value"] == "Post")].iloc[0]
    assert january["size_reference"] == 200 and january["n_articles_reference"] == 30


def test_p_values_are_adjusted_over_every_term_tested_in_the_cell():
    from analysis.compare.keyness import keyness_scores
    from analysis.keyness import fdr_adjusted

    scores = keyness_scores(COUNTS, min_count=1)
    for _, cell in scores.groupby(["period", "group", "value"]):
        assert len(cell) == 3  # every kept term, zero counts included
        expected = fdr_adjusted(cell["p_value"].to_numpy(), np.zeros(len(cell)))
        assert np.allclose(cell["p_adjusted"], expected)
    table = group_keyness(COUNTS, min_count=1, top_n=1).tables["group_keyness"]
    post = table[(table["value"] == "Post") & (table["direction"] == "over")].iloc[0]
    assert post["p_value"] <= post["p_adjusted"] <= 3 * post["p_value"]


def test_an_article_of_two_values_is_on_the_rest_side_of_neither():
    """Articles a (Ann and Bob), b (Ann), c (Bob), d (Cy). "tariff" in a and c. Ann's rest is
    the column's articles without Ann: c and d, one of which uses it; summing the cells
    would count a, which is Ann's, in her rest too (3 articles, 2 using the term)."""
    counts = pd.DataFrame(
        [
            ("all", "author", "Ann", "tariff", 1, 1, 2),
            ("all", "author", "Ann", "vote", 2, 2, 2),
            ("all", "author", "Bob", "tariff", 2, 2, 2),
            ("all", "author", "Bob", "vote", 1, 1, 2),
            ("all", "author", "Cy", "vote", 1, 1, 1),
        ],
        columns=COLUMNS,
    )
    column = pd.DataFrame(
        [("all", "author", "tariff", 2, 2, 4), ("all", "author", "vote", 3, 3, 4)],
        columns=["period", "group", "term", "count", "articles", "n_articles"],
    )
    table = keyness_scores(counts, column, min_count=1)
    ann = table[(table["value"] == "Ann") & (table["term"] == "tariff")].iloc[0]
    assert (ann["articles_target"], ann["n_articles_target"]) == (1, 2)
    assert (ann["articles_reference"], ann["n_articles_reference"]) == (1, 2)
    assert (ann["freq_reference"], ann["size_reference"]) == (1, 2)  # c's use; c's and d's words
    assert np.isclose(ann["g2"], 0.0) and ann["sign"] == 0  # half of each side
    cy = table[(table["value"] == "Cy") & (table["term"] == "tariff")].iloc[0]
    assert (cy["articles_target"], cy["articles_reference"], cy["n_articles_reference"]) == (
        0,
        2,
        3,
    )
    ranked = group_keyness(counts, column, min_count=1, top_n=5).tables["group_keyness"]
    bob = ranked[(ranked["value"] == "Bob") & (ranked["term"] == "tariff")].iloc[0]
    # both of his articles against none of his rest (b and d; a is his, not his rest's)
    assert bob["direction"] == "over" and np.isclose(bob["g2"], _g2(2, 0, 2, 2))
