"""Proper-noun runs of an article's sentences: the surface forms actors are found in.

Steps 1-6 of :mod:`analysis.actors.detect`: proper tokens, runs, titles and calendar words
dropped, capitals by position, hyphenated capitals and demonyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from analysis.actors.institutions import (
    adjective_in_name,
    joins_institution_name,
    names_a_body,
    opens_institution_name,
    opens_name,
)
from analysis.actors.kinds import COMPASS_WORDS, organisation_or_place, place_names
from analysis.actors.offices import (
    is_portfolio,
    rank_after_title,
    words_before_name,
)
from analysis.names import (
    CALENDAR_WORDS,
    CONNECTORS,
    COUNTRY_NAME_VARIANTS,
    DEMONYM_QUALIFIERS,
    HOLIDAYS,
    HYPHEN,
    NUMBER_WORDS,
    PARTY_WORDS,
    POSSESSIVES,
    REGIONAL_ADJECTIVES,
    TITLE_WORDS,
    UPOS_TO_PENN,
    follows_date_cue,
    hyphen_parts,
    is_date_word,
    is_designation,
    is_full_name,
    is_initial,
    is_name_word,
    is_person_title,
    is_plural_acronym,
    is_proper,
    looks_like_demonym,
)
from analysis.resources import load_once
from analysis.tokens import lexicon_tag, looks_like_proper_adjective

Token = tuple[str, str | None]
# Headlines capitalise their verbs ("Trump Meets Ishiba", "Ishiba Arrives"): in a title
# line, a word the tagger's lexicon knows in lower case as a finite verb (-s or past form)
# is no name unless the body writes it capitalised. Not base forms, participles or plural
# nouns: "Harry Reid", "Associated Press", "Sleeping Beauty", "Queens Theatre".
_HEADLINE_VERB_TAGS = ("VBZ", "VBD")
_DOTTED_NO_FINAL = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


@dataclass
class Sentence:
    """One sentence: its id, text, cleaned ``(token, Penn tag)`` pairs and name runs, with
    the index in ``tokens`` of each run's first token."""

    sentence_id: object
    text: str
    tokens: list[tuple[str, str]]
    runs: list[list[str]] = field(default_factory=list)
    run_starts: list[int] = field(default_factory=list)


@load_once
def _tagger():
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    tagger.tag("Warm up the lexicon.")  # loads the lazy tables now
    return tagger


def tag_sentences(texts: Iterable[str]) -> list[list[Token]]:
    """Tokenise and POS-tag sentences with TextBlob's bundled ``PatternTagger``.

    Args:
        texts: Sentences.

    Returns:
        One list of ``(token, Penn tag)`` pairs per sentence.
    """
    return [
        [(w, t) for w, t in _tagger().tag(str(text))] if str(text).strip() else [] for text in texts
    ]


def _norm_tag(tag: str | None) -> str:
    if tag is None or (isinstance(tag, float)) or tag == "":
        return ""
    tag = str(tag)
    return UPOS_TO_PENN.get(tag, tag)


