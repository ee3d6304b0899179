"""Feature rows: the fast path at run time must build exactly what training saw."""

from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.detection.features import char_grams, fit_vocabulary
from zicht.detection.lexicon import get_lexicon
from zicht.detection.normalise import normalise

TRAINING = [
    "kom om 8 uur bij zuidplein neem je mes mee",
    "ik heb een mes nodig voor de taart",
    "wie heeft ballonnen voor vanavond",
    "ballonnen voor het feest van amira",
    "ik ga dood van het lachen",
    "mn moeder heeft me eruit gegooid",
]
WORDS = st.sampled_from(
    ["mes", "taart", "ballonnen", "kom", "neem", "je", "feest", "dood", "lachen", "xyz", "a"]
)


def char_columns(vocab, text: str) -> set[int]:
    """Columns of the character block of one text, as the model sees them."""
    normalised = normalise(text)
    row = vocab.matrix([normalised], [get_lexicon().scan(normalised)])
    return {c for c in row.indices if len(vocab.words) <= c < len(vocab.words) + len(vocab.chars)}


def test_character_grams_stay_inside_words() -> None:
    grams = char_grams("mes mee")
    assert " me" in grams and "mes " in grams and "ee " in grams
    assert not any(" " in gram.strip() for gram in grams)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=0, max_size=8))
def test_cached_columns_match_the_grams_training_counted(words: list[str]) -> None:
    vocab = fit_vocabulary([normalise(t) for t in TRAINING], min_df=1)
    text = " ".join(words)
    expected = {
        len(vocab.words) + vocab.chars[g]
        for g in char_grams(normalise(text).text)
        if g in vocab.chars
    }
    assert char_columns(vocab, text) == expected
    assert char_columns(vocab, text) == expected  # warm cache, same answer


def known_vocab(*texts: str):
    return fit_vocabulary([normalise(t) for t in texts], min_df=1)


def test_a_typo_reads_as_the_vocabulary_word_it_misspells() -> None:
    vocab = known_vocab(*TRAINING)
    assert vocab.known_form("balonnen") == "ballonnen"  # a letter dropped
    assert vocab.known_form("lachenn") == "lachen"  # a letter added
    assert vocab.known_form("moedar") == "moeder"  # a letter changed
    assert vocab.known_form("feets") == "feest"  # two letters swapped


def test_known_short_and_unmatched_words_stay_as_they_are() -> None:
    vocab = known_vocab(*TRAINING)
    assert vocab.known_form("taart") == "taart"
    assert vocab.known_form("mez") == "mez"  # too short to guess: mes, met, mee?
    assert vocab.known_form("skateboard") == "skateboard"
    assert vocab.known_form("m3s") == "m3s"


def test_the_most_frequent_of_two_close_words_wins() -> None:
    vocab = known_vocab("kaas", "kaas eten", "lekkere kaas", "een kast")
    assert vocab.known_form("kaat") == "kaas"


def test_a_misspelt_text_gets_the_word_and_character_features_of_the_clean_one() -> None:
    vocab = known_vocab(*TRAINING)
    width = len(vocab.words) + len(vocab.chars)

    def ngram_columns(text: str) -> list[int]:
        normalised = normalise(text)
        row = vocab.matrix([normalised], [get_lexicon().scan(normalised)])
        return sorted(c for c in row.indices if c < width)

    assert ngram_columns("wie heeft balonnen voor vanavnod") == ngram_columns(
        "wie heeft ballonnen voor vanavond"
    )
