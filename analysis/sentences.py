"""Rule-based English sentence segmentation tuned for news text.

The segmenter is a single regex pass over candidate boundaries (terminal punctuation
followed by whitespace) plus a small decision function per candidate. It knows about
abbreviations, initials, acronyms such as "U.S.", decimals, e-mail addresses and URLs,
quotations, parentheses, ellipses, repeated punctuation and list items. A line break is
a boundary unless the caller says the lines are wrapped.
"""

from __future__ import annotations

import re

from analysis.paragraphs import BULLETS


def _word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words`` as a set."""
    return frozenset(words.split())


# Characters that may open or close a quotation or bracket around a sentence; escapes
# spell out the curly single quotes and angle quotes.
_OPENERS = "\"'“\u2018«\u2039([{¿¡"
_CLOSERS = "\"'”\u2019»\u203a)]}"
# The quotes as HTML character references, which text scraped from web pages keeps
# ("said &quot;No.&quot; Then"): &quot; &apos; &ldquo; &rdquo; &lsquo; &rsquo; and their numbers.
_ESCAPED_QUOTE = r"&(?:quot|apos|[lr][sd]quo|\#0*3[49]|\#[xX]0*2[27]|\#821[6-9]|\#822[01]);"
_ESCAPED_QUOTES = re.compile(rf"(?:{_ESCAPED_QUOTE})+")

# Titles and words that are always followed by more of the same sentence.
_NEVER_FINAL = _word_set(
    """
    mr mrs ms messrs mmes dr prof rev fr msgr hon pres gov sen sens rep reps gen lt col
    capt cpt maj sgt cpl pvt cmdr adm brig supt insp det atty amb st mt ft vs v cf viz
    approx ca e.g i.e incl esp
    """
)
# Abbreviations that introduce a number ("No. 2", "p. 55", "Sept. 11").
_BEFORE_NUMBER = _word_set(
    """
    no nos n° nº p pp vol vols art arts fig figs ch chap sec secs para pg pt pts ed eds
    op ref tel ext est nr rt rte hwy ste apt bldg
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Abbreviations that often end a sentence; a new sentence needs a typical opener word.
_SOMETIMES_FINAL = _word_set(
    """
    co corp inc ltd llc plc bros jr sr esq al dept univ govt assn ave blvd rd ph.d
    """
)
_CLOCK = frozenset({"a.m", "p.m"})
# Words that typically open a sentence; a capitalised word not listed here after an
# acronym is taken to continue it ("U.S. President", "U.S. Steel").
_OPENER_WORDS = _word_set(
    """
    the a an this that these those there here it its he she they we i you his her
    their our my your him them us me one some many most all both each every few
    several such other another any no none not nothing nobody everyone someone
    but and or so yet nor if when while where what why how who whom whose which
    after before since as at in on for from with by to of into about during under
    over although though because unless until despite instead however meanwhile
    also still then now today yesterday tomorrow later earlier last next only even
    just yes let please is are was were be been do does did can could would should
    must has have had according asked said
    """
)
# Words that continue a clock time rather than open a sentence ("5 p.m. Tuesday").
_CLOCK_FOLLOWERS = _word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december et est edt ct cst
    cdt mt mst mdt pt pst pdt gmt utc bst cet cest jst kst ist local eastern central
    mountain pacific
    """
)
# Prepositions that open a leading time phrase ("At 5 a.m. Mr. Smith left").
_TIME_PREPOSITIONS = _word_set(
    "at by around about after before until till from since on in early late"
)

# Non-blank stretch of one line, without its surrounding whitespace; the second form
# lets a stretch run over newlines (wrapped lines), not over other line separators.
_LINE = re.compile(r"\S(?:[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*\S)?")
_WRAPPED_LINES = re.compile(r"\S(?:[^\r\v\f\x1c-\x1e\x85\u2028\u2029]*\S)?")
# Candidate boundary: token, terminal punctuation (incl. spaced ". . ."), closers,
# whitespace, then a peek at the next token and its leading letters. The spaced dots
# are taken whole, never given back: a lookahead captures them and a backreference
# consumes them, because a possessive group repeat ``(?:...){0,8}+`` fails to match
# zero times on Python 3.11.0-3.11.2 (and so no sentence ended there).
_CANDIDATE = re.compile(
    r"(?<!\S)(?P<tok>\S*?)"
    r"(?P<term>[.!?…‽]++(?=(?P<spaced>(?: [.!?…]++){0,8}))(?P=spaced))"
    rf"(?P<close>(?:[{re.escape(_CLOSERS)}]|{_ESCAPED_QUOTE})*)"
    r"\s+"
    rf"(?=(?:[{re.escape(_OPENERS)}]|{_ESCAPED_QUOTE})*(?P<next>(?P<word>[^\W\d_]*)\S?))"
)
_ACRONYM = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")
_LIST_LABEL = re.compile(r"\d{1,3}|[^\W\d_]")
_LEADING_FILLER = re.compile(rf"[\s{BULLETS}]*")
# A line that starts like a list item: optional bullet, label, "." / ")" / ".)".
_LIST_START = re.compile(
    rf"(?P<bullet>[{BULLETS}])|(?P<label>\d{{1,3}}|[a-z])(?P<mark>\.\)|[.)])\s"
)
_LIST_ITEM = re.compile(r"(?<=\s)(?P<label>\d{1,3}|[a-z])(?P<mark>\.\)|[.)])(?=\s)")


def split_sentences(
    text: str, *, start: int = 0, end: int | None = None, line_breaks_end: bool = True
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences.

    Args:
        text: The text, typically one paragraph.
        start: Index in ``text`` where segmentation starts.
        end: Index in ``text`` where segmentation stops (default: end of text).
        line_breaks_end: Whether a newline always ends a sentence; false for the
            wrapped lines of one paragraph, where a sentence may go on after a newline.

    Returns:
        ``(start_char, end_char)`` spans as indices into ``text``, in order and
        non-overlapping, each without leading or trailing whitespace. Empty or
        whitespace-only input gives ``[]``.
    """
    end = len(text) if end is None else end
    offset = max(start, 0)
    if offset or end < len(text):
        # Slice so that nothing outside the window influences the decisions.
        text = text[offset:end]
    spans: list[tuple[int, int]] = []
    stretches = _LINE if line_breaks_end else _WRAPPED_LINES
    for line in stretches.finditer(text):
        for item_start, item_end in _list_items(text, line.start(), line.end()):
            _split_stretch(text, item_start, item_end, spans)
    if offset:
        return [(s + offset, e + offset) for s, e in spans]
    return spans


