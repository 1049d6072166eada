"""Sentence sentiment, the headline blend, interval summaries and the stage's table contract."""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import pytest
from defaults import INTERVAL, ROLLING_WINDOW, SENTIMENT
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import sentiment as S
from analysis.stages import sentiment as stage
from analysis.tables import read_tsv, write_tsv


def test_negation_lowers_score():
    for column in ("sentiment", "vader_compound"):
        assert (
            S.score_sentence("The plan is not good.")[column]
            < S.score_sentence("The plan is good.")[column]
        )


def test_booster_raises_score():
    for column in ("sentiment", "vader_compound"):
        assert (
            S.score_sentence("The plan is very good.")[column]
            > S.score_sentence("The plan is good.")[column]
        )


def test_contrast_with_but_is_lower_than_first_clause():
    whole = S.score_sentence("The food was good but the service was terrible.")
    first = S.score_sentence("The food was good.")
    assert whole["sentiment"] < first["sentiment"]
    assert whole["vader_compound"] < first["vader_compound"]


def test_scores_in_range_and_columns():
    frame = S.score_sentences(
        ["Great news!", "A terrible, awful failure.", "", "The meeting is on Thursday."]
    )
    assert list(frame.columns) == list(S.SCORE_COLUMNS)
    assert frame["sentiment"].between(-1, 1).all()
    assert frame.loc[0, "sentiment"] > 0.05 and frame.loc[1, "sentiment"] < -0.05
    assert frame.loc[2, "sentiment"] == 0.0


def test_name_words_are_masked_only_inside_names():
    assert S.mask_name_words("The United States and Great Britain agreed to talks.") == (
        "The Xx States and Xx Britain agreed to talks."
    )
    assert (
        S.mask_name_words("Great progress was made at the talks.")
        == "Great progress was made at the talks."
    )
    assert S.mask_name_words("Maintaining a Strong Alliance") == "Maintaining a Strong Alliance"
    # the name no longer lends its lexicon word to the headline score; the raw VADER column keeps it
    scored = S.score_sentence("Delegates from Great Britain met on Monday.")
    assert scored["vader_compound"] > 0.05 and abs(scored["sentiment"]) <= 0.05


def test_bootstrap_contains_mean_and_is_reproducible():
    rng = np.random.default_rng(1)
    x = rng.normal(0.2, 0.3, size=40)
    mean, low, high = S.bootstrap_mean_ci(
        x, n_bootstrap=1000, random_state=7, confidence=INTERVAL["confidence"]
    )
    assert low <= mean <= high
    assert mean == pytest.approx(x.mean())
    assert S.bootstrap_mean_ci(
        x, n_bootstrap=1000, random_state=7, confidence=INTERVAL["confidence"]
    ) == (mean, low, high)


def test_bootstrap_narrows_with_more_data():
    rng = np.random.default_rng(2)
    small = rng.normal(0, 0.5, size=10)
    large = rng.normal(0, 0.5, size=1000)
    _, lo_s, hi_s = S.bootstrap_mean_ci(small, **{**INTERVAL, "n_bootstrap": 1000})
    _, lo_l, hi_l = S.bootstrap_mean_ci(large, **{**INTERVAL, "n_bootstrap": 1000})
    assert hi_l - lo_l < hi_s - lo_s


def test_expanded_confidence_is_hesterbergs_normal_tail_of_a_widened_t_quantile():
    from scipy.stats import norm, t

    from analysis.sentiment.intervals import expanded_confidence

    z = math.sqrt(20 / 19) * t.ppf(0.975, df=19)
    assert expanded_confidence(20, 0.95) == pytest.approx(1 - 2 * norm.cdf(-z), abs=1e-12)
    assert expanded_confidence(20, 0.95) == pytest.approx(0.968, abs=5e-4)
    levels = [expanded_confidence(n, 0.95) for n in (3, 5, 10, 50, 1000)]
    assert levels == sorted(levels, reverse=True) and 0.95 < levels[-1] < 0.951
    assert expanded_confidence(1, 0.95) == 0.95 and expanded_confidence(9, 1.0) == 1.0


