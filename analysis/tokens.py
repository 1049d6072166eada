"""Tokens with character offsets, lower-cased form, lemma, part of speech and stop-word flag.

Everything here works offline: part-of-speech tags come from TextBlob's bundled
pattern tagger (Penn Treebank tags), lemmas from lemminflect's bundled tables, and
stop words from scikit-learn's English list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy
import pandas as pd

from analysis.names import PARTY_AFFILIATION, looks_like_demonym
from analysis.resources import load_once
from analysis.word_frequencies import english_zipf

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
# Explicit, so that an article without tokens gets the same column types.
TOKEN_DTYPES = {
    **dict.fromkeys(("sentence_id", "token_id", "start_char", "end_char"), "int64"),
    **dict.fromkeys(("token", "lower", "lemma", "pos"), "str"),
    "is_stopword": "bool",
}
# Abbreviations that keep their period as part of the token (Penn Treebank style).
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|St|Mt|Jr|Sr|Gov|Sens?|Reps?|Gen|Col|Lt|Sgt|Capt|Adm|Rev|Hon|Pres|Supt"
    "|Co|Corp|Inc|Ltd|Bros|Dept|Univ|Ave|Blvd|Rd|vs|etc|approx|est|No|Nos|Vol|Fig|pp|p"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# Generic top-level domains of web addresses written without http:// ("foxnews.com",
# "Change.org"); a country code may follow ("bbc.co.uk").
_DOMAINS = r"(?:com|org|net|gov|edu|info|io)(?:\.[a-z]{2})?|co\.[a-z]{2}"
# An HTML character reference (&amp; &quot; &#39; &#x2019;): text scraped from web pages
# keeps them, and each is one character of the story, not a word.
_CHARACTER_REFERENCE = r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});"
# An apostrophe, also escaped: the clitics of "Wong&#39;s" and "don&#39;t" split as in "Wong's".
_APOSTROPHE = r"(?:[’']|&\#0*39;|&\#[xX]0*27;|&apos;|&rsquo;)"
_TOKEN = re.compile(
    rf"""
    (?:https?://|www\.)\S+?(?=[.,;:!?)\]"”’]*(?:\s|$))   # URL, without trailing punctuation
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # e-mail address
    | \b[A-Z]{{1,4}}(?:&|&amp;)[A-Z]{{1,4}}\b                # ampersand name: S&P, AT&T, R&D
    | (?:(?<=\()|(?<=,\s)){PARTY_AFFILIATION}(?=[),;]|\.?(?:\s|$))  # party, state: (D-N.Y.)
    | (?:[A-Za-z]\.){{2,}}                                  # acronym: U.S., a.m.
    | \b(?:{_ABBREVIATIONS})\.                              # known abbreviation
    | \b[A-Z]\.(?=\s+[A-Z])                                 # initial: Donald J. Trump
    | \b[A-Za-z]{_APOSTROPHE}[A-Z][a-z][^\W\d_]*(?:-\w+)*     # elided name: O'Brien, d'Estaing
    | \d+(?:[.,:]\d+)*[^\W_]*                              # number: 54,000 14.9 5th 5,000m
    | n{_APOSTROPHE}t\b                                      # clitic n't
    | {_APOSTROPHE}(?:s|re|ve|ll|d|m)\b                      # clitics 's 're 've 'll 'd 'm
    | {_CHARACTER_REFERENCE}                                # HTML escape left by a scraper: &amp;
    | (?:[^\W\d_]|\d)(?:(?!n{_APOSTROPHE}t\b)\w)*(?:-\w+)*   # word, hyphenated compound,
      (?:(?:\.[\w-]+)*\.(?:{_DOMAINS})\b(?![.-]\w))?         # or web address: foxnews.com
    | \.{{2,}} | …                                          # ellipsis
    | -{{2,}}                                               # dash
    | \S                                                    # any other character
    """,
    re.VERBOSE,
)
# A token is a word when it holds a letter or digit (see :func:`is_word`).
_WORD_CHARACTER = re.compile(r"[^\W_]")
# An amount: a number with a unit or magnitude written on (see :func:`is_quantity`).
_QUANTITY = re.compile(r"\d[\d,.]*(?:bn|m|k|km|kg|cm|mm|ml|mph|ft|lbs?|tn|p)")
# A capitalised adjective ending in -ic (see :func:`looks_like_proper_adjective`).
_IC_ADJECTIVE = re.compile(r"^[A-Z][a-z]+ic$")
#: HTML character references (&amp; &quot; &#39; &#x2019;), which scraped text often keeps.
CHARACTER_REFERENCES = re.compile(_CHARACTER_REFERENCE)
# The tagger's lexicon spells quotes and apostrophes the ASCII way.
_TAGGER_SPELLING = str.maketrans({"’": "'", "‘": "`", "“": "``", "”": "''"})
# British forms the tagger's lexicon lacks, which it would read as nouns ("whilst the
# minister", "she learnt that"); its rules read "criticised" and "recognise" right.
_AMERICAN_FORMS = {"whilst": "while", "Whilst": "While", "learnt": "learned"}
_AMERICAN_FORMS |= {"spelt": "spelled", "spoilt": "spoiled", "spilt": "spilled", "leant": "leaned"}
_PENN_TO_UPOS = {"NN": "NOUN", "NNS": "NOUN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ"}
_PENN_TO_UPOS |= {"RB": "ADV", "RBR": "ADV", "RBS": "ADV", "MD": "AUX"}
_PENN_TO_UPOS |= {tag: "VERB" for tag in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")}
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
# A noun phrase these open is singular, so it cannot end in a plural noun: in "This meeting
# marks", "a source increases", the plural "noun" is the verb. Not "that" (a conjunction
# too: "that food dyes contribute"), and not after a quantity ("a couple weeks").
_SINGULAR_DETERMINERS = frozenset({"a", "an", "this", "each", "every", "another"})
_QUANTITY_NOUNS = frozenset(
    {"couple", "dozen", "hundred", "thousand", "million", "billion", "trillion", "few", "score"}
)


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


def is_word(token: str) -> bool:
    """Tell whether a token is a word: it holds a letter or digit and is no HTML character
    reference (``&amp;`` is the one character ``&``)."""
    if token.isalnum():
        return True
    return _WORD_CHARACTER.search(token) is not None and not _is_character_reference(token)


def is_quantity(token: str) -> bool:
    """Tell whether a token is an amount: a number with a unit or magnitude written on
    ("5,000m", "1.4bn", "10km", "20kg", "30mph"), which names no topic or keyword. Ordinals
    and terms that start with a digit stay ("21st", "3G", "3D")."""
    return token[:1].isdigit() and _QUANTITY.fullmatch(token) is not None


def _is_character_reference(token: str) -> bool:
    return token.startswith("&") and CHARACTER_REFERENCES.fullmatch(token) is not None


def unescaped(text: str) -> str:
    """The text with its HTML character references replaced by their characters
    (``&quot;`` -> ``"``, ``S&amp;P`` -> ``S&P``, ``don&#39;t`` -> ``don't``).

    Only complete references (with their ``;``) are replaced: "AT&T" and "R&D" stay.
    """
    if "&" not in text:
        return text
    return CHARACTER_REFERENCES.sub(lambda reference: html.unescape(reference[0]), text)


def _tagger_spelling(token: str) -> str:
    """The token as the tagger's lexicon spells it: unescaped, with ASCII quotes, and a
    British form the lexicon lacks in its American spelling ("whilst" as "while")."""
    spelled = unescaped(token).translate(_TAGGER_SPELLING)
    return _AMERICAN_FORMS.get(spelled, spelled)


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


def noun_lemma(lower: str) -> str | None:
    """The lemma lemminflect's dictionary gives a lower-case word as a noun ("sprinters" ->
    "sprinter"), or None for a word its dictionary does not hold as a noun (its rules for
    unknown words are not asked: "kostas" is none)."""
    _lemma_tables()  # its dictionary loads once, under the resources lock
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(lower, upos="NOUN").get("NOUN", ())
    return lemmas[0] if lemmas else None


@load_once
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def lexicon_tag(word: str) -> str | None:
    """The tagger lexicon's most frequent Penn tag for ``word`` as written, or None if unknown."""
    return _tagger().lexicon.get(_tagger_spelling(word))


def lexicon_knows_as(token: str, *tags: str, proper_nouns: bool = True) -> bool:
    """Does the tagger's lexicon know the lower-case word with one of these tag prefixes
    (a noun: "NN"; or adjective: "JJ")? The prefix "NN" takes in proper nouns too (the
    lexicon knows "justin" as NNP) unless ``proper_nouns`` is False."""
    tag = lexicon_tag(token.lower()) or ""
    return tag.startswith(tags) and (proper_nouns or not tag.startswith("NNP"))


def looks_like_proper_adjective(word: str) -> bool:
    """A demonym, or a capitalised word ending in -ic that the tagger's lexicon knows
    ("Olympic", "Islamic", "Catholic"); before a lower-case noun it names no actor, as
    "Japanese officials" names none. Surnames ending so are unknown to the lexicon and stay
    names ("the Milosevic regime", "Djokovic fans")."""
    if looks_like_demonym(word):
        return True
    return _IC_ADJECTIVE.match(word) is not None and (
        lexicon_tag(word) is not None or lexicon_tag(word.lower()) is not None
    )


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
    spelled = [_tagger_spelling(token) for token in tokens]
    first = spelled[0]
    if first.istitle() and first not in proper_nouns and lexicon_tag(first.lower()):
        spelled[0] = first.lower()
    tags = [tag for _, tag in _tagger().find_tags(spelled)]
    return _plural_nouns_as_verbs(spelled, tags)


def _plural_nouns_as_verbs(words: Sequence[str], tags: list[str]) -> list[str]:
    """Retag as ``VBZ`` a plural noun that follows a singular determiner and a singular noun
    and precedes no common noun ("This move aligns with", but "a sports car")."""
    for i in range(2, len(tags)):
        if (
            tags[i] == "NNS"
            and words[i].endswith("s")
            and tags[i - 1] == "NN"
            and words[i - 1].lower() not in _QUANTITY_NOUNS
            and words[i - 2].lower() in _SINGULAR_DETERMINERS
            and (i + 1 == len(tags) or tags[i + 1] not in ("NN", "NNS"))
        ):
            tags[i] = "VBZ"
    return tags


def _capitalised_after_first(text: str, spans_of: list[list[tuple[int, int]]]) -> frozenset[str]:
    """Tokens written with a capital anywhere but as the first token of their sentence."""
    # A sentence's first word is capitalised anyway.
    return frozenset(
        word
        for spans in spans_of
        for start, end in spans[1:]
        if (word := text[start:end])[:1].isupper()
    )


@lru_cache(maxsize=65536)
def lemmatise(token: str, pos: str) -> str:
    """Return the dictionary form of ``token`` given its Penn tag.

    Proper nouns keep their spelling ("States", "Nippon"); other words are lower-cased
    and lemmatised by word class ("tariffs" -> "tariff", "relies" -> "rely"). HTML character
    references become their characters ("S&amp;P" -> "S&P").

    Args:
        token: The token as written.
        pos: Its Penn Treebank tag.

    Returns:
        The lemma.
    """
    if pos in _PROPER_NOUN_TAGS:
        return unescaped(token)
    lower = unescaped(token).lower().replace("’", "'")
    upos = _PENN_TO_UPOS.get(pos)
    if upos is None or not lower.isalpha():
        return lower
    lemmas = _lemma_tables()(lower, upos=upos)
    lemma = lemmas[0] if lemmas else lower
    if pos == "NNS" and lemma != lower and noun_lemma(lower) is None:
        return _unlisted_plural_lemma(lower, lemma)
    return lemma


# lemminflect makes the lemma of a plural its dictionary lacks by rule, and for "-ies" and
# "-ses" the rule can take off too much: "calories" -> "calory", "selfies" -> "selfy", and a
# British verb read as a plural, "recognises" -> "recognis". The plural without its "s" is
# the lemma instead when it is a common English word (Zipf 3 or more, wordfreq's small list)
# and the rule's lemma is not: "calorie", "selfie", "recognise"; "bursaries" stays
# "bursary", "spates" "spate".
def _unlisted_plural_lemma(plural: str, rule_lemma: str) -> str:
    """The lemma of a plural lemminflect's dictionary lacks, given the one its rule makes."""
    zipf = english_zipf()
    without_s = plural.removesuffix("s")
    return without_s if without_s in zipf and rule_lemma not in zipf else rule_lemma


def is_stop_word(lower: str) -> bool:
    """Tell whether a lower-cased token is a stop word (or a clitic such as 's, n't)."""
    normal = unescaped(lower).replace("’", "'")
    return normal in _stop_words() or normal in {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}


_is_stop_word = lru_cache(maxsize=65536)(is_stop_word)


def tokenise_sentences(text: str, sentence_spans: Iterable[tuple[int, int]]) -> pd.DataFrame:
    """Tokenise, tag and lemmatise each sentence of an article.

    Args:
        text: The whole article text.
        sentence_spans: (start_char, end_char) of each sentence, in order; the
            sentence id is the position in this sequence.

    Returns:
        A table with :data:`TOKEN_COLUMNS`; token ids count across the article.
    """
    spans_of = [split_tokens(text, start=start, end=end) for start, end in sentence_spans]
    proper_nouns = _capitalised_after_first(text, spans_of)
    # Distinct strings are shared: a 10 MB article has about 1.7 million tokens but
    # only tens of thousands of distinct words.
    shared: dict[str, str] = {}
    words: list[str] = []
    lowers: list[str] = []
    lemmas: list[str] = []
    tags: list[str] = []
    for spans in spans_of:
        sentence = [shared.setdefault(word, word) for word in (text[s:e] for s, e in spans)]
        sentence_tags = tag_tokens(sentence, proper_nouns=proper_nouns)
        words += sentence
        lowers += [shared.setdefault(lower, lower) for lower in map(str.lower, sentence)]
        lemmas += map(lemmatise, sentence, sentence_tags)
        tags += sentence_tags
    offsets = numpy.array([span for spans in spans_of for span in spans], dtype=numpy.int64)
    columns = {
        "sentence_id": numpy.repeat(
            numpy.arange(len(spans_of), dtype=numpy.int64), [len(spans) for spans in spans_of]
        ),
        "token_id": numpy.arange(len(words), dtype=numpy.int64),
        "start_char": offsets.reshape(-1, 2)[:, 0],
        "end_char": offsets.reshape(-1, 2)[:, 1],
        "token": words,
        "lower": lowers,
        "lemma": lemmas,
        "pos": tags,
        "is_stopword": [_is_stop_word(lower) for lower in lowers],
    }
    return typed_frame(columns, TOKEN_DTYPES)


def typed_frame(columns: Mapping[str, Sequence], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """Make one table from plain columns, each converted once to its declared type.

    Cheaper than building a frame and casting it afterwards, and an empty column still
    gets its type.

    Args:
        columns: Column name -> values (lists or numpy arrays), in table order.
        dtypes: Column name -> ``"int64"``, ``"float64"``, ``"bool"`` or ``"str"``.

    Returns:
        The table, with a default range index.
    """
    return pd.DataFrame(
        {
            name: pd.array(values, dtype="str")
            if dtypes[name] == "str"
            else numpy.asarray(values, dtype=dtypes[name])
            for name, values in columns.items()
        },
        copy=False,
    )
