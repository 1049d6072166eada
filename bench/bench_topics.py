"""Benchmark the topic models on a labelled corpus built from the development sets.

Documents of news-like length (~400 words) are made by concatenating consecutive snippets of
one source: amazon reviews (rebuilt from ``review_sentence`` ids), movie snippets, tweets,
SemEval2017 and Inspec abstracts. Labels are the source ("source", 5 labels) or the source with
amazon split by product ("fine", 8 labels: dvd player, cameras, phone and mp3 player reviews
occupy consecutive review-id ranges). Each article's dominant corpus topic is scored against the
labels by normalised mutual information (NMI).

Usage:
    python bench/bench_topics.py --data /work/shared/benchmarks [--article seeds/x.txt]
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from analysis import topics
from analysis.stages import topics as stage

AMAZON_PRODUCTS = ((98, "dvd_player"), (175, "camera"), (215, "phone"), (10**9, "mp3_player"))
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")
PENN_TO_UPOS = (("NNP", "PROPN"), ("NN", "NOUN"), ("VB", "VERB"), ("JJ", "ADJ"), ("RB", "ADV"))


# ----------------------------------------------------------------------------- corpus


def _amazon_product(review_id: int) -> str:
    return next(name for last, name in AMAZON_PRODUCTS if review_id <= last)


def _snippets(data: Path, *, fine: bool) -> list[tuple[str, str]]:
    """Return (label, text) snippets in source order."""
    rows: list[tuple[str, str]] = []
    sentiment = data / "sentiment"
    amazon = pd.read_csv(
        sentiment / "amazonReviewSnippets_GroundTruth.tsv", sep="\t", header=None, quoting=3
    )
    review = amazon[0].astype(str).str.split("_").str[0].astype(int)
    for review_id, group in amazon.groupby(review, sort=True):
        label = f"amazon_{_amazon_product(review_id)}" if fine else "amazon"
        rows.append((label, " ".join(group[2].astype(str))))
    for name in ("movie", "tweets"):
        file = sentiment / f"{name}{'ReviewSnippets' if name == 'movie' else ''}_GroundTruth.tsv"
        frame = pd.read_csv(file, sep="\t", header=None, quoting=3)
        rows.extend((name, str(text)) for text in frame[2])
    for name in ("SemEval2017", "Inspec"):
        folder = data / "keywords" / name / "docsutf8"
        for file in sorted(folder.glob("*.txt"), key=lambda p: p.name):
            rows.append((name.lower(), file.read_text(encoding="utf-8")))
    return rows


def build_corpus(
    data: Path, *, fine: bool, words: int = 400, per_label: int = 60, seed: int = 0
) -> pd.DataFrame:
    """Concatenate consecutive snippets of one label into ~``words``-word articles.

    Each article is split into paragraphs of about 80 words (a blank-line-free newline), so
    that paragraph-level models can be compared with article-level ones.

    Returns:
        Columns article, label, text; at most ``per_label`` articles per label, drawn at random.
    """
    articles = []
    for label, group in pd.DataFrame(_snippets(data, fine=fine), columns=["label", "text"]).groupby(
        "label", sort=True
    ):
        buffer, paragraph, count = [], [], 0
        for text in group["text"]:
            text = re.sub(r"\s+", " ", text).strip()
            paragraph.append(text)
            count += len(text.split())
            if sum(len(p.split()) for p in paragraph) >= 80:
                buffer.append(" ".join(paragraph))
                paragraph = []
            if count >= words:
                articles.append((label, "\n".join([*buffer, " ".join(paragraph)]).strip()))
                buffer, paragraph, count = [], [], 0
    frame = pd.DataFrame(articles, columns=["label", "text"])
    frame = frame.sample(frac=1.0, random_state=seed).groupby("label", sort=True).head(per_label)
    frame = frame.sort_values(["label", "text"]).reset_index(drop=True)
    frame.insert(0, "article", [f"a{i:04d}" for i in range(len(frame))])
    return frame


# ----------------------------------------------------------------------------- tokens


def _fallback_structure(text: str) -> dict[str, pd.DataFrame]:
    """Paragraphs = lines, sentences by a regex, tokens by PatternTagger + lemminflect."""
    from lemminflect import getLemma
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    tokens, sentences, paragraphs = [], [], []
    section_id, titles = 0, [""]
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        if len(line.split()) <= 12 and not line.endswith((".", "?", "!", "”", '"')):
            titles.append(line)
            section_id += 1
            continue
        paragraph_id = len(paragraphs)
        paragraphs.append({"paragraph_id": paragraph_id, "section_id": section_id})
        for sentence in SENTENCE_END.split(line):
            sentence_id = len(sentences)
            sentences.append(
                {"sentence_id": sentence_id, "section_id": section_id, "paragraph_id": paragraph_id}
            )
            for word, pos in tagger.tag(sentence):
                upos = next((u for p, u in PENN_TO_UPOS if pos.startswith(p)), None)
                lemma = word if upos in (None, "PROPN") else getLemma(word, upos=upos)[0]
                tokens.append(
                    {
                        "sentence_id": sentence_id,
                        "token_id": len(tokens),
                        "lemma": lemma,
                        "pos": pos,
                        "is_stopword": word.lower() in ENGLISH_STOP_WORDS,
                    }
                )
    section_rows = [{"section_id": i, "title": t} for i, t in enumerate(titles)]
    return {
        "tokens": pd.DataFrame(tokens),
        "sentences": pd.DataFrame(sentences),
        "paragraphs": pd.DataFrame(paragraphs),
        "sections": pd.DataFrame(section_rows),
    }


def structure(text: str) -> tuple[dict[str, pd.DataFrame], str]:
    """Use the pipeline's text model when it works, else the local fallback."""
    try:
        from analysis.document import analyse_structure

        doc = analyse_structure(text)
        tables = {
            name: getattr(doc, name) for name in ("tokens", "sentences", "paragraphs", "sections")
        }
        return tables, "analysis.document"
    except Exception:  # the shared text model may be mid-edit; the bench must still run
        return _fallback_structure(text), "fallback (PatternTagger + lemminflect)"


