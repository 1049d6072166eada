"""Target-level sentiment: the tone of a sentence toward one mention in it.

"Trump praised Abe but attacked China" is positive toward Abe and negative toward China, while a
sentence score gives both the same value. :func:`score_targets` scores each ``(sentence, start,
end)`` mention in [-1, 1] as ``P(positive) - P(negative)`` of a multinomial logistic regression
over hand-built features of the sentence as seen from the mention (no parser, no network):

* *Lexicon words by position*: VADER valences (/4) and TextBlob word polarities of every token
  outside the mention, summed by clause (the mention's own clause or another; clauses break at
  "but", "while", "although", ";", brackets and dashes), side (before / after) and distance
  bucket (1-2, 3-5, 6-10, >10 tokens), and once more weighted by 1 / distance. A word is
  negated (sign flipped, halved) after "not", "n't", "never", "no", "without" within three
  tokens of its clause. Lexicon words inside proper names ("Liberal Democratic Party") count 0.
* *Role by position*: the part-of-speech tagger (:func:`analysis.tokens.tag_tokens`) marks verbs;
  a mention before the first verb of its clause, or right after a subordinator ("said that X
  failed"), is its subject (``subj``), one after a verb its object (``obj``), one after a
  preposition a prepositional object (``pobj``). The lexicon sums
  of the clause are repeated per role (praising someone differs from being praised), and the
  verb governing the mention (the nearest verb before it) and the first verb after it are
  features by word and by valence.
* *Reported speech*: the mention is the speaker ("X said", "said X", "according to X") or
  inside quotation marks; lexicon words inside quotes are summed separately.
* *Context words around the masked mention*: the words one and two tokens either side, their
  tags, the words within five tokens by side and the words of the mention's clause (names
  replaced by ``<name>``, so no person's identity is learned as a prior).
* *Sentence scores*: VADER compound of the sentence and of the mention's clause.

Training data and validation: NewsMTSC (Hamborg & Donnay, EACL 2021; MIT licence), training split
only, via ``bench/train_target_sentiment.py``; the coefficients ship as
``analysis/data/target_sentiment.json`` (features seen at least ``min_count`` times, rounded).
The cross-validation grouped by article is in ``bench/bench_target_sentiment.py`` and README.md.
Sentences are tokenised and tagged once per batch however many mentions they carry.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.resources import load_once
from analysis.sentiment.scores import _vader
from analysis.tokens import split_tokens, tag_tokens, unescaped

#: Class order of the model's probabilities.
CLASSES = ("negative", "neutral", "positive")
#: The shipped model.
MODEL_PATH = Path(__file__).resolve().parent / "data" / "target_sentiment.json"

_CLAUSE_BREAKS = frozenset(
    "but however while whereas although though yet despite ; : ( ) — – -- ...".split()
)
_NEGATIONS = frozenset(
    "not n't n’t no never nor without none nobody nothing neither cannot".split()
)
_SPEECH_VERBS = frozenset(
    """said says say saying told tells tell added adds stated states argued argues claimed
    claims wrote writes asked asks insisted insists warned warns noted notes explained explains
    announced announces declared declares tweeted tweets suggested suggests acknowledged
    acknowledges replied replies responded responds recalled recalls testified""".split()
)
#: Words opening a subordinate clause ("said that Smith failed": Smith is a subject).
_SUBORDINATORS = frozenset("that who which because if whether".split())
_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_PRONOUNS = frozenset("he she they him her them his hers their i we us our you it its".split())
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_WORD = re.compile(r"[a-z][a-z'’-]*$")
_WINDOW = 5
#: Training defaults (chosen by grouped cross-validation, ``bench/bench_target_sentiment.py``).
DEFAULT_C = 0.1
DEFAULT_MIN_COUNT = 3


@load_once
def _textblob_polarity() -> dict[str, float]:
    from textblob.en import sentiment as pattern_lexicon

    pattern_lexicon("good")  # loads the lazy lexicon now
    out = {}
    for word, senses in pattern_lexicon.items():
        value = senses.get(None, next(iter(senses.values())))[0]
        if value:
            out[word.lower()] = float(value)
    return out


@dataclass
class _Parsed:
    """One sentence, tokenised and tagged, with per-token lexicon values."""

    text: str
    spans: list[tuple[int, int]]
    words: list[str]  #: lower case; names as ``<name>``
    tags: list[str]
    clause: list[int]
    in_quote: list[bool]
    vader: list[float]  #: valence / 4, negation applied
    blob: list[float]  #: TextBlob polarity, negation applied
    compound: float  #: :func:`_compound` of the sentence


def _parse(text: str) -> _Parsed:
    spans = split_tokens(text)
    raw = [text[a:b] for a, b in spans]
    tags = tag_tokens(raw) if raw else []
    vader_lexicon = _vader().lexicon
    blob_lexicon = _textblob_polarity()
    words, clause, in_quote, vader, blob = [], [], [], [], []
    clause_id, quoted, negated_until = 0, False, -1
    for i, (written, tag) in enumerate(zip(raw, tags, strict=True)):
        token = unescaped(written)  # scraped text: "don&#39;t" negates as "don't" does
        lower = token.lower()
        if lower in _CLAUSE_BREAKS:
            clause_id += 1
            negated_until = -1
        if token in _QUOTES:
            quoted = not quoted if token in ('"', "``", "''") else token == "“"
        is_name = tag in _NAME_TAGS and i > 0
        words.append("<name>" if is_name else lower)
        clause.append(clause_id)
        in_quote.append(quoted)
        sign = -0.5 if i <= negated_until else 1.0
        v = 0.0 if is_name else vader_lexicon.get(lower, 0.0) / 4.0
        b = 0.0 if is_name else blob_lexicon.get(lower, 0.0)
        vader.append(sign * v)
        blob.append(sign * b)
        if lower in _NEGATIONS:
            negated_until = i + 3
    return _Parsed(text, spans, words, tags, clause, in_quote, vader, blob, _compound(vader))


def _compound(valences: Sequence[float]) -> float:
    """VADER's normalisation of a valence sum (without its idiom and booster rules: fast)."""
    total = 4.0 * sum(valences)
    return total / math.sqrt(total * total + 15.0)


