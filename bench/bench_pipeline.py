"""Benchmark the whole pipeline against the import floor.

Usage::

    python bench/bench_pipeline.py [--sizes 100,1000] [--repeats floor=5,cold=3,rerun=3,corpus=1]
                                   [--out FILE] [--seed 0] [--timeout 3600] [--no-dry-run]
                                   [--no-scheduler-floor]

The *import floor* is the wall time and peak memory of a fresh
``python -c "import nltk, sklearn, textblob, matplotlib, pandas"`` in the project's venv (the
median of ``floor`` runs after one warm-up run). Every scenario runs ``snakemake`` as one process
under ``/usr/bin/time -f "%e %M"`` in a fresh temporary copy of the workflow (Snakefile, config,
workflow, profiles) with its articles in ``<tmp>/articles``, so it measures whatever rules exist:

1. cold run on the bundled article, default config (all figures);
2. rerun with nothing changed, in the same folder right after each cold run;
3. cold run on each generated corpus size (``--sizes``), per-article figures off;
4. Snakemake alone, with the same profile, on 4 no-op jobs per article of the largest corpus
   (each with a log and a benchmark, like newsdag's rules): what the per-article jobs cost
   before any analysis (skip it with ``--no-scheduler-floor``).

Walls are reported as ratios to the floor next to the targets (cold bundled <= 2x, rerun <= 0.7x,
largest corpus <= 15x and linear in the number of articles, peak memory <= 1 GiB). The per-job
``benchmarks/**/*.tsv`` files that every rule writes are summed per rule, to show where the time
goes; for each corpus a ``--dry-run`` first times start-up plus DAG building alone (skip it with
``--no-dry-run``). Temporary folders are removed, also after errors. The Markdown report goes to
stdout and, with ``--out``, to a file.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
TIME = "/usr/bin/time"
FLOOR_IMPORTS = "import nltk, sklearn, textblob, matplotlib, pandas"
WORKFLOW_PARTS = ("Snakefile", "config", "workflow", "profiles")
BUNDLED_ARTICLE = REPO / "seeds" / "ishiba_trump_summit.txt"
DEFAULT_REPEATS = {"floor": 5, "cold": 3, "rerun": 3, "corpus": 1}
COLD_TARGET = 2.0
RERUN_TARGET = 0.7
CORPUS_TARGET = 15.0
MEMORY_TARGET_MIB = 1024.0
# Seconds per article at the largest corpus may exceed the smallest's by this much (noise).
LINEARITY_TOLERANCE = 1.1
CORPUS_CONFIG = "figures:\n  per_article: false\n"
# Taken once per benchmark, so every scenario runs the same rules while others edit the tree.
SNAPSHOT = "workflow-snapshot"
SNAKEMAKE_CONFIG = ("--config", "input_dir=articles", "results_dir=out")


@dataclass
class Run:
    """One measured process: wall seconds, peak RSS (MiB), exit status."""

    wall: float
    peak_mib: float
    returncode: int


@dataclass
class JobTimes:
    """Per-rule seconds from the ``benchmarks/`` files of one workflow run."""

    seconds: dict[str, list[float]] = field(default_factory=dict)

    def total(self) -> float:
        return sum(sum(values) for values in self.seconds.values())


@dataclass
class Scenario:
    """A measured scenario: its runs and the job times of its last run."""

    name: str
    runs: list[Run] = field(default_factory=list)
    jobs: JobTimes = field(default_factory=JobTimes)
    n_articles: int = 0
    dry_run: Run | None = None

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.returncode == 0 for run in self.runs)

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(run.peak_mib for run in self.runs)


# ----------------------------------------------------------------------------- measuring


def timed(command: list[str], *, cwd: Path, log: Path, timeout: float) -> Run:
    """Run ``command`` under ``/usr/bin/time`` and return its wall time and peak memory.

    ``%M`` is the largest resident set of any *one* process; Snakemake's jobs run in
    worker processes, so the process tree's total is sampled too (proportional set
    sizes, which count shared pages once, every 50 ms) and the larger of the two kept.

    Raises:
        TimeoutError: if the command runs longer than ``timeout`` seconds (it is killed).
    """
    stats = log.with_suffix(".time")
    full = [TIME, "-f", "%e %M", "-o", str(stats), *command]
    with open(log, "w", encoding="utf-8") as output:
        # A session of its own lets a timeout kill the whole tree, not only `time`.
        process = subprocess.Popen(
            full, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        sampler = TreeMemorySampler(process.pid)
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise TimeoutError(f"{' '.join(command)} ran longer than {timeout:.0f} s") from None
        finally:
            sampler.stop()
    # time prints "Command exited with non-zero status N" before the numbers on failure.
    wall, peak_kib = stats.read_text(encoding="utf-8").split()[-2:]
    return Run(float(wall), max(int(peak_kib) / 1024, sampler.peak_mib), returncode)


class TreeMemorySampler:
    """Samples the summed proportional set size (PSS) of a process and its descendants."""

    def __init__(self, pid: int, *, interval: float = 0.05) -> None:
        self.peak_mib = 0.0
        self._root = psutil.Process(pid)
        self._interval = interval
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(self._interval):
            total = 0
            try:
                processes = [self._root, *self._root.children(recursive=True)]
            except psutil.Error:
                return
            for process in processes:
                try:
                    total += process.memory_full_info().pss
                except psutil.Error:
                    continue  # exited between listing and reading
            self.peak_mib = max(self.peak_mib, total / 2**20)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def import_floor(python: Path, *, runs: int, scratch: Path, timeout: float) -> Scenario:
    """Median of ``runs`` fresh imports of the heavy libraries, after one warm-up run."""
    floor = Scenario("import floor")
    command = [str(python), "-c", FLOOR_IMPORTS]
    log = scratch / "floor.log"
    timed(command, cwd=scratch, log=log, timeout=timeout)
    floor.runs = [timed(command, cwd=scratch, log=log, timeout=timeout) for _ in range(runs)]
    return floor


def job_times(workdir: Path) -> JobTimes:
    """Seconds per job, grouped by rule, from the ``benchmarks/`` files of a run.

    Per-article files (``benchmarks/<article>/<rule>.tsv``) are grouped by ``<rule>``; any
    other file, such as ``benchmarks/corpus/topics.tsv``, by its path below ``benchmarks/``.
    """
    articles = {path.stem for path in (workdir / "articles").iterdir()}
    root = workdir / "benchmarks"
    seconds: dict[str, list[float]] = defaultdict(list)
    for path in sorted(root.rglob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        if not rows or "s" not in rows[0]:
            continue
        relative = path.relative_to(root).with_suffix("")
        key = relative.name if relative.parent.name in articles else relative.as_posix()
        seconds[key].append(float(rows[-1]["s"]))
    return JobTimes(dict(seconds))


# ----------------------------------------------------------------------------- scenarios


def write_corpus(size: int, out: Path, *, seed: int) -> None:
    """Write ``size`` generated articles with ``bench/make_corpus.py`` (loaded by path)."""
    spec = importlib.util.spec_from_file_location(
        "make_corpus", Path(__file__).with_name("make_corpus.py")
    )
    make_corpus = sys.modules.setdefault("make_corpus", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(make_corpus)
    make_corpus.write_corpus(size, out, seed=seed)


def copy_workflow(source: Path, dest: Path) -> None:
    """Copy the parts of the workflow that a run needs from ``source`` to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in WORKFLOW_PARTS:
        if (source / part).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source / part, dest / part, ignore=ignore)
        else:
            shutil.copy2(source / part, dest / part)


