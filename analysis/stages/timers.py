"""Keep the timer threads of Snakemake's own process from taking the cores jobs need.

newsdag's jobs run as threads of the Snakemake process (see :mod:`analysis.stages.workers`),
beside two kinds of timer threads that Snakemake starts there:

- *job-rate timers* (:class:`threading.Timer`): after every scheduling pass Snakemake starts
  one that re-checks the job-rate cap when its timespan is over. They are cancelled when
  the run ends (:func:`cancel_timers`), so none holds the process.
- *benchmark samplers*: for a job with a ``benchmark:`` file, Snakemake samples the memory
  and CPU of its process and all the process's children, every 0.5 s for the first 30
  samples and every 30 s after that. For ``run:`` jobs that process is Snakemake itself, so
  every sample reads the memory maps of every worker: tens of milliseconds of kernel time
  each, a tenth of a core while jobs run. Snakemake 9.16 also loses some of its samplers:
  a sampler cancelled while it is taking a sample starts its next timer anyway and then
  samples for the rest of the run (fixed in Snakemake 9.24, snakemake/snakemake#4259).
  :func:`fix_benchmark_samplers` backports that fix and samples less often at first.

Nothing here imports Snakemake: the workflow passes its benchmark module in.
"""

from __future__ import annotations

import threading
from types import ModuleType

_lock = threading.Lock()
_exit_watcher_started = False


def cancel_timers() -> None:
    """Cancel every pending :class:`threading.Timer` of this process.

    Snakemake re-checks its job-rate limit with non-daemon timers that last the limit's
    timespan; the last ones would hold the process that long after the last job. Once
    the run is over they have nothing left to do.
    """
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def cancel_timers_when_main_thread_ends() -> None:
    """Cancel pending timers as soon as the main thread ends, however the run ended.

    Python joins non-daemon threads after the main thread ends, so this covers runs
    without hooks as well (cluster jobs run ``--no-hooks``). Calling it again adds
    nothing.
    """
    global _exit_watcher_started
    with _lock:
        if _exit_watcher_started:
            return
        _exit_watcher_started = True
    threading.Thread(target=_cancel_timers_after_main, daemon=True).start()


def _cancel_timers_after_main() -> None:
    threading.main_thread().join()
    cancel_timers()


def fix_benchmark_samplers(benchmark: ModuleType, *, first_interval: float) -> None:
    """Make Snakemake's benchmark samplers stop when cancelled, and sample less often at first.

    A sampler (``benchmark.ScheduledPeriodicTimer``) takes a sample, then starts a timer
    for the next one. Snakemake's ``cancel()`` cancels the current timer only, so a cancel
    that comes while a sample is being taken is undone by the timer started after it.
    Here ``cancel()`` sets the stop flag first and a sample re-checks it after starting
    its next timer; whichever of the two runs second cancels that timer.

    Versions that already fix the race (they guard the timer with a lock) are left as
    they are, but for the interval. Calling this again changes nothing more.

    Args:
        benchmark: Snakemake's ``snakemake.benchmark`` module.
        first_interval: Seconds between a job's first samples (Snakemake: 0.5); later
            samples keep Snakemake's own interval (30 s).
    """
    benchmark.BENCHMARK_INTERVAL_SHORT = first_interval
    sampler = benchmark.ScheduledPeriodicTimer
    if getattr(sampler, "_newsdag_fixed", False) or "_lock" in sampler.__init__.__code__.co_names:
        return
    sample_and_rearm = sampler._action

    def _action(self) -> None:
        if self._stopped:
            return
        sample_and_rearm(self)
        if self._stopped:  # cancelled while sampling: stop the timer just started
            self._timer.cancel()

    def cancel(self) -> None:
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()

    sampler._action = _action
    sampler.cancel = cancel
    sampler._newsdag_fixed = True
