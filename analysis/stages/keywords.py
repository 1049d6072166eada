"""Stage ``keywords``: keyphrases per article and per section, keyness, and corpus TF-IDF.

Section headings are not sentences of the text model, but a heading names its section's
topic, so the section-scope rankings read each heading as the section's first sentence.
The headline multiplies the fused score by a general-English specificity prior
(:func:`analysis.keywords.specificity_prior`), so generic nouns ("topic", "meeting")
give way to specific phrases ("tariffs", "Nippon Steel"); section headlines also demote
terms spread over many sections (the article's protagonists), which say little about any
one section.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import keywords as kw
from analysis.figures import keywords as figures
from analysis.keyness import KEYNESS_COLUMNS, keyness_table
from analysis.stages.logs import article_of, job_log
from analysis.tables import read_tsv, write_tsv
from analysis.tokens import tokenise_sentences

Path = str | os.PathLike[str]
KEYWORD_COLUMNS = ["scope", "section_id", "rank", "keyword", "score"]
ARTICLE_DOC = "article"


def rank_article(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    top_k: int = 10,
    ngram_range: tuple[int, int] = (1, 3),
    methods: Sequence[str] = kw.METHODS,
    weights: Mapping[str, float] | None = None,
    titles: Mapping[int, str] | None = None,
    specificity_exponent: float = kw.SPECIFICITY_EXPONENT,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Rank one article's keyphrases for the whole article and for each section.

    Section-scope TF-IDF uses the sections as documents; article-scope TF-IDF uses the
    article's term counts with the section-level IDF. Keyness (section vs rest) exists only
    for sections, and only when there are two or more. The section headline leaves out terms
    a section under-uses relative to the rest of the article (sign -1 in keyness) and demotes
    terms found in many sections. Section titles, when given, count as the first sentence of
    their section (section scope only).

    Args:
        tokens: The article's token table.
        sentences: Its sentence table (sentence_id, section_id, text).
        top_k: Terms kept per scope and method.
        ngram_range: Phrase lengths in words.
        methods: Methods to run, any non-empty subset of :data:`analysis.keywords.METHODS`.
        weights: Fusion weight per method (default :data:`analysis.keywords.DEFAULT_WEIGHTS`).
        titles: section_id -> heading (sections.tsv ``title``; "" for none).
        specificity_exponent: Strength of the general-English specificity prior on the
            headline (0 = off).

    Returns:
        (headline table, per-method table, keyness table) as written by :func:`run`.

    Raises:
        ValueError: If ``methods`` is empty or names an unknown method.
    """
    unknown = set(methods) - set(kw.METHODS)
    if not methods or unknown:
        raise ValueError(f"methods must be a non-empty subset of {kw.METHODS}; got {list(methods)}")
    occurrences = kw.extract_candidates(tokens, ngram_range=ngram_range)
    section_of = dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True))
    title_occurrences, title_sentences = _title_candidates(
        tokens, titles or {}, set(section_of.values()), ngram_range=ngram_range
    )
    labels = {**kw.display_forms(title_occurrences), **kw.display_forms(occurrences)}
    sizes = _section_sizes(tokens, section_of)
    prior = kw.specificity_prior(
        [*occurrences["key"], *title_occurrences["key"]], exponent=specificity_exponent
    )
    section_counts = kw.candidate_counts(kw.documents_from(occurrences, section_of))
    underused = _underused(section_counts, sizes)
    headline, by_method = [], []
    for scope in ("article", "section"):
        scope_occurrences, scope_sentences, owner = occurrences, sentences, section_of
        if scope == "article":
            owner = dict.fromkeys(section_of, ARTICLE_DOC)
        elif not title_occurrences.empty:
            scope_occurrences = pd.concat([title_occurrences, occurrences], ignore_index=True)
            scope_sentences = pd.concat([title_sentences, sentences], ignore_index=True)
            owner = _section_of(scope_sentences)
        rankings = _rankings(
            scope_occurrences,
            scope_sentences,
            owner,
            _with_title_words(sizes, scope_sentences) if scope == "section" else sizes,
            scope=scope,
            methods=methods,
            max_ngram=ngram_range[1],
        )
        if not rankings:
            continue
        fusable = rankings
        if scope == "section":
            fusable = {m: _without_pairs(r, underused) for m, r in rankings.items()}
        scope_prior = prior
        if scope == "section":
            spread = _section_spread(kw.documents_from(scope_occurrences, owner))
            scope_prior = {key: factor * spread.get(key, 1.0) for key, factor in prior.items()}
        fused = kw.headline_ranking(
            fusable,
            weights=weights or kw.DEFAULT_WEIGHTS,
            prior=scope_prior,
            counts=kw.count_map(kw.documents_from(scope_occurrences, owner)),
            names=set(scope_occurrences.loc[scope_occurrences["proper"], "key"]),
            top_k=top_k,
        )
        headline.append(_tidy(fused, scope, labels))
        for method, ranking in rankings.items():
            by_method.append(
                _tidy(ranking[ranking["rank"] <= top_k], scope, labels).assign(method=method)
            )
    keyness = keyness_table(section_counts, sizes, labels=labels)[KEYNESS_COLUMNS]
    return (
        _concat(headline, KEYWORD_COLUMNS),
        _concat(by_method, [*KEYWORD_COLUMNS, "method"]),
        keyness,
    )