def _target_tokens(parsed: _Parsed, start: int, end: int) -> tuple[int, int]:
    """Token range [first, last) overlapping the character span (a point span gets one token)."""
    inside = [i for i, (a, b) in enumerate(parsed.spans) if a < end and b > start]
    if not inside:
        after = [i for i, (a, _) in enumerate(parsed.spans) if a >= start]
        first = after[0] if after else max(0, len(parsed.spans) - 1)
        return first, min(first + 1, len(parsed.spans))
    return inside[0], inside[-1] + 1


def _role(parsed: _Parsed, first: int, last: int) -> str:
    tags, clause = parsed.tags, parsed.clause
    if first == last:
        return "none"
    c = clause[first]
    before = [i for i in range(first - 1, -1, -1) if clause[i] == c]
    n = len(tags)
    follows_verb = any(tags[i].startswith("VB") for i in range(last, n) if clause[i] == c)
    if before and parsed.words[before[0]] in _SUBORDINATORS and follows_verb:
        return "subj"
    if before and tags[before[0]] in ("IN", "TO"):
        return "pobj"
    if any(tags[i].startswith("VB") or tags[i] == "MD" for i in before):
        return "obj"
    if follows_verb:
        return "subj"
    return "none"


def _is_speaker(parsed: _Parsed, first: int, last: int) -> bool:
    words = parsed.words
    n = len(words)
    follow = [w for w in words[last : min(n, last + 3)] if w not in (",", "”", '"', "''")]
    if follow and follow[0] in _SPEECH_VERBS:
        return True
    if first >= 1 and words[first - 1] in _SPEECH_VERBS:
        return True
    return first >= 2 and words[first - 2] == "according" and words[first - 1] == "to"


def _bucket(distance: int) -> str:
    if distance <= 2:
        return "1"
    if distance <= 5:
        return "2"
    return "3" if distance <= 10 else "4"


def _lexicon_features(f: Counter, parsed: _Parsed, first: int, last: int, role: str) -> None:
    c = parsed.clause[first] if first < len(parsed.clause) else 0
    target_quoted = first < len(parsed.in_quote) and parsed.in_quote[first]
    for i, (v, b) in enumerate(zip(parsed.vader, parsed.blob, strict=True)):
        if (not v and not b) or first <= i < last:
            continue
        side = "L" if i < first else "R"
        distance = first - i if i < first else i - last + 1
        region = "same" if parsed.clause[i] == c else "other"
        if parsed.in_quote[i] and not target_quoted:
            region = "quote"
        f[f"v:{region}{side}{_bucket(distance)}"] += v
        f[f"b:{region}{side}"] += b
        f[f"vw:{region}"] += v / distance
        f[f"v:{role}:{region}{side}"] += v
        f["vpos" if v > 0 else "vneg"] += abs(v)
        f["v:all"] += v
        f["b:all"] += b


