"""The default settings (``config/config.yaml``) that tests pass where the workflow would.

The analysis functions have no defaults of their own for their settings; the tests take
the values from the workflow's configuration through ``bench/settings.py``.
"""

from bench_scripts import load_bench_script

settings = load_bench_script("settings")

PREPARE = settings.prepare()
#: The settings of ``prepare.run_shard`` (``PREPARE`` and ``english_only``).
PREPARE_SHARD = settings.prepare_shard()
#: The settings of ``split_sections`` (``prepare`` without the sentence settings).
SECTIONING = {name: PREPARE[name] for name in ("detect_headings", "line_breaks")}
INTERVAL = settings.interval()
SENTIMENT = settings.sentiment()
KEYWORDS = settings.keywords()
CORPUS_KEYWORDS = settings.corpus_keywords()
TOPICS = settings.topics()
CORPUS_TOPICS = settings.corpus_topics()
GROUPING = settings.grouping()
COMPARE = settings.section("compare")
NGRAM_RANGE = (KEYWORDS["ngram_min"], KEYWORDS["ngram_max"])
FIGURE_TOP_N = settings.section("keywords")["figure_top_n"]
ROLLING_WINDOW = settings.section("sentiment")["rolling_window"]
# The tuning arguments of ``analysis.keywords.rank_article`` as the stage passes them.
RANK_ARTICLE = {
    "top_k": KEYWORDS["top_k"],
    "ngram_range": NGRAM_RANGE,
    "methods": KEYWORDS["methods"],
    "weights": KEYWORDS["weights"],
    "specificity_exponent": KEYWORDS["specificity_exponent"],
}
