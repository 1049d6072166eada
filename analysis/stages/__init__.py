"""Stage adapters: read a stage's input files, call the pure functions, write outputs.

Each module exposes keyword-only ``run*`` functions over file paths, so a stage runs
the same from a Snakemake rule, a cluster job or a Python prompt.
"""

import importlib
from types import ModuleType


class _LazyStage:
    """A stage module imported on first attribute access."""

    def __init__(self, name: str) -> None:
        self._name = f"analysis.stages.{name}"

    def _module(self) -> ModuleType:
        return importlib.import_module(self._name)  # thread-safe; cached after the first call

    def __getattr__(self, attribute: str):
        return getattr(self._module(), attribute)


def lazy_stage(name: str) -> _LazyStage:
    """Refer to ``analysis.stages.<name>`` without importing it yet.

    Args:
        name: The stage module's name, such as ``"sentiment"``.

    Returns:
        A stand-in whose attributes are the module's, imported on first use.
    """
    return _LazyStage(name)
