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
    find their sibling modules (``settings``, ``bench_keywords``).
    """
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
