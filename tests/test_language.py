"""Does an article read as English? (analysis/language.py)"""

from hypothesis import given
from hypothesis import strategies as st

from analysis.language import MIN_WORDS, latin_share, not_english_reason
from analysis.tokens import split_tokens

ENGLISH = (
    "The prime minister met the president on Thursday, and the two leaders said that the"
    " alliance was stronger than it had been for years, according to officials who were"
    " briefed on the talks."
)
GERMAN = (
    "Der Premierminister traf den Präsidenten am Donnerstag, und die beiden sagten, dass"
    " das Bündnis stärker sei als seit Jahren, wie die Regierung mitteilte."
)
SPANISH = (
    "El primer ministro japonés se reunió el jueves con el presidente de Estados Unidos en"
    " la Casa Blanca. Ambos líderes hablaron sobre la alianza de seguridad, el comercio y la"
    " energía, según los analistas."
)
FRENCH = (
    "Le Premier ministre japonais a rencontré jeudi le président américain à la Maison"
    " Blanche. Les deux dirigeants ont parlé de l'alliance de sécurité, du commerce et de"
    " l'énergie, selon les analystes."
)
INDONESIAN = (
    "Kanselir Jerman Angela Merkel pada Kamis mendesak pemerintah baru Myanmar membebaskan"
    " tahanan politik, saat ia berbicara dengan aktivis pro-demokrasi melalui telepon, kata"
    " pihak Berlin."
)


def tokens(text):
    return [text[start:end] for start, end in split_tokens(text)]


def test_english_news_reads_as_english():
    assert not_english_reason(tokens(ENGLISH)) is None


def test_other_languages_in_latin_letters_are_named_with_their_share_of_english_words():
    assert not_english_reason(tokens(GERMAN)) == "38% of its 16 lower-case words are English words"
    assert not_english_reason(tokens(SPANISH)).endswith("lower-case words are English words")
    for text in (FRENCH, INDONESIAN):
        assert not_english_reason(tokens(text)) is not None


def test_other_alphabets_are_named_by_their_letters_however_few_their_spaces():
    japanese = "東京株式市場で日経平均株価は上昇した。輸出関連株が買われた。"
    assert not_english_reason(tokens(japanese)) == "0% of its letters Latin"
    russian = "Премьер-министр встретился с президентом в четверг и обсудил торговлю."
    assert not_english_reason(tokens(russian)) == "0% of its letters Latin"


def test_short_texts_names_and_lists_are_not_judged():
    # a headline, a Greek name in English, a box score: too few lower-case words to tell
    assert not_english_reason(tokens("Stocks rally after Fed decision")) is None
    assert not_english_reason(tokens("Tsipras (Τσίπρας) wins the Greek election again")) is None
    box = "Arsenal 2 Chelsea 1; Liverpool 3 Everton 0; Spurs 1 Fulham 1; Leeds 0 Wolves 2."
    assert not_english_reason(tokens(box)) is None
    assert not_english_reason([]) is None


def test_english_with_unusual_words_keeps_its_function_words():
    # jargon, slang and typos the lexicon does not know, but "the", "of", "and" are there
    text = (
        "the devs shipped the zkrollup upgrade and the validators grokked the slashing"
        " conditions of the restaking protocol, which the mainnet forks had borked"
    )
    assert not_english_reason(tokens(text)) is None


def test_latin_share_counts_letters_up_to_latin_extended():
    assert latin_share(["Łódź", "Škoda", "café"]) == 1.0
    assert latin_share(["Москва", "abcdefghijklmn"]) == 0.7
    assert latin_share(["Москва"]) == 1.0  # too few letters to judge


@given(st.lists(st.sampled_from(["the", "minister", "said", "talks", "trade", "of"]), max_size=60))
def test_any_run_of_english_words_reads_as_english(words):
    assert not_english_reason(words) is None


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1), max_size=80))
def test_the_verdict_is_none_or_a_reason_and_needs_enough_words(words):
    reason = not_english_reason(words)
    assert reason is None or "lower-case words are English words" in reason
    if len(words) < MIN_WORDS:
        assert reason is None
