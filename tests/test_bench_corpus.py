"""The benchmark corpus generator: deterministic, news-length, valid ids, real sections."""

from collections import Counter
from datetime import date

import pandas as pd
import pytest
from bench_scripts import load_bench_script
from defaults import SECTIONING
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.reading import is_valid_article_id
from analysis.sections import split_sections

SOURCE = (
    "Japan’s Prime Minister Shigeru Ishiba met President Donald Trump in Washington. "
    "The U.S. and Japan agreed to expand trade.\n"
    "Energy Cooperation Between Japan and the U.S.\n"
    "Japan will buy more natural gas. Trump welcomed the plan.\n"
)


make_corpus = load_bench_script("make_corpus")


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
        sections = split_sections(text, **SECTIONING)
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


def test_records_keep_the_folder_texts_and_carry_metadata():
    record = make_corpus.make_record(7, seed=2, source=SOURCE)
    assert record["text"] == make_corpus.make_article(7, seed=2, source=SOURCE)
    assert list(record) == ["id", "text", "title", "date", "source", "author", "url"]
    assert record["id"] == "article_0007"
    assert record["source"] in {"Daily Ledger", "Harbour Herald", "Metro Courier", "Northern Post"}
    assert (
        record["url"].endswith("/article_0007")
        and record["date"].replace("-", "/") in (record["url"])
    )


def test_records_do_not_depend_on_corpus_size():
    small = list(make_corpus.iter_records(4, seed=1, planted=True))
    large = list(make_corpus.iter_records(9, seed=1, planted=True))
    assert small == large[:4]


def test_dates_are_iso_and_spread_over_six_months():
    dates = [r["date"] for r in make_corpus.iter_records(600, source="")]
    months = {d[:7] for d in dates}
    assert months == {f"2025-{m:02d}" for m in range(1, 7)}
    assert all(date.fromisoformat(d) for d in dates)
    counts = Counter(d[:7] for d in dates)
    assert min(counts.values()) > 600 / 6 * 0.6


def test_four_outlets_each_with_own_authors():
    records = list(make_corpus.iter_records(400, source=""))
    by_outlet: dict[str, set[str]] = {}
    for record in records:
        by_outlet.setdefault(record["source"], set()).add(record["author"])
    assert len(by_outlet) == 4
    authors = [author for names in by_outlet.values() for author in names]
    assert len(authors) == len(set(authors))


@pytest.fixture(scope="module")
def planted_records():
    return list(make_corpus.iter_records(1200, seed=0, planted=True))


def _actor_sentences(records, outlet_is):
    return [
        sentence
        for record in records
        if outlet_is(record["source"])
        for sentence in record["text"].replace("\n", " ").split(". ")
        if "Senator Alvarez" in sentence
    ]


def test_planted_actor_is_negative_in_one_outlet_only(planted_records):
    analyser = SentimentIntensityAnalyzer()

    def mean_compound(sentences):
        return sum(analyser.polarity_scores(s)["compound"] for s in sentences) / len(sentences)

    ledger = _actor_sentences(planted_records, lambda s: s == "Daily Ledger")
    others = _actor_sentences(planted_records, lambda s: s != "Daily Ledger")
    assert len(ledger) > 100 and len(others) > 300
    assert mean_compound(ledger) < -0.6
    assert abs(mean_compound(others)) < 0.1


def test_planted_theme_surges_in_april(planted_records):
    def health_share(month_is):
        texts = [r["text"] for r in planted_records if month_is(r["date"][:7])]
        return sum("vaccin" in t or "clinics" in t for t in texts) / len(texts)

    april = health_share(lambda m: m == "2025-04")
    other = health_share(lambda m: m != "2025-04")
    assert april > 2.5 * other


def test_planted_term_belongs_to_one_outlet(planted_records):
    users = Counter(r["source"] for r in planted_records if "stagflation" in r["text"])
    herald = sum(r["source"] == "Harbour Herald" for r in planted_records)
    assert users == {"Harbour Herald": herald}


def test_unplanted_corpus_has_no_planted_text():
    text = " ".join(r["text"] for r in make_corpus.iter_records(300, source=""))
    assert "Alvarez" not in text and "stagflation" not in text


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_corpus_file_round_trips(tmp_path, fmt):
    path = make_corpus.write_corpus_file(
        5, tmp_path / f"corpus.{fmt}", fmt=fmt, seed=3, source=None, planted=True, chunk_rows=2
    )
    if fmt == "parquet":
        frame = pd.read_parquet(path)
    elif fmt == "jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        frame = pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str)
    expected = pd.DataFrame(make_corpus.iter_records(5, seed=3, planted=True))
    pd.testing.assert_frame_equal(frame, expected)
    if fmt != "parquet":
        assert b"\r" not in path.read_bytes()


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        make_corpus.write_corpus_file(1, tmp_path / "x.xml", fmt="xml")


def test_command_line_writes_a_planted_file(tmp_path):
    out = tmp_path / "c.parquet"
    make_corpus.main(["--n", "3", "--out", str(out), "--format", "parquet", "--planted"])
    assert list(pd.read_parquet(out)["id"]) == ["article_0001", "article_0002", "article_0003"]
