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
