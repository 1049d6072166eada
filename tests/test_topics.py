"""Tests of the per-article topic model on small inline texts with two clearly separate themes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from defaults import PREPARE, TOPICS
from hypothesis import given, settings
from hypothesis import strategies as st
from threadpoolctl import threadpool_limits

from analysis import topics
from analysis.document import analyse_structure
from analysis.figures.style import message_figure, save_png
from analysis.stages import topics as stage
from analysis.stages.shards import LEFT_OUT_OF_ANALYSES
from analysis.tables import read_tsv, to_tsv_text, write_tsv

FOOTBALL = [
    "striker goal match league club coach stadium fans season",
    "goal striker penalty match referee league stadium season",
    "club coach transfer striker league match fans goal",
    "stadium fans match goal keeper club league referee",
    "coach club season league match striker penalty fans",
    "referee penalty goal match keeper striker stadium club",
]
MONEY = [
    "inflation interest rate central bank policy bond yields",
    "central bank interest rate inflation monetary policy currency",
    "bond yields inflation bank rate monetary policy economy",
    "monetary policy currency inflation interest bank economy",
    "economy inflation rate bank bond monetary currency policy",
    "interest rate economy central currency bond yields policy",
]


def _content_terms(text: str) -> set[str]:
    """The topic terms of a text, tokenised as the pipeline does."""
    return set(topics.content_terms(analyse_structure(text, **PREPARE).tokens)["term"])


def topic_tables(frames, **options):
    """The stage's tables of one article with the default settings but ``options``."""
    return stage.article_tables(**frames, **{**TOPICS, **options})


def _tables(paragraphs: list[str], sections: list[int]) -> dict[str, pd.DataFrame]:
    """Text-model frames: one sentence per paragraph, every word a noun."""
    token_rows, sentence_rows, paragraph_rows = [], [], []
    for pid, (text, sid) in enumerate(zip(paragraphs, sections, strict=True)):
        paragraph_rows.append({"paragraph_id": pid, "section_id": sid})
        sentence_rows.append({"sentence_id": pid, "section_id": sid, "paragraph_id": pid})
        for word in [*text.split(), "the", "."]:
            token_rows.append(
                {
                    "sentence_id": pid,
                    "token_id": len(token_rows),
                    "lemma": word,
                    "pos": "." if word == "." else ("DT" if word == "the" else "NN"),
                    "is_stopword": word == "the",
                }
            )
    section_ids = sorted(set(sections))
    return {
        "tokens": pd.DataFrame(token_rows),
        "sentences": pd.DataFrame(sentence_rows),
        "paragraphs": pd.DataFrame(paragraph_rows),
        "sections": pd.DataFrame({"section_id": section_ids, "title": ""}),
    }


def _two_topic_tables() -> dict[str, pd.DataFrame]:
    texts = [t for pair in zip(FOOTBALL, MONEY, strict=True) for t in pair]
    return _tables(texts, [0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2])


def _docs() -> topics.Documents:
    frames = _two_topic_tables()
    return topics.article_documents(frames["tokens"], frames["sentences"], unit=TOPICS["unit"])


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_two_themes_are_recovered(method):
    docs = _docs()
    model = topics.fit_article_topics(
        docs, k=2, method=method, random_state=TOPICS["random_state"], top_n=TOPICS["n_terms"]
    )
    dominant = topics.dominant_topics(model, docs)["topic"].to_numpy()
    football, money = dominant[0::2], dominant[1::2]
    assert len(set(football)) == 1 and len(set(money)) == 1
    assert football[0] != money[0]
    assert any("goal" in model.top_terms(t) for t in range(2))
    assert any("inflation" in model.top_terms(t) for t in range(2))


def test_auto_picks_two_on_a_clean_two_topic_text():
    model = topics.fit_article_topics(
        _docs(),
        k="auto",
        method=TOPICS["method"],
        random_state=TOPICS["random_state"],
        top_n=TOPICS["n_terms"],
    )
    assert model.k == 2
    quality = model.quality
    assert quality["chosen"].sum() == 1
    assert quality["k"].tolist() == [2, 3, 4, 5, 6]  # at most half of the 12 documents
    assert list(quality.columns) == [
        "k",
        "coherence",
        "support",
        "distinctiveness",
        "score",
        "chosen",
    ]


def test_auto_tries_at_most_half_the_documents():
    assert topics.article_k_candidates(3) == []
    assert topics.article_k_candidates(5) == [2]
    assert topics.article_k_candidates(40) == [2, 3, 4, 5, 6, 7, 8]