def clean_tokens(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """Normalise tokens: split possessives off, mark them ``POS``, fix "U.S" without final dot."""
    out: list[tuple[str, str]] = []
    for tok, tag in tokens:
        tok, tag = str(tok), _norm_tag(tag)
        if tok in ("s", "S") and out and out[-1][0] in ("'", "’"):
            out[-1] = ("’s", "POS")
            continue
        for suffix in ("’s", "'s"):
            if len(tok) > 2 and tok.endswith(suffix):
                out.append((tok[: -len(suffix)], tag))
                tok, tag = suffix, "POS"
                break
        if tok in POSSESSIVES:
            tag = "POS"
        if _DOTTED_NO_FINAL.match(tok):
            tok += "."
        out.append((tok, tag))
    return out


def find_runs(sentences: Sequence[Sentence]) -> None:
    """Set each sentence's ``runs``: its names, as lists of tokens.

    Two passes: runs before hyphen splitting, to learn which words stand alone; then
    "U.S.-Japan" split into its parts where each is found on its own elsewhere.
    """
    lowercase_words = {
        tok.lower() for s in sentences for tok, _ in s.tokens if tok[:1].islower() and tok.isalpha()
    }
    title_lines = [_is_title_line(s.tokens) for s in sentences]
    named_in_body = _capitalised_in_body(sentences, title_lines)
    raw_runs = [_raw_runs(s, line) for s, line in zip(sentences, title_lines, strict=True)]
    # A title line's capitals prove nothing, so only the body shows a month used as a name.
    body_runs = (
        run
        for runs, line in zip(raw_runs, title_lines, strict=True)
        if not line
        for run, _, _ in runs
    )
    surname_months = _surname_months(body_runs)
    known = _names_written_in_body(raw_runs)
    for s, title_line, runs in zip(sentences, title_lines, raw_runs, strict=True):
        s.runs, s.run_starts = [], []
        headline_words = named_in_body if title_line else None
        for run, needs_evidence, start in runs:
            split = _split_run(
                run,
                needs_evidence,
                lowercase_words,
                headline_words,
                surname_months,
                _known_name_words(run, known) if needs_evidence else frozenset(),
            )
            for offset, part in split:
                if _names_an_actor(part, s.tokens, start + offset):
                    s.runs.append(part)
                    s.run_starts.append(start + offset)
    standalone = {
        " ".join(run) for s in sentences for run in s.runs if not any(HYPHEN.search(t) for t in run)
    }
    for s in sentences:
        new_runs, new_starts = [], []
        for run, start in zip(s.runs, s.run_starts, strict=True):
            pieces = hyphen_parts(run[0]) if len(run) == 1 and HYPHEN.search(run[0]) else [run[0]]
            if len(pieces) > 1 and all(
                p in standalone or COUNTRY_NAME_VARIANTS.get(p) in standalone for p in pieces
            ):
                new_runs.extend([p] for p in pieces)
                new_starts.extend([start] * len(pieces))  # the pieces of one token
            else:
                new_runs.append(run)
                new_starts.append(start)
        s.runs, s.run_starts = new_runs, new_starts


def _first_word_index(tokens: Sequence[tuple[str, str]]) -> int:
    for i, (tok, _) in enumerate(tokens):
        if any(c.isalnum() for c in tok):
            return i
    return len(tokens)


def _is_title_line(tokens: Sequence[tuple[str, str]]) -> bool:
    """Does a sentence capitalise most of its words (a headline or heading in the text)?

    Then capitals are no evidence of names (step 4). Not the same question as
    :func:`analysis.sections.is_title_line`, which decides whether a line is a section
    heading (structure: length, no clause ending, every content word capitalised); here a
    sentence counts when over 80 % of its words are capitalised, or over half without a
    closing full stop.
    """
    words = [t for t, _ in tokens if t[:1].isalpha()]
    if len(words) < 2:
        return False
    share = sum(1 for w in words if w[0].isupper()) / len(words)
    ends = bool(tokens) and tokens[-1][0] in (".", "!", "?")
    return share > 0.8 or (share > 0.5 and not ends)


def _capitalised_in_body(
    sentences: Sequence[Sentence], title_lines: Sequence[bool]
) -> frozenset[str]:
    """Words written with a capital after the first word of a sentence that is no title line."""
    named: set[str] = set()
    for s, title_line in zip(sentences, title_lines, strict=True):
        if not title_line:
            first = _first_word_index(s.tokens)
            named.update(tok for tok, _ in s.tokens[first + 1 :] if tok[:1].isupper())
    return frozenset(named)


def _is_headline_word(token: str, named_in_body: frozenset[str]) -> bool:
    """Is a title line's capitalised word a headline verb (or the like), not a name?"""
    return token not in named_in_body and lexicon_tag(token.lower()) in _HEADLINE_VERB_TAGS


def _raw_runs(
    sentence: Sentence, title_line: bool
) -> list[tuple[list[tuple[str, str]], bool, int]]:
    """Maximal proper-token runs, each with a flag (does it need lower-case-evidence
    checking?) and the index of its first token."""
    tokens = sentence.tokens
    first = _first_word_index(tokens)
    runs: list[tuple[list[tuple[str, str]], bool, int]] = []
    current: list[tuple[str, str]] = []
    starts_at_first = False
    i = 0
    while i < len(tokens):
        tok, tag = tokens[i]
        dated = tok in CALENDAR_WORDS and _in_date_context(tokens, i)
        proper = tag != "POS" and not dated and is_proper(tok, tag, i == first)
        if not proper and i == first and tok in TITLE_WORDS and i + 2 < len(tokens):
            # an office opening the sentence ("Secretary of State Hillary Clinton said"): the
            # title, read as a common noun there, starts the run that drops it
            proper = tokens[i + 1][0] == "of" and is_proper(*tokens[i + 2], False)
        if not proper and not current and i + 1 < len(tokens) and is_name_word(tok):
            # a name's first word the tagger read as another word class: a place's whatever
            # its tag ("New" "York", and a sentence's "North" "Korea", read as an adverb), or
            # an institution's or event's adjective ("European Union", "White House"); a
            # sentence's capital shows no name, so there only a proper adjective ("Former
            # Tory" is none)
            if f"{tok} {tokens[i + 1][0]}" in place_names():
                proper = True
            elif tag == "JJ":
                proper = (i != first or looks_like_proper_adjective(tok)) and (
                    opens_institution_name(tokens, i + 1)
                )
        if not proper and current and i + 1 < len(tokens):
            nxt, nxt_tag = tokens[i + 1]
            if tok in CONNECTORS and is_proper(nxt, nxt_tag, False):
                current.append((tok, "CONN"))
                i += 1
                continue
            if tok == "for" and names_a_body(current) and opens_name(tokens, i + 1):
                current.append((tok, "CONN"))  # "Office for National Statistics"
                i += 1
                continue
            if tok == "and" and joins_institution_name(current, tokens, i + 1):
                current.append((tok, "CONN"))  # "Food and Drug Administration"
                i += 1
                continue
            if adjective_in_name(tokens, i):
                current.append((tok, "NNP"))  # "Liberal Democratic Party": a name word
                i += 1
                continue
        if proper:
            if not current:
                starts_at_first = i == first
            current.append((tok, tag))
        else:
            if current:
                runs.append((current, starts_at_first or title_line, i - len(current)))
            current = []
        i += 1
    if current:
        runs.append((current, starts_at_first or title_line, len(tokens) - len(current)))
    return runs


def _in_date_context(tokens: Sequence[tuple[str, str]], i: int) -> bool:
    """Is the calendar word ``tokens[i]`` a date whatever name precedes it: a weekday or an
    abbreviated month, or a month with a day's number after it or a date's cue before it?"""
    before_number = i + 1 < len(tokens) and tokens[i + 1][0][:1].isdigit()
    previous = tokens[i - 1][0] if i >= 1 else None
    after_cue = follows_date_cue(previous, tokens[i - 2][0] if i >= 2 else None)
    return is_date_word(
        tokens[i][0], after_name=True, before_number=before_number, after_date_cue=after_cue
    )


def _follows_name(previous: tuple[str, str] | None) -> bool:
    """Is a run's previous token a name word or title (not a connector or calendar word)?"""
    return previous is not None and previous[1] != "CONN" and previous[0] not in CALENDAR_WORDS


def _precedes_name(following: tuple[str, str] | None) -> bool:
    """Is a run's next token a name word (not a connector, calendar word or title)?"""
    return (
        following is not None
        and following[1] != "CONN"
        and following[0] not in CALENDAR_WORDS
        and following[0] not in TITLE_WORDS
        and is_name_word(following[0])
    )


def _surname_months(runs: Iterable[list[tuple[str, str]]]) -> frozenset[str]:
    """Months that some run puts straight after a name word or title ("Theresa May")."""
    return frozenset(
        tok
        for run in runs
        for previous, (tok, _) in pairwise(run)
        if tok in CALENDAR_WORDS
        and _follows_name(previous)
        and not is_date_word(tok, after_name=True)
    )


def _names_written_in_body(
    raw_runs: Sequence[list[tuple[list[tuple[str, str]], bool, int]]],
) -> frozenset[str]:
    """Every stretch of two or more words of the runs that need no evidence (mid-sentence
    in the body): names the article writes where capitals prove them ("New York City")."""
    return frozenset(
        name
        for runs in raw_runs
        for run, needs_evidence, _ in runs
        if not needs_evidence
        for _, _, name in _stretches(run)
    )


def _stretches(run: list[tuple[str, str]]) -> Iterable[tuple[int, int, str]]:
    """Every stretch of two or more consecutive words of a run: (start, end, words joined)."""
    words = [tok for tok, _ in run]
    for start in range(len(words) - 1):
        for end in range(start + 2, len(words) + 1):
            yield start, end, " ".join(words[start:end])


def _known_name_words(run: list[tuple[str, str]], known: frozenset[str]) -> frozenset[int]:
    """Indices of a run's words inside a stretch of two or more words that is a known name:
    one the body writes mid-sentence, or a place (:func:`~analysis.actors.kinds.place_names`:
    "New York", "New Zealand", "New Jersey"). Lower-case uses elsewhere ("new") do not make
    such a word a sentence's capital."""
    places = place_names()
    covered: set[int] = set()
    for start, end, name in _stretches(run):
        if name in known or name in places:
            covered.update(range(start, end))
    return frozenset(covered)


def _split_run(
    run: list[tuple[str, str]],
    needs_evidence: bool,
    lowercase_words: set[str],
    named_in_body: frozenset[str] | None = None,
    surname_months: frozenset[str] = frozenset(),
    known_name_words: frozenset[int] = frozenset(),
) -> list[tuple[int, list[str]]]:
    """Split a run at titles, calendar words and (where needed) words seen in lower case.

    ``named_in_body`` is given for a title line's runs, which are split at headline words
    too (see :func:`_is_headline_word`); a month in ``surname_months`` is a surname even
    where no name precedes it ("May said"); the words at ``known_name_words`` belong to a
    known name (:func:`_known_name_words`) and need no more evidence. Each part comes with
    the index in ``run`` of its first token.
    """
    parts: list[tuple[int, list[str]]] = []
    current: list[str] = []
    words = [tok for tok, _ in run]
    office = words_before_name(words)  # an office, nationality or calling before a name
    rank = rank_after_title(words)
    for index, (tok, tag) in enumerate(run):
        after_name = _follows_name(run[index - 1] if index else None)
        before_name = _precedes_name(run[index + 1] if index + 1 < len(run) else None)
        dated = is_date_word(
            tok, after_name=after_name, before_name=before_name, surname_months=surname_months
        )
        following = [word for word, _ in run[index + 1 :]]
        drop = is_person_title(tok, following) or dated or index < office or index in rank
        if (
            needs_evidence
            and tag != "CONN"
            and tok.lower() in lowercase_words
            and index not in known_name_words
        ):
            drop = True
        if named_in_body is not None and tag != "CONN":
            drop = drop or _is_headline_word(tok, named_in_body)
        if drop:
            if current:
                parts.append((index - len(current), current))
            current = []
        else:
            current.append(tok)
    if current:
        parts.append((len(run) - len(current), current))
    cleaned = []
    for offset, part in parts:
        while part and part[0] in CONNECTORS:
            part, offset = part[1:], offset + 1
        while part and part[-1] in CONNECTORS:
            part = part[:-1]
        if part and any(c.isalpha() for c in "".join(part)):
            for at, piece in _split_affiliation(offset, part):
                cleaned.extend(_split_party_label(at, piece))
    return cleaned


def _split_affiliation(offset: int, part: list[str]) -> list[tuple[int, list[str]]]:
    """A person's name and where they come from, joined by "of", are two actors ("Kenenisa
    Bekele of Ethiopia", "Ann Lee of Harvard Medical School", "Sherrod Brown of Ohio").

    Only when the words before "of" are a full name that names no organisation or place
    ("Royal Bank of Scotland", "Democratic Republic of Congo" stay whole) and the words after
    it show a type by themselves (a country, state or city, an organisation word, an
    acronym): "Basketball Hall of Fame" and "National Academy of Sciences" stay whole.
    """
    if "of" not in part:
        return [(offset, part)]
    at = part.index("of")
    name, affiliation = part[:at], part[at + 1 :]
    joined = " ".join(name)
    if (
        affiliation
        and is_full_name(joined)
        and organisation_or_place(joined) is None
        and organisation_or_place(" ".join(affiliation)) is not None
    ):
        return [(offset, name), (offset + at + 1, affiliation)]
    return [(offset, part)]


def _split_party_label(offset: int, part: list[str]) -> list[tuple[int, list[str]]]:
    """A party's label before a person's full name is two actors, as "Labour MP Diane Abbott"
    is: "Democrat Joe Manchin", "Lib Dem Charles Kennedy". Not before an organisation's or a
    place's name ("Republican National Committee", "Labour Party")."""
    for length in (1, 2):
        label, name = part[:length], " ".join(part[length:])
        if label[-1] in PARTY_WORDS and is_full_name(name) and organisation_or_place(name) is None:
            return [(offset, label), (offset + length, part[length:])]
    return [(offset, part)]


def _names_an_actor(part: list[str], tokens: Sequence[tuple[str, str]], at: int) -> bool:
    """Does a part of a run, at ``tokens[at]``, name an actor there? Not a holiday (also one
    named with a possessive, "Valentine's Day"), a plural acronym, number word or letter
    alone, an office's portfolio or a description before a title, an ordinal's noun, a
    demonym used as an adjective (also the compass word of "South African"), or a noun
    before a number ("Chapter 11")."""
    following = tokens[at + len(part)][0] if at + len(part) < len(tokens) else None
    return not (
        " ".join(part) in HOLIDAYS
        or _names_no_one_alone(part)
        or is_portfolio(part, tokens, at)
        or _after_ordinal(part, tokens, at)
        or _in_possessive_holiday(part, tokens, at)
        or _is_demonym_use(part, tokens, at)
        or _opens_demonym(part, following)
        or (len(part) == 1 and is_designation(part[0], following))
    )


def _opens_demonym(part: list[str], following: str | None) -> bool:
    """Is a part the words that qualify a demonym the tagger read apart ("South" of "South
    African officials", "North" of "North Korean", "Latin" of "Latin American", "Sub-Saharan"
    of "Sub-Saharan African")? Alone they name no actor."""
    return (
        following is not None
        and looks_like_demonym(following)
        and all(_qualifies_demonym(piece) for piece in _pieces(part))
    )


def _is_demonym_phrase(part: list[str]) -> bool:
    """Do a part's words, or a hyphenated word's pieces, make one demonym: qualifiers and a
    demonym or regional adjective last ("North American", "Latin American", "Middle Eastern",
    "African-American", "Anglo-American")? "Middle East" and "West Lothian" are none: places."""
    *qualifiers, last = _pieces(part)
    # A place's name may end like a demonym ("West Lothian"): the last word must be one the
    # tagger's lexicon knows.
    known_demonym = looks_like_demonym(last) and lexicon_tag(last) is not None
    return (
        bool(qualifiers)
        and (known_demonym or last in REGIONAL_ADJECTIVES)
        and all(_qualifies_demonym(piece) for piece in qualifiers)
    )


def _pieces(part: list[str]) -> list[str]:
    return [piece for word in part for piece in hyphen_parts(word)]


def _qualifies_demonym(word: str) -> bool:
    return word in COMPASS_WORDS or word in DEMONYM_QUALIFIERS or looks_like_demonym(word)


def _names_no_one_alone(part: list[str]) -> bool:
    """A one-word run that names no actor on its own: a plural acronym ("MPs"), a number
    word ("Four" of "the Final Four") or a letter ("the D ring", a party's "(D)"), which a
    longer name may hold ("AAAs Championships", "Formula One", "George W. Bush")."""
    return len(part) == 1 and (
        is_plural_acronym(part[0]) or part[0] in NUMBER_WORDS or is_initial(part[0])
    )


def _in_possessive_holiday(part: list[str], tokens: Sequence[tuple[str, str]], at: int) -> bool:
    """Is a part one half of a day named with a possessive ("Valentine's Day", "St Patrick's
    Day", "April Fools' Day"): "Day" after the possessive, or the words before it?"""
    if part == ["Day"]:
        return at > 0 and tokens[at - 1][1] == "POS"
    after = at + len(part)
    return after + 1 < len(tokens) and tokens[after][1] == "POS" and tokens[after + 1][0] == "Day"


def _after_ordinal(part: list[str], tokens: Sequence[tuple[str, str]], index: int) -> bool:
    """Is a one-word part the noun of an ordinal ("the 19th Century", "5th Avenue"): a time
    or a unit, no actor? Longer names stay ("20th Century Fox")."""
    return len(part) == 1 and index > 0 and _ORDINAL.match(tokens[index - 1][0]) is not None


def _is_demonym_use(part: list[str], tokens: Sequence[tuple[str, str]], index: int) -> bool:
    """Is a run at ``tokens[index]`` a demonym or another proper adjective used as an
    adjective ("Japanese officials", "Olympic champion", "Scottish MSPs" before a title,
    "North American sales", "African-American mothers", "Western diplomats"), not a people
    ("the Japanese", "Native Americans protested")? Judged at that occurrence only."""
    one_word = len(part) == 1 and (
        looks_like_proper_adjective(part[0]) or part[0] in REGIONAL_ADJECTIVES
    )
    if not (one_word or _is_demonym_phrase(part)):
        return False
    after = index + len(part)
    if tokens[after - 1][1] == "JJ":
        return True
    if after >= len(tokens):
        return False
    following, following_tag = tokens[after]
    if following in TITLE_WORDS:
        return True
    modifies = following_tag.startswith(("NN", "JJ")) or not following_tag
    return following[:1].islower() and modifies
