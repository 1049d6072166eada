"""Stage: sentence, section, article and actor sentiment tables, and their figures.

``article_tables(...)`` takes one article's sentences, tokens and sections tables and gives
(the shard runner writes them, one Parquet file per shard, and the exports as
``<results_dir>/<article>/tables/*.tsv``):

* ``sentiment_sentences.tsv``: sentence_id, section_id, sentiment, vader_compound, vader_pos,
  vader_neu, vader_neg, textblob_polarity, textblob_subjectivity (article order).
* ``sentiment_sections.tsv``: long form, one row per scope x measure: scope (``article`` /
  ``section``), section_id (empty for the article), title, n_sentences, measure, mean, ci_low,
  ci_high, share_positive, share_neutral, share_negative. Shares are given for the signed
  measures (sentiment, vader_compound, textblob_polarity; threshold +-``neutral_threshold``) and
  are empty for the VADER proportions and subjectivity; "the" shares of the article are the rows
  with ``measure == "sentiment"``. Pivot with e.g.
  ``df.pivot(index="section_id", columns="measure", values="mean")``.
* ``sentiment_method_correlations.tsv``: scope, section_id, title, n_sentences, method_a,
  method_b, pearson_r (NaN with fewer than 3 sentences).
* ``sentiment_entities.tsv``: actor, actor_type, type_evidence (why it has that type),
  scope, section_id, n_mentions, n_sentences, target_sentiment, ci_low, ci_high (the
  target-level score of the actor's mentions), sentence_sentiment, sentence_ci_low,
  sentence_ci_high (the headline score of the sentences naming it); see
  :mod:`analysis.actors`.
* ``sentiment_mentions.tsv``: actor, actor_type, mention, sentence_id, section_id,
  start_char, end_char (offsets into the article's text), target_sentiment: every mention of
  every actor, the evidence behind ``sentiment_entities``.
* ``actor_aliases.tsv``: actor, variant, rule, evidence.

``run_figures(...)`` reads those tables and writes ``sentiment_arc.png``,
``sentiment_sections.png`` and ``sentiment_actors.png`` (``<results_dir>/<article>/figures/``);
keep it a separate rule so large corpora can skip the figures.

Input columns (first name found is used):

* sentences.tsv: ``sentence_id``; ``section_id`` (optional: one section ``""`` if absent); text
  in ``text`` / ``sentence`` / ``sentence_text``. Rows are taken in file order.
* sections.tsv (optional file): ``section_id``; title in ``title`` / ``heading`` / ``name`` /
  ``section_title`` (may be empty: the lead section). Its row order is the section order.
* tokens.tsv (optional file): ``sentence_id``; token in ``token`` / ``text`` / ``word`` /
  ``form``; tag in ``tag`` / ``pos`` / ``xpos`` / ``upos`` (Penn or Universal); order by
  ``token_id`` / ``token_index`` / ``index`` / ``i`` / ``position`` / ``start`` if present, else
  file order. Without a tag column the sentences are tagged with TextBlob's bundled tagger.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api.types import is_integer_dtype

from analysis import actors as A
from analysis import sentiment as S
from analysis.stages.logs import job_log
from analysis.stages.shards import LEFT_OUT_OF_ANALYSES, left_out
from analysis.tables import id_column, read_parquet, read_tsv, write_parquet

SENTENCE_COLUMNS = ("sentence_id", "section_id", *S.SCORE_COLUMNS)
SECTION_COLUMNS = (
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
)
CORRELATION_COLUMNS = (
    "scope",
    "section_id",
    "title",
    "n_sentences",
    "method_a",
    "method_b",
    "pearson_r",
)
ALIAS_COLUMNS = ("actor", "variant", "rule", "evidence")

_TEXT = ("text", "sentence", "sentence_text")
_TITLE = ("title", "heading", "name", "section_title")
_TOKEN = ("token", "text", "word", "form")
_TAG = ("tag", "pos", "xpos", "upos")
_ORDER = ("token_id", "token_index", "index", "i", "position", "start")

PathLike = str | os.PathLike[str]


def _pick(
    frame: pd.DataFrame, names: Sequence[str], what: str, *, required: bool = True
) -> str | None:
    for name in names:
        if name in frame.columns:
            return name
    if required:
        raise ValueError(f"{what}: none of the columns {list(names)} in {list(frame.columns)}")
    return None


def normalise_inputs(
    sent: pd.DataFrame,
    tok: pd.DataFrame | None,
    sec: pd.DataFrame | None,
    *,
    names: tuple[str, str, str] = ("sentences", "tokens", "sections"),
) -> tuple[pd.DataFrame, list[list[A.Token]] | None, pd.DataFrame]:
    """Normalise the stage's input tables.

    Args:
        sent: The sentences table.
        tok: The tokens table (None: tag the text here).
        sec: The sections table (None: section ids as found).
        names: Where the three tables come from, for messages.

    Returns:
        ``(sentences, tokens, sections)``: sentences with ``sentence_id``, ``section_id``,
        ``text`` (and ``start_char`` when the input has it); per-sentence ``(token, tag)``
        lists aligned with the sentences (None when no tokens table or no tag column);
        sections with ``section_id``, ``title`` in order.
    """
    sentences, tokens, sections = names
    _pick(sent, ("sentence_id",), str(sentences))
    text_col = _pick(sent, _TEXT, str(sentences))
    sent = pd.DataFrame(
        {
            "sentence_id": _ids(sent["sentence_id"], missing="nan"),
            "section_id": _ids(sent["section_id"], missing="") if "section_id" in sent else "",
            "text": sent[text_col].fillna("").astype(str),
            # where each sentence starts in the article, for the mentions' offsets
            **({"start_char": sent["start_char"]} if "start_char" in sent else {}),
        }
    )

    if sec is not None and "section_id" in sec:
        title_col = _pick(sec, _TITLE, str(sections), required=False)
        sec = pd.DataFrame(
            {
                "section_id": _ids(sec["section_id"], missing=""),
                "title": sec[title_col].fillna("").astype(str) if title_col else "",
            }
        )
        if is_integer_dtype(sec["section_id"]) != is_integer_dtype(sent["section_id"]):
            # one table numbers its sections, the other names them: match them as text
            sec["section_id"] = _strings(sec["section_id"], missing="")
            sent["section_id"] = _strings(sent["section_id"], missing="")
        known = set(sec["section_id"])
        extra = [s for s in dict.fromkeys(sent["section_id"].tolist()) if s not in known]
        if extra:
            raise ValueError(f"{sentences}: section ids {extra[:5]} missing from {sections}")
    else:
        sec = pd.DataFrame({"section_id": list(dict.fromkeys(sent["section_id"])), "title": ""})

    tok_lists: list[list[A.Token]] | None = None
    if tok is not None and "sentence_id" in tok:
        token_col = _pick(tok, _TOKEN, str(tokens), required=False)
        tag_col = _pick(tok, _TAG, str(tokens), required=False)
        if token_col and tag_col:
            order_col = _pick(tok, _ORDER, str(tokens), required=False)
            # a stable sort keeps file order among equal positions
            rows = (
                np.argsort(tok[order_col].to_numpy(), kind="stable").tolist()
                if order_col
                else range(len(tok))
            )
            sentence_of = _strings(tok["sentence_id"], missing="nan")
            token_of = _strings(tok[token_col], missing="nan")
            tag_of = _strings(tok[tag_col], missing="")
            tok_lists = _tokens_by_sentence(
                [sentence_of[i] for i in rows],
                [token_of[i] for i in rows],
                [tag_of[i] for i in rows],
                [str(sid) for sid in sent["sentence_id"].tolist()],
            )
    return sent, tok_lists, sec


def _ids(column: pd.Series, *, missing: str) -> pd.Series:
    """Ids as whole numbers when the column holds them without gaps (the text model's
    tables), else as text (``missing`` for a gap): the stage matches ids by value, and its
    tables give them back with the input's type, so that they join the input."""
    if is_integer_dtype(column) and not column.isna().any():
        return column.astype("int64")
    return pd.Series(_strings(column, missing=missing), index=column.index, dtype=object)


