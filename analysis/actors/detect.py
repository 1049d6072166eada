"""Actors named in an article, found from the text: detection and merging of name variants.

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
   "Donald Trump"; "Prime Minister" alone is no actor (:data:`TITLE_WORDS`: a closed class of
   person titles, not names). Month and weekday names are dropped too (time expressions).
4. *Capitals by position*: in a run that starts a sentence, or in a title-case line (a section
   heading), a token is kept only if the article never writes the same word in lower case
   ("Energy Cooperation Between Japan and the U.S." keeps "Japan" and "U.S."; "Energy" and
   "Cooperation" are common words the article also uses in lower case). A sentence-initial token
   not tagged as a proper noun is dropped ("Experts", "Analysts").
5. *Hyphenated capitals* ("U.S.-Japan") are split into their parts when every part is also
   found on its own in the article (both "U.S." and "Japan" are), otherwise kept whole
   ("Asia-Pacific").
6. *Demonyms* ("Japanese", "American", "Chinese") are not actors and are **not** mapped to
   countries: a single capitalised word ending in -ese/-ian/-ean/-can/-ish that is tagged as an
   adjective or directly modifies a lower-case noun ("Japanese investment giant SoftBank",
   "American allies") names the nationality of something else, and crediting the sentence to
   the state would conflate a company, a leader or a people with the country.

Merging (each merge is written to ``actor_aliases``: actor, variant, rule, evidence)
------------------------------------------------------------------------------------
* ``country_abbreviation``: a small, explicit table (:data:`COUNTRY_ABBREVIATIONS`) of standard
  abbreviations of international actors, each of which stands for exactly one official name
  (AP-style dotted forms and ISO 3166 / common codes: U.S., US, U.S.A., USA -> United States;
  U.K., UK -> United Kingdom; E.U., EU -> European Union; U.N., UN -> United Nations; U.A.E., UAE
  -> United Arab Emirates). This is notation, not entity resolution, and it applies only when the
  abbreviation is a whole actor: "U.S. Steel" is its own run and stays a distinct actor (as does
  "Nippon Steel"). Metonyms are *not* merged: "Washington" (the government, or the city, or the
  state) and "White House" stay separate actors, because nothing in the text shows which.
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
intelligence (AI)", or an undefined one the text never shows acting; see
:mod:`analysis.actors.kinds`), which also gives each actor its type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.actors import kinds as K
from analysis.resources import load_once

Token = tuple[str, str | None]
#: Columns of ``find_actors(...).mentions``; ``start``/``end`` are offsets in the sentence text.
MENTION_COLUMNS = ("sentence_id", "actor", "surface", "start", "end")

PROPER_TAGS = frozenset({"NNP", "NNPS", "PROPN"})
UPOS_TO_PENN = {"PROPN": "NNP", "NOUN": "NN", "ADJ": "JJ", "VERB": "VB", "ADV": "RB", "NUM": "CD"}
CONNECTORS = frozenset({"of", "&"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})

#: Person titles: they split runs and are never actors themselves.
TITLE_WORDS = frozenset(
    """President Vice Prime Minister Secretary Chancellor Premier Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr
    Sen. Rep. Gov. Governor Senator Ambassador Chairman Chairwoman Speaker King Queen Prince
    Princess Emperor Empress Mayor Pope Sir Lady Lord""".split()
)
#: Month and weekday names: time expressions, which taggers call proper nouns.
CALENDAR_WORDS = frozenset(
    """January February March April May June July August September October November December
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday""".split()
)
#: Standard abbreviations of international actors (see the module docstring).
COUNTRY_ABBREVIATIONS = {
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "E.U.": "European Union",
    "EU": "European Union",
    "U.N.": "United Nations",
    "UN": "United Nations",
    "U.A.E.": "United Arab Emirates",
    "UAE": "United Arab Emirates",
}

_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ese|ians?|eans?|cans?|ish)$")
_NAME_WORD = re.compile(r"^[A-Z][a-z][A-Za-z'’-]*$")
_DOTTED_NO_FINAL = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")
_HYPHEN = re.compile(r"[-–]")
_ACRONYM_DEF = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){1,8}?)\(\s*([A-Z][A-Za-z&.]{1,11})\s*\)")
_SKIP_INITIALS = frozenset({"of", "and", "&", "the", "for", "on", "in"})
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


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


def _clean_tokens(tokens: Sequence[Token]) -> list[tuple[str, str]]:
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


def _first_word_index(tokens: Sequence[tuple[str, str]]) -> int:
    for i, (tok, _) in enumerate(tokens):
        if any(c.isalnum() for c in tok):
            return i
    return len(tokens)


def _is_title_line(tokens: Sequence[tuple[str, str]]) -> bool:
    words = [t for t, _ in tokens if t[:1].isalpha()]
    if len(words) < 2:
        return False
    share = sum(1 for w in words if w[0].isupper()) / len(words)
    ends = bool(tokens) and tokens[-1][0] in (".", "!", "?")
    return share > 0.8 or (share > 0.5 and not ends)


def _is_proper(tok: str, tag: str, initial: bool) -> bool:
    if not tok[:1].isupper():
        return False
    if tag in PROPER_TAGS:
        return True
    pieces = [p for p in _HYPHEN.split(tok) if p]
    if len(pieces) > 1 and all(p[:1].isupper() for p in pieces):
        return True  # "U.S.-Japan", which taggers call an adjective
    if tag.startswith("NN") or tag in ("", "FW", "X"):
        inner_caps = any(c.isupper() for c in tok[1:])
        return inner_caps or not initial
    return False


@dataclass
class _Sentence:
    sentence_id: object
    text: str
    tokens: list[tuple[str, str]]
    runs: list[list[str]] = field(default_factory=list)


def _raw_runs(sentence: _Sentence) -> list[tuple[list[tuple[str, str]], bool]]:
    """Maximal proper-token runs, each with a flag: does it need lower-case-evidence checking."""
    tokens = sentence.tokens
    first = _first_word_index(tokens)
    title_line = _is_title_line(tokens)
    runs: list[tuple[list[tuple[str, str]], bool]] = []
    current: list[tuple[str, str]] = []
    starts_at_first = False
    i = 0
    while i < len(tokens):
        tok, tag = tokens[i]
        proper = tag != "POS" and _is_proper(tok, tag, i == first)
        if not proper and current and i + 1 < len(tokens):
            nxt, nxt_tag = tokens[i + 1]
            if tok in CONNECTORS and _is_proper(nxt, nxt_tag, False):
                current.append((tok, "CONN"))
                i += 1
                continue
            if tag == "JJ" and _NAME_WORD.match(tok) and _is_proper(nxt, nxt_tag, False):
                current.append((tok, "NNP"))  # "Liberal Democratic Party": a name word
                i += 1
                continue
        if proper:
            if not current:
                starts_at_first = i == first
            current.append((tok, tag))
        else:
            if current:
                runs.append((current, starts_at_first or title_line))
            current = []
        i += 1
    if current:
        runs.append((current, starts_at_first or title_line))
    return runs


def _split_run(
    run: list[tuple[str, str]], needs_evidence: bool, lowercase_words: set[str]
) -> list[list[str]]:
    """Split a run at titles, calendar words and (where needed) words seen in lower case."""
    parts: list[list[str]] = []
    current: list[str] = []
    for tok, tag in run:
        drop = tok in TITLE_WORDS or tok in CALENDAR_WORDS
        if needs_evidence and tag != "CONN" and tok.lower() in lowercase_words:
            drop = True
        if drop:
            if current:
                parts.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        parts.append(current)
    cleaned = []
    for part in parts:
        while part and part[0] in CONNECTORS:
            part = part[1:]
        while part and part[-1] in CONNECTORS:
            part = part[:-1]
        if part and any(c.isalpha() for c in "".join(part)):
            cleaned.append(part)
    return cleaned


def _is_demonym_use(part: list[str], sentence: _Sentence) -> bool:
    if len(part) != 1 or not _DEMONYM.match(part[0]):
        return False
    tokens = sentence.tokens
    for i, (tok, tag) in enumerate(tokens):
        if tok == part[0]:
            if tag == "JJ":
                return True
            if i + 1 < len(tokens):
                nxt, nxt_tag = tokens[i + 1]
                if nxt[:1].islower() and (
                    nxt_tag.startswith("NN") or nxt_tag.startswith("JJ") or not nxt_tag
                ):
                    return True
    return False


def _acronym_definitions(sentences: Sequence[_Sentence]) -> dict[str, tuple[str, object]]:
    """Acronyms defined in the text: acronym -> (expansion, sentence id)."""
    found: dict[str, tuple[str, object]] = {}
    for s in sentences:
        if "(" not in s.text:
            continue  # no definition; the pattern is slow to fail on long sentences
        for match in _ACRONYM_DEF.finditer(s.text):
            acronym = match.group(2)
            letters = [c.lower() for c in acronym if c.isalpha()]
            words = match.group(1).split()
            # take the shortest tail of words whose initials spell the acronym
            for k in range(1, len(words) + 1):
                tail = words[-k:]
                initials = [w[0].lower() for w in tail if w.lower() not in _SKIP_INITIALS]
                if initials == letters and tail[0].lower() not in _SKIP_INITIALS:
                    found.setdefault(acronym, (" ".join(tail), s.sentence_id))
                    break
    return found


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
        _Sentence(sid, text, _clean_tokens(toks))
        for sid, text, toks in zip(sentence_ids, texts, tokens, strict=True)
    ]

    lowercase_words = {
        tok.lower() for s in sentences for tok, _ in s.tokens if tok[:1].islower() and tok.isalpha()
    }
    # pass 1: runs before hyphen splitting, to learn which words stand alone
    for s in sentences:
        s.runs = []
        for run, needs_evidence in _raw_runs(s):
            for part in _split_run(run, needs_evidence, lowercase_words):
                if not _is_demonym_use(part, s):
                    s.runs.append(part)
    standalone = {
        " ".join(run)
        for s in sentences
        for run in s.runs
        if not any(_HYPHEN.search(t) for t in run)
    }
    # pass 2: split "U.S.-Japan" into parts found on their own elsewhere
    for s in sentences:
        new_runs = []
        for run in s.runs:
            if len(run) == 1 and _HYPHEN.search(run[0]):
                pieces = [p for p in _HYPHEN.split(run[0]) if p]
                if len(pieces) > 1 and all(
                    p in standalone or COUNTRY_ABBREVIATIONS.get(p) in standalone for p in pieces
                ):
                    new_runs.extend([p] for p in pieces)
                    continue
            new_runs.append(run)
        s.runs = new_runs

    surfaces = Counter(" ".join(run) for s in sentences for run in s.runs)
    canonical, alias_rows = _abbreviation_merges(surfaces)
    ambiguous = _surname_merges(surfaces, canonical, alias_rows)
    definitions = _acronym_definitions(sentences)
    things = _acronyms_of_things(surfaces, canonical, definitions, sentences)
    expansions: dict[str, str] = {}
    for acronym, (expansion, sid) in sorted(definitions.items()):
        if acronym in things:
            continue
        target = canonical.get(acronym, acronym)
        expansions[expansion] = target
        alias_rows.append(
            _alias(
                target,
                expansion,
                "acronym_defined_in_text",
                f"sentence {sid}: '{expansion} ({acronym})'",
            )
        )

    rows = _mention_rows(sentences, canonical, expansions, things)
    rows = _attribute_surnames(rows, ambiguous, alias_rows)
    mentions = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    aliases = pd.DataFrame(alias_rows, columns=["actor", "variant", "rule", "evidence"])
    surname_actors = frozenset(
        a["actor"] for a in alias_rows if str(a["rule"]).startswith("surname_")
    )
    types = _types_table(mentions, sentences, surname_actors)
    return ActorResult(mentions=mentions, aliases=aliases, types=types)


def _alias(actor: str, variant: str, rule: str, evidence: str) -> dict[str, object]:
    return {"actor": actor, "variant": variant, "rule": rule, "evidence": evidence}


def _abbreviation_merges(surfaces: Counter) -> tuple[dict[str, str], list[dict[str, object]]]:
    canonical: dict[str, str] = {}
    rows: list[dict[str, object]] = []
    for surface in sorted(surfaces):
        if surface in COUNTRY_ABBREVIATIONS:
            target = COUNTRY_ABBREVIATIONS[surface]
            canonical[surface] = target
            rows.append(
                _alias(
                    target,
                    surface,
                    "country_abbreviation",
                    f"standard abbreviation table: {surface} = {target}",
                )
            )
    return canonical, rows


def _surname_merges(
    surfaces: Counter, canonical: dict[str, str], alias_rows: list[dict[str, object]]
) -> dict[str, list[str]]:
    """Merge a surname into the only full name ending in it; return the ambiguous surnames."""
    full_names = [
        s
        for s in surfaces
        if 2 <= len(s.split()) <= 4 and all(_NAME_WORD.match(w) for w in s.split())
    ]
    ambiguous: dict[str, list[str]] = {}
    for surface in sorted(surfaces):
        if surface in canonical or len(surface.split()) != 1 or not _NAME_WORD.match(surface):
            continue
        candidates = sorted(f for f in full_names if f.split()[-1] == surface)
        if len(candidates) == 1:
            canonical[surface] = candidates[0]
            alias_rows.append(
                _alias(
                    candidates[0],
                    surface,
                    "surname_of_full_name",
                    f"only multi-word name ending in '{surface}' in the article",
                )
            )
        elif candidates:
            ambiguous[surface] = candidates
    return ambiguous


def _acronyms_of_things(
    surfaces: Counter,
    canonical: dict[str, str],
    definitions: dict[str, tuple[str, object]],
    sentences: Sequence[_Sentence],
) -> frozenset[str]:
    """Acronyms that name things, not actors (see :mod:`analysis.actors.kinds`)."""
    things = set()
    for surface in surfaces:
        if surface in canonical or not K.is_acronym(surface):
            continue
        if surface in definitions:
            expansion = definitions[surface][0]
            if expansion == expansion.lower():
                things.add(surface)
        elif not K.acronym_is_organisation(surface, [s.tokens for s in sentences]):
            things.add(surface)
    return frozenset(things)


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


def _mention_rows(sentences, canonical, expansions, things) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for position, s in enumerate(sentences):
        cursor = 0
        for run in s.runs:
            surface = " ".join(run)
            start, end = _locate(s.text, surface, cursor)
            cursor = max(cursor, end)
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


def _attribute_surnames(
    rows: list[dict[str, object]],
    ambiguous: dict[str, list[str]],
    alias_rows: list[dict[str, object]],
) -> list[dict[str, object]]:
    """Give each mention of a surname shared by several full names to the nearest one.

    Nearest: fewest sentences away; on a tie the earlier mention (a surname usually refers
    back), then the fewer characters away, then the full name named more often, then by name.
    """
    full = {name for names in ambiguous.values() for name in names}
    anchors = [r for r in rows if r["actor"] in full]
    counts = Counter(r["actor"] for r in anchors)
    evidence: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        candidates = ambiguous.get(str(r["surface"])) if r["actor"] == r["surface"] else None
        if not candidates:
            continue
        options = [a for a in anchors if a["actor"] in candidates]
        if not options:
            continue

        def key(a, r=r):
            gap = int(a["_pos"]) - int(r["_pos"])
            if gap == 0:
                chars = abs(int(a["start"]) - int(r["start"]))
            else:  # characters between the anchor and the edge of its sentence facing r
                chars = int(a["_len"]) - int(a["end"]) if gap < 0 else int(a["start"])
            return (abs(gap), gap > 0, chars, -counts[a["actor"]], a["actor"])

        best = min(options, key=key)
        r["actor"] = best["actor"]
        evidence.setdefault((str(best["actor"]), str(r["surface"])), []).append(
            f"sentence {r['sentence_id']} -> {best['actor']} (sentence {best['sentence_id']})"
        )
    for (actor, surface), items in sorted(evidence.items()):
        others = ", ".join(ambiguous[surface])
        alias_rows.append(
            _alias(
                actor,
                surface,
                "surname_nearest_full_name",
                f"full names ending in '{surface}': {others}; " + "; ".join(items),
            )
        )
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


def _types_table(mentions, sentences, surname_actors) -> pd.DataFrame:
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
    words = frozenset(tok for s in sentences for tok, _ in s.tokens)
    typed = K.type_actors(
        sorted(by_actor),
        by_actor,
        surname_actors=surname_actors,
        titles=TITLE_WORDS,
        article_words=words,
    )
    rows = [(a, t, e) for a, (t, e) in sorted(typed.items())]
    return pd.DataFrame(rows, columns=["actor", "actor_type", "type_evidence"])
