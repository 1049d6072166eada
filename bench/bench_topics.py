"""Benchmark the topic models: quality on labelled corpora, cost per article and per corpus.

Quality: each article's dominant corpus topic is scored against human labels by normalised
mutual information (NMI), for newsdag's model and for scikit-learn's NMF and LDA with their
defaults (on TF-IDF and counts of the raw text, English stop words removed), at every K in the
same run, on two corpora (above the K that ``auto`` chooses, newsdag's topics are formed by
splitting the supported ones: ``analysis/topics/nesting.py``):

- ``news``: BBC News stories in five categories (``--bbc``, a folder with ``docs/`` and
  ``labels.tsv``);
- ``source`` / ``fine``: ~400-word documents made by concatenating consecutive snippets of one
  source of the other development sets (``--data``): amazon reviews (rebuilt from
  ``review_sentence`` ids), movie snippets, tweets, SemEval2017 and Inspec abstracts, labelled by
  source (5 labels) or by source with amazon split by product (8 labels).

Cost: per-article topics and term counts on generated ~400-word articles, and the corpus model
on term-count shards of a generated corpus (``--scale-shards``; see ``--help``).

Usage:
    python bench/bench_topics.py --bbc BBC-dev --data benchmarks [--article seeds/x.txt]
    python bench/bench_topics.py --scale-shards DIR --scale 100000
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import settings
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import homogeneity_score, normalized_mutual_info_score

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

        doc = analyse_structure(text, **settings.prepare())
        tables = {
            name: getattr(doc, name) for name in ("tokens", "sentences", "paragraphs", "sections")
        }
        return tables, "analysis.document"
    except Exception:  # the shared text model may be mid-edit; the bench must still run
        return _fallback_structure(text), "fallback (PatternTagger + lemminflect)"


# ----------------------------------------------------------------------------- corpora


def news_corpus(folder: Path) -> pd.DataFrame:
    """The labelled news stories of ``folder`` (``labels.tsv``: doc, category; ``docs/``)."""
    labels = pd.read_csv(folder / "labels.tsv", sep="\t")
    texts = [(folder / "docs" / f"{doc}.txt").read_text(encoding="utf-8") for doc in labels["doc"]]
    return pd.DataFrame({"article": labels["doc"], "label": labels["category"], "text": texts})


def term_count_tables(corpus: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Each article's term counts (pipeline text model) and the CPU ms per article spent."""
    frames, spent = [], 0.0
    for article, text in zip(corpus["article"], corpus["text"], strict=True):
        tables, _ = structure(text)
        start = time.process_time()
        counts = stage.corpus_documents(tokens=tables["tokens"], sentences=tables["sentences"])
        spent += time.process_time() - start
        frames.append(counts["topic_terms_counts"].assign(article=article))
    return pd.concat(frames, ignore_index=True), 1000 * spent / len(corpus)


# ----------------------------------------------------------------------------- scoring


def _nmi(labels: pd.Series, assigned) -> float:
    return float(normalized_mutual_info_score(labels, assigned))


def baseline_nmi(texts: pd.Series, labels: pd.Series, *, k: int) -> dict[str, float]:
    """NMI of scikit-learn's default NMF (TF-IDF) and LDA (counts) on raw text.

    Also the homogeneity of NMF's topics ("NMF hom"): above the number of labels, NMI also
    falls with how evenly a label is split, homogeneity only with topics mixing labels.
    """
    tfidf = TfidfVectorizer(stop_words="english").fit_transform(texts)
    counts = CountVectorizer(stop_words="english").fit_transform(texts)
    nmf = NMF(n_components=k, random_state=0).fit_transform(tfidf).argmax(axis=1)
    lda = LatentDirichletAllocation(n_components=k, random_state=0).fit_transform(counts)
    return {
        "NMF defaults": _nmi(labels, nmf),
        "LDA defaults": _nmi(labels, lda.argmax(axis=1)),
        "NMF hom": float(homogeneity_score(labels, nmf)),
    }


def dominant_topic(document_topics: pd.DataFrame) -> pd.Series:
    """Each article's heaviest topic (lowest number on ties)."""
    ranked = document_topics.sort_values(
        ["article", "weight", "topic"], ascending=[True, False, True]
    )
    return ranked.drop_duplicates("article").set_index("article")["topic"]


def newsdag_nmi(
    counts: pd.DataFrame, labels: pd.Series, *, k: int | str, method: str = "nmf"
) -> tuple[float, dict[str, pd.DataFrame], float]:
    """NMI of newsdag's corpus model, its tables (with the dominant topics) and CPU seconds."""
    start = time.process_time()
    options = {**settings.corpus_topics(), "k": k, "method": method}
    tables = stage.corpus_tables(documents=[counts], **options)
    seconds = time.process_time() - start
    dominant = dominant_topic(tables["document_topics"])
    tables["dominant"] = dominant
    return _nmi(labels.loc[dominant.index], dominant.to_numpy()), tables, seconds


