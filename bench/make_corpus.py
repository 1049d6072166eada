"""Generate a deterministic corpus of news-like articles for benchmarks.

Usage::

    python bench/make_corpus.py --n 100 --out DIR [--seed 0] [--words 400] [--source seeds/x.txt]
    python bench/make_corpus.py --n 100000 --out corpus.parquet --format parquet [--planted]

Each article (``article_0001``, ``article_0002``, ...) has an untitled lead and 2-4 sections
under title-case headings, about ``--words`` words in all. Every article has a main theme and a
second one (trade, energy, sports, health, technology, elections, climate, security), so a topic
model finds real topical variety. Sentences come from per-theme templates filled from a small
built-in vocabulary, mixed with sentences of a source article (by default the bundled one)
whose country and leader names are swapped for the theme's.

``--format folder`` (the default) writes ``<out>/<id>.txt``. ``csv``, ``tsv``, ``jsonl`` and
``parquet`` write one corpus file, streamed in chunks of rows, with the string columns ``id``,
``text``, ``title`` (a heading of the main theme), ``date`` (``YYYY-MM-DD``, uniform over the
six months 2025-01-01 to 2025-06-30), ``source`` (one of four outlets: Daily Ledger, Harbour
Herald, Metro Courier, Northern Post), ``author`` (three per outlet) and ``url``.

``--planted`` plants three differences that a comparison of outlets or months must recover
(without it, every text is the unplanted one, identical in folder and file output):

1. **One outlet is negative toward one actor.** Half of all articles, in every outlet, get two
   sentences naming "Senator Alvarez". In the Daily Ledger they are strongly negative ("Critics
   said Senator Alvarez had lied about the costs and betrayed the workers of Berlin."; VADER
   compound about -0.6 to -0.9); in the other three outlets they are neutral ("Senator Alvarez
   met local officials in Tokyo on Monday."; compound about 0).
2. **One theme surges in one month.** In April 2025 the main theme of 60% of the articles is
   forced to *health* (vaccines, hospitals, clinics); in the other months each theme is the
   main one of about 1/8 of the articles, so health's share rises about fivefold in April.
3. **One term belongs to one outlet.** Every Harbour Herald article has one sentence with
   "stagflation"; no other outlet and no template ever uses the word.

Article ``i`` (text and metadata) depends only on ``(seed, i, words, source text, planted)``,
not on ``--n``: a corpus of 100 is the first 100 articles of a corpus of 1,000.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from corpus_themes import COMMON_FILLERS, THEMES, Theme

from analysis.sections import is_title_line

DEFAULT_SOURCE = Path(__file__).resolve().parents[1] / "seeds" / "ishiba_trump_summit.txt"
# Share of sentences taken from the source article rather than from the templates.
SOURCE_SENTENCE_SHARE = 0.2
# Main theme fills most of an article; the second theme adds realistic overlap.
MAIN_THEME_SHARE = 0.75
AVERAGE_SENTENCE_WORDS = 13
MAX_RETRIES = 5
# A sentence ends at . ! ? (maybe before a closing quote), but not after "U.S." or "Mr.".
_SENTENCE_END = re.compile(r"(?<!U\.S\.)(?<!Mr\.)(?<=[.!?”\"])\s+(?=[A-Z“\"])")
# Longest names first, so "Shigeru Ishiba" becomes one slot rather than "Shigeru {leader}".
_SOURCE_NAMES = {
    "Prime Minister Shigeru Ishiba": "leader {leader}",
    "President Donald Trump": "{official}",
    "Japanese": "{nationality}",
    "Japan": "{country}",
    "Ishiba": "{leader}",
    "Trump": "{official}",
}


_SLOT = re.compile(r"\{(\w+)\}")

# ----------------------------------------------------------------------------- corpus files

FILE_FORMATS = ("csv", "tsv", "jsonl", "parquet")
COLUMNS = ("id", "text", "title", "date", "source", "author", "url")
CHUNK_ROWS = 2000
FIRST_DAY = date(2025, 1, 1)
N_DAYS = 181  # 2025-01-01 to 2025-06-30
AUTHORS: dict[str, tuple[str, ...]] = {
    "Daily Ledger": ("Hannah Moreau", "Peter Lindqvist", "Amara Okafor"),
    "Harbour Herald": ("Lucas Ferreira", "Mei Tanaka", "Owen Gallagher"),
    "Metro Courier": ("Sofia Rossi", "Daniel Mensah", "Ingrid Holm"),
    "Northern Post": ("Rahul Mehta", "Claire Dubois", "Tomas Novak"),
}
OUTLETS = tuple(AUTHORS)

# Planted differences (see the module docstring).
NEGATIVE_OUTLET = "Daily Ledger"
TARGET_ACTOR = "Senator Alvarez"
ACTOR_ARTICLE_SHARE = 0.5
ACTOR_SENTENCES_PER_ARTICLE = 2
ACTOR_NEGATIVE = (
    "Critics said Senator Alvarez had lied about the costs and betrayed the workers of {city}.",
    "Senator Alvarez was blamed for the chaos, and angry voters called the failure a disgrace.",
    "Senator Alvarez faced furious protests in {city} over a corrupt and shameful deal.",
    "Senator Alvarez gave a weak, dishonest answer that left residents angry and afraid.",
    "Even allies said Senator Alvarez had failed badly and hurt the party.",
    "The reckless plan of Senator Alvarez was a disaster for families, {expert} said.",
)
ACTOR_NEUTRAL = (
    "Senator Alvarez met local officials in {city} on {day}.",
    "Senator Alvarez said the committee would review the proposal next week.",
    "Senator Alvarez will visit {city} to discuss the budget with residents.",
    "A spokesperson for Senator Alvarez said the bill would be debated in {number} days.",
    "Senator Alvarez spoke to reporters after the hearing on {day}.",
    "Senator Alvarez has served on the finance committee since 2019.",
)
SURGE_THEME = "health"
SURGE_MONTH = "2025-04"
SURGE_SHARE = 0.6
TERM_OUTLET = "Harbour Herald"
EXCLUSIVE_TERM = "stagflation"
TERM_SENTENCES = (
    "Economists warned that stagflation could return to {country} this year.",
    "Fears of stagflation weighed on markets in {city} on {day}.",
    "The central bank said stagflation remained the main risk for {country}.",
    "Business owners in {city} said stagflation had squeezed their margins.",
)


def article_id(index: int) -> str:
    """The id of the ``index``-th article (1-based): ``article_0001``."""
    return f"article_{index:04d}"


def source_sentences(text: str) -> list[str]:
    """Body sentences of the source article, with its names turned into template slots.

    Headings are left out.
    """
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line or is_title_line(line):
            continue
        for sentence in _SENTENCE_END.split(line):
            for name, slot in _SOURCE_NAMES.items():
                sentence = re.sub(rf"\b{name}\b", slot, sentence)
            sentences.append(sentence)
    return sentences


def _fill(template: str, theme: Theme, rng: random.Random) -> str:
    def choose(match: re.Match[str]) -> str:
        slot = match.group(1)
        return rng.choice(theme.fillers.get(slot) or COMMON_FILLERS[slot])

    sentence = _SLOT.sub(choose, template)
    return sentence[0].upper() + sentence[1:]


def _sentence(themes: tuple[Theme, Theme], sources: list[str], rng: random.Random) -> str:
    theme = themes[0] if rng.random() < MAIN_THEME_SHARE else themes[1]
    if sources and rng.random() < SOURCE_SENTENCE_SHARE:
        return _fill(rng.choice(sources), theme, rng)
    return _fill(rng.choice(theme.templates), theme, rng)


def _paragraph(
    themes: tuple[Theme, Theme],
    sources: list[str],
    rng: random.Random,
    *,
    budget: float,
    used: set[str],
) -> str:
    """Sentences until about ``budget`` words, none repeating one already in the article."""
    sentences: list[str] = []
    n_words = 0
    # Stopping half a sentence early keeps the article's length centred on its target.
    while n_words < budget - AVERAGE_SENTENCE_WORDS / 2:
        sentence = _sentence(themes, sources, rng)
        for _ in range(MAX_RETRIES):
            if sentence not in used:
                break
            sentence = _sentence(themes, sources, rng)
        used.add(sentence)
        sentences.append(sentence)
        n_words += len(sentence.split())
    return " ".join(sentences)


def _compose(
    index: int,
    *,
    seed: int,
    words: int,
    sources: list[str],
    main_theme: str | None = None,
) -> tuple[Theme, list[str]]:
    """The main theme and the lines (headings and paragraphs) of one article."""
    rng = random.Random(f"{seed}:{index}")
    themes = tuple(rng.sample(THEMES, 2))
    if main_theme is not None and themes[0].name != main_theme:
        forced = next(theme for theme in THEMES if theme.name == main_theme)
        # Replaces a draw without consuming the stream, so the rest of the article is unchanged.
        themes = (forced, themes[0] if themes[1] is forced else themes[1])
    n_sections = rng.randint(2, 4)
    headings = rng.sample(themes[0].headings + themes[1].headings, n_sections)
    blocks: list[tuple[str | None, int]] = [(None, 1)]
    blocks += [(heading, rng.randint(1, 2)) for heading in headings]
    budget = words / sum(n_paragraphs for _, n_paragraphs in blocks)
    lines: list[str] = []
    used: set[str] = set()
    for heading, n_paragraphs in blocks:
        if heading:
            lines.append(heading)
        for _ in range(n_paragraphs):
            lines.append(_paragraph(themes, sources, rng, budget=budget, used=used))
    return themes[0], lines


def make_article(index: int, *, seed: int = 0, words: int = 400, source: str = "") -> str:
    """Write one article: a lead, then 2-4 headed sections of one or two paragraphs.

    Args:
        index: 1-based position in the corpus; with ``seed`` it fixes the content.
        seed: Corpus seed.
        words: Target length in words (the result is within a sentence of it).
        source: Text of an article whose sentences are recombined; empty for none.

    Returns:
        The article text, one paragraph or heading per line, ending with a newline.
    """
    sources = source_sentences(source) if source else []
    _, lines = _compose(index, seed=seed, words=words, sources=sources)
    return "\n".join(lines) + "\n"


def make_corpus(n: int, *, seed: int = 0, words: int = 400, source: str = "") -> dict[str, str]:
    """Article id to text for ``n`` articles (see :func:`make_article`).

    Raises:
        ValueError: if ``n`` is negative or ``words`` is not positive.
    """
    _check_sizes(n, words)
    return {
        article_id(i): make_article(i, seed=seed, words=words, source=source)
        for i in range(1, n + 1)
    }


def _check_sizes(n: int, words: int) -> None:
    if n < 0 or words <= 0:
        raise ValueError(f"need n >= 0 and words > 0, got n={n}, words={words}")


# ----------------------------------------------------------------------------- metadata


def _slug(outlet: str) -> str:
    return re.sub(r"[^a-z]", "", outlet.lower())


def _insert(lines: list[str], sentences: list[str], rng: random.Random) -> None:
    """Append each sentence to a paragraph (never a heading) chosen by ``rng``."""
    paragraphs = [i for i, line in enumerate(lines) if not is_title_line(line)]
    for sentence in sentences:
        position = rng.choice(paragraphs)
        lines[position] = f"{lines[position]} {sentence}"


def _planted_sentences(
    source: str, theme: Theme, rng: random.Random, *, planted: bool
) -> list[str]:
    """The planted sentences of one article of ``source`` (none unless ``planted``)."""
    if not planted:
        return []
    sentences = []
    if rng.random() < ACTOR_ARTICLE_SHARE:
        templates = ACTOR_NEGATIVE if source == NEGATIVE_OUTLET else ACTOR_NEUTRAL
        chosen = rng.sample(templates, ACTOR_SENTENCES_PER_ARTICLE)
        sentences += [_fill(template, theme, rng) for template in chosen]
    if source == TERM_OUTLET:
        sentences.append(_fill(rng.choice(TERM_SENTENCES), theme, rng))
    return sentences


def make_record(
    index: int, *, seed: int = 0, words: int = 400, source: str = "", planted: bool = False
) -> dict[str, str]:
    """One article with its metadata, as a row of a corpus file.

    Args:
        index: 1-based position in the corpus; with ``seed`` it fixes the row.
        seed: Corpus seed.
        words: Target length in words of the text before planted sentences.
        source: Text of an article whose sentences are recombined; empty for none.
        planted: Plant the differences described in the module docstring.

    Returns:
        ``id``, ``text``, ``title``, ``date`` (``YYYY-MM-DD``), ``source`` (the outlet),
        ``author`` and ``url``, all strings. Without ``planted`` the text is
        :func:`make_article`'s.
    """
    meta = random.Random(f"{seed}:{index}:meta")
    published = FIRST_DAY + timedelta(days=meta.randrange(N_DAYS))
    outlet = meta.choice(OUTLETS)
    author = meta.choice(AUTHORS[outlet])
    surge = planted and published.strftime("%Y-%m") == SURGE_MONTH
    main_theme = SURGE_THEME if surge and meta.random() < SURGE_SHARE else None
    sources = _cached_source_sentences(source)
    theme, lines = _compose(index, seed=seed, words=words, sources=sources, main_theme=main_theme)
    _insert(lines, _planted_sentences(outlet, theme, meta, planted=planted), meta)
    identifier = article_id(index)
    return {
        "id": identifier,
        "text": "\n".join(lines) + "\n",
        "title": meta.choice(theme.headings),
        "date": published.isoformat(),
        "source": outlet,
        "author": author,
        "url": f"https://www.{_slug(outlet)}.example/{published:%Y/%m/%d}/{identifier}",
    }


@functools.lru_cache(maxsize=4)
def _cached_source_sentences(source: str) -> list[str]:
    return source_sentences(source) if source else []


def iter_records(
    n: int, *, seed: int = 0, words: int = 400, source: str = "", planted: bool = False
) -> Iterator[dict[str, str]]:
    """Rows 1 to ``n`` (see :func:`make_record`), one at a time.

    Raises:
        ValueError: if ``n`` is negative or ``words`` is not positive.
    """
    _check_sizes(n, words)
    for index in range(1, n + 1):
        yield make_record(index, seed=seed, words=words, source=source, planted=planted)


# ----------------------------------------------------------------------------- writing


def write_corpus(
    n: int,
    out: Path,
    *,
    seed: int = 0,
    words: int = 400,
    source: Path | None = DEFAULT_SOURCE,
    planted: bool = False,
) -> list[Path]:
    """Write ``n`` articles as ``<out>/<id>.txt`` (UTF-8, LF) and return their paths.

    With ``planted``, the texts carry the planted differences (the metadata is not written).
    """
    text = source.read_text(encoding="utf-8") if source else ""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for record in iter_records(n, seed=seed, words=words, source=text, planted=planted):
        path = out / f"{record['id']}.txt"
        path.write_text(record["text"], encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def _chunks(records: Iterable[dict[str, str]], size: int) -> Iterator[list[dict[str, str]]]:
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _write_parquet(chunks: Iterable[list[dict[str, str]]], path: Path) -> None:
    schema = pa.schema([(column, pa.string()) for column in COLUMNS])
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in chunks:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))


def _write_text_table(chunks: Iterable[list[dict[str, str]]], path: Path, fmt: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for number, chunk in enumerate(chunks):
            frame = pd.DataFrame(chunk, columns=list(COLUMNS))
            if fmt == "jsonl":
                frame.to_json(handle, orient="records", lines=True, force_ascii=False)
            else:
                sep = "\t" if fmt == "tsv" else ","
                frame.to_csv(handle, sep=sep, index=False, header=number == 0, lineterminator="\n")


def write_corpus_file(
    n: int,
    path: Path,
    *,
    fmt: str = "parquet",
    seed: int = 0,
    words: int = 400,
    source: Path | None = DEFAULT_SOURCE,
    planted: bool = False,
    chunk_rows: int = CHUNK_ROWS,
) -> Path:
    """Write ``n`` rows (see :func:`make_record`) to one corpus file, ``chunk_rows`` at a time.

    Args:
        n: Number of articles.
        path: The file to write (its parent is created).
        fmt: ``csv``, ``tsv``, ``jsonl`` (UTF-8, LF) or ``parquet`` (one row group per chunk).
        seed: Corpus seed.
        words: Target length in words.
        source: Article whose sentences are recombined; None for none.
        planted: Plant the differences described in the module docstring.
        chunk_rows: Rows held in memory at a time.

    Returns:
        ``path``.

    Raises:
        ValueError: for an unknown ``fmt``, a negative ``n`` or ``words`` not positive.
    """
    if fmt not in FILE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FILE_FORMATS)}")
    text = source.read_text(encoding="utf-8") if source else ""
    records = iter_records(n, seed=seed, words=words, source=text, planted=planted)
    path.parent.mkdir(parents=True, exist_ok=True)
    chunks = _chunks(records, chunk_rows)
    if fmt == "parquet":
        _write_parquet(chunks, path)
    else:
        _write_text_table(chunks, path, fmt)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument(
        "--out", type=Path, required=True, help="folder (--format folder) or file to write"
    )
    parser.add_argument("--format", choices=("folder", *FILE_FORMATS), default="folder")
    parser.add_argument("--planted", action="store_true", help="plant differences to recover")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=400, help="words per article")
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="article whose sentences are recombined (default: the bundled one)",
    )
    args = parser.parse_args(argv)
    options = {"seed": args.seed, "words": args.words, "source": args.source}
    if args.format == "folder":
        paths = write_corpus(args.n, args.out, planted=args.planted, **options)
        print(f"wrote {len(paths)} articles to {args.out}")
    else:
        write_corpus_file(args.n, args.out, fmt=args.format, planted=args.planted, **options)
        print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
