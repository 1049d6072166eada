import io

import pytest

from analysis.progress import STEP_COSTS, Progress, format_duration


def test_progress_counts_and_estimates_the_time_left():
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(clock=lambda: now[0], stream=stream, step_costs={})
    progress.plan({"sentiment": 2000, "prepare": 2000})
    now[0] += 60
    line = progress.done("sentiment", "shard-000-of-002", 1000, seconds=60)
    # without step costs, 3,000 article-steps left at the one rate seen: 180 s of work, at
    # the pace so far
    assert line == (
        "sentiment of shard-000-of-002 done (1,000 articles); 1,000 of 4,000 article-steps"
        " of this run (25%), about 3 min 00 s left"
    )
    assert stream.getvalue() == f"newsdag: {line}\n"


def test_cheap_steps_count_for_less_of_the_time_left():
    now = [0.0]
    progress = Progress(clock=lambda: now[0], stream=io.StringIO())
    progress.plan({"prepare": 2000, "sentiment": 2000})
    now[0] = 20.0
    progress.done("prepare", "shard-000-of-002", 1000, seconds=10)
    now[0] = 60.0
    line = progress.done("sentiment", "shard-000-of-002", 1000, seconds=40)
    # left: 1,000 prepare at 10 ms and 1,000 sentiment at 40 ms = 50 job seconds, as
    # much as done so far, so as long again as the 60 s elapsed
    assert line.endswith("2,000 of 4,000 article-steps of this run (50%), about 1 min 00 s left")
    now[0] = 70.0
    line = progress.done("prepare", "shard-001-of-002", 1000, seconds=10)
    # left: 1,000 sentiment = 40 s of 60 s of work done in 70 s -> 47 s (alike: 23 s)
    assert line.endswith("3,000 of 4,000 article-steps of this run (75%), about 47 s left")


def test_a_costly_step_not_seen_yet_counts_at_its_own_cost():
    # A run does every shard's cheap steps first: with only those seen, the time left
    # must not price the costly steps as cheap ones.
    now = [0.0]
    costs = {"prepare": 1.0, "sentiment": 4.0}
    progress = Progress(clock=lambda: now[0], stream=io.StringIO(), step_costs=costs)
    progress.plan({"prepare": 2000, "sentiment": 2000})
    now[0] = 20.0
    line = progress.done("prepare", "shard-000-of-002", 1000, seconds=10)
    # left: 1,000 prepare at the 10 ms seen and 2,000 sentiment at 4 x 10 ms = 90 job
    # seconds, nine times the 10 done in 20 s (at the average rate seen, 30: 60 s)
    assert line.endswith("1,000 of 4,000 article-steps of this run (25%), about 3 min 00 s left")


def test_a_step_without_a_cost_counts_at_the_average_rate_seen():
    now = [0.0]
    progress = Progress(clock=lambda: now[0], stream=io.StringIO(), step_costs={"prepare": 1.0})
    progress.plan({"prepare": 2000, "custom": 1000})
    now[0] = 20.0
    line = progress.done("prepare", "shard-000-of-002", 1000, seconds=10)
    # left: 1,000 prepare and 1,000 custom at 10 ms = 20 job seconds, twice the work done
    assert line.endswith("about 40 s left")


def test_the_default_costs_name_every_shard_step():
    assert set(STEP_COSTS) == {"prepare", "topic_counts", "sentiment", "keywords", "topics"}
    assert max(STEP_COSTS, key=STEP_COSTS.get) == "sentiment"


def test_no_estimate_in_a_runs_first_seconds():
    now = [0.0]
    progress = Progress(clock=lambda: now[0], stream=io.StringIO())
    progress.plan({"prepare": 1, "sentiment": 1})
    now[0] = 2.0
    line = progress.done("prepare", "shard-000-of-001", 1, seconds=1.9)
    assert line == (
        "prepare of shard-000-of-001 done (1 article); 1 of 2 article-steps of this run (50%)"
    )


def test_unplanned_jobs_and_the_last_job_give_no_estimate():
    progress = Progress(clock=lambda: 5.0, stream=io.StringIO())
    progress.plan({})
    line = progress.done("topics", "shard-000-of-001", 3, seconds=1.0)
    assert line.endswith("3 of 3 article-steps of this run (100%)")


@pytest.mark.parametrize(
    ("seconds", "text"), [(42.4, "42 s"), (200, "3 min 20 s"), (3900, "1 h 05 min")]
)
def test_durations_read_naturally(seconds, text):
    assert format_duration(seconds) == text
