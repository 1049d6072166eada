import pytest

from analysis.corpus import find_articles


def test_articles_and_skipped_files(tmp_path):
    for name in ("b.txt", "a.md", "notes.csv", "has space.txt", "corpus.txt", "a.txt"):
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    found = find_articles(tmp_path)
    assert list(found.articles) == ["a", "b", "corpus", "has space"]  # named when checked
    assert found.articles["a"].name == "a.md"
    assert len(found.skipped) == 1 and "a.txt: same id as" in found.skipped[0]


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
    rows, errors = read_folder(tmp_path, max_bytes=1000, encoding="utf-8")
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
    rows, errors = read_folder(tmp_path, max_bytes=1000, encoding="utf-8")
    assert rows["id"].tolist() == ["b"]
    assert errors[0].startswith(f"{tmp_path / 'a.md'}: front matter is not valid YAML")


def test_a_front_matter_date_that_is_none_is_named_by_the_row_checks(tmp_path):
    """YAML reads "2025-02-30" as a date and fails on it; the run had stopped with a
    traceback naming no file. Dates stay text, and the row checks name the file."""
    from analysis.corpus import read_folder
    from analysis.corpus.records import check_rows

    (tmp_path / "a.md").write_text("---\ndate: 2025-02-30\n---\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ndate: 2025-02-07 10:00:00+09:00\n---\nFine text.\n", encoding="utf-8"
    )
    rows, errors = read_folder(tmp_path, max_bytes=1000, encoding="utf-8")
    assert errors == [] and rows.set_index("id")["date"].to_dict() == {
        "a": "2025-02-30",
        "b": "2025-02-07 10:00:00+09:00",
    }
    checked = check_rows(rows, date_format=None, time_zone="UTC", max_bytes=1000, seen={})
    assert checked.rows["id"].tolist() == ["b"]
    assert str(checked.rows["date"].iloc[0]) == "2025-02-07 01:00:00"
    assert len(checked.errors) == 1
    assert checked.errors[0].startswith(f"{tmp_path / 'a.md'}: date '2025-02-30' is not a date")


def test_metadata_rows_without_an_id_or_with_a_repeated_one_are_named(tmp_path):
    from analysis.corpus import read_folder

    (tmp_path / "a.txt").write_text("Leaders met.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "id,source\na,Daily Ledger\n,Nobody\na,Harbour Herald\n", encoding="utf-8"
    )
    rows, errors = read_folder(tmp_path, max_bytes=1000, encoding="utf-8")
    assert rows.set_index("id").loc["a", "source"] == "Daily Ledger"  # the first row wins
    path = tmp_path / "metadata.csv"
    assert errors == [
        f"{path} row 2: no id; row ignored",
        f"{path} row 3: duplicate id 'a' (first at row 1); row ignored",
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("id,source\na,caf\xe9\n".encode("latin-1"), "not UTF-8 (byte 0xe9 on line 2, offset 15)"),
        (b"", "cannot be read as csv: No columns to parse from file"),
    ],
)
def test_an_unreadable_metadata_file_is_one_line_and_the_articles_go_ahead(
    tmp_path, content, problem
):
    from analysis.corpus import read_folder

    (tmp_path / "a.txt").write_text("Leaders met.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(content)
    rows, errors = read_folder(tmp_path, max_bytes=1000, encoding="utf-8")
    assert rows["id"].tolist() == ["a"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'metadata.csv'}: {problem}")
    assert errors[0].endswith("; no article gets metadata from it")
