"""Train the shipped target-level sentiment model on the NewsMTSC training split.

Usage::

    python bench/train_target_sentiment.py --data <NewsMTSC>/train.jsonl \
        [--out analysis/data/target_sentiment.json] [--c 0.1] [--min-count 3]

Reads every target of every sentence (polarity 2 / 4 / 6 -> negative / neutral / positive),
computes :func:`analysis.target_sentiment.batch_features` and fits
:func:`analysis.target_sentiment.fit_model` on all of it. The output is deterministic: the same
data and arguments give a byte-identical file. The data are NewsMTSC (Hamborg & Donnay, EACL
2021; MIT licence); only the fitted coefficients are written, never the sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import target_sentiment as T

POLARITY_TO_CLASS = {2.0: 0, 4.0: 1, 6.0: 2}


@dataclass
class Mentions:
    """One row per target mention."""

    sentences: list[str]
    starts: list[int]
    ends: list[int]
    labels: list[int]
    groups: list[str]  #: the article (AllSides: the story, which groups its articles)


def article_group(gid: str) -> str:
    """The article a NewsMTSC id names.

    ``polusa_v1_<article>_-1_<sentence>_...`` -> ``polusa_<article>``;
    ``allsides_<article>_<story>_<sentence>_...`` -> ``allsides_story_<story>``: AllSides sets
    two or three outlets' articles on one story side by side, which share wording, so the
    stricter story grouping is used.
    """
    parts = gid.split("_")
    if parts[0] == "polusa":
        return f"polusa_{parts[2]}"
    return f"allsides_story_{parts[2]}"


def load(path: Path) -> Mentions:
    """Read ``train.jsonl`` into mentions (file order, then target order)."""
    out = Mentions([], [], [], [], [])
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["sentence_normalized"]
            for target in record["targets"]:
                out.sentences.append(text)
                out.starts.append(int(target["from"]))
                out.ends.append(int(target["to"]))
                out.labels.append(POLARITY_TO_CLASS[float(target["polarity"])])
                out.groups.append(article_group(record["primary_gid"]))
    return out


def main() -> None:
    """Train and write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=T.MODEL_PATH)
    parser.add_argument("--c", type=float, default=T.DEFAULT_C)
    parser.add_argument("--min-count", type=int, default=T.DEFAULT_MIN_COUNT)
    args = parser.parse_args()
    data = load(args.data)
    features = T.batch_features(data.sentences, data.starts, data.ends)
    model = T.fit_model(features, data.labels, c=args.c, min_count=args.min_count)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"{len(data.labels)} mentions, {len(model.weights)} features -> {args.out}")


if __name__ == "__main__":
    main()
