"""Imported by the worker processes' forkserver (see :mod:`analysis.stages.workers`).

Importing this module imports every stage module and loads their language resources
(tagger, lexicons, word frequencies), then freezes the garbage collector's view of them:
workers forked afterwards share these pages instead of each loading ~90 MiB of its own,
and collections in the workers do not touch (and so copy) them.

The collector is off while they load, as Python's documentation of :func:`gc.freeze`
advises for a parent that forks: the loading makes millions of objects that live as long
as the process, and each collection on the way traversed the older ones again (833
collections, six of them full: the imports and resources took 2.1 s, and 1.5 s with the
collector off).
"""

import gc
import importlib

STAGES = ("compare", "keywords", "prepare", "provenance", "sentiment", "shards", "topics")

gc.disable()
try:
    STAGE_MODULES = tuple(importlib.import_module(f"analysis.stages.{name}") for name in STAGES)
    importlib.import_module("analysis.resources").load_all()
finally:
    gc.freeze()
    gc.enable()