#: The most words, and characters, a sentence holds. A longer stretch without a sentence's
#: end (a transcript without punctuation, a table flattened into text, an image's base64
#: data that scraping left in) is cut into pieces within both bounds: VADER, the actors'
#: context rules and the target model read a sentence whole for each word or mention in it,
#: so one sentence of an article's length would cost time quadratic in the article's. News
#: sentences stay far below (at most 110 tokens in the 9,481 sentences of 500 BBC stories).
MAX_SENTENCE_WORDS = 200
MAX_SENTENCE_CHARS = 2000
_WORD_SPAN = re.compile(r"\S+")
# Where a piece of a stretch too long for one sentence prefers to end: after a clause.
_CLAUSE_END = frozenset(",;:")


def bounded_sentences(
    text: str,
    spans: list[tuple[int, int]],
    *,
    max_words: int = MAX_SENTENCE_WORDS,
    max_chars: int = MAX_SENTENCE_CHARS,
) -> list[tuple[int, int]]:
    """The spans, each cut into pieces of at most ``max_words`` words and ``max_chars``
    characters where it is longer.

    A piece too long in words ends after the last comma, semicolon or colon in its second
    half, or else after its last word; a piece still too long in characters ends at the last
    white space in its second half, or else (one "word" longer than that) at the bound.
    Pieces, like sentences, hold no leading or trailing whitespace.

    Args:
        text: The text the spans index.
        spans: Sentence spans (:func:`split_sentences`).
        max_words: Most whitespace-separated words in a piece.
        max_chars: Most characters in a piece (at least 2).

    Returns:
        The spans, in order; the same list when none is too long.
    """
    short = min(2 * max_words, max_chars)  # so short that it holds at most max_words words
    if all(end - start <= short for start, end in spans):
        return spans
    bounded: list[tuple[int, int]] = []
    for start, end in spans:
        for piece_start, piece_end in _word_pieces(text, start, end, max_words):
            bounded += _character_pieces(text, piece_start, piece_end, max_chars)
    return bounded


