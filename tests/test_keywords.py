"""Tests for analysis.keywords and the keywords stage, on crafted texts with known keywords."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import keywords as kw
from analysis.document import analyse_structure
from analysis.stages import keywords as stage
from analysis.stages.logs import StageError
from analysis.tables import read_tsv, to_tsv_text, write_tsv
from analysis.tokens import TOKEN_COLUMNS

GENERIC_VS_SPECIFIC = """The summit had one main topic. The topic was trade, and officials met \
at a meeting in Tokyo. Nippon Steel wants to buy U.S. Steel, and the meeting discussed \
tariffs. Tariffs on steel remain the topic of the meeting."""

TITLED = """Pipeline Safety

The pipeline operator said inspections found corrosion. Regulators ordered more inspections \
of the pipeline.

Energy Prices

Prices rose in March. Analysts expect prices to rise further as demand grows.
"""

TWO_SECTIONS = """Japan is buying more liquefied natural gas from abroad. Liquefied natural gas \
imports from Qatar rose in March, and liquefied natural gas prices fell. Gas imports to Japan grew.

Steel Tariffs

The United States raised steel tariffs again. Steel tariffs hurt Canadian exporters. \
The tariff on steel reached 25 percent, and steel tariffs may rise further.
"""


def tokens_of(
    sentences: list[list[tuple[str, str]]], stop: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Build a token table from (token, pos) pairs, one list per sentence."""
    rows, position = [], 0
    for sentence_id, words in enumerate(sentences):
        for token, pos in words:
            lower = token.lower()
            lemma = (
                token
                if pos.startswith("NNP")
                else lower.removesuffix("s")
                if pos == "NNS"
                else lower
            )
            stopword = lower in ENGLISH_STOP_WORDS or lower in stop
            rows.append(
                (
                    sentence_id,
                    len(rows),
                    position,
                    position + len(token),
                    token,
                    lower,
                    lemma,
                    pos,
                    stopword,
                )
            )
            position += len(token) + 1
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


@pytest.fixture(scope="module")
def two_sections():
    document = analyse_structure(TWO_SECTIONS)
    return document, stage.rank_article(document.tokens, document.sentences, top_k=10)


def section_keywords(headline: pd.DataFrame, section: int) -> list[str]:
    rows = headline[(headline["scope"] == "section") & (headline["section_id"] == str(section))]
    return rows.sort_values("rank")["keyword"].tolist()


def test_known_phrase_ranks_top3_in_its_section(two_sections):
    document, (headline, _, _) = two_sections
    assert document.sections["title"].tolist() == ["", "Steel Tariffs"]
    assert "liquefied natural gas" in section_keywords(headline, 0)[:3]
    assert "steel tariffs" in section_keywords(headline, 1)[:3]


def test_no_fragments_or_stop_word_edges_in_any_ranking(two_sections):
    _, (headline, by_method, _) = two_sections
    shown = set(headline["keyword"]) | set(by_method["keyword"])
    assert not shown & {"natural", "gas imports to", "liquefied", "steel to", "liquefied natural"}
    for phrase in shown:
        words = phrase.lower().split()
        assert words[0] not in ENGLISH_STOP_WORDS and words[-1] not in ENGLISH_STOP_WORDS, phrase


def test_every_method_ranks_and_keyness_table_is_per_section(two_sections):
    _, (_, by_method, keyness) = two_sections
    assert set(by_method["method"]) == set(kw.METHODS)
    assert set(keyness["section_id"]) == {0, 1}
    steel = keyness[(keyness["section_id"] == 1) & (keyness["term"] == "steel tariffs")].iloc[0]
    assert steel["freq_target"] == 3 and steel["freq_reference"] == 0 and steel["sign"] == 1


def test_stop_words_never_start_or_end_a_phrase():
    tokens = tokens_of(
        [[("the", "DT"), ("new", "JJ"), ("tariffs", "NNS"), ("on", "IN"), ("steel", "NN")]]
    )
    keys = set(kw.extract_candidates(tokens)["key"])
    assert keys == {"new tariff", "tariff", "steel"}