def new_workdir(parent: Path, name: str, articles: list[Path] | int, *, seed: int) -> Path:
    """A fresh copy of the workflow snapshot with its articles: files, or a corpus size."""
    workdir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=parent))
    copy_workflow(parent / SNAPSHOT, workdir)
    if isinstance(articles, int):
        write_corpus(articles, workdir / "articles", seed=seed)
    else:
        (workdir / "articles").mkdir()
        for article in articles:
            shutil.copy2(article, workdir / "articles" / article.name)
    return workdir


def snakemake_command(snakemake: Path, *extra: str) -> list[str]:
    return [str(snakemake), *SNAKEMAKE_CONFIG, *extra]


def report_failure(run: Run, log: Path, name: str) -> None:
    if run.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        print(
            f"\n{name}: snakemake exited with {run.returncode}; log tail:\n{tail}", file=sys.stderr
        )


def bundled_scenarios(
    snakemake: Path, scratch: Path, *, cold_runs: int, rerun_runs: int, timeout: float
) -> tuple[Scenario, Scenario]:
    """Cold runs on the bundled article, each followed by a rerun in the same folder."""
    cold = Scenario("cold, bundled article, all figures", n_articles=1)
    rerun = Scenario("rerun, nothing changed", n_articles=1)
    for index in range(max(cold_runs, rerun_runs)):
        workdir = new_workdir(scratch, "bundled", [BUNDLED_ARTICLE], seed=0)
        log = workdir / "bench-cold.log"
        run = timed(snakemake_command(snakemake), cwd=workdir, log=log, timeout=timeout)
        report_failure(run, log, cold.name)
        if index < cold_runs:
            cold.runs.append(run)
            cold.jobs = job_times(workdir)
        if index < rerun_runs:
            log = workdir / "bench-rerun.log"
            again = timed(snakemake_command(snakemake), cwd=workdir, log=log, timeout=timeout)
            report_failure(again, log, rerun.name)
            rerun.runs.append(again)
        shutil.rmtree(workdir)
    return cold, rerun


