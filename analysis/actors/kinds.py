"""Actor types (person / organisation / place) from evidence in the text; acronyms of things.

Each actor gets the first type whose evidence the article shows, and the evidence is kept
(``find_actors(...).types``):

1. ``country_abbreviation``: the standard abbreviation table of :mod:`analysis.names`
   names states (place) and two organisations (European Union, United Nations).
2. ``acronym``: an all-capital or dotted name the text uses as an organisation (see
   :func:`acronym_is_organisation`) -> organisation.
3. ``person_title``: a person title (:data:`analysis.names.TITLE_WORDS`) directly before
   a mention, optionally with "former" or a comma ("Prime Minister, Shinzo Abe") -> person.
4. ``company_context``: words around a mention that only a company has ("shares in
   Borussia Dortmund", "a stake in Manchester United", "Time Warner's profits", "Wimpey's
   shareholders"): a firm named after its founder is written like a person ("George
   Wimpey") -> organisation; so does ``team_context``, a team's role right after a mention
   ("Chelsea boss", "West Ham manager", "Middlesbrough winger"; not after a possessive,
   "Thanou's coach"). Neither for a place's name (rules 7 and 8; but "Manchester City",
   which the lists do not hold, may be a club) or a demonym.
5. ``surname_used_alone``: a full name whose last word the article uses alone -> person.
6. ``organisation_word``: a word of the name is an organisation head ("Bank of Japan",
   "Nippon Steel", "White House", "Brooklyn Museum"; a party's name as news gives it,
   "Labour", "Lib Dems"), or it is a city or US state and a plural noun, a team
   ("Chicago Cubs", "San Francisco Giants"; after a city of two or more words any
   capitalised plural: "Los Angeles Dodgers"), or an organisation noun stands before it in
   apposition ("investment giant SoftBank", "firm OpenAI") -> organisation.
7. ``place_word``: a word of the name is a place head ("New York City", "Fukushima Prefecture"),
   or its last word a venue's ("Millennium Stadium", "Carrow Road"), or a compass word
   stands before a place's name of rule 8 ("South Wales", "Southern California") -> place.
8. ``country_or_city_name``: the name is a country in ISO 3166 (as news writes it: "South
   Korea", "Burma"), a country of the United Kingdom, a continent or world region, a US
   state, a time-zone city of the IANA time-zone database (both lists read from the
   installed ``tzdata`` package, a locked dependency of pandas), or a city of more than one
   word with 100,000 people or more (GeoNames, shipped as ``analysis/data/city_names.txt``)
   -> place.
9. ``demonym_in_text``: the article also writes the name's demonym ("Japan" / "Japanese",
   "Korea" / "Korean") -> place.
10. ``full_name``: two to four name words (:func:`analysis.names.is_full_name`: no acronym,
    so not "BBC News" or "FA Cup"; not ending in an event's head word, "Athens Olympics") with
    none of the above, none of which the article also writes in lower case ("Akie Abe"; not
    "America First"), and which the article never writes as a thing's name (after "the",
    modifying no noun: "the Beastie Boys were", "the Earth Simulator has"; see
    :func:`named_as_a_thing`) -> person.
11. otherwise ``unknown`` (a single proper name the text gives no type evidence for, or a
    thing's name: evidence ``named_as_a_thing``).

Acronyms of things are not actors: an acronym the text defines by lower-case words
("artificial intelligence (AI)", "liquefied natural gas (LNG)"), or an undefined one that the
text only uses to modify a following lower-case noun ("AI infrastructure"), is dropped unless
the text shows it acting (followed by a verb: "NATO said") or as an organisation. An acronym
of a common noun (:data:`analysis.names.COMMON_NOUN_ACRONYMS`: "TV", "PC", "GDP", "MP") is
never an actor, acting or not ("the PC crashed", "the MP said").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from analysis.names import (
    EVENT_WORDS,
    INSTITUTION_NAMES,
    IRREGULAR_DEMONYMS,
    ORGANISATION_WORDS,
    US_STATES,
    US_STATES_OF_TWO_WORDS,
    WORLD_REGIONS,
    is_full_name,
    is_name_word,
    looks_like_demonym,
)
from analysis.resources import load_once
from analysis.tokens import lexicon_knows_as, lexicon_tag

PERSON, ORGANISATION, PLACE, UNKNOWN = "person", "organisation", "place", "unknown"
#: Names of more than one word of the cities of 100,000 people or more (GeoNames, CC BY 4.0),
#: built by ``bench/build_city_names.py``: "Las Vegas" looks like a person's name.
CITY_NAMES_PATH = Path(__file__).resolve().parents[1] / "data" / "city_names.txt"

#: Types of the targets of the standard abbreviation table.
ABBREVIATION_TYPES = {
    "United States": PLACE,
    "United Kingdom": PLACE,
    "United Arab Emirates": PLACE,
    "European Union": ORGANISATION,
    "United Nations": ORGANISATION,
}
#: Nouns that introduce an organisation in apposition ("investment giant SoftBank").
ORGANISATION_NOUNS = frozenset(
    """firm company giant maker group party agency carrier startup start-up conglomerate bank
    automaker chipmaker retailer insurer lender broker manufacturer operator producer supplier
    developer publisher outlet newspaper network utility housebuilder airline carmaker brewer
    supermarket marque""".split()
)
#: What only a company has, written around its name: "shares in Borussia Dortmund", "a
#: stake in Manchester United", "Time Warner's profits", "Wimpey's shareholders". News
#: writes a firm named after its founder ("George Wimpey", "Robert Bosch") like a person,
#: and uses its last word alone, so these count before a surname used alone.
_COMPANY_BEFORE = re.compile(
    r"\b(?:shares|shareholders|stake|stakes|takeover) (?:in|of) (?:the )?$", re.IGNORECASE
)
_COMPANY_AFTER = re.compile(
    r"^['’]s? (?:shares|shareholders|share price|subsidiary|subsidiaries|chief executive"
    r"|(?:(?:first|second|third|fourth|quarter|quarterly|annual|half-year|full-year|pre-tax"
    r"|net|operating|underlying)[ -])*(?:profits?|revenues?))\b"
)
#: A team's roles right after its name ("Chelsea boss Jose Mourinho", "Middlesbrough
#: winger", "Livi striker"): a club named after its town ("Liverpool") or not ("Nottingham
#: Forest", "West Ham"). Not a possessive ("Thanou's coach": people have coaches and
#: managers), nor "player" ("MP3 players") or "forward" ("put Tony Blair forward").
_TEAM_AFTER = re.compile(
    r"^ (?:manager|boss|coach|striker|defender|midfielder|goalkeeper|keeper|winger"
    r"|skipper|team-mate)\b"
)
_NEXT_WORD = re.compile(r"^\s+([a-z][\w-]*)")
#: Head words of place names.
PLACE_WORDS = frozenset(
    """City County Province Prefecture State Island Islands Republic Kingdom Sea River Strait
    Peninsula Valley Mountains Bay Coast Gulf Ocean Lake District Region East Street
    Pradesh""".split()
)
#: Last words of venues' names ("Millennium Stadium", "Carrow Road"), places only as the last
#: word ("Road Safety Bill" is none). Not "Park" or "Lane": surnames as often as a place's.
VENUE_WORDS = frozenset(
    "Square Stadium Arena Airport Palace Abbey Cathedral Road Avenue Boulevard".split()
)
#: Words that name a part of a place before its name ("South Wales", "Southern California",
#: "Central London"): the whole is a place, never a given name and surname.
COMPASS_WORDS = frozenset(
    """North South West Northern Southern Eastern Western Central Northeast Northwest Southeast
    Southwest Northeastern Northwestern Southeastern Southwestern Upper Lower Greater Inner
    Outer Mid""".split()
)
#: The countries of the United Kingdom: ISO 3166-1 lists only the state ("Britain (UK)"), and
#: British news names them as teams, governments and places more often than the state.
UK_COUNTRIES = ("England", "Scotland", "Wales", "Northern Ireland")
# A team's name ends in a plural noun ("Cubs", "Giants"): :func:`team_place`.
_PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
_CAPITALISED_PLURAL = re.compile(r"^[A-Z][a-z]+[^s]s$")
# Tags of a word that a name before it may modify ("the Tony Blair government").
_MODIFIED_TAGS = ("NN", "JJ", "VBG", "VBN")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")


def is_acronym(name: str) -> bool:
    """True for an all-capital or dotted abbreviation ("NATO", "LNG", "U.N.")."""
    return bool(_ACRONYM.match(name))


@load_once
def place_names() -> frozenset[str]:
    """Country names (ISO 3166, in the forms of :func:`country_name_forms`),
    :data:`UK_COUNTRIES`, :data:`WORLD_REGIONS`, and :func:`city_and_state_names`."""
    zoneinfo = resources.files("tzdata") / "zoneinfo"
    names: set[str] = set()
    for line in _data_lines(zoneinfo / "iso3166.tab"):
        names.update(country_name_forms(line.split("\t")[1].strip()))
    names.update(UK_COUNTRIES, WORLD_REGIONS, city_and_state_names())
    return frozenset(names)


@load_once
def city_and_state_names() -> frozenset[str]:
    """The US states, time-zone city names from the installed ``tzdata`` (not Antarctica's
    zones: research stations named after people), and the cities of more than one word of
    :data:`CITY_NAMES_PATH`: the places that name teams ("Chicago Cubs", "Texas Rangers")."""
    zoneinfo = resources.files("tzdata") / "zoneinfo"
    names: set[str] = set(US_STATES) | set(US_STATES_OF_TWO_WORDS)
    for line in _data_lines(zoneinfo / "zone1970.tab"):
        zone = line.split("\t")[2]
        if not zone.startswith("Antarctica/"):  # stations named after people (Davis, Casey)
            names.add(zone.rsplit("/", 1)[-1].replace("_", " "))
    names.update(_data_lines(CITY_NAMES_PATH))
    return frozenset(names)


def _data_lines(path: Traversable) -> list[str]:
    """The lines of a data file that are neither empty nor a ``#`` comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<qualifier>[^()]+)\)$")
