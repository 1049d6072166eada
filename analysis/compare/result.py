"""The value every comparison entry point returns."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class ComparisonResult:
    """Tables of one comparison family, and why parts of it were skipped.

    Attributes:
        tables: Table name -> tidy DataFrame (written as ``corpus/tables/<name>.tsv``).
        reason: One line naming the comparisons skipped and why (log it), or None.
    """

    tables: dict[str, pd.DataFrame]
    reason: str | None = None
