"""The city list shipped for actor types, and the script that builds it from GeoNames."""

from __future__ import annotations

from bench_scripts import load_bench_script

from analysis.actors.kinds import CITY_NAMES_PATH

build = load_bench_script("build_city_names")


def test_city_names_keep_large_cities_of_more_than_one_word_with_and_without_accents():
    cities = [
        {"name": "São Paulo", "population": 12_000_000},
        {"name": "Las Vegas", "population": 640_000},
        {"name": "Houston", "population": 2_300_000},  # one word: many surnames are cities
        {"name": "Santa Rosa", "population": 99_999},  # below the population kept
        {"name": "Tel Aviv", "population": 432_000},
    ]
    names = build.city_names(cities, min_population=100_000)
    assert names == ["Las Vegas", "Sao Paulo", "São Paulo", "Tel Aviv"]


def test_the_shipped_city_list_is_what_the_script_builds_from_the_locked_package():
    shipped = CITY_NAMES_PATH.read_text(encoding="utf-8")
    assert shipped == build.city_names_file()
    names = [line for line in shipped.splitlines() if not line.startswith("#")]
    assert {"Las Vegas", "San Francisco", "Rio de Janeiro", "Sao Paulo"} <= set(names)
    assert all(" " in name for name in names)