def _strings(column: pd.Series, *, missing: str) -> list[str]:
    """The column's values as text (``missing`` for NaN / None), without a pandas cast."""
    return [missing if v is None or v is pd.NA or v != v else str(v) for v in column.tolist()]


def _tokens_by_sentence(
    token_sentences: list[str], tokens: list[str], tags: list[str], sentence_ids: list[str]
) -> list[list[A.Token]]:
    """Per-sentence ``(token, tag)`` lists in token order (one pass: a groupby per sentence
    costs more than the rest of the normalisation)."""
    grouped: dict[str, list[A.Token]] = {}
    for sid, token, tag in zip(token_sentences, tokens, tags, strict=True):
        grouped.setdefault(sid, []).append((token, tag))
    return [grouped.get(sid, []) for sid in sentence_ids]


def _scope_rows(
    summary: tuple[list[dict], list[dict]], scope: str, section_id: str | None, title: str, n: int
) -> tuple[list[dict], list[dict]]:
    """One scope's measure and correlation rows from its :func:`S.summarise_columns`."""
    measures, correlations = summary
    head = {"scope": scope, "section_id": section_id, "title": title, "n_sentences": n}
    return [{**head, **m} for m in measures], [{**head, **c} for c in correlations]


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a table, built column by column (faster than from a list of dicts); section
    ids are whole numbers with the article's row missing (:func:`analysis.tables.id_column`)."""
    if not rows:
        return pd.DataFrame(columns=list(columns))
    values = {c: [row[c] for row in rows] for c in columns}
    if "section_id" in values:
        values["section_id"] = id_column(values["section_id"])
    return pd.DataFrame(values)


