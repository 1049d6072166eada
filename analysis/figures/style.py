"""Shared, reproducible figure set-up.

Figures use matplotlib's object-oriented API (no pyplot state), so several can be
drawn at once in one process, and are saved with fixed metadata so that the same
data give byte-identical PNG files.
"""

from __future__ import annotations

import io
import os
import textwrap

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.tables import atomic_write_bytes

DPI = 120
PALETTE = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C")
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "svg.hashsalt": "newsdag",
    "path.simplify": True,
}
matplotlib.rcParams.update(RC)


def new_figure(width: float, height: float) -> Figure:
    """Return a fresh figure of ``width`` x ``height`` inches with a constrained layout.

    Args:
        width: Width in inches.
        height: Height in inches.

    Returns:
        A figure attached to an Agg canvas.
    """
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def wrap_label(label: str, *, width: int = 28) -> str:
    """Wrap a long label (a section title, say) over several lines so labels never overlap.

    Args:
        label: The text.
        width: Maximum characters per line.

    Returns:
        The wrapped label.
    """
    return "\n".join(textwrap.wrap(label, width=width)) or label


def save_png(figure: Figure, path: str | os.PathLike[str]) -> None:
    """Save ``figure`` as PNG atomically, with no timestamp or software metadata.

    Args:
        figure: The figure to save.
        path: Destination path.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    atomic_write_bytes(path, buffer.getvalue())
