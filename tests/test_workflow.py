"""Snakemake end to end, on a temporary copy of the workflow and two tiny articles."""

import subprocess
from pathlib import Path

import pytest
from workflow_copy import SNAKEMAKE, TWO_ARTICLES, copy_workflow

from analysis.tables import read_tsv

pytestmark = pytest.mark.workflow


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SNAKEMAKE), "--cores", "2", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def workflow_copy(tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp("newsdag"), TWO_ARTICLES, folder="articles")
    config = ["--config", "input_dir=articles", "results_dir=out"]
    first = snakemake(workdir, *config)
    assert first.returncode == 0, first.stderr[-3000:]
    return workdir, config


def test_tables_follow_the_contract(workflow_copy):
    workdir, _ = workflow_copy
    sections = read_tsv(workdir / "out/trade_talks/tables/sections.tsv")
    assert sections["title"].fillna("").tolist() == ["", "Trade Talks Resume"]
    sentences = read_tsv(workdir / "out/trade_talks/tables/sentences.tsv")
    text = TWO_ARTICLES["trade_talks.txt"]
    assert [text[r.start_char : r.end_char] for r in sentences.itertuples()] == sentences[
        "text"
    ].tolist()
    assert len(sentences) == 4
    football = read_tsv(workdir / "out/football/tables/sections.tsv")
    assert football["title"].tolist() == ["Cup Final"]


def test_rerun_with_nothing_changed_runs_no_job(workflow_copy):
    workdir, config = workflow_copy
    dry = snakemake(workdir, *config, "--dry-run")
    assert dry.returncode == 0
    assert "Nothing to be done" in dry.stdout + dry.stderr


def test_editing_one_article_reruns_only_its_jobs(workflow_copy):
    workdir, config = workflow_copy
    article = workdir / "articles" / "football.md"
    article.write_text(article.read_text(encoding="utf-8") + "Nobody left early.\n", "utf-8")
    summary = snakemake(workdir, *config, "--detailed-summary")
    stale = [
        line.split("\t")[0] for line in summary.stdout.splitlines() if "update pending" in line
    ]
    # Run-level files and the corpus model are recomputed when any article changes.
    run_level = ("out/manifest.tsv", "out/provenance.json", "out/corpus/")
    per_article = [path for path in stale if not path.startswith(run_level)]
    assert per_article and all(path.startswith("out/football/") for path in per_article), stale


def test_folders_of_articles_no_longer_in_the_corpus_go(tmp_path):
    workdir = copy_workflow(tmp_path, TWO_ARTICLES, folder="articles")
    config = ["--config", "input_dir=articles", "results_dir=out", "figures={per_article: false}"]
    assert snakemake(workdir, *config).returncode == 0
    (workdir / "articles/football.md").unlink()
    (workdir / "articles/weather.txt").write_text("Rain fell in Leeds. The river rose.\n")
    notes = workdir / "out/old_notes/tables"
    notes.mkdir(parents=True)
    (notes / "sentences.tsv").write_text("mine\n")
    (notes / "coding.csv").write_text("mine\n")
    run = snakemake(workdir, *config)
    assert run.returncode == 0, run.stderr[-3000:]
    # glob("out/*/tables/sentences.tsv") now reads this corpus's articles alone
    found = sorted(p.parts[-3] for p in (workdir / "out").glob("*/tables/sentences.tsv"))
    assert found == ["old_notes", "trade_talks", "weather"]
    assert "removing 1 folder(s) of out whose article is not in this corpus: football" in (
        run.stderr
    )
    assert "out/old_notes is the folder of no article of this corpus" in run.stderr
    assert (notes / "coding.csv").read_text() == "mine\n"


def test_single_file_target_builds_only_what_it_needs(workflow_copy):
    workdir, config = workflow_copy
    target = "out/trade_talks/tables/sentences.tsv"
    (workdir / target).unlink()
    run = snakemake(workdir, target, *config)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "prepare" in run.stderr
    assert (workdir / target).exists()


def test_unknown_config_key_is_a_one_line_error(workflow_copy):
    workdir, _ = workflow_copy
    run = snakemake(workdir, "--config", "input_dir=articles", "colour=blue", "--dry-run")
    assert run.returncode != 0
    output = run.stdout + run.stderr
    errors = [line for line in output.splitlines() if "newsdag: config error" in line]
    assert errors and "'colour' was unexpected" in errors[0], output
