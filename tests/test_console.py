"""newsdag's messages on standard error: each line goes out whole, in one write.

Jobs run in worker processes beside Snakemake's own, all writing to one standard error;
a line written in two parts (``print`` writes its newline apart) could be split by another
process's line."""

import io
import logging
import warnings

import pandas as pd

from analysis.console import counted, say
from analysis.progress import Progress
from analysis.reading import ArticleWarning
from analysis.stages import shards


class RecordingStream(io.StringIO):
    """A text stream that keeps each write apart, as the system calls would be."""

    def __init__(self):
        super().__init__()
        self.writes = []

    def write(self, text):
        self.writes.append(text)
        return super().write(text)


def test_say_writes_the_prefixed_line_and_its_newline_at_once():
    stream = RecordingStream()
    say("warning: a3: looks empty", stream=stream)
    assert stream.writes == ["newsdag: warning: a3: looks empty\n"]


def test_say_writes_to_the_standard_error_of_the_moment(monkeypatch):
    stream = RecordingStream()
    monkeypatch.setattr("sys.stderr", stream)
    say("removing 2 folder(s)")
    assert stream.writes == ["newsdag: removing 2 folder(s)\n"]


def test_an_article_warning_of_a_shard_job_is_one_write(monkeypatch):
    stream = RecordingStream()
    monkeypatch.setattr("sys.stderr", stream)

    def analysis_with_a_warning(**_):
        warnings.warn("no sentence to score", ArticleWarning, stacklevel=2)
        return {"scores": pd.DataFrame()}

    logger = logging.getLogger("test_console")
    shards._call(analysis_with_a_warning, {}, {}, "corpus.csv row 3", "sentiment", logger)
    line = "newsdag: warning: corpus.csv row 3: sentiment: no sentence to score\n"
    assert stream.writes == [line]


def test_a_progress_line_is_one_write():
    stream = RecordingStream()
    progress = Progress(clock=lambda: 0.0, stream=stream, step_costs={})
    progress.plan({"sentiment": 4})
    line = progress.done("sentiment", "shard-000-of-001", 4, seconds=1.0)
    assert stream.writes == [f"newsdag: {line}\n"]


def test_a_count_agrees_with_its_noun():
    assert counted(1, "article") == "1 article"
    assert counted(1254, "article") == "1,254 articles"
    assert counted(81.5, "article") == "81.5 articles"  # a median
    assert counted(1.0, "article") == "1 article" and counted(0, "period") == "0 periods"
