"""Keywords and keyphrases: candidate phrases from the token table, ranked several ways.

Candidates are noun phrases and proper names found by part-of-speech patterns inside one
sentence, counted by lemma, never starting or ending with a stop word. Each ranking
method returns a tidy frame (``doc``, ``key``, ``score``, ``rank``) over those candidates;
:func:`headline_ranking` fuses them with weighted reciprocal-rank fusion and multiplies the
result by a general-English specificity prior (:func:`specificity_prior`): phrases made of
words that are common in any English text ("time", "meeting", "topic") give way to specific
ones ("tariffs", "Taiwan Strait", "Nippon Steel"). The word frequencies come from the
``wordfreq`` package's bundled English list; nothing is downloaded.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import yake
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.keyness import keyness_table
from analysis.resources import load_once

RANKING_COLUMNS = ["doc", "key", "score", "rank"]
METHODS = ("tfidf", "keyness", "yake", "textrank", "salience", "specificity")
# Weights chosen by F1@10 on the dev sets (bench/bench_keywords.py). Keyness ranks almost
# like TF-IDF, so fusing both double-counts one signal (-0.006 F1); it still gets its own
# ranking and table. The salience prior (names, lead position) costs 0.005 on scientific
# abstracts but is what news keyphrases are made of, so it keeps a half weight.
DEFAULT_WEIGHTS = {
    "tfidf": 1.0, "keyness": 0.0, "yake": 1.0, "textrank": 1.0, "salience": 0.5,
    "specificity": 0.0,
}  # fmt: skip
# Specificity helps as a multiplier on the fused score (F1@10 +0.005 Inspec, +0.021 SemEval2017
# with cap 4.5, exponent 1.5), not as one more vote in the fusion (-0.006 and -0.004 at weight
# 0.5): a vote cannot demote a generic term the other methods agree on. Caps 4-4.5 and
# exponents 1-1.5 score within 0.003 of each other.
SPECIFICITY_CAP = 4.5
SPECIFICITY_EXPONENT = 1.5
RRF_K = 10
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
# A participle after these is a verb ("has reduced imports"), not a modifier.
VERBAL_CONTEXT_TAGS = frozenset(
    {"MD", "TO", "RB", "RBR", "RBS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
)
# scikit-learn's stop list holds some content nouns that news needs ("interest rates").
CONTENT_NOUN_STOPWORDS = frozenset(
    {"bill", "computer", "fire", "interest", "system", "amount", "detail", "side", "front", "mill"}
)
# Titles before a personal name: "President Donald Trump" -> "Donald Trump".
NAME_TITLES = frozenset(
    {
        "president", "vice", "prime", "minister", "premier", "mr", "mr.", "mrs", "mrs.", "ms",
        "ms.", "dr", "dr.", "sen.", "senator", "rep.", "governor", "gov.", "chancellor",
        "secretary", "chairman", "chairwoman", "ceo", "king", "queen", "prince", "princess",
        "pope", "sheikh",
    }
)  # fmt: skip


def _has_letter(text: str) -> bool:
    return any(character.isalpha() for character in text)


def _common_lemmas(tokens: pd.DataFrame) -> dict[str, str]:
    """Map lower-cased surface -> lemma for common (non-proper) words of the text."""
    common = tokens[~tokens["pos"].isin(PROPER_TAGS)]
    pairs = zip(common["lower"].astype(str), common["lemma"].astype(str).str.lower(), strict=True)
    return dict(sorted(pairs))


def annotate_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """Add the per-token facts that phrase building needs.

    Capitalised words at the start of a sentence that the text also uses in lower case
    are treated as common words, so "Tariffs will..." and "tariffs" count together.

    Args:
        tokens: Token table (sentence_id, token_id, token, lower, lemma, pos, is_stopword).

    Returns:
        The tokens sorted by token_id with extra columns ``word_key`` (lower-cased lemma),
        ``display`` (surface shown to readers), ``proper``, ``stop`` (boundary stop word)
        and ``role`` ("noun", "adj", "participle" or "" for words that end a phrase).
    """
    frame = tokens.sort_values("token_id", kind="mergesort").reset_index(drop=True)
    common = _common_lemmas(frame)
    lower = frame["lower"].astype(str).tolist()
    token = frame["token"].astype(str).tolist()
    pos = frame["pos"].astype(str).tolist()
    sentence = frame["sentence_id"].tolist()
    stopword = frame["is_stopword"].astype(str).str.lower().isin(["true", "1"]).tolist()
    lemma = frame["lemma"].astype(str).str.lower().tolist()
    glued = _glued_to_previous(frame)
    written_lower = {word for word in token if word == word.lower()}
    keys, displays, propers, stops, roles = [], [], [], [], []
    for i in range(len(frame)):
        first_in_sentence = i == 0 or sentence[i - 1] != sentence[i]
        # The tagger calls some mid-sentence capitalised names common nouns ("OpenAI").
        capitalised = pos[i] in NOUN_TAGS and token[i] != lower[i] and not first_in_sentence
        proper = (pos[i] in PROPER_TAGS or capitalised) and not (
            first_in_sentence and lower[i] in common
        )
        # Keep capitals unless they only mark the start of a sentence.
        keep_case = token[i] != lower[i] and (
            not first_in_sentence or (pos[i] in PROPER_TAGS and lower[i] not in written_lower)
        )
        keys.append(common.get(lower[i], lemma[i]) if pos[i] in PROPER_TAGS else lemma[i])
        displays.append(token[i] if proper or keep_case else lower[i])
        propers.append(proper)
        stops.append(_is_boundary_stop(stopword[i], pos[i], lower[i], proper))
        previous = "" if first_in_sentence else pos[i - 1]
        following = pos[i + 1] if i + 1 < len(frame) and sentence[i + 1] == sentence[i] else ""
        joiner = token[i] == "-" and glued[i] and i + 1 < len(frame) and glued[i + 1]
        roles.append("joiner" if joiner else _role(pos[i], token[i], previous, following))
    return frame.assign(
        word_key=keys, display=displays, proper=propers, stop=stops, role=roles, glued=glued
    )


def _glued_to_previous(frame: pd.DataFrame) -> list[bool]:
    """Whether each token touches the previous one in the same sentence ("U.S." "-" "Japan")."""
    if not {"start_char", "end_char"} <= set(frame.columns):
        return [False] * len(frame)
    same_sentence = frame["sentence_id"].eq(frame["sentence_id"].shift())
    touching = frame["start_char"].eq(frame["end_char"].shift())
    return (same_sentence & touching).tolist()


def _is_boundary_stop(stopword: bool, pos: str, lower: str, proper: bool) -> bool:
    if not stopword or proper:
        return False
    return not (pos in NOUN_TAGS and lower in CONTENT_NOUN_STOPWORDS)


def _role(pos: str, token: str, previous: str, following: str) -> str:
    """Part a word can play in a noun phrase; "" ends the phrase."""
    if not _has_letter(token):
        return ""
    if pos in NOUN_TAGS:
        # After a modal or "to" a "noun" is a verb the tagger missed ("could impact trade").
        # Before a determiner or possessive pronoun it is a verb too ("move aligns the").
        verb_like = previous in {"MD", "TO"} or following in {"DT", "PRP$", "PRP"}
        return "" if verb_like and pos in {"NN", "NNS"} else "noun"
    if pos in ADJECTIVE_TAGS:
        return "adj"
    is_modifier = (
        pos in PARTICIPLE_TAGS
        and following in {"JJ", "NN", "NNS"}
        and previous not in VERBAL_CONTEXT_TAGS
        and not (pos == "VBG" and previous == "IN")
    )
    return "participle" if is_modifier else ""


def _chunks(annotated: pd.DataFrame) -> Iterable[list[int]]:
    """Yield maximal runs of row indices that can form noun phrases (one sentence each)."""
    run: list[int] = []
    previous_sentence = None
    for index, (role, stop, sentence) in enumerate(
        zip(annotated["role"], annotated["stop"], annotated["sentence_id"], strict=True)
    ):
        # A participle only opens a phrase; inside a run it is a verb.
        joins = role in {"noun", "adj"} or (role == "participle" and not run) or role == "joiner"
        if run and (sentence != previous_sentence or not joins or stop):
            yield run
            run = []
        if role and not stop and (role != "participle" or not run) and (role != "joiner" or run):
            run.append(index)
        previous_sentence = sentence
    if run:
        yield run


def _split_before_names(
    run: list[int], proper: Sequence[bool], glued: Sequence[bool]
) -> list[list[int]]:
    """Split where a common word precedes a name ("investment giant | SoftBank")."""
    pieces = [[run[0]]]
    for index in run[1:]:
        if proper[index] and not proper[pieces[-1][-1]] and not glued[index]:
            pieces.append([index])
        else:
            pieces[-1].append(index)
    return pieces


def _strip_titles(piece: list[int], lower: Sequence[str]) -> list[int]:
    start = 0
    while start < len(piece) and lower[piece[start]] in NAME_TITLES:
        start += 1
    return piece[start:] if start < len(piece) else piece


def _phrases_in_piece(
    piece: list[int], columns: Mapping[str, Sequence], ngram_range: tuple[int, int]
) -> Iterable[list[int]]:
    """Yield the phrases of one chunk piece: the whole, its head-final suffixes, its name."""
    role, proper, lower = columns["role"], columns["proper"], columns["lower"]
    while piece and role[piece[-1]] != "noun":
        piece = piece[:-1]
    if not piece:
        return
    n_proper = 0
    while n_proper < len(piece) and proper[piece[n_proper]]:
        n_proper += 1
    glued = columns["glued"]
    low, high = ngram_range

    def fits(phrase: list[int]) -> bool:
        n_words = 1 + sum(1 for index in phrase[1:] if not glued[index])
        return low <= n_words <= high

    if n_proper:
        name = _strip_titles(piece[:n_proper], lower)
        if fits(name) and (name[0] == piece[0] or not glued[name[0]]):
            yield name
    if n_proper == len(piece):
        return
    for start in [0, *range(n_proper, len(piece))]:
        suffix = piece[start:]
        opens = start == 0 or (role[suffix[0]] in {"noun", "adj"} and not glued[suffix[0]])
        if opens and fits(suffix):
            yield suffix


def extract_candidates(
    tokens: pd.DataFrame, *, ngram_range: tuple[int, int] = (1, 3)
) -> pd.DataFrame:
    """Find candidate keyphrases: noun phrases and proper names, counted by lemma.

    Phrases follow (participle-modifier)? (JJ|NN*)* NN* within one sentence, never start
    or end with a stop word, contain a letter, and hold between ``ngram_range`` words.
    Suffixes of a noun phrase are candidates too ("natural gas" in "liquefied natural
    gas"); a name is split from the common words before it, and leading titles are
    dropped from names.

    Args:
        tokens: Token table (see CONTRIBUTING: sentence_id, token_id, token, lower, lemma,
            pos, is_stopword).
        ngram_range: Smallest and largest phrase length in words.

    Returns:
        One row per occurrence: ``key`` (space-joined lower-cased lemmas), ``surface``,
        ``sentence_id``, ``token_id`` (first word), ``n_words``, ``proper`` (all words are
        names). Sorted by token_id, then n_words.

    Raises:
        ValueError: If ``ngram_range`` is not 1 <= low <= high.
    """
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(f"invalid ngram_range {ngram_range}")
    columns = ["key", "surface", "sentence_id", "token_id", "n_words", "proper"]
    if tokens.empty:
        return pd.DataFrame(columns=columns)
    annotated = annotate_tokens(tokens)
    column_lists = {name: annotated[name].tolist() for name in _OCCURRENCE_COLUMNS}
    column_lists["lower"] = annotated["lower"].astype(str).tolist()
    rows = []
    for run in _chunks(annotated):
        pieces = _split_before_names(run, column_lists["proper"], column_lists["glued"])
        for piece in pieces:
            for phrase in _phrases_in_piece(piece, column_lists, ngram_range):
                rows.append(_occurrence(column_lists, phrase))
    frame = pd.DataFrame(rows, columns=columns).drop_duplicates(["token_id", "n_words"])
    return frame.sort_values(["token_id", "n_words"], kind="mergesort").reset_index(drop=True)


_OCCURRENCE_COLUMNS = ("glued", "word_key", "display", "role", "proper", "sentence_id", "token_id")


def _occurrence(columns: Mapping[str, list], phrase: list[int]) -> tuple:
    """One candidate occurrence from the annotated token columns (plain lists: fast)."""
    glued, word_key, display = columns["glued"], columns["word_key"], columns["display"]
    key, shown = word_key[phrase[0]], display[phrase[0]]
    for index in phrase[1:]:
        separator = "" if glued[index] else " "
        key, shown = f"{key}{separator}{word_key[index]}", f"{shown}{separator}{display[index]}"
    proper = [columns["proper"][i] for i in phrase if columns["role"][i] != "joiner"]
    return (
        key,
        shown,
        int(columns["sentence_id"][phrase[0]]),
        int(columns["token_id"][phrase[0]]),
        len(key.split(" ")),
        bool(all(proper)),
    )


def display_forms(occurrences: pd.DataFrame) -> dict[str, str]:
    """Choose each key's shown form: its most frequent surface, ties alphabetically.

    Args:
        occurrences: Output of :func:`extract_candidates`.

    Returns:
        key -> surface form.
    """
    if occurrences.empty:
        return {}
    counts = occurrences.groupby(["key", "surface"]).size().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "surface"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("key")[["key", "surface"]].itertuples(index=False))


def surface_index(occurrences: pd.DataFrame) -> dict[str, str]:
    """Map every lower-cased surface form to its key (to match other tools' output)."""
    pairs = occurrences[["surface", "key"]].drop_duplicates().sort_values(["surface", "key"])
    return {surface.lower(): key for surface, key in pairs.itertuples(index=False)}


def documents_from(occurrences: pd.DataFrame, doc_of_sentence: Mapping[int, object]) -> dict:
    """Group candidate keys (in text order, with repeats) by document.

    Args:
        occurrences: Output of :func:`extract_candidates`.
        doc_of_sentence: sentence_id -> document id (e.g. its section_id).

    Returns:
        document id -> list of keys, documents in sorted order.
    """
    docs = occurrences["sentence_id"].map(doc_of_sentence)
    grouped: dict = {}
    for doc, key in zip(docs, occurrences["key"], strict=True):
        grouped.setdefault(doc, []).append(key)
    return {doc: grouped[doc] for doc in sorted(grouped)}


def _ranked(rows: list[tuple[object, str, float]], top_k: int | None) -> pd.DataFrame:
    """Sort (doc, key, score) rows by score descending, key ascending; number ranks."""
    if not rows:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    # Plain sorting: rankings are small and many, and a DataFrame sort costs ~1 ms each.
    # A NaN score sorts last, as pandas would put it.
    ordered = sorted(rows, key=lambda row: (row[0], math.isnan(row[2]), -row[2], row[1]))
    ranked, rank, previous_doc = [], 0, object()
    for doc, key, score in ordered:
        rank = rank + 1 if doc == previous_doc else 1
        previous_doc = doc
        if top_k is None or rank <= top_k:
            ranked.append((doc, key, score, rank))
    return pd.DataFrame(ranked, columns=["doc", "key", "score", "rank"])[RANKING_COLUMNS]


def rank_tfidf(
    documents: Mapping[object, Sequence[str]],
    *,
    background: Mapping[object, Sequence[str]] | None = None,
    top_k: int | None = None,
    sublinear_tf: bool = True,
) -> pd.DataFrame:
    """TF-IDF over precomputed candidates, with the documents (plus background) as the IDF set.

    Args:
        documents: document id -> candidate keys with repeats (the term frequencies).
        background: Extra documents used only for the IDF (e.g. other articles); when
            the targets are themselves the IDF set, leave it out.
        top_k: Keep this many terms per document (all if None).
        sublinear_tf: Use 1 + log(tf), so one repeated word does not swamp the list.

    Returns:
        Ranking frame (doc, key, score, rank).
    """
    ids = list(documents)
    if not ids:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    vectorizer = TfidfVectorizer(
        analyzer=list, sublinear_tf=sublinear_tf, norm=None, lowercase=False
    )
    vectorizer.fit([*documents.values(), *(background or {}).values()])
    matrix = vectorizer.transform(list(documents.values())).tocoo()
    vocabulary = vectorizer.get_feature_names_out()
    rows = [
        (ids[r], str(vocabulary[c]), float(v))
        for r, c, v in zip(matrix.row, matrix.col, matrix.data, strict=True)
    ]
    return _ranked(rows, top_k)


def rank_keyness(
    documents: Mapping[object, Sequence[str]],
    sizes: Mapping[object, int],
    *,
    top_k: int | None = None,
) -> pd.DataFrame:
    """Rank each document's over-used candidates by log-likelihood G² against the rest.

    Args:
        documents: document id -> candidate keys with repeats (two or more documents).
        sizes: document id -> number of words (corpus size for G²).
        top_k: Keep this many terms per document (all if None).

    Returns:
        Ranking frame; only terms relatively more frequent in the document than elsewhere.
    """
    table = keyness_table(candidate_counts(documents), sizes)
    over = table[table["sign"] > 0]
    rows = list(zip(over["section_id"], over["term"], over["g2"].astype(float), strict=True))
    return _ranked(rows, top_k)


def count_map(documents: Mapping[object, Sequence[str]]) -> dict[tuple[object, str], int]:
    """(doc, key) -> occurrences, for :func:`headline_ranking`'s ``counts``."""
    return {(doc, key): n for doc, keys in documents.items() for key, n in Counter(keys).items()}


def candidate_counts(documents: Mapping[object, Sequence[str]]) -> pd.DataFrame:
    """Tidy (doc, key, count) frame from grouped candidate keys, sorted."""
    rows = [(doc, key, n) for doc, keys in documents.items() for key, n in Counter(keys).items()]
    return (
        pd.DataFrame(rows, columns=["doc", "key", "count"])
        .sort_values(["doc", "key"])
        .reset_index(drop=True)
    )


def rank_yake(
    texts: Mapping[object, str],
    allowed: Mapping[object, Iterable[str]],
    index: Mapping[str, str],
    *,
    max_ngram: int = 3,
    top_k: int | None = None,
    pool: int = 100,
) -> pd.DataFrame:
    """YAKE on each document's text, kept only where YAKE's phrase is one of our candidates.

    YAKE's own n-grams can be fragments ("Thursday to meet"); matching them to the
    candidate set keeps only well-formed phrases. Score = 1 / (1 + YAKE score), so higher
    is better like the other methods.

    Args:
        texts: document id -> text.
        allowed: document id -> candidate keys present in it.
        index: lower-cased surface -> key (:func:`surface_index`).
        max_ngram: Longest phrase YAKE builds.
        top_k: Keep this many terms per document (all if None).
        pool: How many YAKE phrases to request before filtering.

    Returns:
        Ranking frame.
    """
    extractor = yake.KeywordExtractor(lan="en", n=max_ngram, top=pool, dedup_lim=1.0)
    rows = []
    for doc, text in texts.items():
        permitted = set(allowed.get(doc, ()))
        best: dict[str, float] = {}
        for phrase, value in extractor.extract_keywords(text):
            key = index.get(phrase.lower())
            if key in permitted and key not in best:
                best[key] = 1.0 / (1.0 + float(value))
        rows.extend((doc, key, score) for key, score in best.items())
    return _ranked(rows, top_k)


def rank_textrank(
    occurrences: pd.DataFrame,
    doc_of_sentence: Mapping[int, object],
    *,
    window: int = 3,
    damping: float = 0.85,
    top_k: int | None = None,
) -> pd.DataFrame:
    """TextRank: PageRank over words of the candidates linked when close in a sentence.

    A phrase scores the sum of its words' PageRank divided by sqrt(length): longer
    phrases gain, but not linearly (plain sums favour any long chain).

    Args:
        occurrences: Output of :func:`extract_candidates`.
        doc_of_sentence: sentence_id -> document id.
        window: Words this many token positions apart or closer are linked.
        damping: PageRank damping factor.
        top_k: Keep this many terms per document (all if None).

    Returns:
        Ranking frame.
    """
    words = _candidate_words(occurrences, doc_of_sentence)
    keys_of_doc = documents_from(occurrences, doc_of_sentence)
    rows = []
    for doc, group in words.groupby("doc", sort=True):
        graph = _cooccurrence_graph(group, window)
        if graph.number_of_edges():
            rank = nx.pagerank(graph, alpha=damping, weight="weight", max_iter=1000, tol=1e-9)
        else:
            rank = dict.fromkeys(graph.nodes, 1.0 / max(graph.number_of_nodes(), 1))
        for key in dict.fromkeys(keys_of_doc[doc]):
            parts = key.split(" ")
            rows.append((doc, key, sum(rank.get(p, 0.0) for p in parts) / np.sqrt(len(parts))))
    return _ranked(rows, top_k)


def _candidate_words(
    occurrences: pd.DataFrame, doc_of_sentence: Mapping[int, object]
) -> pd.DataFrame:
    """Each word position covered by a candidate: doc, sentence_id, position, word key."""
    rows = {}
    for key, sentence, start in zip(
        occurrences["key"], occurrences["sentence_id"], occurrences["token_id"], strict=True
    ):
        for offset, word in enumerate(key.split(" ")):
            rows[(sentence, int(start) + offset)] = (
                doc_of_sentence[sentence],
                sentence,
                int(start) + offset,
                word,
            )
    frame = pd.DataFrame(list(rows.values()), columns=["doc", "sentence_id", "position", "word"])
    return frame.sort_values(["sentence_id", "position"], kind="mergesort")


def _cooccurrence_graph(words: pd.DataFrame, window: int) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(words["word"].unique()))
    for _, sentence in words.groupby("sentence_id", sort=True):
        positions = sentence["position"].to_numpy()
        keys = sentence["word"].to_numpy()
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                if positions[j] - positions[i] > window:
                    break
                if keys[i] != keys[j]:
                    weight = graph.get_edge_data(keys[i], keys[j], {"weight": 0.0})["weight"]
                    graph.add_edge(keys[i], keys[j], weight=weight + 1.0)
    return graph


def rank_salience(
    occurrences: pd.DataFrame,
    doc_of_sentence: Mapping[int, object],
    *,
    proper_boost: float = 1.5,
    top_k: int | None = None,
) -> pd.DataFrame:
    """A news prior: frequent terms, names, and terms met early score high.

    score = log2(1 + count) * position * (proper_boost if a name), where position =
    1 / sqrt(1 + index of the first sentence using the term within the document). News
    puts its key entities and topic in the lead; names are what readers search for.

    Args:
        occurrences: Output of :func:`extract_candidates`.
        doc_of_sentence: sentence_id -> document id.
        proper_boost: Multiplier for proper names.
        top_k: Keep this many terms per document (all if None).

    Returns:
        Ranking frame.
    """
    frame = occurrences.assign(doc=occurrences["sentence_id"].map(doc_of_sentence))
    frame["sentence_rank"] = frame.groupby("doc")["sentence_id"].rank(method="dense") - 1
    stats = frame.groupby(["doc", "key"], sort=True).agg(
        count=("key", "size"), first=("sentence_rank", "min"), proper=("proper", "max")
    )
    score = np.log2(1 + stats["count"]) / np.sqrt(1 + stats["first"])
    score = score * np.where(stats["proper"], proper_boost, 1.0)
    rows = [(doc, key, float(value)) for (doc, key), value in score.items()]
    return _ranked(rows, top_k)


def headline_ranking(
    rankings: Mapping[str, pd.DataFrame],
    *,
    weights: Mapping[str, float] | None = None,
    rrf_k: float = RRF_K,
    drop_nested: bool = True,
    prior: Mapping[str, float] | None = None,
    counts: Mapping[tuple[object, str], int] | None = None,
    names: Collection[str] = frozenset(),
    top_k: int | None = None,
) -> pd.DataFrame:
    """Fuse several methods' rankings by weighted reciprocal-rank fusion.

    score(term) = prior(term) * sum over methods of weight / (rrf_k + rank); a method that
    does not rank a term adds nothing; terms a method scores equally share their best rank.
    Works with any non-empty subset of methods.

    Args:
        rankings: method name -> ranking frame (doc, key, score, rank), all ranks kept;
            higher scores rank better.
        weights: method name -> weight (missing methods weigh 1; if every method that ran
            weighs 0, all weigh 1).
        rrf_k: Damping constant; small values trust each method's top more.
        drop_nested: Remove terms nested in a higher-ranked term (:func:`remove_nested`).
        prior: key -> multiplier of its fused score (e.g. :func:`specificity_prior`);
            keys it lacks keep their score.
        counts: (doc, key) -> occurrences; when given (and ``drop_nested``), a term seen
            only inside one longer term ("personnel" in "military personnel") hands its
            score to that term (:func:`merge_subsumed`).
        names: Keys that are proper names; a surname folds into the one full name of its
            document that ends in it (:func:`merge_surnames`).
        top_k: Keep this many terms per document (all if None).

    Returns:
        Ranking frame of the fused scores.

    Raises:
        ValueError: If ``rankings`` is empty.
    """
    if not rankings:
        raise ValueError("headline_ranking needs at least one method")
    weights = {method: float((weights or {}).get(method, 1.0)) for method in rankings}
    if not any(weights.values()):  # only zero-weight methods ran: treat them equally
        weights = dict.fromkeys(rankings, 1.0)
    fused: dict[tuple[object, str], float] = {}
    for method in sorted(rankings):
        frame = rankings[method]
        weight = weights[method]
        # Equal scores share the best rank: TF-IDF ties (every term seen once) would
        # otherwise be ordered alphabetically, and the fusion would trust that order.
        shared = frame.groupby("doc")["score"].rank(method="min", ascending=False)
        for doc, key, rank in zip(frame["doc"], frame["key"], shared, strict=True):
            fused[(doc, key)] = fused.get((doc, key), 0.0) + weight / (rrf_k + float(rank))
    factor = prior or {}
    rows = [(doc, key, score * factor.get(key, 1.0)) for (doc, key), score in fused.items()]
    if drop_nested and counts is not None:
        rows = merge_subsumed(rows, counts)
    if drop_nested and names:
        rows = merge_surnames(rows, names)
    ranking = _ranked(rows, None)
    if drop_nested:
        ranking = remove_nested(ranking)
    if top_k is not None:
        ranking = ranking[ranking["rank"] <= top_k].reset_index(drop=True)
    return ranking


def _scores_by_doc(rows: Sequence[tuple[object, str, float]]) -> dict[object, dict[str, float]]:
    by_doc: dict[object, dict[str, float]] = {}
    for doc, key, score in rows:
        by_doc.setdefault(doc, {})[key] = score
    return by_doc


def _rows_without(
    rows: Sequence[tuple[object, str, float]],
    by_doc: Mapping[object, Mapping[str, float]],
    dropped: Collection[tuple[object, str]],
) -> list[tuple[object, str, float]]:
    """The rows in their input order, minus ``dropped``, with the (merged) scores of ``by_doc``."""
    return [(doc, key, by_doc[doc][key]) for doc, key, _ in rows if (doc, key) not in dropped]


def merge_subsumed(
    rows: Sequence[tuple[object, str, float]], counts: Mapping[tuple[object, str], int]
) -> list[tuple[object, str, float]]:
    """Fold a term into a longer term of its document that is seen exactly as often.

    Then every occurrence of the short term is part of the long one ("personnel" only in
    "military personnel"), so the long term says more; it keeps the better of the two
    scores and the short term goes. Among several such longer terms the best-scored wins.

    Args:
        rows: (doc, key, score) triples.
        counts: (doc, key) -> occurrences in the document.

    Returns:
        The rows without subsumed terms, in the input order.
    """
    by_doc = _scores_by_doc(rows)
    dropped = set()
    for doc, scores in by_doc.items():
        for key in sorted(scores, key=lambda k: (len(k.split(" ")), k)):
            longer = [
                other
                for other in scores
                if (doc, other) not in dropped
                and other != key
                and f" {key} " in f" {other} "
                and counts.get((doc, other)) == counts.get((doc, key))
            ]
            if longer:
                best = max(longer, key=lambda other: (scores[other], other))
                scores[best] = max(scores[best], scores[key])
                dropped.add((doc, key))
    return _rows_without(rows, by_doc, dropped)


def merge_surnames(
    rows: Sequence[tuple[object, str, float]], names: Collection[str]
) -> list[tuple[object, str, float]]:
    """Fold a one-word name into the single longer name of its document that ends in it.

    News names a person in full once and by surname after ("Shigeru Ishiba" ... "Ishiba"),
    so both would fill a summary's slots. The full name keeps the better score and the
    surname goes; a surname shared by two full names ("Abe": Shinzo and Akie) stays.

    Args:
        rows: (doc, key, score) triples.
        names: Keys that are proper names.

    Returns:
        The rows without merged surnames, in the input order.
    """
    by_doc = _scores_by_doc(rows)
    dropped = set()
    for doc, scores in by_doc.items():
        for key in sorted(k for k in scores if k in names and " " not in k):
            full = [o for o in scores if o in names and " " in o and o.split(" ")[-1] == key]
            if len(full) == 1:
                scores[full[0]] = max(scores[full[0]], scores[key])
                dropped.add((doc, key))
    return _rows_without(rows, by_doc, dropped)


def remove_nested(ranking: pd.DataFrame) -> pd.DataFrame:
    """Drop a term whose words all sit, in order, inside a higher-ranked term of its document.

    "natural gas" below "liquefied natural gas" adds nothing to a summary; ranks are
    renumbered from 1.

    Args:
        ranking: Ranking frame (doc, key, score, rank).

    Returns:
        The ranking without nested terms.
    """
    keep = []
    kept_by_doc: dict[object, list[str]] = {}
    for doc, key in zip(ranking["doc"], ranking["key"], strict=True):
        kept = kept_by_doc.setdefault(doc, [])
        nested = any(f" {key} " in f" {longer} " for longer in kept)
        keep.append(not nested)
        if not nested:
            kept.append(key)
    frame = ranking[keep].copy()
    frame["rank"] = frame.groupby("doc").cumcount() + 1
    return frame.reset_index(drop=True)


# General-English word frequencies on the Zipf scale (log10 per billion words): "the" 7.7,
# "time" 6.3, "meeting" 5.2, "topic" 4.5, "tariff" 3.5. They ship inside the ``wordfreq``
# package (its "small" English list, words at Zipf >= 3); its data file is read directly
# because importing wordfreq itself costs ~0.5 s (text-normalisation dependencies).
ZIPF_CEILING = 8.0
# Words missing from the small list are rarer than Zipf 3 (names, technical terms).
ZIPF_UNKNOWN = 2.5
_WORDFREQ_LIST = "small_en.msgpack.gz"


@load_once
def english_zipf() -> Mapping[str, float]:
    """General-English Zipf frequency of each word in wordfreq's small English list.

    Returns:
        lower-cased word -> Zipf frequency (3 to 7.7); loaded once per process.

    Raises:
        ModuleNotFoundError: If the ``wordfreq`` package is not installed.
        FileNotFoundError: If its English list is missing.
    """
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the specificity ranking needs the 'wordfreq' package")
    import msgpack  # installed with wordfreq

    path = Path(next(iter(spec.submodule_search_locations))) / "data" / _WORDFREQ_LIST
    with gzip.open(path, "rb") as handle:
        header, *buckets = msgpack.unpack(handle, raw=False)
    if header.get("format") != "cB":
        raise ValueError(f"{path}: unexpected word list format {header}")
    # Bucket i holds the words with frequency 10^(-i/100), i.e. Zipf 9 - i/100.
    return {word: 9.0 - index / 100.0 for index, bucket in enumerate(buckets) for word in bucket}


def word_zipf(word: str, zipf: Mapping[str, float]) -> float:
    """Zipf frequency of one candidate word (a lemma key); compounds average their parts.

    Args:
        word: Lower-cased word, possibly hyphenated ("u.s.-japan") or dotted ("u.s.").
        zipf: word -> Zipf frequency (:func:`english_zipf`).

    Returns:
        The frequency, :data:`ZIPF_UNKNOWN` for words the list lacks.
    """
    word = word.lower().removesuffix("'s").removesuffix("’s")
    for form in (word, word.rstrip(".")):
        if form in zipf:
            return zipf[form]
    parts = [part for part in word.replace("/", "-").split("-") if part.strip(".")]
    if len(parts) > 1:
        return float(np.mean([word_zipf(part, zipf) for part in parts]))
    return ZIPF_UNKNOWN


def informativeness(key: str, zipf: Mapping[str, float]) -> float:
    """How unexpected a phrase is in general English: mean of ZIPF_CEILING - Zipf per word.

    "topic" 3.5, "meeting" 2.8, "time" 1.7; "tariff" 4.5; unlisted names 5.5.

    Args:
        key: Candidate key (space-joined lemmas).
        zipf: word -> Zipf frequency (:func:`english_zipf`).

    Returns:
        A value in (0, ZIPF_CEILING - ZIPF_UNKNOWN].
    """
    words = key.split(" ")
    return float(np.mean([max(ZIPF_CEILING - word_zipf(w, zipf), 0.1) for w in words]))


def rank_specificity(
    occurrences: pd.DataFrame,
    doc_of_sentence: Mapping[int, object],
    *,
    zipf: Mapping[str, float] | None = None,
    top_k: int | None = None,
) -> pd.DataFrame:
    """Keyness against general English: frequent here, rare in the language at large.

    score = (1 + ln count) * :func:`informativeness`, a TF-IDF whose IDF comes from a
    general-language reference instead of the other documents, so it works on a single
    text and ranks generic nouns ("topic", "meeting", "time") below specific terms
    ("tariffs", "Nippon Steel", "liquefied natural gas") seen as often.

    Args:
        occurrences: Output of :func:`extract_candidates`.
        doc_of_sentence: sentence_id -> document id.
        zipf: word -> Zipf frequency (default :func:`english_zipf`).
        top_k: Keep this many terms per document (all if None).

    Returns:
        Ranking frame.
    """
    table = english_zipf() if zipf is None else zipf
    counts = candidate_counts(documents_from(occurrences, doc_of_sentence))
    rows = [
        (doc, key, (1.0 + float(np.log(n))) * informativeness(key, table))
        for doc, key, n in counts.itertuples(index=False)
    ]
    return _ranked(rows, top_k)


def specificity_prior(
    keys: Iterable[str],
    *,
    zipf: Mapping[str, float] | None = None,
    cap: float = SPECIFICITY_CAP,
    exponent: float = SPECIFICITY_EXPONENT,
) -> dict[str, float]:
    """Multiplier in (0, 1] that demotes phrases made of common English words.

    factor = (min(informativeness, cap) / cap) ** exponent: "time" 0.23, "meeting" 0.50,
    "topic" 0.69, "alliance" 0.72, and 1 for any phrase whose words average Zipf <= 8 - cap
    (3.5 by default: "tariff", names). The cap keeps rare words from all outranking frequent
    ones.

    Args:
        keys: Candidate keys.
        zipf: word -> Zipf frequency (default :func:`english_zipf`).
        cap: Informativeness at and above which a phrase is not demoted.
        exponent: Strength; 0 turns the prior off.

    Returns:
        key -> factor.

    Raises:
        ValueError: If ``cap`` is not positive or ``exponent`` is negative.
    """
    if cap <= 0 or exponent < 0:
        raise ValueError(f"need cap > 0 and exponent >= 0; got {cap}, {exponent}")
    unique = sorted(set(keys))
    if exponent == 0:
        return dict.fromkeys(unique, 1.0)
    table = english_zipf() if zipf is None else zipf
    return {
        key: (min(informativeness(key, table), cap) / cap) ** exponent * _shell_factor(key)
        for key in unique
    }


# Shell nouns (Schmid 2000) stand for content given elsewhere ("a major topic", "this
# issue") and say nothing about a text on their own; word frequency cannot tell them from
# content nouns as common as they are ("topic" and "alliance" have the same Zipf value).
SHELL_NOUNS = frozenset(
    """aspect case fact issue kind matter part point problem question sort thing topic
    type way""".split()
)
SHELL_NOUN_FACTOR = 0.5


def _shell_factor(key: str) -> float:
    """Halve a single shell noun; phrases that name their content ("trade issue") keep 1."""
    return SHELL_NOUN_FACTOR if key in SHELL_NOUNS else 1.0
