"""The keyword model's training script: set weights, multi-word views, scoring (no data)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from bench_scripts import load_bench_script

train = load_bench_script("train_keywords")


def document(keys: list[str], gold: set[str], n_features: int = 3):
    shown = list(keys)
    labels = [train.normalise_phrase(form) in gold for form in shown]
    return train.Document(
        keys=keys,
        rows=np.ones((len(keys), n_features)),
        labels=np.asarray(labels, dtype=int),
        shown=shown,
        gold={train.normalise_phrase(phrase) for phrase in gold},
        proper=set(),
        counts=Counter(dict.fromkeys(keys, 1)),
        corpus_rows=np.zeros((len(keys), 3)),
    )


def test_every_set_weighs_the_same_whatever_its_size():
    small = [document(["a", "b"], {"a"})]
    large = [document(["c", "d", "e", "f"], {"c"}), document(["g", "h"], {"g"})]
    rows, labels, weight = train.stacked({"small": small, "large": large})
    assert rows.shape == (8, 3) and labels.tolist() == [1, 0, 1, 0, 0, 0, 1, 0]
    # Two sets of 2 and 6 rows: each row weighs 1/2 and 1/6, rescaled to sum to the rows.
    assert weight[:2].sum() == pytest.approx(weight[2:].sum()) and weight.sum() == pytest.approx(8)
    _, _, shared = train.stacked({"small": small, "large": large}, {"large": 0.5})
    assert shared[:2].sum() == pytest.approx(2 * shared[2:].sum())


def test_the_multi_word_view_keeps_phrase_keyphrases_and_relabels():
    documents = [document(["trade deal", "trade", "tariff"], {"trade deal", "tariff"}),
                 document(["summit"], {"summit"}), None]  # fmt: skip
    view = train.multi_word_view(documents)
    assert len(view) == 1  # the second has no multi-word keyphrase, the third no candidates
    assert view[0].labels.tolist() == [1, 0, 0] and view[0].gold == {"trade deal"}
    assert documents[0].labels.tolist() == [1, 0, 1]  # the original is untouched


def test_folds_are_seeded_and_balanced():
    folds = train.folds_of([None] * 11, 5, 0)
    assert folds == train.folds_of([None] * 11, 5, 0)
    assert sorted(Counter(folds).values()) == [2, 2, 2, 2, 3]


def test_the_best_possible_f1_ranks_the_matching_candidates_first():
    story = document(["summit", "trade deal", "weather", "tariff"], {"trade deal", "tariff", "x"})
    # Two hits of ten shown against three gold keyphrases: P 0.2, R 2/3, F1 4/13.
    assert train.best_possible_f1([story]) == pytest.approx(4 / 13)
    assert train.best_possible_f1([story, None]) == pytest.approx(2 / 13)


def test_gold_coverage_counts_the_gold_keyphrases_among_the_candidates():
    first = document(["summit", "trade deal"], {"trade deal", "tariff", "oil price"})
    second = document(["summit"], {"summit"})
    covered, single = train.gold_coverage([first, second, None])
    assert covered == pytest.approx((1 / 3 + 1) / 2)
    assert single == pytest.approx(1 / 2)  # "tariff" of the missing "tariff" and "oil price"
