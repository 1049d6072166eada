"""Provenance: checksums of inputs and outputs, the effective config and the software used."""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

MANIFEST_COLUMNS = ["path", "size", "sha256"]


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Args:
        path: The file.

    Returns:
        64 hex digits.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_table(
    paths: Iterable[str | os.PathLike[str]], *, relative_to: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """List files with their size and SHA-256, sorted by path.

    Args:
        paths: The files.
        relative_to: Folder the listed paths are made relative to (as given if None).

    Returns:
        A table with :data:`MANIFEST_COLUMNS`.
    """

    import pandas as pd  # here, not at the top: the workflow imports this module when parsing

    def shown(path: str | os.PathLike[str]) -> str:
        return Path(os.path.relpath(path, relative_to) if relative_to else path).as_posix()

    rows = [(shown(p), os.path.getsize(p), sha256_file(p)) for p in paths]
    return pd.DataFrame(sorted(rows), columns=MANIFEST_COLUMNS)


def installed_packages() -> dict[str, str]:
    """Return the name and version of every installed distribution, sorted by name."""
    versions = {dist.metadata["Name"].lower(): dist.version for dist in metadata.distributions()}
    return dict(sorted(versions.items()))


def git_commit(
    repository: str | os.PathLike[str], *, ignore: Sequence[str | os.PathLike[str]] = ()
) -> dict[str, Any]:
    """Describe the repository's checked-out commit, and whether the work tree differs.

    Args:
        repository: A folder inside the git work tree.
        ignore: Folders whose changes do not make the tree dirty: the results being
            written (a repository may commit its example results, which a run rewrites).

    Returns:
        ``{"commit": <sha or None>, "dirty": <bool or None>}``; None where git or the
        repository is unavailable.
    """

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(repository), *args],
                capture_output=True,
                text=True,
                timeout=30,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    excluded = [f":(exclude){path}" for path in _inside(repository, ignore)]
    status = git("status", "--porcelain", "--untracked-files=no", "--", ".", *excluded)
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def _inside(
    repository: str | os.PathLike[str], folders: Sequence[str | os.PathLike[str]]
) -> list[str]:
    """The folders that lie inside the repository's folder, relative to it (git refuses a
    path outside the work tree)."""
    inside = []
    for folder in folders:
        relative = os.path.relpath(Path(folder).resolve(), Path(repository).resolve())
        if relative not in (".", "..") and not relative.startswith(".." + os.sep):
            inside.append(Path(relative).as_posix())
    return inside


def provenance_record(
    *,
    inputs: Sequence[str | os.PathLike[str]],
    config: Mapping[str, Any],
    repository: str | os.PathLike[str],
    results_dir: str | os.PathLike[str],
) -> dict[str, Any]:
    """Gather what a reviewer needs to trace a result back to its origin.

    Args:
        inputs: The input files (articles, corpus files, metadata).
        config: The effective (merged) configuration.
        repository: The workflow's source folder, for its git commit.
        results_dir: The folder being written, whose changes do not count as changes of
            the code (:func:`git_commit`).

    Returns:
        A JSON-ready record: input checksums, config, package versions, Python version
        and the project's git commit.
    """
    return {
        "inputs": {Path(path).as_posix(): {"sha256": sha256_file(path)} for path in sorted(inputs)},
        "config": dict(config),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": installed_packages(),
        "git": git_commit(repository, ignore=[results_dir]),
    }