def test_a_small_samples_interval_is_wider_than_the_plain_percentile_interval():
    from analysis.sentiment.intervals import bootstrap_means, expanded_confidence

    x = np.array([-0.4, 0.1, 0.2, 0.5, 0.6])
    _, low, high = S.bootstrap_mean_ci(x, **INTERVAL)
    means = bootstrap_means(x[np.newaxis, :], INTERVAL["n_bootstrap"], INTERVAL["random_state"])
    (plain_low,), (plain_high,) = S.percentile_interval(means, INTERVAL["confidence"])
    assert low < plain_low and high > plain_high
    # the same resample means, read at 99.8 % (the expanded coverage for 5 values)
    tail = (1 - expanded_confidence(5, INTERVAL["confidence"])) / 2
    assert tail == pytest.approx(0.00095, abs=1e-5)
    assert (low, high) == (
        pytest.approx(np.quantile(means[:, 0], tail)),
        pytest.approx(np.quantile(means[:, 0], 1 - tail)),
    )


def test_bootstrap_known_values():
    assert S.bootstrap_mean_ci([0.3, 0.3, 0.3], **INTERVAL) == (0.3, 0.3, 0.3)
    mean, low, high = S.bootstrap_mean_ci([0.4], **INTERVAL)
    assert mean == 0.4 and math.isnan(low) and math.isnan(high)
    assert all(math.isnan(v) for v in S.bootstrap_mean_ci([], **INTERVAL))
    # two values: resampled means can only be a, (a+b)/2 or b
    _, low, high = S.bootstrap_mean_ci([0.0, 1.0], **{**INTERVAL, "n_bootstrap": 4000})
    assert low == 0.0 and high == 1.0


def test_summary_shares_and_correlations():
    scores = S.score_sentences(["Good.", "Bad.", "A table."])
    measures, correlations = S.summarise_scores(
        scores, threshold=SENTIMENT["neutral_threshold"], **{**INTERVAL, "n_bootstrap": 200}
    )
    head = next(m for m in measures if m["measure"] == "sentiment")
    assert head["share_positive"] == pytest.approx(1 / 3)
    assert head["share_negative"] == pytest.approx(1 / 3)
    assert head["share_neutral"] == pytest.approx(1 / 3)
    assert math.isnan(next(m for m in measures if m["measure"] == "vader_pos")["share_positive"])
    assert len(correlations) == 3 and all(-1 <= c["pearson_r"] <= 1 for c in correlations)
    _, two = S.summarise_scores(
        scores.iloc[:2],
        threshold=SENTIMENT["neutral_threshold"],
        **{**INTERVAL, "n_bootstrap": 200},
    )
    assert all(math.isnan(c["pearson_r"]) for c in two)


NAMES = (
    "sentiment_sentences",
    "sentiment_sections",
    "sentiment_method_correlations",
    "sentiment_entities",
    "sentiment_mentions",
    "actor_aliases",
)


@pytest.fixture()
def article(tmp_path):
    """A tiny article in the prepare stage's format: integer ids, an untitled lead section."""
    sentences = pd.DataFrame(
        {
            "sentence_id": [0, 1, 2, 3, 4],
            "section_id": [0, 0, 0, 1, 1],
            "paragraph_id": [0, 0, 0, 1, 1],
            "text": [
                "Prime Minister Shigeru Ishiba met U.S. President Donald Trump in Washington.",
                "Ishiba praised the strong alliance with the United States.",
                "Trump warned that tariffs on Japan could hurt the economy.",
                "Japan and the U.S. agreed to deepen cooperation.",
                "Critics said the deal was a terrible mistake for Trump.",
            ],
        }
    )
    sections = pd.DataFrame({"section_id": [0, 1], "title": ["", "Reactions"]})
    write_tsv(sentences, tmp_path / "sentences.tsv")
    write_tsv(sections, tmp_path / "sections.tsv")
    return tmp_path


def _run(folder, out, tokens=None, **params):
    """The stage's tables of the article in ``folder``, written to ``out`` as TSV (as the
    exports write them); ``tokens``: a tokens file, or None or a missing file for none."""
    tables = stage.article_tables(
        sentences=read_tsv(folder / "sentences.tsv"),
        tokens=read_tsv(tokens) if tokens is not None and tokens.exists() else None,
        sections=read_tsv(folder / "sections.tsv"),
        **{**SENTIMENT, "n_bootstrap": 200, **params},
    )
    outputs = {name: out / f"{name}.tsv" for name in NAMES}
    for name, path in outputs.items():
        write_tsv(tables[name], path)
    return outputs


