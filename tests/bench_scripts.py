"""Importing the scripts of ``bench/`` (not a package) as modules, for their tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load_bench_script(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` as the module ``name`` (registered, so pickling works).

    ``bench/`` goes on the import path first, as when a script runs, so that the scripts
    find their sibling modules (``settings``, ``bench_keywords``); a module a script has
    already imported is returned as it is, so that both see the same classes.
    """
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    if name in sys.modules and getattr(sys.modules[name], "__file__", None) == str(
        BENCH / f"{name}.py"
    ):
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
