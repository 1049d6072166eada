"""Shard membership: stable, independent of the other articles, splitting in two."""

from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.shards import shard_count, shard_name, shard_of

IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=40)


def test_shard_count_is_a_power_of_two_near_the_size():
    assert shard_count(1, shard_size=800) == 1
    assert shard_count(2, shard_size=800) == 2  # both cores work on small corpora
    assert shard_count(500, shard_size=800) == 2
    assert shard_count(10_000, shard_size=800) == 16
    assert shard_count(100_000, shard_size=800) == 128


def test_shard_names_sort_in_order():
    names = [shard_name(i, 128) for i in range(128)]
    assert names == sorted(names)
    assert names[7] == "shard-007-of-128"


@given(IDS, st.integers(min_value=0, max_value=10))
def test_doubling_the_shards_splits_each_shard_in_two(article_id, power):
    n = 1 << power
    before, after = shard_of(article_id, n), shard_of(article_id, 2 * n)
    assert after in (before, before + n)


def test_membership_depends_on_the_id_alone_and_is_balanced():
    ids = [f"article_{i:05d}" for i in range(8000)]
    counts = [0] * 16
    for article_id in ids:
        counts[shard_of(article_id, 16)] += 1
    assert shard_of("article_00001", 16) == shard_of("article_00001", 16)
    assert min(counts) > 400 and max(counts) < 600  # 500 expected per shard


def test_shard_files_of_another_layout_are_found(tmp_path):
    from analysis.corpus.shards import stale_shard_files

    for name in ("shard-000-of-002", "shard-001-of-002", "shard-003-of-004"):
        (tmp_path / "sentences").mkdir(exist_ok=True)
        (tmp_path / "sentences" / f"{name}.parquet").write_bytes(b"")
    (tmp_path / "document_topics.tsv").write_text("")
    stale = stale_shard_files(tmp_path, 4)
    assert [p.name for p in stale] == ["shard-000-of-002.parquet", "shard-001-of-002.parquet"]
    assert stale_shard_files(tmp_path / "missing", 4) == []


def test_folders_of_articles_not_in_the_corpus_are_found(tmp_path):
    from analysis.corpus.shards import ArticleFolders

    def write(path, text="x"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)

    write("kept/tables/sentences.tsv")  # an article of the corpus
    write("gone/tables/sentences.tsv")
    write("gone/figures/keyness.png")
    write("gone/tables/.keywords.tsv.k3x9a1b2.tmp")  # an interrupted write's leftover
    write("notes/tables/sentences.tsv")
    write("notes/tables/my_notes.csv")  # the researcher's own file
    write("corpus/tables/document_topics.tsv")
    write("analysis/stages/prepare.py")  # anything else is never touched
    write("manifest.tsv")
    folders = ArticleFolders(str(tmp_path), ["sentences", "keywords"], ["keyness"])
    removable, foreign = folders.stale(["kept"])
    assert removable == [tmp_path / "gone"]
    assert foreign == [tmp_path / "notes"]
    assert ArticleFolders(str(tmp_path / "missing"), [], []).stale([]) == ([], [])


def test_the_per_article_files_of_the_corpus_that_exist_are_found(tmp_path):
    from analysis.corpus.shards import ArticleFolders

    for path in (
        "a/tables/sentences.tsv",
        "a/tables/notes.txt",  # not newsdag's: never a target
        "b/figures/keyness.png",
        "gone/tables/sentences.tsv",  # no article of the corpus
        "corpus/tables/document_topics.tsv",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    found = ArticleFolders(str(tmp_path), ["sentences"], ["keyness"]).existing_files(
        ["a", "b", "c"]
    )
    assert found == [f"{tmp_path}/a/tables/sentences.tsv", f"{tmp_path}/b/figures/keyness.png"]
    figures = ArticleFolders(str(tmp_path), ["sentences"], ["keyness"]).existing_files(
        ["a", "b"], parts=["figures"]
    )
    assert figures == [f"{tmp_path}/b/figures/keyness.png"]
    assert ArticleFolders(str(tmp_path / "no"), [], []).existing_files(["a"]) == []
