"""Closed word lists and name tests: one copy, read by actor detection in an article
(:mod:`analysis.actors.runs`, :mod:`analysis.actors.merges`), by actor types
(:mod:`analysis.actors.kinds`), by merging actors across a corpus
(:mod:`analysis.compare.actors`) and by the keyword candidates' title stripping
(:mod:`analysis.keywords.candidates`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

PROPER_TAGS = frozenset({"NNP", "NNPS", "PROPN"})
UPOS_TO_PENN = {"PROPN": "NNP", "NOUN": "NN", "ADJ": "JJ", "VERB": "VB", "ADV": "RB", "NUM": "CD"}
#: Words allowed inside a name ("Bank of Japan", "Procter & Gamble").
CONNECTORS = frozenset({"of", "&"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})

#: Forms of address, which say nothing of a text's theme ("Mr Blair", "Dr. Fauci").
HONORIFICS = frozenset("Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr".split())
# Titles in any case: keyword candidates pass words in lower case ("president trump").
_TITLES_IN_ANY_CASE = HONORIFICS | frozenset(
    """President Vice Prime Minister Secretary Chancellor Premier Sen. Sens. Rep. Reps. Gov.
    Governor Senator Ambassador Chairman Chairwoman CEO Speaker King Queen Prince Princess
    Emperor Empress Mayor Pope Sheikh Sir Lady Lord""".split()
)
_TITLE_WORDS_LOWER = frozenset(word.lower() for word in _TITLES_IN_ANY_CASE)
#: Titles of rank, office or calling, titles only as written with a capital ("Professor Li",
#: "Judge Annandale", "Labour MP Diane Abbott", "Pinal County Sheriff Paul Babeu", "Gen.
#: David Petraeus"; not "General", "Captain" or "Major", which end firms' and people's
#: names, "General Mills", "Captain America", "John Major"): in lower
#: case they open common phrases ("representative sample", "officer training"), which
#: keyword candidates keep whole.
CAPITALISED_TITLES = frozenset(
    """Professor Prof Prof. Dame Detective Det. Officer Superintendent Judge Justice Colonel
    Col. Lieutenant Lt. Sergeant Sgt. Rev Rev. Reverend Rt Rt. Archbishop Rabbi Imam Ayatollah
    Representative Director Commissioner Sheriff Attorney Chief Leader Spokesman Spokeswoman
    MP MSP MEP MPs MSPs MEPs DJ Congressman Congresswoman Councilman Councilwoman Councillor
    Councilor Assemblyman Assemblywoman Alderman Comptroller Treasurer Auditor Inspector
    Magistrate Coroner Marshal Deputy Gen. Adm. Cmdr. Capt. Maj. Brig. Cpl.""".split()
)
#: Person titles, the one list: they split actors' runs and are never actors themselves, and
#: keyword candidates drop them before a name ("President Donald Trump" -> "Donald Trump").
TITLE_WORDS = _TITLES_IN_ANY_CASE | CAPITALISED_TITLES
#: Head words of news outlets' names, which a story also uses alone for the outlet it
#: named in full ("The Wall Street Journal ... the Journal reported"), and news agencies
#: named by one word ("Reuters", "Thomson Reuters").
OUTLET_WORDS = frozenset(
    """Times Post News Journal Tribune Herald Gazette Magazine Telegraph Guardian Chronicle
    Courier Press Mail Mirror Observer Examiner Sentinel Digest Review Reuters Xinhua
    Interfax""".split()
)
#: Parties by the names news gives them and their members' labels, never a person's ("New
#: Labour", "Lib Dems", "a Tory government", "Democrat Joe Manchin").
PARTY_WORDS = frozenset(
    """Labour Tory Tories Conservative Conservatives Dem Dems Democrat Democrats Republican
    Republicans""".split()
)
#: Head words of organisation names (a closed class of institution nouns, not names).
ORGANISATION_WORDS = (
    OUTLET_WORDS
    | frozenset(
        """Party Bank Ministry Department Agency Council Committee Commission Court Corp. Corp
    Corporation Inc. Inc Co. Ltd. Ltd Group Company Association University Institute Foundation
    Fund Forum Organization Organisation Alliance Federation Office Administration Congress
    Parliament Senate House Assembly Army Navy Police Bureau Service Steel Motors Airlines
    Airways Holdings Industries Technologies Systems Partners Capital Reserve Board Authority
    Exchange Club League Church School College Hospital Network Cabinet Diet Government
    Commerce Securities Energy Electric Telecom Pharmaceuticals United Utd Rovers Wanderers
    Athletic Albion Rangers Radio Television Broadcasting Studios Pictures Records Media
    Services Union Museum Gallery Library Orchestra Philharmonic Symphony Opera Ballet Theatre
    Theater Zoo Society Force Forces Harriers Animation Brothers Bros Bros. Center Centre
    Laboratory Laboratories Lab Labs Clinic Infirmary Institutes""".split()
    )
    | PARTY_WORDS
)
_ORGANISATION_WORDS_LOWER = frozenset(word.lower() for word in ORGANISATION_WORDS)
#: Institutions that news names by one word: chambers, ministries and agencies by their
#: seat or short name ("the Commons", "the Pentagon", "the Fed"), and international bodies
#: whose acronyms British style writes as words ("Nato", "Fifa", "Ofcom").
INSTITUTION_NAMES = frozenset(
    """Commons Lords Treasury Pentagon Kremlin Fed Interpol Europol Nato Opec Fifa Uefa Nasa
    Unesco Unicef Ofcom Ofsted Ofgem Ofwat""".split()
)
#: Acronyms of common nouns ("TV", "PC", "GDP", "MP"): a thing, a measure or a role, never a
#: named actor, even where the text shows one acting ("the PC crashed", "the MP said").
COMMON_NOUN_ACRONYMS = frozenset(
    """TV HDTV PC DVD CD GPS ID IQ PIN ATM SUV UFO DNA HIV AIDS GDP GNP CPI VAT IPO CEO CFO COO
    MP MEP MSP AM PM URL PDF SMS LCD HD""".split()
)
#: Head words of events' names ("Athens Olympics", "World Cup", "Academy Awards"): two name
#: words before one are no person's name.
EVENT_WORDS = frozenset(
    """Olympics Games Cup Awards Award Prize Trophy Championship Championships Open Festival
    Marathon Show Election Summit Conference Expo Fair Prix Series Tour Bowl""".split()
)


def is_person_title(word: str, following: Sequence[str]) -> bool:
    """Is a word before a name a person title ("President Trump"), not the first word of an
    institution's name? Before words ending in an organisation head word it names the body
    ("Premier League", "President Hotel"); a name joined by "of" ends before it ("Dr. Ann
    Lee of Harvard Medical School" has a title). A word as written must be a title as
    written ("MS Dhoni", "DR Congo" have none); keyword candidates pass lower case.

    Args:
        word: The word.
        following: The words of the name after it.
    """
    title = word in TITLE_WORDS or (word.islower() and word in _TITLE_WORDS_LOWER)
    if not title or (word in CAPITALISED_TITLES and following and following[0] == "of"):
        return False  # "Director of Public Prosecutions", "Chief of Staff" name offices
    name = list(following)
    for connector in ("of", "&"):
        if connector in name:
            name = name[: name.index(connector)]
    return not (name and name[-1].lower() in _ORGANISATION_WORDS_LOWER)


_MONTH_NAMES = frozenset(
    "January February March April May June July August September October November December".split()
)
# Months that are also given names: a date only before a number or after a date cue ("May
# Smith", "Jan Koum", "Jun Ishikawa"; "Jan 5", "in May").
_MONTHS_ALSO_NAMES = _MONTH_NAMES | frozenset({"Jan", "Jun"})
#: Month and weekday names: time expressions, which taggers call proper nouns. Agencies
#: abbreviate months without the period ("Feb 7", Reuters style).
CALENDAR_WORDS = _MONTH_NAMES | frozenset(
    """Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
#: Holidays and feasts, named as whole names: times of year, not actors ("Christmas sales",
#: "the New Year"); inside a longer name they stay ("Father Christmas", "Easter Island").
HOLIDAYS = frozenset(
    """Christmas Easter Thanksgiving Halloween Ramadan Eid Hanukkah Passover Diwali Hogmanay
    Lent""".split()
) | frozenset(
    {"New Year", "Boxing Day", "Christmas Day", "Christmas Eve", "New Year's Eve",
     "Good Friday", "Easter Sunday", "Easter Monday", "Labor Day", "Memorial Day"}
)  # fmt: skip
# Words before a month that make it a date, not a surname ("in May", "since May", "late May").
_DATE_CUES = frozenset(
    """in on since until till through throughout during before after of from between early late
    mid last next this every each""".split()
)
# Words joining a month to a date before it ("March to May", "April and May"); "through"
# and "until" are date cues already.
_RANGE_WORDS = frozenset({"to", "and", "or", "-", "–"})
#: Standard abbreviations of international actors, each of which stands for exactly one
#: official name (see :mod:`analysis.actors.detect`).
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
#: Short names that news writes for a state's official name ("Britain" in AP and BBC style;
#: "Great Britain" for its Olympic team), each standing for exactly one state.
COUNTRY_SHORT_NAMES = {"Britain": "United Kingdom", "Great Britain": "United Kingdom"}
#: Every abbreviation and short name -> the official name it stands for.
COUNTRY_NAME_VARIANTS = {**COUNTRY_ABBREVIATIONS, **COUNTRY_SHORT_NAMES}
# Each table with the merge rule it gives and how its evidence names it.
_COUNTRY_TABLES = (
    (COUNTRY_ABBREVIATIONS, "country_abbreviation", "standard abbreviation table"),
    (COUNTRY_SHORT_NAMES, "country_short_name", "short name of the state"),
)


def country_official_name(surface: str) -> tuple[str, str, str] | None:
    """The official name a whole actor name stands for by notation, with its rule and evidence.

    Args:
        surface: An actor's name as written ("U.S.", "Britain").

    Returns:
        ``(official name, rule, evidence)`` for a standard abbreviation
        (:data:`COUNTRY_ABBREVIATIONS`, rule ``country_abbreviation``) or a short name
        (:data:`COUNTRY_SHORT_NAMES`, rule ``country_short_name``); None for other names.
    """
    for table, rule, source in _COUNTRY_TABLES:
        if surface in table:
            return table[surface], rule, f"{source}: {surface} = {table[surface]}"
    return None


#: Continents, oceans and the world regions news names as places ("aid to Africa", "markets
#: in Asia"); ISO 3166 lists states only. No surname: "Nintendo Europe" is a firm's branch.
WORLD_REGIONS = (
    "Africa", "America", "Americas", "Antarctica", "Arctic", "Asia", "Atlantic", "Balkans",
    "Caribbean", "Central America", "Europe", "Latin America", "Mediterranean",
    "North America", "Oceania", "Pacific", "Scandinavia", "South America",
)  # fmt: skip
#: The US states whose name is one word.
US_STATES = tuple(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming""".split()
)
#: The US states whose name is two words (no party tag spells them out: "R-N.J.").
US_STATES_OF_TWO_WORDS = (
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
    "Rhode Island", "South Carolina", "South Dakota", "West Virginia",
)  # fmt: skip
_STATES = "|".join(US_STATES)
#: A legislator's party and state in US news ("D-N.Y.", "R-S.C.", "D-Calif.", "R-SC",
#: "R-Texas", and in the older style with a comma, "R., Texas"): no name of its own, though
#: written in capitals. The state is a postal code, dotted letters, a short abbreviation
#: with its period or a one-word state name, so that "D-Day" and "R-Series" stay words.
PARTY_AFFILIATION = (
    rf"[RDI](?:-|\.,\x20)(?:[A-Z]{{2}}|(?:[A-Z]\.){{2}}|{_STATES}|[A-Z][a-z]{{1,4}}\.)(?![\w-])"
)
_PARTY_AFFILIATION = re.compile(PARTY_AFFILIATION)

#: Abbreviations of "number" ("No. 1 seed", "his No. 10 jersey"): capitalised, no name.
NUMBER_SIGNS = frozenset({"No.", "Nos."})
#: Number words, which mid-sentence are capitalised only inside a name or title ("Formula
#: One", "Channel Four", "Million Dollar Baby"); no person's name holds one.
NUMBER_WORDS = frozenset(
    """One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Hundred Thousand
    Million Billion""".split()
)
#: Nouns that a number makes a reference to a part of a text, a measure on a ballot, a
#: route or a stage ("Chapter 11 protection", "Article 50", "Proposition 8", "Section 230",
#: "Flight 370", "Round 3"): capitalised before the number, they name no actor.
DESIGNATION_NOUNS = frozenset(
    """Amendment Article Chapter Clause Exit Flight Form Gate Level Measure Paragraph Part
    Phase Platform Proposition Question Resolution Room Round Route Rule Schedule Section
    Stage Title Volume""".split()
)
_DESIGNATION_NUMBER = re.compile(r"^(?:\d[\d,.]*[A-Za-z]?|[IVXLC]+)$")
#: Hyphens and en dashes, which join names ("U.S.-Japan").
HYPHEN = re.compile(r"[-–]")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ese|ians?|eans?|cans?|ish)$")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
#: Nationalities and peoples whose adjective has no regular ending ("Greek firms", "French
#: officials", "Saudi investors"): as adjectives they name no actor.
IRREGULAR_DEMONYMS = frozenset(
    """Afghan Arab Argentine Bangladeshi Basque Catalan Croat Cypriot Czech Dutch Emirati
    Filipino French Greek Iraqi Israeli Kazakh Kuwaiti Nepali Omani Pakistani Qatari Saudi
    Scots Serb Slovak Slovene Somali Swiss Tajik Thai Uzbek Welsh Yemeni""".split()
)
#: Words that, before a demonym, make another ("Latin American", "Native American", "Middle
#: Eastern", "Anglo-American", "Sub-Saharan African"); so do compass words
#: (``analysis.actors.kinds.COMPASS_WORDS``) and demonyms ("African-American").
DEMONYM_QUALIFIERS = frozenset(
    "Afro Anglo Far Franco Indo Latin Middle Native Pan Saharan Sino Sub Trans".split()
)
#: Regional adjectives that end a demonym phrase as a demonym does ("Middle Eastern").
REGIONAL_ADJECTIVES = frozenset("Eastern Western Northern Southern".split())
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAME_SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr"})
# A capitalised word with a lower-case second letter, or an O'/D' prefix ("O'Brien").
_NAME_WORD = re.compile(r"^[A-Z](?:[a-z]|['’][A-Z][a-z])[A-Za-z'’-]*$")


def hyphen_parts(token: str) -> list[str]:
    """The non-empty parts of a hyphenated token ("U.S.-Japan" -> "U.S.", "Japan")."""
    return [part for part in HYPHEN.split(token) if part]


def is_date_word(
    word: str,
    *,
    after_name: bool,
    before_name: bool = False,
    before_number: bool = False,
    after_date_cue: bool = False,
    surname_months: Collection[str] = frozenset(),
) -> bool:
    """Is a word a month or weekday name used as a time expression?

    A month name straight after a name or a title is a surname ("Theresa May", "Brian May",
    "Prime Minister May"): a date does not follow a name without a preposition. So is a
    month that the text uses as a surname elsewhere ("May said", once the article has
    named Theresa May), and a month straight before a name is a given name ("June Carter",
    "April Ryan") or part of one ("March Madness"). In all these cases it is a date when a
    day's number follows it (a dateline: "Pittsburgh May 1") or a date's cue word precedes
    it ("in May", "last May", "from March to May"; see :func:`follows_date_cue`).

    Args:
        word: The word as written.
        after_name: Whether the word before it, in the same sentence, is a name word or a
            person title (and not itself a month or weekday).
        before_name: Whether the word after it, in the same name, is a name word (and not
            a month, weekday or title).
        before_number: Whether the token after it is a number.
        after_date_cue: Whether the tokens before it read as a date's (:func:`follows_date_cue`).
        surname_months: Months the text uses as surnames (after a name or title).
    """
    if word not in CALENDAR_WORDS:
        return False
    if before_number or after_date_cue or word not in _MONTHS_ALSO_NAMES:
        return True
    return not (after_name or before_name or word in surname_months)


def follows_date_cue(previous: str | None, before_previous: str | None = None) -> bool:
    """Do the two tokens before a month name make it a date?

    A preposition or a determiner of time ("in", "since", "last", "early") does, and so does
    a number ("3 May") or the second end of a range ("March to May", "April and May").

    Args:
        previous: The token right before the month (None at a sentence's start).
        before_previous: The token before that.
    """
    if previous is None:
        return False
    if previous.lower() in _DATE_CUES or previous[:1].isdigit():
        return True
    joined_to_date = before_previous is not None and (
        before_previous in CALENDAR_WORDS or before_previous[:1].isdigit()
    )
    return previous.lower() in _RANGE_WORDS and joined_to_date


def is_name_word(word: str) -> bool:
    """A capitalised word, its second letter lower case ("Ishiba", "McCain", "Ocasio-Cortez"),
    or after an apostrophe ("O'Brien"); not an acronym ("BBC", "FA")."""
    return bool(_NAME_WORD.match(word))


def is_full_name(name: str) -> bool:
    """Two to four name words ("Donald Trump", "Shigeru Ishiba"); the words before the last
    may be one-letter initials ("George W. Bush", "George W Bush", "J. Edgar Hoover"), and a
    suffix may follow ("Hank Williams Jr."). Not "BBC News" or "FA Cup": an acronym is no
    name word, nor is a two-letter initial without periods, which reads as one; nor an
    event's name ("Athens Olympics", "Carling Cup": :data:`EVENT_WORDS`), nor a name ending
    in a world region ("Nintendo Europe", "North America": :data:`WORLD_REGIONS`), nor one
    holding a number word ("Million Dollar Baby": :data:`NUMBER_WORDS`)."""
    words = name.split()
    if len(words) > 2 and words[-1] in _NAME_SUFFIXES:
        words = words[:-1]
    if not 2 <= len(words) <= 4 or not is_name_word(words[-1]):
        return False
    if words[-1] in EVENT_WORDS or words[-1] in WORLD_REGIONS:
        return False
    if any(word in NUMBER_WORDS for word in words):
        return False
    first = words[:-1]
    return all(is_name_word(word) or is_initial(word) for word in first) and any(
        is_name_word(word) for word in first
    )


def is_initial(word: str) -> bool:
    """One capital letter, with or without a period ("W." of "George W. Bush", a party's
    "(D)")."""
    return _INITIAL.match(word) is not None


def is_surname(name: str) -> bool:
    """One name word, which a full name may end in ("Trump")."""
    return len(name.split()) == 1 and is_name_word(name)


def looks_like_demonym(word: str) -> bool:
    """A capitalised word ending like a nationality ("Japanese", "American", "British"), or
    one of :data:`IRREGULAR_DEMONYMS` ("Greek", "French")."""
    return bool(_DEMONYM.match(word)) or word in IRREGULAR_DEMONYMS


def is_designation(word: str, following: str | None) -> bool:
    """A noun of :data:`DESIGNATION_NOUNS` before a number, in digits or Roman numerals
    ("Chapter" of "Chapter 11", "Title" of "Title IX"): a reference, no name."""
    return (
        word in DESIGNATION_NOUNS
        and following is not None
        and _DESIGNATION_NUMBER.match(following) is not None
    )


def is_plural_acronym(token: str) -> bool:
    """An acronym in the plural ("MPs", "CEOs", "NGOs"): alone, a class of people or things,
    which a text counts and quotes, not one actor (inside a name it is part of the name:
    "AAAs Championships")."""
    return bool(_PLURAL_ACRONYM.match(token))


def is_party_affiliation(token: str) -> bool:
    """A legislator's party and state as US news writes them ("D-N.Y.", "R-SC", "R., Texas")."""
    return token[1:2] in ("-", ".") and _PARTY_AFFILIATION.fullmatch(token) is not None


def is_address(token: str) -> bool:
    """A web address with its scheme or "www." ("http://www.baltimoresun.com") or an e-mail
    address, as the tokeniser keeps them whole: page furniture, neither a name nor a keyword.
    A site's bare name ("foxnews.com", "Amazon.com") is neither and names the site."""
    if "@" not in token and token[:4].lower() not in ("http", "www."):
        return False  # most tokens: no regular expression to run
    return _ADDRESS.fullmatch(token) is not None


def is_proper(token: str, tag: str, initial: bool) -> bool:
    """Does a token belong to a name?

    Tagged as a proper noun; or tagged as another noun (or untagged) while capitalised in
    mid-sentence or written with inner capitals ("SoftBank", "LNG"); or hyphenated capitals
    ("U.S.-Japan", which taggers call an adjective); or a capitalised number word in
    mid-sentence ("Formula One"). A party affiliation ("D-N.Y.") is none, nor an address
    (:func:`is_address`).

    Args:
        token: The token.
        tag: Its Penn tag ("" when untagged).
        initial: Whether it is the sentence's first word.
    """
    if not token[:1].isupper() or is_party_affiliation(token) or token in NUMBER_SIGNS:
        return False
    if is_address(token):
        return False
    if tag in PROPER_TAGS:
        return True
    pieces = hyphen_parts(token)
    if len(pieces) > 1 and all(piece[:1].isupper() for piece in pieces):
        return True
    if tag.startswith("NN") or tag in ("", "FW", "X"):
        inner_caps = any(character.isupper() for character in token[1:])
        return inner_caps or not initial
    return token in NUMBER_WORDS and not initial
