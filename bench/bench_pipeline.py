"""Benchmark newsdag against the import floor and a notebook-style peer, side by side.

Usage::

    python bench/bench_pipeline.py [--sizes 500[,10000,100000]] [--input auto|file|folder]
                                   [--repeats floor=5,cold=3,rerun=3,corpus=1] [--peer-max 10000]
                                   [--touch-size N] [--no-touch] [--no-long] [--no-dry-run]
                                   [--scheduler-floor] [--seed 0] [--timeout 3600] [--out FILE]

One run measures, each as one process under ``/usr/bin/time -f "%e %M"`` in a fresh temporary
folder:

1. the *import floor*: a fresh ``python -c "import nltk, sklearn, textblob, matplotlib,
   pandas"`` in the project's venv (the median of ``floor`` runs after one warm-up run);
2. the bundled article, cold (default config, all figures), and a rerun with nothing changed
   right after each cold run;
3. the *long article*: the bundled article repeated 100 times (634 KB) as one article, cold;
4. generated corpora (``bench/make_corpus.py --planted``, ~400 words an article) of each size
   in ``--sizes``, cold, per-article figures off (every table and the corpus figures are made);
5. *touch one article*: in the folder of the cold run on ``--touch-size`` articles (default:
   10,000 if among the sizes, else the largest), add article ``N + 1`` and rerun; the report
   lists which jobs ran (rule, count, wildcards);
6. the peer, ``bench/peer_notebook.py`` (pySBD, VADER, TextBlob, YAKE, TF-IDF and NMF with
   K=10 in one process on one core), on the same inputs as 2-4 (corpora up to ``--peer-max``),
   right after each of newsdag's corpus runs, so that ``corpus=N`` compares a median of N
   with a median of N on a machine whose speed drifts.

newsdag runs in a copy of the workflow (Snakefile, config, workflow, profiles) taken once at
the start. A generated corpus is one Parquet file read with ``--config input_files=FILE``
when the workflow accepts it (``--input auto`` checks with a dry run), else a folder of
``*.txt`` files read with ``input_dir``; the peer reads the same file or folder. For each
scenario: wall seconds, peak memory (the larger of ``time``'s largest single process and the
sampled sum of proportional set sizes over the whole process tree, every 50 ms at first and
at most once a second in long runs), the number of Snakemake jobs run (``Finished jobid``
lines of its log) and the number of files under the results folder. With the corpus sizes,
a ``--dry-run`` times start-up plus planning (skip with ``--no-dry-run``);
``--scheduler-floor`` also times Snakemake alone on 4 no-op jobs per article of the largest
corpus. Targets (this 2-core machine): bundled cold <= 2x floor, rerun <= 0.7x;
long article <= 100x the bundled article's job seconds; 500 articles faster than the peer;
10,000 articles <= 5 min; 100,000 articles <= 45 min, <= 4 GiB, <= 1,000 jobs; touching one
article reruns at most one job per rule. Temporary folders are removed, also after errors.
The Markdown report goes to stdout and, with ``--out``, to a file.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
TIME = "/usr/bin/time"
FLOOR_IMPORTS = "import nltk, sklearn, textblob, matplotlib, pandas"
WORKFLOW_PARTS = ("Snakefile", "config", "workflow", "profiles")
BUNDLED_ARTICLE = REPO / "seeds" / "ishiba_trump_summit.txt"
LONG_REPEATS = 100
DEFAULT_REPEATS = {"floor": 5, "cold": 3, "rerun": 3, "corpus": 1}
DEFAULT_TOUCH_SIZE = 10_000
COLD_TARGET = 2.0
RERUN_TARGET = 0.7
LONG_TARGET = 100.0
# Corpus size -> (wall seconds, peak MiB, jobs) targets; smaller sizes must beat the peer.
CORPUS_TARGETS = {10_000: (300.0, None, None), 100_000: (2700.0, 4096.0, 1000)}
PEER_SIZE = 500
CORPUS_CONFIG = "figures:\n  per_article: false\n"
# Taken once per benchmark, so every scenario runs the same rules while others edit the tree.
SNAPSHOT = "workflow-snapshot"
RESULTS = "out"
CORPUS_FILE = "corpus.parquet"
ARTICLES = "articles"
# Exit status recorded for a run killed at the timeout.
TIMED_OUT = -int(signal.SIGKILL)
_RULE_BLOCK = re.compile(r"^\s*(?:local)?rule (\S+):\s*$")
_WILDCARDS = re.compile(r"^\s*wildcards: (.*)$")
# A shard's name in paths: "shard-003-of-125", "shard_7", or a bare number.
_SHARD = re.compile(r"(shard[_-]?)?\d+(-of-\d+)?")
_FINISHED = re.compile(r"Finished jobid: \d+ \(Rule: (\S+)\)")


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
class JobsRun:
    """The jobs a Snakemake run finished, per rule, with the wildcards of each."""

    per_rule: Counter[str] = field(default_factory=Counter)
    wildcards: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.per_rule.values())


@dataclass
class Scenario:
    """A measured scenario: its runs and what its last run did."""

    name: str
    runs: list[Run] = field(default_factory=list)
    jobs: JobTimes = field(default_factory=JobTimes)
    jobs_run: JobsRun | None = None
    output_files: int | None = None
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


@dataclass
class Inputs:
    """How newsdag and the peer read one scenario's articles, relative to its folder."""

    config: tuple[str, ...]
    peer_path: str


