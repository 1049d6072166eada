"""Generate a deterministic corpus of news-like articles for benchmarks.

Usage::

    python bench/make_corpus.py --n 100 --out DIR --seed 0 [--words 400] [--source seeds/x.txt]

Each article (``article_0001.txt``, ``article_0002.txt``, ...) has an untitled lead and 2-4
sections under title-case headings, about ``--words`` words in all. Every article has a main
theme and a second one (trade, energy, sports, health, technology, elections, climate, security),
so a topic model finds real topical variety. Sentences come from per-theme templates filled from
a small built-in vocabulary, mixed with sentences of a source article (by default the bundled
one) whose country and leader names are swapped for the theme's.

Article ``i`` depends only on ``(seed, i, words, source text)``, not on ``--n``: a corpus of
100 is the first 100 articles of a corpus of 1,000.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.sections import is_title_line

DEFAULT_SOURCE = Path(__file__).resolve().parents[1] / "seeds" / "ishiba_trump_summit.txt"
# Share of sentences taken from the source article rather than from the templates.
SOURCE_SENTENCE_SHARE = 0.2
# Main theme fills most of an article; the second theme adds realistic overlap.
MAIN_THEME_SHARE = 0.75
AVERAGE_SENTENCE_WORDS = 13
MAX_RETRIES = 5
# A sentence ends at . ! ? (maybe before a closing quote), but not after "U.S." or "Mr.".
_SENTENCE_END = re.compile(r"(?<!U\.S\.)(?<!Mr\.)(?<=[.!?”\"])\s+(?=[A-Z“\"])")
# Longest names first, so "Shigeru Ishiba" becomes one slot rather than "Shigeru {leader}".
_SOURCE_NAMES = {
    "Prime Minister Shigeru Ishiba": "leader {leader}",
    "President Donald Trump": "{official}",
    "Japanese": "{nationality}",
    "Japan": "{country}",
    "Ishiba": "{leader}",
    "Trump": "{official}",
}


@dataclass(frozen=True)
class Theme:
    """Vocabulary of one news theme: fillers for the templates, headings, sentences."""

    name: str
    fillers: dict[str, tuple[str, ...]]
    headings: tuple[str, ...]
    templates: tuple[str, ...]


# Fillers shared by all themes; a theme's own fillers take precedence.
COMMON_FILLERS: dict[str, tuple[str, ...]] = {
    "country": ("Japan", "Canada", "Brazil", "Germany", "India", "Kenya", "Mexico", "Australia"),
    "nationality": ("Japanese", "Canadian", "Brazilian", "German", "Indian", "Kenyan"),
    "city": ("Tokyo", "Ottawa", "Berlin", "Nairobi", "Sydney", "Chicago", "Madrid", "Seoul"),
    "leader": ("Maria Lopez", "Kenji Sato", "Anna Berg", "David Otieno", "Priya Raman"),
    "official": ("Minister Clara Weiss", "Governor Tom Hale", "Senator Ruth Adams"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "number": ("12", "40", "150", "2,300", "18,000", "3.5 million", "27", "64"),
    "percent": ("2.1", "4.5", "7", "12", "18", "31", "0.8", "9.6"),
    "expert": ("analysts", "economists", "officials", "researchers", "critics", "observers"),
    "mood": ("cautious", "optimistic", "worried", "divided", "confident", "sceptical"),
}

THEMES: tuple[Theme, ...] = (
    Theme(
        "trade",
        {
            "item": ("tariffs", "steel imports", "car exports", "farm goods", "semiconductors"),
            "body": ("the trade ministry", "the customs agency", "the export council"),
        },
        ("Tariffs and Trade Talks", "New Rules for Exporters", "Markets React to the Deal"),
        (
            "Negotiators from {country} met on {day} to discuss {item} and market access.",
            "Exports of {item} rose {percent} percent last quarter, {body} said.",
            "{expert} warned that higher tariffs on {item} could raise prices for consumers.",
            "The agreement would cut duties on {item} over the next {number} months.",
            "Business groups in {city} said they were {mood} about the new trade deal.",
            "Shipping firms reported delays as customs checks on {item} grew stricter.",
        ),
    ),
    Theme(
        "energy",
        {
            "source": ("natural gas", "solar power", "wind farms", "nuclear plants", "crude oil"),
            "firm": ("the national grid operator", "a state utility", "a pipeline company"),
        },
        ("Energy Prices and Supply", "A Shift to Renewable Power", "The Future of the Grid"),
        (
            "Demand for {source} climbed {percent} percent during the cold {day} morning.",
            "{firm} announced plans to invest in {source} near {city}.",
            "Electricity bills in {country} have risen sharply since the winter began.",
            "{expert} said imports of {source} would remain essential for years.",
            "The new plant will supply power to about {number} homes in the region.",
            "Engineers are upgrading transmission lines to carry more {source}.",
        ),
    ),
    Theme(
        "sports",
        {
            "team": ("the national team", "the home side", "the defending champions"),
            "event": ("the World Cup", "the league final", "the Olympic trials", "the derby"),
        },
        ("A Dramatic Night at the Stadium", "The Coach Looks Ahead", "Fans Celebrate the Win"),
        (
            "{team} won {event} on {day} in front of {number} fans in {city}.",
            "The striker scored twice in the second half to seal the victory.",
            "The coach said the players were {mood} before {event}.",
            "Ticket sales for {event} rose {percent} percent compared with last season.",
            "Injuries to two defenders forced {team} to change its line-up.",
            "Supporters filled the streets of {city} to celebrate the title.",
        ),
    ),
    Theme(
        "health",
        {
            "illness": ("influenza", "measles", "diabetes", "heart disease", "malaria"),
            "service": ("the health ministry", "regional hospitals", "the vaccine agency"),
        },
        ("Hospitals Under Pressure", "A New Vaccine Campaign", "Doctors Call for Reform"),
        (
            "Cases of {illness} rose by {percent} percent this month, {service} reported.",
            "Doctors in {city} urged patients to get vaccinated before the winter.",
            "{service} will open {number} new clinics to shorten waiting times.",
            "{expert} said early screening for {illness} saves lives and money.",
            "Nurses said staff shortages left wards crowded on {day} night.",
            "The trial found the new treatment cut hospital stays by a third.",
        ),
    ),
    Theme(
        "technology",
        {
            "product": ("artificial intelligence", "chip factories", "cloud services", "robots"),
            "company": ("a software start-up", "the largest chipmaker", "a telecom operator"),
        },
        ("Investment in New Technology", "Rules for Artificial Intelligence", "The Chip Race"),
        (
            "{company} unveiled plans to build {product} in {city}.",
            "Investment in {product} reached {number} million dollars last year.",
            "{expert} said data privacy rules must keep pace with {product}.",
            "The government will train {number} engineers to work on {product}.",
            "Shares of {company} rose {percent} percent after the announcement.",
            "Regulators in {country} are reviewing how {product} handle personal data.",
        ),
    ),
    Theme(
        "elections",
        {
            "party": ("the ruling party", "the opposition alliance", "the centrist bloc"),
            "office": ("president", "mayor", "governor", "prime minister"),
        },
        ("Voters Head to the Polls", "Campaign Promises Under Scrutiny", "Results and Reactions"),
        (
            "Voters in {country} will choose a new {office} on {day}.",
            "{party} leads the latest poll with {percent} percent support.",
            "{leader} promised lower taxes at a rally of {number} supporters in {city}.",
            "{expert} said turnout among young voters could decide the race.",
            "Election officials counted ballots late into {day} night.",
            "{party} accused its rivals of spreading false claims about the vote.",
        ),
    ),
    Theme(
        "climate",
        {
            "hazard": ("floods", "heatwaves", "droughts", "wildfires", "storms"),
            "plan": ("the emissions plan", "the climate fund", "the coastal defence scheme"),
        },
        ("Extreme Weather Hits the Region", "Climate Targets and Costs", "Rebuilding After Floods"),
        (
            "{hazard} forced {number} residents near {city} to leave their homes.",
            "Scientists said {hazard} are becoming more frequent as temperatures rise.",
            "{plan} aims to cut emissions by {percent} percent within a decade.",
            "{expert} said {country} must adapt farms and cities to {hazard}.",
            "Rescue teams worked through {day} to reach villages cut off by {hazard}.",
            "Insurers expect claims from {hazard} to reach a record this year.",
        ),
    ),
    Theme(
        "security",
        {
            "force": ("the navy", "the coast guard", "allied troops", "the air force"),
            "issue": ("border tensions", "missile tests", "cyber attacks", "regional stability"),
        },
        ("Defense Spending and Alliances", "Tensions in the Region", "A New Security Pact"),
        (
            "{force} held joint exercises near {city} on {day}.",
            "{country} will raise defense spending by {percent} percent next year.",
            "{expert} said {issue} had pushed the allies closer together.",
            "{official} called for calm after reports of {issue}.",
            "About {number} personnel took part in the drills, the ministry said.",
            "The pact commits both countries to share intelligence on {issue}.",
        ),
    ),
)

_SLOT = re.compile(r"\{(\w+)\}")


def article_id(index: int) -> str:
    """The id of the ``index``-th article (1-based): ``article_0001``."""
    return f"article_{index:04d}"


def source_sentences(text: str) -> list[str]:
    """Body sentences of the source article, with its names turned into template slots.

    Headings are left out.
    """
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line or is_title_line(line):
            continue
        for sentence in _SENTENCE_END.split(line):
            for name, slot in _SOURCE_NAMES.items():
                sentence = re.sub(rf"\b{name}\b", slot, sentence)
            sentences.append(sentence)
    return sentences


def _fill(template: str, theme: Theme, rng: random.Random) -> str:
    def choose(match: re.Match[str]) -> str:
        slot = match.group(1)
        return rng.choice(theme.fillers.get(slot) or COMMON_FILLERS[slot])

    sentence = _SLOT.sub(choose, template)
    return sentence[0].upper() + sentence[1:]


def _sentence(themes: tuple[Theme, Theme], sources: list[str], rng: random.Random) -> str:
    theme = themes[0] if rng.random() < MAIN_THEME_SHARE else themes[1]
    if sources and rng.random() < SOURCE_SENTENCE_SHARE:
        return _fill(rng.choice(sources), theme, rng)
    return _fill(rng.choice(theme.templates), theme, rng)


def _paragraph(
    themes: tuple[Theme, Theme],
    sources: list[str],
    rng: random.Random,
    *,
    budget: float,
    used: set[str],
) -> str:
    """Sentences until about ``budget`` words, none repeating one already in the article."""
    sentences: list[str] = []
    n_words = 0
    # Stopping half a sentence early keeps the article's length centred on its target.
    while n_words < budget - AVERAGE_SENTENCE_WORDS / 2:
        sentence = _sentence(themes, sources, rng)
        for _ in range(MAX_RETRIES):
            if sentence not in used:
                break
            sentence = _sentence(themes, sources, rng)
        used.add(sentence)
        sentences.append(sentence)
        n_words += len(sentence.split())
    return " ".join(sentences)


def make_article(index: int, *, seed: int = 0, words: int = 400, source: str = "") -> str:
    """Write one article: a lead, then 2-4 headed sections of one or two paragraphs.

    Args:
        index: 1-based position in the corpus; with ``seed`` it fixes the content.
        seed: Corpus seed.
        words: Target length in words (the result is within a sentence of it).
        source: Text of an article whose sentences are recombined; empty for none.

    Returns:
        The article text, one paragraph or heading per line, ending with a newline.
    """
    rng = random.Random(f"{seed}:{index}")
    themes = tuple(rng.sample(THEMES, 2))
    sources = source_sentences(source) if source else []
    n_sections = rng.randint(2, 4)
    headings = rng.sample(themes[0].headings + themes[1].headings, n_sections)
    blocks: list[tuple[str | None, int]] = [(None, 1)]
    blocks += [(heading, rng.randint(1, 2)) for heading in headings]
    budget = words / sum(n_paragraphs for _, n_paragraphs in blocks)
    lines: list[str] = []
    used: set[str] = set()
    for heading, n_paragraphs in blocks:
        if heading:
            lines.append(heading)
        for _ in range(n_paragraphs):
            lines.append(_paragraph(themes, sources, rng, budget=budget, used=used))
    return "\n".join(lines) + "\n"


def make_corpus(n: int, *, seed: int = 0, words: int = 400, source: str = "") -> dict[str, str]:
    """Article id to text for ``n`` articles (see :func:`make_article`).

    Raises:
        ValueError: if ``n`` is negative or ``words`` is not positive.
    """
    if n < 0 or words <= 0:
        raise ValueError(f"need n >= 0 and words > 0, got n={n}, words={words}")
    return {
        article_id(i): make_article(i, seed=seed, words=words, source=source)
        for i in range(1, n + 1)
    }


def write_corpus(
    n: int, out: Path, *, seed: int = 0, words: int = 400, source: Path | None = DEFAULT_SOURCE
) -> list[Path]:
    """Write ``n`` articles as ``<out>/<id>.txt`` (UTF-8, LF) and return their paths."""
    text = source.read_text(encoding="utf-8") if source else ""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, article in make_corpus(n, seed=seed, words=words, source=text).items():
        path = out / f"{name}.txt"
        path.write_text(article, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=400, help="words per article")
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="article whose sentences are recombined (default: the bundled one)",
    )
    args = parser.parse_args(argv)
    paths = write_corpus(args.n, args.out, seed=args.seed, words=args.words, source=args.source)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
