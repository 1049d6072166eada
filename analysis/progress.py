"""Progress of a long run: articles analysed so far, out of how many, and time left."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO


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


class Progress:
    """Counts article-steps as shard jobs finish and estimates the time left.

    The estimate assumes the remaining work goes at the average pace so far, which holds
    for a corpus whose shards are of similar size (the shards are cut by a hash of the ids).
    """

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, stream: TextIO | None = None
    ) -> None:
        self._clock = clock
        self._stream = stream
        self._lock = threading.Lock()
        self._planned = 0
        self._done = 0
        self._start = clock()

    def plan(self, article_steps: int) -> None:
        """Start counting: this run will analyse ``article_steps`` article-steps."""
        with self._lock:
            self._planned, self._done, self._start = article_steps, 0, self._clock()

    def done(self, stage: str, shard: str, n_articles: int) -> str:
        """Record a finished shard job and print (and return) one progress line.

        Args:
            stage: The step, such as ``"sentiment"``.
            shard: The shard's name.
            n_articles: Articles the job analysed.

        Returns:
            The line, e.g. ``sentiment of shard-003-of-016 done (612 articles);
            2,448 of 40,000 article-steps of this run (6%), about 4 min 10 s left``.
        """
        with self._lock:
            self._done += n_articles
            done, planned = self._done, max(self._planned, self._done)
            elapsed = self._clock() - self._start
        line = f"{stage} of {shard} done ({n_articles:,} articles)"
        if planned:
            line += f"; {done:,} of {planned:,} article-steps of this run ({done / planned:.0%})"
            if 0 < done < planned:
                line += f", about {format_duration(elapsed * (planned - done) / done)} left"
        print(f"newsdag: {line}", file=self._stream or sys.stderr, flush=True)
        return line