def corpus_scenario(
    snakemake: Path,
    scratch: Path,
    size: int,
    *,
    runs: int,
    seed: int,
    timeout: float,
    dry_run: bool,
) -> Scenario:
    """Cold runs on ``size`` generated articles without per-article figures.

    With ``dry_run``, a ``--dry-run`` before the first cold run times start-up and DAG
    building alone (it writes no results, so the run after it is still cold).
    """
    name = f"cold, {size:,} generated articles, no per-article figures"
    scenario = Scenario(name, n_articles=size)
    for index in range(runs):
        workdir = new_workdir(scratch, f"corpus{size}", size, seed=seed)
        (workdir / "bench.yaml").write_text(CORPUS_CONFIG, encoding="utf-8")
        command = snakemake_command(snakemake, "--configfile", "bench.yaml")
        if dry_run and index == 0:
            log = workdir / "bench-dry.log"
            probe = [*command, "--dry-run", "--quiet"]
            scenario.dry_run = timed(probe, cwd=workdir, log=log, timeout=timeout)
            report_failure(scenario.dry_run, log, f"{name} (dry run)")
        log = workdir / "bench-cold.log"
        run = timed(command, cwd=workdir, log=log, timeout=timeout)
        report_failure(run, log, scenario.name)
        scenario.runs.append(run)
        scenario.jobs = job_times(workdir)
        shutil.rmtree(workdir)
    return scenario


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


def scheduler_floor(snakemake: Path, scratch: Path, size: int, *, timeout: float) -> Scenario:
    """Snakemake alone: the same profile running ``size`` x 4 jobs that do nothing.

    What four per-article jobs cost before any analysis: start-up, DAG, scheduling, logs,
    benchmarks and metadata.
    """
    scenario = Scenario(f"Snakemake alone: {size:,} × 4 no-op jobs", n_articles=size)
    workdir = Path(tempfile.mkdtemp(prefix="noop-", dir=scratch))
    shutil.copytree(scratch / SNAPSHOT / "profiles", workdir / "profiles")
    (workdir / "Snakefile").write_text(NO_OP_SNAKEFILE.format(size=size), encoding="utf-8")
    log = workdir / "bench-noop.log"
    run = timed([str(snakemake), "--quiet"], cwd=workdir, log=log, timeout=timeout)
    report_failure(run, log, scenario.name)
    scenario.runs.append(run)
    shutil.rmtree(workdir)
    return scenario


