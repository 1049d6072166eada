"""Tests for analysis.keyness: Dunning's G², log ratio, %DIFF and the per-section table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest, chi2

from analysis.keyness import (
    fdr_adjusted,
    keyness_p_values,
    keyness_table,
    log_likelihood_g2,
    log_ratio,
    percent_diff,
)


def _p(a, b, c, d):
    return float(keyness_p_values(a, b, c, d, log_likelihood_g2(a, b, c, d)))


def test_g2_matches_hand_computed_2x2_table():
    # a=10 of c=100 words vs b=5 of d=200. Expected cells: 5, 10, 95, 190.
    # G2 = 2 * (10 ln(10/5) + 5 ln(5/10) + 90 ln(90/95) + 195 ln(195/190)) = 7.3298
    assert float(log_likelihood_g2(10, 5, 100, 200)) == pytest.approx(7.329812, abs=1e-6)


def test_g2_is_zero_when_relative_frequencies_are_equal():
    assert float(log_likelihood_g2(4, 8, 100, 200)) == pytest.approx(0.0, abs=1e-12)


def test_g2_handles_zero_cells():
    # b = 0: 2 * (a ln(a / E1) + (c - a) ln(...) + d ln(...)); stays finite and positive.
    value = float(log_likelihood_g2(6, 0, 50, 50))
    expected = 2 * (6 * math.log(6 / 3) + 44 * math.log(44 / 47) + 50 * math.log(50 / 47))
    assert value == pytest.approx(expected)


def test_g2_rejects_frequency_above_corpus_size():
    with pytest.raises(ValueError):
        log_likelihood_g2(11, 0, 10, 10)


def test_a_term_used_once_has_the_exact_chance_of_landing_in_its_section():
    # One use, in a section of 100 of 1,000 words: chance 0.1, two-sided 0.2. G²'s
    # chi-squared tail would say 0.03 and call it significant.
    assert _p(1, 0, 100, 900) == pytest.approx(0.2)
    assert float(chi2.sf(log_likelihood_g2(1, 0, 100, 900), df=1)) < 0.05
    # Three uses, all in the section: 2 x 0.1^3.
    assert _p(3, 0, 100, 900) == pytest.approx(0.002)
    # Under-use is exact too: 0 of 20 uses in a section of a tenth, 2 x 0.9^20.
    assert _p(0, 20, 100, 900) == pytest.approx(2 * 0.9**20)


def test_frequent_terms_keep_the_chi_squared_p_value_of_g2():
    # Expected counts 25 and 75 (100 uses, a quarter of the words in the target).
    g2 = log_likelihood_g2(40, 60, 1000, 3000)
    assert _p(40, 60, 1000, 3000) == pytest.approx(float(chi2.sf(g2, df=1)))


@given(st.integers(0, 30), st.integers(0, 30), st.integers(30, 5000), st.integers(30, 5000))
def test_small_counts_get_the_doubled_exact_binomial_tail(a, b, c, d):
    p_value = _p(a, b, c, d)
    assert 0.0 <= p_value <= 1.0
    share, total = c / (c + d), a + b
    if total == 0 or min(total * share, total * (1 - share)) >= 5:
        return
    tails = [binomtest(a, total, share, alternative=side).pvalue for side in ("greater", "less")]
    assert p_value == pytest.approx(min(1.0, 2 * min(tails)), rel=1e-6, abs=1e-12)


def test_log_ratio_and_percent_diff():
    assert float(log_ratio(10, 5, 100, 200)) == pytest.approx(2.0)  # 4 times as frequent
    assert float(log_ratio(10, 0, 100, 200)) == pytest.approx(math.log2(40))  # zero -> 0.5
    assert float(percent_diff(10, 5, 100, 200)) == pytest.approx(300.0)


def test_keyness_table_compares_each_section_with_the_rest():
    counts = pd.DataFrame(
        {
            "doc": [0, 0, 1, 1],
            "key": ["gas", "japan", "steel", "japan"],
            "count": [10, 2, 8, 2],
        }
    )
    table = keyness_table(counts, {0: 100, 1: 100}, labels={"gas": "natural gas"})
    gas = table[(table["section_id"] == 0) & (table["term"] == "natural gas")].iloc[0]
    assert gas["freq_target"] == 10 and gas["freq_reference"] == 0
    assert gas["sign"] == 1 and gas["p_value"] < 0.01
    assert gas["g2"] == pytest.approx(float(log_likelihood_g2(10, 0, 100, 100)))
    japan = table[(table["section_id"] == 0) & (table["term"] == "japan")].iloc[0]
    assert japan["g2"] == pytest.approx(0.0, abs=1e-9) and japan["sign"] == 0
    assert table.loc[table["section_id"] == 1, "term"].iloc[0] == "steel"  # largest G2 first
    assert np.isfinite(table["log_ratio"]).all()


def test_fdr_adjustment_by_hand_and_each_family_on_its_own():
    # Family "a": 4 tests. Sorted p 0.01, 0.02, 0.03, 0.5 -> p * 4 / rank 0.04, 0.04, 0.04,
    # 0.5 (each the least of those at or above its rank). Family "b" alone: unchanged.
    p = np.array([0.03, 0.5, 0.02, 0.2, 0.01])
    adjusted = fdr_adjusted(p, np.array(["a", "a", "a", "b", "a"]))
    assert adjusted.tolist() == pytest.approx([0.04, 0.5, 0.04, 0.2, 0.04])
    assert fdr_adjusted(np.array([0.9, 0.6]), np.array([0, 0])).tolist() == [0.9, 0.9]
    assert fdr_adjusted(np.array([]), np.array([])).size == 0


@given(
    p=st.lists(st.floats(0, 1), min_size=1, max_size=40),
    seed=st.integers(0, 3),
)
def test_fdr_adjustment_equals_scipys_within_every_family(p, seed):
    from scipy.stats import false_discovery_control

    p_values = np.array(p)
    families = np.random.default_rng(seed).integers(0, 3, size=len(p))
    adjusted = fdr_adjusted(p_values, families)
    for family in np.unique(families):
        inside = families == family
        expected = false_discovery_control(p_values[inside], method="bh")
        assert np.allclose(adjusted[inside], expected, rtol=1e-12, atol=0)
    assert (adjusted >= p_values - 1e-15).all() and (adjusted <= 1).all()


def test_keyness_table_adjusts_each_sections_p_values_for_its_own_terms():
    counts = pd.DataFrame(
        {"doc": [0, 0, 0, 1, 1], "key": ["gas", "oil", "japan", "steel", "japan"],
         "count": [10, 6, 2, 8, 2]}
    )  # fmt: skip
    table = keyness_table(counts, {0: 100, 1: 100})
    for _, rows in table.groupby("section_id"):
        expected = fdr_adjusted(rows["p_value"].to_numpy(), np.zeros(len(rows)))
        assert rows["p_adjusted"].tolist() == pytest.approx(expected.tolist())
        assert (rows["p_adjusted"] >= rows["p_value"]).all()
    assert (table["section_id"] == 0).sum() == 3
