"""Tests for the headline model: its features, its file, its fitting and its use."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from defaults import KEYWORDS, NGRAM_RANGE, PREPARE, RANK_ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis.keywords as kw
from analysis.document import analyse_structure
from analysis.keywords import features as F
from analysis.keywords import headline, model
from analysis.keywords.article import article_features
from analysis.keywords.candidates import annotate_tokens, find_candidates
from analysis.keywords.ranking import RankInput
from analysis.keywords.registry import run_methods
from analysis.tokens import TOKEN_COLUMNS

STORY = """Police arrested a serial killer in Ohio on Monday. The killer admitted eight \
murders, prosecutors said. The serial killer had planned each murder for months. The killer \
will face trial in June."""


def token_table(sentences: list[list[tuple[str, str]]]) -> pd.DataFrame:
    """A token table from (token, pos) pairs, one list per sentence (lemmas: lower case)."""
    rows, position = [], 0
    for sentence_id, words in enumerate(sentences):
        for token, pos in words:
            lower = token.lower()
            rows.append(
                (sentence_id, len(rows), position, position + len(token), token, lower,
                 lower.removesuffix("s") if pos == "NNS" else lower, pos, lower in {"the", "a"})
            )  # fmt: skip
            position += len(token) + 1
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def features_of(tokens: pd.DataFrame, log_prior=None) -> F.DocumentFeatures:
    annotated = annotate_tokens(tokens)
    occurrences = find_candidates(annotated, ngram_range=NGRAM_RANGE)
    owner = dict.fromkeys(sorted(set(annotated.sentence_id)), "doc")
    inputs = RankInput(occurrences, owner, annotated, {"doc": len(tokens)})
    return F.candidate_features(inputs, run_methods(inputs, kw.MODEL_RANKERS), log_prior or {})[
        "doc"
    ]


def row_of(features: F.DocumentFeatures, key: str) -> dict[str, float]:
    return dict(zip(F.FEATURES, features.rows()[features.keys.index(key)], strict=True))


def test_features_record_length_counts_position_and_nesting():
    tokens = token_table(
        [[("Trade", "NN"), ("deal", "NN"), ("talks", "NNS"), ("stalled", "VBD")],
         [("The", "DT"), ("deal", "NN"), ("failed", "VBD")],
         [("Talks", "NNS"), ("resumed", "VBD")]]
    )  # fmt: skip
    features = features_of(tokens, {"talk": math.log(0.5)})
    # A noun phrase yields its head-final suffixes, and each common noun that modifies
    # another is a word of its own.
    assert features.keys == ["deal", "deal talk", "talk", "trade", "trade deal talk"]
    assert dict(features.counts) == {
        "deal": 2, "deal talk": 1, "talk": 2, "trade": 1, "trade deal talk": 1
    }  # fmt: skip
    talk = row_of(features, "talk")
    # "talk" twice, once inside "trade deal talk"; first seen in sentence 0 of 3.
    assert talk["inside"] == 0.5 and talk["log_count"] == pytest.approx(math.log(2))
    assert talk["first_position"] == 0.0 and talk["in_first_sentence"] == 1.0
    assert talk["phrase"] == 0.0 and talk["log_prior"] == pytest.approx(math.log(0.5))
    deal = row_of(features, "deal")
    # "deal" modifies "talks" in sentence 0 and stands alone in sentence 1.
    assert deal["inside"] == 0.5 and deal["first_position"] == 0.0
    phrase = row_of(features, "trade deal talk")
    # Its words stand alone twice as often as it is used: ln(2 / 1).
    assert phrase["three_words"] == 1.0 and phrase["seen_once"] == 1.0
    assert phrase["words_alone"] == pytest.approx(math.log(2)) and phrase["inside"] == 0.0
    assert row_of(features, "deal talk")["inside"] == 1.0  # always part of the longer term
    assert 0 < phrase["best_word_rr"] <= 1.0


def test_equal_scores_share_a_reciprocal_rank():
    assert F._reciprocal(kw.ranking.shared_ranks({"a": 1.0, "b": 1.0, "c": 0.5})) == {
        "a": 10 / 11, "b": 10 / 11, "c": 10 / 13,
    }  # fmt: skip


def test_document_features_enter_only_multiplied_by_candidate_features():
    features = features_of(token_table([[("Steel", "NN"), ("tariffs", "NNS"), ("rose", "VBD")]]))
    for key in features.keys:
        row = row_of(features, key)
        for document, candidate in F.INTERACTIONS:
            assert row[f"{document}*{candidate}"] == pytest.approx(
                features.document[document] * row[candidate]
            )
    # A three-word document: length ln(3) / ln(3000); every candidate is seen once.
    assert row_of(features, "steel tariff")["length*seen_once"] == pytest.approx(
        math.log(3) / math.log(3000)
    )
    # Words or phrases: the document's phrase richness and names decide, not its length.
    assert "length*phrase" not in F.FEATURES and "length*three_words" not in F.FEATURES
    assert "richness*phrase" in F.FEATURES and "names*phrase" in F.FEATURES
    assert row_of(features, "tariff")["richness*phrase"] == 0.0


def test_the_shipped_model_reads_every_feature_and_round_trips_byte_for_byte():
    shipped = model.shipped_model()
    assert set(shipped.weights) == set(F.FEATURES)
    assert set(shipped.corpus) == set(model.CORPUS_FEATURES)
    assert all(value >= 0 for value in shipped.corpus.values())
    text = model.MODEL_PATH.read_text(encoding="utf-8")
    assert model.KeywordModel.from_json(text).to_json() == text
    broken = text.replace('"rr_tfidf"', '"rr_unknown"')
    with pytest.raises(ValueError, match="do not match"):
        model.KeywordModel.from_json(broken)


def test_a_weight_scales_every_term_of_its_ranker_and_nothing_else():
    shipped = model.shipped_model()
    coefficients = model.scaled_coefficients(shipped, {"textrank": 0.0})
    scaled = dict(zip(F.FEATURES, coefficients, strict=True))
    assert scaled["rr_textrank"] == 0.0 and scaled["richness*rr_textrank"] == 0.0
    assert scaled["rr_tfidf"] == shipped.weights["rr_tfidf"]
    assert scaled["richness*phrase"] == shipped.weights["richness*phrase"]
    coefficients = model.scaled_coefficients(shipped, {"tfidf": 2.0})
    doubled = dict(zip(F.FEATURES, coefficients, strict=True))
    assert doubled["length*rr_tfidf"] == 2 * shipped.weights["length*rr_tfidf"]


def test_unnamed_methods_keep_their_default_weight_and_methods_not_run_weigh_zero():
    defaults = kw.DEFAULT_WEIGHTS
    resolved = headline.resolve_weights(["tfidf", "yake", "salience"], {"tfidf": 2.0}, defaults)
    assert resolved == {"tfidf": 2.0, "yake": defaults["yake"], "textrank": 0.0,
                        "salience": defaults["salience"], "specificity": 0.0}  # fmt: skip
    assert headline.resolve_weights(kw.METHODS, {"keyness": 0.0}, defaults) == dict.fromkeys(
        kw.MODEL_RANKERS, 1.0
    )
    with pytest.raises(ValueError, match=">= 0"):
        headline.resolve_weights(kw.METHODS, {"tfidf": -1.0}, defaults)
    with pytest.raises(ValueError, match="does not read"):
        headline.resolve_weights(kw.METHODS, {"keyness": 1.0}, defaults)


def test_corpus_idf_can_only_lower_a_common_term():
    shipped = model.shipped_model()
    for phrase, proper in ((False, False), (True, False), (False, True)):
        common = model.corpus_log_odds(
            1.0, 0.3, phrase=phrase, proper=proper, model=shipped, scale=1.0
        )
        strength = model.idf_strength(shipped, phrase=phrase, proper=proper)
        assert common == pytest.approx(1.0 + strength * math.log(0.3))
        assert common <= 1.0
        assert (
            model.corpus_log_odds(1.0, 1.0, phrase=phrase, proper=proper, model=shipped, scale=1.0)
            == 1.0
        )  # a term of one article keeps its single-article log-odds
    assert model.corpus_features(0.5, phrase=True, proper=False) == [0.0, math.log(0.5), 0.0]


def test_probability_is_the_logistic_of_the_log_odds():
    assert model.probability(0.0) == 0.5
    assert model.probability(math.log(3)) == pytest.approx(0.75)
    assert model.probability(-800.0) == 0.0 and model.probability(800.0) == 1.0


def test_fitting_finds_the_feature_that_separates_the_labels():
    # Keyphrases have feature 0 high; feature 1 is noise. Deterministic fit.
    rows = [[1.0 if i % 3 == 0 else 0.0, (i * 7 % 5) / 5] + [0.0] * (len(F.FEATURES) - 2)
            for i in range(60)]  # fmt: skip
    labels = [1 if i % 3 == 0 else 0 for i in range(60)]
    weights, intercept = model.fit_model(rows, labels, [1.0] * 60, c=1.0, random_state=0)
    assert weights[F.FEATURES[0]] > 2.0 and abs(weights[F.FEATURES[1]]) < 0.5
    assert intercept < 0
    assert model.fit_model(rows, labels, [1.0] * 60, c=1.0, random_state=0) == (weights, intercept)


def test_corpus_fit_learns_a_strength_for_words_and_never_a_negative_one():
    # Words: rare across the corpus (ln ratio near 0) are keyphrases, common ones are not.
    # Names: the reverse; a negative strength would promote them, so it stays 0.
    offsets, rows, labels = [], [], []
    for i in range(40):
        ratio = 1.0 if i % 2 else 0.2
        offsets.append(0.0)
        rows.append(model.corpus_features(ratio, phrase=False, proper=i < 20))
        labels.append(int((ratio == 1.0) == (i >= 20)))
    corpus = model.fit_corpus(offsets, rows, labels, [1.0] * 40, c=10.0)
    assert corpus["idf*word"] > 1.0 and corpus["idf*name"] == 0.0


def test_the_headline_merges_a_surname_and_keeps_the_best_terms():
    scores = {"ishiba": 0.2, "shigeru ishiba": 0.9, "tariff": 0.5, "summit": 0.5}
    top = headline.top_terms(scores, {"ishiba", "shigeru ishiba"}, {"ishiba": 3}, 2)
    assert top == {"ishiba": 0.9, "summit": 0.5}  # ties: key order


def test_a_word_and_the_phrase_around_it_can_both_be_keywords():
    document = analyse_structure(STORY, **PREPARE)
    ranked = kw.rank_article(
        document.tokens,
        document.sentences,
        **RANK_ARTICLE,
    ).keywords
    article = ranked[ranked["scope"] == "article"]["keyword"].tolist()
    assert "killer" in article and "serial killer" in article
    assert article == sorted(article, key=article.index)  # ranks as listed
    scores = ranked[ranked["scope"] == "article"]["score"]
    assert scores.between(0, 1).all() and scores.is_monotonic_decreasing


def test_article_features_match_what_the_headline_scores():
    document = analyse_structure(STORY, **PREPARE)
    features, labels = article_features(
        document.tokens,
        document.sentences,
        ngram_range=NGRAM_RANGE,
        specificity_exponent=KEYWORDS["specificity_exponent"],
    )
    candidates = kw.rank_article(
        document.tokens,
        document.sentences,
        **RANK_ARTICLE,
    ).keyword_candidates
    coefficients = model.scaled_coefficients(model.shipped_model(), {})
    # The scorer folds document features into the coefficients; the same sum over the full
    # rows (what the model was trained on) agrees to the rounding.
    full = [
        math.fsum(v * w for v, w in zip(row, coefficients, strict=True)) for row in features.rows()
    ]
    expected = [value + model.shipped_model().intercept for value in full]
    assert candidates["key"].tolist() == features.keys
    assert candidates["score"].tolist() == pytest.approx(expected, abs=1e-8)
    assert labels["serial killer"] == "serial killer"


WORDS = ["trade", "deal", "steel", "tariffs", "Japan", "summit", "gas", "prices", "talks"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=1, max_size=6))
def test_features_are_finite_and_bounded_for_any_text(sentences):
    text = " ".join(" ".join(words).capitalize() + "." for words in sentences)
    document = analyse_structure(text, **PREPARE)
    found = article_features(
        document.tokens,
        document.sentences,
        ngram_range=NGRAM_RANGE,
        specificity_exponent=KEYWORDS["specificity_exponent"],
    )
    if found is None:
        return
    features, _ = found
    for row in features.rows():
        values = dict(zip(F.FEATURES, row, strict=True))
        assert all(math.isfinite(value) for value in row)
        assert all(0.0 <= values[f"rr_{name}"] <= 1.0 for name in kw.MODEL_RANKERS)
        assert 0.0 <= values["inside"] <= 1.0 and 0.0 <= values["first_position"] < 1.0
        assert values["log_prior"] <= 0.0 and values["log_count"] >= 0.0
    again = article_features(
        document.tokens,
        document.sentences,
        ngram_range=NGRAM_RANGE,
        specificity_exponent=KEYWORDS["specificity_exponent"],
    )[0]
    assert again.rows() == features.rows()  # deterministic
