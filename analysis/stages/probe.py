"""A small built-in article that gives every table rows, to learn each column's type.

A shard whose articles give a table no rows (an empty shard, or a shard of headline-only
items) still has to write that table with the same column types as every other shard,
or the shards could not be read as one dataset. The types are taken from this article's
tables, computed once per process and setting.
"""

from __future__ import annotations

import importlib
import json
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pandas as pd

from analysis.tables import arrow_column

PROBE_TEXT = """Leaders Meet in Washington

President Donald Trump welcomed Prime Minister Shigeru Ishiba to the White House on \
Friday. Trump praised the alliance and promised new investment. Ishiba thanked Trump \
for his support.

Trade and Tariffs

The two leaders discussed tariffs on steel and cars. Japan's exports of cars to the \
United States have grown. Officials in Tokyo hope tariffs will fall. Trump said the \
deal was fair.

Energy Deals

Japan will buy more liquefied natural gas from Alaska. Energy companies welcomed the \
plan. Ishiba said energy security matters for Japan and the United States.
"""


def _stage_tables(stage: str, inputs: tuple[str, ...], params_json: str) -> dict:
    params = json.loads(params_json)
    prepare = importlib.import_module("analysis.stages.prepare")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Headings on, so that the probe has several sections (whatever the run's setting):
        # only the tables' column types are taken from it.
        model = prepare.article_tables(
            text=PROBE_TEXT, detect_headings=True, line_breaks="auto", drop_boilerplate=True
        )
        if stage == "prepare":
            return model
        module = importlib.import_module(f"analysis.stages.{stage}")
        return module.article_tables(**{name: model[name] for name in inputs}, **params)


@lru_cache(maxsize=32)
def _probe(stage: str, inputs: tuple[str, ...], params_json: str) -> dict[str, pd.DataFrame]:
    return _stage_tables(stage, inputs, params_json)


def probe_tables(
    stage: str, inputs: Sequence[str], params: Mapping[str, object]
) -> dict[str, pd.DataFrame]:
    """The stage's tables for :data:`PROBE_TEXT` under the given settings (cached).

    Args:
        stage: The stage module's name.
        inputs: The text-model tables the stage takes (``sentences``, ``tokens``...).
        params: The stage's tuning arguments.

    Returns:
        Table name -> table.
    """
    key = json.dumps(dict(params), sort_keys=True, default=str)
    return _probe(stage, tuple(sorted(inputs)), key)


def column_types(frame: pd.DataFrame) -> dict[str, object]:
    """The Parquet (Arrow) type of each column of a table, as newsdag writes it."""
    return {name: arrow_column(frame[name], None).type for name in frame.columns}
