"""Actors named in an article, found from the text: detection and merging of name variants.

The steps live in :mod:`analysis.actors.runs` (detection: steps 1-7) and
:mod:`analysis.actors.merges` (merging); their word lists and name tests in
:mod:`analysis.names`. This module puts them together and lists every mention.

Detection (no list of names anywhere)
-------------------------------------
Input is each sentence as ``(token, tag)`` pairs. Tags may be Penn (``NNP``/``NNPS``) or
Universal (``PROPN``); with no tags, :func:`tag_sentences` tags the text with TextBlob's
``PatternTagger`` (a Brill lexicon shipped in the package: no download).

1. *Proper tokens*: tagged ``NNP``/``NNPS``/``PROPN``; or tagged as another noun (or untagged)
   while capitalised in mid-sentence or written with inner capitals (``SoftBank``, ``OpenAI``,
   ``LNG``: the Brill lexicon does not know them and calls them ``NN``).
2. *Runs*: maximal sequences of proper tokens, with ``of`` / ``&`` allowed inside ("Bank of
   Japan", "Procter & Gamble"), and capitalised adjectives between name words ("Liberal
   Democratic Party"). A possessive (``'s``, ``’s``, or ``’`` + ``s`` as some
   tokenisers split it) ends a run and is stripped.
3. *Titles* split a run and are dropped: "U.S. President Donald Trump" gives "U.S." and
   "Donald Trump"; "Prime Minister" alone is no actor (``TITLE_WORDS`` of
   :mod:`analysis.names`: a closed class of person titles, not names), and so is a
   nationality or a calling before a full name ("American Justin Gatlin" gives "Justin
   Gatlin", "Sprinter Michelle Collins" gives "Michelle Collins";
   :func:`analysis.actors.offices.words_before_name`). Month and
   weekday names are dropped too (time expressions), except a month straight after a name
   or title, which is a surname ("Theresa May", "Prime Minister May"), and then, once the
   body uses it so, wherever it stands ("May said"); a day's number after it or a date's
   cue before it keeps it a date ("PITTSBURGH May 1", "in May"; :mod:`analysis.names`).
4. *Capitals by position*: in a run that starts a sentence, or in a title-case line (a section
   heading), a token is kept only if the article never writes the same word in lower case
   ("Energy Cooperation Between Japan and the U.S." keeps "Japan" and "U.S."; "Energy" and
   "Cooperation" are common words the article also uses in lower case). A sentence-initial token
   not tagged as a proper noun is dropped ("Experts", "Analysts"). In a title-case line, a
   word the tagger's lexicon knows in lower case as a finite verb ("Meets", "Arrives") is
   dropped too unless the body writes it capitalised: "Trump Meets Ishiba" gives "Trump" and
   "Ishiba".
5. *Hyphenated capitals* ("U.S.-Japan") are split into their parts when every part is also
   found on its own in the article (both "U.S." and "Japan" are), otherwise kept whole
   ("Asia-Pacific").
6. *Demonyms* ("Japanese", "American", "Chinese") are not actors and are **not** mapped to
   countries: a single capitalised word ending in -ese/-ian/-ean/-can/-ish that is tagged as an
   adjective or directly modifies a lower-case noun ("Japanese investment giant SoftBank",
   "American allies") names the nationality of something else, and crediting the sentence to
   the state would conflate a company, a leader or a people with the country. Other proper
   adjectives ending in -ic that the tagger's lexicon knows are treated the same ("Olympic
   champion", "Islamic militants"; not the surname of "the Milosevic regime").
7. *Plural acronyms* ("MPs", "CEOs", "NGOs") standing alone name a class of people or
   things, not an actor; inside a longer name they belong to it ("AAAs Championships").
   So do capitalised number words in mid-sentence ("Formula One", "Million Dollar Baby"),
   which alone are no actor ("the Final Four").

Merging (each merge is written to ``actor_aliases``: actor, variant, rule, evidence)
------------------------------------------------------------------------------------
* ``country_abbreviation``: a small, explicit table (``COUNTRY_ABBREVIATIONS`` of
  :mod:`analysis.names`) of standard abbreviations of international actors, each of
  which stands for exactly one official name
  (AP-style dotted forms and ISO 3166 / common codes: U.S., US, U.S.A., USA -> United States;
  U.K., UK -> United Kingdom; E.U., EU -> European Union; U.N., UN -> United Nations; U.A.E., UAE
  -> United Arab Emirates). This is notation, not entity resolution, and it applies only when the
  abbreviation is a whole actor: "U.S. Steel" is its own run and stays a distinct actor (as does
  "Nippon Steel"). Metonyms are *not* merged: "Washington" (the government, or the city, or
  the state) and "White House" stay separate actors, because nothing in the text shows which.
* ``country_short_name``: the short names of a state that news writes for it
  (``COUNTRY_SHORT_NAMES``: Britain, Great Britain -> United Kingdom), so that a story's
  "Britain" and another's "UK" are one actor.
* ``outlet_short_name``, ``event_short_name``, ``institution_short_name``,
  ``team_short_name``: an outlet's, an event's, a body's or a team's head word used alone
  ("the Journal", "the Olympics", "the Commission", "the Cubs", "United") merges into the
  only such name ending in it in the article ("Wall Street Journal", "Athens Olympics",
  "European Commission", "Chicago Cubs", "Manchester United"); only those head words
  (``OUTLET_WORDS``, ``EVENT_WORDS`` of :mod:`analysis.names`, the institutions' and clubs'
  words of :mod:`analysis.actors.merges`, a team's plural noun): "the House" is no "White
  House".
* ``thing_short_name``: a word the article writes as a thing's name ("the Globes", "the
  Pirates": after "the", modifying no noun) merges into the only name ending in it ("Golden
  Globes", "Pittsburgh Pirates"), unless the word names an organisation or place by itself
  ("the House"); such a word is no surname, and the name no person's.
* ``surname_of_full_name``: a one-word name merges into the only multi-word name of 2-4
  capitalised words ending in it in the same article ("Trump" -> "Donald Trump", "Ishiba" ->
  "Shigeru Ishiba"). With two candidates ("Shinzo Abe", "Akie Abe") nothing is merged and
  "Abe" stays a separate actor.
* ``acronym_defined_in_text``: "liquefied natural gas (LNG)": when the initials of the words
  before a parenthesised acronym spell it, the acronym is the actor and the expansion a variant
  whose later occurrences count as mentions (the defining occurrence counts once).

* ``surname_nearest_full_name``: a one-word name shared by several full names ("Abe": "Shinzo
  Abe", "Akie Abe") is attributed per mention to the nearest full name: fewest sentences away,
  on a tie the earlier one (a surname usually refers back), then fewer characters away, then the
  one named more often. The evidence lists each mention's choice.

Not actors: acronyms of things (an acronym defined by lower-case words, "artificial
intelligence (AI)", an undefined one the text never shows acting, or one of a common noun,
"TV", "MP"; see
:mod:`analysis.actors.kinds`), which also gives each actor its type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.actors import kinds as K
from analysis.actors.merges import (
    Row,
    acronym_definitions,
    acronym_merges,
    acronyms_of_things,
    attribute_surnames,
    country_name_merges,
    short_name_merges,
    surname_merges,
)
from analysis.actors.runs import Sentence, Token, clean_tokens, find_runs, tag_sentences
from analysis.names import TITLE_WORDS
from analysis.tokens import unescaped

#: Columns of ``find_actors(...).mentions``; ``start``/``end`` are offsets in the sentence text.
MENTION_COLUMNS = ("sentence_id", "actor", "surface", "start", "end")


@dataclass
class ActorResult:
    """Output of :func:`find_actors`."""

    mentions: pd.DataFrame  #: :data:`MENTION_COLUMNS`, one row per mention
    aliases: pd.DataFrame  #: actor, variant, rule, evidence
    types: pd.DataFrame  #: actor, actor_type, type_evidence (see :mod:`analysis.actors.kinds`)


def find_actors(
    sentence_ids: Sequence[object],
    texts: Sequence[str],
    tokens: Sequence[Sequence[Token]] | None = None,
) -> ActorResult:
    """Find the actors an article names, merge their variants, and list every mention.

    Args:
        sentence_ids: Sentence ids, in article order.
        texts: Sentence texts (used for acronym definitions and, without ``tokens``, tagging).
        tokens: Per sentence, ``(token, tag)`` pairs; a tag may be None or "" (then tagged here
            with :func:`tag_sentences` if no sentence has any tag).

    Returns:
        The mentions and the alias table (see the module docstring for the rules).
    """
    texts = ["" if t is None or (isinstance(t, float)) else str(t) for t in texts]
    if tokens is None or not any(tag for sent in tokens for _, tag in sent if tag):
        tokens = tag_sentences(texts)
    sentences = [
        Sentence(sid, text, clean_tokens(toks))
        for sid, text, toks in zip(sentence_ids, texts, tokens, strict=True)
    ]
    find_runs(sentences)
    surfaces = Counter(" ".join(run) for s in sentences for run in s.runs)
    canonical, alias_rows = country_name_merges(surfaces)
    words = frozenset(tok for s in sentences for tok, _ in s.tokens)
    written_as_things = _names_of_things(sentences)
    ambiguous = surname_merges(
        surfaces, canonical, alias_rows, article_words=words, things=written_as_things
    )
    short_name_merges(surfaces, canonical, alias_rows, things=written_as_things)
    definitions = acronym_definitions(sentences)
    things = acronyms_of_things(surfaces, canonical, definitions, sentences)
    expansions = acronym_merges(definitions, things, canonical, alias_rows)

    rows = _mention_rows(sentences, canonical, expansions, things)
    rows = attribute_surnames(rows, ambiguous, alias_rows)
    mentions = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    aliases = pd.DataFrame(alias_rows, columns=["actor", "variant", "rule", "evidence"])
    # An actor is named by its characters ("AT&T" also where scraped text has "AT&amp;T");
    # its surface stays as written, so that the offsets slice it from the text.
    for table in (mentions, aliases):
        table["actor"] = [unescaped(actor) for actor in table["actor"].tolist()]
    by_surname = aliases["rule"].astype(str).str.startswith("surname_")
    surname_actors = frozenset(aliases.loc[by_surname, "actor"].tolist())
    things_named = {unescaped(canonical.get(n, n)): n for n in sorted(written_as_things)}
    types = _types_table(mentions, sentences, surname_actors, words, things_named)
    return ActorResult(mentions=mentions, aliases=aliases, types=types)


def _locate(text: str, surface: str, cursor: int) -> tuple[int, int]:
    """Character span of ``surface`` in ``text`` at or after ``cursor`` (whitespace-tolerant)."""
    at = text.find(surface, cursor)
    if at < 0:
        at = text.find(surface)
    if at >= 0:
        return at, at + len(surface)
    pattern = r"\s*".join(re.escape(part) for part in surface.split())
    match = re.compile(pattern).search(text, cursor) or re.compile(pattern).search(text)
    if match:
        return match.start(), match.end()
    return 0, 0  # not found as written: the target model falls back to the first token


def _token_starts(text: str, tokens: Sequence[tuple[str, str]]) -> list[int]:
    """Where each token starts in ``text``, found in order (a token the cleaning respelled,
    such as "U.S" given a final dot, starts where the search has got to)."""
    starts, cursor = [], 0
    for token, _ in tokens:
        at = text.find(token, cursor)
        if at < 0:
            at = text.find(token.rstrip("."), cursor)
        if at < 0:
            starts.append(cursor)
            continue
        starts.append(at)
        cursor = at + len(token)
    return starts


def _mention_rows(sentences, canonical, expansions, things) -> list[Row]:
    rows: list[Row] = []
    for position, s in enumerate(sentences):
        token_starts = _token_starts(s.text, s.tokens) if s.runs else []
        for run, first_token in zip(s.runs, s.run_starts, strict=True):
            surface = " ".join(run)
            start, end = _locate(s.text, surface, token_starts[first_token])
            if surface in things:
                continue
            if surface in expansions:
                if s.text[end:].lstrip().startswith("("):
                    continue  # the defining occurrence counts once, as its acronym
                surface_actor = expansions[surface]
            else:
                surface_actor = canonical.get(surface, surface)
            rows.append(
                {
                    "sentence_id": s.sentence_id,
                    "actor": surface_actor,
                    "surface": surface,
                    "start": start,
                    "end": end,
                    "_pos": position,
                    "_len": len(s.text),
                }
            )
        own = [r for r in rows if r["_pos"] == position]
        for expansion, target in expansions.items():
            pattern = re.compile(
                r"(?<![\w-])" + re.escape(expansion) + r"(?![\w-])(?!\s*\()", re.IGNORECASE
            )
            for match in pattern.finditer(s.text):
                if any(r["start"] < match.end() and match.start() < r["end"] for r in own):
                    continue  # already a mention as a proper-noun run
                rows.append(
                    {
                        "sentence_id": s.sentence_id,
                        "actor": target,
                        "surface": match.group(0),
                        "start": match.start(),
                        "end": match.end(),
                        "_pos": position,
                        "_len": len(s.text),
                    }
                )
    return rows


def _names_of_things(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Names some sentence writes as a thing's (:func:`~analysis.actors.kinds.named_as_a_thing`)."""
    return frozenset(
        " ".join(run)
        for s in sentences
        for run, start in zip(s.runs, s.run_starts, strict=True)
        if K.named_as_a_thing(s.tokens, start, len(run))
    )


def _types_table(mentions, sentences, surname_actors, words, things) -> pd.DataFrame:
    texts = {s.sentence_id: s.text for s in sentences}
    by_actor: dict[str, list[tuple[str, str, int]]] = {}
    for sid, actor, surface, start in zip(
        mentions["sentence_id"],
        mentions["actor"],
        mentions["surface"],
        mentions["start"],
        strict=True,
    ):
        by_actor.setdefault(actor, []).append((texts[sid], surface, int(start)))
    typed = K.type_actors(
        sorted(by_actor),
        by_actor,
        surname_actors=surname_actors,
        titles=TITLE_WORDS,
        article_words=words,
        things=things,
    )
    rows = [(a, t, e) for a, (t, e) in sorted(typed.items())]
    return pd.DataFrame(rows, columns=["actor", "actor_type", "type_evidence"])
