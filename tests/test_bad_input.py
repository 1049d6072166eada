"""Bad input end to end: each bad file gets one line naming it, and the others go ahead."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from workflow_copy import SNAKEMAKE, copy_workflow

from analysis.corpus.records import article_name

pytestmark = pytest.mark.workflow
GOOD = "Tariffs rose on Monday. Markets in Tokyo fell.\nTrade Talks\nThe U.S. and Japan met.\n"


def make_workdir(root: Path, articles: dict[str, bytes]) -> Path:
    return copy_workflow(root, articles, folder="articles")


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    command = [str(SNAKEMAKE), "--config", "input_dir=articles", "results_dir=out", *args]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=600)


def tables(workdir: Path) -> dict[str, bytes]:
    out = workdir / "out"
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.tsv"))}


BAD_FILES = {
    "empty.txt": (b"", "empty article"),
    "blank.txt": (b"  \n\n\t\n", "empty article"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary content"),
    "latin1.txt": ("Café au lait à Paris.".encode("latin-1"), "not UTF-8"),
    "huge.txt": (b"word " * 1_100_000, "over the limit"),
    "symbols.txt": (b"... --- !!!\n", "no words"),
}
ODD_BUT_FINE = {
    "good.txt": GOOD.encode(),
    "no_headings.txt": b"One sentence here. Another one there.\nA second paragraph.\n",
    "only_headings.md": b"# Title\n## Subtitle\n",
    "no_punctuation.txt": b"a single line without any punctuation at all",
    "german.txt": (
        "Der Kanzler traf am Donnerstag den Präsidenten in Washington. Die Gespräche "
        "über Zölle und Energie verliefen nach Angaben beider Seiten konstruktiv und ruhig."
    ).encode(),
    "markup.txt": b"<p>Trade rose.</p> <script>alert(1)</script> <img src=x onerror=alert(2)>\n",
    "windows.txt": "\ufeffLine one.\r\nLine two.\r\n".encode(),
    # No noun, verb or adjective: no topic model, no keywords; the run still succeeds.
    "hello.txt": b"Hello?? Who is there?\n",
    "found_it.txt": b"There it is! I found it.\n",
    "japanese.txt": "石破首相はワシントンでトランプ大統領と会談した。".encode(),
    # No safe folder names: each gets one (spaces and accents dropped, a digest added).
    "bad name.txt": GOOD.encode(),
    "naïve.txt": GOOD.encode(),
    "corpus.txt": GOOD.encode(),
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    workdir = make_workdir(
        tmp_path_factory.mktemp("bad"),
        {**{n: d for n, (d, _) in BAD_FILES.items()}, **ODD_BUT_FINE},
    )
    return workdir, snakemake(workdir)


def test_each_bad_file_gets_one_line_naming_it(bad_run):
    _, run = bad_run
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stderr.splitlines()
    for name, (_, problem) in BAD_FILES.items():
        matching = [line for line in lines if f"{name}:" in line and "newsdag: error" in line]
        assert len(matching) == 1, (name, matching)
        assert problem in matching[0]
    assert "Traceback" not in run.stderr


def test_other_articles_are_analysed(bad_run):
    workdir, _ = bad_run
    produced = {p.name for p in (workdir / "out").iterdir() if p.is_dir()} - {"corpus"}
    good = {article_name(Path(n).stem) for n in ODD_BUT_FINE}
    assert {"bad-name-", "na-ve-", "corpus-"} <= {name[:-10] for name in good}
    assert produced == good
    # The corpus-level model covers good articles only (those sharing vocabulary with others).
    corpus = (workdir / "out/corpus/tables/document_topics.tsv").read_text(encoding="utf-8")
    modelled = {line.split("\t")[0] for line in corpus.splitlines()[1:]}
    assert modelled and modelled <= good


def test_warnings_for_markup_and_foreign_language(bad_run):
    workdir, run = bad_run
    warnings = [line for line in run.stderr.splitlines() if "newsdag: warning" in line]
    assert any("markup.txt: contains HTML markup" in line for line in warnings)
    (german,) = [line for line in warnings if "german.txt: does not look like English" in line]
    assert "left out of sentiment, keywords, topics and comparisons" in german
    # Its text model is kept; the English analyses give it no rows.
    folder = workdir / "out" / article_name("german") / "tables"
    assert len((folder / "sentences.tsv").read_text(encoding="utf-8").splitlines()) == 3
    for table in ("sentiment_sentences", "keywords", "topics_sections", "sentiment_entities"):
        assert len((folder / f"{table}.tsv").read_text(encoding="utf-8").splitlines()) == 1


def test_bad_config_values_are_one_line_errors(bad_run):
    workdir, _ = bad_run
    for settings, expected in [
        ("articles: {max_bytes: 0}", "articles.max_bytes: 0 is less than the minimum of 1"),
        ("figures: {per_article: 'no'}", "'no' is not of type 'boolean'"),
        ("sections: {detect_headings: true, split: 1}", "'split' was unexpected"),
        ("topics: {k: 0}", "config error at topics.k"),
        ("topics: {k: -3}", "config error at topics.k"),
        ("topics: {method: lsa}", "'lsa' is not one of ['nmf', 'lda']"),
        ("dates: {time_zone: Mars/Olympus}", "dates.time_zone: 'Mars/Olympus' is not UTC"),
        ("encoding: klingon", "encoding: encoding 'klingon' is no text encoding Python knows"),
    ]:
        (workdir / "bad.yaml").write_text(settings, encoding="utf-8")
        run = snakemake(workdir, "--dry-run", "--configfile", "bad.yaml")
        output = run.stdout + run.stderr
        assert run.returncode != 0
        errors = [line for line in output.splitlines() if "newsdag: config error" in line]
        assert len(errors) == 1 and expected in errors[0], output


def test_missing_or_empty_input_folder(tmp_path):
    workdir = make_workdir(tmp_path, {})
    run = snakemake(workdir, "--dry-run")
    assert run.returncode != 0 and "newsdag: no article to analyse" in run.stdout + run.stderr
    run = snakemake(workdir, "--dry-run", "--config", "input_dir=nowhere")
    assert "input folder nowhere does not exist" in run.stdout + run.stderr


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_killed_run_then_rerun_matches_a_clean_run(tmp_path, stop_signal):
    articles = {f"a{i}.txt": (GOOD * (i + 1)).encode() for i in range(6)}
    clean = make_workdir(tmp_path / "clean", articles)
    assert snakemake(clean).returncode == 0
    killed = make_workdir(tmp_path / "killed", articles)
    command = [str(SNAKEMAKE), "--config", "input_dir=articles", "results_dir=out"]
    process = subprocess.Popen(command, cwd=killed, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline and not list((killed / "out").rglob("*.tsv")):
        time.sleep(0.05)
    os.killpg(process.pid, stop_signal)
    process.wait(timeout=120)
    # Whatever a killed run left under its final name is complete, never half-written.
    reference = tables(clean)
    survivors = tables(killed)
    assert survivors and all(data == reference[name] for name, data in survivors.items())
    if stop_signal == signal.SIGKILL:  # a killed Snakemake cannot release its lock
        assert snakemake(killed, "--unlock").returncode == 0
    rerun = snakemake(killed)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert tables(killed) == reference
    assert not [p for p in (killed / "out").rglob("*.tmp")]