# ----------------------------------------------------------------------------- measuring


def timed(command: list[str], *, cwd: Path, log: Path, timeout: float) -> Run:
    """Run ``command`` under ``/usr/bin/time`` and return its wall time and peak memory.

    ``%M`` is the largest resident set of any *one* process; Snakemake's jobs run in
    worker processes, so the process tree's total is sampled too (proportional set
    sizes, which count shared pages once, every 50 ms, less often as a run grows long) and the
    larger of the two kept.

    A command that runs longer than ``timeout`` seconds is killed with its whole tree and
    returned as a failed run (exit ``TIMED_OUT``) of ``timeout`` seconds, so one scenario
    that overruns does not lose the others' figures.
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
            print(f"{' '.join(command)} ran longer than {timeout:.0f} s", file=sys.stderr)
            return Run(timeout, sampler.peak_mib, TIMED_OUT)
        except BaseException:
            # Ctrl-C or the benchmark terminated: its own session would outlive it otherwise.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        finally:
            sampler.stop()
    # time prints "Command exited with non-zero status N" before the numbers on failure.
    wall, peak_kib = stats.read_text(encoding="utf-8").split()[-2:]
    return Run(float(wall), max(int(peak_kib) / 1024, sampler.peak_mib), returncode)


def proportional_set_size(process: psutil.Process) -> int:
    """A process's proportional set size in bytes.

    Read from ``/proc/<pid>/smaps_rollup``, which the kernel sums for us: psutil's
    ``memory_full_info`` parses the whole ``smaps`` file, and at 20 samples a second over
    three ~600 MiB workers that took a quarter of a core from the run being measured.
    """
    try:
        with open(f"/proc/{process.pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except FileNotFoundError:
        if not psutil.pid_exists(process.pid):
            raise psutil.NoSuchProcess(process.pid) from None
    except (PermissionError, ProcessLookupError):
        raise psutil.AccessDenied(process.pid) from None
    return process.memory_full_info().pss  # no smaps_rollup (kernels before 4.14)


class TreeMemorySampler:
    """Samples the summed proportional set size (PSS) of a process and its descendants.

    A sample makes the kernel walk every page table of the tree (about 4 ms per 600 MiB
    worker, while holding each process's memory-map lock), so the sampler keeps its own cost
    under ``budget`` of one core: after a sample that took ``c`` seconds it waits at least
    ``c / budget``. At a fixed 50-200 ms it had slowed a 500-article run by 2.3 s (19.6 s
    against 17.0 s, medians of 3) while the one-process peer was unaffected.
    """

    def __init__(
        self, pid: int, *, interval: float = 0.05, longest: float = 1.0, budget: float = 0.02
    ) -> None:
        self.peak_mib = 0.0
        self._root = psutil.Process(pid)
        self._interval = interval
        self._longest = longest
        self._budget = budget
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _pause(self, elapsed: float, cost: float = 0.0) -> float:
        """Seconds to the next sample: ``interval`` at first, then 1 % of the time elapsed,
        at most ``longest``; but never less than the last sample's ``cost`` divided by the
        budget."""
        return max(min(self._longest, max(self._interval, elapsed / 100)), cost / self._budget)

    def _sample(self) -> None:
        started = time.perf_counter()
        cost = 0.0
        while not self._done.wait(self._pause(time.perf_counter() - started, cost)):
            sampled = time.perf_counter()
            total = 0
            try:
                processes = [self._root, *self._root.children(recursive=True)]
            except psutil.Error:
                return
            for process in processes:
                try:
                    total += proportional_set_size(process)
                except psutil.Error:
                    continue  # exited between listing and reading
            self.peak_mib = max(self.peak_mib, total / 2**20)
            cost = time.perf_counter() - sampled

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


def _is_unit(part: str, units: set[str]) -> bool:
    """Whether a path part names one article or shard (a wildcard), not a rule."""
    return part in units or _SHARD.fullmatch(part) is not None


def job_times(workdir: Path, units: set[str]) -> JobTimes:
    """Seconds per job, grouped by rule, from the ``benchmarks/`` files of a run.

    A path part naming an article or a shard (``benchmarks/<article>/<rule>.tsv``) is left out
    of the group's name, so such files group by rule; others, such as
    ``benchmarks/corpus/topics.tsv``, group by their path below ``benchmarks/``.
    """
    root = workdir / "benchmarks"
    seconds: dict[str, list[float]] = defaultdict(list)
    for path in sorted(root.rglob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        if not rows or "s" not in rows[0]:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        key = "/".join(part for part in parts if not _is_unit(part, units)) or "/".join(parts)
        seconds[key].append(float(rows[-1]["s"]))
    return JobTimes(dict(seconds))


def jobs_from_log(log: Path) -> JobsRun:
    """The jobs a Snakemake log says finished, per rule, with their wildcards."""
    jobs = JobsRun()
    wildcards: dict[str, list[str]] = defaultdict(list)
    rule = None
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if match := _RULE_BLOCK.match(line):
            rule = match.group(1)
        elif (match := _WILDCARDS.match(line)) and rule is not None:
            wildcards[rule].append(match.group(1).strip())
        elif match := _FINISHED.search(line):
            jobs.per_rule[match.group(1)] += 1
    jobs.wildcards = dict(wildcards)
    return jobs


def count_files(folder: Path) -> int:
    """Files below ``folder`` (0 if it does not exist)."""
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


# ----------------------------------------------------------------------------- inputs


def _make_corpus_module():
    """``bench/make_corpus.py``, loaded by path (``bench/`` is not a package)."""
    if "make_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_corpus", BENCH / "make_corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_corpus"]


def write_inputs(size: int, workdir: Path, *, seed: int, as_file: bool) -> Inputs:
    """Write ``size`` generated articles (planted) into ``workdir``: one file or a folder."""
    make_corpus = _make_corpus_module()
    if as_file:
        make_corpus.write_corpus_file(size, workdir / CORPUS_FILE, seed=seed, planted=True)
        return file_inputs()
    make_corpus.write_corpus(size, workdir / ARTICLES, seed=seed, planted=True)
    return folder_inputs()


def add_one_article(size: int, workdir: Path, *, seed: int, as_file: bool) -> str:
    """Add article ``size + 1`` to the corpus in ``workdir`` (the file is rewritten).

    Returns:
        The new article's id.
    """
    make_corpus = _make_corpus_module()
    if as_file:
        make_corpus.write_corpus_file(size + 1, workdir / CORPUS_FILE, seed=seed, planted=True)
    else:
        record = make_corpus.make_record(
            size + 1,
            seed=seed,
            source=make_corpus.DEFAULT_SOURCE.read_text(encoding="utf-8"),
            planted=True,
        )
        path = workdir / ARTICLES / f"{record['id']}.txt"
        path.write_text(record["text"], encoding="utf-8", newline="\n")
    return make_corpus.article_id(size + 1)


def file_inputs() -> Inputs:
    return Inputs((f"input_files={CORPUS_FILE}", f"results_dir={RESULTS}"), CORPUS_FILE)


def folder_inputs() -> Inputs:
    return Inputs((f"input_dir={ARTICLES}", f"results_dir={RESULTS}"), ARTICLES)


def write_articles(folder: Path, articles: dict[str, str]) -> Inputs:
    """Write ``articles`` (file name to text) into ``folder/articles``."""
    (folder / ARTICLES).mkdir(parents=True)
    for name, text in articles.items():
        (folder / ARTICLES / name).write_text(text, encoding="utf-8", newline="\n")
    return folder_inputs()


def long_article() -> dict[str, str]:
    """The bundled article repeated ``LONG_REPEATS`` times, as one article."""
    return {"long_article.txt": BUNDLED_ARTICLE.read_text(encoding="utf-8") * LONG_REPEATS}


def copy_workflow(source: Path, dest: Path) -> None:
    """Copy the parts of the workflow that a run needs from ``source`` to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in WORKFLOW_PARTS:
        if (source / part).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source / part, dest / part, ignore=ignore)
        else:
            shutil.copy2(source / part, dest / part)


