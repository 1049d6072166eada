"""Merging an article's name variants into actors, each merge recorded with its rule and
evidence (the merging rules of :mod:`analysis.actors.detect`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from analysis.actors import kinds as K
from analysis.actors.runs import Sentence
from analysis.names import (
    COMMON_NOUN_ACRONYMS,
    EVENT_WORDS,
    OUTLET_WORDS,
    country_official_name,
    is_full_name,
    is_surname,
)

Row = dict[str, object]  # one row of a table, before it becomes a DataFrame
_ACRONYM_DEF = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){1,8}?)\(\s*([A-Z][A-Za-z&.]{1,11})\s*\)")
_SKIP_INITIALS = frozenset({"of", "and", "&", "the", "for", "on", "in"})
#: Head words that a story uses alone for the one body it named in full ("the European
#: Commission ... the Commission", "the House of Lords ... the Lords"). Not "House" (the
#: House of Representatives is no White House), "Parliament", "Government" or "Office",
#: which news uses alone for other bodies than the one it named.
_INSTITUTION_HEADS = frozenset(
    """Commission Council Union Court Committee League Lords Commons Bank Agency Authority
    Board Ministry Department Institute Foundation Assembly Senate""".split()
)
#: The last words of football clubs' names, used alone for the club ("Manchester United ...
#: United", "Aston Villa ... Villa").
_CLUB_WORDS = frozenset("United City Rovers Rangers Wanderers Athletic Albion Villa Town".split())


def is_person_surname(name: str) -> bool:
    """One name word that does not name an organisation or a place by itself."""
    return is_surname(name) and K.organisation_or_place(name) is None


def may_name_a_person(name: str, article_words: frozenset[str] = frozenset()) -> bool:
    """A full name that is no organisation or place and whose words before the surname the
    article never writes in lower case (see :func:`surname_merges`)."""
    return (
        is_full_name(name)
        and K.organisation_or_place(name) is None
        and not any(word.lower() in article_words for word in name.split()[:-1])
    )


def alias_row(actor: str, variant: str, rule: str, evidence: str) -> Row:
    """One row of the alias table."""
    return {"actor": actor, "variant": variant, "rule": rule, "evidence": evidence}


def country_name_merges(surfaces: Counter) -> tuple[dict[str, str], list[Row]]:
    """Map each standard abbreviation or short name of a state among the surfaces to its
    official name (:func:`~analysis.names.country_official_name`).

    Returns:
        (surface -> actor, the alias rows of these merges).
    """
    canonical: dict[str, str] = {}
    rows: list[Row] = []
    for surface in sorted(surfaces):
        official = country_official_name(surface)
        if official is not None:
            target, rule, evidence = official
            canonical[surface] = target
            rows.append(alias_row(target, surface, rule, evidence))
    return canonical, rows


def surname_merges(
    surfaces: Counter,
    canonical: dict[str, str],
    alias_rows: list[Row],
    *,
    article_words: frozenset[str],
    things: frozenset[str] = frozenset(),
) -> dict[str, list[str]]:
    """Merge a surname into the only full name ending in it; return the ambiguous surnames.

    Only a name that may be a person's merges. Neither name may show by itself that it
    names an organisation or a place (:func:`~analysis.actors.kinds.organisation_or_place`):
    "Russia" is no surname of "Bolshevik Russia", nor "League" of "Champions League". And
    the words before the surname must be names, not words the article also writes in lower
    case ("New Labour", "Father Christmas", "Ice Dancing"; the surname itself may be one:
    "Jack Straw", "Theresa May"). Neither may be written as a thing's name (``things``, see
    :func:`~analysis.actors.kinds.named_as_a_thing`): "The Globes also honour" is no surname
    of "Golden Globes".
    """
    full_names = [s for s in surfaces if may_name_a_person(s, article_words) and s not in things]
    ambiguous: dict[str, list[str]] = {}
    for surface in sorted(surfaces):
        if surface in canonical or surface in things or not is_person_surname(surface):
            continue
        candidates = sorted(f for f in full_names if f.split()[-1] == surface)
        if len(candidates) == 1:
            evidence = f"only multi-word name ending in '{surface}' in the article"
            _merge(surface, candidates[0], "surname_of_full_name", evidence, canonical, alias_rows)
        elif candidates:
            ambiguous[surface] = candidates
    return ambiguous


def short_name_merges(
    surfaces: Counter,
    canonical: dict[str, str],
    alias_rows: list[Row],
    *,
    things: frozenset[str] = frozenset(),
) -> None:
    """Merge an outlet's, an event's, an institution's or a team's head word used alone, or
    a word the article writes as a thing's name, into the only such name ending in it.

    News names an outlet, an event, a body or a team in full once and by its head word after
    ("The Wall Street Journal ... the Journal reported", "the Athens Olympics ... the
    Olympics", "the European Commission ... the Commission", "the Chicago Cubs ... the Cubs",
    "Manchester United ... United"); with two ("Financial Times", "New York Times") the head
    word stays apart. Only :data:`~analysis.names.OUTLET_WORDS` (rule ``outlet_short_name``),
    :data:`~analysis.names.EVENT_WORDS` (``event_short_name``), :data:`_INSTITUTION_HEADS`
    (``institution_short_name``), and clubs' last words and the plural nouns of teams
    (:func:`~analysis.actors.kinds.team_place`, ``team_short_name``) merge: other head words
    name other bodies ("the House" is no "White House"). So does a word among ``things``
    (:func:`~analysis.actors.kinds.named_as_a_thing`; ``thing_short_name``) that names no
    organisation or place by itself: "the Globes" of "Golden Globes", "the Pirates" of
    "Pittsburgh Pirates", which are no surnames.
    """
    for surface in sorted(surfaces):
        if surface in canonical:
            continue
        candidates = sorted(s for s in surfaces if " " in s and s.split()[-1] == surface)
        kind = _short_name_kind(surface)
        if not kind:
            teams = [name for name in candidates if K.team_place(name)]
            if teams:
                candidates, kind = teams, "team"
            elif surface in things and K.organisation_or_place(surface) is None:
                kind = "thing"
        if kind and len(candidates) == 1:
            named = "name" if kind == "thing" else f"{kind} name"
            evidence = f"only {named} ending in '{surface}' in the article"
            if kind == "thing":
                evidence += f", which writes 'the {surface}'"
            _merge(surface, candidates[0], f"{kind}_short_name", evidence, canonical, alias_rows)


def _short_name_kind(surface: str) -> str:
    """What a head word used alone may name: "outlet", "event", "institution", "team" (a
    club's last word) or "" (nothing, or a team's plural noun: see :func:`short_name_merges`)."""
    if surface in OUTLET_WORDS:
        return "outlet"
    if surface in EVENT_WORDS:
        return "event"
    if surface in _INSTITUTION_HEADS:
        return "institution"
    return "team" if surface in _CLUB_WORDS else ""


def _merge(
    variant: str,
    actor: str,
    rule: str,
    evidence: str,
    canonical: dict[str, str],
    alias_rows: list[Row],
) -> None:
    """Record that ``variant`` names ``actor``, with the rule and evidence."""
    canonical[variant] = actor
    alias_rows.append(alias_row(actor, variant, rule, evidence))


def acronym_definitions(sentences: Sequence[Sentence]) -> dict[str, tuple[str, object]]:
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


def acronym_merges(
    definitions: dict[str, tuple[str, object]],
    things: frozenset[str],
    canonical: dict[str, str],
    alias_rows: list[Row],
) -> dict[str, str]:
    """Make each acronym defined in the text that names an actor the actor of its expansion.

    Args:
        definitions: acronym -> (expansion, sentence id), from :func:`acronym_definitions`.
        things: Acronyms that name things (:func:`acronyms_of_things`): not merged.
        canonical: surface -> actor, from the earlier merges.
        alias_rows: The alias table so far; a row is added per merge.

    Returns:
        expansion -> actor.
    """
    expansions: dict[str, str] = {}
    for acronym, (expansion, sid) in sorted(definitions.items()):
        if acronym in things:
            continue
        target = canonical.get(acronym, acronym)
        expansions[expansion] = target
        alias_rows.append(
            alias_row(
                target,
                expansion,
                "acronym_defined_in_text",
                f"sentence {sid}: '{expansion} ({acronym})'",
            )
        )
    return expansions


def acronyms_of_things(
    surfaces: Counter,
    canonical: dict[str, str],
    definitions: dict[str, tuple[str, object]],
    sentences: Sequence[Sentence],
) -> frozenset[str]:
    """Acronyms that name things, not actors (see :mod:`analysis.actors.kinds`)."""
    things = set()
    for surface in surfaces:
        if surface in canonical or not K.is_acronym(surface):
            continue
        if surface in COMMON_NOUN_ACRONYMS:
            things.add(surface)
        elif surface in definitions:
            expansion = definitions[surface][0]
            if expansion == expansion.lower():
                things.add(surface)
        elif not K.acronym_is_organisation(surface, [s.tokens for s in sentences]):
            things.add(surface)
    return frozenset(things)


def attribute_surnames(
    rows: list[Row],
    ambiguous: dict[str, list[str]],
    alias_rows: list[Row],
) -> list[Row]:
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
            alias_row(
                actor,
                surface,
                "surname_nearest_full_name",
                f"full names ending in '{surface}': {others}; " + "; ".join(items),
            )
        )
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
