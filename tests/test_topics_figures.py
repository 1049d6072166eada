"""Tests of the corpus topic figure on small inline mixtures."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _mixtures(n_articles: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    # Article i: topic 0 share 0.25 (even i) or 0.75 (odd i), topic 1 the rest.
    rows = []
    for i in range(n_articles):
        first = 0.25 if i % 2 == 0 else 0.75
        rows += [(f"a{i:04d}", 0, first), (f"a{i:04d}", 1, 1 - first)]
    document_topics = pd.DataFrame(rows, columns=["article", "topic", "weight"])
    terms = pd.DataFrame({"topic": [0, 1], "label": ["gas · lng", "steel · tariff"]})
    return document_topics, terms


def test_article_mixtures_names_each_bar_of_a_small_corpus():
    from analysis.figures.topics import article_mixtures

    figure = article_mixtures(*_mixtures(4))
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["a0001", "a0003", "a0000", "a0002"]
    assert len(axes.patches) == 4 * 2 + 2  # a bar per article and topic, two legend swatches
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["T0: gas · lng", "T1: steel · tariff"]


def test_article_mixtures_draws_a_large_corpus_as_one_image_of_the_shares():
    from matplotlib.colors import to_rgb

    from analysis.figures.style import PALETTE
    from analysis.figures.topics import article_mixtures

    figure = article_mixtures(*_mixtures(100))
    axes = figure.axes[0]
    assert len(axes.images) == 1 and len(axes.patches) == 2  # no bar per article
    pixels = axes.images[0].get_array()
    assert pixels.shape[0] == 100
    # Rows are sorted by dominant topic: the 50 articles at 0.75 of topic 0 come first.
    first, last = (np.round(np.asarray(to_rgb(PALETTE[i])) * 255) for i in (0, 1))
    share_of_first = (np.abs(pixels - first).sum(axis=2) < 1e-9).mean(axis=1)
    assert np.allclose(share_of_first[:50], 0.75, atol=0.002)
    assert np.allclose(share_of_first[50:], 0.25, atol=0.002)
    assert (np.abs(pixels[:50, -1] - last).sum(axis=1) < 1e-9).all()


def test_article_mixtures_average_blocks_of_articles_beyond_the_image_row_cap():
    from analysis.figures.topics import MAX_IMAGE_ROWS, article_mixtures

    figure = article_mixtures(*_mixtures(2 * MAX_IMAGE_ROWS + 2))
    axes = figure.axes[0]
    pixels = axes.images[0].get_array()
    assert pixels.shape[0] == MAX_IMAGE_ROWS and pixels.dtype == np.uint8
    assert (
        axes.get_ylabel()
        == f"{2 * MAX_IMAGE_ROWS + 2:,} articles, sorted by dominant topic; a row is 2 on average"
    )


def test_block_means_average_contiguous_rows_and_keep_small_inputs():
    from analysis.figures.topics import _block_means

    values = np.arange(10, dtype=float).reshape(5, 2)  # rows (0,1) (2,3) (4,5) (6,7) (8,9)
    assert _block_means(values, 5) is values
    # Five rows into two blocks: rows 0-1 (rounded split at 2.5 -> 2) and rows 2-4.
    assert np.allclose(_block_means(values, 2), [[1.0, 2.0], [6.0, 7.0]])
    assert np.allclose(_block_means(values, 1), [[4.0, 5.0]])
