# Helpers and input functions shared by the rule files.

import sys

from analysis.corpus import find_articles, screen_articles
from analysis.reading import ARTICLE_ID_PATTERN
from analysis.provenance import git_commit
from analysis.stages import lazy_stage
from analysis.stages.workers import (
    default_worker_count,
    finish_run,
    start_workers,
    use_worker_processes,
)
from analysis.workflow_config import ConfigError, check_config

try:
    check_config(config, workflow.source_path("../schemas/config.schema.yaml"))
    ARTICLE_SET = find_articles(config["input_dir"])
except (ConfigError, FileNotFoundError) as error:
    raise WorkflowError(f"newsdag: {error}") from None

# Stage modules load their heavy libraries on first use, so parsing the workflow
# (a dry run, linting, each cluster job) stays fast. With several cores, jobs run in
# worker processes forked from one process that did the imports once.
use_worker_processes(
    default_worker_count(workflow.resource_settings.cores, local=workflow.local_exec)
)


onstart:
    start_workers()  # only when there are jobs to run, before the first is scheduled


onsuccess:
    finish_run()


onerror:
    finish_run()


prepare_stage = lazy_stage("prepare")
sentiment_stage = lazy_stage("sentiment")
keywords_stage = lazy_stage("keywords")
topics_stage = lazy_stage("topics")
provenance_stage = lazy_stage("provenance")

RESULTS = config["results_dir"]
SOURCE_DIR = workflow.basedir
SOURCE_COMMIT = git_commit(SOURCE_DIR)["commit"] or "unknown"
SCREENING = screen_articles(
    ARTICLE_SET.articles, max_bytes=config["articles"]["max_bytes"]
)
ARTICLES = SCREENING.articles
# Problems with single files are reported, once each, and recorded in provenance.json;
# the other articles go ahead.
SKIPPED = [*ARTICLE_SET.skipped, *SCREENING.errors]
for problem in SKIPPED:
    print(f"newsdag: error: skipped {problem}", file=sys.stderr)
for warning in SCREENING.warnings:
    print(f"newsdag: warning: {warning}", file=sys.stderr)
if not ARTICLES:
    raise WorkflowError(
        f"newsdag: no article to analyse (*.txt or *.md) in {config['input_dir']}"
    )


wildcard_constraints:
    article=ARTICLE_ID_PATTERN,


def article_file(wildcards):
    """The source file of one article."""
    return ARTICLES[wildcards.article]


def table(name):
    """Path pattern of a per-article table."""
    return f"{RESULTS}/{{article}}/tables/{name}.tsv"


def figure(name):
    """Path pattern of a per-article figure."""
    return f"{RESULTS}/{{article}}/figures/{name}.png"


def corpus_table(name):
    """Path of a corpus-level table."""
    return f"{RESULTS}/corpus/tables/{name}.tsv"


def corpus_figure(name):
    """Path of a corpus-level figure."""
    return f"{RESULTS}/corpus/figures/{name}.png"


def job_log(stage):
    """Log path of a per-article job, mirroring the results layout."""
    return f"logs/{{article}}/{stage}.log"


def job_benchmark(stage):
    """Benchmark path of a per-article job, mirroring the results layout."""
    return f"benchmarks/{{article}}/{stage}.tsv"


PER_ARTICLE_TABLES = [
    *["sections", "paragraphs", "sentences", "tokens", "section_stats"],
    *["sentiment_sentences", "sentiment_sections", "sentiment_method_correlations"],
    *["sentiment_entities", "actor_aliases"],
    *["keywords", "keywords_by_method", "keyness"],
    *["topics_terms", "topics_sections", "topics_paragraphs", "topics_quality"],
]
PER_ARTICLE_FIGURES = [
    *["sentiment_arc", "sentiment_sections", "sentiment_actors"],
    *["keywords_sections", "keyness"],
    *["topics_sections", "topics_terms"],
]
CORPUS_TABLES = [
    "sentiment_articles",
    "keywords_articles",
    "document_topics",
    "topic_terms",
    "topic_quality",
]
CORPUS_FIGURES = ["document_topics", "topic_terms"]


def analysis_outputs():
    """Every table and figure of the analyses, per article and for the corpus."""
    outputs = expand(table("{name}"), article=ARTICLES, name=PER_ARTICLE_TABLES)
    if config["figures"]["per_article"]:
        outputs += expand(figure("{name}"), article=ARTICLES, name=PER_ARTICLE_FIGURES)
    if len(ARTICLES) >= 2:  # corpus-level analyses need several articles
        outputs += [corpus_table(name) for name in CORPUS_TABLES]
        outputs += [corpus_figure(name) for name in CORPUS_FIGURES]
    return outputs


def all_outputs():
    """Every file the default target builds."""
    return [*analysis_outputs(), f"{RESULTS}/manifest.tsv"]