_COMPASS_WORDS = frozenset({"North", "South", "East", "West"})


def country_name_forms(name: str) -> set[str]:
    """The names news writes for one country of the time-zone database's ISO 3166 table.

    The table writes "Korea (South)", "Samoa (American)", "Myanmar (Burma)" and "Trinidad &
    Tobago"; news writes "South Korea", "American Samoa", "Burma" and "Trinidad and Tobago".
    A qualifier that is a compass word or a nationality goes before the name; any other
    one-word qualifier is another name of the country ("Burma", "Swaziland"); an
    abbreviation ("UK", "Dem. Rep.") or a lower-case one ("western") is neither.

    Args:
        name: The table's name of one country.

    Returns:
        The name itself and the forms news writes.
    """
    forms = {name, name.replace(" & ", " and ")}
    qualified = _QUALIFIED.match(name)
    if qualified:
        base, qualifier = qualified["name"], qualified["qualifier"]
        forms.add(base)  # "Korea (South)" -> "Korea"
        if qualifier in _COMPASS_WORDS or looks_like_demonym(qualifier):
            forms.add(f"{qualifier} {base}")
        elif is_name_word(qualifier) and " " not in qualifier:
            forms.add(qualifier)
    forms.add(re.sub(r"^(.*), (.*)$", r"\2 \1", name))  # "Korea, Rep." forms
    return forms


