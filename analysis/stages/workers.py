"""Run stage functions in worker processes that share one copy of the heavy imports.

Snakemake runs newsdag's jobs as threads of its own process, so the imports (NLTK,
scikit-learn, TextBlob, matplotlib: over a second) are paid once per run rather than
once per job; but threads share one interpreter lock, so a run used one core. Here a
*forkserver* imports the stage modules once and forks workers from that warm state:
each worker starts in milliseconds with everything loaded, and jobs run on every core.

The calling thread blocks until its call returns, so Snakemake's scheduling (one core
per job) still decides how many calls run at once.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from typing import Any

from analysis.stages.logs import StageError
from analysis.stages.timers import cancel_timers

# Imported once by the forkserver; every worker is forked from it with these loaded.
PRELOADED_MODULES = ("analysis.stages.preload",)

_lock = threading.Lock()
_worker_count = 0
_pool: ProcessPoolExecutor | None = None


def use_worker_processes(count: int) -> None:
    """Set how many worker processes run stage functions (0 or 1: run them in-process).

    Args:
        count: Number of workers; at most this many calls run at once.

    Raises:
        ValueError: If ``count`` is negative.
    """
    global _worker_count
    if count < 0:
        raise ValueError(f"worker count must be at least 0, got {count}")
    with _lock:
        _shut_down()
        _worker_count = count


def worker_count() -> int:
    """The number of worker processes in use (0 or 1: stage functions run in-process)."""
    return _worker_count


def call_stage(module: str, function: str, /, **kwargs: Any) -> Any:
    """Call ``module.function(**kwargs)``, in a worker process when workers are in use.

    Args:
        module: Full module name, such as ``"analysis.stages.sentiment"``.
        function: Name of a function of that module.
        **kwargs: Its keyword arguments: paths (any ``str`` subclass becomes a plain
            ``str``), numbers, and lists or dicts of them.

    Returns:
        The function's return value.

    Raises:
        StageError: What the function raises, or a one-line error if its worker died.
    """
    if _worker_count < 2:
        return _call(module, function, kwargs)
    arguments = {name: _plain(value) for name, value in kwargs.items()}
    try:
        return _get_pool().submit(_call, module, function, arguments).result()
    except BrokenProcessPool as error:
        with _lock:
            _shut_down()  # the next call starts a fresh pool
        raise StageError(f"{function}: its worker process died ({error})") from None


def start_forkserver() -> None:
    """Start the forkserver's imports now, if workers are in use, and return at once.

    Called while the workflow is parsed, so the imports overlap Snakemake's own start-up and
    planning. Only the forkserver starts (no pool): a run that turns out to have nothing to
    do exits without waiting for it, and the forkserver exits when its parent does.
    """
    if _worker_count >= 2:
        _set_forkserver_preload()
        forkserver.ensure_running()


def stop_forkserver() -> None:
    """Stop the workers and a forkserver started early, which a run that submits its jobs
    elsewhere (a cluster) would otherwise keep, idle with its imports, until it ends.

    Waits for the forkserver to finish its imports, at most about 2 s.
    """
    with _lock:
        _shut_down()
    # The standard library stops a forkserver only through this private method (in every
    # Python newsdag supports); should a later one drop it, the forkserver just stays idle.
    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


def start_workers() -> None:
    """Start the worker processes in the background, if workers are in use.

    Their imports then overlap the caller's own work instead of delaying the first call.
    """
    if _worker_count >= 2:
        pool = _get_pool()
        # A start waits for the forkserver's imports, so it happens off the calling thread.
        threading.Thread(target=_start_each_worker, args=(pool, _worker_count), daemon=True).start()


def _start_each_worker(pool: ProcessPoolExecutor, count: int) -> None:
    try:
        for _ in range(count):
            pool.submit(int)  # each submission makes the pool start one more worker
    except RuntimeError:
        pass  # the run ended, and the pool shut down, before every worker started


def finish_run() -> None:
    """Stop the workers and cancel pending timers, so the process can exit at once."""
    with _lock:
        _shut_down(wait=True)
    cancel_timers()


def _call(module: str, function: str, kwargs: Mapping[str, Any]) -> Any:
    stage_function: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return stage_function(**kwargs)


def _plain(value: Any) -> Any:
    """Copy workflow objects (path strings, named lists) into builtin types for pickling."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=_worker_count,
                mp_context=_set_forkserver_preload(),
                initializer=_exit_with_parent,
            )
        return _pool


def _set_forkserver_preload() -> multiprocessing.context.ForkServerContext:
    """The forkserver context, with the stage modules set as the preload of the one
    forkserver the standard library keeps per process (started early or by the pool)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOADED_MODULES))
    return context


def _exit_with_parent() -> None:
    """In a worker: exit as soon as the process that owns the pool dies.

    Otherwise a killed Snakemake (``kill -9``) would leave its idle workers, and the
    forkserver they keep alive, behind for good.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()


def _exit_when_gone(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns when the parent has exited, however it ended
    os._exit(1)


def _shut_down(*, wait: bool = False) -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=wait, cancel_futures=True)
        _pool = None


def default_worker_count(cores: object, *, local: bool = True) -> int:
    """Workers for a run, given Snakemake's core setting and where its jobs run.

    Args:
        cores: The run's ``--cores`` value (an int; None or "all" mean every core).
        local: Whether jobs run on this machine; a cluster run submits them instead,
            so the submitting process needs no workers.

    Returns:
        The number of worker processes to use.
    """
    if not local:
        return 0
    return cores if isinstance(cores, int) else os.cpu_count() or 1