def test_fixed_k_is_respected():
    model = topics.fit_article_topics(
        _docs(),
        k=3,
        method=TOPICS["method"],
        random_state=TOPICS["random_state"],
        top_n=TOPICS["n_terms"],
    )
    assert model.k == 3
    assert model.doc_topic.shape == (12, 3)
    assert np.allclose(model.doc_topic.sum(axis=1), 1.0)
    assert list(model.quality["k"]) == [3]


@pytest.mark.parametrize("k", [0, -1, 12, 20, "three", 2.5])
def test_invalid_k_raises(k):
    with pytest.raises(ValueError, match="topics k"):
        topics.fit_article_topics(
            _docs(),
            k=k,
            method=TOPICS["method"],
            random_state=TOPICS["random_state"],
            top_n=TOPICS["n_terms"],
        )


def test_support_counts_topics_that_lead_in_two_documents():
    from analysis.topics.quality import support

    weights = np.array([[0.9, 0.1, 0.0], [0.8, 0.2, 0.0], [0.1, 0.9, 0.0], [0.2, 0.1, 0.7]])
    assert support(weights) == pytest.approx(1 / 3)  # only topic 0 leads twice


def test_section_mixtures_sum_to_one_and_follow_themes():
    frames = _tables(FOOTBALL[:4] + MONEY[:4], [0, 0, 0, 0, 1, 1, 1, 1])
    tables = topic_tables(frames, k=2)
    mixtures = tables["topics_sections"]
    assert np.allclose(mixtures.groupby("section_id")["weight"].sum(), 1.0)
    top = mixtures.loc[mixtures.groupby("section_id")["weight"].idxmax()]
    assert top["topic"].nunique() == 2
    assert (top["weight"] > 0.8).all()
    assert list(tables["topics_paragraphs"].columns) == [
        "paragraph_id",
        "section_id",
        "dominant_topic",
        "weight",
    ]


def test_same_input_gives_identical_tables_whatever_the_threads():
    frames = _two_topic_tables()
    first = topic_tables(frames, method="nmf")
    with threadpool_limits(limits=2):
        second = topic_tables(frames, method="nmf")
    for name in first:
        assert to_tsv_text(first[name]) == to_tsv_text(second[name])


def test_content_terms_drop_stop_words_numbers_and_punctuation():
    tokens = pd.DataFrame(
        {
            "sentence_id": [0] * 7,
            "token_id": range(7),
            "lemma": ["natural", "gas", "import", "the", "2024", ",", "natural"],
            "pos": ["JJ", "NN", "NNS", "DT", "CD", ",", "JJ"],
            "is_stopword": [False, False, False, True, False, False, False],
        }
    )
    tokens = pd.concat(
        [tokens, tokens.assign(sentence_id=1, token_id=tokens["token_id"] + 7)], ignore_index=True
    )
    terms = topics.content_terms(tokens)["term"].tolist()
    assert terms[:4] == ["natural", "gas", "natural gas", "import"]
    assert "the" not in terms and "2024" not in terms and "," not in terms
    assert terms.count("natural gas") == 2  # kept: it occurs twice
    once = topics.content_terms(tokens.iloc[:7])["term"].tolist()
    assert "natural gas" not in once  # one occurrence is below min_bigram_count


def test_party_tags_of_legislators_are_no_topic_terms():
    terms = _content_terms(
        "Sen. Chuck Schumer (D-N.Y.) and Sen. Ted Cruz (R., Texas) debated the D-Day bill."
    )
    assert {"schumer", "cruz", "d-day", "debate"} <= terms
    assert not {"d-n.y.", "r., texas"} & terms


def test_forms_of_address_are_no_topic_terms():
    # "mr" and "mr blair" led a politics topic of the BBC stories ("mr · blair · minister")
    terms = _content_terms(
        "Mr Blair met Dr. Fauci and Mrs Jones. Mr Blair said the election plan was ready."
    )
    assert {"blair", "fauci", "jones", "election", "plan"} <= terms
    assert not {"mr", "dr.", "mrs", "mr blair"} & terms


def test_amounts_are_no_topic_terms():
    # "1.4bn", "7.1bn" and "5,000m" were keywords and topic terms of BBC business and sport
    terms = _content_terms(
        "Lenders approved 1.4bn in mortgages. Dibaba ran the 5,000m and 3G phones sold."
    )
    assert {"lender", "mortgage", "dibaba", "3g"} <= terms
    assert not {"1.4bn", "5,000m"} & terms