#: How a demonym ends, and how the name of its place ends instead: "Kenyan" of "Kenya",
#: "Russian" of "Russia", "Ghanaian" of "Ghana", "Mexican" of "Mexico", "Italian" of
#: "Italy", "Chinese" of "China", "British" of "Britain", "Texan" of "Texas", "Somali" of
#: "Somalia", "Pakistani". Read both ways: a place's demonym in a text
#: (:func:`_demonym_in`), a demonym's place (:func:`names_a_nationality`).
_DEMONYM_PLACE_ENDINGS = (
    ("ian", ("ia", "", "y", "a", "e", "ium")),
    ("ean", ("ea", "e")),
    ("an", ("a", "o", "as", "", "any")),
    ("n", ("",)),
    ("ese", ("a", "", "e", "on")),
    ("ish", ("ain", "en", "ey", "and")),
    ("i", ("", "ia")),
)
#: Nationalities, and nouns for a person of a nation, that no place's name gives by those
#: endings ("Irish" of "Ireland", "Briton", "Spaniard"), besides the irregular demonyms.
_IRREGULAR_NATIONALITIES = IRREGULAR_DEMONYMS | frozenset(
    """Briton Danish Dane Finnish Finn Irish Norwegian Peruvian Portuguese Scot Scottish
    Spaniard Spanish Swede Pole Turk""".split()
)
#: A nationality made a noun for a person ("Frenchman", "Welshwoman", "Englishmen").
_NATIONALITY_PERSON = re.compile(r"^([A-Z][a-z]+?)(?:man|men|woman|women)$")


