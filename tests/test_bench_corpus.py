"""The benchmark corpus generator: deterministic, news-length, valid ids, real sections."""

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.reading import is_valid_article_id
from analysis.sections import split_sections

REPO = Path(__file__).resolve().parents[1]
SOURCE = (
    "Japan’s Prime Minister Shigeru Ishiba met President Donald Trump in Washington. "
    "The U.S. and Japan agreed to expand trade.\n"
    "Energy Cooperation Between Japan and the U.S.\n"
    "Japan will buy more natural gas. Trump welcomed the plan.\n"
)


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench/make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


make_corpus = _load_make_corpus()


def test_same_seed_same_corpus_other_seed_other_corpus():
    first = make_corpus.make_corpus(5, seed=3, source=SOURCE)
    assert first == make_corpus.make_corpus(5, seed=3, source=SOURCE)
    assert first != make_corpus.make_corpus(5, seed=4, source=SOURCE)


def test_smaller_corpus_is_a_prefix_of_a_larger_one():
    small = make_corpus.make_corpus(3, seed=0, source=SOURCE)
    large = make_corpus.make_corpus(8, seed=0, source=SOURCE)
    assert small == {name: large[name] for name in small}


def test_ids_are_valid_and_numbered_from_one():
    corpus = make_corpus.make_corpus(12, seed=0)
    assert list(corpus)[:2] == ["article_0001", "article_0002"]
    assert list(corpus)[-1] == "article_0012"
    assert all(is_valid_article_id(name) for name in corpus)


@pytest.mark.parametrize("words", [300, 400, 600])
def test_articles_are_about_the_requested_length(words):
    lengths = [len(text.split()) for text in make_corpus.make_corpus(30, words=words).values()]
    assert all(0.8 * words <= n <= 1.25 * words for n in lengths), lengths
    assert abs(sum(lengths) / len(lengths) - words) < 0.1 * words


def test_each_article_has_a_lead_and_two_to_four_headed_sections():
    for text in make_corpus.make_corpus(20, seed=1, source=SOURCE).values():
        sections = split_sections(text)
        assert sections[0].title == ""
        assert 2 <= len(sections) - 1 <= 4
        assert all(section.paragraphs for section in sections)


def test_source_names_become_slots_and_headings_are_dropped():
    sentences = make_corpus.source_sentences(SOURCE)
    assert sentences[0] == ("{country}’s leader {leader} met {official} in Washington.")
    assert sentences[1] == "The U.S. and {country} agreed to expand trade."
    assert len(sentences) == 4


def test_corpus_covers_several_themes():
    corpus = make_corpus.make_corpus(40, seed=0)
    text = " ".join(corpus.values()).lower()
    themes = {"tariffs": "trade", "vaccinated": "health", "ballots": "elections"}
    assert all(word in text for word in themes)


def test_write_corpus(tmp_path):
    paths = make_corpus.write_corpus(3, tmp_path / "articles", seed=0, source=None)
    assert [p.name for p in paths] == ["article_0001.txt", "article_0002.txt", "article_0003.txt"]
    assert paths[0].read_bytes().endswith(b"\n") and b"\r" not in paths[0].read_bytes()
