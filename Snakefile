# newsdag: a reproducible text-analysis pipeline for news articles.
# This file is the table of contents; each stage lives in workflow/rules/.

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"


report: "workflow/report/workflow.rst"


include: "workflow/rules/prepare.smk"
include: "workflow/rules/sentiment.smk"
include: "workflow/rules/keywords.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/provenance.smk"


rule all:
    default_target: True
    input:
        all_outputs(),