def test_lemmas_merge_and_most_frequent_surface_is_shown():
    tokens = tokens_of(
        [
            [("Tariffs", "NNPS"), ("rose", "VBD"), ("again", "RB")],
            [("A", "DT"), ("tariff", "NN"), ("hurts", "VBZ")],
            [("Exporters", "NNS"), ("hate", "VBP"), ("tariffs", "NNS")],
            [("New", "JJ"), ("tariffs", "NNS"), ("came", "VBD")],
        ]
    )
    occurrences = kw.extract_candidates(tokens)
    assert (occurrences["key"] == "tariff").sum() == 4  # "Tariffs", "tariff", "tariffs", "tariffs"
    assert kw.display_forms(occurrences)["tariff"] == "tariffs"


def test_phrases_never_cross_sentences():
    tokens = tokens_of(
        [[("He", "PRP"), ("bought", "VBD"), ("steel", "NN")], [("Tariffs", "NNS"), ("rose", "VBD")]]
    )
    keys = set(kw.extract_candidates(tokens)["key"])
    assert "steel tariff" not in keys and keys == {"steel", "tariff"}


def test_names_lose_titles_and_are_split_from_common_words():
    tokens = tokens_of(
        [[("President", "NNP"), ("Donald", "NNP"), ("Trump", "NNP"), ("praised", "VBD"),
          ("investment", "NN"), ("giant", "NN"), ("SoftBank", "NNP")]]
    )  # fmt: skip
    keys = set(kw.extract_candidates(tokens)["key"])
    assert "Donald Trump".lower() in keys and "president donald trump" not in keys
    assert "giant softbank" not in keys and {"softbank", "investment giant"} <= keys


def test_ngram_range_limits_phrase_length():
    tokens = tokens_of([[("cheap", "JJ"), ("liquefied", "JJ"), ("natural", "JJ"), ("gas", "NN")]])
    lengths = kw.extract_candidates(tokens, ngram_range=(2, 3))["n_words"]
    assert lengths.between(2, 3).all() and set(lengths) == {2, 3}
    with pytest.raises(ValueError):
        kw.extract_candidates(tokens, ngram_range=(3, 2))


def test_tfidf_prefers_terms_unique_to_a_document():
    documents = {0: ["japan", "gas", "gas"], 1: ["japan", "steel", "steel"]}
    ranking = kw.rank_tfidf(documents)
    assert ranking[ranking["doc"] == 0]["key"].tolist() == ["gas", "japan"]


def test_headline_accepts_any_subset_and_drops_nested_terms():
    one = pd.DataFrame(
        {
            "doc": [0, 0, 0],
            "key": ["liquefied natural gas", "natural gas", "japan"],
            "score": [3.0, 2.0, 1.0],
            "rank": [1, 2, 3],
        }
    )
    fused = kw.headline_ranking({"yake": one})
    assert fused["key"].tolist() == ["liquefied natural gas", "japan"] and fused[
        "rank"
    ].tolist() == [1, 2]
    only_zero_weight = kw.headline_ranking({"keyness": one}, weights={"keyness": 0.0})
    assert only_zero_weight["key"].iloc[0] == "liquefied natural gas"
    with pytest.raises(ValueError):
        kw.headline_ranking({})


def test_stage_writes_deterministic_tables_and_figures(tmp_path):
    document = analyse_structure(TWO_SECTIONS)
    tables = tmp_path / "a" / "tables"
    for name in ("tokens", "sentences", "sections"):
        write_tsv(getattr(document, name), tables / f"{name}.tsv")
    paths = {name: tables / f"{name}.tsv" for name in ("keywords", "keywords_by_method", "keyness")}
    inputs = {name: tables / f"{name}.tsv" for name in ("tokens", "sentences", "sections")}
    stage.run(**inputs, **paths, top_k=5, methods=["yake", "keyness"])
    first = {name: path.read_bytes() for name, path in paths.items()}
    stage.run(**inputs, **paths, top_k=5, methods=["yake", "keyness"])
    assert first == {name: path.read_bytes() for name, path in paths.items()}
    headline = read_tsv(paths["keywords"])
    assert list(headline.columns) == ["scope", "section_id", "rank", "keyword", "score"]
    assert headline.groupby(["scope", "section_id"], dropna=False)["rank"].max().le(5).all()
    figures = tmp_path / "a" / "figures"
    pngs = {"keywords_sections_png": figures / "k.png", "keyness_png": figures / "kn.png"}
    stage.run_figures(
        keywords=paths["keywords"], keyness=paths["keyness"], sections=inputs["sections"], **pngs
    )
    assert (figures / "k.png").read_bytes()[:4] == b"\x89PNG" and (
        figures / "kn.png"
    ).stat().st_size > 0
    # Each figure alone, as its own job draws it: the same bytes.
    alone = tmp_path / "alone.png"
    stage.run_figures(keyness=paths["keyness"], sections=inputs["sections"], keyness_png=alone)
    assert alone.read_bytes() == (figures / "kn.png").read_bytes()
    with pytest.raises(StageError, match="no figure to draw"):
        stage.run_figures(keywords=paths["keywords"], sections=inputs["sections"])


