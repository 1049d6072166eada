"""A fresh clone: the quick start records every job, then each setting reruns its stage.

The committed ``results/`` carry no Snakemake metadata. The first run in a clone stages
the articles anew, so every job runs once and is recorded; after that, changing one
setting must rerun exactly the jobs of the stage that reads it (and the run's provenance
and manifest, which record the settings).
"""

import shutil
import subprocess

import pytest
from workflow_copy import REPO, SNAKEMAKE

pytestmark = pytest.mark.workflow

RUN_LEVEL = {"all", "provenance", "manifest"}
# One setting of each stage, and the jobs that must rerun when it changes.
SETTING_CHANGES = {
    "sentiment: {n_bootstrap: 1000}": {"sentiment", "export_sentiment", "sentiment_figures"},
    "keywords: {top_k: 12}": {
        "keywords",
        "export_keywords",
        "keywords_sections_figure",
        "keyness_figure",
    },
    "topics: {n_terms: 8}": {"topics", "export_topics", "topics_figures"},
}


def planned_rules(output: str) -> set[str]:
    """The rules of a dry run's job table."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("job ")) + 2
    rules = set()
    for line in lines[start:]:
        if line.startswith("total"):
            break
        rules.add(line.split()[0])
    return rules


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs a git checkout of the project")
    target = tmp_path_factory.mktemp("clone") / "newsdag"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    first = subprocess.run(
        [str(SNAKEMAKE), "--cores", "2"], cwd=target, capture_output=True, text=True, timeout=600
    )
    assert first.returncode == 0, first.stderr[-3000:]
    return target, first


def test_first_run_in_a_clone_runs_and_records_every_job(clone):
    target, first = clone
    assert "missing provenance metadata" not in first.stderr
    assert "prepare" in first.stderr and "sentiment" in first.stderr
    again = subprocess.run(
        [str(SNAKEMAKE), "--cores", "2", "--dry-run"], cwd=target, capture_output=True, text=True
    )
    assert "Nothing to be done" in again.stdout + again.stderr


def planned_after(target, *options: str) -> set[str]:
    """The rules a dry run in ``target`` with these options would run (it must succeed)."""
    dry = subprocess.run(
        [str(SNAKEMAKE), "--cores", "2", "--dry-run", *options],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert dry.returncode == 0, dry.stderr[-2000:]
    return planned_rules(dry.stdout)


@pytest.mark.parametrize("setting", list(SETTING_CHANGES))
def test_changing_one_setting_reruns_exactly_its_stage(clone, setting):
    target, _ = clone
    (target / "tweak.yaml").write_text(setting + "\n", encoding="utf-8")
    planned = planned_after(target, "--configfile", "tweak.yaml")
    assert planned == SETTING_CHANGES[setting] | RUN_LEVEL


@pytest.mark.parametrize("setting", list(SETTING_CHANGES))
def test_the_same_setting_given_on_the_command_line_reruns_the_same_jobs(clone, setting):
    """--config gives a nested value as text ("keywords={top_k: 12}" sets "12"), which the
    configuration check reads as a configuration file would."""
    target, _ = clone
    section, rest = setting.split(": ", 1)
    planned = planned_after(target, "--config", f"{section}={rest}")
    assert planned == SETTING_CHANGES[setting] | RUN_LEVEL