def test_a_section_of_every_sentence_is_summarised_once_as_the_article(monkeypatch):
    """An article without headings is one section: its rows are the article's (the same
    values and seed give the same intervals), drawn once, not twice."""
    sentences = pd.DataFrame(
        {
            "sentence_id": [0, 1, 2],
            "section_id": [0, 0, 0],
            "text": [
                "Ishiba praised the strong alliance.",
                "Trump warned that tariffs could hurt the economy.",
                "Critics called the deal a terrible mistake.",
            ],
        }
    )
    summarised = []
    summarise = S.summarise_columns
    monkeypatch.setattr(
        S, "summarise_columns", lambda c, **k: summarised.append(c.shape) or summarise(c, **k)
    )
    tables = stage.article_tables(
        sentences=sentences,
        tokens=None,
        sections=pd.DataFrame({"section_id": [0], "title": [""]}),
        **{**SENTIMENT, "n_bootstrap": 300},
    )
    assert summarised == [(len(S.SCORE_COLUMNS), 3)]
    for name in ("sentiment_sections", "sentiment_method_correlations"):
        table = tables[name]
        article, section = table[table["scope"] == "article"], table[table["scope"] == "section"]
        assert section["section_id"].tolist() == [0] * len(article)
        values = [c for c in table.columns if c not in ("scope", "section_id", "title")]
        pd.testing.assert_frame_equal(
            section[values].reset_index(drop=True), article[values].reset_index(drop=True)
        )
    whole = tables["sentiment_sections"].query("scope == 'article' and measure == 'sentiment'")
    assert whole["ci_low"].iloc[0] < whole["mean"].iloc[0] < whole["ci_high"].iloc[0]


def test_stage_table_contract(article):
    out = _run(article, article / "tables", tokens=article / "no_tokens.tsv", min_actor_mentions=2)
    sent = read_tsv(out["sentiment_sentences"])
    assert list(sent.columns) == [
        "sentence_id",
        "section_id",
        "sentiment",
        "vader_compound",
        "vader_pos",
        "vader_neu",
        "vader_neg",
        "textblob_polarity",
        "textblob_subjectivity",
    ]
    assert sent["sentence_id"].tolist() == [0, 1, 2, 3, 4]
    sec = read_tsv(out["sentiment_sections"])
    assert list(sec.columns) == [
        "scope",
        "section_id",
        "title",
        "n_sentences",
        "measure",
        "mean",
        "ci_low",
        "ci_high",
        "share_positive",
        "share_neutral",
        "share_negative",
    ]
    assert sec["scope"].tolist() == ["article"] * 7 + ["section"] * 14
    assert sec["measure"].tolist()[:7] == list(S.SCORE_COLUMNS)
    art = sec[(sec["scope"] == "article") & (sec["measure"] == "sentiment")].iloc[0]
    assert art["n_sentences"] == 5 and art["ci_low"] <= art["mean"] <= art["ci_high"]
    assert art["share_positive"] + art["share_neutral"] + art["share_negative"] == pytest.approx(1)
    corr = read_tsv(out["sentiment_method_correlations"])
    assert list(corr.columns) == [
        "scope",
        "section_id",
        "title",
        "n_sentences",
        "method_a",
        "method_b",
        "pearson_r",
    ]
    by_section = corr[corr["scope"] == "section"].groupby("section_id")["pearson_r"]
    assert by_section.apply(lambda r: r.notna().all()).to_dict() == {
        0: True,
        1: False,
    }  # 3 vs 2 sentences
    ent = read_tsv(out["sentiment_entities"])
    assert list(ent.columns) == [
        "actor",
        "actor_type",
        "type_evidence",
        "scope",
        "section_id",
        "n_mentions",
        "n_sentences",
        "target_sentiment",
        "ci_low",
        "ci_high",
        "sentence_sentiment",
        "sentence_ci_low",
        "sentence_ci_high",
    ]
    top = ent[ent["scope"] == "article"]
    assert {"Donald Trump", "Shigeru Ishiba", "United States"} <= set(top["actor"])
    aliases = read_tsv(out["actor_aliases"])
    assert list(aliases.columns) == ["actor", "variant", "rule", "evidence"]


def _placed(folder) -> tuple[pd.DataFrame, str]:
    """The fixture's sentences with their offsets in an article that joins them by spaces."""
    sentences = read_tsv(folder / "sentences.tsv")
    starts = np.cumsum([0, *(len(text) + 1 for text in sentences["text"])])[:-1]
    return sentences.assign(start_char=starts), " ".join(sentences["text"])


