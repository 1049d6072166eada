import pytest

from analysis.reading import (
    ArticleError,
    check_encoding,
    decode_article,
    is_valid_article_id,
    read_article,
    text_codec,
)


def test_bom_is_dropped_and_newlines_become_lf():
    text = decode_article(
        "\ufeffTitle\r\nBody one.\rBody two.\n".encode(), source="a.txt", encoding="utf-8"
    )
    assert text == "Title\nBody one.\nBody two.\n"


def test_empty_and_whitespace_only_are_refused_with_the_file_name():
    for data in (b"", b"  \n\t \r\n"):
        with pytest.raises(ArticleError, match=r"^a\.txt: empty article"):
            decode_article(data, source="a.txt", encoding="utf-8")


def test_binary_content_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    with pytest.raises(ArticleError, match=r"^img\.txt: binary content"):
        decode_article(png, source="img.txt", encoding="utf-8")


def test_latin1_bytes_are_refused_with_offset():
    with pytest.raises(ArticleError, match=r"not UTF-8 \(byte 0xe9 on line 1, offset 3\)"):
        decode_article("Caf\u00e9 au lait.".encode("latin-1"), source="x.txt", encoding="utf-8")


def test_windows_1252_text_is_named_with_what_to_do():
    saved_by_excel = "The minister\u2019s \u201cplan\u201d \u2013 in full.".encode("cp1252")
    with pytest.raises(ArticleError) as raised:
        decode_article(saved_by_excel, source="x.txt", encoding="utf-8")
    assert str(raised.value) == (
        "x.txt: not UTF-8 (byte 0x92 on line 1, offset 12); it reads as Windows-1252, as"
        " Excel's 'CSV (Comma delimited)' and Notepad's 'ANSI' save text: set encoding:"
        " cp1252, save it as UTF-8 ('CSV UTF-8' in Excel) or convert it with iconv -f cp1252"
        " -t utf-8"
    )
    # Bytes that Windows-1252 leaves undefined get the plain advice.
    with pytest.raises(ArticleError, match=r"\(byte 0x81 on line 1, offset 2\); re-save the"):
        decode_article(b"ab\x81cd", source="x.txt", encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "windows-1252", "CP1252"])
def test_an_article_in_the_configured_encoding_is_read_as_that(encoding):
    saved_by_excel = "The minister\u2019s \u201cplan\u201d.\r\n".encode("cp1252")
    text = decode_article(saved_by_excel, source="x.txt", encoding=encoding)
    assert text == "The minister\u2019s \u201cplan\u201d.\n"


def test_bytes_the_configured_encoding_leaves_undefined_are_refused_naming_it():
    with pytest.raises(ArticleError) as raised:
        decode_article(b"line one\nab\x81cd", source="x.txt", encoding="cp1252")
    assert str(raised.value) == (
        "x.txt: not cp1252 (byte 0x81 on line 2, offset 11); is the encoding setting right?"
        " (utf-8 reads most files)"
    )


@pytest.mark.parametrize(
    ("encoding", "problem"),
    [("klingon", "is no text encoding Python knows"), ("base64", "is no text encoding")],
)
def test_an_unknown_encoding_is_refused_in_one_line(encoding, problem):
    with pytest.raises(ValueError, match=rf"encoding '{encoding}' {problem}"):
        check_encoding(encoding)


def test_utf8_may_start_with_a_byte_order_mark_in_any_spelling():
    data = "\ufeffCaf\u00e9.".encode()
    assert decode_article(data, source="x.txt", encoding="UTF8") == "Caf\u00e9."
    assert text_codec("utf_8") == "utf-8-sig" and text_codec("latin-1") == "iso8859-1"


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(ArticleError, match="500 bytes is over the limit of 100 bytes"):
        read_article(path, max_bytes=100, encoding="utf-8")
    assert read_article(path, max_bytes=500, encoding="utf-8").startswith("word word")


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