def names_a_nationality(word: str) -> bool:
    """Is a word a nationality or a person of one, of a country, region or state that
    :func:`place_names` knows ("American", "Kenyans", "British", "Briton", "Frenchman",
    "Texan"), or of :data:`~analysis.names.IRREGULAR_DEMONYMS` ("Greek", "Welsh")? Not
    every word that ends like one: "Brian", "Lilian", "Phish", "Republicans" and "Coleman"
    name no place."""
    person = _NATIONALITY_PERSON.match(word)
    if person is not None and names_a_nationality(person.group(1)):
        return True
    singular = word[:-1] if word.endswith("s") and word not in _IRREGULAR_NATIONALITIES else word
    if singular in _IRREGULAR_NATIONALITIES:
        return True
    places = place_names()
    for ending, place_endings in _DEMONYM_PLACE_ENDINGS:
        if singular.endswith(ending) and len(singular) > len(ending) + 2:
            stem = singular[: -len(ending)]
            if any(stem + place_ending in places for place_ending in place_endings):
                return True
    return False


def organisation_or_place(name: str) -> tuple[str, str] | None:
    """The type a name shows by itself when it names no person, with its evidence.

    Read from the name alone (rules 1, 2, 6, 7 and 8 of the module docstring): the
    abbreviation table, an acronym, an organisation or place head word, a country or
    time-zone city. The surname merges ask it of both names ("Champions League" and
    "League", "Northern Ireland" and "Ireland" are no full name and surname).

    Returns:
        ``(type, evidence)``, or None when the name alone shows no such type.
    """
    return _by_notation(name) or _by_organisation_word(name) or _by_place_name(name)


def _by_notation(name: str) -> tuple[str, str] | None:
    if name in ABBREVIATION_TYPES:
        return ABBREVIATION_TYPES[name], "country_abbreviation"
    if is_acronym(name):
        return ORGANISATION, "acronym: used as an organisation in the text"
    return None


def _by_organisation_word(name: str) -> tuple[str, str] | None:
    if name in INSTITUTION_NAMES:
        return ORGANISATION, f"institution_name: '{name}'"
    words = name.split()
    heads = [w for w in words if w in ORGANISATION_WORDS]
    if heads:
        return ORGANISATION, f"organisation_word: '{heads[0]}'"
    place = team_place(name)
    if place:
        return ORGANISATION, f"organisation_word: team '{place}' + '{words[-1]}'"
    return None


