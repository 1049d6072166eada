"""The keyword benchmark's scoring and paired margins (no benchmark data needed)."""

from __future__ import annotations

import pytest
from bench_scripts import load_bench_script

bench = load_bench_script("bench_keywords")


def test_scores_match_after_stemming_count_a_repeat_once_and_divide_by_ten():
    gold = {bench.normalise_phrase("trade talks"), bench.normalise_phrase("tariff")}
    precision, recall, f1 = bench.prf(["Trade talk", "tariffs", "tariff", "summit"], gold)
    # Precision at 10 divides by 10 even when fewer terms are ranked (an empty slot misses).
    assert (precision, recall) == (pytest.approx(0.2), 1.0)
    assert f1 == pytest.approx(1 / 3)


def test_a_constant_margin_has_no_spread_and_a_mixed_one_brackets_its_mean():
    assert bench.paired_margin([0.5, 0.4, 0.3], [0.2, 0.1, 0.0]) == pytest.approx((0.3, 0.3, 0.3))
    first = [0.2, 0.0, 0.5, 0.1, 0.3, 0.0, 0.4, 0.2]
    second = [0.1, 0.1, 0.3, 0.1, 0.4, 0.1, 0.2, 0.2]
    mean, low, high = bench.paired_margin(first, second)
    assert mean == pytest.approx(0.025)
    assert -0.1 < low < mean < high < 0.15
    assert bench.paired_margin(first, second) == (mean, low, high)  # seeded


def test_margins_compare_the_headline_with_its_best_method_and_the_baselines():
    f1 = {name: [0.1, 0.1] for name in bench.METHODS}
    f1["specificity"] = [0.3, 0.1]
    f1.update({"headline": [0.2, 0.2], "headline, corpus-aware": [0.1, 0.1]})
    f1.update({"corpus TF-IDF": [0.0, 0.2], "yake package": [0.0, 0.0]})
    rows = {(r["headline"], r["minus"]): r["margin"] for r in bench.margins(f1)}
    assert rows[("headline", "specificity")] == pytest.approx(0.0)
    assert rows[("headline", "yake package")] == pytest.approx(0.2)
    assert rows[("headline, corpus-aware", "corpus TF-IDF")] == pytest.approx(0.0)
    assert len(rows) == 6


def test_profiles_keep_multi_word_gold_and_join_documents_with_pooled_gold():
    docs = [("a", "Text one.", {"trade", "trade deal"}), ("b", "Text two.", {"tariff"}),
            ("c", "Text three.", {"steel tariff"}), ("d", "Four.", {"x"})]  # fmt: skip
    assert bench.multiword(docs) == [("a", "Text one.", {"trade deal"}),
                                     ("c", "Text three.", {"steel tariff"})]  # fmt: skip
    joined = bench.joined(docs, 3)  # the last, incomplete group is left out
    assert joined == [("a", "Text one. Text two. Text three.",
                       {"trade", "trade deal", "tariff", "steel tariff"})]  # fmt: skip