def _word_pieces(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``max_words`` words (:func:`bounded_sentences`)."""
    if end - start <= 2 * max_words:
        return [(start, end)]
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text, start, end)]
    pieces, first = [], 0
    while len(words) - first > max_words:
        window = range(first + max_words - 1, first + max_words // 2 - 1, -1)
        last = next((i for i in window if text[words[i][1] - 1] in _CLAUSE_END), window[0])
        pieces.append((words[first][0], words[last][1]))
        first = last + 1
    pieces.append((words[first][0], end) if first else (start, end))
    return pieces


def _character_pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``max_chars`` characters (see
    :func:`bounded_sentences`)."""
    pieces = []
    while end - start > max_chars:
        space = _last_space(text, start + max_chars // 2 + 1, start + max_chars + 1)
        if space is None:
            cut, resume = start + max_chars, start + max_chars
        else:
            cut, resume = _rstrip_index(text, start, space), _lstrip_index(text, space, end)
        pieces.append((start, cut))
        start = resume
    pieces.append((start, end))
    return pieces


def _last_space(text: str, lo: int, hi: int) -> int | None:
    """Index of the last whitespace character of ``text[lo:hi]``, or None."""
    for index in range(hi - 1, lo - 1, -1):
        if text[index].isspace():
            return index
    return None


def _lstrip_index(text: str, start: int, end: int) -> int:
    """``start`` moved right past whitespace, not beyond ``end``."""
    while start < end and text[start].isspace():
        start += 1
    return start


def sentence_texts(text: str) -> list[str]:
    """Split ``text`` into sentences and return them as strings.

    Args:
        text: The text to split.

    Returns:
        The sentences, each an exact slice of ``text`` without surrounding whitespace.
    """
    return [text[s:e] for s, e in split_sentences(text)]


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a line that is a run-in list ("1) a 2) b", "• x • y") into its items."""
    head = _LIST_START.match(text, start, end)
    if head is None:
        return [(start, end)]
    if head["bullet"]:
        # Every later bullet of the same kind opens an item.
        bullet = re.compile(rf"(?<=\s){re.escape(head['bullet'])}")
        cuts = [m.start() for m in bullet.finditer(text, start + 1, end)]
    else:
        cuts = _numbered_cuts(text, start, end, head["label"], head["mark"])
    items, item_start = [], start
    for cut in cuts:
        items.append((item_start, _rstrip_index(text, item_start, cut)))
        item_start = cut
    items.append((item_start, end))
    return items


def _numbered_cuts(text: str, start: int, end: int, label: str, mark: str) -> list[int]:
    """Positions of list labels that continue the sequence begun by ``label``."""
    cuts, expected = [], _next_label(label)
    for m in _LIST_ITEM.finditer(text, start, end):
        if m["mark"] == mark and m["label"] == expected:
            cuts.append(m.start())
            expected = _next_label(expected)
    return cuts


def _next_label(label: str) -> str:
    """The label after ``label`` in a list: "2" after "1", "b" after "a"."""
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _rstrip_index(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing whitespace, not before ``start``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _split_stretch(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentence spans of the stripped stretch ``text[start:end]``."""
    sentence_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m["next"][:1].islower():
            continue  # a lower-case word never starts a sentence: "Yahoo! in", "co. at"
        cut = _boundary(text, m, sentence_start)
        if cut is not None:
            spans.append((sentence_start, cut[0]))
            sentence_start = cut[1]
    spans.append((sentence_start, end))


def _boundary(text: str, m: re.Match[str], sentence_start: int) -> tuple[int, int] | None:
    """Decide a candidate: ``(end of this sentence, start of next)`` or None to go on."""
    term, tok = m["term"], m["tok"]
    cut = (m.end("close"), m.end())
    if term == ".":
        return cut if _period_ends(text, m, sentence_start) else None
    if "!" in term or "?" in term or "‽" in term:
        return cut
    return _ellipsis_boundary(m, tok, term, cut)


def _ellipsis_boundary(
    m: re.Match[str], tok: str, term: str, cut: tuple[int, int]
) -> tuple[int, int] | None:
    """Ellipses: "[...]" and a free-standing "..." mark omissions inside a sentence."""
    if tok.endswith(("[", "(")):
        return None
    dots = term.count(".") + 3 * term.count("…")
    if not tok:
        # " . . . ." is a period plus an ellipsis; " . . ." alone is an omission.
        return cut if dots >= 4 else None
    if term.startswith(". ") and dots >= 4:
        # "word. . . . Next": the period ends the sentence, the ellipsis opens the next.
        period_end = m.start("term") + 1
        return (period_end, period_end + 1)
    return cut


def _period_ends(text: str, m: re.Match[str], sentence_start: int) -> bool:
    """Whether a single period followed by a non-lower-case token ends the sentence."""
    tok_start = m.start("tok")
    core = _ESCAPED_QUOTES.sub("", m["tok"]).lstrip(_OPENERS + BULLETS).rstrip(_CLOSERS)
    key = core.lower()
    if _LIST_LABEL.fullmatch(core) and _at_sentence_start(text, sentence_start, tok_start):
        return False  # list label or leading initial: "1. The first", "J. Smith said"
    if key in _NEVER_FINAL:
        return False
    is_initial = len(core) == 1 and core.isupper()
    is_acronym = _ACRONYM.fullmatch(key) is not None
    if m["next"][:1].isdigit():
        # "No. 2", "Sept. 11", "U.S. 10-year"; a plain word before a number ends.
        return not (key in _BEFORE_NUMBER or key in _SOMETIMES_FINAL or is_acronym or is_initial)
    word = m["word"].lower()
    if is_initial:
        # "Albert I. Jones" goes on; "you and I. Did" and "Plan B. It" end.
        previous = _previous_word(text, sentence_start, tok_start)
        return word in _OPENER_WORDS or previous[:1].islower()
    if key in _CLOCK:
        leading = _leading_time_phrase(text, sentence_start, tok_start)
        return not leading and word not in _CLOCK_FOLLOWERS
    if key in _SOMETIMES_FINAL or is_acronym:
        return word in _OPENER_WORDS
    return True


def _at_sentence_start(text: str, sentence_start: int, tok_start: int) -> bool:
    """Whether only whitespace and bullets precede ``tok_start`` in the sentence."""
    return _LEADING_FILLER.fullmatch(text, sentence_start, tok_start) is not None


def _previous_word(text: str, sentence_start: int, tok_start: int) -> str:
    """The whitespace-delimited word before ``tok_start`` within the sentence."""
    words = text[sentence_start:tok_start].rsplit(maxsplit=1)
    return words[-1].lstrip(_OPENERS) if words else ""


def _leading_time_phrase(text: str, sentence_start: int, tok_start: int) -> bool:
    """Whether the words before a clock time form a short opener: "At 5 a.m. Mr. X"."""
    words = text[sentence_start:tok_start].split()
    if len(words) <= 2:
        return True
    return len(words) <= 5 and words[0].lower() in _TIME_PREPOSITIONS
