"""Sentiment toward each actor: target-level per mention, beside the sentence-level mean.

:func:`score_mentions` gives every mention the target-level score of
:func:`analysis.target_sentiment.score_targets` (the tone of its sentence toward that mention).
:func:`actor_sentiment` ranks actors by article mention count (top N, minimum mentions) and
gives, per article and per section:

* ``target_sentiment``: the mean target-level score of the actor's mentions, with an expanded
  percentile bootstrap interval resampling *mentions* (``ci_low``, ``ci_high``);
* ``sentence_sentiment``: the mean headline score of the distinct sentences naming the actor,
  with an interval resampling those sentences (``sentence_ci_low``, ``sentence_ci_high``).

Intervals are :func:`analysis.sentiment.bootstrap_mean_ci` (NaN for one value, the value for
constant values, seeded afresh per row so a row depends only on its values and the seed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.sentiment import bootstrap_mean_ci, bootstrap_mean_cis
from analysis.tables import id_column, nullable_integers
from analysis.target_sentiment import score_targets

ENTITY_COLUMNS = (
    "actor",
    "actor_type",
    "type_evidence",
    "scope",
    "section_id",
    "n_mentions",
    "n_sentences",
    "target_sentiment",
    "ci_low",
    "ci_high",
    "sentence_sentiment",
    "sentence_ci_low",
    "sentence_ci_high",
)


MENTION_TABLE_COLUMNS = (
    "actor",
    "actor_type",
    "mention",
    "sentence_id",
    "section_id",
    "start_char",
    "end_char",
    "target_sentiment",
)


def mention_table(
    mentions: pd.DataFrame, sentences: pd.DataFrame, *, types: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every scored mention, placed in the article: the evidence behind each actor's mean.

    Args:
        mentions: Scored mentions (:func:`score_mentions`).
        sentences: ``sentence_id``, ``section_id`` and, for offsets into the article's text,
            ``start_char`` per sentence (a sentence's text is the article's slice from there).
        types: ``actor``, ``actor_type``; None: all ``unknown``.

    Returns:
        Columns :data:`MENTION_TABLE_COLUMNS`, one row per mention of every actor (also those
        :func:`actor_sentiment` leaves out), in text order; ``start_char`` and ``end_char``
        are missing when ``sentences`` has no ``start_char``.
    """
    ids = sentences["sentence_id"].tolist()
    position = {sid: k for k, sid in enumerate(ids)}
    section_of = dict(zip(ids, sentences["section_id"].tolist(), strict=True))
    starts = sentences["start_char"].tolist() if "start_char" in sentences else [None] * len(ids)
    start_of = dict(zip(ids, starts, strict=True))
    type_of = {} if types is None else dict(zip(types["actor"], types["actor_type"], strict=True))
    # Plain lists, not frame operations: this runs once per article.
    rows = sorted(
        zip(
            *(mentions[c].tolist() for c in ("sentence_id", "start", "end", "actor", "surface")),
            mentions["target_sentiment"].astype(float).tolist(),
            strict=True,
        ),
        key=lambda row: (position.get(row[0], len(position)), row[1]),
    )
    sentence, start, end, actor, surface, score = (
        (list(column) for column in zip(*rows, strict=True)) if rows else ([] for _ in range(6))
    )
    offset = [start_of.get(sid) for sid in sentence]
    return pd.DataFrame(
        {
            "actor": actor,
            "actor_type": [type_of.get(a, "unknown") for a in actor],
            "mention": surface,
            "sentence_id": id_column(sentence),
            "section_id": id_column([section_of.get(sid) for sid in sentence]),
            "start_char": _shifted(offset, start),
            "end_char": _shifted(offset, end),
            "target_sentiment": np.array(score, dtype=float),
        },
        columns=list(MENTION_TABLE_COLUMNS),
        copy=False,
    )


def _shifted(offsets: list[object], positions: list[int]) -> pd.api.extensions.ExtensionArray:
    """Sentence offsets plus positions within the sentence; missing where no offset is known."""
    return nullable_integers(
        [
            None if o is None or o != o else int(o) + int(p)
            for o, p in zip(offsets, positions, strict=True)
        ]
    )


def score_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``target_sentiment`` (in [-1, 1]) to each mention.

    Args:
        mentions: ``find_actors(...).mentions`` (``sentence_id``, ``start``, ``end``, ...).
        sentences: ``sentence_id`` and ``text`` per sentence.

    Returns:
        A copy of ``mentions`` with the new column.
    """
    text_of = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    texts = [str(text_of.get(sid, "")) for sid in mentions["sentence_id"]]
    scores = score_targets(texts, mentions["start"].tolist(), mentions["end"].tolist())
    return mentions.assign(target_sentiment=scores)


def _interval_pair(
    target: np.ndarray, sentence: np.ndarray, params: dict
) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Both intervals of a row; with as many mentions as sentences they share one bootstrap
    draw, which is the draw each gets alone (same seed, same size), so the values are equal."""
    if target.size == sentence.size:
        both = bootstrap_mean_cis(np.vstack([target, sentence]), **params)
        return both[0], both[1]
    return bootstrap_mean_ci(target, **params), bootstrap_mean_ci(sentence, **params)