def margins(corpus: pd.DataFrame, counts: pd.DataFrame, *, ks: list[int]) -> dict[int, float]:
    """newsdag NMF's NMI minus that of scikit-learn's default NMF, per K."""
    labels = corpus.set_index("article")["label"]
    return {
        k: newsdag_nmi(counts, labels, k=k)[0]
        - baseline_nmi(corpus["text"], corpus["label"], k=k)["NMF defaults"]
        for k in ks
    }


def bench_robustness(
    corpus: pd.DataFrame, counts: pd.DataFrame, *, ks: list[int], seeds: int
) -> None:
    """Margins over default NMF on ``seeds`` random 80 % subsamples of the articles."""
    rows = []
    for seed in range(1, seeds + 1):
        part = corpus.sample(frac=0.8, random_state=seed).sort_values("article")
        subset = counts[counts["article"].isin(set(part["article"]))]
        rows.append({"subsample": seed, **margins(part, subset, ks=ks)})
    table = pd.DataFrame(rows).set_index("subsample")
    print("NMI margin of newsdag NMF over default NMF on 80 % subsamples (columns: K)")
    print(table.to_string(float_format="%+.3f"))


def bench_labelled(name: str, corpus: pd.DataFrame, *, ks: list[int], seeds: int = 0) -> None:
    """NMI per K of newsdag and the defaults, then ``auto`` with its quality per K."""
    counts, per_article = term_count_tables(corpus)
    labels = corpus.set_index("article")["label"]
    n_labels = labels.nunique()
    print(f"\n== {name}: {len(corpus)} articles, {n_labels} labels")
    print(f"term counts: {per_article:.1f} ms CPU per article")
    rows = []
    for k in ks:
        row = {"k": k, **baseline_nmi(corpus["text"], corpus["label"], k=k)}
        row["newsdag LDA"] = newsdag_nmi(counts, labels, k=k, method="lda")[0]
        score, tables, _ = newsdag_nmi(counts, labels, k=k)
        dominant = tables["dominant"]
        row["newsdag NMF"] = score
        row["newsdag hom"] = float(homogeneity_score(labels.loc[dominant.index], dominant))
        row["margin"] = score - max(row["NMF defaults"], row["LDA defaults"])
        rows.append(row)
    table = pd.DataFrame(rows)
    print(table.to_string(index=False, float_format="%.3f"))
    score, tables, seconds = newsdag_nmi(counts, labels, k="auto")
    quality = tables["topic_quality"]
    per_k = quality[quality["kind"] == "k"].drop(columns=["kind", "topic", "label"])
    per_k = per_k.merge(
        table[["k", "newsdag NMF"]].rename(columns={"newsdag NMF": "nmi"}), how="left"
    )
    chosen = int(per_k.loc[per_k["chosen"], "k"].iloc[0])
    print(f"auto: K={chosen} (true {n_labels}), NMI {score:.3f}, {seconds:.1f} s CPU")
    print(f"(fixed K above {chosen}: topics formed by splitting the {chosen} supported ones)")
    print(per_k.to_string(index=False, float_format="%.3f"))
    print(tables["topic_terms"].drop_duplicates("topic")[["topic", "label"]].to_string(index=False))
    if seeds:
        bench_robustness(corpus, counts, ks=ks, seeds=seeds)


# ----------------------------------------------------------------------------- cost


def bench_article(path: Path, generated: Path | None) -> None:
    """The bundled article's topics per section, and CPU ms per generated article."""
    tables, how = structure(path.read_text(encoding="utf-8"))
    result = stage.article_tables(**tables, **settings.topics())
    print(f"\n== article {path.name} (tokens from {how}), {len(tables['paragraphs'])} paragraphs")
    print(result["topics_quality"].to_string(index=False, float_format="%.3f"))
    labels = result["topics_terms"].drop_duplicates("topic")[["topic", "label"]]
    print(labels.to_string(index=False))
    mixtures = result["topics_sections"].pivot(index="section_id", columns="topic", values="weight")
    titles = tables["sections"].set_index("section_id")["title"].fillna("").str.slice(0, 40)
    print(mixtures.round(2).set_index(titles.reindex(mixtures.index)).to_string())
    if generated is None:
        return
    articles = [
        structure(p.read_text(encoding="utf-8"))[0] for p in sorted(generated.glob("*.txt"))
    ]
    for name, function in (("article_tables", stage.article_tables), ("corpus_documents", None)):
        start = time.process_time()
        for frames in articles:
            if function is None:
                stage.corpus_documents(tokens=frames["tokens"], sentences=frames["sentences"])
            else:
                function(**frames, **settings.topics())
        spent = 1000 * (time.process_time() - start) / len(articles)
        words = np.mean([len(f["tokens"]) for f in articles])
        print(
            f"{name}: {spent:.1f} ms CPU per article ({len(articles)} articles, {words:.0f} tokens)"
        )


