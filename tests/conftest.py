"""Shared fixtures (the repository root) and the Hypothesis profiles.

The default profile ``ci`` is small and derandomised, so CI runs the same examples every
time and the property tests stay fast; ``HYPOTHESIS_PROFILE=thorough`` runs many more,
freshly drawn examples locally.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shard_articles(tmp_path):
    """Write a shard's ``articles`` table (ids and ``analysed``); returns a function that
    takes ``{article: analysed}`` and gives the table's path, as the figure jobs get it."""
    import pandas as pd

    def write(analysed: dict[str, bool]) -> Path:
        path = tmp_path / "articles" / "shard-000-of-001.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        frame = pd.DataFrame({"article": list(analysed), "analysed": list(analysed.values())})
        frame.to_parquet(path, index=False)
        return path

    return write