# ----------------------------------------------------------------------------- report


def verdict(checks: list[tuple[str, bool]], scenario: Scenario) -> str:
    if not scenario.ok:
        return f"ERROR (exit {max(run.returncode for run in scenario.runs)})"
    failed = [name for name, passed in checks if not passed]
    return "PASS" if not failed else f"FAIL ({', '.join(failed)})"


def wall_cell(scenario: Scenario) -> str:
    n = len(scenario.runs)
    return f"{scenario.wall:.2f}" + (f" (median of {n})" if n > 1 else "")


def scenario_row(scenario: Scenario, floor: Scenario, time_target: float | None) -> str:
    ratio = scenario.wall / floor.wall
    checks = [("memory", scenario.peak_mib <= MEMORY_TARGET_MIB)]
    target = f"≤ {MEMORY_TARGET_MIB:.0f} MiB"
    if time_target is not None:
        checks.insert(0, ("time", ratio <= time_target))
        target = f"≤ {time_target:g}× floor, " + target
    cells = [
        scenario.name,
        wall_cell(scenario),
        f"{ratio:.2f}",
        f"{scenario.peak_mib:.0f}",
        target,
        verdict(checks, scenario),
    ]
    return "| " + " | ".join(cells) + " |"


def linearity_rows(corpora: list[Scenario]) -> list[str]:
    """Marginal seconds per article between the smallest and largest corpus, and linearity."""
    small, large = corpora[0], corpora[-1]
    if large.n_articles <= small.n_articles or not (small.ok and large.ok):
        return []
    marginal = (large.wall - small.wall) / (large.n_articles - small.n_articles)
    per_small = small.wall / small.n_articles
    per_large = large.wall / large.n_articles
    linear = per_large <= LINEARITY_TOLERANCE * per_small
    intercept = small.wall - marginal * small.n_articles
    return [
        f"| marginal cost per article, {small.n_articles:,} → {large.n_articles:,} | "
        f"{marginal:.4f} | — | — | (fixed cost implied: {intercept:.1f} s) | — |",
        f"| linearity: s/article at {small.n_articles:,} vs {large.n_articles:,} | "
        f"{per_small:.4f} vs {per_large:.4f} | — | — | "
        f"at {large.n_articles:,} ≤ {LINEARITY_TOLERANCE:g} × at {small.n_articles:,} | "
        f"{'PASS' if linear else 'FAIL'} |",
    ]


def results_table(
    floor: Scenario,
    bundled: list[Scenario],
    corpora: list[Scenario],
    no_op: Scenario | None = None,
) -> str:
    lines = [
        "| scenario | wall s | × floor | peak MiB | target | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| import floor | {wall_cell(floor)} | 1.00 | {floor.peak_mib:.0f} | — | — |",
    ]
    targets = [COLD_TARGET, RERUN_TARGET]
    lines += [scenario_row(s, floor, t) for s, t in zip(bundled, targets, strict=True)]
    for index, corpus in enumerate(corpora):
        largest = index == len(corpora) - 1
        lines.append(scenario_row(corpus, floor, CORPUS_TARGET if largest else None))
    if len(corpora) > 1:
        lines += linearity_rows(corpora)
    if no_op is not None:
        lines.append(scenario_row(no_op, floor, None))
    return "\n".join(lines)


