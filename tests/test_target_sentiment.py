"""Target-level sentiment: the shipped model's behaviour, fitting, serialisation, robustness."""

from __future__ import annotations

import html

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import target_sentiment as T


def _span(sentence: str, mention: str) -> tuple[int, int]:
    start = sentence.index(mention)
    return start, start + len(mention)


def test_one_sentence_two_targets_two_tones():
    sentence = "Trump praised Abe warmly but harshly attacked China."
    abe = T.target_sentiment(sentence, *_span(sentence, "Abe"))
    china = T.target_sentiment(sentence, *_span(sentence, "China"))
    assert abe > 0.2
    assert china < -0.2


def test_clear_cases_and_neutral_report():
    cases = [
        ("Critics slammed Smith for his disastrous handling of the crisis.", "Smith", -1),
        ("Voters admire Jones, a brilliant and honest leader.", "Jones", 1),
        ("Brown will travel to Ohio on Tuesday.", "Brown", 0),
    ]
    sentences = [c[0] for c in cases]
    spans = [_span(c[0], c[1]) for c in cases]
    probs = T.target_probabilities(sentences, [a for a, _ in spans], [b for _, b in spans])
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert [int(p.argmax()) - 1 for p in probs] == [c[2] for c in cases]


def test_batch_equals_single_and_is_deterministic():
    sentence = "Smith said the plan was a terrible mistake by Jones."
    spans = [_span(sentence, "Smith"), _span(sentence, "Jones")]
    batch = T.score_targets([sentence, sentence], [a for a, _ in spans], [b for _, b in spans])
    singles = [T.target_sentiment(sentence, a, b) for a, b in spans]
    assert batch.tolist() == singles
    assert (
        batch.tolist()
        == T.score_targets(
            [sentence, sentence], [a for a, _ in spans], [b for _, b in spans]
        ).tolist()
    )


def test_mismatched_lengths_raise():
    with pytest.raises(ValueError):
        T.score_targets(["a b"], [0, 1], [1])


def test_speaker_and_role_features():
    sentence = "Jones said that Smith failed."
    speaker = T.batch_features([sentence], *map(list, zip(_span(sentence, "Jones"))))[0]
    target = T.batch_features([sentence], *map(list, zip(_span(sentence, "Smith"))))[0]
    assert speaker.get("speaker") == 1 and "speaker" not in target
    assert target["role=subj"] == 1  # right after "that", before "failed"
    assert speaker["role=subj"] == 1
    object_case = "Voters praised Smith."
    assert T.batch_features([object_case], [15], [20])[0]["role=obj"] == 1
    after_preposition = "Voters turned against Smith."
    assert T.batch_features([after_preposition], [21], [26])[0]["role=pobj"] == 1


def test_fit_serialise_and_reload_round_trip():
    sentences = [
        "Everyone loves Ann, a wonderful friend.",
        "Ann is great and kind.",
        "Bob is a terrible, corrupt liar.",
        "People hate Bob and his awful lies.",
        "Cat went to the store on Monday.",
        "Cat lives in a small town.",
    ] * 3
    names = ["Ann", "Ann", "Bob", "Bob", "Cat", "Cat"] * 3
    labels = [2, 2, 0, 0, 1, 1] * 3
    spans = [_span(s, n) for s, n in zip(sentences, names, strict=True)]
    features = T.batch_features(sentences, [a for a, _ in spans], [b for _, b in spans])
    model = T.fit_model(features, labels, c=1.0, min_count=2)
    text = model.to_json()
    assert text == T.fit_model(features, labels, c=1.0, min_count=2).to_json()
    again = T.TargetModel.from_json(text)
    predicted = again.probabilities(features).argmax(axis=1)
    assert predicted.tolist() == labels
    with pytest.raises(ValueError):
        T.fit_model(features[:2], labels[:2])


def test_shipped_model_file_is_small_and_sorted():
    text = T.MODEL_PATH.read_text(encoding="utf-8")
    assert len(text) < 600_000
    model = T.TargetModel.from_json(text)
    assert list(model.weights) == sorted(model.weights)
    assert "bias" in model.weights


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet="ab Cd,.;“”'’-!?(0)", max_size=80),
    st.integers(min_value=0, max_value=90),
    st.integers(min_value=0, max_value=20),
)
def test_any_sentence_and_span_scores_in_range(sentence, start, length):
    score = T.target_sentiment(sentence, start, start + length)
    assert -1.0 <= score <= 1.0


@pytest.mark.parametrize("escape", ["&#39;", "&rsquo;", "&#x27;"])
def test_escaped_negation_counts_as_a_negation(escape):
    escaped = f"Critics don{escape}t trust Smith on trade."
    plain = html.unescape(escaped)
    assert T.target_sentiment(escaped, *_span(escaped, "Smith")) == pytest.approx(
        T.target_sentiment(plain, *_span(plain, "Smith"))
    )
    assert T.target_sentiment(escaped, *_span(escaped, "Smith")) < 0
