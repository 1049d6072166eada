# Helpers and input functions shared by the rule files.

import functools
import gc
import hashlib
import os
import shutil
import time

import snakemake.benchmark

from analysis.console import say
from analysis.corpus import CorpusFileError, stage_corpus
from analysis.corpus.shards import SHARD_NAME_PATTERN, ArticleFolders, stale_shard_files
from analysis.progress import STEP_COSTS, Progress
from analysis.reading import ARTICLE_ID_PATTERN
from analysis.provenance import git_commit
from analysis.stages import lazy_stage
from analysis.stages.compare import TABLES as COMPARE_TABLES
from analysis.stages.compare import family_tables, figure_stems
from analysis.stages.timers import (
    cancel_timers_when_main_thread_ends,
    fix_benchmark_samplers,
)
from analysis.stages.workers import (
    default_worker_count,
    finish_run,
    start_forkserver,
    start_workers,
    stop_forkserver,
    use_worker_processes,
)
from analysis.workflow_config import ConfigError, check_config, config_warnings

# Planning makes millions of objects that last the whole run (the corpus index, then
# Snakemake's jobs), and each full collection would traverse them again: the collector
# is off until the run starts, which freezes them first (onstart). A job step of a
# cluster run has no onstart to turn it on again, so there it stays on.
if not workflow.remote_exec and not workflow.subprocess_exec:
    gc.disable()

RESULTS = config["results_dir"]
# Staged shards live in Snakemake's own folder, one staging per results folder.
STAGING_DIR = os.path.join(
    ".snakemake",
    "newsdag",
    hashlib.sha256(os.path.abspath(RESULTS).encode()).hexdigest()[:16],
)

try:
    config.update(
        check_config(config, workflow.source_path("../schemas/config.schema.yaml"))
    )
    CORPUS = stage_corpus(
        input_dir=config["input_dir"],
        input_files=config["input_files"],
        columns=config["columns"],
        encoding=config["encoding"],
        date_format=config["dates"]["format"],
        time_zone=config["dates"]["time_zone"],
        max_bytes=config["articles"]["max_bytes"],
        shard_size=config["corpus"]["shard_size"],
        staging_dir=STAGING_DIR,
    )
except (ConfigError, CorpusFileError, FileNotFoundError) as error:
    raise WorkflowError(f"newsdag: {error}") from None

# Problems with single files or rows are reported, once each, and recorded in
# provenance.json; the other articles go ahead. On screen, each file shows this many of
# its row errors and a count of the rest.
SHOWN_ERRORS_PER_FILE = 10
for problem in CORPUS.errors_to_show(per_file=SHOWN_ERRORS_PER_FILE):
    say(f"error: skipped {problem}")
for hint in [*config_warnings(config), *CORPUS.warnings]:
    say(f"warning: {hint}")
if not CORPUS.articles:
    where = config["input_files"] or f"{config['input_dir']} (*.txt or *.md)"
    raise WorkflowError(f"newsdag: no article to analyse in {where}")

ARTICLES = CORPUS.articles
SHARDS = CORPUS.shards
# Shards of an earlier layout (another shard count) would be read twice as much data.
for stale in stale_shard_files(f"{RESULTS}/corpus/tables", CORPUS.n_shards):
    say(f"removing {stale} (the corpus now has {len(SHARDS)} shards)")
    stale.unlink()
PER_ARTICLE = config["corpus"]["per_article_tables"]
if PER_ARTICLE == "auto":
    PER_ARTICLE = len(ARTICLES) <= 20

# Scheduling order when jobs wait for a core (higher first; Snakemake's default is 0). The
# corpus topic model is the longest corpus step, so every shard's prepare and term counts,
# and then its fit, come first (shard by shard, its fit and what follows it were left to the
# end of a large run); then the long per-shard steps (sentiment, keywords) and the corpus
# jobs that wait on them, so that short independent jobs (topics per shard, the keyness and
# topic comparisons, the figures) fill the gaps beside them at the end; provenance, which
# nothing urgent waits for, last (first, it had held a core while the workers loaded).
PRIORITY_TOPIC_MODEL = 10
PRIORITY_LONG_STEPS = 5
PRIORITY_LAST = -10

# Stage modules load their heavy libraries on first use, so parsing the workflow
# (a dry run, linting, each cluster job) stays fast. With several cores, jobs run in
# worker processes forked from one process that did the imports once.
use_worker_processes(
    default_worker_count(workflow.resource_settings.cores, local=workflow.local_exec)
)
# A first run into a results folder (no manifest yet) certainly has jobs, so its workers'
# imports (about 2 s) start now and overlap Snakemake's planning. Other runs start them
# once Snakemake has found work, so that a rerun with nothing to do never pays for them.
FIRST_RUN_INTO_RESULTS = not os.path.exists(f"{RESULTS}/manifest.tsv")
if FIRST_RUN_INTO_RESULTS and not workflow.output_settings.dryrun:
    start_forkserver()
