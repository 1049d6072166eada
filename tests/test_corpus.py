import pytest

from analysis.corpus import find_articles


def test_articles_and_skipped_files(tmp_path):
    for name in ("b.txt", "a.md", "notes.csv", "has space.txt", "corpus.txt", "a.txt"):
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    found = find_articles(tmp_path)
    assert list(found.articles) == ["a", "b"]
    assert found.articles["a"].name == "a.md"
    reasons = "\n".join(found.skipped)
    assert "has space.txt: file name is not a valid article id" in reasons
    assert "corpus.txt: 'corpus' is reserved" in reasons
    assert "a.txt: same id as" in reasons


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        find_articles(tmp_path / "nope")


def test_front_matter_is_metadata_and_offsets_stay_file_offsets(tmp_path):
    from analysis.corpus import read_folder

    text = "---\ntitle: Summit\ndate: 2025-02-07\nsource: Daily Ledger\n---\nLeaders met.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Markets fell.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "id,source,author\na,Other Outlet,Kim\nb,Harbour Herald,\nzz,X,\n", encoding="utf-8"
    )
    rows, errors = read_folder(tmp_path, max_bytes=1000)
    a = rows.set_index("id").loc["a"]
    assert a["title"] == "Summit"
    assert a["source"] == "Daily Ledger"  # front matter wins over metadata.csv
    assert a["author"] == "Kim"
    assert len(a["text"]) == len(text)
    assert a["text"].index("Leaders met.") == text.index("Leaders met.")
    assert rows.set_index("id").loc["b", "source"] == "Harbour Herald"
    assert errors == [
        f"{tmp_path / 'metadata.csv'} row 3: no article file 'zz' in {tmp_path}; row ignored"
    ]


def test_bad_front_matter_skips_only_that_file(tmp_path):
    from analysis.corpus import read_folder

    (tmp_path / "a.md").write_text("---\n[not: a mapping\n---\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Fine text.\n", encoding="utf-8")
    rows, errors = read_folder(tmp_path, max_bytes=1000)
    assert rows["id"].tolist() == ["b"]
    assert errors[0].startswith(f"{tmp_path / 'a.md'}: front matter is not valid YAML")
