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


def import_floor(python: Path, *, runs: int, scratch: Path, timeout: float) -> Scenario:
    """Median of ``runs`` fresh imports of the heavy libraries, after one warm-up run."""
    floor = Scenario("import floor")
    command = [str(python), "-c", FLOOR_IMPORTS]
    log = scratch / "floor.log"
    timed(command, cwd=scratch, log=log, timeout=timeout)
    floor.runs = [timed(command, cwd=scratch, log=log, timeout=timeout) for _ in range(runs)]
    return floor


NO_OP_SNAKEFILE = """\
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


def scheduler_floor(tools: Tools, scratch: Path, profiles: Path, size: int) -> Scenario:
    """Snakemake alone: the same profile running ``size`` x 4 jobs that do nothing.

    What four per-article jobs cost before any analysis: start-up, DAG, scheduling, logs,
    benchmarks and metadata.
    """
    scenario = Scenario(f"Snakemake alone: {size:,} × 4 no-op jobs", n_articles=size)
    workdir = Path(tempfile.mkdtemp(prefix="noop-", dir=scratch))
    shutil.copytree(profiles, workdir / "profiles")
    (workdir / "Snakefile").write_text(NO_OP_SNAKEFILE.format(size=size), encoding="utf-8")
    log = workdir / "bench-noop.log"
    command = [str(tools.snakemake), "--quiet"]
    run = timed(command, cwd=workdir, log=log, timeout=tools.timeout)
    report_failure(run, log, scenario.name)
    scenario.runs.append(run)
    shutil.rmtree(workdir)
    return scenario


FLOOR_JOB_SNAKEFILE = """\
# One job that only imports the import floor's libraries, in newsdag's profile.
import threading


onsuccess:
    # The profile's job-rate timers would hold the process; newsdag cancels them too.
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


rule floor_imports:
    output:
        "done.txt",
    run:
        {imports}

        open(output[0], "w").close()
"""


def snakemake_floor(tools: Tools, scratch: Path, profiles: Path, *, runs: int) -> Scenario:
    """Snakemake in the project's profile running one job that only imports the floor's
    libraries: the median of ``runs`` runs after one warm-up run.

    What any Snakemake workflow of these libraries costs before it reads an article:
    Snakemake's start-up, one job's scheduling and the imports (in the job's thread, where
    they share what Snakemake imported itself), and the exit.
    """
    scenario = Scenario("Snakemake floor: one job that only imports the floor's libraries")
    workdir = Path(tempfile.mkdtemp(prefix="snakemake-floor-", dir=scratch))
    try:
        shutil.copytree(profiles, workdir / "profiles")
        snakefile = FLOOR_JOB_SNAKEFILE.format(imports=FLOOR_IMPORTS)
        (workdir / "Snakefile").write_text(snakefile, encoding="utf-8")
        log = workdir / "bench-snakemake-floor.log"
        for index in range(runs + 1):  # the first is the warm-up
            shutil.rmtree(workdir / ".snakemake", ignore_errors=True)
            (workdir / "done.txt").unlink(missing_ok=True)
            run = timed(
                [str(tools.snakemake), "--quiet"], cwd=workdir, log=log, timeout=tools.timeout
            )
            report_failure(run, log, scenario.name)
            if index > 0:
                scenario.runs.append(run)
    finally:
        shutil.rmtree(workdir)
    return scenario