def _in_order(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The frame with exactly ``columns``, in order (itself when it has them already)."""
    return frame if list(frame.columns) == list(columns) else frame[list(columns)]


def sentiment_tables(
    sentences: pd.DataFrame,
    tokens: Sequence[Sequence[A.Token]] | None,
    sections: pd.DataFrame,
    *,
    n_bootstrap: int,
    confidence: float,
    random_state: int,
    neutral_threshold: float,
    top_n_actors: int,
    min_actor_mentions: int,
) -> dict[str, pd.DataFrame]:
    """Compute the stage's six tables from normalised inputs (see :func:`normalise_inputs`).

    Args:
        sentences: Normalised sentences (``sentence_id``, ``section_id``, ``text``, and
            ``start_char`` when known).
        tokens: Per-sentence ``(token, tag)`` lists, or None to tag the text here.
        sections: Normalised sections (``section_id``, ``title``) in order.
        n_bootstrap: Bootstrap resamples per interval.
        confidence: Interval coverage.
        random_state: Bootstrap seed.
        neutral_threshold: Half-width of the neutral band for the shares.
        top_n_actors: Number of actors kept, by article mention count.
        min_actor_mentions: Minimum article mentions for an actor.

    Returns:
        Table name (see the module docstring) -> table; every table has no rows when there is no
        sentence.
    """
    texts = sentences["text"].tolist()
    sentence_ids = sentences["sentence_id"].tolist()
    section_ids = sentences["section_id"].tolist()
    # One pass over columns, not frame selections: an article's frames are small, and
    # each selection costs more than the values it holds.
    matrix = S.score_sentences(texts).to_numpy(dtype=float).T  # columns S.SCORE_COLUMNS
    per_sentence = pd.DataFrame(
        {
            "sentence_id": pd.Series(sentence_ids, dtype=sentences["sentence_id"].dtype),
            "section_id": pd.Series(section_ids, dtype=sentences["section_id"].dtype),
            **{name: matrix[j] for j, name in enumerate(S.SCORE_COLUMNS)},
        }
    )
    params = {
        "n_bootstrap": n_bootstrap,
        "confidence": confidence,
        "random_state": random_state,
        "threshold": neutral_threshold,
    }
    measure_rows: list[dict] = []
    corr_rows: list[dict] = []
    if len(per_sentence):  # an article without sentences has no scope to summarise
        n = matrix.shape[1]
        whole = S.summarise_columns(matrix, **params)
        measure_rows, corr_rows = _scope_rows(whole, "article", None, "", n)
        positions: dict[str, list[int]] = {}
        for row, section_id in enumerate(section_ids):
            positions.setdefault(section_id, []).append(row)
        for section_id, title in zip(
            sections["section_id"].tolist(), sections["title"].tolist(), strict=True
        ):
            rows = positions.get(section_id, [])
            # A section of every sentence (most news has no headings) is the article: the
            # same values and seed give the same intervals, so they are not drawn again.
            summary = (
                whole
                if len(rows) == n
                else S.summarise_columns(matrix[:, np.asarray(rows, dtype=int)], **params)
            )
            m, c = _scope_rows(summary, "section", section_id, title, len(rows))
            measure_rows += m
            corr_rows += c

    found = A.find_actors(sentence_ids, texts, tokens)
    mentions = A.score_mentions(found.mentions, sentences)
    entities = A.actor_sentiment(
        mentions,
        per_sentence,
        types=found.types,
        top_n=top_n_actors,
        min_mentions=min_actor_mentions,
        n_bootstrap=n_bootstrap,
        confidence=confidence,
        random_state=random_state,
        section_order=sections["section_id"].tolist(),
    )
    return {
        "sentiment_sentences": per_sentence,
        "sentiment_sections": _frame(measure_rows, SECTION_COLUMNS),
        "sentiment_method_correlations": _frame(corr_rows, CORRELATION_COLUMNS),
        "sentiment_entities": _in_order(entities, A.ENTITY_COLUMNS),
        "sentiment_mentions": A.mention_table(mentions, sentences, types=found.types),
        "actor_aliases": _in_order(found.aliases, ALIAS_COLUMNS),
    }


def article_tables(
    *,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None,
    sections: pd.DataFrame,
    **params,
) -> dict[str, pd.DataFrame]:
    """The sentiment tables of one article from its text-model tables.

    Args:
        sentences: The article's sentences table.
        tokens: Its tokens table (None, or one without tags: the text is tagged here).
        sections: Its sections table.
        **params: Tuning arguments of :func:`sentiment_tables`.

    Returns:
        Table name -> table (see :func:`sentiment_tables`).
    """
    sent, tok_lists, sec = normalise_inputs(sentences, tokens, sections)
    return sentiment_tables(sent, tok_lists, sec, **params)


def run_figures(
    *,
    sentiment_sentences: PathLike,
    sentiment_sections: PathLike,
    sentiment_entities: PathLike,
    sentiment_arc_png: PathLike,
    sentiment_sections_png: PathLike,
    sentiment_actors_png: PathLike,
    articles: PathLike,
    article: str,
    rolling_window: int,
    log: PathLike | None = None,
) -> None:
    """Draw the sentiment figures from an article's exported sentiment tables.

    Args:
        sentiment_sentences: ``sentiment_sentences.tsv``.
        sentiment_sections: ``sentiment_sections.tsv``.
        sentiment_entities: ``sentiment_entities.tsv``.
        sentiment_arc_png: Output: the arc across the article.
        sentiment_sections_png: Output: mean per section with CI.
        sentiment_actors_png: Output: mean per actor with CI and n.
        articles: The ``articles`` table of the article's shard.
        article: The article's id.
        rolling_window: Sentences in the centred rolling mean of the arc.
        log: The job's log file.
    """
    from analysis.figures import sentiment as F
    from analysis.figures.style import save_messages

    with job_log(log, stage="sentiment_figures"):
        if left_out(articles, article):
            titles = ("Sentiment arc", "Sentiment by section", "Sentiment toward each actor")
            paths = (sentiment_arc_png, sentiment_sections_png, sentiment_actors_png)
            save_messages(LEFT_OUT_OF_ANALYSES, dict(zip(titles, paths, strict=True)))
            return
        sent = read_tsv(sentiment_sentences)
        sec = read_tsv(sentiment_sections)
        ent = read_tsv(sentiment_entities)
        F.arc_figure(sent, sec, sentiment_arc_png, rolling_window=rolling_window)
        F.sections_figure(sec, sentiment_sections_png)
        F.actors_figure(ent, sentiment_actors_png)


def corpus_sentiment_table(sections: pd.DataFrame) -> pd.DataFrame:
    """Each article's article-level sentiment rows, from the corpus ``sentiment_sections``.

    Args:
        sections: The ``sentiment_sections`` rows of many articles (``article`` first).

    Returns:
        One row per article and measure: article, n_sentences, measure, mean, ci_low,
        ci_high and the shares of positive, neutral and negative sentences.
    """
    whole = _article_rows(sections).drop(columns=["scope", "section_id", "title"])
    return whole.sort_values(["article", "measure"], kind="stable").reset_index(drop=True)


def _article_rows(sections: pd.DataFrame) -> pd.DataFrame:
    return sections[sections["scope"] == "article"]


def run_corpus(
    *,
    sentiment_sections: Sequence[PathLike],
    sentiment_articles: PathLike,
    log: PathLike | None = None,
) -> None:
    """Write ``corpus/tables/sentiment_articles.parquet``: each article's overall sentiment.

    Args:
        sentiment_sections: The shards of the corpus ``sentiment_sections`` table.
        sentiment_articles: Output path.
        log: The job's log file.
    """
    with job_log(log, stage="sentiment_corpus"):
        # Each shard is cut to its article rows as it is read: the section rows of 100,000
        # articles held at once took over a gigabyte.
        shards = [_article_rows(read_parquet(path, as_in_tsv=False)) for path in sentiment_sections]
        write_parquet(
            corpus_sentiment_table(pd.concat(shards, ignore_index=True)), sentiment_articles
        )
