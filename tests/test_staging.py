"""Staging: each shard's file is rewritten only when one of its articles changed."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import stage_corpus
from analysis.workflow_config import ConfigError

COLUMNS = {"id": "id", "text": "text", "title": "title", "date": "date", "source": "source",
           "author": "author", "url": "url"}  # fmt: skip


def _stage(tmp_path, **options):
    settings = {"input_dir": None, "input_files": str(tmp_path / "corpus.csv"),
                "columns": COLUMNS, "encoding": "utf-8", "date_format": None,
                "time_zone": "UTC", "max_bytes": 10_000,
                "shard_size": 4,
                "staging_dir": tmp_path / "staging", **options}  # fmt: skip
    return stage_corpus(**settings)


def _write(tmp_path, texts):
    frame = pd.DataFrame(
        {"id": [f"a{i:02d}" for i in range(len(texts))], "text": texts,
         "date": "2025-02-07", "source": "Ledger", "desk": "world"}
    )  # fmt: skip
    frame.to_csv(tmp_path / "corpus.csv", index=False)


def test_editing_one_article_rewrites_only_its_shard(tmp_path):
    _write(tmp_path, [f"Article number {i} is here." for i in range(10)])
    first = _stage(tmp_path)
    assert first.n_shards == 4
    assert sum(first.shard_sizes.values()) == 10
    before = {name: Path(path).read_bytes() for name, path in first.shard_files.items()}
    texts = [f"Article number {i} is here." for i in range(10)]
    texts[3] = "Article three was edited."
    _write(tmp_path, texts)
    second = _stage(tmp_path)
    changed = [n for n, p in second.shard_files.items() if Path(p).read_bytes() != before[n]]
    assert changed == [second.shard_of_article("a03")]
    staged = pd.read_parquet(second.shard_files[second.shard_of_article("a03")])
    assert list(staged.columns)[:8] == ["article", "text", "title", "date", "source",
                                        "author", "url", "origin"]  # fmt: skip
    assert "desk" in staged.columns  # other columns are kept as metadata
    assert str(staged["date"].dtype) == "datetime64[ns]"


def test_a_new_time_zone_restages_the_dates(tmp_path):
    frame = pd.DataFrame({"id": ["tokyo", "plain"], "text": ["A morning story.", "Another."],
                          "date": ["2025-04-01T08:00:00+09:00", "2025-04-02"]})  # fmt: skip
    frame.to_csv(tmp_path / "corpus.csv", index=False)

    def dates(time_zone):
        staged = _stage(tmp_path, time_zone=time_zone)
        shards = [pd.read_parquet(path) for path in staged.shard_files.values()]
        table = pd.concat(shards).set_index("article")["date"]
        return {article: str(date) for article, date in table.items()}

    assert dates("UTC") == {"tokyo": "2025-03-31 23:00:00", "plain": "2025-04-02 00:00:00"}
    assert dates("as_written") == {"tokyo": "2025-04-01 08:00:00", "plain": "2025-04-02 00:00:00"}


def test_unchanged_inputs_reuse_the_index(tmp_path):
    _write(tmp_path, ["One text.", "Two texts."])
    first = _stage(tmp_path)
    (tmp_path / "staging" / "shards" / "unrelated.txt").write_text("x")
    second = _stage(tmp_path)
    assert second == first


def test_bad_rows_are_listed_and_the_rest_staged(tmp_path):
    frame = pd.DataFrame({"id": ["a", "a", "b"], "text": ["Fine.", "Again.", ""]})
    frame.to_csv(tmp_path / "corpus.csv", index=False)
    staged = _stage(tmp_path)
    assert staged.articles == ["a"]
    assert [e.split(": ", 1)[1] for e in staged.errors] == [
        "duplicate id 'a' (first at {} row 1); row skipped".format(tmp_path / "corpus.csv"),
        "empty text (no characters besides white space); row skipped",
    ]


def test_a_folder_article_whose_id_differs_only_in_case_is_skipped_with_one_line(tmp_path):
    """Summit.txt and summit.txt can sit side by side here, but their results folders would
    be one folder on macOS or Windows: the second (in path order) is refused."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "Summit.txt").write_text("Leaders met on Friday.\n", encoding="utf-8")
    (folder / "summit.txt").write_text("Markets fell on Monday.\n", encoding="utf-8")
    (folder / "tariffs.txt").write_text("Tariffs rose.\n", encoding="utf-8")
    staged = _stage(tmp_path, input_dir=str(folder), input_files=None)
    assert sorted(staged.articles) == ["Summit", "tariffs"]
    assert staged.errors == [
        f"{folder / 'summit.txt'}: id 'summit' differs only in case from id 'Summit'"
        f" (at {folder / 'Summit.txt'}), and their results folders would be one on a"
        " case-insensitive file system; row skipped"
    ]


