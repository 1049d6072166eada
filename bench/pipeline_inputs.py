"""The benchmark's inputs: generated corpora (one Parquet file or a folder), the long article.

Part of ``bench/bench_pipeline.py`` (see its docstring); paths are relative to a scenario's
folder.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
BUNDLED_ARTICLE = REPO / "seeds" / "ishiba_trump_summit.txt"
LONG_REPEATS = 100
RESULTS = "out"
CORPUS_FILE = "corpus.parquet"
ARTICLES = "articles"


@dataclass
class Inputs:
    """How newsdag and the peer read one scenario's articles, relative to its folder."""

    config: tuple[str, ...]
    peer_path: str


def _make_corpus_module():
    """``bench/make_corpus.py``, loaded by path (``bench/`` is not a package)."""
    if "make_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_corpus", BENCH / "make_corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_corpus"]


def write_inputs(size: int, workdir: Path, *, seed: int, as_file: bool) -> Inputs:
    """Write ``size`` generated articles (planted) into ``workdir``: one file or a folder."""
    make_corpus = _make_corpus_module()
    if as_file:
        make_corpus.write_corpus_file(size, workdir / CORPUS_FILE, seed=seed, planted=True)
        return file_inputs()
    make_corpus.write_corpus(size, workdir / ARTICLES, seed=seed, planted=True)
    return folder_inputs()


def add_one_article(size: int, workdir: Path, *, seed: int, as_file: bool) -> str:
    """Add article ``size + 1`` to the corpus in ``workdir`` (the file is rewritten).

    Returns:
        The new article's id.
    """
    make_corpus = _make_corpus_module()
    if as_file:
        make_corpus.write_corpus_file(size + 1, workdir / CORPUS_FILE, seed=seed, planted=True)
    else:
        record = make_corpus.make_record(
            size + 1,
            seed=seed,
            source=make_corpus.DEFAULT_SOURCE.read_text(encoding="utf-8"),
            planted=True,
        )
        path = workdir / ARTICLES / f"{record['id']}.txt"
        path.write_text(record["text"], encoding="utf-8", newline="\n")
    return make_corpus.article_id(size + 1)


def file_inputs() -> Inputs:
    return Inputs((f"input_files={CORPUS_FILE}", f"results_dir={RESULTS}"), CORPUS_FILE)


def folder_inputs() -> Inputs:
    return Inputs((f"input_dir={ARTICLES}", f"results_dir={RESULTS}"), ARTICLES)


def write_articles(folder: Path, articles: dict[str, str]) -> Inputs:
    """Write ``articles`` (file name to text) into ``folder/articles``."""
    (folder / ARTICLES).mkdir(parents=True)
    for name, text in articles.items():
        (folder / ARTICLES / name).write_text(text, encoding="utf-8", newline="\n")
    return folder_inputs()


def long_article() -> dict[str, str]:
    """The bundled article repeated ``LONG_REPEATS`` times, as one article."""
    return {"long_article.txt": BUNDLED_ARTICLE.read_text(encoding="utf-8") * LONG_REPEATS}