# ----------------------------------------------------------------------------- scoring


def _nmi(labels: pd.Series, weights: np.ndarray) -> float:
    return float(normalized_mutual_info_score(labels, np.argmax(weights, axis=1)))


def baseline_nmi(texts: pd.Series, labels: pd.Series, *, k: int) -> dict[str, float]:
    """NMI of scikit-learn's default NMF (TF-IDF) and LDA (counts) on raw text."""
    tfidf = TfidfVectorizer(stop_words="english").fit_transform(texts)
    counts = CountVectorizer(stop_words="english").fit_transform(texts)
    nmf = NMF(n_components=k, random_state=0).fit_transform(tfidf)
    lda = LatentDirichletAllocation(n_components=k, random_state=0).fit_transform(counts)
    return {"default NMF": _nmi(labels, nmf), "default LDA": _nmi(labels, lda)}


def tokenise_corpus(corpus: pd.DataFrame) -> list[pd.DataFrame]:
    """Token tables of the corpus's articles (pipeline text model, or the fallback)."""
    return [structure(text)[0]["tokens"] for text in corpus["text"]]


def tuned_nmi(
    token_tables: list[pd.DataFrame], corpus: pd.DataFrame, *, k: int | str, method: str
) -> tuple[float, pd.DataFrame, float, float]:
    """NMI of each article's dominant corpus topic, with quality table, seconds and peak MiB.

    Time is measured on a first run; peak memory (Python and numpy allocations, traced) on a
    second, since tracing slows pandas down several times.
    """
    start = time.perf_counter()
    tables = stage.corpus_tables(token_tables, list(corpus["article"]), k=k, method=method)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    stage.corpus_tables(token_tables, list(corpus["article"]), k=k, method=method)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    mixtures = tables["document_topics"]
    dominant = mixtures.loc[mixtures.groupby("article")["weight"].idxmax()].set_index("article")
    labels = corpus.set_index("article")["label"].loc[dominant.index]
    score = float(normalized_mutual_info_score(labels, dominant["topic"]))
    return score, tables["topic_quality"], seconds, peak


