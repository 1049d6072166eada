"""Figures: one module per analysis, built on :mod:`analysis.figures.style`."""