def _title_candidates(
    tokens: pd.DataFrame,
    titles: Mapping[int, str],
    sections: set[int],
    *,
    ngram_range: tuple[int, int],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Candidates of each section's heading, as sentences placed before the section's text.

    Headings are written in title case, so every word the article does not itself write
    as a name is lower-cased first ("Trade and Economic Discussions" -> "trade and economic
    discussions"); otherwise the tagger reads each word as a name.

    Returns:
        (occurrences, sentences): the title candidates and a sentence table
        (sentence_id, section_id, text) for them; sentence ids are negative, so each
        heading comes first in its section.
    """
    names = _names_in(tokens)
    texts = {
        section: _title_case_to_text(title, names)
        for section, title in sorted(titles.items())
        if section in sections and isinstance(title, str) and title.strip()
    }
    sentence_columns = ["sentence_id", "section_id", "text"]
    if not texts:
        return kw.extract_candidates(tokens.iloc[0:0]), pd.DataFrame(columns=sentence_columns)
    # One text with a gap between headings keeps them separate sentences and never glued.
    joined, spans, offset = "", [], 0
    for text in texts.values():
        spans.append((offset, offset + len(text)))
        joined += text + "\n\n"
        offset = len(joined)
    title_tokens = tokenise_sentences(joined, spans)
    found = kw.extract_candidates(title_tokens, ngram_range=ngram_range)
    sentence_ids = {index: -1 - section for index, section in enumerate(texts)}
    found["sentence_id"] = found["sentence_id"].map(sentence_ids)
    found["token_id"] = found["token_id"] - len(title_tokens)
    sentence_table = pd.DataFrame(
        [(-1 - section, section, text) for section, text in texts.items()],
        columns=sentence_columns,
    )
    return found, sentence_table


def _names_in(tokens: pd.DataFrame) -> set[str]:
    """Words the article capitalises mid-sentence: its names ("Japan", "Trump")."""
    frame = tokens.sort_values("token_id", kind="mergesort")
    first = ~frame["sentence_id"].eq(frame["sentence_id"].shift())
    token = frame["token"].astype(str)
    capitalised = token.ne(token.str.lower()) & ~first
    return set(token[capitalised])


def _title_case_to_text(title: str, names: set[str]) -> str:
    """Lower-case a heading's words except names, acronyms and mixed case ("U.S.-Japan")."""
    words = []
    for word in title.split():
        base = re.sub(r"[’']s$", "", word).strip('.,:;!?()"“”')
        keep = base in names or any(character.isupper() for character in base[1:])
        words.append(word if keep else word.lower())
    return " ".join(words)


def _section_spread(documents: Mapping[int, Sequence[str]]) -> dict[str, float]:
    """Demote terms found in many sections: they describe the article, not the section.

    factor = idf / idf of a one-section term, with idf = ln((1 + n) / (1 + df)) + 1 over the
    n sections: 1 for a term of one section, about 0.4 for one in all of seven ("Japan").
    """
    n = len(documents)
    spread = Counter(key for keys in documents.values() for key in set(keys))
    best = np.log((1 + n) / 2) + 1
    return {key: float((np.log((1 + n) / (1 + df)) + 1) / best) for key, df in spread.items()}


def _with_title_words(sizes: Mapping[int, int], sentences: pd.DataFrame) -> dict[int, int]:
    """Section sizes counting the heading's words too (headings have negative sentence ids)."""
    titles = sentences[sentences["sentence_id"] < 0]
    extra = dict(zip(titles["section_id"], titles["text"].str.split().str.len(), strict=True))
    return {section: size + int(extra.get(section, 0)) for section, size in sizes.items()}


def _section_of(sentences: pd.DataFrame) -> dict[int, int]:
    return dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True))


