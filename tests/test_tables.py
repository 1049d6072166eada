import os
import stat

import pandas as pd

from analysis.tables import atomic_write_bytes, read_tsv, to_tsv_text, write_tsv


def test_tsv_text_fixes_float_format_and_newlines():
    frame = pd.DataFrame({"term": ["gas", "LNG"], "score": [0.1 + 0.2, 1 / 3]})
    assert to_tsv_text(frame) == "term\tscore\ngas\t0.300000\nLNG\t0.333333\n"


def test_round_trip_keeps_text_that_looks_like_missing_values(tmp_path):
    frame = pd.DataFrame({"keyword": ["NA", "null", "gas"], "rank": [1, 2, 3]})
    path = tmp_path / "keywords.tsv"
    write_tsv(frame, path)
    assert read_tsv(path)["keyword"].tolist() == ["NA", "null", "gas"]


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
