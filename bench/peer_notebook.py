"""The notebook-style peer of newsdag: the one-process script a researcher would write.

Usage::

    python bench/peer_notebook.py INPUT OUT_DIR [--k 10] [--top-k 10]

``INPUT`` is a folder of ``*.txt``/``*.md`` articles (the file stem is the id) or one corpus
file (``.csv``, ``.tsv``, ``.jsonl``, ``.parquet``) with an ``id`` and a ``text`` column. With
the same libraries as newsdag, in one process on one core, it

1. cuts every article into sentences with pySBD;
2. scores every sentence with VADER and with TextBlob;
3. extracts keywords per article with the ``yake`` package, and the top TF-IDF terms of every
   article from one scikit-learn ``TfidfVectorizer`` fitted on the corpus (1-2-grams, English
   stop words removed);
4. fits scikit-learn NMF with ``--k`` topics on that TF-IDF matrix (documents are articles;
   with fewer articles than ``--k``, one topic per article);
5. writes four TSV tables to ``OUT_DIR``: ``sentences.tsv`` (article, sentence, text, VADER
   scores, TextBlob polarity and subjectivity), ``keywords.tsv`` (article, method, rank, term,
   score), ``topic_terms.tsv`` (topic, rank, term, weight) and ``article_topics.tsv`` (article,
   topic, weight).

It is written plainly, as in a notebook: no caching, no parallelism, no tuning for speed.
"""

from __future__ import annotations

import os

# One core, as a notebook kernel on a shared machine: no BLAS or OpenMP threads.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pysbd  # noqa: E402
import yake  # noqa: E402
from sklearn.decomposition import NMF  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from textblob import TextBlob  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

ARTICLE_SUFFIXES = (".txt", ".md")


def read_articles(source: Path) -> pd.DataFrame:
    """Articles as a frame with ``id`` and ``text``, from a folder or one corpus file.

    Raises:
        ValueError: for a file that is not CSV, TSV, JSON Lines or Parquet.
    """
    if source.is_dir():
        paths = sorted(p for p in source.iterdir() if p.suffix in ARTICLE_SUFFIXES)
        rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths]
        return pd.DataFrame(rows, columns=["id", "text"])
    suffix = source.suffix.lower()
    if suffix == ".parquet":
        frame = pd.read_parquet(source, columns=["id", "text"])
    elif suffix in (".csv", ".tsv"):
        frame = pd.read_csv(source, sep="\t" if suffix == ".tsv" else ",", dtype=str)
    elif suffix == ".jsonl":
        frame = pd.read_json(source, lines=True, dtype=False)
    else:
        raise ValueError(f"{source}: not a folder, .csv, .tsv, .jsonl or .parquet file")
    return frame[["id", "text"]].astype(str)


def sentence_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per pySBD sentence with its VADER and TextBlob scores."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    vader = SentimentIntensityAnalyzer()
    rows = []
    for article, text in zip(articles["id"], articles["text"], strict=True):
        sentences = [s.strip() for s in segmenter.segment(text) if s.strip()]
        for number, sentence in enumerate(sentences, start=1):
            scores = vader.polarity_scores(sentence)
            blob = TextBlob(sentence).sentiment
            rows.append(
                {
                    "article": article,
                    "sentence": number,
                    "text": sentence,
                    "vader_compound": scores["compound"],
                    "vader_pos": scores["pos"],
                    "vader_neu": scores["neu"],
                    "vader_neg": scores["neg"],
                    "textblob_polarity": blob.polarity,
                    "textblob_subjectivity": blob.subjectivity,
                }
            )
    return pd.DataFrame(rows)


def yake_keywords(articles: pd.DataFrame, *, top_k: int) -> pd.DataFrame:
    """The ``top_k`` YAKE keywords (1-3 words) of every article; lower scores are better."""
    extractor = yake.KeywordExtractor(lan="en", n=3, top=top_k)
    rows = []
    for article, text in zip(articles["id"], articles["text"], strict=True):
        for rank, (term, score) in enumerate(extractor.extract_keywords(text), start=1):
            rows.append(
                {"article": article, "method": "yake", "rank": rank, "term": term, "score": score}
            )
    return pd.DataFrame(rows)


def tfidf_keywords(articles: pd.DataFrame, matrix, terms: np.ndarray, *, top_k: int):
    """The ``top_k`` terms of every article by TF-IDF weight (ties: alphabetical)."""
    rows = []
    for index, article in enumerate(articles["id"]):
        row = matrix.getrow(index).tocoo()
        ranked = sorted(zip(row.data, terms[row.col], strict=True), key=lambda x: (-x[0], x[1]))
        for rank, (score, term) in enumerate(ranked[:top_k], start=1):
            rows.append(
                {"article": article, "method": "tfidf", "rank": rank, "term": term, "score": score}
            )
    return pd.DataFrame(rows)


def nmf_topics(
    articles: pd.DataFrame, matrix, terms: np.ndarray, *, k: int, n_terms: int = 10
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NMF topics over the corpus: (topic terms, article-topic weights)."""
    n_topics = min(k, matrix.shape[0], matrix.shape[1])
    model = NMF(n_components=n_topics, init="nndsvda", random_state=0, max_iter=400)
    weights = model.fit_transform(matrix)
    term_rows = []
    for topic, loadings in enumerate(model.components_, start=1):
        for rank, column in enumerate(np.argsort(-loadings, kind="stable")[:n_terms], start=1):
            term_rows.append(
                {"topic": topic, "rank": rank, "term": terms[column], "weight": loadings[column]}
            )
    article_rows = [
        {"article": article, "topic": topic, "weight": weights[index, topic - 1]}
        for index, article in enumerate(articles["id"])
        for topic in range(1, n_topics + 1)
    ]
    return pd.DataFrame(term_rows), pd.DataFrame(article_rows)


def run(source: Path, out: Path, *, k: int = 10, top_k: int = 10) -> dict[str, int]:
    """Analyse the articles of ``source`` (see :func:`run_frame`)."""
    return run_frame(read_articles(source), out, k=k, top_k=top_k)


def run_frame(articles: pd.DataFrame, out: Path, *, k: int = 10, top_k: int = 10):
    """Analyse ``articles`` (``id``, ``text``), write the four tables to ``out``.

    Returns:
        Table name to number of rows.
    """
    sentences = sentence_table(articles)
    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    matrix = vectorizer.fit_transform(articles["text"])
    terms = vectorizer.get_feature_names_out()
    keywords = pd.concat(
        [
            yake_keywords(articles, top_k=top_k),
            tfidf_keywords(articles, matrix, terms, top_k=top_k),
        ],
        ignore_index=True,
    )
    topic_terms, article_topics = nmf_topics(articles, matrix, terms, k=k)
    tables = {
        "sentences": sentences,
        "keywords": keywords,
        "topic_terms": topic_terms,
        "article_topics": article_topics,
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(out / f"{name}.tsv", sep="\t", index=False, lineterminator="\n")
    return {name: len(table) for name, table in tables.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="folder of articles or one corpus file")
    parser.add_argument("out", type=Path, help="folder for the TSV tables")
    parser.add_argument("--k", type=int, default=10, help="NMF topics")
    parser.add_argument("--top-k", type=int, default=10, help="keywords per article and method")
    args = parser.parse_args(argv)
    counts = run(args.input, args.out, k=args.k, top_k=args.top_k)
    print(", ".join(f"{name}: {count:,} rows" for name, count in counts.items()))


if __name__ == "__main__":
    main()
