"""Loading shared language resources once, safely from several threads.

Jobs can run as threads of one process. Several libraries (TextBlob's pattern
lexicons, lemminflect's tables) load their data lazily on first use, and a second
thread arriving mid-load sees half a lexicon. Every loader here runs under one lock
and warms its resource up before anyone else may use it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")
_LOAD_LOCK = threading.RLock()
_LOADERS: list[Callable[[], object]] = []


def load_once(loader: Callable[[], T]) -> Callable[[], T]:
    """Decorate a zero-argument loader so it runs once, under a process-wide lock.

    Args:
        loader: Builds and warms up a resource.

    Returns:
        A function returning the same resource on every call.
    """
    cached = lru_cache(maxsize=1)(loader)

    @wraps(loader)
    def get() -> T:
        with _LOAD_LOCK:
            return cached()

    _LOADERS.append(get)
    return get


def load_all() -> None:
    """Load every resource whose module has been imported (each loader runs once).

    Worker processes forked afterwards share the loaded resources instead of each
    loading its own copy.
    """
    for get in list(_LOADERS):
        get()