def team_place(name: str) -> str | None:
    """The city or US state of a team's name: a place and a plural noun ("Chicago" of
    "Chicago Cubs"); None for other names, and for a country's ("Jordan Banks" is a person)
    or an event's ("Athens Games"). After a place of two or more words any capitalised
    plural will do ("Los Angeles Dodgers", "New York Mets"): such a place is no given name,
    as "Georgia" of "Georgia Adams" is."""
    words = name.split()
    if len(words) < 2 or words[-1] in EVENT_WORDS:
        return None
    place = " ".join(words[:-1])
    if place not in city_and_state_names():
        return None
    plural = lexicon_tag(words[-1].lower()) in _PLURAL_NOUN_TAGS
    if plural or (" " in place and _CAPITALISED_PLURAL.match(words[-1])):
        return place
    return None


def _by_place_name(name: str) -> tuple[str, str] | None:
    words = name.split()
    places = [w for w in words if w in PLACE_WORDS]
    if len(words) > 1 and words[-1] in VENUE_WORDS:
        places.append(words[-1])
    if places:
        return PLACE, f"place_word: '{places[0]}'"
    if name in place_names():
        return PLACE, "country_or_city_name (ISO 3166 / IANA time zones / GeoNames)"
    if len(words) > 1 and words[0] in COMPASS_WORDS and " ".join(words[1:]) in place_names():
        return PLACE, f"place_word: '{words[0]}' before a place's name"
    return None


def named_as_a_thing(tokens: Sequence[tuple[str, str]], start: int, length: int) -> bool:
    """Is the name at ``tokens[start:start + length]`` written as a thing's: after "the",
    and not modifying the word after it? A person's name takes no article: "the Beastie Boys
    were", "the Earth Simulator has", "the Dow Jones Industrial Average rose", "the Globes
    also honour"; but "the Tony Blair government" and "the Harry Potter games" show
    nothing."""
    if start == 0 or tokens[start - 1][0].lower() != "the":
        return False
    after = start + length
    return after >= len(tokens) or not tokens[after][1].startswith(_MODIFIED_TAGS)


def _title_before(titles: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(t) for t in titles), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w.])(?:{words})(?:\s+(?:{words}))*,?\s+$")


def acronym_is_organisation(acronym: str, tagged: Sequence[Sequence[tuple[str, str]]]) -> bool:
    """Does the text show an undefined acronym acting, rather than naming a thing?

    Args:
        acronym: The acronym.
        tagged: Per sentence, ``(token, tag)`` pairs.

    Returns:
        True when a mention is followed by a verb or modal ("NATO said", "the FBI will").
    """
    for tokens in tagged:
        for i, (tok, _) in enumerate(tokens):
            if tok != acronym or i + 1 >= len(tokens):
                continue
            nxt_tag = tokens[i + 1][1]
            if nxt_tag.startswith("VB") or nxt_tag == "MD":
                return True
    return False


def type_actors(
    actors: Sequence[str],
    mentions_by_actor: dict[str, list[tuple[str, str, int]]],
    *,
    surname_actors: frozenset[str],
    titles: frozenset[str],
    article_words: frozenset[str],
    things: Mapping[str, str] | None = None,
) -> dict[str, tuple[str, str]]:
    """Type each actor with the first rule whose evidence the article shows (module docstring).

    Args:
        actors: Actor names.
        mentions_by_actor: Per actor, ``(sentence text, surface, start offset)`` of its mentions.
        surname_actors: Full names whose surname the article uses alone.
        titles: Person title words.
        article_words: Every word the article writes, as written (demonym and full-name rules).
        things: Actor -> its name that the article writes as a thing's
            (:func:`named_as_a_thing`): no full name of a person.

    Returns:
        Actor -> ``(type, evidence)``.
    """
    title_before = _title_before(titles)
    things = things or {}
    out: dict[str, tuple[str, str]] = {}
    for actor in actors:
        out[actor] = _type_one(
            actor,
            mentions_by_actor.get(actor, []),
            surname_actors,
            title_before,
            article_words,
            things.get(actor),
        )
    return out


