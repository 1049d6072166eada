"""The themes of the generated corpus (``bench/make_corpus.py``): each theme's fillers for
the sentence templates, its headings and its templates, and the fillers all themes share."""

from __future__ import annotations

from dataclasses import dataclass


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