def test_npmi_is_one_for_terms_always_together_and_minus_one_for_disjoint():
    docs = topics.Documents(ids=[0, 1, 2, 3], terms=[["a", "b"], ["a", "b"], ["c"], ["d"]])
    # Every term kept: the corpus setting's document-frequency cut-offs would drop them all.
    counts, vocabulary = topics.count_matrix(docs, min_df=1, max_df=1.0)
    index = {t: i for i, t in enumerate(vocabulary)}
    together = topics.npmi_coherence([np.array([index["a"], index["b"]])], counts)
    apart = topics.npmi_coherence([np.array([index["a"], index["c"]])], counts)
    assert together[0] == pytest.approx(1.0)
    assert apart[0] == pytest.approx(-1.0)


def test_tables_read_back_from_tsv_as_written(tmp_path):
    frames = _two_topic_tables()
    frames["sections"] = pd.DataFrame({"section_id": [0, 1, 2], "title": ["", "Sport", "Money"]})
    tables = topic_tables(frames, k="auto")
    for name, table in tables.items():
        write_tsv(table, tmp_path / f"{name}.tsv")
    quality = read_tsv(tmp_path / "topics_quality.tsv")
    assert quality.loc[quality["chosen"], "k"].tolist() == [2]
    assert set(read_tsv(tmp_path / "topics_terms.tsv")["topic"]) == {1, 2}


def test_sentence_documents_and_short_articles_fall_back():
    from analysis.document import analyse_structure

    doc = analyse_structure(
        "Football fans cheered the football team. The team won the cup final.\n", **PREPARE
    )
    frames = {n: getattr(doc, n) for n in ("tokens", "sentences", "paragraphs", "sections")}
    tables = topic_tables(frames, k="auto")
    assert tables["topics_quality"]["k"].tolist() == [1]  # two sentences support one topic
    assert tables["topics_sections"]["weight"].sum() == pytest.approx(1.0)
    assert "sentence_id" in tables["topics_paragraphs"].columns
    assert stage.feasible_k(6, 4) == 3 and stage.feasible_k(2, 1) == 1
    assert stage.feasible_k("auto", 5) == "auto"


@pytest.mark.parametrize("text", ["", "The and of it.", "12 345 678.\n\n9 10.", "Hello"])
def test_articles_without_content_get_empty_tables(text):
    from analysis.document import analyse_structure

    doc = analyse_structure(text, **PREPARE)
    frames = {n: getattr(doc, n) for n in ("tokens", "sentences", "paragraphs", "sections")}
    tables = topic_tables(frames)
    assert set(tables) == set(stage.ARTICLE_TABLE_COLUMNS)
    for name, table in tables.items():
        assert list(table.columns)[1:] == stage.ARTICLE_TABLE_COLUMNS[name][1:]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["goal", "bank", "rate", "club", "fans", "bond", "the"]), max_size=8
        ),
        min_size=1,
        max_size=10,
    )
)
def test_any_article_gives_mixtures_that_sum_to_one(paragraphs):
    frames = _tables([" ".join(words) for words in paragraphs], [0] * len(paragraphs))
    tables = topic_tables(frames)
    sums = tables["topics_sections"].groupby("section_id")["weight"].sum()
    assert np.allclose(sums, 1.0)
    chosen = tables["topics_quality"]["chosen"]
    assert chosen.sum() == (1 if len(tables["topics_terms"]) else 0)


def test_an_article_without_topics_gets_figures_that_say_so(tmp_path, shard_articles):
    import warnings

    doc = analyse_structure("Hello", **PREPARE)
    frames = {n: getattr(doc, n) for n in ("tokens", "sentences", "paragraphs", "sections")}
    tables = topic_tables(frames)
    for name in ("topics_terms", "topics_sections"):
        write_tsv(tables[name], tmp_path / f"{name}.tsv")
    write_tsv(doc.sections, tmp_path / "sections.tsv")
    shard = shard_articles({"a": True, "b": False})

    def draw(article):
        pngs = {name: tmp_path / f"{article}_{name}.png" for name in ("sections", "terms")}
        stage.run_figures(
            **{n: tmp_path / f"{n}.tsv" for n in ("topics_terms", "topics_sections", "sections")},
            topics_sections_png=pngs["sections"],
            topics_terms_png=pngs["terms"],
            articles=shard,
            article=article,
        )
        return {name: path.read_bytes() for name, path in pngs.items()}

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an empty heatmap made matplotlib warn
        no_topics = draw("a")
    assert all(png.startswith(b"\x89PNG") for png in no_topics.values())
    # an article prepare left out (not English) is told apart from one without topics
    said = tmp_path / "said.png"
    save_png(message_figure("Topic mixture of each section", LEFT_OUT_OF_ANALYSES), said)
    assert draw("b")["sections"] == said.read_bytes() != no_topics["sections"]