def new_workdir(parent: Path, name: str) -> Path:
    """A fresh copy of the workflow snapshot."""
    workdir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=parent))
    copy_workflow(parent / SNAPSHOT, workdir)
    return workdir


def accepts_corpus_files(snakemake: Path, scratch: Path, *, timeout: float) -> bool:
    """Whether the workflow plans a run on a corpus file (a dry run on three articles)."""
    workdir = new_workdir(scratch, "probe")
    try:
        write_inputs(3, workdir, seed=0, as_file=True)
        command = [str(snakemake), "--dry-run", "--quiet", "--config", *file_inputs().config]
        run = timed(command, cwd=workdir, log=workdir / "probe.log", timeout=timeout)
        return run.returncode == 0
    finally:
        shutil.rmtree(workdir)


# ----------------------------------------------------------------------------- scenarios


def report_failure(run: Run, log: Path, name: str) -> None:
    if run.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        print(f"\n{name}: exited with {run.returncode}; log tail:\n{tail}", file=sys.stderr)


@dataclass
class Tools:
    """The programs a benchmark runs, and its limits."""

    python: Path
    snakemake: Path
    timeout: float


def run_newsdag(
    tools: Tools, workdir: Path, inputs: Inputs, scenario: Scenario, *, label: str, extra=()
) -> Run:
    """One ``snakemake`` run in ``workdir``; records its jobs and output files in ``scenario``."""
    log = workdir / f"bench-{label}.log"
    command = [str(tools.snakemake), "--config", *inputs.config, *extra]
    run = timed(command, cwd=workdir, log=log, timeout=tools.timeout)
    report_failure(run, log, f"{scenario.name} ({label})")
    scenario.runs.append(run)
    scenario.jobs_run = jobs_from_log(log)
    scenario.output_files = count_files(workdir / RESULTS)
    return run