def test_a_json_array_a_semicolon_csv_and_a_workbook_are_staged_beside_each_other(tmp_path):
    (tmp_path / "scraped.json").write_text(
        '[{"id": "s1", "text": "Leaders met.", "date": "2025-02-07", "source": "Herald"}]',
        encoding="utf-8",
    )
    (tmp_path / "excel.csv").write_text(
        'id;text;date;source\ne1;"Tariffs rose; again.";2025-02-08;Ledger\n', encoding="utf-8"
    )
    coded = {"id": ["x1"], "text": ["Markets fell."], "date": [pd.Timestamp("2025-02-09 10:00")],
             "source": ["Gazette"]}  # fmt: skip
    pd.DataFrame(coded).to_excel(tmp_path / "coded.xlsx", index=False)
    patterns = [str(tmp_path / name) for name in ("*.json", "*.csv", "*.xlsx")]
    staged = _stage(tmp_path, input_files=patterns)
    assert staged.errors == []
    table = pd.concat(pd.read_parquet(p) for p in staged.shard_files.values())
    rows = table.set_index("article").sort_index()
    assert rows["text"].tolist() == ["Tariffs rose; again.", "Leaders met.", "Markets fell."]
    assert rows["source"].tolist() == ["Ledger", "Herald", "Gazette"]
    assert [str(d) for d in rows["date"]] == [
        "2025-02-08 00:00:00", "2025-02-07 00:00:00", "2025-02-09 10:00:00",
    ]  # fmt: skip