# Snakemake's job-rate timers last the profile's timespan; cancel them when the run
# ends, hooks or not, so that no process waits for them.
cancel_timers_when_main_thread_ends()
# A job's benchmark samples Snakemake's process and all its workers: every 5 s at first
# instead of every 0.5 s, and no sampler outlives its job (analysis/stages/timers.py).
fix_benchmark_samplers(snakemake.benchmark, first_interval=5.0)
# The steps that progress counts: every per-shard step.
SHARD_RULES = tuple(STEP_COSTS)
PROGRESS = Progress()


onstart:
    gc.freeze()
    gc.enable()
    remove_stale_article_folders()
    PROGRESS.plan(planned_articles())
    # Only when there are jobs to run here (a cluster run submits them instead), before
    # the first is scheduled.
    if workflow.local_exec:
        start_workers()
    else:
        stop_forkserver()


onsuccess:
    finish_run()


onerror:
    finish_run()


prepare_stage = lazy_stage("prepare")
shards_stage = lazy_stage("shards")
sentiment_stage = lazy_stage("sentiment")
keywords_stage = lazy_stage("keywords")
topics_stage = lazy_stage("topics")
provenance_stage = lazy_stage("provenance")
compare_stage = lazy_stage("compare")

SOURCE_DIR = workflow.basedir
SOURCE_COMMIT = git_commit(SOURCE_DIR)["commit"] or "unknown"


wildcard_constraints:
    article=ARTICLE_ID_PATTERN,
    shard=SHARD_NAME_PATTERN,


def remove_stale_article_folders():
    """Remove the per-article folders of articles not in this corpus (an earlier run's),
    which a reader of every results/*/tables/ table would count; keep any that hold files
    newsdag does not write, with a warning."""
    removable, foreign = ARTICLE_FOLDERS.stale(ARTICLES)
    if removable:
        names = ", ".join(folder.name for folder in removable[:5])
        more = f" and {len(removable) - 5:,} more" if len(removable) > 5 else ""
        say(
            f"removing {len(removable):,} folder(s) of {RESULTS} whose article is"
            f" not in this corpus: {names}{more}"
        )
        for folder in removable:
            shutil.rmtree(folder)
    for folder in foreign:
        say(
            f"warning: {folder} is the folder of no article of this corpus, but"
            " holds files newsdag does not write; left as it is"
        )


def planned_articles():
    """Articles per step that this run's shard jobs will analyse (for progress)."""
    try:
        jobs = list(workflow.dag.needrun_jobs())
    except AttributeError:  # another Snakemake version: count every shard step
        return {rule: len(ARTICLES) for rule in SHARD_RULES}
    planned = {rule: 0 for rule in SHARD_RULES}
    for job in jobs:
        if job.rule.name in planned:
            planned[job.rule.name] += CORPUS.shard_sizes[job.wildcards["shard"]]
    return planned


def report_shard_job(stage, shard, run):
    """Run one shard job and report progress; ``run()`` returns the number of articles
    it analysed (None: every article of the shard)."""
    started = time.monotonic()
    count = run()
    if count is None:
        count = CORPUS.shard_sizes[shard]
    PROGRESS.done(stage, shard, count, seconds=time.monotonic() - started)


def run_shard_stage(stage, wildcards, input, output, params, log):
    """Run one stage over one shard (its per-article function) and report progress."""
    tables = [name for name in input.keys() if name != "articles"]
    report_shard_job(
        stage,
        wildcards.shard,
        lambda: shards_stage.run_shard(
            stage=stage,
            articles=input.articles,
            inputs=named(input, *tables),
            outputs=named(output),
            params=dict(params.items()),
            log=log[0],
        ),
    )


def staged_shard(wildcards):
    """The staged articles of one shard."""
    return CORPUS.shard_files[wildcards.shard]


def shard_table(name):
    """Path pattern of one shard of a corpus table (a folder of Parquet files)."""
    return f"{RESULTS}/corpus/tables/{name}/{{shard}}.parquet"


def all_shards(name):
    """Every shard of a corpus table."""
    return expand(shard_table(name), shard=SHARDS)


def article_shard(name):
    """Input function: the shard of a corpus table that holds the wildcard's article."""

    def shard_of_article(wildcards):
        if wildcards.article not in CORPUS_IDS:
            raise WorkflowError(
                f"newsdag: no article {wildcards.article!r} in the corpus"
            )
        return shard_table(name).format(
            shard=CORPUS.shard_of_article(wildcards.article)
        )

    return shard_of_article


CORPUS_IDS = frozenset(ARTICLES)


def named(files, *names):
    """Named inputs or outputs as a plain dict (all of them, or those named)."""
    return {k: str(v) for k, v in files.items() if not names or k in names}


def shard_log(stage):
    """Log path of a per-shard job."""
    return f"logs/shards/{{shard}}/{stage}.log"


def shard_benchmark(stage):
    """Benchmark path of a per-shard job."""
    return f"benchmarks/shards/{{shard}}/{stage}.tsv"


def table(name):
    """Path pattern of a per-article table."""
    return f"{RESULTS}/{{article}}/tables/{name}.tsv"


def figure(name):
    """Path pattern of a per-article figure."""
    return f"{RESULTS}/{{article}}/figures/{name}.png"


