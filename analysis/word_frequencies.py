"""How common each word is in general English, from the ``wordfreq`` package's bundled list.

Zipf scale: log10 per billion words; "the" 7.7, "time" 6.3, "meeting" 5.2, "topic" 4.5,
"tariff" 3.5; the small English list holds the words of Zipf 1 and above. Nothing is
downloaded. Its data file is read directly because importing wordfreq itself costs ~0.5 s
(text-normalisation dependencies). Read by the keywords' specificity prior and by the
lemmatiser's choice among the singulars of a plural its dictionary lacks.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Mapping
from pathlib import Path

from analysis.resources import load_once

_WORDFREQ_LIST = "small_en.msgpack.gz"


@load_once
def english_zipf() -> Mapping[str, float]:
    """General-English Zipf frequency of each word in wordfreq's small English list.

    Returns:
        lower-cased word -> Zipf frequency (1 to 7.7); loaded once per process.

    Raises:
        ModuleNotFoundError: If the ``wordfreq`` package is not installed.
        FileNotFoundError: If its English list is missing.
        ValueError: If the list has an unknown format.
    """
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("newsdag needs the 'wordfreq' package's English word list")
    import msgpack  # installed with wordfreq

    path = Path(next(iter(spec.submodule_search_locations))) / "data" / _WORDFREQ_LIST
    with gzip.open(path, "rb") as handle:
        header, *buckets = msgpack.unpack(handle, raw=False)
    if header.get("format") != "cB":
        raise ValueError(f"{path}: unexpected word list format {header}")
    # Bucket i holds the words with frequency 10^(-i/100), i.e. Zipf 9 - i/100.
    return {word: 9.0 - index / 100.0 for index, bucket in enumerate(buckets) for word in bucket}