def test_the_screen_shows_a_few_row_errors_per_file_and_counts_the_rest(tmp_path):
    """A wrong dates.format fails every row; the screen must not get one line per row."""
    frame = pd.DataFrame({"id": [f"a{i}" for i in range(25)], "text": "Fine.",
                          "date": "07/02/2025"})  # fmt: skip
    frame.to_csv(tmp_path / "corpus.csv", index=False)
    (tmp_path / "broken.jsonl").write_text('{"id": "b1", "text": "Fine."}\n{oops\n', "utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    names = ("corpus.csv", "broken.jsonl", "notes.docx")
    staged = _stage(tmp_path, input_files=[str(tmp_path / name) for name in names])
    assert len(staged.errors) == 25 + 1 + 1  # every row and file, for provenance.json
    shown = staged.errors_to_show(per_file=3)
    csv_path = tmp_path / "corpus.csv"
    # Files are read in path order, and a file's rows are checked after every file is read.
    assert shown[0].startswith(f"{tmp_path / 'broken.jsonl'} line 2: not valid JSON")
    assert shown[1].startswith(f"{tmp_path / 'notes.docx'}: unknown corpus file type")
    assert shown[2:5] == [
        f"{csv_path} row {i}: date '07/02/2025' is not a date in ISO 8601 (dates.format);"
        " row skipped"
        for i in (1, 2, 3)
    ]
    assert shown[5:] == [f"{csv_path}: 22 more rows skipped; provenance.json lists every one"]


def test_typed_parquet_metadata_is_kept_as_readable_text(tmp_path):
    """List, nullable and timestamp columns of a Parquet file become JSON or text, a
    struct's fields columns of their own, and gaps stay missing (not "nan", "<NA>" or
    "NaT")."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "text": ["A first story.", "A second story."],
            "date": pd.to_datetime(["2025-02-07", None]),
            "tags": [["trade", "Japan"], []],
            "place": [{"city": "Tokyo", "codes": [1, 2]}, None],
            "words": pd.array([412, None], dtype="Int64"),
            "updated": pd.to_datetime(["2025-02-08 10:00", None]),
        }
    )
    frame.to_parquet(tmp_path / "corpus.parquet")
    staged = _stage(tmp_path, input_files=str(tmp_path / "corpus.parquet"))
    assert staged.errors == []
    table = pd.concat(pd.read_parquet(p) for p in staged.shard_files.values())
    rows = table.set_index("article").sort_index()
    assert rows.loc["a", "tags"] == '["trade", "Japan"]'
    assert rows.loc["b", "tags"] == "[]"
    assert rows.loc["a", "place.city"] == "Tokyo"
    assert rows.loc["a", "place.codes"] == "[1, 2]"
    assert rows.loc["a", "words"] == "412"
    assert rows.loc["a", "updated"] == "2025-02-08 10:00:00"
    assert str(rows.loc["a", "date"]) == "2025-02-07 00:00:00"
    for column in ("place.city", "place.codes", "words", "updated", "date"):
        assert pd.isna(rows.loc["b", column]), column


def test_article_files_in_input_files_are_one_article_each(tmp_path):
    """One article (or a glob of them) can be named directly, beside corpus files."""
    (tmp_path / "summit.txt").write_text("Leaders met on Friday.\n", encoding="utf-8")
    (tmp_path / "tariffs.md").write_text(
        "---\ndate: 2025-02-07\nsource: Daily Ledger\n---\nTariffs rose.\n", encoding="utf-8"
    )
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    pd.DataFrame({"id": ["summit", "wire"], "text": ["A copy.", "Markets fell."]}).to_csv(
        tmp_path / "corpus.csv", index=False
    )
    staged = _stage(tmp_path, input_files=[str(tmp_path / "*.txt"), str(tmp_path / "*.md"),
                                           str(tmp_path / "corpus.csv")])  # fmt: skip
    table = pd.concat(pd.read_parquet(p) for p in staged.shard_files.values())
    rows = table.set_index("article").sort_index()
    assert rows.index.tolist() == ["summit", "tariffs", "wire"]
    assert rows.loc["summit", "text"] == "A copy."  # files are read in path order
    assert rows.loc["tariffs", "source"] == "Daily Ledger"
    assert str(rows.loc["tariffs", "date"]) == "2025-02-07 00:00:00"
    assert len(staged.errors) == 2
    assert staged.errors[0].startswith(f"{tmp_path / 'blank.txt'}: empty article")
    assert staged.errors[1] == (
        f"{tmp_path / 'summit.txt'}: duplicate id 'summit' (first at"
        f" {tmp_path / 'corpus.csv'} row 1); row skipped"
    )


def test_urls_as_ids_get_folder_safe_names_and_are_kept_as_original_id(tmp_path):
    api = {
        "status": "ok",
        "articles": [
            {"url": "https://ledger.test/world/1", "content": "A first story.",
             "source": {"name": "Ledger"}, "original_id": "L-1"},
            {"url": "https://post.test/2?ref=rss", "content": "A second story.",
             "source": {"name": "Post"}},
        ],
    }  # fmt: skip
    path = tmp_path / "newsapi.json"
    path.write_text(json.dumps(api), encoding="utf-8")
    columns = {**COLUMNS, "id": "url", "text": "content", "source": "source.name"}
    staged = _stage(tmp_path, input_files=str(path), columns=columns)
    assert staged.errors == []
    table = pd.concat(pd.read_parquet(p) for p in staged.shard_files.values())
    rows = table.set_index("article").sort_index()
    assert rows.index.tolist() == ["https-ledger-test-world-1-" + _digest(api, 0),
                                   "https-post-test-2-ref-rss-" + _digest(api, 1)]  # fmt: skip
    assert rows["original_id"].tolist() == ["https://ledger.test/world/1",
                                            "https://post.test/2?ref=rss"]  # fmt: skip
    assert rows["url"].tolist() == rows["original_id"].tolist()  # one column, both fields
    assert rows["source"].tolist() == ["Ledger", "Post"]
    assert rows["original_id_metadata"].iloc[0] == "L-1"  # the file's own column, renamed


def test_safe_ids_add_no_original_id_column(tmp_path):
    pd.DataFrame({"id": ["a", "b"], "text": ["One story.", "Two stories."]}).to_csv(
        tmp_path / "c.csv", index=False
    )
    staged = _stage(tmp_path, input_files=str(tmp_path / "c.csv"))
    assert staged.articles == ["a", "b"]
    assert "original_id" not in staged.metadata_columns


def _digest(api: dict, item: int) -> str:
    return hashlib.sha256(api["articles"][item]["url"].encode()).hexdigest()[:10]


def test_a_folder_in_another_encoding_is_read_with_that_setting(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "summit.txt").write_bytes("The minister\u2019s \u201cplan\u201d.".encode("cp1252"))
    (folder / "metadata.csv").write_bytes("id,source\nsummit,Le Caf\u00e9\n".encode("cp1252"))
    as_utf8 = _stage(tmp_path, input_dir=str(folder), input_files=None)
    assert as_utf8.articles == []
    assert as_utf8.errors[0].startswith(f"{folder / 'metadata.csv'}: not UTF-8 (byte 0xe9")
    assert "set encoding: cp1252" in as_utf8.errors[1]
    staged = _stage(tmp_path, input_dir=str(folder), input_files=None, encoding="cp1252")
    assert staged.errors == []
    row = pd.read_parquet(next(iter(staged.shard_files.values()))).iloc[0]
    assert (row["text"], row["source"]) == ("The minister\u2019s \u201cplan\u201d.", "Le Caf\u00e9")


def test_a_metadata_file_naming_a_column_twice_gives_no_metadata_and_one_line(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "summit.txt").write_text("The leaders met on Friday.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,date,date\nsummit,2025-02-07,2024-01-01\n", "utf-8")
    staged = _stage(tmp_path, input_dir=str(folder), input_files=None)
    assert staged.errors == [
        f"{folder / 'metadata.csv'}: two columns are both named 'date'; rename one; no article"
        " gets metadata from it"
    ]
    row = pd.read_parquet(next(iter(staged.shard_files.values()))).iloc[0]
    assert row["article"] == "summit" and pd.isna(row["date"])


def test_an_unknown_encoding_stops_staging_in_one_line(tmp_path):
    (tmp_path / "corpus.csv").write_text("id,text\na,One story.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config error at encoding: encoding 'utf-9' is no"):
        _stage(tmp_path, encoding="utf-9")


def test_a_field_found_only_as_nested_fields_gets_a_hint_naming_the_setting(tmp_path):
    path = tmp_path / "newsapi.jsonl"
    record = {"id": "a1", "text": "One story.", "source": {"id": None, "name": "Ledger"}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    staged = _stage(tmp_path, input_files=str(path))
    assert staged.errors == []
    assert staged.warnings == [
        f"{path}: no column 'source' for source, but nested fields source.id, source.name;"
        " set columns.source to the one that holds it"
    ]
    mapped = _stage(tmp_path, input_files=str(path), columns={**COLUMNS, "source": "source.name"})
    assert mapped.warnings == []


def test_a_header_with_spaces_or_other_case_is_named_in_the_error_and_the_hint(tmp_path):
    spaced = tmp_path / "spaced.csv"
    spaced.write_text("id, text, date\na, One story., 2025-02-07\n", encoding="utf-8")
    cased = tmp_path / "cased.csv"
    cased.write_text("id,text,Source\nb,Another story.,Ledger\n", encoding="utf-8")
    staged = _stage(tmp_path, input_files=[str(spaced), str(cased)])
    assert staged.articles == ["b"]
    assert staged.errors == [
        f"{spaced}: no column 'text' (it has: id, ' text', ' date'); the header has ' text',"
        " the same name in other case or with spaces around it; set `columns` in the config"
        " to name the id and text columns"
    ]  # and no hint about the skipped file's date
    assert staged.warnings == [
        f"{cased}: no column 'source' for source, but 'Source' (other case, or spaces around"
        " the name); set columns.source to 'Source' or fix the header"
    ]
    mapped = _stage(tmp_path, input_files=str(cased), columns={**COLUMNS, "source": "Source"})
    assert mapped.warnings == []


def test_texts_repeated_exactly_are_named_and_still_analysed(tmp_path):
    wire = "Tariffs rose on Monday. Markets in Tokyo fell."
    frame = pd.DataFrame({
        "id": ["ledger-1", "herald-7", "post-3", "ledger-2"],
        "text": [wire, wire, "A different story.", wire],
        "source": ["Ledger", "Herald", "Post", "Ledger"],
        "duplicate_of": ["x", "y", "z", "w"],  # a column of the file's own
    })  # fmt: skip
    frame.to_csv(tmp_path / "corpus.csv", index=False)
    staged = _stage(tmp_path)
    assert staged.articles == ["herald-7", "ledger-1", "ledger-2", "post-3"]
    assert staged.warnings == [
        "2 articles repeat the text of another exactly (wire copies, or one article saved"
        " twice); each is analysed, and the articles table's duplicate_of names the first"
        " with that text"
    ]
    table = pd.concat(pd.read_parquet(p) for p in staged.shard_files.values())
    rows = table.set_index("article").sort_index()
    assert rows["duplicate_of"].fillna("").tolist() == ["", "herald-7", "herald-7", ""]
    assert rows["duplicate_of_metadata"].tolist() == ["y", "x", "w", "z"]


def test_a_corpus_without_repeated_texts_has_no_duplicate_column(tmp_path):
    _write(tmp_path, ["One story.", "Another story.", "A third one."])
    staged = _stage(tmp_path)
    assert staged.warnings == [] and "duplicate_of" not in staged.metadata_columns


def test_a_files_own_origin_column_is_metadata_or_a_mapped_field(tmp_path):
    frame = pd.DataFrame({"id": ["a"], "text": ["One text."], "origin": ["Reuters"]})
    frame.to_csv(tmp_path / "corpus.csv", index=False)
    staged = pd.read_parquet(_stage(tmp_path).shard_files["shard-000-of-001"])
    assert staged["origin"].tolist() == [f"{tmp_path / 'corpus.csv'} row 1"]
    assert staged["origin_metadata"].tolist() == ["Reuters"]
    mapped = _stage(tmp_path, columns={**COLUMNS, "source": "origin"})
    staged = pd.read_parquet(mapped.shard_files["shard-000-of-001"])
    assert staged["source"].tolist() == ["Reuters"] and "origin_metadata" not in staged


def test_front_matter_named_origin_is_kept_beside_the_file_it_came_from(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.md").write_text("---\norigin: wire copy\n---\nOne text here.\n", "utf-8")
    staged = _stage(tmp_path, input_dir=str(folder), input_files=None)
    shard = pd.read_parquet(staged.shard_files["shard-000-of-001"])
    assert shard["origin"].tolist() == [str(folder / "one.md")]
    assert shard["origin_metadata"].tolist() == ["wire copy"]


def test_metadata_named_like_the_articles_tables_own_columns_is_kept_beside_them(tmp_path):
    from defaults import PREPARE_SHARD

    from analysis.stages import prepare

    frame = pd.DataFrame({"id": ["a"], "text": ["Markets fell on Monday."], "n_tokens": [900],
                          "warnings": ["paywalled"], "analysed": ["no"]})  # fmt: skip
    frame.to_csv(tmp_path / "corpus.csv", index=False)
    staged = _stage(tmp_path)
    names = ("articles", "sections", "paragraphs", "sentences", "tokens", "section_stats")
    outputs = {name: tmp_path / "out" / f"{name}.parquet" for name in names}
    prepare.run_shard(staged=Path(staged.shard_files["shard-000-of-001"]), outputs=outputs,
                      **PREPARE_SHARD)  # fmt: skip
    articles = pd.read_parquet(outputs["articles"])
    assert articles["n_tokens_metadata"].tolist() == ["900"]
    assert articles["warnings_metadata"].tolist() == ["paywalled"]
    assert articles["analysed_metadata"].tolist() == ["no"]
    assert articles["n_tokens"].tolist() == [5] and articles["warnings"].tolist() == [""]
    assert articles["analysed"].tolist() == [True]
