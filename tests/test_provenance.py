import hashlib
import json
import subprocess

from analysis.provenance import git_commit, manifest_table, provenance_record, sha256_file
from analysis.stages.provenance import run_manifest, run_provenance
from analysis.tables import read_tsv


def test_sha256_and_manifest(tmp_path):
    a, b = tmp_path / "b.tsv", tmp_path / "a.tsv"
    a.write_bytes(b"x\t1\n")
    b.write_bytes(b"")
    assert sha256_file(a) == hashlib.sha256(b"x\t1\n").hexdigest()
    table = manifest_table([a, b])
    assert table["path"].tolist() == [b.as_posix(), a.as_posix()]  # sorted by path
    assert table["size"].tolist() == [0, 4]


def test_provenance_record_has_inputs_config_and_software(tmp_path, repo):
    article = tmp_path / "x.txt"
    article.write_text("Text.", encoding="utf-8")
    record = provenance_record(
        inputs=[article], config={"k": 1}, repository=repo, results_dir=tmp_path
    )
    assert record["inputs"][article.as_posix()]["sha256"] == hashlib.sha256(b"Text.").hexdigest()
    assert record["config"] == {"k": 1}
    assert "snakemake" in record["packages"] and "scikit-learn" in record["packages"]
    assert record["python"].count(".") == 2


def test_git_commit_outside_a_repository(tmp_path):
    assert git_commit(tmp_path) == {"commit": None, "dirty": None}


def test_rewritten_results_inside_the_repository_do_not_make_the_code_dirty(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    (tmp_path / "results").mkdir()
    (tmp_path / "code.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "results" / "table.tsv").write_text("a\n", encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first")
    (tmp_path / "results" / "table.tsv").write_text("b\n", encoding="utf-8")
    assert git_commit(tmp_path, ignore=[tmp_path / "results"])["dirty"] is False
    assert git_commit(tmp_path)["dirty"] is True
    assert git_commit(tmp_path, ignore=[tmp_path.parent / "elsewhere"])["dirty"] is True
    (tmp_path / "code.py").write_text("x = 2\n", encoding="utf-8")
    assert git_commit(tmp_path, ignore=[tmp_path / "results"])["dirty"] is True


def test_stage_outputs(tmp_path, repo):
    article = tmp_path / "x.txt"
    article.write_text("Text.", encoding="utf-8")
    out = tmp_path / "provenance.json"
    run_provenance(
        inputs=[article],
        config={"a": [1, 2]},
        notes={"skipped": ["y.txt: empty"]},
        repository=repo,
        provenance=out,
    )
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["config"] == {"a": [1, 2]}
    assert record["skipped"] == ["y.txt: empty"]
    manifest = tmp_path / "manifest.tsv"
    run_manifest(files=[out], manifest=manifest)
    listed = read_tsv(manifest)
    assert listed["path"].tolist() == ["provenance.json"]
    assert listed["sha256"].tolist() == [sha256_file(out)]
