"""Corpus files (CSV, TSV, JSON Lines, JSON, Parquet, Excel) and the checks of each row."""

import datetime
import gzip
import hashlib
import json
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus.dates import parse_dates
from analysis.corpus.files import CorpusFileError, expand_inputs, file_format, read_corpus_file
from analysis.corpus.records import (
    ORIGIN,
    ORIGINAL_ID,
    article_name,
    check_rows,
    is_own_name,
    standard_columns,
    text_problem,
)
from analysis.reading import is_valid_article_id
from analysis.workflow_config import ConfigError

TEXT = "Tariffs rose on Monday. Markets fell."


def _check(frame, **options):
    options = {"max_bytes": 10_000, "date_format": None, "time_zone": "UTC", "seen": {}, **options}
    return check_rows(frame, **options)


def test_csv_keeps_every_cell_as_written(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"id": ["007", "8"], "text": [TEXT, "NA"], "source": ["NA", ""]}).to_csv(
        path, index=False
    )
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame["id"].tolist() == ["007", "8"]  # leading zeros kept
    assert frame["source"].tolist() == ["NA", ""]
    assert frame[ORIGIN].tolist() == [f"{path} row 1", f"{path} row 2"]


def test_jsonl_bad_line_costs_only_its_row(tmp_path):
    path = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "a", "text": TEXT, "tags": ["x", "y"]})
    lone = '{"id": "s", "text": "\\ud800 lone"}'
    path.write_text(f"{good}\n{{broken\n\n[1, 2]\n{lone}\n", encoding="utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert frame["id"].tolist() == ["a"]
    assert errors[0].startswith(f"{path} line 2: not valid JSON")
    assert errors[1] == f"{path} line 4: not a JSON object; row skipped"
    assert errors[2].startswith(f"{path} line 5: invalid Unicode (an unpaired surrogate")


def test_a_json_array_of_articles_is_read_item_by_item(tmp_path):
    path = tmp_path / "scraped.json"
    items = [{"id": "a", "text": TEXT, "tags": ["x"]}, 5, {"id": 7, "text": TEXT}]
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")  # pretty-printed
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert frame["id"].tolist() == ["a", 7]  # JSON's own types, as in JSON Lines
    assert frame["tags"].tolist()[0] == ["x"]
    assert frame[ORIGIN].tolist() == [f"{path} item 1", f"{path} item 3"]
    assert errors == [f"{path} item 2: not a JSON object; row skipped"]


def test_a_json_file_holding_json_lines_is_read_line_by_line(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', "utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame[ORIGIN].tolist() == [f"{path} line 1", f"{path} line 2"]


@pytest.mark.parametrize("indent", [2, None])  # pretty-printed, or on one line
def test_an_api_answer_holding_the_array_of_articles_is_read_with_nested_fields(tmp_path, indent):
    path = tmp_path / "newsapi.json"
    answer = {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {"url": "u1", "source": {"id": None, "name": "Ledger"}, "content": TEXT,
             "tags": [{"term": "trade"}]},
            {"url": "u2", "source": {"id": "post", "name": "Post"}, "content": TEXT},
        ],
    }  # fmt: skip
    path.write_text(json.dumps(answer, indent=indent), encoding="utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame[ORIGIN].tolist() == [f"{path} articles item 1", f"{path} articles item 2"]
    assert frame["source.name"].tolist() == ["Ledger", "Post"]
    assert frame["source.id"].tolist() == [None, "post"]
    assert frame["tags"].tolist()[0] == [{"term": "trade"}]  # arrays stay values


def test_nested_fields_can_be_named_in_the_column_settings(tmp_path):
    path = tmp_path / "newsapi.json"
    article = {"url": "https://x.test/1", "publishedAt": "2025-02-07T14:30:00Z",
               "source": {"id": None, "name": "Ledger"}, "content": TEXT}  # fmt: skip
    path.write_text(json.dumps({"status": "ok", "articles": [article]}), encoding="utf-8")
    frame, _ = read_corpus_file(path, encoding="utf-8")
    names = {"id": "url", "text": "content", "title": "title", "date": "publishedAt",
             "source": "source.name", "author": "author", "url": "url"}  # fmt: skip
    checked = _check(standard_columns(frame, names))
    assert checked.errors == []
    row = checked.rows.iloc[0]
    assert (row["source"], row["text"]) == ("Ledger", TEXT)
    assert str(row["date"]) == "2025-02-07 14:30:00"


def test_an_array_nested_in_an_api_answer_is_found_by_its_path(tmp_path):
    path = tmp_path / "guardian.json"
    answer = {"response": {"status": "ok", "results": [
        {"id": "world/1", "webPublicationDate": "2025-02-07T14:30:00Z",
         "fields": {"headline": "Summit", "bodyText": TEXT}},
        "not an article",
    ]}}  # fmt: skip
    path.write_text(json.dumps(answer), encoding="utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert frame["fields.bodyText"].tolist() == [TEXT]
    assert frame[ORIGIN].tolist() == [f"{path} response.results item 1"]
    assert errors == [f"{path} response.results item 2: not a JSON object; row skipped"]


def test_json_lines_objects_are_flattened_and_one_article_on_one_line_is_json_lines(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "a", "text": TEXT, "meta": {"desk": "world"}}), "utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame[ORIGIN].tolist() == [f"{path} line 1"]
    assert frame["meta.desk"].tolist() == ["world"]


def test_a_parquet_struct_column_becomes_dotted_columns(tmp_path):
    path = tmp_path / "c.parquet"
    table = pa.table({
        "id": ["a", "b"], "text": [TEXT, TEXT],
        "source": [{"name": "Ledger", "desk": {"code": 1}}, None],
    })  # fmt: skip
    pq.write_table(table, path)
    frame, _ = read_corpus_file(path, encoding="utf-8")
    assert frame["source.name"].iloc[0] == "Ledger" and pd.isna(frame["source.name"].iloc[1])
    assert frame["source.desk.code"].iloc[0] == 1 and pd.isna(frame["source.desk.code"].iloc[1])
    assert "source" not in frame.columns


def test_fields_that_flatten_to_one_name_skip_that_row_and_no_other(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": TEXT, "a.b": 1, "a": {"b": 2}},
            {"id": "b", "text": TEXT, "a": {"b": 3}}]  # fmt: skip
    path.write_text("\n".join(json.dumps(row) for row in rows), "utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == [f"{path} line 1: two fields are both named 'a.b' once nested objects"
                      " are flattened; rename one; row skipped"]  # fmt: skip
    assert frame["id"].tolist() == ["b"] and frame["a.b"].tolist() == [3]


@pytest.mark.parametrize("name", ["c.jsonl", "c.json"])
def test_a_field_named_twice_with_different_values_skips_that_row_and_no_other(tmp_path, name):
    # JSON allows a name twice in one object; a plain decoder keeps the last value silently.
    path = tmp_path / name
    text = json.dumps(TEXT)
    rows = [
        '{"id": "a", "text": ' + text + ', "text": "Another story."}',
        '{"id": "b", "text": ' + text + ', "meta": {"desk": "x", "desk": "y"}}',
        '{"id": "c", "text": ' + text + ', "id": "c"}',  # the same value twice loses nothing
    ]
    body = "\n".join(rows) if name.endswith("jsonl") else "[" + ",\n".join(rows) + "]"
    path.write_text(body, "utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    where = [f"{path} line {n}" for n in (1, 2)]
    if name.endswith(".json"):
        where = [f"{path} item {n}" for n in (1, 2)]
    assert errors == [
        f"{where[0]}: the field 'text' appears twice with different values; one would be"
        " lost; row skipped",
        f"{where[1]}: the field 'meta.desk' appears twice with different values; one would"
        " be lost; row skipped",
    ]
    assert frame["id"].tolist() == ["c"] and frame["text"].tolist() == [TEXT]


def test_a_parquet_column_named_like_a_struct_field_is_refused_in_one_line(tmp_path):
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": [TEXT], "a.b": [1], "a": [{"b": 2}]}), path)
    with pytest.raises(CorpusFileError, match=r"two columns are both named 'a\.b' \(a struct"):
        read_corpus_file(path, encoding="utf-8")


@pytest.mark.parametrize("name", ["c.csv", "c.jsonl"])
def test_a_files_own_origin_column_is_kept_and_messages_still_name_the_row(tmp_path, name):
    path = tmp_path / name
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["", TEXT], "origin": ["wire", "staff"]})
    if name.endswith(".csv"):
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True)
    read, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert read["origin"].tolist() == ["wire", "staff"]
    place = "row" if name.endswith(".csv") else "line"
    assert read[ORIGIN].tolist() == [f"{path} {place} 1", f"{path} {place} 2"]
    checked = _check(standard_columns(read, {"id": "id", "text": "text"}))
    assert checked.errors == [
        f"{path} {place} 1: empty text (no characters besides white space); row skipped"
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[{"id": "a", "text": "One."},\n {"id": "b" "text": "Two."}]',
         r"not valid JSON \(Expecting ',' delimiter: line 2 column 13\)"),
        ('{\n  "status": "error", "message": "rate limited"\n}',
         r"the file holds one object, not an array of article objects"),
        ('{"articles": [{"id": "a"}], "sources": [{"id": "bbc"}]}',
         r"the file holds several arrays of objects \(articles, sources\), and newsdag cannot"
         r" tell which one holds the articles"),
        ('"just text"', r"the file holds no array, not an array of article objects"),
    ],
)  # fmt: skip
def test_a_json_file_that_is_no_array_of_articles_is_refused_in_one_line(
    tmp_path, content, problem
):
    path = tmp_path / "corpus.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusFileError, match=rf"corpus.json: {problem}"):
        read_corpus_file(path, encoding="utf-8")