def test_every_mention_is_placed_in_the_article_and_behind_its_actors_mean(article):
    sentences, text = _placed(article)
    tables = stage.article_tables(
        sentences=sentences,
        tokens=None,
        sections=read_tsv(article / "sections.tsv"),
        **{**SENTIMENT, "n_bootstrap": 200, "top_n_actors": 1, "min_actor_mentions": 1},
    )
    mentions = tables["sentiment_mentions"]
    assert list(mentions.columns) == [
        *("actor", "actor_type", "mention", "sentence_id", "section_id"),
        *("start_char", "end_char", "target_sentiment"),
    ]
    spans = zip(mentions["start_char"], mentions["end_char"], strict=True)
    assert [text[a:b] for a, b in spans] == mentions["mention"].tolist()
    trump = mentions[mentions["actor"] == "Donald Trump"]
    assert trump["mention"].tolist() == ["Donald Trump", "Trump", "Trump"]
    assert trump["sentence_id"].tolist() == [0, 2, 4]
    assert trump["section_id"].tolist() == [0, 0, 1]
    # the entities table keeps the top actor; the mentions table every actor, in text order
    top = tables["sentiment_entities"].query("scope == 'article'")
    assert top["actor"].tolist() == ["Donald Trump"]
    assert {"Shigeru Ishiba", "United States", "Japan"} <= set(mentions["actor"])
    assert mentions["start_char"].is_monotonic_increasing
    assert top["n_mentions"].iloc[0] == len(trump)
    assert top["target_sentiment"].iloc[0] == pytest.approx(trump["target_sentiment"].mean())
    # why the actor is a person, in the text's own words, on every row of it
    assert set(tables["sentiment_entities"]["type_evidence"]) == {
        "person_title: 'President Donald Trump'"
    }


def test_mentions_without_sentence_offsets_have_no_offsets(article):
    tables = stage.article_tables(
        sentences=read_tsv(article / "sentences.tsv"),
        tokens=None,
        sections=read_tsv(article / "sections.tsv"),
        **{**SENTIMENT, "n_bootstrap": 200},
    )
    mentions = tables["sentiment_mentions"]
    assert len(mentions) > 0
    assert mentions["start_char"].isna().all() and mentions["end_char"].isna().all()


def test_ids_keep_the_text_models_types_so_the_tables_join_it(article):
    sentences = read_tsv(article / "sentences.tsv")
    tables = stage.article_tables(
        sentences=sentences,
        tokens=None,
        sections=read_tsv(article / "sections.tsv"),
        **{**SENTIMENT, "n_bootstrap": 200},
    )
    joined = tables["sentiment_sentences"].merge(sentences, on=["sentence_id", "section_id"])
    assert len(joined) == len(sentences)
    rows = tables["sentiment_sections"]
    assert rows.loc[rows["scope"] == "article", "section_id"].isna().all()
    assert set(rows.loc[rows["scope"] == "section", "section_id"]) == {0, 1}


def test_text_ids_stay_text():
    sentences = pd.DataFrame(
        {"sentence_id": ["s1", "s2"], "section_id": ["intro", "intro"],
         "text": ["Trump met Ishiba.", "Ishiba smiled."]}
    )  # fmt: skip
    tables = stage.article_tables(
        sentences=sentences, tokens=None, sections=None, **{**SENTIMENT, "n_bootstrap": 200}
    )
    assert tables["sentiment_sentences"]["sentence_id"].tolist() == ["s1", "s2"]
    assert tables["sentiment_mentions"]["section_id"].tolist()[:1] == ["intro"]


def test_stage_is_reproducible_and_uses_token_tags(article):
    tokens = pd.DataFrame(
        {
            "sentence_id": [0, 0, 0, 0, 0],
            "token_id": [4, 3, 2, 1, 0],
            "token": [".", "Biden", "met", "Ishiba", "X"],
            "pos": [".", "NNP", "VBD", "NNP", "NN"],
        }
    )
    write_tsv(tokens, article / "tokens.tsv")
    first = _run(article, article / "a", tokens=article / "tokens.tsv", min_actor_mentions=1)
    second = _run(article, article / "b", tokens=article / "tokens.tsv", min_actor_mentions=1)
    for name in NAMES:
        assert first[name].read_bytes() == second[name].read_bytes()
    actors = set(read_tsv(first["sentiment_entities"])["actor"])
    assert "Biden" in actors  # sentence 0 came from the token table, sorted by token_id