def _titles(sections: pd.DataFrame) -> dict[int, str]:
    titles = sections["title"].fillna("").astype(str)
    return dict(zip(sections["section_id"].astype(int), titles, strict=True))


def _underused(section_counts: pd.DataFrame, sizes) -> set[tuple[int, str]]:
    """(section, term) pairs a section uses relatively less than the rest of the article
    ("Japan" in every section): they describe the article, not what sets the section apart."""
    if len(sizes) < 2:
        return set()
    table = keyness_table(section_counts, sizes)
    under = table[table["sign"] < 0]
    return set(zip(under["section_id"], under["term"], strict=True))


def _without_pairs(ranking: pd.DataFrame, pairs: set[tuple[int, str]]) -> pd.DataFrame:
    """Drop the rankings' (doc, key) pairs found in ``pairs`` and renumber the ranks."""
    if not pairs:
        return ranking
    keep = [
        (doc, key) not in pairs for doc, key in zip(ranking["doc"], ranking["key"], strict=True)
    ]
    kept = ranking[keep].copy()
    kept["rank"] = kept.groupby("doc").cumcount() + 1
    return kept.reset_index(drop=True)


def _section_sizes(tokens: pd.DataFrame, section_of: Mapping[int, int]) -> dict[int, int]:
    """Words (tokens holding a letter or digit) per section."""
    words = tokens[tokens["token"].astype(str).str.contains(r"\w", regex=True)]
    counts = words["sentence_id"].map(section_of).value_counts()
    return {
        int(section): int(counts.get(section, 0)) for section in sorted(set(section_of.values()))
    }


def _rankings(occurrences, sentences, owner, sizes, *, scope, methods, max_ngram) -> dict:
    documents = kw.documents_from(occurrences, owner)
    if not documents:
        return {}
    rankings = {}
    if "tfidf" in methods:
        if scope == "article":
            section_docs = kw.documents_from(
                occurrences,
                dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True)),
            )
            rankings["tfidf"] = kw.rank_tfidf(documents, background=section_docs)
        else:
            rankings["tfidf"] = kw.rank_tfidf(documents)
    if "keyness" in methods and scope == "section" and len(documents) > 1:
        rankings["keyness"] = kw.rank_keyness(documents, sizes)
    if "yake" in methods:
        texts = _texts(sentences, owner)
        allowed = {doc: set(keys) for doc, keys in documents.items()}
        rankings["yake"] = kw.rank_yake(
            texts, allowed, kw.surface_index(occurrences), max_ngram=max_ngram
        )
    if "textrank" in methods:
        rankings["textrank"] = kw.rank_textrank(occurrences, owner)
    if "salience" in methods:
        rankings["salience"] = kw.rank_salience(occurrences, owner)
    if "specificity" in methods:
        rankings["specificity"] = kw.rank_specificity(occurrences, owner)
    return {method: frame for method, frame in rankings.items() if not frame.empty}