def test_an_excel_workbooks_first_sheet_is_read_with_its_cell_types(tmp_path):
    path = tmp_path / "coded.xlsx"
    with pd.ExcelWriter(path) as workbook:
        pd.DataFrame(
            {
                "id": [101, 102],
                "text": [TEXT, "NA"],
                "date": [datetime.datetime(2025, 2, 7, 14, 30), None],
                "source": ["Ledger", ""],
            }
        ).to_excel(workbook, sheet_name="articles", index=False)
        pd.DataFrame({"note": ["codebook"]}).to_excel(workbook, sheet_name="notes", index=False)
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame[ORIGIN].tolist() == [f"{path} row 1", f"{path} row 2"]
    assert frame["text"].tolist() == [TEXT, "NA"]  # the text "NA" is no gap
    checked = _check(frame)
    assert checked.errors == []
    assert checked.rows["id"].tolist() == ["101", "102"]
    assert [str(d) for d in checked.rows["date"]] == ["2025-02-07 14:30:00", "NaT"]
    assert checked.rows["source"].isna().tolist() == [False, True]  # an empty cell is a gap


@pytest.mark.parametrize("name", ["c.csv", "c.tsv", "c.csv.gz", "c.xlsx"])
def test_a_header_naming_a_column_twice_is_refused_in_one_line(tmp_path, name):
    # pandas would read the second as "text.1": which one holds the story is a guess.
    path = tmp_path / name
    header, row = ["id", "text", "date", "text"], ["a", TEXT, "2025-02-07", "Another story."]
    if name.endswith(".xlsx"):
        pd.DataFrame([row], columns=header).to_excel(path, index=False)
    else:
        separator = "\t" if name == "c.tsv" else ","
        body = "\n".join(separator.join(cells) for cells in (header, row)) + "\n"
        path.write_bytes(gzip.compress(body.encode()) if name.endswith(".gz") else body.encode())
    with pytest.raises(CorpusFileError) as refused:
        read_corpus_file(path, encoding="utf-8")
    assert str(refused.value) == f"{path}: two columns are both named 'text'; rename one"