def test_stage_figures(article, shard_articles):
    from analysis.figures.style import message_figure, save_png
    from analysis.stages.shards import LEFT_OUT_OF_ANALYSES

    tables = _run(article, article / "tables")
    shard = shard_articles({"a": True, "b": False})
    drawn = {}
    for name in ("a", "b"):
        figures = {f: article / name / f"{f}.png" for f in ("arc", "sections", "actors")}
        stage.run_figures(
            sentiment_sentences=tables["sentiment_sentences"],
            sentiment_sections=tables["sentiment_sections"],
            sentiment_entities=tables["sentiment_entities"],
            sentiment_arc_png=figures["arc"],
            sentiment_sections_png=figures["sections"],
            sentiment_actors_png=figures["actors"],
            articles=shard,
            article=name,
            rolling_window=ROLLING_WINDOW,
        )
        drawn[name] = {f: path.read_bytes() for f, path in figures.items()}
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in drawn["a"].values())
    # the article prepare left out (not English) gets figures that say so
    said = article / "said.png"
    save_png(message_figure("Sentiment arc", LEFT_OUT_OF_ANALYSES), said)
    assert drawn["b"]["arc"] == said.read_bytes() != drawn["a"]["arc"]


def test_corpus_table_stacks_article_rows():
    import pandas as pd

    from analysis.stages.sentiment import corpus_sentiment_table

    def table(article, mean):
        return pd.DataFrame(
            {
                "article": [article, article],
                "scope": ["article", "section"],
                "section_id": [None, 0],
                "title": [None, ""],
                "n_sentences": [4, 4],
                "measure": ["sentiment", "sentiment"],
                "mean": [mean, mean + 0.1],
            }
        )

    corpus = corpus_sentiment_table(pd.concat([table("b", -0.3), table("a", 0.2)]))
    assert corpus.columns.tolist() == ["article", "n_sentences", "measure", "mean"]
    assert corpus["article"].tolist() == ["a", "b"]  # sorted by article
    assert corpus["mean"].tolist() == [0.2, -0.3]


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.floats(-1, 1, allow_nan=False),
            st.sampled_from([0.0, 0.5, -0.25]),
            st.one_of(st.just(math.nan), st.floats(0, 1)),
        ),
        max_size=12,
    ),
    seed=st.integers(0, 5),
)
def test_shared_draw_gives_each_measure_its_own_interval(rows, seed):
    # one draw of indices for all measures is the draw each measure gets alone with that seed
    columns = np.array(rows, dtype=float).reshape(len(rows), 3).T
    shared = S.bootstrap_mean_cis(
        columns, n_bootstrap=300, random_state=seed, confidence=INTERVAL["confidence"]
    )
    alone = [
        S.bootstrap_mean_ci(
            c, n_bootstrap=300, random_state=seed, confidence=INTERVAL["confidence"]
        )
        for c in columns
    ]
    assert np.array_equal(np.array(shared), np.array(alone), equal_nan=True)


def test_a_long_groups_measures_get_the_intervals_each_gets_alone_from_counted_draws():
    from analysis.sentiment.intervals import _weight_blocks, bootstrap_means

    columns = np.random.default_rng(7).normal(size=(3, 400))
    params = {"n_bootstrap": 500, "random_state": 2, "confidence": INTERVAL["confidence"]}
    shared = S.bootstrap_mean_cis(columns, **params)
    assert shared == [S.bootstrap_mean_ci(column, **params) for column in columns]
    # the gathered sums are the draws counted and weighted, up to rounding
    counts = np.concatenate(list(_weight_blocks(400, 500, 2)))
    assert np.allclose(bootstrap_means(columns, 500, 2), counts @ columns.T / 400, atol=1e-15)


def test_summary_intervals_are_reproducible_and_bracket_the_mean():
    scores = S.score_sentences(["Good news.", "Awful news.", "A table.", "Great, fine work."])
    first, _ = S.summarise_scores(
        scores,
        n_bootstrap=300,
        random_state=3,
        confidence=INTERVAL["confidence"],
        threshold=SENTIMENT["neutral_threshold"],
    )
    again, _ = S.summarise_scores(
        scores,
        n_bootstrap=300,
        random_state=3,
        confidence=INTERVAL["confidence"],
        threshold=SENTIMENT["neutral_threshold"],
    )
    assert first == again
    head = next(m for m in first if m["measure"] == "sentiment")
    assert head["mean"] == pytest.approx(scores["sentiment"].mean())
    assert head["ci_low"] < head["mean"] < head["ci_high"]


