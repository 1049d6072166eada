"""Per-job log files and one-line errors for stage adapters."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.reading import ArticleError


class StageError(RuntimeError):
    """A stage failed; the message is one line naming the input and the problem."""


@contextmanager
def job_log(path: str | os.PathLike[str] | None, *, stage: str) -> Iterator[logging.Logger]:
    """Log one job to its own file and turn any failure into a one-line :class:`StageError`.

    Jobs may run as threads of one process, so each gets a logger of its own rather
    than redirecting the process's standard streams.

    Args:
        path: The job's log file (None logs nowhere).
        stage: The stage's name, for messages.

    Yields:
        The job's logger.

    Raises:
        StageError: if the body raises; the full traceback goes to the log file.
    """
    logger = logging.getLogger(f"newsdag.{stage}.{path}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler: logging.Handler = logging.NullHandler()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, mode="w", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    try:
        yield logger
        logger.info("%s finished", stage)
    except ArticleError as error:
        logger.error("%s", error)
        raise StageError(str(error)) from None
    except Exception as error:
        logger.exception("%s failed", stage)
        where = f" (traceback in {path})" if path is not None else ""
        raise StageError(f"{stage}: {type(error).__name__}: {error}{where}") from None
    finally:
        logger.removeHandler(handler)
        handler.close()
