"""Corpus files end to end: metadata, bad rows, shards, Parquet tables, targeted reruns."""

import json
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from workflow_copy import SNAKEMAKE, copy_workflow

from analysis.corpus.records import article_name
from analysis.tables import read_tsv

pytestmark = pytest.mark.workflow

TEXTS = {
    "trade1": "Tariffs rose again on Monday. Markets in Tokyo fell sharply.",
    "trade2": "The U.S. and Japan met in Washington. Officials were hopeful about a deal.",
    "sport1": "Fans love the game. The final was exciting and close.",
    "sport2": "The striker scored twice. The coach praised the young team.",
}


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    # --configfile last: it takes every word after it.
    command = [str(SNAKEMAKE), "--cores", "2", *args, "--configfile", "settings.yaml"]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=600)


def write_corpus(workdir: Path, extra_rows: list[dict] | None = None) -> None:
    rows = [
        {"doc_id": k, "body": v, "date": f"2025-0{i + 1}-15", "source": f"Outlet {i % 2}",
         "desk": "world" if k.startswith("trade") else "sport"}
        for i, (k, v) in enumerate(TEXTS.items())
    ]  # fmt: skip
    pd.DataFrame(rows + (extra_rows or [])).to_csv(workdir / "corpus.csv", index=False)


def run_corpus(workdir: Path, input_file: str, columns: str) -> subprocess.CompletedProcess:
    """Run the workflow on one corpus file with the given id, text and date columns (the
    other fields keep their default names); the run must succeed."""
    (workdir / "settings.yaml").write_text(
        f"input_files: {input_file}\nresults_dir: out\ncolumns: {{{columns},"
        " title: title, source: source, author: author, url: url}\n",
        encoding="utf-8",
    )
    run = snakemake(workdir)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp("corpus"), {})
    bad = [
        {"doc_id": "trade1", "body": "A second row with the same id.", "date": "2025-01-01"},
        {"doc_id": "empty", "body": "", "date": "2025-01-01"},
        {"doc_id": "undated", "body": "Some words here.", "date": "not a date"},
    ]
    write_corpus(workdir, bad)
    return workdir, run_corpus(workdir, "corpus.csv", "id: doc_id, text: body, date: date")


def test_bad_rows_get_one_line_each_and_the_rest_is_analysed(corpus_run):
    workdir, run = corpus_run
    errors = [line for line in run.stderr.splitlines() if "newsdag: error" in line]
    assert len(errors) == 3, errors
    assert "corpus.csv row 5: duplicate id 'trade1' (first at corpus.csv row 1)" in errors[0]
    assert "corpus.csv row 6: empty text" in errors[1]
    assert "corpus.csv row 7: date 'not a date' is not a date in ISO 8601" in errors[2]
    produced = {p.name for p in (workdir / "out").iterdir() if p.is_dir()} - {"corpus"}
    assert produced == set(TEXTS)


def test_corpus_tables_are_parquet_datasets_with_article_first(corpus_run):
    workdir, _ = corpus_run
    tables = workdir / "out/corpus/tables"
    articles = pd.read_parquet(tables / "articles").sort_values("article")
    assert articles["article"].tolist() == sorted(TEXTS)
    assert articles.columns[0] == "article"
    assert articles.set_index("article").loc["sport1", "desk"] == "sport"
    assert str(articles["date"].dtype).startswith("datetime64")
    assert (articles["n_sentences"] == 2).all()
    sentences = duckdb.sql(
        f"SELECT article, count(*) AS n FROM read_parquet('{tables}/sentences/*.parquet')"
        " GROUP BY article ORDER BY article"
    ).fetchall()
    assert sentences == [(a, 2) for a in sorted(TEXTS)]
    shards = sorted(p.name for p in (tables / "sentences").iterdir())
    assert shards == ["shard-000-of-002.parquet", "shard-001-of-002.parquet"]


def test_per_article_tsv_equals_its_rows_of_the_shard_table(corpus_run):
    workdir, _ = corpus_run
    tsv = pd.read_csv(workdir / "out/trade2/tables/sentences.tsv", sep="\t")
    shard = pd.read_parquet(workdir / "out/corpus/tables/sentences")
    rows = shard[shard["article"] == "trade2"].drop(columns="article")
    assert (
        tsv["text"].tolist()
        == rows["text"].tolist()
        == [
            "The U.S. and Japan met in Washington.",
            "Officials were hopeful about a deal.",
        ]
    )


def test_adding_one_article_reruns_only_its_shard(corpus_run):
    workdir, _ = corpus_run
    write_corpus(workdir, [{"doc_id": "trade3", "body": "Exports grew. Ports were busy."}])
    dry = snakemake(workdir, "--dry-run")
    from analysis.corpus.shards import shard_name, shard_of

    shard = shard_name(shard_of("trade3", 2), 2)
    shard_jobs = [line for line in dry.stdout.splitlines() if "wildcards: shard=" in line]
    assert shard_jobs and all(shard in line for line in shard_jobs), dry.stdout[-3000:]
    write_corpus(workdir)  # back as it was


