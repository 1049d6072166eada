"""The pipeline benchmark's bookkeeping: jobs from logs, job times, targets, the report."""

import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest
from bench_scripts import load_bench_script

LOG = """\
Building DAG of jobs...
[Tue Dec  1 22:26:18 2026]
localrule prepare:
    input: articles/a.txt
    output: out/a/tables/sections.tsv
    jobid: 1
    reason: Missing output files: out/a/tables/sections.tsv
    wildcards: article=a
    resources: tmpdir=/tmp

[Tue Dec  1 22:26:18 2026]
rule prepare:
    input: articles/b.txt
    jobid: 2
    wildcards: article=b

[Tue Dec  1 22:26:19 2026]
localrule corpus_topics:
    input: out/a/tables/tokens.tsv
    jobid: 3
Finished jobid: 1 (Rule: prepare)
1 of 4 steps (25%) done
Finished jobid: 2 (Rule: prepare)
Finished jobid: 3 (Rule: corpus_topics)
Finished jobid: 0 (Rule: all)
"""


bench = load_bench_script("bench_pipeline")
inputs = load_bench_script("pipeline_inputs")
measure = load_bench_script("pipeline_measure")
floors = load_bench_script("pipeline_floors")
report = load_bench_script("pipeline_report")


def _scenario(name, walls, *, peak=100.0, n=1, jobs=None, returncode=0):
    scenario = measure.Scenario(name, n_articles=n)
    scenario.runs = [measure.Run(wall, peak, returncode) for wall in walls]
    if jobs is not None:
        scenario.jobs_run = measure.JobsRun(Counter(jobs))
    return scenario


def test_jobs_from_log_counts_finished_jobs_and_keeps_wildcards(tmp_path):
    log = tmp_path / "run.log"
    log.write_text(LOG, encoding="utf-8")
    jobs = measure.jobs_from_log(log)
    assert jobs.per_rule == {"prepare": 2, "corpus_topics": 1, "all": 1}
    assert jobs.total == 4
    assert jobs.wildcards == {"prepare": ["article=a", "article=b"]}


def test_job_times_group_per_article_and_shard_files_by_rule(tmp_path):
    root = tmp_path / "benchmarks"
    for relative, seconds in [
        ("a/prepare.tsv", 1.5),
        ("b/prepare.tsv", 2.5),
        ("shards/shard-007-of-125/keywords.tsv", 4.0),
        ("shards/shard-008-of-125/keywords.tsv", 1.0),
        ("corpus/topics.tsv", 3.0),
    ]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"s\th:m:s\n{seconds}\t0:00:01\n", encoding="utf-8")
    times = measure.job_times(tmp_path, {"a", "b"})
    assert times.seconds == {
        "prepare": [1.5, 2.5],
        "shards/keywords": [4.0, 1.0],
        "corpus/topics": [3.0],
    }
    assert times.total() == pytest.approx(12.0)


def test_count_files_counts_files_only(tmp_path):
    (tmp_path / "out" / "x").mkdir(parents=True)
    (tmp_path / "out" / "x" / "a.tsv").write_text("", encoding="utf-8")
    (tmp_path / "out" / "b.json").write_text("", encoding="utf-8")
    assert measure.count_files(tmp_path / "out") == 2
    assert measure.count_files(tmp_path / "missing") == 0


def test_corpus_targets_by_size():
    small = measure.Pair(_scenario("500", [10.0], n=500), _scenario("peer", [20.0], n=500))
    assert report.corpus_target(small) == (
        "faster than the peer",
        [("slower than peer", True)],
    )
    big = measure.Pair(_scenario("100k", [2800.0], peak=3000.0, n=100_000, jobs={"prepare": 900}))
    target, checks = report.corpus_target(big)
    assert target == "≤ 45 min, ≤ 4 GiB, ≤ 1,000 jobs"
    assert checks == [("time", False), ("memory", True), ("jobs", True)]


def test_touch_passes_only_with_at_most_one_job_per_rule():
    one_shard = _scenario("touch", [1.0], jobs={"prepare": 1, "corpus_topics": 1})
    every_shard = _scenario("touch", [1.0], jobs={"prepare": 3, "keywords": 2, "all": 1})
    assert report.verdict(report.touch_checks(one_shard), [one_shard]) == "PASS"
    assert report.verdict(report.touch_checks(every_shard), [every_shard]) == (
        "FAIL (keywords, prepare ran more than once)"
    )