def run_peer(
    tools: Tools,
    workdir: Path,
    inputs: Inputs,
    name: str,
    *,
    n_articles: int,
    scenario: Scenario | None = None,
) -> Scenario:
    """The peer script on the same input as newsdag in ``workdir`` (another run of
    ``scenario`` when given)."""
    scenario = scenario or Scenario(name, n_articles=n_articles)
    out = workdir / "peer-out"
    command = [str(tools.python), str(BENCH / "peer_notebook.py"), inputs.peer_path, str(out)]
    log = workdir / "bench-peer.log"
    run = timed(command, cwd=workdir, log=log, timeout=tools.timeout)
    report_failure(run, log, name)
    scenario.runs.append(run)
    scenario.output_files = count_files(out)
    shutil.rmtree(out, ignore_errors=True)
    return scenario


@dataclass
class Pair:
    """newsdag and (when run) the peer on one input."""

    newsdag: Scenario
    peer: Scenario | None = None


def units_of(workdir: Path, inputs: Inputs) -> set[str]:
    folder = workdir / ARTICLES
    return {path.stem for path in folder.iterdir()} if inputs.peer_path == ARTICLES else set()


def bundled_scenarios(
    tools: Tools, scratch: Path, *, cold_runs: int, rerun_runs: int, peer: bool
) -> tuple[Pair, Scenario]:
    """Cold runs on the bundled article, each followed by a rerun in the same folder."""
    cold = Scenario("bundled article, cold, all figures", n_articles=1)
    rerun = Scenario("bundled article, rerun, nothing changed", n_articles=1)
    pair = Pair(cold)
    for index in range(max(cold_runs, rerun_runs)):
        workdir = new_workdir(scratch, "bundled")
        inputs = write_articles(workdir, {BUNDLED_ARTICLE.name: BUNDLED_ARTICLE.read_text()})
        target = cold if index < cold_runs else Scenario("extra cold run")
        run_newsdag(tools, workdir, inputs, target, label="cold")
        if index < cold_runs:
            cold.jobs = job_times(workdir, units_of(workdir, inputs))
        if index < rerun_runs:
            run_newsdag(tools, workdir, inputs, rerun, label="rerun")
        if index == 0 and peer:
            pair.peer = run_peer(tools, workdir, inputs, "peer, bundled article", n_articles=1)
        shutil.rmtree(workdir)
    return pair, rerun


def long_scenario(tools: Tools, scratch: Path, *, peer: bool) -> Pair:
    """The bundled article repeated 100 times as one article, cold, all figures."""
    kib = len(long_article()["long_article.txt"].encode("utf-8")) / 1000
    pair = Pair(Scenario(f"long article ({kib:.0f} KB), cold, all figures", n_articles=1))
    workdir = new_workdir(scratch, "long")
    try:
        inputs = write_articles(workdir, long_article())
        run_newsdag(tools, workdir, inputs, pair.newsdag, label="cold")
        pair.newsdag.jobs = job_times(workdir, units_of(workdir, inputs))
        if peer:
            pair.peer = run_peer(tools, workdir, inputs, "peer, long article", n_articles=1)
    finally:
        shutil.rmtree(workdir)
    return pair


