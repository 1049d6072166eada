"""The interval coverage benchmark: its populations and its counts."""

import numpy as np
import pandas as pd
from bench_scripts import load_bench_script

intervals = load_bench_script("bench_intervals")


def _tables(folder):
    sentences = folder / "sentiment_sentences"
    sentences.mkdir(parents=True)
    pd.DataFrame(
        {"article": ["a", "a", "b", "b"], "sentence_id": [0, 1, 0, 1],
         "sentiment": [0.5, 0.1, -0.2, None]}
    ).to_parquet(sentences / "shard-000-of-001.parquet")  # fmt: skip
    pd.DataFrame(
        {"article": ["a", "a", "b", "b"], "topic": [1, 2, 1, 2], "weight": [0.9, 0.1, 0.6, 0.4]}
    ).to_csv(folder / "document_topics.tsv", sep="\t", index=False)
    return folder


def test_populations_are_sentences_article_means_and_the_largest_topic(tmp_path):
    found = intervals.populations(_tables(tmp_path))
    assert found["sentence sentiment"].tolist() == [0.5, 0.1, -0.2]
    assert found["article mean sentiment"].tolist() == [0.3, -0.2]
    assert found["topic 1 weight"].tolist() == [0.9, 0.6]


def test_the_expanded_interval_covers_at_least_as_often_as_the_plain_one():
    population = np.random.default_rng(0).normal(0.1, 0.4, size=2000)
    settings = {"n_bootstrap": 500, "confidence": 0.95, "random_state": 3}
    expanded, plain = intervals.coverage(population, 5, repeats=200, interval=settings, seed=1)
    # the same resample means read at wider quantiles: every plain hit is an expanded hit
    assert 0.0 < plain <= expanded <= 1.0
    assert expanded - plain > 0.03  # five values: the plain interval is clearly too narrow
