"""Stages ``provenance`` and ``manifest``: what went in, what came out, and with what."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from analysis.provenance import manifest_table, provenance_record
from analysis.stages.logs import job_log
from analysis.tables import atomic_write_bytes, write_tsv

Path = str | os.PathLike[str]


def run_provenance(
    *,
    inputs: Sequence[Path],
    config: Mapping[str, Any],
    notes: Mapping[str, Any],
    repository: Path,
    provenance: Path,
    log: Path | None = None,
) -> None:
    """Write ``provenance.json``: input checksums, config, packages, Python, git commit.

    Args:
        inputs: The input files.
        config: The effective configuration.
        notes: Extra facts to record, such as skipped files and warnings.
        repository: The workflow's source folder.
        provenance: Output path.
        log: The job's log file.
    """
    with job_log(log, stage="provenance"):
        record = provenance_record(
            inputs=inputs,
            config=config,
            repository=repository,
            results_dir=os.path.dirname(os.path.abspath(provenance)),
        )
        record.update(notes)
        text = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write_bytes(provenance, text.encode("utf-8"))


def run_manifest(*, files: Iterable[Path], manifest: Path, log: Path | None = None) -> None:
    """Write ``manifest.tsv``: each output's path (relative to the manifest), size and SHA-256.

    Args:
        files: The outputs to list.
        manifest: Output path.
        log: The job's log file.
    """
    with job_log(log, stage="manifest"):
        write_tsv(manifest_table(files, relative_to=os.path.dirname(manifest)), manifest)
