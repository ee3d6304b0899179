"""Normalisation: disguises become plain words, and every character maps back exactly."""

from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.detection.normalise import normalise

DISGUISE_ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyzABCDEFZ0134578@$ .,-_*'?!éëïöüÉ",
        "🔪",
        "💜🥤",
        "🎈",
        "💊",
        "\u200b",
        "\ufe0f",
        "İ",
        "ß",
        "ﬁ",
        "𝓯",
        "\n",
        "👍🏽",
    ]
)
texts = st.lists(DISGUISE_ALPHABET, max_size=60).map("".join) | st.text(max_size=80)


@given(texts)
@settings(max_examples=400, deadline=None)
def test_every_normalised_character_maps_to_a_valid_original_range(text: str) -> None:
    result = normalise(text)
    assert len(result.starts) == len(result.ends) == len(result.text)
    for start, end in zip(result.starts, result.ends, strict=True):
        assert 0 <= start <= end <= len(text)


FILLER = st.lists(
    st.sampled_from(["kom", "we", "ik", "jij", "vanavond", "bij", "de", "school", "echt", "ja!"]),
    max_size=6,
).map(" ".join)


def _disguise(word: str, style: int) -> str:
    leet = str.maketrans({"i": "1", "e": "3", "a": "4", "o": "0", "s": "5", "t": "7"})
    variants = [
        word,
        word.upper(),
        word.translate(leet),
        " ".join(word),
        ".".join(word),
        word[0] + word[1] * 4 + word[2:],
        f"{word[0].upper()}{word[1:]}",
    ]
    return variants[style % len(variants)]


@given(FILLER, st.sampled_from(["fittie", "lachgas", "matten", "wapen"]), st.integers(0, 6), FILLER)
@settings(max_examples=400, deadline=None)
def test_a_disguised_word_maps_back_to_exactly_its_original_characters(
    before: str, word: str, style: int, after: str
) -> None:
    disguised = _disguise(word, style)
    text = f"{before} {disguised} {after}"
    result = normalise(text)
    index = f" {result.text} ".index(f" {word} ")
    start, end = result.span(index, index + len(word))
    assert text[start:end] == disguised
    assert (start, end) == (len(before) + 1, len(before) + 1 + len(disguised))


@given(texts)
@settings(max_examples=200, deadline=None)
def test_original_ranges_never_go_backwards(text: str) -> None:
    result = normalise(text)
    word_starts = [s for s, c in zip(result.starts, result.text, strict=True) if c != " "]
    assert word_starts == sorted(word_starts)


def test_case_accents_and_elongation_are_folded() -> None:
    assert normalise("HEEEEEL Café NAÏEF").text == "heel cafe naief"


def test_leetspeak_becomes_letters_but_times_and_numbers_stay() -> None:
    assert normalise("f1tt1e m3s kl4pp3n").text == "fittie mes klappen"
    assert normalise("om 8u of 20:30, 06-12345678").text == "om 8u of 20 30 06 12345678"


def test_spaced_and_dotted_letters_are_joined() -> None:
    assert normalise("f i t t i e").text == "fittie"
    assert normalise("f.i.t.t.i.e vanavond").text == "fittie vanavond"


def test_asterisks_that_mask_letters_are_dropped_however_many() -> None:
    assert normalise("vieze n*ger").text == "vieze nger"
    assert normalise("vieze n**ger").text == "vieze nger"
    result = normalise("jij k***nker")
    index = result.text.index("knker")
    assert result.original[slice(*result.span(index, index + 5))] == "k***nker"
    assert normalise("5 * 3").text == "5 3"


def test_emoji_become_dutch_words_mapped_to_the_emoji() -> None:
    result = normalise("neem 🔪 mee")
    assert "mes" in result.text.split(" ")
    index = result.text.index("mes")
    assert result.original[slice(*result.span(index, index + 3))] == "🔪"
    assert "lean" in normalise("💜🥤 vanavond").text


def test_chat_abbreviations_are_expanded() -> None:
    assert normalise("kga ff w8 wrm idd").text == "ik ga even wacht waarom inderdaad"


def test_empty_and_whitespace_text_normalise_to_nothing() -> None:
    assert normalise("").text == ""
    assert normalise(" \n\t ").text == ""
