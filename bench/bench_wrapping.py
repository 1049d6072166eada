"""Benchmark reading hard-wrapped text: sentence-boundary F1 against the same text unwrapped.

Each story is wrapped with ``textwrap`` (every paragraph line filled to the width, blank
lines kept) and segmented by :func:`analysis.document.analyse_structure`; the reference
is the segmentation of the original, one-paragraph-per-line text with
``line_breaks="paragraph"``. Boundaries are compared as counts of non-space characters
before each sentence end, so that they are independent of where the lines break. The
same run checks for false positives: the original texts must read the same with
``line_breaks="auto"`` as with ``"paragraph"``. Example::

    python bench/bench_wrapping.py \\
        --docs <benchmarks>/keywords/KPCrowd-dev/docsutf8 \\
        --docs <benchmarks>/topics/BBC-dev/docs --widths 60,72,80
"""

from __future__ import annotations

import argparse
import textwrap
import time
from pathlib import Path

import settings

from analysis.document import analyse_structure
from analysis.paragraphs import is_hard_wrapped
from analysis.reading import normalise_newlines


def wrap_text(text: str, *, width: int) -> str:
    """Hard-wrap every line of ``text`` at ``width`` columns, keeping blank lines.

    Words are never split, at hyphens or otherwise, as e-mail and newswire tools do.
    """
    return "\n".join(
        textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
        for line in text.split("\n")
    )


def sentence_ends(text: str, *, line_breaks: str) -> set[int]:
    """Non-space characters before each sentence end of ``text``."""
    sentences = analyse_structure(
        text, **{**settings.prepare(), "line_breaks": line_breaks}
    ).sentences
    cumulative = [0]
    for char in text:
        cumulative.append(cumulative[-1] + (not char.isspace()))
    return {cumulative[end] for end in sentences["end_char"]}


def f1_score(found: set[int], gold: set[int]) -> tuple[int, int, int]:
    """True positives, found and gold counts (summed over documents before dividing)."""
    return len(found & gold), len(found), len(gold)


def pooled_f1(counts: list[tuple[int, int, int]]) -> float:
    """Micro-averaged F1 from ``(true positives, found, gold)`` per document."""
    hits, found, gold = (sum(column) for column in zip(*counts, strict=True))
    return 2 * hits / (found + gold) if found + gold else 1.0


def load_texts(folders: list[Path], *, min_chars: int) -> list[tuple[str, str]]:
    """``(name, normalised text)`` of every ``*.txt`` story of at least ``min_chars``."""
    texts = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = normalise_newlines(path.read_text(encoding="utf-8")).strip()
            if len(text) >= min_chars:
                texts.append((f"{folder.parent.name}/{path.name}", text))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, action="append", required=True)
    parser.add_argument("--widths", default="60,72,80")
    parser.add_argument("--min-chars", type=int, default=200)
    args = parser.parse_args()
    texts = load_texts(args.docs, min_chars=args.min_chars)
    print(f"{len(texts)} stories from {', '.join(str(d) for d in args.docs)}")
    gold = {name: sentence_ends(text, line_breaks="paragraph") for name, text in texts}

    began = time.perf_counter()
    detected = [name for name, text in texts if is_hard_wrapped(text)]
    unwrapped = [f1_score(sentence_ends(text, line_breaks="auto"), gold[n]) for n, text in texts]
    print(
        f"\nunwrapped text: {len(detected)} of {len(texts)} stories detected as wrapped;"
        f" F1 of auto against paragraph {pooled_f1(unwrapped):.4f}"
    )
    for name in detected[:10]:
        print(f"  detected as wrapped: {name}")

    print("\n| width | auto F1 | paragraph F1 (old) | detected as wrapped |")
    print("| --- | --- | --- | --- |")
    for width in (int(w) for w in args.widths.split(",")):
        wrapped = [(name, wrap_text(text, width=width)) for name, text in texts]
        auto = [f1_score(sentence_ends(t, line_breaks="auto"), gold[n]) for n, t in wrapped]
        lines = [f1_score(sentence_ends(t, line_breaks="paragraph"), gold[n]) for n, t in wrapped]
        n_detected = sum(is_hard_wrapped(t) for _, t in wrapped)
        print(
            f"| {width} | {pooled_f1(auto):.4f} | {pooled_f1(lines):.4f} |"
            f" {n_detected}/{len(wrapped)} |"
        )
    print(f"\n{time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
