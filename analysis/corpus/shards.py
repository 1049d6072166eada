"""Shards: the unit of work for a corpus, with membership fixed by each article's id."""

from __future__ import annotations

import hashlib
import math
import os
import re
from pathlib import Path

SHARD_NAME_PATTERN = r"shard-[0-9]+-of-[0-9]+"


def shard_count(n_articles: int, *, shard_size: int) -> int:
    """How many shards a corpus is cut into.

    A power of two, so that when a growing corpus needs more shards each shard splits into
    two (an article in shard ``i`` of ``n`` lands in ``i`` or ``i + n`` of ``2n``) instead
    of every article moving. Two shards at least for two or more articles, so both cores
    of a small machine work.

    Args:
        n_articles: Articles in the corpus.
        shard_size: The most articles a shard should hold (on average).

    Returns:
        The number of shards (1 for a single article).
    """
    if n_articles <= 1:
        return 1
    needed = max(2, math.ceil(n_articles / shard_size))
    return 1 << (needed - 1).bit_length()


def shard_of(article_id: str, n_shards: int) -> int:
    """The shard of an article: a stable hash of its id, independent of the other articles.

    Args:
        article_id: The article's id.
        n_shards: The number of shards (see :func:`shard_count`).

    Returns:
        A shard index in ``range(n_shards)``.
    """
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n_shards


def shard_name(index: int, n_shards: int) -> str:
    """The file stem of a shard, such as ``shard-007-of-016``."""
    width = max(3, len(str(n_shards)))
    return f"shard-{index:0{width}d}-of-{n_shards:0{width}d}"


def stale_shard_files(tables_dir: str | os.PathLike[str], n_shards: int) -> list[Path]:
    """Shard files of corpus tables left by a run with another number of shards.

    They must go before the next run writes its shards: a table folder holding both
    layouts would count every article twice when read as one dataset.

    Args:
        tables_dir: The corpus tables folder (``<results>/corpus/tables``).
        n_shards: The current number of shards.

    Returns:
        The stale files, sorted.
    """
    root = Path(tables_dir)
    if not root.is_dir():
        return []
    suffix = shard_name(0, n_shards).split("-of-")[1]
    return sorted(
        path
        for path in root.glob("*/shard-*-of-*.parquet")
        if re.fullmatch(SHARD_NAME_PATTERN, path.stem) and path.stem.split("-of-")[1] != suffix
    )