def jobs_table(scenarios: list[Scenario]) -> str:
    """Per scenario and rule: jobs, summed job seconds, milliseconds per job.

    Jobs run two at a time as threads sharing one interpreter, so summed job seconds can
    exceed the wall; the dry run times start-up plus building the DAG of the same workflow.
    """
    lines = [
        "| scenario | rule | jobs | job s (sum) | ms per job | share of job s |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for scenario in scenarios:
        total_jobs = scenario.jobs.total()
        if scenario.dry_run is not None:
            lines.append(
                f"| {scenario.name} | *dry run: start-up + DAG* | — | "
                f"{scenario.dry_run.wall:.2f} | — | — |"
            )
        ranked = sorted(scenario.jobs.seconds.items(), key=lambda item: -sum(item[1]))
        for rule, seconds in ranked:
            total = sum(seconds)
            lines.append(
                f"| {scenario.name} | {rule} | {len(seconds)} | {total:.2f} | "
                f"{1000 * total / len(seconds):.1f} | {total / total_jobs:.0%} |"
            )
    return "\n".join(lines)


def environment_lines(snakemake: Path, load_before: float) -> list[str]:
    version = subprocess.run(
        [str(snakemake), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return [
        f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- date: {time.strftime('%Y-%m-%d %H:%M')}; snakemake {version}; "
        f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs",
        f"- load average (1 min) before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f}",
    ]


# ----------------------------------------------------------------------------- CLI


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers, e.g. 100,1000")
    return sizes


def parse_repeats(text: str) -> dict[str, int]:
    repeats = dict(DEFAULT_REPEATS)
    for part in filter(None, text.split(",")):
        key, _, value = part.partition("=")
        if key not in repeats or not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(
                f"bad --repeats item {part!r}: use {','.join(DEFAULT_REPEATS)}=N, N >= 1"
            )
        repeats[key] = int(value)
    return repeats


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[100, 1000], help="corpus sizes")
    parser.add_argument(
        "--repeats",
        type=parse_repeats,
        default=dict(DEFAULT_REPEATS),
        help="runs per scenario, e.g. floor=5,cold=3,rerun=3,corpus=1 (missing keys: default)",
    )
    parser.add_argument("--venv", type=Path, default=REPO / ".venv", help="project venv")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpora")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per process")
    parser.add_argument(
        "--no-dry-run", action="store_true", help="skip timing a dry run of each corpus"
    )
    parser.add_argument(
        "--no-scheduler-floor",
        action="store_true",
        help="skip timing Snakemake alone on 4 no-op jobs per article of the largest corpus",
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    python, snakemake = args.venv / "bin" / "python", args.venv / "bin" / "snakemake"
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="newsdag-bench-") as scratch_name:
        scratch = Path(scratch_name)
        copy_workflow(REPO, scratch / SNAPSHOT)
        rules = sorted(p.stem for p in (scratch / SNAPSHOT / "workflow" / "rules").glob("*.smk"))
        print("measuring the import floor ...", file=sys.stderr)
        floor = import_floor(
            python, runs=args.repeats["floor"], scratch=scratch, timeout=args.timeout
        )
        print("cold runs and reruns on the bundled article ...", file=sys.stderr)
        bundled = bundled_scenarios(
            snakemake,
            scratch,
            cold_runs=args.repeats["cold"],
            rerun_runs=args.repeats["rerun"],
            timeout=args.timeout,
        )
        corpora = []
        for size in args.sizes:
            print(f"cold run on {size:,} generated articles ...", file=sys.stderr)
            corpora.append(
                corpus_scenario(
                    snakemake,
                    scratch,
                    size,
                    runs=args.repeats["corpus"],
                    seed=args.seed,
                    timeout=args.timeout,
                    dry_run=not args.no_dry_run,
                )
            )
        no_op = None
        if args.sizes and not args.no_scheduler_floor:
            print(f"Snakemake alone on {max(args.sizes):,} x 4 no-op jobs ...", file=sys.stderr)
            no_op = scheduler_floor(snakemake, scratch, max(args.sizes), timeout=args.timeout)
    report = "\n".join(
        [
            "## Pipeline against the import floor",
            "",
            *environment_lines(snakemake, load_before),
            f"- rule files: {', '.join(rules)}",
            "",
            results_table(floor, list(bundled), corpora, no_op),
            "",
            "### Where the time goes (per-job `benchmarks/` files, last run of each scenario)",
            "",
            "Two jobs run at a time, one per worker process; a job's seconds include its wait "
            "for the workers to start (the first jobs) and for a free core.",
            "",
            jobs_table([bundled[0], *corpora]),
            "",
        ]
    )
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
