"""Stage adapters: read a stage's input files, call the pure functions, write outputs.

Each module exposes keyword-only ``run*`` functions over file paths, so a stage runs
the same from a Snakemake rule, a cluster job or a Python prompt.
"""
