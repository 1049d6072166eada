"""newsdag analysis package: typed functions over in-memory text and tables.

The package never imports Snakemake and never reads the workflow config; the
workflow passes every tuning value in as a keyword argument.
"""

__version__ = "0.1.0"