def _ranked(mentions: pd.DataFrame, top_n: int, min_mentions: int) -> list[str]:
    counts = Counter(mentions["actor"].tolist())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [a for a, n in ranked if n >= min_mentions][:top_n]


def actor_sentiment(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    types: pd.DataFrame | None = None,
    top_n: int,
    min_mentions: int,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    section_order: Sequence[object] | None = None,
) -> pd.DataFrame:
    """Target-level and sentence-level sentiment of the most-named actors.

    Args:
        mentions: Mentions with ``sentence_id``, ``actor`` and ``target_sentiment``
            (:func:`score_mentions`).
        sentences: ``sentence_id``, ``section_id``, ``sentiment`` (headline) per sentence.
        types: ``actor``, ``actor_type``, ``type_evidence`` (``find_actors(...).types``);
            None: all ``unknown``, with no evidence.
        top_n: Keep the ``top_n`` actors with most mentions in the article (ties by name).
        min_mentions: Drop actors named fewer times in the article.
        n_bootstrap: Bootstrap resamples.
        confidence: Interval coverage.
        random_state: Seed.
        section_order: Order of section rows (default: first appearance in ``sentences``).

    Returns:
        Columns :data:`ENTITY_COLUMNS`: article rows (``section_id`` empty) by rank, then section
        rows (only sections where the actor is named) by section, then rank.

    Raises:
        KeyError: If ``mentions`` lacks ``target_sentiment``.
    """
    if mentions.empty:
        return pd.DataFrame(columns=list(ENTITY_COLUMNS))
    ranked = _ranked(mentions, top_n, min_mentions)
    if section_order is None:
        section_order = list(dict.fromkeys(sentences["section_id"].tolist()))
    score = dict(zip(sentences["sentence_id"], sentences["sentiment"], strict=True))
    section_of = dict(zip(sentences["sentence_id"], sentences["section_id"], strict=True))
    type_of = {} if types is None else dict(zip(types["actor"], types["actor_type"], strict=True))
    evidence_of = (
        {}
        if types is None or "type_evidence" not in types
        else dict(zip(types["actor"], types["type_evidence"], strict=True))
    )

    ids_of: dict[str, list[object]] = {a: [] for a in ranked}
    values_of: dict[str, list[float]] = {a: [] for a in ranked}
    for sid, actor, value in zip(
        mentions["sentence_id"], mentions["actor"], mentions["target_sentiment"], strict=True
    ):
        if actor in ids_of:
            ids_of[actor].append(sid)
            values_of[actor].append(float(value))
    cells = [(a, "article", None, ids_of[a], values_of[a]) for a in ranked]
    for section_id in section_order:
        for a in ranked:
            keep = [k for k, sid in enumerate(ids_of[a]) if section_of.get(sid) == section_id]
            if keep:
                ids = [ids_of[a][k] for k in keep]
                cells.append((a, "section", section_id, ids, [values_of[a][k] for k in keep]))

    target_groups = [np.asarray(values, dtype=float) for *_, values in cells]
    sentence_ids = [list(dict.fromkeys(ids)) for *_, ids, _ in cells]
    sentence_groups = [np.array([score.get(s, np.nan) for s in ids], float) for ids in sentence_ids]
    params = {"n_bootstrap": n_bootstrap, "confidence": confidence, "random_state": random_state}
    # An interval depends only on its values and the seed, so a section cell that holds all
    # of an actor's mentions (an article without headings; an actor of one section) reuses
    # its article cell's intervals instead of drawing them again.
    drawn: dict[tuple[bytes, bytes], tuple] = {}
    intervals = []
    for t, s in zip(target_groups, sentence_groups, strict=True):
        key = (t.tobytes(), s.tobytes())
        if key not in drawn:
            drawn[key] = _interval_pair(t, s, params)
        intervals.append(drawn[key])
    target_ci = [t for t, _ in intervals]
    sentence_ci = [s for _, s in intervals]
    rows = [
        {
            "actor": a,
            "actor_type": type_of.get(a, "unknown"),
            "type_evidence": evidence_of.get(a, ""),
            "scope": scope,
            "section_id": section_id,
            "n_mentions": len(values),
            "n_sentences": len(ids),
            "target_sentiment": t[0],
            "ci_low": t[1],
            "ci_high": t[2],
            "sentence_sentiment": s[0],
            "sentence_ci_low": s[1],
            "sentence_ci_high": s[2],
        }
        for (a, scope, section_id, _, values), ids, t, s in zip(
            cells, sentence_ids, target_ci, sentence_ci, strict=True
        )
    ]
    table = pd.DataFrame(rows, columns=list(ENTITY_COLUMNS))
    table["section_id"] = id_column([row["section_id"] for row in rows])
    return table