def _print_quality(quality: pd.DataFrame) -> None:
    per_k = quality[quality["kind"] == "k"]
    columns = ["k", "coherence", "stability", "distinctiveness", "score", "chosen"]
    print(per_k[columns].to_string(index=False, float_format="%.3f"))


def bench_corpus(data: Path, *, per_label: int) -> None:
    """NMI of baselines and tuned models on the source- and fine-labelled corpora."""
    for fine in (False, True):
        corpus = build_corpus(data, fine=fine, per_label=per_label)
        token_tables = tokenise_corpus(corpus)
        n_labels = corpus["label"].nunique()
        kind = "fine" if fine else "source"
        print(f"\n== labels={kind}: {len(corpus)} articles, {n_labels} labels")
        print(corpus["label"].value_counts().sort_index().to_dict())
        for k in sorted({10, n_labels}):
            scores = baseline_nmi(corpus["text"], corpus["label"], k=k)
            for method in topics.METHODS:
                scores[f"tuned {method}"] = tuned_nmi(token_tables, corpus, k=k, method=method)[0]
            print(f"k={k}: " + ", ".join(f"{name} {value:.3f}" for name, value in scores.items()))
        score, quality, seconds, peak = tuned_nmi(token_tables, corpus, k="auto", method="nmf")
        chosen = int(quality.loc[(quality["kind"] == "k") & quality["chosen"], "k"].iloc[0])
        print(f"auto (nmf): K={chosen}, NMI {score:.3f}, {seconds:.1f} s, peak {peak:.0f} MiB")
        _print_quality(quality)


def bench_scale(data: Path, *, n_articles: int) -> None:
    """Fit time and peak memory on ``n_articles`` ~400-word articles, fixed K and auto."""
    corpus = build_corpus(data, fine=False, per_label=n_articles).head(n_articles)
    token_tables = tokenise_corpus(corpus)
    words = sum(len(t) for t in token_tables)
    print(f"\n== scale: {len(corpus)} articles, {words} tokens")
    for k in (10, "auto"):
        score, _, seconds, peak = tuned_nmi(token_tables, corpus, k=k, method="nmf")
        print(f"nmf k={k}: {seconds:.2f} s, traced peak {peak:.0f} MiB, NMI {score:.3f}")
    start = time.perf_counter()
    stage.corpus_tables(token_tables, list(corpus["article"]), k=10, method="lda")
    print(f"lda k=10: {time.perf_counter() - start:.2f} s")


def bench_article(path: Path) -> None:
    """Per-article auto K on one article, with the quality of every K tried."""
    tables, how = structure(path.read_text(encoding="utf-8"))
    result = stage.article_tables(tables["tokens"], tables["sentences"], tables["paragraphs"])
    print(f"\n== article {path.name} (tokens from {how}), {len(tables['paragraphs'])} paragraphs")
    print(result["quality"].to_string(index=False, float_format="%.3f"))
    labels = result["terms"].drop_duplicates("topic")[["topic", "label"]]
    print(labels.to_string(index=False))
    mixtures = result["sections"].pivot(index="section_id", columns="topic", values="weight")
    print(mixtures.round(2).to_string())


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmarks folder")
    parser.add_argument("--article", type=Path, default=Path("seeds/ishiba_trump_summit.txt"))
    parser.add_argument("--per-label", type=int, default=60, help="articles per label")
    parser.add_argument("--scale", type=int, default=1000, help="articles in the timing run")
    args = parser.parse_args(argv)
    bench_article(args.article)
    bench_corpus(args.data, per_label=args.per_label)
    bench_scale(args.data, n_articles=args.scale)


if __name__ == "__main__":
    main()