def test_verdict_reports_a_failed_run_before_its_targets():
    failed = _scenario("cold", [1.0, 1.0], returncode=1)
    assert report.verdict([("time", True)], [failed]) == "ERROR (cold: exit 1)"


def test_a_command_over_its_timeout_is_killed_and_reported_as_timed_out(tmp_path):
    run = measure.timed(["sleep", "30"], cwd=tmp_path, log=tmp_path / "sleep.log", timeout=0.5)
    assert run.returncode == measure.TIMED_OUT and run.wall == 0.5
    scenario = _scenario("big", [])
    scenario.runs = [run]
    assert report.verdict([], [scenario]) == "ERROR (big: timed out)"


def test_a_command_is_timed(tmp_path):
    run = measure.timed(["sleep", "0.2"], cwd=tmp_path, log=tmp_path / "sleep.log", timeout=10)
    assert run.returncode == 0 and 0.2 <= run.wall < 5 and run.peak_mib > 0


def test_long_article_cost_uses_job_seconds_else_walls_less_the_rerun():
    long, cold = _scenario("long", [90.0]), _scenario("cold", [3.0])
    rerun = _scenario("rerun", [1.0])
    assert report.long_cost_ratio(long, cold, rerun) == (pytest.approx(44.5), "wall − rerun")
    long.jobs = measure.JobTimes({"keywords": [50.0]})
    cold.jobs = measure.JobTimes({"keywords": [0.4], "topics": [0.1]})
    assert report.long_cost_ratio(long, cold, rerun) == (pytest.approx(100.0), "job s")


def test_results_table_puts_newsdag_and_the_peer_side_by_side():
    results = report.Results(
        floor=_scenario("import floor", [1.0, 1.2, 1.1], peak=180.0),
        cold=measure.Pair(_scenario("cold", [2.0], jobs={"a": 11}), _scenario("peer", [4.0])),
        rerun=_scenario("rerun", [0.5], jobs={}),
        long=None,
        corpora=[measure.Pair(_scenario("500 articles", [30.0], n=500, jobs={"a": 20}))],
        touch=None,
        no_op=None,
        snakemake_floor=_scenario("Snakemake floor", [1.65], n=0),
    )
    results.cold.newsdag.output_files = 26
    results.cold.peer.output_files = 4
    rows = report.results_table(results).splitlines()
    assert rows[2].startswith("| import floor | — | 1.10 (median of 3) | 1.00 |")
    assert rows[3].startswith("| Snakemake floor | — | 1.65 | 1.50 | — | — | 100 | — | — |")
    cells = [cell.strip() for cell in rows[4].strip("|").split("|")]
    assert cells == [
        "cold", "1", "2.00", "1.82", "4.00", "0.50", "100 / 100", "11", "26 / 4",
        "≤ 2× floor", "PASS",
    ]  # fmt: skip
    assert rows[5].endswith("| 0 | — | ≤ 0.7× floor | PASS |")
    assert rows[6].endswith("| 20 | — | — | — |")


def test_the_floor_measured_again_at_the_end_shows_how_the_host_drifted():
    results = report.Results(
        floor=_scenario("import floor", [1.0, 1.2, 1.1], peak=180.0),
        cold=measure.Pair(_scenario("cold", [2.0], jobs={"a": 11})),
        rerun=_scenario("rerun", [0.5], jobs={}),
        long=None,
        corpora=[],
        touch=None,
        no_op=None,
        floor_after=_scenario("import floor, again at the end", [1.4, 1.5, 1.3], n=0),
    )
    rows = report.results_table(results).splitlines()
    assert rows[2].startswith("| import floor | — | 1.10 (median of 3) | 1.00 |")
    assert rows[3].startswith("| import floor, again at the end | — | 1.40 (median of 3) | 1.27 |")
    assert rows[4].startswith("| cold |")


def test_snakemake_floor_runs_its_one_job_in_the_projects_profile_and_exits(tmp_path):
    profiles = Path(__file__).resolve().parents[1] / "profiles"
    snakemake = Path(sys.executable).parent / "snakemake"
    # The profile's job-rate timers last 100 s: a run held by them would time out here.
    tools = measure.Tools(python=Path(sys.executable), snakemake=snakemake, timeout=60)
    scenario = floors.snakemake_floor(tools, tmp_path, profiles, runs=1)
    assert scenario.ok and len(scenario.runs) == 1
    assert 0 < scenario.wall < 30
    assert list(tmp_path.iterdir()) == []  # its folder is removed


