"""Actors (people, organisations, places) named in an article, and the sentiment toward them.

* :mod:`analysis.actors.detect`: finding actors from proper-noun runs and merging variants by
  recorded rules (:func:`find_actors`), with :mod:`analysis.actors.runs` (the runs),
  :mod:`analysis.actors.merges` (the merges) and :mod:`analysis.names` (the word lists
  and name tests they and the corpus merges share).
* :mod:`analysis.actors.kinds`: each actor's type and the acronyms that name things.
* :mod:`analysis.actors.scores`: target-level sentiment per mention and per actor, beside the
  sentence-level mean (:func:`score_mentions`, :func:`actor_sentiment`), and the table of
  scored mentions (:func:`mention_table`).
"""

from analysis.actors.detect import MENTION_COLUMNS, ActorResult, find_actors
from analysis.actors.runs import Token, tag_sentences
from analysis.actors.scores import (
    ENTITY_COLUMNS,
    MENTION_TABLE_COLUMNS,
    actor_sentiment,
    mention_table,
    score_mentions,
)
from analysis.names import COUNTRY_ABBREVIATIONS, TITLE_WORDS

__all__ = [
    "COUNTRY_ABBREVIATIONS",
    "ENTITY_COLUMNS",
    "MENTION_COLUMNS",
    "MENTION_TABLE_COLUMNS",
    "TITLE_WORDS",
    "ActorResult",
    "Token",
    "actor_sentiment",
    "find_actors",
    "mention_table",
    "score_mentions",
    "tag_sentences",
]
