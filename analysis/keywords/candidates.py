"""Candidate keyphrases: noun phrases and proper names found in the token table.

Candidates are noun phrases and proper names found by part-of-speech patterns inside one
sentence, counted by lemma, never starting or ending with a stop word. Everything here works
on plain lists (a token table's columns), so one article costs about a millisecond and the
cost grows linearly with its length.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import pandas as pd

from analysis.names import is_address, is_party_affiliation, is_person_title
from analysis.tokens import is_quantity, unescaped

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
# A participle after these is a verb ("has reduced imports"), not a modifier.
VERBAL_CONTEXT_TAGS = frozenset(
    {"MD", "TO", "RB", "RBR", "RBS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
)
# scikit-learn's stop list holds some content nouns that news needs ("interest rates").
CONTENT_NOUN_STOPWORDS = frozenset(
    {"bill", "computer", "fire", "interest", "system", "amount", "detail", "side", "front", "mill"}
)
CANDIDATE_COLUMNS = ["key", "surface", "sentence_id", "token_id", "n_words", "proper"]


class Occurrence(NamedTuple):
    """One occurrence of a candidate phrase."""

    key: str  # space-joined lower-cased lemmas
    surface: str
    sentence_id: int
    token_id: int  # first word
    n_words: int
    proper: bool  # every word is a name


class AnnotatedTokens(NamedTuple):
    """Token columns as lists, with the per-token facts phrase building needs."""

    sentence_id: list[int]
    token_id: list[int]
    token: list[str]
    lower: list[str]
    word_key: list[str]  # lower-cased lemma
    display: list[str]  # surface shown to readers
    proper: list[bool]
    stop: list[bool]  # a stop word that may not open or close a phrase
    stopword: list[bool]  # any stop word
    role: list[str]  # "noun", "adj", "participle", "joiner" or "" (ends a phrase)
    glued: list[bool]  # touches the previous token ("U.S." "-" "Japan")
    first_in_sentence: list[bool]
    pos: list[str]  # part-of-speech tag


def _has_letter(text: str) -> bool:
    return any(character.isalpha() for character in text)


def _strings(column: pd.Series) -> list[str]:
    return [value if isinstance(value, str) else str(value) for value in column.tolist()]


def _truthy(values: Iterable) -> list[bool]:
    return [value is True or str(value).lower() in ("true", "1") for value in values]


def annotate_tokens(tokens: pd.DataFrame) -> AnnotatedTokens:
    """Add the per-token facts that phrase building needs.

    Capitalised words at the start of a sentence that the text also uses in lower case
    are treated as common words, so "Tariffs will..." and "tariffs" count together.

    Args:
        tokens: Token table (sentence_id, token_id, token, lower, lemma, pos, is_stopword;
            start_char and end_char when known).

    Returns:
        The tokens in token_id order, as lists (:class:`AnnotatedTokens`).
    """
    frame = tokens.sort_values("token_id", kind="mergesort")
    sentence = frame["sentence_id"].astype(int).tolist()
    glued = _glued_to_previous(frame, sentence)
    return annotate_lists(
        sentence_id=sentence,
        token_id=frame["token_id"].astype(int).tolist(),
        token=_strings(frame["token"]),
        lower=_strings(frame["lower"]),
        lemma=_strings(frame["lemma"]),
        pos=_strings(frame["pos"]),
        stopword=_truthy(frame["is_stopword"].tolist()),
        glued=glued,
    )


def annotate_lists(
    *,
    sentence_id: list[int],
    token_id: list[int],
    token: list[str],
    lower: list[str],
    lemma: list[str],
    pos: list[str],
    stopword: list[bool],
    glued: list[bool],
) -> AnnotatedTokens:
    """:func:`annotate_tokens` on token columns given as lists, in token order."""
    sentence = sentence_id
    lemma = [value.lower() for value in lemma]
    n = len(token)
    first = [i == 0 or sentence[i - 1] != sentence[i] for i in range(n)]
    # Lower-cased surface -> lemma for common (non-proper) words, the last pair in sorted order.
    common = dict(sorted((lower[i], lemma[i]) for i in range(n) if pos[i] not in PROPER_TAGS))
    written_lower = {word for word in token if word == word.lower()}
    # Words the document capitalises inside sentences: their capitals belong to the word
    # ("Japanese investment giant SoftBank" opening a sentence keeps "Japanese").
    capitalised_inside = {lower[i] for i in range(n) if not first[i] and token[i] != lower[i]}
    keys, displays, propers, stops, roles = [], [], [], [], []
    for i in range(n):
        # The tagger calls some mid-sentence capitalised names common nouns ("OpenAI").
        capitalised = pos[i] in NOUN_TAGS and token[i] != lower[i] and not first[i]
        proper = (pos[i] in PROPER_TAGS or capitalised) and not (first[i] and lower[i] in common)
        # Keep capitals unless they only mark the start of a sentence.
        keep_case = token[i] != lower[i] and (
            not first[i]
            or (
                (pos[i] in PROPER_TAGS or lower[i] in capitalised_inside)
                and lower[i] not in written_lower
            )
        )
        keys.append(common.get(lower[i], lemma[i]) if pos[i] in PROPER_TAGS else lemma[i])
        displays.append(unescaped(token[i] if proper or keep_case else lower[i]))
        propers.append(proper)
        stops.append(_is_boundary_stop(stopword[i], pos[i], lower[i], proper))
        previous = "" if first[i] else pos[i - 1]
        following = pos[i + 1] if i + 1 < n and not first[i + 1] else ""
        joiner = token[i] == "-" and glued[i] and i + 1 < n and glued[i + 1]
        roles.append("joiner" if joiner else _role(pos[i], token[i], previous, following))
    return AnnotatedTokens(
        sentence, token_id, token, lower, keys, displays, propers, stops, stopword, roles,
        glued, first, pos,
    )  # fmt: skip


def _glued_to_previous(frame: pd.DataFrame, sentence: list[int]) -> list[bool]:
    """Whether each token touches the previous one in the same sentence."""
    if not {"start_char", "end_char"} <= set(frame.columns):
        return [False] * len(sentence)
    start, end = frame["start_char"].tolist(), frame["end_char"].tolist()
    return [
        i > 0 and sentence[i] == sentence[i - 1] and start[i] == end[i - 1]
        for i in range(len(sentence))
    ]


def _is_boundary_stop(stopword: bool, pos: str, lower: str, proper: bool) -> bool:
    if not stopword or proper:
        return False
    return not (pos in NOUN_TAGS and lower in CONTENT_NOUN_STOPWORDS)


def _role(pos: str, token: str, previous: str, following: str) -> str:
    """Part a word can play in a noun phrase; "" ends the phrase."""
    if (
        not _has_letter(token)
        or is_party_affiliation(token)  # "D-N.Y."
        or is_address(token)  # "http://www.baltimoresun.com"
        or is_quantity(token)  # "1.4bn"
    ):
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


def _chunks(annotated: AnnotatedTokens) -> Iterable[list[int]]:
    """Yield maximal runs of token indices that can form noun phrases (one sentence each)."""
    run: list[int] = []
    previous_sentence = None
    for index, (role, stop, sentence) in enumerate(
        zip(annotated.role, annotated.stop, annotated.sentence_id, strict=True)
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
    words = [lower[i] for i in piece]
    while start < len(piece) and is_person_title(words[start], words[start + 1 :]):
        start += 1
    return piece[start:] if start < len(piece) else piece


def _phrases_in_piece(
    piece: list[int], annotated: AnnotatedTokens, ngram_range: tuple[int, int]
) -> Iterable[list[int]]:
    """Yield the phrases of one chunk piece: the whole, its head-final suffixes, its name."""
    role, proper, glued = annotated.role, annotated.proper, annotated.glued
    while piece and role[piece[-1]] != "noun":
        piece = piece[:-1]
    if not piece:
        return
    n_proper = 0
    while n_proper < len(piece) and proper[piece[n_proper]]:
        n_proper += 1
    low, high = ngram_range

    def fits(phrase: list[int]) -> bool:
        n_words = 1 + sum(1 for index in phrase[1:] if not glued[index])
        return low <= n_words <= high

    if n_proper:
        name = _strip_titles(piece[:n_proper], annotated.lower)
        if fits(name) and (name[0] == piece[0] or not glued[name[0]]):
            yield name
    if n_proper == len(piece):
        return

    def opens(start: int) -> bool:
        return start == 0 or (role[piece[start]] in {"noun", "adj"} and not glued[piece[start]])

    for start in [0, *range(n_proper, len(piece))]:
        if opens(start) and fits(piece[start:]):
            yield piece[start:]


def find_candidates(
    annotated: AnnotatedTokens, *, ngram_range: tuple[int, int] = (1, 3)
) -> list[Occurrence]:
    """Candidate occurrences of annotated tokens (see :func:`extract_candidates`).

    Args:
        annotated: Output of :func:`annotate_tokens`.
        ngram_range: Smallest and largest phrase length in words.

    Returns:
        Occurrences sorted by token_id, then n_words; one per (token_id, n_words).

    Raises:
        ValueError: If ``ngram_range`` is not 1 <= low <= high.
    """
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(f"invalid ngram_range {ngram_range}")
    found: dict[tuple[int, int], Occurrence] = {}
    for run in _chunks(annotated):
        for piece in _split_before_names(run, annotated.proper, annotated.glued):
            phrases = list(_phrases_in_piece(piece, annotated, ngram_range))
            if low == 1:
                phrases.extend([index] for index in _modifier_nouns(piece, annotated))
            for phrase in phrases:
                occurrence = _occurrence(annotated, phrase)
                found.setdefault((occurrence.token_id, occurrence.n_words), occurrence)
    return [found[position] for position in sorted(found)]


def _modifier_nouns(piece: list[int], annotated: AnnotatedTokens) -> Iterable[int]:
    """Common nouns that modify a later noun of a chunk piece ("energy" in "energy exports").

    Head-final suffixes never hold them, yet a story about energy exports is about energy
    too: each is a one-word candidate, so that a word's count holds its every use.
    """
    lower = annotated.lower
    for index in piece[:-1]:
        if (
            annotated.role[index] == "noun"
            and annotated.pos[index] in COMMON_NOUN_TAGS
            and not annotated.proper[index]
            and not annotated.stop[index]
            and len(lower[index]) >= 3
            and lower[index].isalpha()
        ):
            yield index


def _occurrence(annotated: AnnotatedTokens, phrase: list[int]) -> Occurrence:
    glued, word_key, display = annotated.glued, annotated.word_key, annotated.display
    key, shown = word_key[phrase[0]], display[phrase[0]]
    for index in phrase[1:]:
        separator = "" if glued[index] else " "
        key, shown = f"{key}{separator}{word_key[index]}", f"{shown}{separator}{display[index]}"
    proper = [annotated.proper[i] for i in phrase if annotated.role[i] != "joiner"]
    return Occurrence(
        key,
        shown,
        annotated.sentence_id[phrase[0]],
        annotated.token_id[phrase[0]],
        key.count(" ") + 1,
        all(proper),
    )


def extract_candidates(
    tokens: pd.DataFrame, *, ngram_range: tuple[int, int] = (1, 3)
) -> pd.DataFrame:
    """Find candidate keyphrases: noun phrases and proper names, counted by lemma.

    Phrases follow (participle-modifier)? (JJ|NN*)* NN* within one sentence, never start
    or end with a stop word, contain a letter, and hold between ``ngram_range`` words.
    Suffixes of a noun phrase are candidates too ("natural gas" in "liquefied natural
    gas"), and so is each common noun that modifies another ("energy" in "energy
    exports"); a name is split from the common words before it, and leading titles are
    dropped from names.

    Args:
        tokens: Token table (sentence_id, token_id, token, lower, lemma, pos, is_stopword).
        ngram_range: Smallest and largest phrase length in words.

    Returns:
        One row per occurrence with :data:`CANDIDATE_COLUMNS`, sorted by token_id, n_words.

    Raises:
        ValueError: If ``ngram_range`` is not 1 <= low <= high.
    """
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(f"invalid ngram_range {ngram_range}")
    if tokens.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    found = find_candidates(annotate_tokens(tokens), ngram_range=ngram_range)
    return pd.DataFrame(found, columns=CANDIDATE_COLUMNS)


def display_forms(occurrences: Iterable[Occurrence]) -> dict[str, str]:
    """Choose each key's shown form: its most frequent surface, ties alphabetically.

    Args:
        occurrences: Candidate occurrences (:func:`find_candidates`).

    Returns:
        key -> surface form, keys sorted.
    """
    counts: dict[tuple[str, str], int] = {}
    for occurrence in occurrences:
        pair = (occurrence.key, occurrence.surface)
        counts[pair] = counts.get(pair, 0) + 1
    best: dict[str, tuple[int, str]] = {}
    for (key, surface), n in sorted(counts.items()):
        if key not in best or n > best[key][0]:
            best[key] = (n, surface)
    return {key: surface for key, (_, surface) in sorted(best.items())}


def documents_from(
    occurrences: Iterable[Occurrence], doc_of_sentence: Mapping[int, object]
) -> dict[object, list[str]]:
    """Group candidate keys (in text order, with repeats) by document.

    Args:
        occurrences: Candidate occurrences.
        doc_of_sentence: sentence_id -> document id (e.g. its section_id).

    Returns:
        document id -> list of keys, documents in sorted order.
    """
    grouped: dict = {}
    for occurrence in occurrences:
        grouped.setdefault(doc_of_sentence[occurrence.sentence_id], []).append(occurrence.key)
    return {doc: grouped[doc] for doc in sorted(grouped)}