def _texts(sentences: pd.DataFrame, owner: Mapping[int, object]) -> dict:
    ordered = sentences.sort_values("sentence_id")
    docs = ordered["sentence_id"].map(owner)
    return {
        doc: " ".join(group["text"].astype(str)) for doc, group in ordered.groupby(docs, sort=True)
    }


def _tidy(ranking: pd.DataFrame, scope: str, labels: Mapping[str, str]) -> pd.DataFrame:
    section = ranking["doc"].map(lambda doc: "" if doc == ARTICLE_DOC else str(int(doc)))
    return pd.DataFrame(
        {
            "scope": scope,
            "section_id": section,
            "rank": ranking["rank"].astype(int),
            "keyword": ranking["key"].map(lambda key: labels.get(key, key)),
            "score": ranking["score"].astype(float),
        }
    )


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    return (
        pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    )


def run(
    *,
    tokens: Path,
    sentences: Path,
    sections: Path,
    keywords: Path,
    keywords_by_method: Path,
    keyness: Path,
    top_k: int = 10,
    ngram_min: int = 1,
    ngram_max: int = 3,
    methods: Sequence[str] = kw.METHODS,
    weights: Mapping[str, float] | None = None,
    use_titles: bool = True,
    specificity_exponent: float = kw.SPECIFICITY_EXPONENT,
    log: Path | None = None,
) -> None:
    """Write ``keywords.tsv``, ``keywords_by_method.tsv`` and ``keyness.tsv`` for one article.

    Args:
        tokens: ``tokens.tsv`` of the article.
        sentences: ``sentences.tsv``.
        sections: ``sections.tsv`` (checked for the section ids).
        keywords: Output: headline ranking (scope, section_id, rank, keyword, score).
        keywords_by_method: Output: each method's ranking (same columns plus method).
        keyness: Output: G² keyness of each section against the rest of the article.
        top_k: Keywords kept per scope and method.
        ngram_min: Shortest phrase in words.
        ngram_max: Longest phrase in words.
        methods: Methods to run (non-empty subset of tfidf, keyness, yake, textrank, salience,
            specificity).
        weights: Fusion weight per method (None = the benchmarked defaults).
        use_titles: Read each section's heading as its first sentence (section scope).
        specificity_exponent: Strength of the general-English specificity prior on the
            headline; 0 turns it off.
        log: The job's log file.

    Raises:
        StageError: If an input is unreadable or an argument is invalid.
    """
    with job_log(log, stage="keywords") as logger:
        token_table, sentence_table = read_tsv(tokens), read_tsv(sentences)
        section_table = read_tsv(sections)
        section_ids = set(section_table["section_id"].astype(int))
        if not set(sentence_table["section_id"].astype(int)) <= section_ids:
            raise ValueError(f"{sentences}: section ids missing from {sections}")
        titles = _titles(section_table) if use_titles else None
        headline, by_method, key_table = rank_article(
            token_table, sentence_table, top_k=top_k, ngram_range=(ngram_min, ngram_max),
            methods=methods, weights=weights, titles=titles,
            specificity_exponent=specificity_exponent,
        )  # fmt: skip
        logger.info("%d headline rows, %d keyness rows", len(headline), len(key_table))
        write_tsv(headline, keywords)
        write_tsv(by_method, keywords_by_method)
        write_tsv(key_table, keyness)


