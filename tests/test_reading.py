import pytest

from analysis.reading import ArticleError, decode_article, is_valid_article_id, read_article


def test_bom_is_dropped_and_newlines_become_lf():
    text = decode_article("\ufeffTitle\r\nBody one.\rBody two.\n".encode(), source="a.txt")
    assert text == "Title\nBody one.\nBody two.\n"


def test_empty_and_whitespace_only_are_refused_with_the_file_name():
    for data in (b"", b"  \n\t \r\n"):
        with pytest.raises(ArticleError, match=r"^a\.txt: empty article"):
            decode_article(data, source="a.txt")


def test_binary_content_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    with pytest.raises(ArticleError, match=r"^img\.txt: binary content"):
        decode_article(png, source="img.txt")


def test_latin1_bytes_are_refused_with_offset():
    with pytest.raises(ArticleError, match=r"not UTF-8 \(byte 0xe9 at offset 3\)"):
        decode_article("Caf\u00e9 au lait.".encode("latin-1"), source="x.txt")


def test_windows_1252_text_is_named_with_what_to_do():
    saved_by_excel = "The minister\u2019s \u201cplan\u201d \u2013 in full.".encode("cp1252")
    with pytest.raises(ArticleError) as raised:
        decode_article(saved_by_excel, source="x.txt")
    assert str(raised.value) == (
        "x.txt: not UTF-8 (byte 0x92 at offset 12); it reads as Windows-1252, as Excel's"
        " 'CSV (Comma delimited)' and Notepad's 'ANSI' save text: save it as UTF-8"
        " ('CSV UTF-8' in Excel) or convert it with iconv -f cp1252 -t utf-8"
    )
    # Bytes that Windows-1252 leaves undefined get the plain advice.
    with pytest.raises(ArticleError, match=r"\(byte 0x81 at offset 2\); re-save the file as UTF"):
        decode_article(b"ab\x81cd", source="x.txt")


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(ArticleError, match="500 bytes is over the limit of 100 bytes"):
        read_article(path, max_bytes=100)
    assert read_article(path, max_bytes=500).startswith("word word")


@pytest.mark.parametrize(
    ("article_id", "valid"),
    [
        ("ishiba_trump", True),
        ("2025-02-07-nikkei", True),
        ("has space", False),
        ("naïve", False),
        ("../escape", False),
        (".hidden", False),
        ("a.b", False),
        ("", False),
    ],
)
def test_article_ids(article_id, valid):
    assert is_valid_article_id(article_id) is valid
