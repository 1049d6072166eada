"""Imported by the worker processes' forkserver (see :mod:`analysis.stages.workers`).

Importing this module imports every stage module and loads their language resources
(tagger, lexicons, word frequencies), then freezes the garbage collector's view of them:
workers forked afterwards share these pages instead of each loading ~90 MiB of its own,
and collections in the workers do not touch (and so copy) them.
"""

import gc

from analysis.resources import load_all
from analysis.stages import compare, keywords, prepare, provenance, sentiment, shards, topics

STAGE_MODULES = (compare, keywords, prepare, provenance, sentiment, shards, topics)

load_all()
gc.freeze()
