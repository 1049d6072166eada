"""Benchmark newsdag against the import floor and a notebook-style peer, side by side.

Usage::

    python bench/bench_pipeline.py [--sizes 500[,10000,100000]] [--input auto|file|folder]
                                   [--repeats floor=5,cold=3,rerun=3,corpus=1] [--peer-max 10000]
                                   [--touch-size N] [--no-touch] [--no-long] [--no-dry-run]
                                   [--scheduler-floor] [--seed 0] [--timeout 3600] [--out FILE]

One run measures, each as one process under ``/usr/bin/time -f "%e %M"`` in a fresh temporary
folder:

1. the *import floor*: a fresh ``python -c "import nltk, sklearn, textblob, matplotlib,
   pandas"`` in the project's venv (the median of ``floor`` runs after one warm-up run),
   measured again after every other scenario, so that a change in the host's speed during
   the run shows; and the *Snakemake floor*: Snakemake in the project's profile running one
   job that only makes those imports (the median of ``cold`` runs after one warm-up run),
   what any workflow of these libraries pays before it reads an article;
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
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline_floors import import_floor, scheduler_floor, snakemake_floor
from pipeline_inputs import (
    ARTICLES,
    BUNDLED_ARTICLE,
    RESULTS,
    Inputs,
    add_one_article,
    file_inputs,
    long_article,
    write_articles,
    write_inputs,
)
from pipeline_measure import (
    Pair,
    Run,
    Scenario,
    Tools,
    count_files,
    job_times,
    jobs_from_log,
    report_failure,
    timed,
)
from pipeline_report import Results, environment_lines, report

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
WORKFLOW_PARTS = ("Snakefile", "config", "workflow", "profiles")
DEFAULT_REPEATS = {"floor": 5, "cold": 3, "rerun": 3, "corpus": 1}
DEFAULT_TOUCH_SIZE = 10_000
PEER_SIZE = 500
CORPUS_CONFIG = "figures:\n  per_article: false\n"
# Taken once per benchmark, so every scenario runs the same rules while others edit the tree.
SNAPSHOT = "workflow-snapshot"


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


def units_of(workdir: Path, inputs: Inputs) -> set[str]:
    """The run's article ids, which :func:`job_times` leaves out of its groups' names."""
    if inputs.peer_path == ARTICLES:
        return {path.stem for path in (workdir / ARTICLES).iterdir()}
    # A corpus file's articles: the per-article folders of its results (small corpora).
    results = workdir / RESULTS
    folders = results.iterdir() if results.is_dir() else ()
    return {path.name for path in folders if path.is_dir() and path.name != "corpus"}


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


# ----------------------------------------------------------------------------- report


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
    profiles = scratch / SNAPSHOT / "profiles"
    progress(f"measuring the import floor; corpora as {input_mode}")
    floor = import_floor(
        tools.python, runs=args.repeats["floor"], scratch=scratch, timeout=tools.timeout
    )
    progress("the Snakemake floor")
    snakemake_only = snakemake_floor(tools, scratch, profiles, runs=args.repeats["cold"])
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
        no_op = scheduler_floor(tools, scratch, profiles, max(args.sizes))
    progress("the import floor again")
    floor_after = import_floor(
        tools.python,
        runs=args.repeats["floor"],
        scratch=scratch,
        timeout=tools.timeout,
        name="import floor, again at the end",
    )
    results = Results(
        floor, cold, rerun, long, corpora, touch, no_op, snakemake_only, floor_after=floor_after
    )
    return results, input_mode


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
