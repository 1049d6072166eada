"""Section headings as candidate sources: a heading names its section's topic.

Headings are not sentences of the text model; the section-scope rankings read each heading
as its section's first sentence (negative sentence ids place it before the text).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import pandas as pd

from analysis.keywords.candidates import AnnotatedTokens, annotate_lists
from analysis.tokens import is_stop_word, lemmatise, split_tokens, tag_tokens


def names_in(annotated: AnnotatedTokens) -> set[str]:
    """Words the article capitalises mid-sentence: its names ("Japan", "Trump")."""
    return {
        token
        for token, lower, first in zip(
            annotated.token, annotated.lower, annotated.first_in_sentence, strict=True
        )
        if token != token.lower() and not first
    }


def title_case_to_text(title: str, names: Collection[str]) -> str:
    """Lower-case a heading's words except names, acronyms and mixed case ("U.S.-Japan").

    Headings are written in title case, so otherwise the tagger reads each word as a name.
    """
    words = []
    for word in title.split():
        base = re.sub(r"[’']s$", "", word).strip('.,:;!?()"“”')
        keep = base in names or any(character.isupper() for character in base[1:])
        words.append(word if keep else word.lower())
    return " ".join(words)


def title_tokens(
    titles: Mapping[int, str], sections: Collection[int], names: Collection[str]
) -> tuple[AnnotatedTokens | None, dict[int, str]]:
    """Tag each section's heading as one sentence with id -1 - section.

    Args:
        titles: section_id -> heading ("" for none).
        sections: Sections of the text (others' headings are ignored).
        names: The article's names (kept capitalised).

    Returns:
        (annotated heading tokens with negative token ids, or None without headings;
        section_id -> heading text as tagged).
    """
    texts = {
        section: title_case_to_text(title, names)
        for section, title in sorted(titles.items())
        if section in sections and isinstance(title, str) and title.strip()
    }
    if not texts:
        return None, {}
    columns: dict[str, list] = {name: [] for name in _TOKEN_LISTS}
    spans_of = {section: split_tokens(text) for section, text in texts.items()}
    words_of = {
        section: [texts[section][s:e] for s, e in spans] for section, spans in spans_of.items()
    }
    proper_nouns = frozenset(
        word for words in words_of.values() for word in words[1:] if word[:1].isupper()
    )
    for section, words in words_of.items():
        tags = tag_tokens(words, proper_nouns=proper_nouns)
        spans = spans_of[section]
        for index, (word, tag) in enumerate(zip(words, tags, strict=True)):
            lower = word.lower()
            columns["glued"].append(index > 0 and spans[index][0] == spans[index - 1][1])
            columns["sentence_id"].append(-1 - section)
            columns["token"].append(word)
            columns["lower"].append(lower)
            columns["lemma"].append(lemmatise(word, tag))
            columns["pos"].append(tag)
            columns["stopword"].append(is_stop_word(lower))
    n = len(columns["token"])
    # Headings are separate sentences and never glued to each other.
    annotated = annotate_lists(token_id=list(range(-n, 0)), **columns)
    return annotated, texts


_TOKEN_LISTS = ("sentence_id", "token", "lower", "lemma", "pos", "stopword", "glued")


def section_titles(sections: pd.DataFrame) -> dict[int, str]:
    """section_id -> heading ("" for none) from a sections table."""
    return {
        int(section): title if isinstance(title, str) else ""
        for section, title in zip(
            sections["section_id"].tolist(), sections["title"].tolist(), strict=True
        )
    }
