"""Stage adapters: read a stage's input files, call the pure functions, write outputs.

Each module exposes keyword-only ``run*`` functions over file paths, so a stage runs
the same from a Snakemake rule, a cluster job or a Python prompt.
"""

from functools import partial

from analysis.stages.workers import call_stage


class _Stage:
    """A stage module's functions, called through :func:`call_stage` (maybe in a worker)."""

    def __init__(self, name: str) -> None:
        self._name = f"analysis.stages.{name}"

    def __getattr__(self, function: str):
        return partial(call_stage, self._name, function)


def lazy_stage(name: str) -> _Stage:
    """Refer to ``analysis.stages.<name>``'s functions without importing the module yet.

    The module is imported on the first call, in this process or, when worker processes
    are in use (:func:`analysis.stages.workers.use_worker_processes`), in the workers only.

    Args:
        name: The stage module's name, such as ``"sentiment"``.

    Returns:
        A stand-in whose attributes call the module's functions.
    """
    return _Stage(name)
