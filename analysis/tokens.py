"""Tokens with character offsets, lower-cased form, lemma, part of speech and stop-word flag.

Everything here works offline: part-of-speech tags come from TextBlob's bundled
pattern tagger (Penn Treebank tags), lemmas from lemminflect's bundled tables, and
stop words from scikit-learn's English list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pandas as pd

from analysis.resources import load_once

TOKEN_COLUMNS = [
    "sentence_id",
    "token_id",
    "start_char",
    "end_char",
    "token",
    "lower",
    "lemma",
    "pos",
    "is_stopword",
]
# Abbreviations that keep their period as part of the token (Penn Treebank style).
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|St|Mt|Jr|Sr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Adm|Rev|Hon|Pres|Supt"
    "|Co|Corp|Inc|Ltd|Bros|Dept|Univ|Ave|Blvd|Rd|vs|etc|approx|est|No|Nos|Vol|Fig|pp|p"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_TOKEN = re.compile(
    rf"""
    (?:https?://|www\.)\S+?(?=[.,;:!?)\]"”’]*(?:\s|$))   # URL, without trailing punctuation
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # e-mail address
    | (?:[A-Za-z]\.){{2,}}                                  # acronym: U.S., a.m.
    | \b(?:{_ABBREVIATIONS})\.                              # known abbreviation
    | \b[A-Z]\.(?=\s+[A-Z])                                 # initial: Donald J. Trump
    | \d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?\b                  # number: 54,000 14.9 5th 1990s
    | n[’']t\b                                              # clitic n't
    | [’'](?:s|re|ve|ll|d|m)\b                              # clitics 's 're 've 'll 'd 'm
    | (?:[^\W\d_]|\d)(?:(?!n[’']t\b)\w)*(?:-\w+)*           # word, hyphenated compound
    | \.{{2,}} | …                                          # ellipsis
    | -{{2,}}                                               # dash
    | \S                                                    # any other character
    """,
    re.VERBOSE,
)
# The tagger's lexicon spells quotes and apostrophes the ASCII way.
_TAGGER_SPELLING = str.maketrans({"’": "'", "‘": "`", "“": "``", "”": "''"})
_PENN_TO_UPOS = {"NN": "NOUN", "NNS": "NOUN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ"}
_PENN_TO_UPOS |= {"RB": "ADV", "RBR": "ADV", "RBS": "ADV", "MD": "AUX"}
_PENN_TO_UPOS |= {tag: "VERB" for tag in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")}
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})


def split_tokens(text: str, *, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into word and punctuation tokens.

    Args:
        text: The whole article text.
        start: First character of the span to tokenise.
        end: End of the span (exclusive); the end of ``text`` if None.

    Returns:
        (start_char, end_char) offsets into ``text``, in order.
    """
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


@load_once
def _tagger():
    from textblob.en import parser

    parser.find_tags(["Warm", "up", "the", "lexicon", "."])  # loads its lazy tables now
    return parser


@load_once
def _lemma_tables():
    from lemminflect import getLemma

    getLemma("tables", upos="NOUN")  # loads its lazy tables now
    return getLemma


@load_once
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def tag_tokens(tokens: Sequence[str], *, proper_nouns: frozenset[str] = frozenset()) -> list[str]:
    """Give each token of one sentence its Penn Treebank part-of-speech tag.

    A capitalised first word is tagged in lower case when the tagger knows the
    lower-case word and the text never capitalises it mid-sentence: "Tariffs hurt"
    starts with a plural noun, while "China" stays a proper noun.

    Args:
        tokens: The tokens of one sentence, in order.
        proper_nouns: Words the text capitalises somewhere other than a sentence start.

    Returns:
        One tag per token.
    """
    if not tokens:
        return []
    spelled = [token.translate(_TAGGER_SPELLING) for token in tokens]
    first = spelled[0]
    if first.istitle() and first not in proper_nouns and _tagger().lexicon.get(first.lower()):
        spelled[0] = first.lower()
    return [tag for _, tag in _tagger().find_tags(spelled)]


def _capitalised_mid_sentence(sentences: list[list[str]]) -> frozenset[str]:
    return frozenset(word for words in sentences for word in words[1:] if word[:1].isupper())


@lru_cache(maxsize=65536)
def lemmatise(token: str, pos: str) -> str:
    """Return the dictionary form of ``token`` given its Penn tag.

    Proper nouns keep their spelling ("States", "Nippon"); other words are lower-cased
    and lemmatised by word class ("tariffs" -> "tariff", "relies" -> "rely").

    Args:
        token: The token as written.
        pos: Its Penn Treebank tag.

    Returns:
        The lemma.
    """
    if pos in _PROPER_NOUN_TAGS:
        return token
    lower = token.lower().replace("’", "'")
    upos = _PENN_TO_UPOS.get(pos)
    if upos is None or not lower.isalpha():
        return lower
    lemmas = _lemma_tables()(lower, upos=upos)
    return lemmas[0] if lemmas else lower


def is_stop_word(lower: str) -> bool:
    """Tell whether a lower-cased token is a stop word (or a clitic such as 's, n't)."""
    normal = lower.replace("’", "'")
    return normal in _stop_words() or normal in {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}


def tokenise_sentences(text: str, sentence_spans: Iterable[tuple[int, int]]) -> pd.DataFrame:
    """Tokenise, tag and lemmatise each sentence of an article.

    Args:
        text: The whole article text.
        sentence_spans: (start_char, end_char) of each sentence, in order; the
            sentence id is the position in this sequence.

    Returns:
        A table with :data:`TOKEN_COLUMNS`; token ids count across the article.
    """
    spans_per_sentence = [split_tokens(text, start=s, end=e) for s, e in sentence_spans]
    words_per_sentence = [[text[s:e] for s, e in spans] for spans in spans_per_sentence]
    proper_nouns = _capitalised_mid_sentence(words_per_sentence)
    rows: list[tuple] = []
    for sentence_id, (spans, words) in enumerate(
        zip(spans_per_sentence, words_per_sentence, strict=True)
    ):
        tags = tag_tokens(words, proper_nouns=proper_nouns)
        for (s, e), word, tag in zip(spans, words, tags, strict=True):
            lower = word.lower()
            lemma = lemmatise(word, tag)
            rows.append(
                (sentence_id, len(rows), s, e, word, lower, lemma, tag, is_stop_word(lower))
            )
    frame = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    return frame.astype({"is_stopword": bool})