def _context_features(f: Counter, parsed: _Parsed, first: int, last: int, role: str) -> None:
    words, tags, clause = parsed.words, parsed.tags, parsed.clause
    n = len(words)
    c = clause[first] if first < n else 0
    pad = lambda i: words[i] if 0 <= i < n else "<s>"  # noqa: E731
    tag = lambda i: tags[i] if 0 <= i < n else "<s>"  # noqa: E731
    f[f"p1={pad(first - 1)}"] = 1
    f[f"n1={pad(last)}"] = 1
    f[f"p1t={tag(first - 1)}"] = 1
    f[f"n1t={tag(last)}"] = 1
    f[f"p2={pad(first - 2)} {pad(first - 1)}"] = 1
    f[f"n2={pad(last)} {pad(last + 1)}"] = 1
    for i in range(max(0, first - _WINDOW), first):
        if _WORD.match(words[i]):
            f[f"L:{words[i]}"] = 1
    for i in range(last, min(n, last + _WINDOW)):
        if _WORD.match(words[i]):
            f[f"R:{words[i]}"] = 1
    for i in range(n):
        if clause[i] == c and not first <= i < last and _WORD.match(words[i]):
            f[f"c:{words[i]}"] = 1
    governing = [i for i in range(first - 1, -1, -1) if clause[i] == c and tags[i].startswith("VB")]
    if governing:
        f[f"gv={words[governing[0]]}"] = 1
        f["gv_val"] += parsed.vader[governing[0]]
    following = [i for i in range(last, n) if clause[i] == c and tags[i].startswith("VB")]
    if following:
        f[f"fv={words[following[0]]}"] = 1
        f[f"fv_val:{role}"] += parsed.vader[following[0]]
    f[f"role={role}"] = 1


def mention_features(parsed: _Parsed, start: int, end: int) -> dict[str, float]:
    """Features of one mention (see the module docstring); keys are stable strings."""
    f: Counter = Counter()
    f["bias"] = 1.0
    if not parsed.spans:
        return dict(f)
    first, last = _target_tokens(parsed, start, end)
    role = _role(parsed, first, last)
    _lexicon_features(f, parsed, first, last, role)
    _context_features(f, parsed, first, last, role)
    mention = parsed.words[first:last]
    if len(mention) == 1 and mention[0] in _PRONOUNS:
        f["pronoun"] = 1
    if last < len(parsed.words) and parsed.words[last] in ("'s", "’s"):
        f["possessive"] = 1
    if _is_speaker(parsed, first, last):
        f["speaker"] = 1
    if parsed.in_quote[first]:
        f["in_quote"] = 1
    if any(
        w in _NEGATIONS
        for w, c in zip(parsed.words, parsed.clause, strict=True)
        if c == parsed.clause[first]
    ):
        f["negated_clause"] = 1
    f["compound"] = parsed.compound
    f["compound_pos" if parsed.compound > 0 else "compound_neg"] = abs(parsed.compound)
    c = parsed.clause[first]
    f["clause_compound"] = _compound(
        [v for v, k in zip(parsed.vader, parsed.clause, strict=True) if k == c]
    )
    return dict(f)


def batch_features(
    sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
) -> list[dict[str, float]]:
    """Features of each mention; each distinct sentence is parsed once.

    Args:
        sentences: The sentence of each mention.
        starts: Character offset where each mention starts in its sentence.
        ends: Character offset where it ends (exclusive).

    Returns:
        One feature mapping per mention.

    Raises:
        ValueError: If the three sequences differ in length.
    """
    if not len(sentences) == len(starts) == len(ends):
        raise ValueError("sentences, starts and ends must have the same length")
    cache: dict[str, _Parsed] = {}
    out = []
    for text, start, end in zip(sentences, starts, ends, strict=True):
        text = "" if text is None else str(text)
        parsed = cache.get(text)
        if parsed is None:
            parsed = cache[text] = _parse(text)
        out.append(mention_features(parsed, int(start), int(end)))
    return out


