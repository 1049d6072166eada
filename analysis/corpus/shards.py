"""Shards: the unit of work for a corpus, with membership fixed by each article's id; and
what an earlier run's layout left in the results folder."""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from analysis.tables import temporary_file_target

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


@dataclass(frozen=True)
class ArticleFolders:
    """The per-article folders of a results folder: ``<results_dir>/<article>/`` holding
    ``tables/<name>.tsv`` and ``figures/<name>.png``.

    Attributes:
        results_dir: The results folder.
        table_names: The per-article tables' names.
        figure_names: The per-article figures' names.
    """

    results_dir: str
    table_names: Collection[str]
    figure_names: Collection[str]

    def _known(self) -> dict[str, set[str]]:
        """The file names a per-article folder holds, by subfolder."""
        return {
            "tables": {f"{name}.tsv" for name in self.table_names},
            "figures": {f"{name}.png" for name in self.figure_names},
        }

    def stale(self, articles: Collection[str]) -> tuple[list[Path], list[Path]]:
        """Per-article folders whose article is not in the corpus.

        An earlier run on another corpus (or an earlier version of this one) left them;
        whoever reads every ``results/*/tables/<table>.tsv`` would count them as this
        corpus's.

        Args:
            articles: The corpus's article ids (folder names).

        Returns:
            ``(removable, foreign)``, each sorted: folders that hold nothing but ``tables/``
            and ``figures/`` with newsdag's per-article files (or a leftover temporary file
            of one), which can go; and folders of that shape that also hold other files, to
            be left as they are. Other folders (``corpus``, anything without ``tables/`` or
            ``figures/``) are in neither.
        """
        root = Path(self.results_dir)
        if not root.is_dir():
            return [], []
        known, current = self._known(), set(articles)
        removable, foreign = [], []
        for folder in sorted(root.iterdir()):
            if not folder.is_dir() or folder.name in current or folder.name == "corpus":
                continue
            parts = {entry.name: entry for entry in folder.iterdir()}
            if not parts or not set(parts) <= set(known):
                continue
            if not all(part.is_dir() for part in parts.values()):
                continue
            ours = all(
                _written_by_newsdag(entry, known[name])
                for name, part in parts.items()
                for entry in part.iterdir()
            )
            (removable if ours else foreign).append(folder)
        return removable, foreign

    def existing_files(
        self, articles: Collection[str], *, parts: Collection[str] = ("tables", "figures")
    ) -> list[str]:
        """The per-article tables and figures of the corpus's articles that exist already.

        Made on request, or by an earlier run that made every article's, they are targets
        of every later run, so that they follow the corpus and the settings instead of
        keeping what the run that wrote them found.

        Args:
            articles: The corpus's article ids (folder names).
            parts: The subfolders to look in (``tables``, ``figures``).

        Returns:
            Their paths, ``f"{results_dir}/{article}/tables/{name}.tsv"`` (and
            ``figures/``), sorted.
        """
        root = Path(self.results_dir)
        if not root.is_dir():
            return []
        known, current = self._known(), set(articles)
        found = []
        for folder in root.iterdir():
            if folder.name not in current or not folder.is_dir():
                continue
            for part in parts:
                names = known[part]
                if (folder / part).is_dir():
                    found += [
                        f"{self.results_dir}/{folder.name}/{part}/{entry.name}"
                        for entry in (folder / part).iterdir()
                        if entry.name in names and entry.is_file()
                    ]
        return sorted(found)


def _written_by_newsdag(entry: Path, names: set[str]) -> bool:
    """A per-article output file, or a temporary file an interrupted write of one left."""
    if not entry.is_file():
        return False
    return entry.name in names or temporary_file_target(entry.name) in names
