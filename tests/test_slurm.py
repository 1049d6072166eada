"""The workflow on a real SLURM cluster gives the same tables as a local run.

Needs a running cluster whose nodes see this machine's temporary folder: `.ci/run`
starts a one-node one with `tools/slurm-cluster start DIR` and sets NEWSDAG_SLURM=1.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from workflow_copy import SNAKEMAKE, TWO_ARTICLES, copy_workflow

pytestmark = pytest.mark.workflow
RESULTS = "out"
# Snakemake ignores a plain SIGTERM: `timeout -k` kills it if it outlives the limit.
TIME_LIMIT = ["timeout", "-k", "10", "600"]
USABLE_NODE_STATES = {"idle", "mix", "mixed", "alloc", "allocated", "comp", "completing"}


def cluster_problem() -> str | None:
    """Why the SLURM test cannot run here, or None when a cluster is up."""
    if os.environ.get("NEWSDAG_SLURM") != "1":
        return "no Slurm cluster: .ci/run starts one"
    missing = [tool for tool in ("sbatch", "sinfo", "squeue") if shutil.which(tool) is None]
    if missing:
        return f"Slurm client tools not installed: {', '.join(missing)}"
    try:
        sinfo = subprocess.run(
            ["sinfo", "-h", "-N", "-o", "%t"], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        return "Slurm cluster not up: sinfo timed out"
    states = {state.rstrip("*~#!%$@^-") for state in sinfo.stdout.split()}
    if sinfo.returncode != 0 or not states & USABLE_NODE_STATES:
        return f"Slurm cluster not up: sinfo says {(sinfo.stdout + sinfo.stderr).strip()!r}"
    return None


SHARDS = 4
SETTINGS = f"""\
input_files: corpus.csv
results_dir: {RESULTS}
corpus: {{shard_size: 2, per_article_tables: false}}
"""


def workflow_copy(workdir: Path) -> Path:
    """A copy of the workflow with a corpus of eight tiny articles in four shards."""
    copy_workflow(workdir, {})
    texts = [text.replace("\n", " ") for text in TWO_ARTICLES.values()]
    rows = [{"id": f"a{i}", "text": f"{texts[i % 2]} Item {i}."} for i in range(8)]
    pd.DataFrame(rows).to_csv(workdir / "corpus.csv", index=False)
    (workdir / "settings.yaml").write_text(SETTINGS, encoding="utf-8")
    return workdir


def start_snakemake(workdir: Path, *args: str, niceness: int = 0) -> subprocess.Popen:
    """Start Snakemake in `workdir`, its output going to `workdir/snakemake.out`.

    A file, not a pipe: the two runs are read one after the other, and a full pipe
    would stall the second.
    """
    config = ["--configfile", "settings.yaml"]
    with open(workdir / "snakemake.out", "w") as output:
        return subprocess.Popen(
            ["nice", "-n", str(niceness), *TIME_LIMIT, str(SNAKEMAKE), *args, *config],
            cwd=workdir,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def finish(run: subprocess.Popen, workdir: Path) -> str:
    """Wait for a run to end; return its output and check it succeeded."""
    run.wait(timeout=700)
    log = (workdir / "snakemake.out").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, log[-3000:]
    return log


def tables(workdir: Path) -> dict[str, bytes]:
    """Every TSV and Parquet table under the results folder, by path relative to it."""
    results = workdir / RESULTS
    return {
        str(path.relative_to(results)): path.read_bytes()
        for path in sorted(results.rglob("*"))
        if path.suffix in (".tsv", ".parquet")
    }


def job_counts(log: str) -> dict[str, int]:
    """The rules and job counts of a run's "Job stats" table."""
    lines = log.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("job ")) + 2
    counts = {}
    for line in lines[start:]:
        if line.startswith("total"):
            break
        rule, count = line.split()
        counts[rule] = int(count)
    return counts


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run the workflow through SLURM and locally at once; return both folders and logs."""
    problem = cluster_problem()
    if problem:
        pytest.skip(problem)
    base = tmp_path_factory.mktemp("slurm")
    slurm_dir, local_dir = workflow_copy(base / "slurm"), workflow_copy(base / "local")
    slurm = start_snakemake(slurm_dir, "--profile", "profiles/slurm")
    # The local run only fills the pauses between status checks; the SLURM jobs share
    # this machine's CPUs and must not wait for it.
    local = start_snakemake(local_dir, niceness=19)
    local_log = finish(local, local_dir)
    return slurm_dir, finish(slurm, slurm_dir), local_dir, local_log


def test_jobs_ran_as_slurm_jobs(runs):
    _, slurm_log, _, _ = runs
    submitted = re.findall(r"has been submitted with SLURM jobid (\d+)", slurm_log)
    assert submitted, slurm_log[-3000:]
    run_id = re.search(r"SLURM run ID: (\S+)", slurm_log)
    assert run_id, slurm_log[-3000:]
    # The plugin names every job after the run; SLURM remembers finished jobs for
    # MinJobAge seconds, so all of them must show up as completed.
    queue = subprocess.run(
        ["squeue", "-h", "--states=all", "--name", run_id.group(1), "-o", "%i %T"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    states = dict(line.split() for line in queue.stdout.splitlines())
    assert states == dict.fromkeys(submitted, "COMPLETED")


def test_tables_are_byte_identical_to_a_local_run(runs):
    slurm_dir, _, local_dir, _ = runs
    on_slurm, local = tables(slurm_dir), tables(local_dir)
    assert local, "the local run wrote no tables"
    assert sorted(on_slurm) == sorted(local)
    differing = [name for name in sorted(local) if on_slurm[name] != local[name]]
    assert not differing, f"tables differ between SLURM and local runs: {differing}"


def test_each_shard_is_one_submission(runs):
    """A shard's steps go to SLURM as one group job, so submissions grow with shards."""
    _, slurm_log, _, local_log = runs
    counts = job_counts(local_log)
    shard_rules = ("prepare", "sentiment", "keywords", "topics", "topic_counts")
    shard_jobs = sum(counts.get(rule, 0) for rule in shard_rules)
    assert shard_jobs == len(shard_rules) * SHARDS
    others = sum(counts.values()) - shard_jobs - counts["all"]
    submitted = re.findall(r"has been submitted with SLURM jobid (\d+)", slurm_log)
    assert len(submitted) == SHARDS + others, (len(submitted), counts)