@dataclass
class CorpusOptions:
    """How the corpus scenarios run."""

    runs: int
    seed: int
    as_file: bool
    dry_run: bool
    peer_max: int
    touch_size: int | None


def corpus_scenario(
    tools: Tools, scratch: Path, size: int, options: CorpusOptions
) -> tuple[Pair, Scenario | None]:
    """Cold runs on ``size`` generated articles, the peer, and maybe the touch-one rerun.

    With ``options.dry_run``, a ``--dry-run`` before the first cold run times start-up and
    planning alone (it writes no results, so the run after it is still cold).
    """
    name = f"{size:,} generated articles, cold, no per-article figures"
    pair = Pair(Scenario(name, n_articles=size))
    touch = None
    for index in range(options.runs):
        workdir = new_workdir(scratch, f"corpus{size}")
        try:
            inputs = write_inputs(size, workdir, seed=options.seed, as_file=options.as_file)
            (workdir / "bench.yaml").write_text(CORPUS_CONFIG, encoding="utf-8")
            extra = ("--configfile", "bench.yaml")
            if options.dry_run and index == 0:
                probe = Scenario(f"{name} (dry run)")
                run_newsdag(tools, workdir, inputs, probe, label="dry", extra=(*extra, "-n", "-q"))
                pair.newsdag.dry_run = probe.runs[0]
            run_newsdag(tools, workdir, inputs, pair.newsdag, label="cold", extra=extra)
            pair.newsdag.jobs = job_times(workdir, units_of(workdir, inputs))
            if size <= options.peer_max:  # as often as newsdag: medians against medians
                pair.peer = run_peer(
                    tools,
                    workdir,
                    inputs,
                    f"peer, {size:,} articles",
                    n_articles=size,
                    scenario=pair.peer,
                )
            if index == 0 and size == options.touch_size:
                touch = Scenario(f"{size:,} articles + 1 added, rerun", n_articles=size + 1)
                add_one_article(size, workdir, seed=options.seed, as_file=options.as_file)
                run_newsdag(tools, workdir, inputs, touch, label="touch", extra=extra)
        finally:
            shutil.rmtree(workdir)
    return pair, touch


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


def scheduler_floor(tools: Tools, scratch: Path, size: int) -> Scenario:
    """Snakemake alone: the same profile running ``size`` x 4 jobs that do nothing.

    What four per-article jobs cost before any analysis: start-up, DAG, scheduling, logs,
    benchmarks and metadata.
    """
    scenario = Scenario(f"Snakemake alone: {size:,} × 4 no-op jobs", n_articles=size)
    workdir = Path(tempfile.mkdtemp(prefix="noop-", dir=scratch))
    shutil.copytree(scratch / SNAPSHOT / "profiles", workdir / "profiles")
    (workdir / "Snakefile").write_text(NO_OP_SNAKEFILE.format(size=size), encoding="utf-8")
    log = workdir / "bench-noop.log"
    command = [str(tools.snakemake), "--quiet"]
    run = timed(command, cwd=workdir, log=log, timeout=tools.timeout)
    report_failure(run, log, scenario.name)
    scenario.runs.append(run)
    shutil.rmtree(workdir)
    return scenario


# ----------------------------------------------------------------------------- report


def verdict(checks: list[tuple[str, bool]], scenarios: list[Scenario]) -> str:
    failed_runs = [s for s in scenarios if not s.ok]
    if failed_runs:
        codes = sorted({run.returncode for s in failed_runs for run in s.runs} - {0})
        if TIMED_OUT in codes:
            return f"ERROR ({failed_runs[0].name}: timed out)"
        return f"ERROR ({failed_runs[0].name}: exit {', '.join(map(str, codes))})"
    if not checks:
        return "—"
    failed = [name for name, passed in checks if not passed]
    return "PASS" if not failed else f"FAIL ({', '.join(failed)})"


def wall_cell(scenario: Scenario | None) -> str:
    if scenario is None:
        return "—"
    n = len(scenario.runs)
    return f"{scenario.wall:.2f}" + (f" (median of {n})" if n > 1 else "")


def _jobs_cell(scenario: Scenario) -> str:
    return "—" if scenario.jobs_run is None else f"{scenario.jobs_run.total:,}"


def _files_cell(scenario: Scenario, peer: Scenario | None) -> str:
    newsdag = "—" if scenario.output_files is None else f"{scenario.output_files:,}"
    return newsdag if peer is None else f"{newsdag} / {peer.output_files:,}"


def _peak_cell(scenario: Scenario, peer: Scenario | None) -> str:
    return f"{scenario.peak_mib:.0f}" + ("" if peer is None else f" / {peer.peak_mib:.0f}")