def test_blank_header_cells_are_no_repeated_name(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f"id,text,,\na,{TEXT},x,y\n", "utf-8")
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == [] and frame["text"].tolist() == [TEXT] and len(frame.columns) == 5


def test_an_old_or_broken_excel_file_is_refused_in_one_line(tmp_path):
    with pytest.raises(CorpusFileError, match=r"coded.xls: the old Excel format \(.xls\) is not"):
        file_format(tmp_path / "coded.xls")
    broken = tmp_path / "broken.xlsx"
    broken.write_text("id,text\n1,saved as CSV but named .xlsx\n", encoding="utf-8")
    with pytest.raises(CorpusFileError, match=r"broken.xlsx: cannot be read as an Excel workbook"):
        read_corpus_file(broken, encoding="utf-8")


def test_a_csv_separated_by_semicolons_as_excel_writes_in_europe_is_read(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        'id;"Score, out of 2";text\na;0,5;"Tariffs rose; markets fell."\nb;1,25;Leaders met.\n',
        "utf-8",
    )
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame[["id", "text", "Score, out of 2"]].values.tolist() == [
        ["a", "Tariffs rose; markets fell.", "0,5"],
        ["b", "Leaders met.", "1,25"],
    ]


def test_a_comma_csv_whose_text_holds_semicolons_stays_a_comma_csv(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a"], "text": ["One; two; three."]}).to_csv(path, index=False)
    frame, _ = read_corpus_file(path, encoding="utf-8")
    assert frame[["id", "text"]].values.tolist() == [["a", "One; two; three."]]


@pytest.mark.parametrize("name", ["c.jsonl", "c.csv"])
def test_a_byte_order_mark_at_the_start_is_not_part_of_the_first_row(tmp_path, name):
    row = '{"id": "a", "text": "Fine."}' if name == "c.jsonl" else "id,text\na,Fine."
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + f"{row}\n".encode())
    frame, errors = read_corpus_file(tmp_path / name, encoding="utf-8")
    assert errors == []
    assert frame[["id", "text"]].values.tolist() == [["a", "Fine."]]