def test_scheduler_floor_runs_its_no_op_jobs_and_exits_without_waiting_for_timers(tmp_path):
    profiles = Path(__file__).resolve().parents[1] / "profiles"
    snakemake = Path(sys.executable).parent / "snakemake"
    tools = measure.Tools(python=Path(sys.executable), snakemake=snakemake, timeout=60)
    scenario = floors.scheduler_floor(tools, tmp_path, profiles, 2)
    assert scenario.ok and len(scenario.runs) == 1 and scenario.n_articles == 2
    assert 0 < scenario.wall < 30  # held by the profile's 100 s timers, it would time out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("text", "sizes"), [("500", [500]), ("10000,500,500", [500, 10000])])
def test_parse_sizes(text, sizes):
    assert bench.parse_sizes(text) == sizes


@pytest.mark.parametrize("text", ["", "0,10", "ten"])
def test_parse_sizes_refuses_bad_lists(text):
    with pytest.raises(bench.argparse.ArgumentTypeError):
        bench.parse_sizes(text)


def test_touch_size_defaults_to_ten_thousand_when_run():
    assert bench.touch_size(bench.parse_args(["--sizes", "500,10000,100000"])) == 10_000
    assert bench.touch_size(bench.parse_args(["--sizes", "50,200"])) == 200
    assert bench.touch_size(bench.parse_args(["--sizes", "500", "--no-touch"])) is None


def test_add_one_article_to_a_corpus_file_keeps_the_others(tmp_path):
    import pandas as pd

    inputs.write_inputs(3, tmp_path, seed=1, as_file=True)
    before = pd.read_parquet(tmp_path / inputs.CORPUS_FILE)
    assert inputs.add_one_article(3, tmp_path, seed=1, as_file=True) == "article_0004"
    after = pd.read_parquet(tmp_path / inputs.CORPUS_FILE)
    pd.testing.assert_frame_equal(after.head(3), before)
    assert list(after["id"])[-1] == "article_0004"


def test_add_one_article_to_a_folder_writes_its_file(tmp_path):
    inputs.write_inputs(2, tmp_path, seed=0, as_file=False)
    inputs.add_one_article(2, tmp_path, seed=0, as_file=False)
    names = sorted(p.name for p in (tmp_path / inputs.ARTICLES).iterdir())
    assert names == ["article_0001.txt", "article_0002.txt", "article_0003.txt"]


def test_long_article_is_the_bundled_one_a_hundred_times():
    text = inputs.long_article()["long_article.txt"]
    bundled = inputs.BUNDLED_ARTICLE.read_text(encoding="utf-8")
    assert text == bundled * 100
    assert 600_000 < len(text.encode("utf-8")) < 700_000


def test_memory_samples_thin_out_as_a_run_grows_long_and_as_they_grow_costly():
    sampler = measure.TreeMemorySampler(os.getpid(), interval=0.05, longest=1.0, budget=0.02)
    try:
        assert sampler._pause(0.0) == 0.05
        assert sampler._pause(20.0) == 0.2
        assert sampler._pause(3600.0) == 1.0
        # a sample that took 16 ms (four large workers) waits 0.8 s: 2 % of one core
        assert sampler._pause(20.0, 0.016) == pytest.approx(0.8)
        assert sampler._pause(3600.0, 0.1) == pytest.approx(5.0)
        for _ in range(100):  # the first sample comes after 50 ms
            if sampler.peak_mib:
                break
            time.sleep(0.02)
    finally:
        sampler.stop()
    assert sampler.peak_mib > 10  # this test process itself


def test_proportional_set_size_agrees_with_psutil():
    process = psutil.Process(os.getpid())
    mine = measure.proportional_set_size(process)
    assert abs(mine - process.memory_full_info().pss) < 8 * 2**20


def test_interpreter_line_names_the_measured_interpreters_version_and_executable():
    line = report.interpreter_line(Path(sys.executable))
    version, executable, libpython = line.split("; ")
    assert version == platform.python_version()
    assert Path(executable).name.startswith("python")
    assert libpython in ("libpython loaded as a shared library", "libpython linked in")


def test_interpreter_line_reports_a_missing_interpreter(tmp_path):
    assert report.interpreter_line(tmp_path / "no-python").startswith("unknown")


def test_units_of_a_corpus_file_are_its_per_article_result_folders(tmp_path):
    for folder in ("out/article_0001/tables", "out/article_0002", "out/corpus/tables"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "out" / "manifest.tsv").write_text("", encoding="utf-8")
    assert bench.units_of(tmp_path, inputs.file_inputs()) == {"article_0001", "article_0002"}
    assert bench.units_of(tmp_path / "missing", inputs.file_inputs()) == set()
