"""The shard-loop settings: Python strings and fewer collections inside, defaults after."""

import gc

import pandas as pd
import pytest

from analysis.stages.batching import YOUNG_GENERATION_THRESHOLD, shard_loop


def test_inside_the_loop_text_columns_hold_python_strings_and_collections_are_rarer():
    before = gc.get_threshold()
    with shard_loop():
        assert pd.Series(["Ishiba", "Trump"]).dtype == object
        assert pd.DataFrame({"text": ["a"]})["text"].dtype == object
        assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    assert pd.Series(["Ishiba"]).dtype != object  # pandas 3's own string type again


def test_the_settings_are_restored_when_the_loop_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError, match="bad article"), shard_loop():
        raise RuntimeError("bad article")
    assert gc.get_threshold() == before
    assert pd.Series(["Ishiba"]).dtype != object


def test_values_are_the_same_either_way():
    outside = pd.DataFrame({"id": ["a1", "a2"], "n": [1, 2]})
    with shard_loop():
        inside = pd.DataFrame({"id": ["a1", "a2"], "n": [1, 2]})
    assert inside["id"].tolist() == outside["id"].tolist()
    assert inside["n"].tolist() == outside["n"].tolist()
