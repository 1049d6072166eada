"""Reading a corpus: a folder of articles or corpus files, checked row by row, in shards.

* :mod:`analysis.corpus.folder`: ``*.txt``/``*.md`` files, front matter, ``metadata.csv``;
* :mod:`analysis.corpus.files`: CSV, TSV, JSON Lines, JSON, Parquet and Excel corpus files;
* :mod:`analysis.corpus.records`: the checks of each row (id, text, date);
* :mod:`analysis.corpus.screening`: warnings about texts that may mislead;
* :mod:`analysis.corpus.shards`: which shard each article belongs to;
* :mod:`analysis.corpus.staging`: the staged shards the workflow's jobs read.
"""

from analysis.corpus.files import CorpusFileError, expand_inputs, read_corpus_file
from analysis.corpus.folder import ArticleSet, find_articles, read_folder, split_front_matter
from analysis.corpus.shards import shard_count, shard_name, shard_of
from analysis.corpus.staging import StagedCorpus, stage_corpus

__all__ = [
    "ArticleSet",
    "CorpusFileError",
    "StagedCorpus",
    "expand_inputs",
    "find_articles",
    "read_corpus_file",
    "read_folder",
    "shard_count",
    "shard_name",
    "shard_of",
    "split_front_matter",
    "stage_corpus",
]
