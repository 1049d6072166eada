"""newsdag's one-line messages on standard error, and the counts its messages and notes give.

Jobs run in worker processes beside Snakemake's own, and all of them write to the same
standard error. ``print`` writes a text and its newline separately, so a line of one
process could run into another's ("...got 2newsdag: keywords of ..."); each message here
goes out whole, in one write.
"""

from __future__ import annotations

import sys
from numbers import Integral
from typing import TextIO


def say(message: str, *, stream: TextIO | None = None) -> None:
    """Write ``newsdag: <message>`` and its newline in one write, and flush it.

    Args:
        message: One line, without the ``newsdag:`` prefix.
        stream: Where to write (default: the standard error of the moment).
    """
    out = sys.stderr if stream is None else stream
    out.write(f"newsdag: {message}\n")
    out.flush()


def counted(number: float, noun: str) -> str:
    """A number and its noun, in the plural unless the number is 1: "1 article", "1,254
    articles", "81.5 articles" (whole numbers with thousands separators, others as ``:g``).

    Args:
        number: The count (or a median of counts).
        noun: The noun in the singular; its plural adds "s".
    """
    shown = f"{number:,}" if isinstance(number, Integral) else f"{number:g}"
    return f"{shown} {noun}{'' if number == 1 else 's'}"
