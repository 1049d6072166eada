"""Actors across a corpus: one name per actor, then mentions and sentiment per period and group.

Merging across articles reuses the name tests of :mod:`analysis.names`; it records each
merge with its evidence (table ``actor_merges``):

* ``title_dropped``: a leading person title ("President Trump" -> "Trump").
* ``country_abbreviation``: the standard abbreviation table ("U.S." -> "United States").
* ``country_short_name``: a state's short name ("Britain" -> "United Kingdom").
* ``surname_of_full_name_in_corpus``: a one-word name ("Trump") merges into the multi-word
  name of 2-4 name words ending in it ("Donald Trump") that the corpus names in the most
  articles, provided that name holds at least ``dominance`` of the articles naming any such
  full name ("Shinzo Abe" and "Akie Abe" in similar numbers: no merge), and at least one
  article's own text merged the two (it used the surname alone beside the full name): the
  corpus extends a merge a text made, never one no text made ("Madrid" is not merged into
  "Atletico Madrid" because one story named the club). Neither name may show by itself
  that it names an organisation or a place (:func:`analysis.actors.kinds.organisation_or_place`),
  nor may the one-word name have that type in the corpus (:func:`corpus_types`: "Google",
  "search giant Google" in one article, is no surname of a caption's "Reuters Google") or
  in the article merged. An article whose actors include a full name ending in the surname
  next to the surname itself keeps the two apart: its own finder declined that merge (it
  saw a rival such as "Akie Abe"). And unless the corpus types the one-word name a person,
  it may not stand alone in more articles than the full name is written in: 29 BBC stories'
  "Labour" is the party, not the "New Labour" of four.

The actors of an article are every actor it names, however often (one row per article and
actor, from the ``sentiment_mentions`` table; see
:func:`analysis.compare.datasets.article_actors`). Per article, an actor's sentiment is the
target-level ``target_sentiment`` when the rows have it, else the mean over the sentences
naming the actor; a cell's mean gives each article one vote, with a bootstrap interval over
articles. An actor's type is the type most of its articles give it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.actors.kinds import ORGANISATION, PERSON, PLACE
from analysis.actors.merges import is_person_surname, may_name_a_person
from analysis.compare.periods import KEY_COLUMNS, group_articles, sort_keys
from analysis.compare.result import ComparisonResult
from analysis.compare.sentiment import cell_means
from analysis.names import TITLE_WORDS, country_official_name

ACTORS_OVER_TIME_COLUMNS = [
    *KEY_COLUMNS,
    "actor",
    "actor_type",
    "n_mentions",
    "n_articles",
    "mean_sentiment",
    "ci_low",
    "ci_high",
]
MERGE_COLUMNS = ["actor", "variant", "rule", "evidence", "n_articles"]
#: Entity columns read for the sentiment toward an actor, most specific first.
SENTIMENT_COLUMNS = ("target_sentiment", "sentence_sentiment", "mean_sentiment")
UNKNOWN_TYPES = ("", "unknown")


def sentiment_column(entities: pd.DataFrame) -> str | None:
    """The entity column that scores sentiment toward the actor (target-level first)."""
    return next((c for c in SENTIMENT_COLUMNS if c in entities.columns), None)


def article_actor_rows(entities: pd.DataFrame) -> pd.DataFrame:
    """Whole-article rows of an entity table: article, actor, actor_type, n_mentions, sentiment.

    Args:
        entities: ``sentiment_entities`` rows of many articles (``article`` column); rows with a
            ``scope`` other than ``article`` are left out.

    Returns:
        One row per article and actor; ``actor_type`` is empty when the table has none.
    """
    frame = entities
    if "scope" in frame.columns:
        frame = frame[frame["scope"].astype(str) == "article"]
    column = sentiment_column(frame)

    def numeric(name: str | None, missing: float) -> np.ndarray:
        if name not in frame.columns:
            return np.full(len(frame), missing)
        return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)

    kind = frame["actor_type"] if "actor_type" in frame.columns else pd.Series([""] * len(frame))
    return pd.DataFrame(
        {
            "article": frame["article"].astype(str).to_numpy(),
            "actor": frame["actor"].astype(str).to_numpy(),
            "actor_type": kind.fillna("").astype(str).to_numpy(),
            "n_mentions": np.nan_to_num(numeric("n_mentions", 1.0)),
            "sentiment": numeric(column, np.nan),
        }
    )


_LAST = "\uffff"  # sorts after every type name


def _rank_types(types: pd.Series) -> pd.Series:
    """Types with ``unknown`` and empty sorted after every known type, for ``min``."""
    return (
        types.fillna("")
        .astype(str)
        .map(lambda kind: _LAST + kind if kind in UNKNOWN_TYPES else kind)
    )


def _unrank(types: pd.Series) -> pd.Series:
    return types.str.replace(_LAST, "", regex=False)


def _article_types(rows: pd.DataFrame) -> pd.Series:
    """Per (article, actor), sorted: a known type of the merged rows (first by name)."""
    ranked = rows.assign(actor_type=_rank_types(rows["actor_type"]))
    return _unrank(ranked.groupby(["article", "actor"], sort=True)["actor_type"].min())


def corpus_types(rows: pd.DataFrame) -> dict[str, str]:
    """Each actor's type across the corpus: the known type most of its articles give it.

    Ties go to the first type by name; an actor without a known type keeps ``unknown`` (or
    empty when the entity table has no types).
    """
    ranked = rows.assign(_rank=_rank_types(rows["actor_type"]))
    counts = ranked.groupby(["actor", "_rank"], sort=True).size().rename("n").reset_index()
    counts["_known"] = ~counts["_rank"].str.startswith(_LAST)
    counts = counts.sort_values(
        ["actor", "_known", "n", "_rank"], ascending=[True, False, False, True], kind="mergesort"
    )
    best = counts.drop_duplicates("actor").set_index("actor")["_rank"]
    return _unrank(best).to_dict()


def _drop_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _normal_forms(rows: pd.DataFrame) -> tuple[pd.Series, list[dict]]:
    """Titles dropped and abbreviations and short names of states written out; one merge
    row per rewritten name."""
    merges = []
    names = sorted(rows["actor"].unique())
    normal = {}
    for name in names:
        untitled = _drop_titles(name)
        official = country_official_name(untitled)
        target = official[0] if official else untitled
        normal[name] = target
        if target == name:
            continue
        if untitled != name:
            rule, evidence = "title_dropped", f"leading person title dropped: {name} = {untitled}"
        else:
            _, rule, evidence = official
        n = int((rows["actor"] == name).sum())
        merges.append(
            {"actor": target, "variant": name, "rule": rule, "evidence": evidence, "n_articles": n}
        )
    return rows["actor"].map(normal), merges


def _alias_support(aliases: pd.DataFrame | None) -> dict[tuple[str, str], int]:
    """(full name, variant) -> articles whose own alias table merged the two (counted once
    for the whole table: the merge asks it of every candidate surname)."""
    if aliases is None or aliases.empty or "article" not in aliases:
        return {}
    pairs = aliases[["actor", "variant", "article"]].astype(str).drop_duplicates()
    return pairs.groupby(["actor", "variant"], sort=False).size().to_dict()


def _surname_targets(
    articles_of: pd.Series,
    by_surname: dict[str, list[str]],
    support: dict[tuple[str, str], int],
    kinds: dict[str, str],
    dominance: float,
) -> dict[str, str]:
    """Surname -> the full name it may merge into (the dominant one ending in it, which some
    article's own text merged it into; not for a surname the corpus types as an
    organisation or a place)."""
    targets = {}
    for surname in sorted(by_surname):
        if surname not in articles_of.index or not is_person_surname(surname):
            continue
        if kinds.get(surname) in (ORGANISATION, PLACE):
            continue
        candidates = sorted(by_surname[surname], key=lambda n: (-articles_of[n], n))
        dominant = articles_of[candidates[0]] / articles_of[candidates].sum() >= dominance
        # no article shows the word as a person, and it stands alone in more articles than
        # the full name is written in: a name of its own ("Labour", not "New Labour")
        own_name = (
            kinds.get(surname) != PERSON and articles_of[surname] > articles_of[candidates[0]]
        )
        if dominant and not own_name and support.get((candidates[0], surname), 0):
            targets[surname] = candidates[0]
    return targets


def merge_actors(
    rows: pd.DataFrame,
    aliases: pd.DataFrame | None = None,
    *,
    dominance: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give the same actor one name across articles (see the module docstring).

    Args:
        rows: :func:`article_actor_rows` output.
        aliases: ``actor_aliases`` rows (``article``, ``actor``, ``variant``): a surname
            merges across articles only when some article's own rows merged it (without
            them, no surname merges).
        dominance: Least share of the full-name articles the merge target must hold.

    Returns:
        ``(rows, merges)``: rows with canonical ``actor`` names, combined per article (mentions
        summed, sentiment weighted by mentions, type by :func:`actor_type_of`), and the
        ``actor_merges`` table
        (:data:`MERGE_COLUMNS`).
    """
    if rows.empty:
        return rows.copy(), pd.DataFrame(columns=MERGE_COLUMNS)
    rows = rows.copy()
    if "actor_type" not in rows.columns:
        rows["actor_type"] = ""
    original = rows["actor"].to_numpy()
    rows["actor"], merges = _normal_forms(rows)
    articles_of = rows.groupby("actor")["article"].nunique()
    by_surname: dict[str, list[str]] = {}
    for name in filter(may_name_a_person, articles_of.index):
        by_surname.setdefault(name.split()[-1], []).append(name)
    support = _alias_support(aliases)
    target_of = _surname_targets(articles_of, by_surname, support, corpus_types(rows), dominance)
    relevant = {n for surname in target_of for n in by_surname[surname]}
    keep = rows["actor"].isin(relevant).to_numpy()
    named = set(zip(rows["article"].to_numpy()[keep], rows["actor"].to_numpy()[keep], strict=True))

    def canonical(article: str, written: str, actor: str, kind: str) -> str:
        target = target_of.get(actor)
        if target is None or kind in (ORGANISATION, PLACE):
            return actor
        present = {n for n in by_surname[actor] if (article, n) in named}
        # the article's own finder saw the surname and a full name and kept them apart
        declined = written == actor and bool(present)
        return actor if declined or present - {target} else target

    before = rows["actor"].to_numpy()
    rows["actor"] = [
        canonical(*row)
        for row in zip(rows["article"], original, before, rows["actor_type"], strict=True)
    ]
    for surname, target in sorted(target_of.items()):
        merged = rows["article"][(before == surname) & (rows["actor"].to_numpy() == target)]
        if merged.nunique() == 0:
            continue
        candidates = sorted(by_surname[surname], key=lambda n: (-articles_of[n], n))
        others = ", ".join(f"{n} ({articles_of[n]})" for n in candidates[1:]) or "none"
        share = articles_of[target] / articles_of[candidates].sum()
        evidence = (
            f"'{target}' is the full name ending in '{surname}' in {articles_of[target]} "
            f"article(s) ({share:.0%}; others: {others}); the articles merged name no full "
            f"name ending in '{surname}'; {support.get((target, surname), 0)} other "
            "article(s) merged the two by their own text"
        )
        merges.append(
            {
                "actor": target,
                "variant": surname,
                "rule": "surname_of_full_name_in_corpus",
                "evidence": evidence,
                "n_articles": int(merged.nunique()),
            }
        )
    rows["_weighted"] = rows["sentiment"] * rows["n_mentions"]
    rows["_weight"] = rows["n_mentions"].where(rows["sentiment"].notna(), 0)
    combined = rows.groupby(["article", "actor"], sort=True)[
        ["n_mentions", "_weighted", "_weight"]
    ].sum(min_count=1)
    combined["sentiment"] = combined["_weighted"] / combined["_weight"].replace(0, np.nan)
    combined = combined.drop(columns=["_weighted", "_weight"]).reset_index()
    combined["actor_type"] = _article_types(rows).to_numpy()
    for merge in merges:  # "President Trump" -> "Trump" -> "Donald Trump": name the last
        merge["actor"] = target_of.get(merge["actor"], merge["actor"])
    merge_table = pd.DataFrame(merges, columns=MERGE_COLUMNS).sort_values(
        ["actor", "variant"], kind="mergesort"
    )
    return combined, merge_table.reset_index(drop=True)