@dataclass(frozen=True)
class TargetModel:
    """A linear model over :func:`mention_features`: one weight per feature and class."""

    weights: dict[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]

    def probabilities(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """Class probabilities (rows: mentions; columns: :data:`CLASSES`)."""
        out = np.empty((len(features), 3))
        zero = (0.0, 0.0, 0.0)
        for row, f in enumerate(features):
            z = list(self.intercept)
            for name, value in f.items():
                w = self.weights.get(name, zero)
                z[0] += w[0] * value
                z[1] += w[1] * value
                z[2] += w[2] * value
            top = max(z)
            e = [math.exp(v - top) for v in z]
            total = e[0] + e[1] + e[2]
            out[row] = (e[0] / total, e[1] / total, e[2] / total)
        return out

    def to_json(self) -> str:
        """Serialise deterministically: sorted features, one a line, weights rounded to 4 places."""
        lines = [
            "{",
            f'"classes": {json.dumps(list(CLASSES))},',
            f'"intercept": {json.dumps([round(v, 4) for v in self.intercept])},',
            '"weights": {',
        ]
        names = sorted(self.weights)
        for k, name in enumerate(names):
            values = json.dumps([round(v, 4) for v in self.weights[name]])
            lines.append(f"{json.dumps(name)}: {values}{',' if k < len(names) - 1 else ''}")
        lines += ["}", "}"]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, text: str) -> TargetModel:
        """Read :meth:`to_json` output."""
        payload = json.loads(text)
        if tuple(payload["classes"]) != CLASSES:
            raise ValueError(f"model classes {payload['classes']} are not {CLASSES}")
        weights = {k: tuple(float(x) for x in v) for k, v in payload["weights"].items()}
        return cls(weights=weights, intercept=tuple(float(x) for x in payload["intercept"]))


def fit_model(
    features: Sequence[dict[str, float]],
    labels: Sequence[int],
    *,
    c: float = DEFAULT_C,
    min_count: int = DEFAULT_MIN_COUNT,
    max_iter: int = 3000,
) -> TargetModel:
    """Fit the multinomial logistic regression on mention features.

    Args:
        features: :func:`batch_features` output.
        labels: Class index per mention (0 negative, 1 neutral, 2 positive).
        c: Inverse L2 regularisation strength.
        min_count: Drop features present in fewer training mentions (keeps the file small).
        max_iter: Solver iterations.

    Returns:
        The fitted model (deterministic: lbfgs has no random component).

    Raises:
        ValueError: If a class is missing from ``labels``.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if sorted(set(int(y) for y in labels)) != [0, 1, 2]:
        raise ValueError("labels must contain all three classes 0, 1, 2")
    counts = Counter(name for f in features for name in f)
    kept = [{k: v for k, v in f.items() if counts[k] >= min_count} for f in features]
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform(kept)
    model = LogisticRegression(C=c, max_iter=max_iter, fit_intercept=True)
    model.fit(x, np.asarray(labels, dtype=int))
    names = vectorizer.get_feature_names_out()
    coef = model.coef_
    weights = {
        str(name): (float(coef[0, j]), float(coef[1, j]), float(coef[2, j]))
        for j, name in enumerate(names)
    }
    return TargetModel(weights=weights, intercept=tuple(float(v) for v in model.intercept_))


@load_once
def shipped_model() -> TargetModel:
    """The model trained on NewsMTSC and shipped with the package."""
    return TargetModel.from_json(MODEL_PATH.read_text(encoding="utf-8"))


def target_probabilities(
    sentences: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    *,
    model: TargetModel | None = None,
) -> np.ndarray:
    """Probability of each class toward each mention.

    Args:
        sentences: The sentence of each mention.
        starts: Character offset of each mention in its sentence.
        ends: End offset (exclusive).
        model: A fitted model (default: :func:`shipped_model`).

    Returns:
        Array of shape (n, 3), columns :data:`CLASSES`.

    Raises:
        ValueError: If the sequences differ in length.
    """
    model = shipped_model() if model is None else model
    return model.probabilities(batch_features(sentences, starts, ends))


def score_targets(
    sentences: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    *,
    model: TargetModel | None = None,
) -> np.ndarray:
    """Target-level sentiment in [-1, 1] of each mention: P(positive) - P(negative).

    Args:
        sentences: The sentence of each mention.
        starts: Character offset of each mention in its sentence.
        ends: End offset (exclusive).
        model: A fitted model (default: :func:`shipped_model`).

    Returns:
        One score per mention.

    Raises:
        ValueError: If the sequences differ in length.
    """
    p = target_probabilities(sentences, starts, ends, model=model)
    return p[:, 2] - p[:, 0] if len(p) else np.zeros(0)


def target_sentiment(sentence: str, start: int, end: int) -> float:
    """Target-level sentiment of one mention (see :func:`score_targets`).

    Args:
        sentence: The sentence.
        start: Character offset of the mention.
        end: End offset (exclusive).

    Returns:
        Score in [-1, 1].
    """
    return float(score_targets([sentence], [start], [end])[0])
