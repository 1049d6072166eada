"""The floors a benchmark run is measured against, each a process the machine cannot beat.

Part of ``bench/bench_pipeline.py`` (see its docstring):

- the *import floor*: a fresh Python importing the heavy libraries;
- the *Snakemake floor*: Snakemake in the project's profile running one job that only makes
  those imports;
- the *scheduler floor* (optional): Snakemake alone on four no-op jobs per article.

The Snakemake ones run in ``profiles``, a copy of the project's ``profiles/`` folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pipeline_measure import Scenario, Tools, report_failure, timed

FLOOR_IMPORTS = "import nltk, sklearn, textblob, matplotlib, pandas"


def import_floor(
    python: Path, *, runs: int, scratch: Path, timeout: float, name: str = "import floor"
) -> Scenario:
    """Median of ``runs`` fresh imports of the heavy libraries, after one warm-up run."""
    floor = Scenario(name)
    command = [str(python), "-c", FLOOR_IMPORTS]
    log = scratch / "floor.log"
    timed(command, cwd=scratch, log=log, timeout=timeout)
    floor.runs = [timed(command, cwd=scratch, log=log, timeout=timeout) for _ in range(runs)]
    return floor


# Both floor workflows end like newsdag's runs: the profile's job-rate timers (100 s) are
# cancelled, or the process would wait for them after its last job.
_CANCEL_TIMERS = """\
import threading


onsuccess:
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()
"""

NO_OP_SNAKEFILE = (
    _CANCEL_TIMERS
    + """
# {size} articles x 4 jobs that do nothing, with a log and a benchmark like newsdag's rules.
rule all:
    input:
        expand("out/{{article}}/{{step}}.txt", article=range({size}), step=list("abcd")),


rule first:
    output:
        "out/{{article}}/a.txt",
    log:
        "logs/{{article}}/a.log",
    benchmark:
        "benchmarks/{{article}}/a.tsv"
    run:
        open(output[0], "w").close()


rule others:
    input:
        "out/{{article}}/a.txt",
    output:
        "out/{{article}}/{{step}}.txt",
    wildcard_constraints:
        step="[bcd]",
    log:
        "logs/{{article}}/{{step}}.log",
    benchmark:
        "benchmarks/{{article}}/{{step}}.tsv"
    run:
        open(output[0], "w").close()
"""
)


def scheduler_floor(tools: Tools, scratch: Path, profiles: Path, size: int) -> Scenario:
    """Snakemake alone: the same profile running ``size`` x 4 jobs that do nothing.

    What four per-article jobs cost before any analysis: start-up, DAG, scheduling, logs,
    benchmarks and metadata.
    """
    scenario = Scenario(f"Snakemake alone: {size:,} × 4 no-op jobs", n_articles=size)
    snakefile = NO_OP_SNAKEFILE.format(size=size)
    _time_workflow(tools, scratch, profiles, snakefile, scenario, runs=1, warm_up=False)
    return scenario


FLOOR_JOB_SNAKEFILE = (
    _CANCEL_TIMERS
    + """
# One job that only imports the import floor's libraries, in newsdag's profile.
rule floor_imports:
    output:
        "out/done.txt",
    run:
        {imports}

        open(output[0], "w").close()
"""
)


def snakemake_floor(tools: Tools, scratch: Path, profiles: Path, *, runs: int) -> Scenario:
    """Snakemake in the project's profile running one job that only imports the floor's
    libraries: the median of ``runs`` runs after one warm-up run.

    What any Snakemake workflow of these libraries costs before it reads an article:
    Snakemake's start-up, one job's scheduling and the imports (in the job's thread, where
    they share what Snakemake imported itself), and the exit.
    """
    scenario = Scenario("Snakemake floor: one job that only imports the floor's libraries")
    snakefile = FLOOR_JOB_SNAKEFILE.format(imports=FLOOR_IMPORTS)
    _time_workflow(tools, scratch, profiles, snakefile, scenario, runs=runs, warm_up=True)
    return scenario


def _time_workflow(
    tools: Tools,
    scratch: Path,
    profiles: Path,
    snakefile: str,
    scenario: Scenario,
    *,
    runs: int,
    warm_up: bool,
) -> None:
    """Add ``runs`` timed runs of ``snakefile`` with the profile to ``scenario``, after an
    untimed one if ``warm_up``; each starts with no outputs, logs or Snakemake metadata, in
    a folder of ``scratch`` that is removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="floor-", dir=scratch))
    try:
        shutil.copytree(profiles, workdir / "profiles")
        (workdir / "Snakefile").write_text(snakefile, encoding="utf-8")
        log = workdir / "bench-floor.log"
        for index in range(runs + warm_up):
            for leftover in (".snakemake", "out", "logs", "benchmarks"):
                shutil.rmtree(workdir / leftover, ignore_errors=True)
            command = [str(tools.snakemake), "--quiet"]
            run = timed(command, cwd=workdir, log=log, timeout=tools.timeout)
            report_failure(run, log, scenario.name)
            if index >= warm_up:
                scenario.runs.append(run)
    finally:
        shutil.rmtree(workdir)
