"""YAKE's statistical features (Campos et al. 2020), computed on the pipeline's own tokens.

Each word gets casing, position, frequency, relatedness-to-context and spread features;
a candidate phrase scores prod(H) / (tf * (1 + sum(H))) over its words (lower is better in
YAKE; the ranking uses 1 / (1 + that)). Computing them here instead of calling the ``yake``
package reuses the tokens, tags and candidates the pipeline already has: the package
re-tokenises every text and costs ~60 ms an article.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from analysis.keywords.candidates import AnnotatedTokens
from analysis.keywords.ranking import Ranking, RankInput
from analysis.tokens import is_word


def word_weights(tokens: AnnotatedTokens, indices: Sequence[int]) -> dict[str, float]:
    """YAKE's H of each word (lemma key) of one document; lower means more important.

    Args:
        tokens: Annotated tokens.
        indices: The document's token positions, in text order.

    Returns:
        word key -> H, for words holding a letter or digit.
    """
    # word -> [tf, capitalised mid-sentence, acronym, sentence indices, left, right, stop]
    stats: dict[str, list] = {}
    sentence_index: dict[int, int] = {}
    previous = None
    token, word_key, first, stopword = (
        tokens.token,
        tokens.word_key,
        tokens.first_in_sentence,
        tokens.stopword,
    )
    for i in indices:
        sentence = sentence_index.setdefault(tokens.sentence_id[i], len(sentence_index))
        surface = token[i]
        if first[i]:
            previous = None
        if not is_word(surface):
            previous = None  # punctuation breaks the context window
            continue
        word = word_key[i]
        entry = stats.get(word)
        if entry is None:
            entry = stats[word] = [0, 0, 0, [], {}, {}, stopword[i]]
        entry[0] += 1
        if surface[0].isupper() and not first[i]:
            entry[1] += 1
        if len(surface) > 1 and surface.isupper():
            entry[2] += 1
        entry[3].append(sentence)
        if previous is not None:
            right = stats[previous][5]
            right[word] = right.get(word, 0) + 1
            entry[4][previous] = entry[4].get(previous, 0) + 1
        previous = word
    valid = [entry[0] for entry in stats.values() if not entry[6]] or [
        entry[0] for entry in stats.values()
    ]
    if not valid:
        return {}
    mean = sum(valid) / len(valid)
    deviation = math.sqrt(sum((n - mean) ** 2 for n in valid) / len(valid))
    max_tf = max(valid)
    n_sentences = max(len(sentence_index), 1)
    weights = {}
    for word, (n, upper, acronym, sentences, left, right, _) in stats.items():
        case = max(upper, acronym) / (1.0 + math.log(n))
        position = math.log(math.log(3.0 + _median(sentences)))
        frequency = n / (mean + deviation)
        relatedness = 1.0 + (_diversity(left) + _diversity(right)) * n / max_tf
        spread = len(set(sentences)) / n_sentences
        weights[word] = (position * relatedness) / (
            case + frequency / relatedness + spread / relatedness
        )
    return weights


def _median(ordered: list[int]) -> float:
    """Median of an ascending list."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _diversity(context: dict[str, int]) -> float:
    """Distinct neighbours / all neighbours (0 without neighbours)."""
    return len(context) / sum(context.values()) if context else 0.0


def rank_yake(inputs: RankInput) -> Ranking:
    """Registry entry: YAKE's phrase score for each candidate, as 1 / (1 + score).

    Args:
        inputs: The scope's documents.

    Returns:
        doc -> key -> score (higher is better).
    """
    tokens = inputs.tokens
    positions: dict[object, list[int]] = {}
    for i, sentence in enumerate(tokens.sentence_id):
        if sentence in inputs.owner:
            positions.setdefault(inputs.owner[sentence], []).append(i)
    ranking: Ranking = {}
    for doc, keys in inputs.documents().items():
        weights = word_weights(tokens, positions.get(doc, []))
        typical = _median(sorted(weights.values())) if weights else 1.0
        counts = Counter(keys)
        scores = {}
        for key, n in counts.items():
            product, total = 1.0, 0.0
            for part in key.split(" "):
                weight = weights.get(part, typical)
                product *= weight
                total += weight
            scores[key] = 1.0 / (1.0 + product / (n * (1.0 + total)))
        ranking[doc] = scores
    return ranking