def corpus_table(name, kind="tsv"):
    """Path of a corpus-level table."""
    return f"{RESULTS}/corpus/tables/{name}.{kind}"


def corpus_figure(name):
    """Path of a corpus-level figure."""
    return f"{RESULTS}/corpus/figures/{name}.png"


def job_log(stage):
    """Log path of a per-article job, mirroring the results layout."""
    return f"logs/{{article}}/{stage}.log"


def job_benchmark(stage):
    """Benchmark path of a per-article job, mirroring the results layout."""
    return f"benchmarks/{{article}}/{stage}.tsv"


SHARD_TABLES = {
    "prepare": [
        *["articles", "sections", "paragraphs", "sentences", "tokens", "section_stats"],
    ],
    "sentiment": [
        *["sentiment_sentences", "sentiment_sections", "sentiment_method_correlations"],
        *["sentiment_entities", "sentiment_mentions", "actor_aliases"],
    ],
    "keywords": ["keywords", "keywords_by_method", "keyness", "keyword_candidates"],
    "topics": [
        "topics_terms",
        "topics_sections",
        "topics_paragraphs",
        "topics_quality",
    ],
    "topic_counts": ["topic_terms_counts"],
}
# Shard tables that are not exported per article: what the articles table and the
# corpus-level steps read.
SHARD_ONLY_TABLES = ("articles", "keyword_candidates", "topic_terms_counts")
PER_ARTICLE_TABLES = [
    t for tables in SHARD_TABLES.values() for t in tables if t not in SHARD_ONLY_TABLES
]
PER_ARTICLE_FIGURES = [
    *["sentiment_arc", "sentiment_sections", "sentiment_actors"],
    *["keywords_sections", "keyness"],
    *["topics_sections", "topics_terms"],
]
CORPUS_TABLES = [
    corpus_table("sentiment_articles", "parquet"),
    corpus_table("keywords_articles"),
    corpus_table("document_topics"),
    corpus_table("section_topics", "parquet"),
    corpus_table("topic_terms"),
    corpus_table("topic_quality"),
]
ARTICLE_FOLDERS = ArticleFolders(RESULTS, PER_ARTICLE_TABLES, PER_ARTICLE_FIGURES)
CORPUS_FIGURES = ["document_topics", "topic_terms"]
COMPARE_FIGURES = figure_stems(config["compare"]["group_by"])
# How the comparisons cut the corpus into periods and groups (every family reads it).
COMPARE_GROUPING = {
    "period": config["compare"]["period"],
    "group_by": config["compare"]["group_by"],
    "min_articles_per_period": config["compare"]["min_articles_per_period"],
    "min_periods": config["compare"]["min_periods"],
    "max_periods": config["compare"]["max_periods"],
    "split_values": config["compare"]["split_values"],
}
# The bootstrap intervals of the comparisons that resample articles: the sentiment settings.
COMPARE_INTERVAL = {
    key: config["sentiment"][key]
    for key in ("n_bootstrap", "confidence", "random_state")
}


def compare_figure(stem):
    """Path of a comparison figure, with the report's caption and category."""
    kind = stem if stem.endswith("_time") else "_".join(stem.split("_")[:2])
    return report(
        corpus_figure(stem), caption=f"../report/{kind}.rst", category="Comparisons"
    )


def compare_outputs(family):
    """Named outputs of one comparison family: its tables and its figures."""
    outputs = {name: corpus_table(name) for name in family_tables(family)}
    stems = figure_stems(config["compare"]["group_by"], family)
    return outputs | {stem: compare_figure(stem) for stem in stems}


def tables_dir(wildcards, input):
    """The corpus tables folder (``<results>/corpus/tables``) of a corpus job."""
    return os.path.dirname(os.path.dirname(input.articles[0]))


def analysis_outputs():
    """Every table and figure of the analyses: shards, per article, and for the corpus."""
    outputs = [
        f for tables in SHARD_TABLES.values() for t in tables for f in all_shards(t)
    ]
    if PER_ARTICLE:
        outputs += expand(table("{name}"), article=ARTICLES, name=PER_ARTICLE_TABLES)
        if config["figures"]["per_article"]:
            outputs += expand(
                figure("{name}"), article=ARTICLES, name=PER_ARTICLE_FIGURES
            )
    outputs += other_article_files()
    if len(ARTICLES) >= 2:  # corpus-level analyses need several articles
        outputs += CORPUS_TABLES
        outputs += [corpus_figure(name) for name in CORPUS_FIGURES]
        outputs += [corpus_table(name) for name in COMPARE_TABLES]
        outputs += [corpus_figure(stem) for stem in COMPARE_FIGURES]
    return outputs


@functools.cache
def other_article_files():
    """Per-article files that exist though the settings do not ask for them (made on
    request, or by an earlier run): they follow the corpus and the settings too."""
    if not PER_ARTICLE:
        return ARTICLE_FOLDERS.existing_files(ARTICLES)
    if not config["figures"]["per_article"]:
        return ARTICLE_FOLDERS.existing_files(ARTICLES, parts=("figures",))
    return []


def all_outputs():
    """Every file the default target builds."""
    return [*analysis_outputs(), f"{RESULTS}/manifest.tsv"]
