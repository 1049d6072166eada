"""Benchmark the sentence segmenter: Golden Rules accuracy and sentences per second.

Compares ``analysis.sentences`` with pySBD and NLTK's untrained Punkt tokenizer when
those are importable. Example::

    python benchmarks/bench_sentences.py \\
        --golden <benchmarks>/sentences/english_golden_rules.json \\
        --text seeds/ishiba_trump_summit.txt
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from analysis.sentences import sentence_texts

Segmenter = Callable[[str], list[str]]


def load_segmenters() -> dict[str, Segmenter]:
    """Return the segmenters to compare, keyed by name; missing libraries are skipped."""
    segmenters: dict[str, Segmenter] = {"newsdag": sentence_texts}
    try:
        import pysbd

        pysbd_segmenter = pysbd.Segmenter(language="en", clean=False)
        segmenters["pySBD"] = pysbd_segmenter.segment
    except ImportError:
        pass
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        segmenters["NLTK Punkt"] = PunktSentenceTokenizer().tokenize
    except ImportError:
        pass
    return segmenters


def golden_failures(segment: Segmenter, cases: list[dict]) -> list[tuple[int, list[str]]]:
    """Return ``(case index, output)`` for every case whose sentences differ."""
    failures = []
    for index, case in enumerate(cases):
        got = [s.strip() for s in segment(case["text"]) if s.strip()]
        if got != [s.strip() for s in case["sentences"]]:
            failures.append((index, got))
    return failures


def sentences_per_second(
    segment: Segmenter, paragraphs: list[str], *, repeats: int
) -> tuple[int, float]:
    """Segment all paragraphs ``repeats`` times; return (sentences, best seconds)."""
    best = float("inf")
    n_sentences = 0
    for _ in range(repeats):
        began = time.perf_counter()
        n_sentences = sum(len(segment(paragraph)) for paragraph in paragraphs)
        best = min(best, time.perf_counter() - began)
    return n_sentences, best


def news_paragraphs(path: Path, *, min_sentences: int) -> list[str]:
    """Paragraphs of the article at ``path``, repeated to at least ``min_sentences``."""
    paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_copy = sum(len(sentence_texts(p)) for p in paragraphs)
    copies = max(1, -(-min_sentences // max(per_copy, 1)))
    return paragraphs * copies


def report_speed(
    label: str, segmenters: dict[str, Segmenter], paragraphs: list[str], repeats: int
) -> None:
    """Print the speed of every segmenter on ``paragraphs``."""
    print(f"\nSpeed on {label} ({len(paragraphs)} paragraphs, best of {repeats}):")
    for name, segment in segmenters.items():
        n_sentences, seconds = sentences_per_second(segment, paragraphs, repeats=repeats)
        rate = n_sentences / seconds
        print(f"  {name:<11} {n_sentences:>7} sentences in {seconds:8.4f} s = {rate:>10,.0f}/s")


def report_accuracy(segmenters: dict[str, Segmenter], cases: list[dict]) -> None:
    """Print each segmenter's Golden Rules pass rate and list the failed cases."""
    print(f"Golden Rules ({len(cases)} cases):")
    for name, segment in segmenters.items():
        failures = golden_failures(segment, cases)
        passed = len(cases) - len(failures)
        print(f"  {name:<11} {passed}/{len(cases)} = {100 * passed / len(cases):5.1f}%")
        if name == "newsdag":
            for index, got in failures:
                print(f"    FAIL #{index}: {cases[index]['text']!r}")
                print(f"      expected {cases[index]['sentences']!r}")
                print(f"      got      {got!r}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, required=True, help="Golden Rules JSON")
    parser.add_argument("--text", type=Path, help="news text to time (one paragraph a line)")
    parser.add_argument("--min-sentences", type=int, default=5000, help="timed text size")
    parser.add_argument("--golden-copies", type=int, default=100, help="golden text copies")
    parser.add_argument("--repeats", type=int, default=5, help="timed repetitions")
    parser.add_argument("--only-newsdag", action="store_true", help="skip other libraries")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the report."""
    args = parse_args(argv)
    cases = json.loads(args.golden.read_text(encoding="utf-8"))
    segmenters = load_segmenters()
    if args.only_newsdag:
        segmenters = {"newsdag": segmenters["newsdag"]}
    report_accuracy(segmenters, cases)
    if args.text is not None:
        paragraphs = news_paragraphs(args.text, min_sentences=args.min_sentences)
        report_speed(f"news text {args.text.name}", segmenters, paragraphs, args.repeats)
    golden_texts = [case["text"] for case in cases] * args.golden_copies
    report_speed("Golden Rules texts", segmenters, golden_texts, args.repeats)


if __name__ == "__main__":
    main()
