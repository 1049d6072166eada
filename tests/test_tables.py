import os
import stat

import pandas as pd

from analysis.tables import atomic_write_bytes, read_tsv, to_tsv_text, write_tsv


def test_tsv_text_fixes_float_format_and_newlines():
    frame = pd.DataFrame({"term": ["gas", "LNG"], "score": [0.1 + 0.2, 1 / 3]})
    assert to_tsv_text(frame) == "term\tscore\ngas\t0.300000\nLNG\t0.333333\n"


def test_p_values_keep_six_significant_digits_however_small(tmp_path):
    frame = pd.DataFrame(
        {"term": ["gas", "LNG", "oil"], "g2": [270.5, 3.0, 0.0],
         "p_value": [3.2e-58, 0.0832, float("nan")], "p_adjusted": [6.4e-58, 1.0, float("nan")]}
    )  # fmt: skip
    assert to_tsv_text(frame).splitlines() == [
        "term\tg2\tp_value\tp_adjusted",
        "gas\t270.500000\t3.2e-58\t6.4e-58",
        "LNG\t3.000000\t0.0832\t1",
        "oil\t0.000000\t\t",
    ]
    path = tmp_path / "keyness.tsv"
    write_tsv(frame, path)
    assert read_tsv(path)["p_value"].iloc[0] == 3.2e-58


def test_round_trip_keeps_text_that_looks_like_missing_values(tmp_path):
    frame = pd.DataFrame({"keyword": ["NA", "null", "gas"], "rank": [1, 2, 3]})
    path = tmp_path / "keywords.tsv"
    write_tsv(frame, path)
    assert read_tsv(path)["keyword"].tolist() == ["NA", "null", "gas"]


def test_read_tsv_keeps_names_that_read_as_numbers_as_text(tmp_path):
    """Article ids, keywords and headings such as "0001", "007" or "1984" are names."""
    path = tmp_path / "t.tsv"
    frame = pd.DataFrame(
        {"article": ["0001", "1"], "keyword": ["007", "1.50"], "title": ["1984", None],
         "topic": [1, 2], "weight": [0.5, 0.25]}
    )  # fmt: skip
    write_tsv(frame, path)
    back = read_tsv(path)
    assert back["article"].tolist() == ["0001", "1"]
    assert back["keyword"].tolist() == ["007", "1.50"]
    assert back["title"].iloc[0] == "1984" and pd.isna(back["title"].iloc[1])
    assert back["topic"].tolist() == [1, 2] and back["weight"].tolist() == [0.5, 0.25]
    assert read_tsv(path, columns=["article"])["article"].tolist() == ["0001", "1"]


def test_atomic_write_leaves_no_temporary_file_and_replaces_content(tmp_path):
    path = tmp_path / "sub" / "table.tsv"
    atomic_write_bytes(path, b"old\n")
    atomic_write_bytes(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in path.parent.iterdir()] == ["table.tsv"]


def test_written_files_follow_the_umask_not_mkstemps_private_mode(tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    path = tmp_path / "table.tsv"
    atomic_write_bytes(path, b"x\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask  # 0644 with the usual 022


def test_parquet_round_trip_gives_the_tsv_reading_and_the_same_bytes(tmp_path):
    from analysis.tables import parquet_bytes, read_parquet, write_parquet

    frame = pd.DataFrame(
        {
            "article": ["a", "a", "b"],
            "section_id": pd.Series([None, 0, 1], dtype=object),  # empty on article rows
            "title": ["", "Trade", "NA"],
            "mean": [0.25, float("nan"), -1 / 3],
        }
    )
    path = tmp_path / "table" / "shard-000-of-001.parquet"
    write_parquet(frame, path)
    assert parquet_bytes(frame) == path.read_bytes()
    as_tsv = read_parquet(path)
    assert as_tsv["title"].isna().tolist() == [True, False, False]  # "" reads as missing
    assert as_tsv["title"].iloc[2] == "NA"
    exact = read_parquet(path, as_in_tsv=False)
    assert str(exact["section_id"].dtype) == "Int64"
    assert exact["section_id"].iloc[1] == 0
    # The TSV written from Parquet equals the TSV written from the original frame.
    assert to_tsv_text(exact) == to_tsv_text(frame)
    assert read_parquet(path.parent, article="b")["mean"].round(6).tolist() == [-0.333333]


def test_parquet_schema_fixes_the_type_of_an_empty_table(tmp_path):
    import pyarrow.parquet as pq

    from analysis.tables import write_parquet

    empty = pd.DataFrame({"article": pd.Series([], dtype=object), "mean": []})
    write_parquet(empty, tmp_path / "a.parquet", schema={"article": "string", "mean": "float64"})
    schema = pq.read_schema(tmp_path / "a.parquet")
    assert str(schema.field("article").type) == "string"
    assert str(schema.field("mean").type) == "double"