def _top_actors(rows: pd.DataFrame, top_n: int, min_articles: int) -> list[str]:
    stats = rows.groupby("actor").agg(n_articles=("article", "nunique"), n=("n_mentions", "sum"))
    stats = stats[stats["n_articles"] >= min_articles].reset_index()
    stats = stats.sort_values(["n", "n_articles", "actor"], ascending=[False, False, True])
    return stats["actor"].head(top_n).tolist()


def actors_over_time(
    articles: pd.DataFrame,
    entities: pd.DataFrame,
    aliases: pd.DataFrame | None = None,
    *,
    period: str,
    group_by: Sequence[str],
    top_n: int,
    min_articles: int,
    dominance: float,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    **grouping_options,
) -> ComparisonResult:
    """Mentions, articles and mean sentiment toward the corpus's most-named actors per cell.

    Args:
        articles: Article metadata (see :func:`analysis.compare.periods.group_articles`).
        entities: One row per article and actor (``article``, ``actor``, ``actor_type``,
            ``n_mentions``, a sentiment column), or ``sentiment_entities`` rows.
        aliases: ``actor_aliases`` rows with an ``article`` column (see :func:`merge_actors`).
        period: Time resolution, or ``auto``.
        group_by: Metadata columns to compare by.
        top_n: Actors kept: most mentions across the corpus (ties: more articles, then name).
        min_articles: Actors named in fewer articles are left out.
        dominance: See :func:`merge_actors`.
        n_bootstrap: Bootstrap resamples (over articles).
        confidence: Interval coverage.
        random_state: Seed.
        **grouping_options: ``min_articles_per_period``, ``min_periods``, ``max_periods``,
            ``split_values`` (:func:`analysis.compare.periods.group_articles`).

    Returns:
        Tables ``actors_over_time`` (:data:`ACTORS_OVER_TIME_COLUMNS`) and ``actor_merges``
        (:data:`MERGE_COLUMNS`).
    """
    grouping = group_articles(articles, period=period, group_by=group_by, **grouping_options)
    merged, merges = merge_actors(article_actor_rows(entities), aliases, dominance=dominance)
    empty = pd.DataFrame(columns=ACTORS_OVER_TIME_COLUMNS)
    if grouping.is_empty or merged.empty:
        tables = {"actors_over_time": empty, "actor_merges": merges}
        return ComparisonResult(tables, grouping.reason)
    top = _top_actors(merged, top_n, min_articles)
    rows = merged[merged["actor"].isin(top)]
    cells = grouping.membership.merge(rows, on="article", how="inner")
    keys = [*KEY_COLUMNS, "actor"]
    counts = cells.groupby(keys, sort=True).agg(
        n_mentions=("n_mentions", "sum"), n_articles=("article", "nunique")
    )
    means = cell_means(
        cells,
        "sentiment",
        keys=keys,
        n_bootstrap=n_bootstrap,
        confidence=confidence,
        random_state=random_state,
    ).rename(columns={"mean": "mean_sentiment"})
    table = counts.reset_index().merge(means, on=keys, how="left")
    table["n_mentions"] = table["n_mentions"].astype(int)
    table["actor_type"] = table["actor"].map(corpus_types(rows))
    rank = {actor: i for i, actor in enumerate(top)}
    table["_rank"] = table["actor"].map(rank)
    table = sort_keys(table, extra=["_rank"]).drop(columns="_rank")
    tables = {"actors_over_time": table[ACTORS_OVER_TIME_COLUMNS], "actor_merges": merges}
    return ComparisonResult(tables, grouping.reason)