def test_corpus_tfidf_uses_articles_as_documents(tmp_path):
    texts = {
        "gas": "Japan buys liquefied natural gas. Japan wants more gas.",
        "steel": "Japan hates steel tariffs. Steel prices rose.",
    }
    paths = []
    for name, text in texts.items():
        path = tmp_path / name / "tables" / "tokens.tsv"
        write_tsv(analyse_structure(text).tokens, path)
        paths.append(path)
    out = tmp_path / "corpus" / "tables" / "keywords_articles.tsv"
    stage.run_corpus(tokens=paths, keywords_articles=out, top_k=3)
    table = read_tsv(out)
    assert to_tsv_text(table).startswith("article\trank\tkeyword\tscore\n")
    assert "steel tariffs" in table[table["article"] == "steel"]["keyword"].tolist()
    assert "Japan" not in table[table["rank"] == 1]["keyword"].tolist()


def article_keywords(text: str, **options) -> list[str]:
    document = analyse_structure(text)
    headline, _, _ = stage.rank_article(document.tokens, document.sentences, **options)
    return headline[headline["scope"] == "article"].sort_values("rank")["keyword"].tolist()


def test_generic_nouns_lose_to_specific_terms_seen_as_often():
    ranked = article_keywords(GENERIC_VS_SPECIFIC)
    # "topic" and "meeting" occur 3 times, "tariffs" twice, "Nippon Steel" once.
    assert ranked[:2] == ["tariffs", "Nippon Steel"]
    assert ranked.index("meeting") > ranked.index("Tokyo")
    unweighted = article_keywords(GENERIC_VS_SPECIFIC, specificity_exponent=0.0)
    assert unweighted.index("topic") < unweighted.index("tariffs")


def test_specificity_prior_follows_general_english_frequency():
    prior = kw.specificity_prior(["time", "meeting", "alliance", "tariff", "ishiba", "u.s.-japan"])
    assert prior["time"] < prior["meeting"] < prior["alliance"] < prior["tariff"] == 1.0
    assert prior["ishiba"] == 1.0 and 0.0 < prior["u.s.-japan"] <= 1.0
    assert set(kw.specificity_prior(["time"], exponent=0.0).values()) == {1.0}
    with pytest.raises(ValueError):
        kw.specificity_prior(["time"], cap=0.0)


def test_word_zipf_handles_dots_possessives_compounds_and_unknown_words():
    zipf = {"u.s": 5.0, "japan": 4.0, "steel": 4.5}
    assert kw.word_zipf("u.s.", zipf) == 5.0 and kw.word_zipf("japan's", zipf) == 4.0
    assert kw.word_zipf("u.s.-japan", zipf) == pytest.approx(4.5)
    assert kw.word_zipf("softbank", zipf) == kw.ZIPF_UNKNOWN
    assert kw.informativeness("steel", zipf) == pytest.approx(kw.ZIPF_CEILING - 4.5)


def test_rank_specificity_prefers_the_rarer_of_equally_frequent_terms():
    tokens = tokens_of(
        [[("Officials", "NNS"), ("discussed", "VBD"), ("tariffs", "NNS")],
         [("Officials", "NNS"), ("oppose", "VBP"), ("tariffs", "NNS")]]
    )  # fmt: skip
    occurrences = kw.extract_candidates(tokens)
    ranking = kw.rank_specificity(occurrences, {0: 0, 1: 0}, zipf={"official": 5.1, "tariff": 3.5})
    assert ranking["key"].tolist() == ["tariff", "official"]


