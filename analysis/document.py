"""The text model of one article: sections, paragraphs, sentences and tokens with offsets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.sections import split_sections
from analysis.sentences import split_sentences
from analysis.tokens import tokenise_sentences

SECTION_COLUMNS = [
    "section_id",
    "title",
    "start_char",
    "end_char",
    "n_paragraphs",
    "n_sentences",
    "n_tokens",
]
PARAGRAPH_COLUMNS = ["paragraph_id", "section_id", "start_char", "end_char", "n_sentences"]
SENTENCE_COLUMNS = ["sentence_id", "section_id", "paragraph_id", "start_char", "end_char", "text"]


@dataclass
class Document:
    """An article's structure as tidy tables; every offset indexes the normalised text."""

    sections: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame


def analyse_structure(
    text: str, *, detect_headings: bool = True, line_breaks: str = "auto"
) -> Document:
    """Split an article into sections, paragraphs, sentences and tokens.

    Args:
        text: Normalised article text (see :func:`analysis.reading.normalise_newlines`).
        detect_headings: Passed to :func:`analysis.sections.split_sections`.
        line_breaks: ``"auto"``, ``"paragraph"`` (every line is a paragraph) or
            ``"wrap"`` (lines are hard-wrapped inside paragraphs); see
            :func:`analysis.paragraphs.paragraph_spans`.

    Returns:
        The article's :class:`Document`. Headings are never part of a sentence; a
        sentence of a hard-wrapped paragraph keeps its newlines.

    Raises:
        ValueError: if ``line_breaks`` is not a known mode (never for any text).
    """
    section_rows, paragraph_rows, sentence_rows = [], [], []
    split = split_sections(text, detect_headings=detect_headings, line_breaks=line_breaks)
    for section_id, section in enumerate(split):
        for paragraph in section.paragraphs:
            # A paragraph spans several lines only when they are wrapped lines.
            spans = split_sentences(
                text, start=paragraph.start, end=paragraph.end, line_breaks_end=False
            )
            paragraph_id = len(paragraph_rows)
            paragraph_rows.append(
                (paragraph_id, section_id, paragraph.start, paragraph.end, len(spans))
            )
            first_id = len(sentence_rows)
            sentence_rows.extend(
                (first_id + i, section_id, paragraph_id, s, e, text[s:e])
                for i, (s, e) in enumerate(spans)
            )
        section_rows.append((section_id, section.title, section.start, section.end))
    sentences = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS).astype(
        {**dict.fromkeys(SENTENCE_COLUMNS[:-1], "int64"), "text": "str"}
    )
    spans = zip(sentences["start_char"], sentences["end_char"], strict=True)
    tokens = tokenise_sentences(text, spans)
    paragraphs = pd.DataFrame(paragraph_rows, columns=PARAGRAPH_COLUMNS).astype("int64")
    sections = _count_per_section(section_rows, paragraphs, sentences, tokens)
    return Document(sections, paragraphs, sentences, tokens)


def unusable_reason(document: Document) -> str | None:
    """Say why an article's text model gives an analysis nothing to work on, if it does not.

    Args:
        document: The article's text model (:func:`analyse_structure`).

    Returns:
        A short reason ("no body text ..." or "no words ..."), or None when the article
        has at least one sentence holding a word (a letter or digit).
    """
    if document.sentences.empty:
        return "no body text (only headings)"
    if not document.tokens["token"].str.contains(r"[^\W_]", regex=True).any():
        return "no words (only punctuation or symbols)"
    return None


def _count_per_section(
    section_rows: list[tuple],
    paragraphs: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
) -> pd.DataFrame:
    sections = pd.DataFrame(section_rows, columns=SECTION_COLUMNS[:4]).astype(
        {"section_id": "int64", "title": "str", "start_char": "int64", "end_char": "int64"}
    )
    token_sections = tokens["sentence_id"].map(sentences.set_index("sentence_id")["section_id"])
    counts = {
        "n_paragraphs": paragraphs.groupby("section_id").size(),
        "n_sentences": sentences.groupby("section_id").size(),
        "n_tokens": token_sections.value_counts(),
    }
    for column, per_section in counts.items():
        sections[column] = sections["section_id"].map(per_section).fillna(0).astype(int)
    return sections[SECTION_COLUMNS]
