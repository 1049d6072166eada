"""Reproducibility: committed results regenerate byte for byte, whatever the core count."""

import subprocess
from pathlib import Path

import pytest
from workflow_copy import REPO, SNAKEMAKE
from workflow_copy import copy_workflow as workflow_copy

pytestmark = pytest.mark.workflow
BUNDLED = "ishiba_trump_summit"


def run(workdir: Path, *args: str) -> None:
    done = subprocess.run(
        [str(SNAKEMAKE), *args], cwd=workdir, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]


def files(folder: Path, pattern: str) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob(pattern))}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    workdir = workflow_copy(tmp_path_factory.mktemp("regenerated"))
    run(workdir)
    return workdir / "results"


def test_committed_tables_regenerate_byte_for_byte(regenerated):
    committed = files(REPO / "results", "*.tsv")
    committed.pop("manifest.tsv", None)  # lists provenance.json, which names the commit
    fresh = files(regenerated, "*.tsv")
    fresh.pop("manifest.tsv", None)
    assert committed, "results/ holds no committed tables"
    assert sorted(fresh) == sorted(committed)
    differing = [name for name in committed if committed[name] != fresh[name]]
    assert not differing, f"tables differ from the committed results: {differing}"


def test_committed_parquet_tables_regenerate_byte_for_byte(regenerated):
    """The corpus tables keep every digit, which the TSVs round: a change in the last bit of
    a score shows only here."""
    committed = files(REPO / "results", "*.parquet")
    fresh = files(regenerated, "*.parquet")
    assert committed and sorted(fresh) == sorted(committed)
    assert [n for n in committed if committed[n] != fresh[n]] == []


def test_committed_figures_regenerate_byte_for_byte(regenerated):
    committed = files(REPO / "results", "*.png")
    fresh = files(regenerated, "*.png")
    assert committed and sorted(fresh) == sorted(committed)
    assert [n for n in committed if committed[n] != fresh[n]] == []


def test_one_core_and_two_cores_give_identical_tables(tmp_path):
    articles = {
        "energy.txt": "Japan buys U.S. gas. Prices rose.\nEnergy Deals\nLNG imports grew.\n",
        "sport.txt": "The team won the cup. Fans cheered loudly.\nThe Final\nIt was close.\n",
        "trade.md": "# Tariffs\nTariffs hurt exporters. Steel prices fell sharply.\n",
    }
    one = workflow_copy(tmp_path / "one", articles)
    two = workflow_copy(tmp_path / "two", articles)
    run(one, "--cores", "1")
    run(two, "--cores", "2")
    assert files(one / "results", "*.tsv") == files(two / "results", "*.tsv")


def test_one_article_named_in_input_files_gives_the_committed_tables(tmp_path):
    """The bundled article named as a file (input_files) is analysed as from its folder."""
    workdir = workflow_copy(tmp_path / "named")
    run(workdir, "--config", f"input_files=seeds/{BUNDLED}.txt", "results_dir=named")
    named = files(workdir / "named" / BUNDLED / "tables", "*.tsv")
    committed = files(REPO / "results" / BUNDLED / "tables", "*.tsv")
    assert committed and named == committed
