"""Content terms of articles: the bags of words that topic models are fitted on.

Terms are content-word lemmas (nouns, proper nouns, adjectives, verbs; no stop words, no
reporting or light verbs, no forms of address such as "Mr", no punctuation, numbers or
amounts such as "1.4bn" or "5,000m", no legislator's party tag such as "D-N.Y."),
lower-cased, plus adjective/noun + noun bigrams ("natural gas") that occur often enough.
The extraction is one pass over the tokens in plain Python, so its cost is linear in the
article's length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.names import HONORIFICS, is_party_affiliation
from analysis.tokens import is_quantity

CONTENT_POS_PREFIXES = ("NN", "JJ", "VB")
# Reporting and light verbs occur in every news paragraph whatever its theme.
LIGHT_VERBS = frozenset({"say", "tell", "add", "make", "come", "know", "want", "need", "use"})
# The token and sentence columns topic modelling reads (corpus jobs read only these).
TOKEN_COLUMNS_USED = ("sentence_id", "token_id", "lemma", "pos", "is_stopword")
SENTENCE_COLUMNS_USED = ("sentence_id", "paragraph_id")
_EXCLUDED = frozenset(ENGLISH_STOP_WORDS) | LIGHT_VERBS | {word.lower() for word in HONORIFICS}
_BIGRAM_HEAD = ("NN", "JJ")


@dataclass(frozen=True)
class Documents:
    """Bags of terms with their identifiers.

    Attributes:
        ids: One identifier per document (paragraph id, sentence id, article id...).
        terms: One list of terms per document, in text order.
    """

    ids: list
    terms: list[list[str]]

    @property
    def lengths(self) -> np.ndarray:
        """Number of terms in each document."""
        return np.array([len(doc) for doc in self.terms], dtype=float)


@dataclass(frozen=True)
class TermRows:
    """Content terms of a token table, one entry per term occurrence, in text order.

    Attributes:
        row: Position of the term's token in the (sorted) token table; a bigram has its
            second token's position.
        term: The lower-cased lemma, or two lemmas joined by a space.
    """

    row: list[int]
    term: list[str]


def _values(column: pd.Series) -> list:
    """The column as a Python list (converted in C, also for Arrow-backed strings)."""
    return column.to_numpy(dtype=object).tolist()


def _stop_flags(values: pd.Series) -> list[bool]:
    if values.dtype == bool:
        return values.tolist()
    return [str(v).strip().lower() in ("true", "1") for v in _values(values)]


def _is_content_lemma(lemma: str) -> bool:
    return (
        len(lemma) > 1
        and lemma not in _EXCLUDED
        and any("a" <= c <= "z" for c in lemma)
        and not is_quantity(lemma)
    )


def extract_terms(
    tokens: pd.DataFrame,
    *,
    noun_bigrams: bool = True,
    min_bigram_count: int = 2,
    group_column: str | None = None,
) -> TermRows:
    """Content terms of a token table sorted by ``[group_column,] token_id``.

    A bigram is two adjacent tokens of one sentence (and group), an adjective or noun followed
    by a noun, both content words; it is kept when it occurs at least ``min_bigram_count``
    times and is then listed after its second word.

    Args:
        tokens: Token table (sentence_id, token_id, lemma, pos, is_stopword), sorted.
        noun_bigrams: Whether to add bigrams.
        min_bigram_count: Minimum number of occurrences of a kept bigram.
        group_column: Optional column (an article id) that keeps articles apart.

    Returns:
        The terms with the positions of their tokens.
    """
    written = [str(v) for v in _values(tokens["lemma"])]
    lemmas = [lemma.lower() for lemma in written]
    pos = [str(v)[:2] for v in _values(tokens["pos"])]
    stop = _stop_flags(tokens["is_stopword"])
    sentence = _values(tokens["sentence_id"])
    token_id = _values(tokens["token_id"])
    group = _values(tokens[group_column]) if group_column else None
    # A party tag (lemmas keep a name's capitals, so it is tested as written) is no theme.
    content = [
        p in CONTENT_POS_PREFIXES
        and not s
        and _is_content_lemma(lemma)
        and not is_party_affiliation(as_written)
        for lemma, as_written, p, s in zip(lemmas, written, pos, stop, strict=True)
    ]
    rows: list[int] = []
    terms: list[str] = []
    bigram_at: list[tuple[int, str]] = []
    for i, keep in enumerate(content):
        if not keep:
            continue
        rows.append(i)
        terms.append(lemmas[i])
        if (
            noun_bigrams
            and i > 0
            and content[i - 1]
            and pos[i] == "NN"
            and pos[i - 1] in _BIGRAM_HEAD
            and sentence[i - 1] == sentence[i]
            and token_id[i - 1] == token_id[i] - 1
            and (group is None or group[i - 1] == group[i])
        ):
            bigram_at.append((len(rows), f"{lemmas[i - 1]} {lemmas[i]}"))
    if not bigram_at:
        return TermRows(row=rows, term=terms)
    counts = Counter(term for _, term in bigram_at)
    out_rows, out_terms, start = [], [], 0
    for position, term in bigram_at:
        if counts[term] < min_bigram_count:
            continue
        out_rows += [*rows[start:position], rows[position - 1]]
        out_terms += [*terms[start:position], term]
        start = position
    return TermRows(row=out_rows + rows[start:], term=out_terms + terms[start:])


def _sorted_tokens(tokens: pd.DataFrame, group_column: str | None) -> pd.DataFrame:
    keys = [group_column, "token_id"] if group_column else ["token_id"]
    if not group_column and tokens["token_id"].is_monotonic_increasing:
        return tokens.reset_index(drop=True)
    return tokens.sort_values(keys, kind="stable").reset_index(drop=True)


def content_terms(
    tokens: pd.DataFrame,
    *,
    noun_bigrams: bool = True,
    min_bigram_count: int = 2,
    group_column: str | None = None,
) -> pd.DataFrame:
    """Return the content-word lemmas of a token table, with frequent noun bigrams added.

    Args:
        tokens: Token table (sentence_id, token_id, lemma, pos, is_stopword).
        noun_bigrams: Whether to add bigrams (see :func:`extract_terms`).
        min_bigram_count: Minimum number of occurrences of a kept bigram.
        group_column: Optional column (an article id, say) that keeps several articles'
            tokens apart in one table; it is carried into the output.

    Returns:
        Columns [group_column,] sentence_id, token_id, term (lower-cased), in text order; a
        bigram carries the token_id of its second token and follows that token's unigram.
    """
    frame = _sorted_tokens(tokens, group_column)
    found = extract_terms(
        frame,
        noun_bigrams=noun_bigrams,
        min_bigram_count=min_bigram_count,
        group_column=group_column,
    )
    columns = [*([group_column] if group_column else []), "sentence_id", "token_id"]
    out = frame[columns].iloc[found.row].reset_index(drop=True)
    out["term"] = found.term
    return out


def article_documents(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    unit: str,
    noun_bigrams: bool = True,
    min_bigram_count: int = 2,
) -> Documents:
    """Split one article into documents (paragraphs or sentences) of content terms.

    Every paragraph (or sentence) of ``sentences`` becomes a document, also when it has no
    content term, so the result lines up with the article's paragraph table.

    Args:
        tokens: The article's token table.
        sentences: The article's sentence table (sentence_id, paragraph_id).
        unit: ``"paragraph"`` or ``"sentence"``.
        noun_bigrams: Whether to add frequent noun bigrams (see :func:`extract_terms`).
        min_bigram_count: Minimum count of a kept bigram in the article.

    Returns:
        The documents, ordered by id.

    Raises:
        ValueError: If ``unit`` is unknown.
    """
    if unit not in ("paragraph", "sentence"):
        raise ValueError(f"topics unit must be 'paragraph' or 'sentence', got {unit!r}")
    id_column = "paragraph_id" if unit == "paragraph" else "sentence_id"
    ids = sorted({int(i) for i in sentences[id_column]})
    if tokens.empty:
        return Documents(ids=ids, terms=[[] for _ in ids])
    frame = _sorted_tokens(tokens, None)
    found = extract_terms(frame, noun_bigrams=noun_bigrams, min_bigram_count=min_bigram_count)
    doc_of_sentence = dict(
        zip(sentences["sentence_id"].tolist(), sentences[id_column].tolist(), strict=True)
    )
    slot = {doc: i for i, doc in enumerate(ids)}
    bags: list[list[str]] = [[] for _ in ids]
    sentence_of_row = frame["sentence_id"].tolist()
    for row, term in zip(found.row, found.term, strict=True):
        doc = doc_of_sentence.get(sentence_of_row[row])
        if doc is not None:
            bags[slot[int(doc)]].append(term)
    return Documents(ids=ids, terms=bags)


def grouped_documents(terms_by_group: Sequence[Sequence[str]], group_ids: Sequence) -> Documents:
    """Wrap already tokenised documents (one term list per id) as :class:`Documents`."""
    return Documents(ids=list(group_ids), terms=[list(doc) for doc in terms_by_group])