def test_equal_scores_share_a_rank_in_the_fusion():
    tied = pd.DataFrame(
        {"doc": [0, 0], "key": ["alpha", "beta"], "score": [1.0, 1.0], "rank": [1, 2]}
    )
    beta_first = pd.DataFrame(
        {"doc": [0, 0], "key": ["beta", "alpha"], "score": [2.0, 1.0], "rank": [1, 2]}
    )
    fused = kw.headline_ranking({"tfidf": tied, "yake": beta_first})
    # Alphabetical tie order must not cancel yake's preference.
    assert fused["key"].tolist() == ["beta", "alpha"]


def test_term_seen_only_inside_a_longer_term_folds_into_it():
    ranking = pd.DataFrame(
        {"doc": [0, 0, 0], "key": ["personnel", "summit", "military personnel"],
         "score": [3.0, 2.0, 1.0], "rank": [1, 2, 3]}
    )  # fmt: skip
    counts = {(0, "personnel"): 1, (0, "military personnel"): 1, (0, "summit"): 1}
    fused = kw.headline_ranking({"tfidf": ranking}, counts=counts)
    assert fused["key"].tolist() == ["military personnel", "summit"]
    counts[(0, "personnel")] = 2  # also seen alone: it stays, and the longer term is nested
    assert kw.headline_ranking({"tfidf": ranking}, counts=counts)["key"].tolist() == [
        "personnel", "summit", "military personnel",
    ]  # fmt: skip


def test_section_titles_count_as_the_sections_first_sentence():
    document = analyse_structure(TITLED)
    titles = dict(zip(document.sections["section_id"], document.sections["title"], strict=True))
    with_titles, _, _ = stage.rank_article(document.tokens, document.sentences, titles=titles)
    without, _, _ = stage.rank_article(document.tokens, document.sentences)
    assert "energy prices" in section_keywords(with_titles, 1)[:5]
    assert "energy prices" not in section_keywords(without, 1)
    assert "pipeline safety" in section_keywords(with_titles, 0)


def test_title_case_is_undone_except_for_names_and_acronyms():
    assert stage._title_case_to_text("Trade and Economic Discussions", set()) == (
        "trade and economic discussions"
    )
    assert stage._title_case_to_text("Maintaining a Strong U.S.-Japan Alliance", set()) == (
        "maintaining a strong U.S.-Japan alliance"
    )
    assert stage._title_case_to_text("Japan’s Security", {"Japan"}) == "Japan’s security"


def test_terms_spread_over_sections_are_demoted_in_section_scope():
    spread = stage._section_spread(
        {0: ["japan", "gas", "gas"], 1: ["japan", "steel"], 2: ["japan"]}
    )
    assert spread["gas"] == spread["steel"] == 1.0 and 0.5 < spread["japan"] < 0.65


def test_shell_nouns_are_demoted_but_phrases_naming_their_content_are_not():
    from analysis.keywords import specificity_prior

    zipf = {"topic": 4.5, "alliance": 4.5, "trade": 5.0}
    prior = specificity_prior(["topic", "alliance", "trade topic"], zipf=zipf)
    assert prior["topic"] == pytest.approx(prior["alliance"] / 2)
    assert prior["trade topic"] > prior["topic"]


def test_surnames_fold_into_the_one_full_name_that_ends_in_them():
    rows = [
        ("a", "ishiba", 0.9),
        ("a", "shigeru ishiba", 0.4),
        ("a", "abe", 0.8),
        ("a", "shinzo abe", 0.5),
        ("a", "akie abe", 0.3),
        ("a", "tariff", 0.7),
    ]
    names = {"ishiba", "shigeru ishiba", "abe", "shinzo abe", "akie abe"}
    merged = dict((key, score) for _, key, score in kw.merge_surnames(rows, names))
    assert "ishiba" not in merged and merged["shigeru ishiba"] == 0.9
    assert merged["abe"] == 0.8  # two full names end in "abe": ambiguous, kept
    assert merged["tariff"] == 0.7