def table_row(
    scenario: Scenario,
    floor: Scenario,
    *,
    peer: Scenario | None = None,
    target: str = "—",
    checks: list[tuple[str, bool]] | None = None,
) -> str:
    peer_ratio = f"{scenario.wall / peer.wall:.2f}" if peer is not None and peer.ok else "—"
    cells = [
        scenario.name,
        f"{scenario.n_articles:,}",
        wall_cell(scenario),
        f"{scenario.wall / floor.wall:.2f}",
        wall_cell(peer),
        peer_ratio,
        _peak_cell(scenario, peer),
        _jobs_cell(scenario),
        _files_cell(scenario, peer),
        target,
        verdict(checks or [], [scenario] + ([peer] if peer is not None else [])),
    ]
    return "| " + " | ".join(cells) + " |"


def long_cost_ratio(long: Scenario, cold: Scenario, rerun: Scenario) -> tuple[float, str]:
    """The long article's cost over the bundled article's, and how it was measured.

    Summed job seconds when both runs wrote ``benchmarks/`` files; else walls less the
    no-op rerun's (Snakemake's start-up).
    """
    if long.jobs.total() > 0 and cold.jobs.total() > 0:
        return long.jobs.total() / cold.jobs.total(), "job s"
    base = rerun.wall if rerun.ok else 0.0
    return (long.wall - base) / max(cold.wall - base, 1e-9), "wall − rerun"


def corpus_target(pair: Pair) -> tuple[str, list[tuple[str, bool]]]:
    """The targets of a corpus size and whether its run met them."""
    scenario = pair.newsdag
    limits = CORPUS_TARGETS.get(scenario.n_articles)
    if limits is None:
        if pair.peer is None or not pair.peer.ok:
            return "—", []
        return "faster than the peer", [("slower than peer", scenario.wall < pair.peer.wall)]
    wall, memory, jobs = limits
    target = [f"≤ {wall / 60:g} min"]
    checks = [("time", scenario.wall <= wall)]
    if memory is not None:
        target.append(f"≤ {memory / 1024:g} GiB")
        checks.append(("memory", scenario.peak_mib <= memory))
    if jobs is not None:
        target.append(f"≤ {jobs:,} jobs")
        checks.append(("jobs", scenario.jobs_run is not None and scenario.jobs_run.total <= jobs))
    return ", ".join(target), checks


def touch_checks(touch: Scenario) -> list[tuple[str, bool]]:
    per_rule = touch.jobs_run.per_rule if touch.jobs_run else Counter()
    many = [rule for rule, count in sorted(per_rule.items()) if count > 1]
    return [(f"{', '.join(many)} ran more than once", not many)]


@dataclass
class Results:
    """Everything one benchmark run measured."""

    floor: Scenario
    cold: Pair
    rerun: Scenario
    long: Pair | None
    corpora: list[Pair]
    touch: Scenario | None
    no_op: Scenario | None


def results_table(results: Results) -> str:
    floor, cold, rerun = results.floor, results.cold, results.rerun
    lines = [
        "| scenario | articles | newsdag s | × floor | peer s | newsdag ÷ peer | "
        "peak MiB (newsdag / peer) | jobs | output files (newsdag / peer) | target | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| import floor | — | {wall_cell(floor)} | 1.00 | — | — | {floor.peak_mib:.0f} "
        "| — | — | — | — |",
    ]
    cold_ok = [("time", cold.newsdag.wall / floor.wall <= COLD_TARGET)]
    lines.append(
        table_row(
            cold.newsdag, floor, peer=cold.peer, target=f"≤ {COLD_TARGET:g}× floor", checks=cold_ok
        )
    )
    rerun_ok = [("time", rerun.wall / floor.wall <= RERUN_TARGET)]
    lines.append(table_row(rerun, floor, target=f"≤ {RERUN_TARGET:g}× floor", checks=rerun_ok))
    if results.long is not None:
        ratio, basis = long_cost_ratio(results.long.newsdag, cold.newsdag, rerun)
        target = f"≤ {LONG_TARGET:g}× bundled ({basis}): {ratio:.0f}×"
        checks = [("cost", ratio <= LONG_TARGET)]
        lines.append(
            table_row(
                results.long.newsdag, floor, peer=results.long.peer, target=target, checks=checks
            )
        )
    for pair in results.corpora:
        target, checks = corpus_target(pair)
        lines.append(table_row(pair.newsdag, floor, peer=pair.peer, target=target, checks=checks))
    if results.touch is not None:
        lines.append(
            table_row(
                results.touch, floor, target="≤ 1 job per rule", checks=touch_checks(results.touch)
            )
        )
    if results.no_op is not None:
        lines.append(table_row(results.no_op, floor))
    return "\n".join(lines)


