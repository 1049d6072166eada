import io

from analysis.progress import Progress, format_duration


def test_progress_counts_and_estimates_the_time_left():
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(clock=lambda: now[0], stream=stream)
    progress.plan(4000)
    now[0] += 60
    line = progress.done("sentiment", "shard-000-of-004", 1000)
    assert line == (
        "sentiment of shard-000-of-004 done (1,000 articles); 1,000 of 4,000 article-steps"
        " of this run (25%), about 3 min 00 s left"
    )
    assert stream.getvalue() == f"newsdag: {line}\n"


def test_durations_read_naturally():
    assert format_duration(42.4) == "42 s"
    assert format_duration(200) == "3 min 20 s"
    assert format_duration(3900) == "1 h 05 min"
