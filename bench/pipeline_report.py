"""The benchmark's Markdown report: the targets, each scenario's row and verdict, the jobs.

Part of ``bench/bench_pipeline.py`` (see its docstring).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline_measure import TIMED_OUT, Pair, Scenario

COLD_TARGET = 2.0


RERUN_TARGET = 0.7


LONG_TARGET = 100.0


# Corpus size -> (wall seconds, peak MiB, jobs) targets; smaller sizes must beat the peer.
CORPUS_TARGETS = {10_000: (300.0, None, None), 100_000: (2700.0, 4096.0, 1000)}


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
    snakemake_floor: Scenario | None = None
    # The import floor measured again after every other scenario: the host's speed can
    # change within a long run, and every target in seconds moves with it.
    floor_after: Scenario | None = None


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
        f"{scenario.n_articles:,}" if scenario.n_articles else "—",
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


def results_table(results: Results) -> str:
    floor, cold, rerun = results.floor, results.cold, results.rerun
    lines = [
        "| scenario | articles | newsdag s | × floor | peer s | newsdag ÷ peer | "
        "peak MiB (newsdag / peer) | jobs | output files (newsdag / peer) | target | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| import floor | — | {wall_cell(floor)} | 1.00 | — | — | {floor.peak_mib:.0f} "
        "| — | — | — | — |",
    ]
    if results.floor_after is not None:
        lines.append(table_row(results.floor_after, floor))
    if results.snakemake_floor is not None:
        lines.append(table_row(results.snakemake_floor, floor))
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