def per_article_lines(corpora: list[Pair]) -> list[str]:
    """Seconds per article at each size: linear cost keeps them flat."""
    cells = [
        f"{pair.newsdag.n_articles:,}: {pair.newsdag.wall / pair.newsdag.n_articles:.4f}"
        + (f" (peer {pair.peer.wall / pair.peer.n_articles:.4f})" if pair.peer else "")
        for pair in corpora
        if pair.newsdag.ok
    ]
    return [f"- seconds per article, newsdag (peer): {'; '.join(cells)}"] if cells else []


def touch_lines(touch: Scenario | None) -> list[str]:
    """Which jobs the rerun after adding one article ran: rule, count, wildcards."""
    if touch is None or touch.jobs_run is None:
        return []
    lines = [
        f"### Jobs rerun after adding one article to {touch.n_articles - 1:,}",
        "",
        "| rule | jobs | wildcards |",
        "| --- | --- | --- |",
    ]
    for rule, count in sorted(touch.jobs_run.per_rule.items()):
        wildcards = sorted(set(touch.jobs_run.wildcards.get(rule, [])))
        shown = "; ".join(wildcards[:5]) + (
            f"; … ({len(wildcards)} in all)" if len(wildcards) > 5 else ""
        )
        lines.append(f"| {rule} | {count} | {shown or '—'} |")
    return [*lines, ""]


