"""A temporary copy of the workflow with articles of a test's own, for end-to-end tests."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SNAKEMAKE = Path(sys.executable).with_name("snakemake")
WORKFLOW_PARTS = ("Snakefile", "config", "workflow", "profiles")
# Two tiny articles of different topics, one with a plain-text and one with a Markdown heading.
TWO_ARTICLES = {
    "trade_talks.txt": (
        "Tariffs rose again on Monday. Markets in Tokyo fell sharply.\n"
        "Trade Talks Resume\n"
        "The U.S. and Japan met in Washington. Officials were hopeful about a deal.\n"
    ),
    "football.md": "# Cup Final\nFans love the game. The final was exciting and close.\n",
}


def copy_workflow(
    root: Path, articles: Mapping[str, str | bytes] | None = None, *, folder: str = "seeds"
) -> Path:
    """Copy the workflow into ``root`` and write ``articles`` into ``root/folder``.

    Args:
        root: The new working directory (created if missing).
        articles: File name to text or bytes; None copies the bundled ``seeds/``.
        folder: The input folder's name inside ``root``.

    Returns:
        ``root``.
    """
    root.mkdir(parents=True, exist_ok=True)
    for part in WORKFLOW_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    if articles is None:
        shutil.copytree(REPO / "seeds", root / folder)
        return root
    (root / folder).mkdir()
    for name, content in articles.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / folder / name).write_bytes(data)
    return root