def rank_articles(
    token_tables: Mapping[str, pd.DataFrame],
    *,
    top_k: int = 10,
    ngram_range: tuple[int, int] = (1, 3),
) -> pd.DataFrame:
    """TF-IDF with articles as the documents: what sets each article apart in a corpus.

    Args:
        token_tables: article name -> its token table.
        top_k: Keywords kept per article.
        ngram_range: Phrase lengths in words.

    Returns:
        Columns article, rank, keyword, score; sorted by article then rank.
    """
    documents, labels_by_article = {}, {}
    for article in sorted(token_tables):
        occurrences = kw.extract_candidates(token_tables[article], ngram_range=ngram_range)
        documents[article] = occurrences["key"].tolist()
        labels_by_article[article] = kw.display_forms(occurrences)
    ranking = kw.rank_tfidf(documents, top_k=top_k)
    keyword = [
        labels_by_article[a].get(k, k) for a, k in zip(ranking["doc"], ranking["key"], strict=True)
    ]
    return pd.DataFrame(
        {
            "article": ranking["doc"],
            "rank": ranking["rank"].astype(int),
            "keyword": keyword,
            "score": ranking["score"].astype(float),
        }
    )


class _TablesOnDemand(Mapping[str, pd.DataFrame]):
    """Name -> table, read from its file on each access: a corpus job then holds one
    article's tokens at a time, not thousands."""

    def __init__(self, paths: Mapping[str, Path]) -> None:
        self._paths = paths

    def __getitem__(self, name: str) -> pd.DataFrame:
        return read_tsv(self._paths[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def run_corpus(
    *,
    tokens: Sequence[Path],
    keywords_articles: Path,
    articles: Sequence[str] | None = None,
    top_k: int = 10,
    ngram_min: int = 1,
    ngram_max: int = 3,
    log: Path | None = None,
) -> None:
    """Write ``corpus/tables/keywords_articles.tsv`` from several articles' ``tokens.tsv``.

    Args:
        tokens: The articles' ``tokens.tsv`` files.
        keywords_articles: Output table (article, rank, keyword, score).
        articles: Article names, one per tokens file; by default the folder above
            ``tables/`` (``results/<article>/tables/tokens.tsv``).
        top_k: Keywords kept per article.
        ngram_min: Shortest phrase in words.
        ngram_max: Longest phrase in words.
        log: The job's log file.

    Raises:
        StageError: If names and files do not pair up or a file is unreadable.
    """
    with job_log(log, stage="keywords_corpus") as logger:
        names = list(articles) if articles is not None else [article_of(p) for p in tokens]
        if len(names) != len(tokens) or len(set(names)) != len(names):
            raise ValueError("need one distinct article name per tokens file")
        tables = _TablesOnDemand(dict(zip(names, tokens, strict=True)))
        table = rank_articles(tables, top_k=top_k, ngram_range=(ngram_min, ngram_max))
        logger.info("%d articles, %d rows", len(tables), len(table))
        write_tsv(table, keywords_articles)


def run_figures(
    *,
    sections: Path,
    keywords: Path | None = None,
    keyness: Path | None = None,
    keywords_sections_png: Path | None = None,
    keyness_png: Path | None = None,
    top_n: int = 8,
    log: Path | None = None,
) -> None:
    """Draw ``keywords_sections.png`` and/or ``keyness.png`` from the stage's tables.

    Each figure is drawn when its table and output path are both given, so the two can be
    separate jobs that render at the same time.

    Args:
        sections: ``sections.tsv`` (titles for the panels).
        keywords: ``keywords.tsv`` (for ``keywords_sections_png``).
        keyness: ``keyness.tsv`` (for ``keyness_png``).
        keywords_sections_png: Output figure: each section's top keywords.
        keyness_png: Output figure: each section's most over-used terms (log ratio).
        top_n: Terms per panel.
        log: The job's log file.

    Raises:
        StageError: If a table is unreadable, or no figure was asked for.
    """
    with job_log(log, stage="keywords_figures"):
        wanted = [(keywords, keywords_sections_png), (keyness, keyness_png)]
        if not any(table and png for table, png in wanted):
            raise ValueError("no figure to draw: give a table and its output path")
        section_table = read_tsv(sections)
        if keywords and keywords_sections_png:
            figures.save_keywords_by_section(
                read_tsv(keywords), section_table, keywords_sections_png, top_n=top_n
            )
        if keyness and keyness_png:
            figures.save_keyness(read_tsv(keyness), section_table, keyness_png, top_n=top_n)