def jobs_table(scenarios: list[Scenario]) -> str:
    """Per scenario and rule: jobs, summed job seconds, milliseconds per job.

    Jobs may run two at a time, so summed job seconds can exceed the wall; the dry run times
    start-up plus planning the DAG of the same workflow.
    """
    lines = [
        "| scenario | rule | jobs | job s (sum) | ms per job | share of job s |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for scenario in scenarios:
        total_jobs = scenario.jobs.total()
        if scenario.dry_run is not None:
            lines.append(
                f"| {scenario.name} | *dry run: start-up + planning* | — | "
                f"{scenario.dry_run.wall:.2f} | — | — |"
            )
        ranked = sorted(scenario.jobs.seconds.items(), key=lambda item: (-sum(item[1]), item[0]))
        for rule, seconds in ranked:
            total = sum(seconds)
            lines.append(
                f"| {scenario.name} | {rule} | {len(seconds)} | {total:.2f} | "
                f"{1000 * total / len(seconds):.1f} | {total / total_jobs:.0%} |"
            )
    return "\n".join(lines)


# The measured venv's interpreter: its version, its executable, and whether libpython is a
# shared library it loads (position-independent code; the build matters, see the README).
INTERPRETER_PROBE = (
    "import sys; "
    "shared = any('libpython' in line for line in open('/proc/self/maps')); "
    "print(sys.version.split()[0], sys._base_executable, "
    "'libpython loaded as a shared library' if shared else 'libpython linked in', sep='; ')"
)


def interpreter_line(python: Path) -> str:
    """The venv interpreter's version, base executable and build, as one line."""
    try:
        probe = subprocess.run(
            [str(python), "-c", INTERPRETER_PROBE], capture_output=True, text=True, check=False
        )
    except OSError as error:
        return f"unknown ({error.strerror}: {python})"
    return probe.stdout.strip() or f"unknown ({probe.stderr.strip()[:80]})"


def environment_lines(
    python: Path, snakemake: Path, load_before: float, input_mode: str
) -> list[str]:
    version = subprocess.run(
        [str(snakemake), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return [
        f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- date: {time.strftime('%Y-%m-%d %H:%M')}; snakemake {version}; {os.cpu_count()} CPUs",
        f"- python (the measured venv's): {interpreter_line(python)}",
        f"- generated corpora read as: {input_mode}",
        f"- load average (1 min) before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f}",
    ]


def report(results: Results, *, environment: list[str], rules: list[str]) -> str:
    pairs = [results.cold, *([results.long] if results.long else []), *results.corpora]
    return "\n".join(
        [
            "## newsdag against the import floor and a notebook-style peer",
            "",
            *environment,
            f"- rule files: {', '.join(rules)}",
            *per_article_lines(results.corpora),
            "",
            results_table(results),
            "",
            *touch_lines(results.touch),
            "### Where the time goes (per-job `benchmarks/` files, last run of each scenario)",
            "",
            jobs_table([pair.newsdag for pair in pairs]),
            "",
        ]
    )


# ----------------------------------------------------------------------------- CLI


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad sizes {text!r}: use e.g. 500,10000") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers, e.g. 500,10000")
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
    parser.add_argument(
        "--sizes", type=parse_sizes, default=[PEER_SIZE], help="corpus sizes, e.g. 500,10000"
    )
    parser.add_argument(
        "--input",
        choices=("auto", "file", "folder"),
        default="auto",
        help="generated corpora as one Parquet file or a folder (auto: file if accepted)",
    )
    parser.add_argument(
        "--repeats",
        type=parse_repeats,
        default=dict(DEFAULT_REPEATS),
        help="runs per scenario, e.g. floor=5,cold=3,rerun=3,corpus=1 (missing keys: default)",
    )
    parser.add_argument(
        "--peer-max", type=int, default=DEFAULT_TOUCH_SIZE, help="largest corpus for the peer"
    )
    parser.add_argument(
        "--touch-size",
        type=int,
        help="corpus size for the add-one-article rerun (default: 10000 if run, else largest)",
    )
    parser.add_argument("--no-touch", action="store_true", help="skip the add-one-article rerun")
    parser.add_argument("--no-long", action="store_true", help="skip the long article")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer script")
    parser.add_argument("--venv", type=Path, default=REPO / ".venv", help="project venv")
    parser.add_argument(
        "--tree",
        type=Path,
        default=REPO,
        help="source tree to benchmark, e.g. from `git archive REV | tar -x -C DIR` "
        "(default: this repository; its analysis/ goes first on PYTHONPATH)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpora")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per process")
    parser.add_argument(
        "--no-dry-run", action="store_true", help="skip timing a dry run of each corpus"
    )
    parser.add_argument(
        "--scheduler-floor",
        action="store_true",
        help="also time Snakemake alone on 4 no-op jobs per article of the largest corpus",
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    return parser.parse_args(argv)


def touch_size(args: argparse.Namespace) -> int | None:
    if args.no_touch:
        return None
    if args.touch_size is not None:
        return args.touch_size
    return DEFAULT_TOUCH_SIZE if DEFAULT_TOUCH_SIZE in args.sizes else max(args.sizes)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message} ...", file=sys.stderr, flush=True)


def measure(args: argparse.Namespace, tools: Tools, scratch: Path) -> tuple[Results, str]:
    """Run every scenario the arguments ask for, in ``scratch``."""
    as_file = args.input == "file"
    if args.input == "auto":
        as_file = accepts_corpus_files(tools.snakemake, scratch, timeout=tools.timeout)
    input_mode = "one Parquet file (input_files)" if as_file else "a folder of .txt (input_dir)"
    progress(f"measuring the import floor; corpora as {input_mode}")
    floor = import_floor(
        tools.python, runs=args.repeats["floor"], scratch=scratch, timeout=tools.timeout
    )
    progress("the bundled article: cold runs and reruns")
    cold, rerun = bundled_scenarios(
        tools,
        scratch,
        cold_runs=args.repeats["cold"],
        rerun_runs=args.repeats["rerun"],
        peer=not args.no_peer,
    )
    long = None
    if not args.no_long:
        progress("the long article")
        long = long_scenario(tools, scratch, peer=not args.no_peer)
    options = CorpusOptions(
        runs=args.repeats["corpus"],
        seed=args.seed,
        as_file=as_file,
        dry_run=not args.no_dry_run,
        peer_max=-1 if args.no_peer else args.peer_max,
        touch_size=touch_size(args),
    )
    corpora, touch = [], None
    for size in args.sizes:
        progress(f"{size:,} generated articles")
        pair, touched = corpus_scenario(tools, scratch, size, options)
        corpora.append(pair)
        touch = touched or touch
    no_op = None
    if args.scheduler_floor:
        progress(f"Snakemake alone on {max(args.sizes):,} x 4 no-op jobs")
        no_op = scheduler_floor(tools, scratch, max(args.sizes))
    return Results(floor, cold, rerun, long, corpora, touch, no_op), input_mode


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: the running command is killed, folders removed


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_term)
    venv = args.venv.absolute()  # its programs run in other folders
    tools = Tools(venv / "bin" / "python", venv / "bin" / "snakemake", args.timeout)
    load_before = os.getloadavg()[0]
    tree = args.tree.resolve()
    if tree != REPO:
        # Every process then imports the benchmarked tree's package, not the installed one.
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(tree), os.environ.get("PYTHONPATH")])
        )
    with tempfile.TemporaryDirectory(prefix="newsdag-bench-") as scratch_name:
        scratch = Path(scratch_name)
        copy_workflow(tree, scratch / SNAPSHOT)
        rules = sorted(p.stem for p in (scratch / SNAPSHOT / "workflow" / "rules").glob("*.smk"))
        results, input_mode = measure(args, tools, scratch)
    environment = environment_lines(tools.python, tools.snakemake, load_before, input_mode)
    text = report(results, environment=environment, rules=rules)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