def test_tokens_are_grouped_per_sentence_in_token_order():
    sentences = pd.DataFrame({"sentence_id": [0, 1, 2], "text": ["A b.", "C d.", "E."]})
    tokens = pd.DataFrame(
        {
            "sentence_id": [1, 0, 1, 0],
            "token_id": [3, 1, 2, 0],
            "token": ["d", "b", "C", "A"],
            "pos": ["NN", "NN", "NNP", "DT"],
        }
    )
    _, tok_lists, sections = stage.normalise_inputs(sentences, tokens, None)
    assert tok_lists == [[("A", "DT"), ("b", "NN")], [("C", "NNP"), ("d", "NN")], []]
    assert sections["section_id"].tolist() == [""]


def test_article_without_sentences_gives_empty_tables():
    sentences = pd.DataFrame({"sentence_id": [], "section_id": [], "text": []})
    tokens = pd.DataFrame({"sentence_id": [], "token_id": [], "token": [], "pos": []})
    sections = pd.DataFrame({"section_id": [0], "title": ["Only a heading"]})
    tables = stage.article_tables(
        sentences=sentences, tokens=tokens, sections=sections, **SENTIMENT
    )
    assert set(tables) == set(NAMES)
    assert all(table.empty for table in tables.values())
    assert list(tables["sentiment_sections"].columns) == list(stage.SECTION_COLUMNS)
    assert list(tables["sentiment_entities"].columns)[:2] == ["actor", "actor_type"]


@settings(max_examples=80, deadline=None)
@given(
    samples=st.integers(1, 60).flatmap(
        lambda m: st.lists(
            st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=m, max_size=m),
            min_size=1,
            max_size=4,
        )
    ),
    confidence=st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 1.0]),
)
def test_percentile_interval_is_numpys_linear_quantile(samples, confidence):
    columns = np.array(samples).T  # (m resamples, k measures)
    low, high = S.percentile_interval(columns, confidence)
    alpha = (1 - confidence) / 2
    assert low.tolist() == np.quantile(columns, alpha, axis=0).tolist()
    assert high.tolist() == np.quantile(columns, 1 - alpha, axis=0).tolist()


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(*[st.floats(-1, 1, allow_nan=False)] * 7).map(list), min_size=0, max_size=15
    )
)
def test_summary_correlations_are_each_pairs_pearson(rows):
    columns = np.array(rows, dtype=float).reshape(len(rows), 7).T
    _, correlations = S.summarise_columns(
        columns, threshold=SENTIMENT["neutral_threshold"], **{**INTERVAL, "n_bootstrap": 50}
    )
    by_name = dict(zip(S.SCORE_COLUMNS, columns, strict=True))
    for c in correlations:
        expected = S.pearson(by_name[c["method_a"]], by_name[c["method_b"]])
        assert c["pearson_r"] == expected or (math.isnan(c["pearson_r"]) and math.isnan(expected))


def test_bootstrap_weights_of_a_long_input_come_in_bounded_blocks_that_add_up():
    import numpy as np

    from analysis.sentiment.intervals import _weight_blocks, bootstrap_means

    n, n_bootstrap = 300_000, 20  # 6 million counts: blocks of 6 resamples (1.8 million)
    blocks = list(_weight_blocks(n, n_bootstrap, 3))
    assert [len(block) for block in blocks] == [6, 6, 6, 2]
    assert all((block.sum(axis=1) == n).all() for block in blocks)  # each resample draws n
    values = np.arange(n, dtype=float)[np.newaxis, :]
    expected = np.concatenate(blocks) @ values[0] / n
    assert np.allclose(bootstrap_means(values, n_bootstrap, 3)[:, 0], expected)


_WORDS = ["I", "don't", "like", "it", "wasn't", "good", "great", '"bad"', "'awful'", "&", "Smith's"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
def test_html_escaped_sentences_score_as_their_text(words):
    """Scraped text keeps HTML escapes ("don&#39;t", "&quot;bad&quot;"); they score as the
    characters they stand for (VADER read "don&#39;t" as no negation)."""
    text = " ".join(words) + "."
    escaped = html.escape(text).replace("&#x27;", "&#39;")
    assert escaped != text or not set(text) & set("&'\"")
    assert S.score_sentence(escaped) == S.score_sentence(text)


def test_escaped_negation_turns_the_sentence_negative():
    assert S.score_sentence("I don&#39;t like this plan.")["sentiment"] < -0.1