def _type_one(
    actor, mentions, surname_actors, title_before, article_words, thing
) -> tuple[str, str]:
    notation = _by_notation(actor)
    if notation:
        return notation
    for text, surface, start in mentions:
        match = title_before.search(text[:start])
        if match:
            return PERSON, f"person_title: '{match.group(0).strip()} {surface}'"
    place = _by_place_name(actor)
    context = _firm_or_team_context(mentions) if _may_be_a_firm_or_team(actor, place) else None
    if context:
        return ORGANISATION, context
    if actor in surname_actors:
        return PERSON, f"surname_used_alone: '{actor.split()[-1]}'"
    organisation = _by_organisation_word(actor)
    if organisation:
        return organisation
    for text, surface, start in mentions:
        before = text[:start].split()
        if before and before[-1].lower() in ORGANISATION_NOUNS:
            return ORGANISATION, f"organisation_word: '{before[-1]} {surface}'"
    if place:
        return place
    demonym = _demonym_in(actor, article_words)
    if demonym:
        return PLACE, f"demonym_in_text: '{demonym}'"
    if thing:
        return UNKNOWN, f"named_as_a_thing: 'the {thing}'"
    if is_full_name(actor) and not any(w.lower() in article_words for w in actor.split()):
        return PERSON, "full_name"
    return UNKNOWN, "no type evidence in the text"


def _may_be_a_firm_or_team(actor: str, place: tuple[str, str] | None) -> bool:
    """May words around the actor's mentions show a company or team? Not for a demonym or a
    place's name (``place``: its evidence by name), except a town's club named "City" that
    is no city of the lists ("Manchester City", "Hull City"; "Kansas City" and "Mexico
    City" are places)."""
    if looks_like_demonym(actor):
        return False
    if actor.endswith(" City") and actor not in place_names():
        return True
    return place is None


def _firm_or_team_context(mentions) -> str | None:
    """The evidence of the first mention whose words show a company (:func:`_company_cue`)
    or a team's role after it (:data:`_TEAM_AFTER`); None without such a mention."""
    for text, surface, start in mentions:
        cue = _company_cue(text, surface, start)
        if cue:
            return f"company_context: '{cue}'"
        team = _TEAM_AFTER.match(text[start + len(surface) :])
        if team:
            return f"team_context: '{surface}{team.group(0)}'"
    return None


def _company_cue(text: str, surface: str, start: int) -> str | None:
    """The words around one mention that show a company (:data:`_COMPANY_BEFORE`,
    :data:`_COMPANY_AFTER`), with the mention; None without them. Not where the name
    modifies a noun after it ("a stake in the Jean-Paul Gaultier fashion house")."""
    end = start + len(surface)
    before = _COMPANY_BEFORE.search(text[:start])
    following = _NEXT_WORD.match(text[end:])
    if before and not (following and lexicon_knows_as(following.group(1), "NN")):
        return text[before.start() : end]
    after = _COMPANY_AFTER.match(text[end:])
    if after:
        return text[start : end + after.end()]
    return None


def _demonym_in(name: str, article_words: frozenset[str]) -> str | None:
    """The demonym of a one-word name that the text uses ("Freedonian" of "Freedonia"), by
    :data:`_DEMONYM_PLACE_ENDINGS`; None if it uses none."""
    if " " in name or len(name) < 4:
        return None
    for ending, place_endings in _DEMONYM_PLACE_ENDINGS:
        for place_ending in place_endings:
            if name.endswith(place_ending):
                demonym = name[: len(name) - len(place_ending)] + ending
                if demonym in article_words and demonym != name:
                    return demonym
    return None
