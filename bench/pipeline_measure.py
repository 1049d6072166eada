"""Measuring one benchmark run: wall time and peak memory of a process tree, jobs and files.

Part of ``bench/bench_pipeline.py`` (see its docstring); the types here carry what each
scenario measured to the report (:mod:`pipeline_report`).
"""

from __future__ import annotations

import csv
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

TIME = "/usr/bin/time"


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
class Pair:
    """newsdag and (when run) the peer on one input."""

    newsdag: Scenario
    peer: Scenario | None = None


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


def report_failure(run: Run, log: Path, name: str) -> None:
    """Print the tail of ``log`` to stderr when ``run`` failed."""
    if run.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        print(f"\n{name}: exited with {run.returncode}; log tail:\n{tail}", file=sys.stderr)


@dataclass
class Tools:
    """The programs a benchmark runs, and its limits."""

    python: Path
    snakemake: Path
    timeout: float