def test_one_articles_tables_can_be_asked_for_when_folders_are_off(corpus_run):
    workdir, _ = corpus_run
    settings = (workdir / "settings.yaml").read_text(encoding="utf-8")
    (workdir / "settings.yaml").write_text(
        settings + "corpus: {shard_size: 800, per_article_tables: false}\n", encoding="utf-8"
    )
    target = "out/sport2/tables/sentiment_sentences.tsv"
    (workdir / target).unlink()
    run = snakemake(workdir, target)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (workdir / target).exists()
    unknown = snakemake(workdir, "out/nobody/tables/sentences.tsv", "--dry-run")
    assert unknown.returncode != 0
    assert "no article 'nobody' in the corpus" in unknown.stdout + unknown.stderr
    (workdir / "settings.yaml").write_text(settings, encoding="utf-8")


def test_an_articles_tables_follow_the_settings_when_folders_are_off(corpus_run):
    """Per-article tables that exist (made on request, or by an earlier run) are rebuilt
    when the corpus or a setting changes, not left with what the run that made them had."""
    workdir, _ = corpus_run
    settings = (workdir / "settings.yaml").read_text(encoding="utf-8")
    off = settings + "corpus: {shard_size: 800, per_article_tables: false}\n"
    (workdir / "settings.yaml").write_text(off, encoding="utf-8")
    keywords = workdir / "out/sport2/tables/keywords.tsv"
    assert snakemake(workdir, "out/sport2/tables/keywords.tsv").returncode == 0
    assert read_tsv(keywords)["rank"].max() > 2
    (workdir / "settings.yaml").write_text(off + "keywords: {top_k: 2}\n", encoding="utf-8")
    run = snakemake(workdir)  # the default target
    assert run.returncode == 0, run.stderr[-2000:]
    assert read_tsv(keywords)["rank"].max() == 2
    (workdir / "settings.yaml").write_text(settings, encoding="utf-8")
    assert snakemake(workdir).returncode == 0  # as the fixture left it, for the next tests


def test_a_news_api_answer_runs_as_it_comes(tmp_path):
    """URLs as ids, the articles' array inside the answer, the outlet as a nested field."""
    workdir = copy_workflow(tmp_path, {})
    articles = [
        {"url": f"https://news.test/{key}?ref=rss", "publishedAt": "2025-02-07T10:00:00Z",
         "source": {"id": None, "name": f"Outlet {i % 2}"}, "content": text}
        for i, (key, text) in enumerate(TEXTS.items())
    ]  # fmt: skip
    answer = {"status": "ok", "totalResults": len(articles), "articles": articles}
    (workdir / "newsapi.json").write_text(json.dumps(answer), encoding="utf-8")
    run = run_corpus(workdir, "newsapi.json", "id: url, text: content, date: publishedAt")
    hint = "no column 'source' for source, but nested fields source.id, source.name"
    assert sum(hint in line for line in run.stderr.splitlines()) == 1
    provenance = json.loads((workdir / "out/provenance.json").read_text(encoding="utf-8"))
    assert len(provenance["input_warnings"]) == 1 and hint in provenance["input_warnings"][0]
    table = pd.read_parquet(workdir / "out/corpus/tables/articles").set_index("original_id")
    first = table.loc["https://news.test/trade1?ref=rss"]
    assert first.name == first["url"]
    assert first["article"] == article_name("https://news.test/trade1?ref=rss")
    assert first["article"].startswith("https-news-test-trade1-ref-rss-")
    assert (workdir / "out" / first["article"] / "tables/sentences.tsv").is_file()
    assert set(table["source.name"]) == {"Outlet 0", "Outlet 1"}


def test_ids_that_read_as_numbers_stay_apart_in_the_corpus_comparisons(tmp_path):
    """Zero-padded ids ("0001") are names: read back from a TSV table as numbers they had
    lost their articles' rows in the topic comparisons (and "0001" and "1" had been one)."""
    workdir = copy_workflow(tmp_path, {})
    ids = ["0001", "0002", "0003", "0004", "1"]
    texts = [*TEXTS.values(), "Tariffs and markets in Tokyo worried officials."]
    rows = [
        {"id": key, "text": text, "date": f"2025-0{i + 1}-15", "source": f"Outlet {i % 2}"}
        for i, (key, text) in enumerate(zip(ids, texts, strict=True))
    ]
    pd.DataFrame(rows).to_csv(workdir / "corpus.csv", index=False)
    run_corpus(workdir, "corpus.csv", "id: id, text: text, date: date")
    tables = workdir / "out/corpus/tables"
    weights = pd.read_csv(tables / "document_topics.tsv", sep="\t", dtype={"article": str})
    assert sorted(set(weights["article"])) == sorted(ids)
    over_time = pd.read_csv(tables / "topics_over_time.tsv", sep="\t")
    every_period = over_time[(over_time["period"] == "all") & (over_time["group"] == "all")]
    assert set(every_period["n_articles"]) == {len(ids)}
    assert (workdir / "out/corpus/figures/document_topics.png").stat().st_size > 0
