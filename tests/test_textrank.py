"""TextRank's PageRank: networkx's definition, and the same ranks on every machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import numpy as np
import pytest
from workflow_copy import REPO

from analysis.keywords.textrank import pagerank


def test_pagerank_matches_the_power_iteration_of_its_definition():
    edges = {(0, 1): 2.0, (1, 2): 1.0, (2, 3): 1.0, (0, 3): 0.5}
    n, damping = 5, 0.85  # node 4 has no link: its mass is spread over every node
    weights = np.zeros((n, n))
    for (i, j), w in edges.items():
        weights[i, j] = weights[j, i] = w
    out = weights.sum(axis=1)
    x = np.full(n, 1 / n)
    for _ in range(500):
        spread = x[out > 0] / out[out > 0] @ weights[out > 0]
        dangling = x[out == 0].sum() / n
        x = damping * (spread + dangling) + (1 - damping) / n
    assert np.allclose(pagerank(n, edges), x, atol=1e-12)
    assert pagerank(n, edges).sum() == pytest.approx(1.0, abs=1e-11)


def test_words_in_symmetric_places_get_exactly_equal_scores():
    # A star: every leaf is in the same place, so each must tie, not differ in noise.
    scores = pagerank(7, {(0, leaf): 1.0 for leaf in range(1, 7)})
    assert len(set(scores[1:].tolist())) == 1
    assert scores[0] > scores[1]


# The keyword tables of the bundled article, hashed, in a fresh process.
KEYWORDS_DIGEST = """
import hashlib, sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
import settings
from analysis.document import analyse_structure
from analysis.stages.keywords import article_tables
text = open(sys.argv[2], encoding="utf-8").read()
doc = analyse_structure(text, **settings.prepare())
result = article_tables(
    tokens=doc.tokens, sentences=doc.sentences, sections=doc.sections, **settings.keywords()
)
digest = hashlib.sha256()
for name in sorted(result):
    digest.update(result[name].to_csv(index=False).encode())
print(digest.hexdigest())
"""


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="x86 kernel names")
def test_keyword_tables_do_not_depend_on_the_machines_blas_kernels():
    # OpenBLAS picks its kernels by CPU; before the scores were rounded, the sparse
    # solve's last digits reordered tied words and changed the bundled article's keywords.
    digests = set()
    for kernel in ("Prescott", "Sandybridge"):  # SSE3 and AVX: any x86-64 of the last decade
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                KEYWORDS_DIGEST,
                str(REPO),
                str(REPO / "seeds" / "ishiba_trump_summit.txt"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "OPENBLAS_CORETYPE": kernel},
        )
        assert done.returncode == 0, done.stderr[-2000:]
        digests.add(done.stdout.strip())
    assert len(digests) == 1
