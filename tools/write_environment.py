"""Write environment.yml from requirements.lock: conda's Python and pip, then every pin."""

import argparse
from pathlib import Path

HEADER = """\
# Conda environment for newsdag, generated from requirements.lock by tools/lock.
# The packages and pins are exactly those of the lock; do not edit by hand.
name: newsdag
channels:
  - conda-forge
  - nodefaults
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("lock", type=Path)
    parser.add_argument("environment", type=Path)
    args = parser.parse_args()
    pins = [
        line.strip()
        for line in args.lock.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    body = "".join(f"      - {pin}\n" for pin in pins)
    args.environment.write_text(HEADER + body, encoding="utf-8")


if __name__ == "__main__":
    main()
