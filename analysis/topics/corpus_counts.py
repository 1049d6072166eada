"""Step 1 of the corpus topic model and the reading of its shards.

:func:`term_counts` reduces each article to a compact long table of content-term counts per
section; the rest reads such tables one shard at a time: document frequencies, the vocabulary,
a deterministic sample of articles and count matrices over the vocabulary.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.topics.terms import extract_terms

COUNT_COLUMNS = ["section_id", "term", "count"]

Shards = Iterable[pd.DataFrame] | Callable[[], Iterable[pd.DataFrame]]


# ----------------------------------------------------------------------------- step 1


def term_counts(
    tokens: pd.DataFrame, sentences: pd.DataFrame, *, noun_bigrams: bool = True
) -> pd.DataFrame:
    """Content-term counts of each section of one article (or of a shard's articles).

    Bigrams are kept from their first occurrence (the corpus ``min_df`` prunes rare ones).

    Args:
        tokens: Token table (sentence_id, token_id, lemma, pos, is_stopword), optionally with
            an ``article`` column holding several articles.
        sentences: Sentence table (sentence_id, section_id), with ``article`` if tokens has it.
        noun_bigrams: Whether to add noun bigrams.

    Returns:
        Columns [article,] section_id, term, count, sorted; no rows without content terms.
    """
    group = "article" if "article" in tokens.columns else None
    keys = [group] if group else []
    columns = [*keys, *COUNT_COLUMNS]
    if tokens.empty or sentences.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})
    frame = tokens.sort_values([*keys, "token_id"], kind="stable").reset_index(drop=True)
    found = extract_terms(frame, noun_bigrams=noun_bigrams, min_bigram_count=1, group_column=group)
    sentence_keys = [*keys, "sentence_id"]
    section_of = dict(
        zip(
            map(tuple, sentences[sentence_keys].to_numpy().tolist()),
            sentences["section_id"].tolist(),
            strict=True,
        )
    )
    owner = frame[sentence_keys].to_numpy().tolist()
    tally: Counter = Counter()
    for row, term in zip(found.row, found.term, strict=True):
        section = section_of.get(tuple(owner[row]))
        if section is not None:
            tally[(*owner[row][:-1], int(section), term)] += 1
    out = pd.DataFrame([(*key, n) for key, n in tally.items()], columns=columns)
    out = out.astype({c: _dtype(c) for c in columns})
    return out.sort_values(columns[:-1], kind="stable").reset_index(drop=True)


def _dtype(column: str) -> str:
    return {"article": "object", "term": "object"}.get(column, "int64")


def shard_reader(documents: Shards) -> Callable[[], Iterator[pd.DataFrame]]:
    """A callable giving a fresh iterator of count tables (a plain iterable is kept in memory)."""
    if callable(documents):
        return lambda: iter(documents())
    kept = [documents] if isinstance(documents, pd.DataFrame) else list(documents)
    return lambda: iter(kept)


@dataclass(frozen=True)
class CorpusScan:
    """First pass over the counts: articles, sections and document frequencies.

    Attributes:
        articles: Article ids with at least one content term, sorted.
        article_df: Number of articles each term occurs in.
        section_df: Number of sections each term occurs in.
        n_sections: Number of sections with at least one content term.
    """

    articles: list[str]
    article_df: pd.Series
    section_df: pd.Series
    n_sections: int


def scan(shards: Callable[[], Iterator[pd.DataFrame]]) -> CorpusScan:
    """Count articles, sections and document frequencies, one shard at a time."""
    articles: set[str] = set()
    article_df = pd.Series(dtype="int64")
    section_df = pd.Series(dtype="int64")
    n_sections = 0
    for frame in shards():
        if frame.empty:
            continue
        frame = frame.astype({"article": str})
        articles.update(frame["article"].unique().tolist())
        n_sections += len(frame.drop_duplicates(["article", "section_id"]))
        per_article = frame.drop_duplicates(["article", "term"])["term"].value_counts()
        article_df = article_df.add(per_article, fill_value=0)
        section_df = section_df.add(frame["term"].value_counts(), fill_value=0)
    return CorpusScan(
        articles=sorted(articles),
        article_df=article_df.astype("int64").sort_index(),
        section_df=section_df.astype("int64").sort_index(),
        n_sections=n_sections,
    )


def choose_vocabulary(
    df: pd.Series, n_docs: int, *, min_df: int, max_df: float, max_terms: int
) -> np.ndarray:
    """Terms in at least ``min_df`` and at most ``max_df`` (share) of the documents.

    Of more than ``max_terms`` such terms the most frequent are kept (ties by term).

    Returns:
        The sorted vocabulary.
    """
    kept = df[(df >= min_df) & (df <= max(1.0, max_df * n_docs))]
    if len(kept) > max_terms:
        frame = kept.rename("df").rename_axis("term").reset_index()
        frame = frame.sort_values(["df", "term"], ascending=[False, True], kind="stable")
        kept = kept.loc[frame["term"].iloc[:max_terms]]
    return np.array(sorted(kept.index.tolist()), dtype=object)


def smoothed_idf(df: pd.Series, vocabulary: np.ndarray, n_docs: int) -> np.ndarray:
    """``ln((1 + n) / (1 + df)) + 1`` of each vocabulary term (scikit-learn's smooth idf)."""
    counts = df.reindex(vocabulary).to_numpy(dtype=float)
    return np.log((1.0 + n_docs) / (1.0 + counts)) + 1.0


def sample_articles(articles: Sequence[str], size: int, *, random_state: int) -> list[str]:
    """The ``size`` articles with the smallest BLAKE2 hash of ``random_state`` and their id.

    Returns:
        The sample in hash order (so its first n articles are the sample of size n).
    """

    def key(article: str) -> bytes:
        return hashlib.blake2b(f"{random_state}:{article}".encode(), digest_size=8).digest()

    return sorted(articles, key=lambda a: (key(a), a))[:size]


def document_matrix(
    frame: pd.DataFrame, vocabulary: np.ndarray, *, unit: str
) -> tuple[pd.DataFrame, sparse.csr_matrix]:
    """Count matrix of a shard's documents (articles, or sections) over the vocabulary.

    Returns:
        (keys, counts): one row per document with at least one vocabulary term, sorted by
        article (and section_id), and the matching CSR counts.
    """
    keys = ["article"] if unit == "article" else ["article", "section_id"]
    column = pd.Index(vocabulary).get_indexer(frame["term"])
    inside = frame.loc[column >= 0, keys].assign(_col=column[column >= 0])
    inside["count"] = frame["count"].to_numpy()[column >= 0]
    grouped = inside.groupby([*keys, "_col"], sort=True)["count"].sum().reset_index()
    documents = grouped[keys].drop_duplicates().reset_index(drop=True)
    row = grouped.groupby(keys, sort=True).ngroup().to_numpy()
    counts = sparse.csr_matrix(
        (grouped["count"].to_numpy(dtype=np.float64), (row, grouped["_col"].to_numpy())),
        shape=(len(documents), len(vocabulary)),
    )
    return documents, counts


def stacked_matrix(
    shards: Callable[[], Iterator[pd.DataFrame]],
    vocabulary: np.ndarray,
    *,
    unit: str,
    articles: set[str] | None = None,
) -> tuple[pd.DataFrame, sparse.csr_matrix]:
    """Stack the document matrices of all shards (or of the given articles only)."""
    keys, blocks = [], []
    for frame in shards():
        frame = frame.astype({"article": str})
        if articles is not None:
            frame = frame[frame["article"].isin(articles)]
        if frame.empty:
            continue
        documents, counts = document_matrix(frame, vocabulary, unit=unit)
        keys.append(documents)
        blocks.append(counts)
    if not blocks:
        return pd.DataFrame(columns=["article"]), sparse.csr_matrix((0, len(vocabulary)))
    documents = pd.concat(keys, ignore_index=True)
    order = np.lexsort([documents[c].to_numpy() for c in reversed(documents.columns)])
    return documents.iloc[order].reset_index(drop=True), sparse.vstack(blocks).tocsr()[order]