def test_parquet_and_tsv_and_compressed_csv(tmp_path):
    frame = pd.DataFrame({"id": [1, 2], "text": [TEXT, TEXT]})
    frame.to_parquet(tmp_path / "c.parquet")
    frame.to_csv(tmp_path / "c.tsv", sep="\t", index=False)
    frame.to_csv(tmp_path / "c.csv.gz", index=False)
    frame.set_index("id").to_parquet(tmp_path / "indexed.parquet")  # pandas keeps the index
    for name in ("c.parquet", "c.tsv", "c.csv.gz", "indexed.parquet"):
        rows, _ = read_corpus_file(tmp_path / name, encoding="utf-8")
        assert [str(v) for v in rows["id"]] == ["1", "2"]


def test_typed_parquet_dates_are_used_as_they_are_and_a_gap_is_no_error(tmp_path):
    """A Parquet file's timestamp column, with a missing date, gives no bad row."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": [TEXT] * 3,
            "date": pd.to_datetime(["2025-02-07 09:30", None, "2025-03-01 00:00"]),
            "stamp": pd.to_datetime(
                ["2025-04-01T08:00+09:00", None, "2025-04-02T00:00Z"], utc=True
            ),
        }
    )
    frame.to_parquet(tmp_path / "typed.parquet")
    rows, _ = read_corpus_file(tmp_path / "typed.parquet", encoding="utf-8")
    # A configured format is for text dates; typed ones need none.
    checked = _check(rows, date_format="%d/%m/%Y")
    assert checked.errors == []
    assert checked.rows["id"].tolist() == ["a", "b", "c"]
    assert [str(d) for d in checked.rows["date"]] == [
        "2025-02-07 09:30:00",
        "NaT",
        "2025-03-01 00:00:00",
    ]


@pytest.mark.parametrize(
    ("time_zone", "expected"),
    [
        ("UTC", ["2025-03-31 23:00", "2025-04-02 00:00"]),
        ("as_written", ["2025-04-01 08:00", "2025-04-02 09:00"]),  # the column's own zone
        ("Europe/London", ["2025-04-01 00:00", "2025-04-02 01:00"]),
    ],
)
def test_zoned_timestamps_are_put_on_the_configured_clock(time_zone, expected):
    tokyo = pd.Series(
        pd.to_datetime(["2025-04-01T08:00+09:00", "2025-04-02T00:00Z", None], utc=True)
    )
    tokyo = tokyo.dt.tz_convert("Asia/Tokyo")
    parsed = parse_dates(tokyo, date_format="%d/%m/%Y", time_zone=time_zone)
    assert [d.strftime("%Y-%m-%d %H:%M") for d in parsed.iloc[:2]] == expected
    assert pd.isna(parsed.iloc[2])


def test_a_tsv_without_quoting_keeps_its_quotation_marks_and_every_row(tmp_path):
    """Read as CSV, the first text lost its opening quote, and the second's unclosed quote
    swallowed the two rows after it."""
    texts = ['"We will win," he said.', '"We will win, he said.', "Plain.", 'A "word".']
    lines = ["id\ttext", *(f"a{i}\t{text}" for i, text in enumerate(texts))]
    (tmp_path / "c.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame, _ = read_corpus_file(tmp_path / "c.tsv", encoding="utf-8")
    assert frame["text"].tolist() == texts


def test_a_tsv_quoted_as_csv_is_read_as_written(tmp_path):
    texts = ['"We will win," he said.', "A tab\there and a line\nbreak.", "Plain."]
    pd.DataFrame({"id": ["a", "b", "c"], "text": texts}).to_csv(
        tmp_path / "c.tsv", sep="\t", index=False
    )
    pd.DataFrame({"id": ["a"], "text": texts[:1]}).to_csv(
        tmp_path / "one.tsv", sep="\t", index=False
    )  # no tab or line break: only the doubled quotes show the quoting
    assert read_corpus_file(tmp_path / "c.tsv", encoding="utf-8")[0]["text"].tolist() == texts
    assert read_corpus_file(tmp_path / "one.tsv", encoding="utf-8")[0]["text"].tolist() == texts[:1]


def test_integer_ids_stay_exact_integers_with_gaps_and_float_spellings(tmp_path):
    """One row without an id made pandas read every id as a float: "1.0" is no valid id,
    so every row was skipped, and a 19-digit id lost its last digits."""
    big = 1234567890123456789
    records = [{"id": 1, "text": TEXT}, {"text": TEXT}, {"id": big, "text": TEXT},
               {"id": 5.0, "text": TEXT}]  # fmt: skip
    lines = "".join(json.dumps(record) + "\n" for record in records)
    (tmp_path / "c.jsonl").write_text(lines, encoding="utf-8")
    ids = pd.array([1, None, big], dtype="Int64")
    pd.DataFrame({"id": ids, "text": [TEXT] * 3}).to_parquet(tmp_path / "c.parquet")
    jsonl = _check(read_corpus_file(tmp_path / "c.jsonl", encoding="utf-8")[0])
    assert jsonl.rows["id"].tolist() == ["1", str(big), "5"]
    assert jsonl.errors == [f"{tmp_path / 'c.jsonl'} line 2: no id; row skipped"]
    parquet = _check(read_corpus_file(tmp_path / "c.parquet", encoding="utf-8")[0])
    assert parquet.rows["id"].tolist() == ["1", str(big)]
    assert parquet.errors == [f"{tmp_path / 'c.parquet'} row 2: no id; row skipped"]


MIDNIGHT = "2025-01-07 00:00:00"


@pytest.mark.parametrize(
    ("date_format", "values", "expected"),
    [
        ("unix", ["1736208000", 1736208000.5, None], [MIDNIGHT, f"{MIDNIGHT}.500000"]),
        ("unix_ms", [1736208000123, "1736208000000", None], [f"{MIDNIGHT}.123000", MIDNIGHT]),
    ],
)
def test_unix_times_are_read_as_instants_in_utc(date_format, values, expected):
    parsed = parse_dates(pd.Series(values, dtype=object), date_format=date_format, time_zone="UTC")
    assert [str(d) for d in parsed.iloc[:2]] == expected
    assert pd.isna(parsed.iloc[2])
    tokyo = parse_dates(pd.Series(values[:1]), date_format=date_format, time_zone="Asia/Tokyo")
    assert tokyo.iloc[0].hour == 9


RSS_DATES = [
    "Fri, 07 Feb 2025 14:30:00 GMT",
    "Fri, 07 Feb 2025 23:30:00 -0500",
    "7 Feb 2025 09:00:00 +0900",  # the weekday is optional
    "Fri, 07 Feb 2025 09:30:00 EST",  # an obsolete zone name
    "Fri, 07 Feb 2025 14:30:00 -0000",  # zone unknown: taken as written
    "yesterday",
    None,
]


@pytest.mark.parametrize(
    ("time_zone", "expected"),
    [
        ("UTC", ["2025-02-07 14:30:00", "2025-02-08 04:30:00", "2025-02-07 00:00:00",
                 "2025-02-07 14:30:00", "2025-02-07 14:30:00", "NaT", "NaT"]),
        ("as_written", ["2025-02-07 14:30:00", "2025-02-07 23:30:00", "2025-02-07 09:00:00",
                        "2025-02-07 09:30:00", "2025-02-07 14:30:00", "NaT", "NaT"]),
        ("Asia/Tokyo", ["2025-02-07 23:30:00", "2025-02-08 13:30:00", "2025-02-07 09:00:00",
                        "2025-02-07 23:30:00", "2025-02-07 14:30:00", "NaT", "NaT"]),
    ],
)  # fmt: skip
def test_rss_dates_are_read_on_the_configured_clock(time_zone, expected):
    dates = parse_dates(pd.Series(RSS_DATES), date_format="rfc2822", time_zone=time_zone)
    assert dates.dtype == "datetime64[ns]"
    assert [str(d) for d in dates] == expected


def test_an_rss_date_that_does_not_parse_is_a_bad_row():
    frame = pd.DataFrame(
        {ORIGIN: ["f.csv row 1", "f.csv row 2"], "id": ["a", "b"], "text": [TEXT] * 2,
         "date": ["Fri, 07 Feb 2025 14:30:00 GMT", "2025-02-07"]}
    )  # fmt: skip
    checked = _check(frame, date_format="rfc2822")
    assert checked.rows["id"].tolist() == ["a"]
    assert checked.errors == [
        "f.csv row 2: date '2025-02-07' is not a date in the format 'rfc2822' (dates.format);"
        " row skipped"
    ]


def test_a_value_that_is_no_unix_time_is_a_bad_row():
    frame = pd.DataFrame({ORIGIN: ["c.jsonl line 1", "c.jsonl line 2"], "id": ["a", "b"],
                          "text": [TEXT, TEXT], "date": [1736208000, "yesterday"]})  # fmt: skip
    checked = _check(frame, date_format="unix")
    assert checked.rows["id"].tolist() == ["a"]
    assert checked.errors == [
        "c.jsonl line 2: date 'yesterday' is not a date in the format 'unix' (dates.format);"
        " row skipped"
    ]


def test_file_level_errors_name_the_file(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,text\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(
        CorpusFileError, match=r"latin.csv: not UTF-8 \(byte 0xe9 on line 2, offset 13\)"
    ):
        read_corpus_file(latin, encoding="utf-8")
    with pytest.raises(CorpusFileError, match="unknown corpus file type"):
        file_format(tmp_path / "corpus.docx")
    with pytest.raises(CorpusFileError, match=r"corpus.csv.zst: zstd compression is not supp"):
        file_format(tmp_path / "corpus.csv.zst")
    with pytest.raises(CorpusFileError, match="no such corpus file"):
        expand_inputs([str(tmp_path / "missing-*.csv")])
    with pytest.raises(CorpusFileError, match=r"a folder, not a corpus file; name its files"):
        expand_inputs(str(tmp_path))


def test_a_csv_saved_by_excel_in_windows_1252_says_how_to_save_it(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("id,text\n1,It\u2019s a \u201cdeal\u201d.\n".encode("cp1252"))
    with pytest.raises(CorpusFileError) as raised:
        read_corpus_file(path, encoding="utf-8")
    assert str(raised.value) == (
        f"{path}: not UTF-8 (byte 0x92 on line 2, offset 12); it reads as Windows-1252, as"
        " Excel's 'CSV (Comma delimited)' and Notepad's 'ANSI' save text: set encoding:"
        " cp1252, save it as UTF-8 ('CSV UTF-8' in Excel) or convert it with iconv -f cp1252"
        " -t utf-8"
    )


@pytest.mark.parametrize("name", ["c.csv", "c.tsv", "c.jsonl", "c.json", "c.csv.gz"])
def test_corpus_files_in_the_configured_encoding_are_read_as_that(tmp_path, name):
    text = "It\u2019s a \u201cdeal\u201d \u2013 caf\u00e9."
    if name.startswith("c.csv"):
        content = f'id,text\n1,"{text}"\n'
    elif name == "c.tsv":
        content = f"id\ttext\n1\t{text}\n"
    else:
        record = json.dumps({"id": "1", "text": text}, ensure_ascii=False)
        content = f"[{record}]" if name == "c.json" else record + "\n"
    data = content.encode("cp1252")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    frame, errors = read_corpus_file(path, encoding="cp1252")
    assert errors == []
    assert frame["text"].tolist() == [text]


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz", "c.csv.gz"])
def test_a_file_that_is_not_utf8_is_named_with_its_first_bad_line(tmp_path, name):
    lines = ['{"id": "a", "text": "Fine."}', '{"id": "b", "text": "Caf\xe9."}']
    if name.startswith("c.csv"):
        lines = ["id,text", "a,Fine.", "b,Caf\xe9."]
    content = ("\n".join(lines) + "\n").encode("latin-1")
    path = tmp_path / name
    if name.endswith(".gz"):
        import gzip

        content = gzip.compress(content)
    path.write_bytes(content)
    line = 3 if name.startswith("c.csv") else 2
    with pytest.raises(CorpusFileError, match=rf"{name}: not UTF-8 \(byte 0xe9 on line {line},"):
        read_corpus_file(path, encoding="utf-8")


def test_each_bad_row_gets_one_line_and_the_others_go_ahead():
    frame = pd.DataFrame(
        dtype=object,
        data={
            ORIGIN: [f"c.csv row {i}" for i in range(1, 9)],
            "id": ["a", "", "x" * 1001, "a", "d", "e", "f", "g"],
            "text": [TEXT, TEXT, TEXT, TEXT, "   ", "PK\x00\x03binary", TEXT, "\ud800 lone"],
            "date": ["2025-02-07", None, None, None, None, None, "yesterday", None],
        },
    )
    checked = _check(frame)
    assert checked.rows["id"].tolist() == ["a"]
    assert checked.errors == [
        "c.csv row 2: no id; row skipped",
        "c.csv row 3: id of 1,001 characters (at most 1,000); does `columns.id` name the id"
        " column?; row skipped",
        "c.csv row 4: duplicate id 'a' (first at c.csv row 1); row skipped",
        "c.csv row 5: empty text (no characters besides white space); row skipped",
        "c.csv row 6: binary content, not text; row skipped",
        "c.csv row 7: date 'yesterday' is not a date in ISO 8601 (dates.format); row skipped",
        "c.csv row 8: invalid Unicode (an unpaired surrogate at character 0); row skipped",
    ]


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        (b"Tariffs rose.", "the text cell holds bytes, not text"),
        (1234, "the text cell is not text but int '1234'"),
        ([1, 2], "the text cell is not text but list '[1, 2]'"),
        (None, "empty text"),
        (float("nan"), "empty text"),
    ],
)
def test_a_text_cell_that_is_not_text_says_what_it_holds(cell, problem):
    assert text_problem(cell, max_bytes=1000).startswith(problem)


def test_duplicates_are_found_across_files():
    seen = {}
    first = pd.DataFrame({ORIGIN: ["a.csv row 1"], "id": ["x"], "text": [TEXT]})
    second = pd.DataFrame({ORIGIN: ["b.jsonl line 3"], "id": ["x"], "text": [TEXT]})
    assert _check(first, seen=seen).errors == []
    assert _check(second, seen=seen).errors == [
        "b.jsonl line 3: duplicate id 'x' (first at a.csv row 1); row skipped"
    ]


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("AP-17", "AP-17"),
        ("https://news.test/world/1?ref=rss", "https-news-test-world-1-ref-rss-"),
        ("world/2025/feb/07/summit", "world-2025-feb-07-summit-"),
        ("corpus", "corpus-"),  # the corpus tables' folder
        ("Corpus", "Corpus-"),
        ("\u00bb \u00ab", ""),  # nothing folder-safe: the digest alone
    ],
)
def test_an_id_that_is_no_safe_folder_name_gets_a_name_that_is(given, name):
    derived = article_name(given)
    assert derived.startswith(name)
    assert is_own_name(derived)
    if derived != given:
        assert len(derived) == len(name) + 10
        assert derived[-10:] == hashlib.sha256(given.encode("utf-8")).hexdigest()[:10]


def test_ids_that_differ_only_in_unsafe_characters_keep_names_of_their_own():
    frame = pd.DataFrame({
        ORIGIN: ["c.csv row 1", "c.csv row 2", "c.csv row 3", "c.csv row 4"],
        "id": ["https://x.test/a b", "https://x.test/a-b", "https://x.test/a b", "x" * 300],
        "text": [TEXT] * 4,
    })  # fmt: skip
    checked = _check(frame)
    names = checked.rows["id"].tolist()
    assert len(set(names)) == 3 and all(is_valid_article_id(name) for name in names)
    assert max(len(name) for name in names) == 111  # 100 characters and the digest
    assert checked.rows[ORIGINAL_ID].tolist() == ["https://x.test/a b", "https://x.test/a-b",
                                                  "x" * 300]  # fmt: skip
    assert checked.errors == [
        "c.csv row 3: duplicate id 'https://x.test/a b' (first at c.csv row 1); row skipped"
    ]


def test_ids_that_differ_only_in_case_count_as_taken_across_files():
    seen = {}
    first = pd.DataFrame(
        {ORIGIN: ["a.csv row 1", "a.csv row 2"], "id": ["AP-17", "ap-18"], "text": [TEXT] * 2}
    )
    second = pd.DataFrame({ORIGIN: ["b.csv row 1"], "id": ["ap-17"], "text": [TEXT]})
    assert _check(first, seen=seen).errors == []
    checked = _check(second, seen=seen)
    assert checked.rows.empty
    assert checked.errors == [
        "b.csv row 1: id 'ap-17' differs only in case from id 'AP-17' (at a.csv row 1), and"
        " their results folders would be one on a case-insensitive file system; row skipped"
    ]


def test_dates_iso_with_zones_and_a_configured_format():
    values = pd.Series(["2025-02-07", "2025-02-07T23:30:00-05:00", None])
    iso = parse_dates(values, date_format=None, time_zone="UTC")
    assert [str(d) for d in iso] == ["2025-02-07 00:00:00", "2025-02-08 04:30:00", "NaT"]
    european = parse_dates(pd.Series(["07/02/2025"]), date_format="%d/%m/%Y", time_zone="UTC")
    assert str(european.iloc[0]) == "2025-02-07 00:00:00"


def test_iso_dates_without_a_day_are_kept_with_one_warning_naming_the_first():
    frame = pd.DataFrame({ORIGIN: [f"c.jsonl line {i}" for i in range(1, 6)],
                          "id": list("abcde"), "text": [TEXT] * 5,
                          "date": ["2025-02-07", "2025-02", 2024, "", "2025-03"]})  # fmt: skip
    checked = _check(frame)
    assert [str(d) for d in checked.rows["date"]] == [
        "2025-02-07 00:00:00", "2025-02-01 00:00:00", "2024-01-01 00:00:00", "NaT",
        "2025-03-01 00:00:00",
    ]  # fmt: skip
    assert checked.warnings == [
        "c.jsonl line 2: 3 dates in this file give no day (such as '2025-02' or '2025') and"
        " are read as the first day of their month or year; set compare.period to month or"
        " year, or days and weeks will show them on that first day"
    ]
    assert _check(frame.iloc[[1]]).warnings[0].startswith("c.jsonl line 2: a date gives no day")
    assert _check(frame.iloc[[0, 3]]).warnings == []
    by_format = _check(frame.iloc[[1]].assign(date=["02/2025"]), date_format="%m/%Y")
    assert by_format.warnings == []  # a format without a day is the user's own choice


# A Tokyo morning paper, a New York evening story, a date with no time, a UTC time on the
# night British Summer Time began, a missing date.
ZONED = pd.Series(
    ["2025-04-01T08:00:00+09:00", "2025-07-01T21:00:00-04:00", "2025-04-02",
     "2025-03-30T01:30:00Z", None]
)  # fmt: skip


@pytest.mark.parametrize(
    ("time_zone", "expected"),
    [
        ("UTC", ["2025-03-31 23:00", "2025-07-02 01:00", "2025-04-02 00:00", "2025-03-30 01:30"]),
        ("as_written", ["2025-04-01 08:00", "2025-07-01 21:00", "2025-04-02 00:00",
                        "2025-03-30 01:30"]),
        ("Asia/Tokyo", ["2025-04-01 08:00", "2025-07-02 10:00", "2025-04-02 00:00",
                        "2025-03-30 10:30"]),
        ("Europe/London", ["2025-04-01 00:00", "2025-07-02 02:00", "2025-04-02 00:00",
                           "2025-03-30 02:30"]),
    ],
)  # fmt: skip
def test_dates_with_an_offset_are_read_on_the_configured_clock(time_zone, expected):
    parsed = parse_dates(ZONED, date_format=None, time_zone=time_zone)
    assert [d.strftime("%Y-%m-%d %H:%M") for d in parsed.iloc[:4]] == expected
    assert pd.isna(parsed.iloc[4])


def test_a_strptime_format_with_an_offset_keeps_the_clock_as_written():
    values = pd.Series(["01/04/2025 08:00 +0900", "02/04/2025 09:15 +0000"])
    parsed = parse_dates(values, date_format="%d/%m/%Y %H:%M %z", time_zone="as_written")
    assert [str(d) for d in parsed] == ["2025-04-01 08:00:00", "2025-04-02 09:15:00"]


def test_an_unknown_time_zone_is_a_one_line_config_error():
    with pytest.raises(ConfigError, match=r"dates\.time_zone: 'Mars/Olympus' is not UTC"):
        parse_dates(ZONED, date_format=None, time_zone="Mars/Olympus")


def test_text_limits_and_symbols():
    assert text_problem("x" * 11, max_bytes=10).startswith("text of 11 bytes is over")
    assert text_problem("?! ...", max_bytes=100) == "no words (only punctuation or symbols)"
    assert text_problem(TEXT, max_bytes=100) is None


def test_columns_are_mapped_and_a_clashing_column_is_kept_aside():
    frame = pd.DataFrame({"doc": ["a"], "body": [TEXT], "id": ["other"]})
    mapped = standard_columns(frame, {"id": "doc", "text": "body"})
    assert list(mapped.columns) == ["id", "text", "id_original"]
    assert mapped["id"].tolist() == ["a"]


@pytest.mark.parametrize("name", ["news.csv", "news.jsonl", "news.tsv"])
def test_a_zip_holding_one_corpus_file_is_read_as_that_file(tmp_path, name):
    if name == "news.jsonl":
        content = json.dumps({"id": "a", "text": TEXT}) + "\n"
    else:
        sep = "\t" if name.endswith(".tsv") else ","
        content = f"id{sep}text\na{sep}{TEXT}\n"
    path = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"download/{name}", content)
        archive.writestr(f"__MACOSX/download/._{name}", b"\x00\x05\x16\x07")  # macOS adds it
    frame, errors = read_corpus_file(path, encoding="utf-8")
    assert errors == []
    assert frame["id"].tolist() == ["a"] and frame["text"].tolist() == [TEXT]


def test_a_zip_holding_several_files_or_none_is_refused_in_one_line(tmp_path):
    path = tmp_path / "kaggle.csv.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", "id,text\na,One.\n")
        archive.writestr("b.csv", "id,text\nb,Two.\n")
    with pytest.raises(CorpusFileError, match=r"kaggle.csv.zip: a .zip must hold one corpus"
                       r" file, and this one holds 2 \(a.csv, b.csv\); unzip it"):  # fmt: skip
        read_corpus_file(path, encoding="utf-8")
    broken = tmp_path / "broken.csv.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CorpusFileError, match=r"broken.csv.zip: not a readable .zip archive"):
        read_corpus_file(broken, encoding="utf-8")
