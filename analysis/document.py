"""The text model of one article: sections, paragraphs, sentences and tokens with offsets."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy
import pandas as pd

from analysis.boilerplate import dateline_length, is_boilerplate
from analysis.reading import ArticleWarning
from analysis.sections import split_sections
from analysis.sentences import (
    MAX_SENTENCE_CHARS,
    MAX_SENTENCE_WORDS,
    bounded_sentences,
    split_sentences,
)
from analysis.tokens import is_word, tokenise_sentences, typed_frame

SECTION_COLUMNS = [
    "section_id",
    "title",
    "start_char",
    "end_char",
    "n_paragraphs",
    "n_sentences",
    "n_tokens",
    "n_boilerplate",
]
PARAGRAPH_COLUMNS = ["paragraph_id", "section_id", "start_char", "end_char", "n_sentences"]
SENTENCE_COLUMNS = ["sentence_id", "section_id", "paragraph_id", "start_char", "end_char", "text"]
SECTION_DTYPES = dict.fromkeys(SECTION_COLUMNS, "int64") | {"title": "str"}
SENTENCE_DTYPES = dict.fromkeys(SENTENCE_COLUMNS, "int64") | {"text": "str"}


@dataclass
class Document:
    """An article's structure as tidy tables; every offset indexes the normalised text."""

    sections: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame


def analyse_structure(
    text: str, *, detect_headings: bool, line_breaks: str, drop_boilerplate: bool
) -> Document:
    """Split an article into sections, paragraphs, sentences and tokens.

    Args:
        text: Normalised article text (see :func:`analysis.reading.normalise_newlines`).
        detect_headings: Passed to :func:`analysis.sections.split_sections`.
        line_breaks: ``"auto"``, ``"paragraph"`` (every line is a paragraph) or
            ``"wrap"`` (lines are hard-wrapped inside paragraphs); see
            :func:`analysis.paragraphs.paragraph_spans`.
        drop_boilerplate: Leave rights notices, wire credits
            (:func:`analysis.boilerplate.is_boilerplate`) and the dateline that opens a
            paragraph (:func:`analysis.boilerplate.dateline_length`) out of the sentences and
            tokens; each section counts them in ``n_boilerplate``.

    Returns:
        The article's :class:`Document`. Headings are never part of a sentence; a
        sentence of a hard-wrapped paragraph keeps its newlines.

    Raises:
        ValueError: if ``line_breaks`` is not a known mode (never for any text).
    """
    split = split_sections(text, detect_headings=detect_headings, line_breaks=line_breaks)
    # Plain columns, one frame per table at the end: this runs once per article.
    sections = {name: [] for name in SECTION_COLUMNS if name not in ("n_tokens", "n_boilerplate")}
    boilerplate_of_section: list[int] = []
    paragraphs = {name: [] for name in PARAGRAPH_COLUMNS}
    sentence_spans: list[tuple[int, int]] = []
    sentence_sections: list[int] = []
    sentence_paragraphs: list[int] = []
    n_cut = 0  # paragraphs with a stretch too long for one sentence
    for section_id, section in enumerate(split):
        n_sentences_before = len(sentence_spans)
        n_boilerplate = 0
        for paragraph in section.paragraphs:
            # A paragraph spans several lines only when they are wrapped lines.
            found = split_sentences(
                text, start=paragraph.start, end=paragraph.end, line_breaks_end=False
            )
            spans = bounded_sentences(text, found)
            n_cut += len(spans) > len(found)
            if drop_boilerplate:
                spans, n_left_out = _story_spans(text, spans)
                n_boilerplate += n_left_out
            paragraph_id = len(paragraphs["paragraph_id"])
            _append_row(
                paragraphs, paragraph_id, section_id, paragraph.start, paragraph.end, len(spans)
            )
            sentence_spans += spans
            sentence_sections += [section_id] * len(spans)
            sentence_paragraphs += [paragraph_id] * len(spans)
        _append_row(
            sections,
            section_id,
            section.title,
            section.start,
            section.end,
            len(section.paragraphs),
            len(sentence_spans) - n_sentences_before,
        )
        boilerplate_of_section.append(n_boilerplate)
    if n_cut:
        bounds = f"{MAX_SENTENCE_WORDS} words or {MAX_SENTENCE_CHARS:,} characters"
        warnings.warn(
            f"{n_cut} paragraph(s) hold a stretch of more than {bounds} without a sentence's"
            " end (a transcript without punctuation?); it is cut into sentences within them",
            ArticleWarning,
            stacklevel=2,
        )
    tokens = tokenise_sentences(text, sentence_spans)
    section_of_sentence = numpy.asarray(sentence_sections, dtype=numpy.int64)
    section_of_token = section_of_sentence[tokens["sentence_id"].to_numpy()]
    sections["n_tokens"] = numpy.bincount(section_of_token, minlength=len(split))
    sections["n_boilerplate"] = boilerplate_of_section
    sentences = {
        "sentence_id": range(len(sentence_spans)),
        "section_id": section_of_sentence,
        "paragraph_id": sentence_paragraphs,
        "start_char": [start for start, _ in sentence_spans],
        "end_char": [end for _, end in sentence_spans],
        "text": [text[start:end] for start, end in sentence_spans],
    }
    return Document(
        typed_frame(sections, SECTION_DTYPES),
        typed_frame(paragraphs, dict.fromkeys(PARAGRAPH_COLUMNS, "int64")),
        typed_frame(sentences, SENTENCE_DTYPES),
        tokens,
    )


def _story_spans(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    """One paragraph's sentence spans without its boilerplate, and how many pieces were left
    out: a dateline shortens the paragraph's first sentence ("TOKYO (Reuters) - Japan agreed."
    becomes "Japan agreed."), a rights notice or a wire credit is dropped whole."""
    story: list[tuple[int, int]] = []
    n_left_out = 0
    for position, (start, end) in enumerate(spans):
        if position == 0 and (skip := dateline_length(text[start:end])):
            start += skip
            n_left_out += 1
        if is_boilerplate(text[start:end]):
            n_left_out += 1
        else:
            story.append((start, end))
    return story, n_left_out


def unusable_reason(document: Document) -> str | None:
    """Say why an article's text model gives an analysis nothing to work on, if it does not.

    Args:
        document: The article's text model (:func:`analyse_structure`).

    Returns:
        A short reason ("no body text ..." or "no words ..."), or None when the article
        has at least one sentence holding a word (a letter or digit).
    """
    if document.sentences.empty:
        if document.sections["n_boilerplate"].sum():
            return "no body text (only headings, rights notices or wire credits)"
        return "no body text (only headings)"
    if not any(map(is_word, document.tokens["token"].tolist())):
        return "no words (only punctuation or symbols)"
    return None


def _append_row(columns: dict[str, list], *values: object) -> None:
    """Append one row's values to plain columns, in column order."""
    for column, value in zip(columns.values(), values, strict=True):
        column.append(value)
