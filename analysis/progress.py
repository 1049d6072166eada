"""Progress of a long run: articles analysed so far, out of how many, and time left."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TextIO

from analysis.console import counted, say


def format_duration(seconds: float) -> str:
    """A duration for people: ``45 s``, ``3 min 20 s``, ``1 h 05 min``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


#: Job milliseconds per article of each shard step, measured on 100,000 generated articles
#: (README, "Benchmark"); only their ratios are used. A run does the cheap steps of every
#: shard first (``prepare``, ``topic_counts``: the corpus topic model waits for them), so
#: the time left must count the costly steps it has not seen yet at their own cost.
STEP_COSTS: Mapping[str, float] = {
    "prepare": 4.7,
    "topic_counts": 2.0,
    "sentiment": 16.1,
    "keywords": 16.0,
    "topics": 3.9,
}

#: No estimate in a run's first seconds: its first jobs' times still hold the workers'
#: start (about 2 s of imports), which a step's cost per article would then carry (the
#: bundled article's run, 4 s in all, had said "about 15 s left").
MIN_SECONDS_FOR_ESTIMATE = 10.0


class Progress:
    """Counts article-steps as shard jobs finish and estimates the time left.

    Steps differ in cost per article (at 100,000 articles ``sentiment`` took 16 ms an
    article, ``topic_counts`` 2 ms), so the estimate weighs each step's remaining articles
    by the job seconds per article seen for that step so far; a step not seen yet counts
    at its :data:`STEP_COSTS` share of the pace of the steps seen (a step without one, at
    their average). It assumes the remaining work goes at the pace so far.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        stream: TextIO | None = None,
        step_costs: Mapping[str, float] = STEP_COSTS,
    ) -> None:
        self._clock = clock
        self._stream = stream
        self._step_costs = dict(step_costs)
        self._lock = threading.Lock()
        self._planned: Counter[str] = Counter()
        self._done: Counter[str] = Counter()
        self._seconds: Counter[str] = Counter()
        self._start = clock()

    def plan(self, article_steps: Mapping[str, int]) -> None:
        """Start counting: this run will analyse ``article_steps[step]`` articles per step."""
        with self._lock:
            self._planned = Counter(article_steps)
            self._done, self._seconds = Counter(), Counter()
            self._start = self._clock()

    def done(self, stage: str, shard: str, n_articles: int, *, seconds: float) -> str:
        """Record a finished shard job and print (and return) one progress line.

        Args:
            stage: The step, such as ``"sentiment"``.
            shard: The shard's name.
            n_articles: Articles the job analysed.
            seconds: How long the job took.

        Returns:
            The line, e.g. ``sentiment of shard-003-of-016 done (612 articles);
            2,448 of 40,000 article-steps of this run (6%), about 4 min 10 s left``.
        """
        with self._lock:
            self._done[stage] += n_articles
            self._seconds[stage] += seconds
            if self._planned[stage] < self._done[stage]:  # a job the plan did not count
                self._planned[stage] = self._done[stage]
            done, planned = self._done.total(), self._planned.total()
            left = self._time_left(self._clock() - self._start)
        line = f"{stage} of {shard} done ({counted(n_articles, 'article')})"
        if planned:
            line += f"; {done:,} of {planned:,} article-steps of this run ({done / planned:.0%})"
            if left is not None:
                line += f", about {format_duration(left)} left"
        say(line, stream=self._stream)
        return line

    def _time_left(self, elapsed: float) -> float | None:
        """Elapsed time scaled by the remaining work over the work done, both in job seconds."""
        if elapsed < MIN_SECONDS_FOR_ESTIMATE:
            return None
        work_done = self._seconds.total()
        articles_done = self._done.total()
        if work_done <= 0 or articles_done == 0 or articles_done >= self._planned.total():
            return None
        # Job seconds per unit of STEP_COSTS, from the costed steps seen so far.
        costed = [s for s in self._done if self._done[s] and s in self._step_costs]
        expected = sum(self._done[s] * self._step_costs[s] for s in costed)
        pace = sum(self._seconds[s] for s in costed) / expected if expected > 0 else None
        work_left = 0.0
        for stage, planned in self._planned.items():
            if self._done[stage]:
                per_article = self._seconds[stage] / self._done[stage]
            elif stage in self._step_costs and pace is not None:
                per_article = self._step_costs[stage] * pace
            else:
                per_article = work_done / articles_done
            work_left += (planned - self._done[stage]) * per_article
        return elapsed * work_left / work_done