def write_shards(
    corpus: Path, out: Path, *, shard_size: int = 800, limit: int | None = None
) -> None:
    """Text model and term counts of a generated corpus, as one Parquet file per shard."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(corpus.glob("*.txt"))[:limit]
    for first in range(0, len(files), shard_size):
        path = out / f"counts_{first // shard_size:04d}.parquet"
        if path.exists():
            continue
        frames = []
        for file in files[first : first + shard_size]:
            tables, _ = structure(file.read_text(encoding="utf-8"))
            counts = stage.corpus_documents(tokens=tables["tokens"], sentences=tables["sentences"])
            frames.append(counts["topic_terms_counts"].assign(article=file.stem))
        pd.concat(frames, ignore_index=True).to_parquet(path)


def tiled_shards(folder: Path, n_articles: int):
    """A callable yielding count shards up to ``n_articles``, the pool repeated under new ids."""
    paths = sorted(folder.glob("counts_*.parquet"))

    def shards():
        produced, repeat = 0, 0
        while produced < n_articles:
            for path in paths:
                frame = pd.read_parquet(path)
                ids = sorted(frame["article"].unique())[: n_articles - produced]
                if not ids:
                    return
                frame = frame[frame["article"].isin(ids)]
                if repeat:
                    frame = frame.assign(article=frame["article"] + f"~{repeat}")
                produced += len(ids)
                yield frame
            repeat += 1

    return shards


def bench_scale(folder: Path, *, n_articles: int, k: int | str) -> None:
    """CPU, wall time and peak memory of the corpus model on ``n_articles`` articles."""
    import resource

    shards = tiled_shards(folder, n_articles)
    pool = sum(
        pd.read_parquet(p, columns=["article"])["article"].nunique()
        for p in sorted(folder.glob("counts_*.parquet"))
    )
    rows = sum(len(f) for f in shards())
    print(
        f"\n== scale: {n_articles} articles ({pool} distinct, repeated), {rows} count rows, k={k}"
    )
    wall, cpu = time.perf_counter(), time.process_time()
    tables = stage.corpus_tables(documents=shards, **{**settings.corpus_topics(), "k": k})
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    quality = tables["topic_quality"]
    chosen = int(quality.loc[(quality["kind"] == "k") & quality["chosen"], "k"].iloc[0])
    print(
        f"corpus_tables: K={chosen}, {cpu:.0f} s CPU, {wall:.0f} s wall, peak RSS {peak:.0f} MiB; "
        f"{len(tables['document_topics'])} document_topics rows, "
        f"{len(tables['section_topics'])} section_topics rows"
    )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, help="labelled news folder (docs/, labels.tsv)")
    parser.add_argument("--data", type=Path, help="benchmarks folder (the earlier corpus)")
    parser.add_argument("--article", type=Path, default=Path("seeds/ishiba_trump_summit.txt"))
    parser.add_argument("--generated", type=Path, help="generated articles to time per article")
    parser.add_argument("--per-label", type=int, default=60, help="articles per label")
    parser.add_argument("--ks", default="2,3,4,5,6,7,8,10,12", help="K values compared")
    parser.add_argument("--seeds", type=int, default=0, help="80 %% subsamples for margins")
    parser.add_argument("--corpus", type=Path, help="generated corpus to turn into count shards")
    parser.add_argument("--scale-shards", type=Path, help="folder of count shards")
    parser.add_argument("--shards-limit", type=int, help="articles of --corpus to tokenise")
    parser.add_argument("--scale", type=int, default=100_000, help="articles in the scale run")
    parser.add_argument("--scale-k", default="10", help="K of the scale run (or auto)")
    args = parser.parse_args(argv)
    ks = [int(k) for k in args.ks.split(",")]
    if args.scale_shards:
        if args.corpus:
            write_shards(args.corpus, args.scale_shards, limit=args.shards_limit)
        scale_k = args.scale_k if args.scale_k == "auto" else int(args.scale_k)
        bench_scale(args.scale_shards, n_articles=args.scale, k=scale_k)
        return
    bench_article(args.article, args.generated)
    if args.bbc:
        bench_labelled("news (BBC)", news_corpus(args.bbc), ks=ks, seeds=args.seeds)
    if args.data:
        for fine in (False, True):
            corpus = build_corpus(args.data, fine=fine, per_label=args.per_label)
            bench_labelled("fine" if fine else "source", corpus, ks=ks, seeds=args.seeds)


if __name__ == "__main__":
    main()
