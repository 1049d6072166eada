"""Print the installed distributions that requirements.lock does not list, one per line.

Used by tools/setup-venv to remove packages left over from an older lock, so the venv
(and the package list that provenance.json records) matches the lock exactly.

Usage: python tools/venv_extras.py requirements.lock
"""

import re
import sys
from importlib.metadata import distributions

# Installed by the venv itself or by setup-venv, not by the lock.
ALWAYS_KEPT = {"pip", "setuptools", "newsdag"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_names(lock_text: str) -> set[str]:
    return {
        canonical(line.split("==")[0])
        for line in lock_text.splitlines()
        if "==" in line and not line.lstrip().startswith("#")
    }


def main(lock_path: str) -> None:
    with open(lock_path, encoding="utf-8") as lock:
        wanted = locked_names(lock.read()) | ALWAYS_KEPT
    installed = {canonical(dist.metadata["Name"]) for dist in distributions()}
    for name in sorted(installed - wanted):
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
