"""Lexicon matching over normalised text, with benign phrases and contexts."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.detection.lexicon import build_lexicon, pattern_anchors
from zicht.detection.normalise import normalise


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon()


def categories(lexicon, text: str) -> set[str]:
    return {h.key for h in lexicon.scan(normalise(text)).hits if h.group == "cat"}


def test_disguised_terms_match(lexicon) -> None:
    assert "geweld" in categories(lexicon, "F1TT1E vanavond")
    assert "geweld" in categories(lexicon, "f i t t i e bij de metro")
    assert "wapens" in categories(lexicon, "neem je 🔪 mee")


def test_slurs_masked_with_asterisks_still_match(lexicon) -> None:
    assert "pesten" in categories(lexicon, "je bent gewoon een vieze n*ger")
    assert "pesten" in categories(lexicon, "vuile fl**kker")


def test_benign_phrase_cancels_the_overlapping_match(lexicon) -> None:
    scan = lexicon.scan(normalise("ik ga dood van het lachen"))
    assert "mentaal" not in {h.key for h in scan.hits if h.group == "cat"}
    assert scan.cancelled


def test_mes_en_vork_is_not_a_weapon(lexicon) -> None:
    assert "wapens" not in categories(lexicon, "leg het mes en vork maar neer")
    assert "wapens" in categories(lexicon, "hij had een mes bij zich")


def test_schieten_op_doel_is_football(lexicon) -> None:
    assert "wapens" not in categories(lexicon, "we gaan schieten op doel na school")


def test_benign_context_cancels_only_ambiguous_terms(lexicon) -> None:
    weak = lexicon.scan(normalise("ballonnen voor de verjaardag van mn zus"))
    assert "middelen" not in {h.key for h in weak.hits if h.group == "cat"}
    strong = lexicon.scan(normalise("lachgas op de verjaardag"))
    assert "middelen" in {h.key for h in strong.hits if h.group == "cat"}


def test_matches_respect_word_boundaries(lexicon) -> None:
    assert "wapens" not in categories(lexicon, "mesthoop en messing")


def test_prefix_terms_match_longer_words(lexicon) -> None:
    assert "mentaal" in categories(lexicon, "ik heb zelfmoordgedachten")


def test_substances_help_and_urgency_cues_are_found(lexicon) -> None:
    hits = lexicon.scan(normalise("weet iemand een bijbaan? vanavond 💜🥤")).hits
    found = {(h.group, h.key) for h in hits}
    assert ("help", "werk") in found
    assert ("sub", "lean") in found
    assert ("urg", "time") in found


def test_lexicon_has_a_version(lexicon) -> None:
    assert lexicon.version


def test_group_hate_patterns_decide_but_not_in_counter_speech(lexicon) -> None:
    assert lexicon.scan(normalise("homo's zijn walgelijk")).forced() == {"pesten"}
    assert lexicon.scan(normalise("ik vind dat vrouwen minder waard zijn")).forced() == {"pesten"}
    assert (
        lexicon.scan(normalise("zeggen dat homo's walgelijk zijn is racistisch")).forced() == set()
    )
    assert lexicon.scan(normalise("ik haat geen moslims")).forced() == set()


def test_a_pattern_matches_where_its_anchor_word_occurs(lexicon) -> None:
    hits = lexicon.scan(normalise("om 20:30 bij de metro")).hits
    assert any(h.group == "urg" and h.key == "time" and h.weight >= 0.9 for h in hits)


@pytest.mark.parametrize(
    ("pattern", "anchors"),
    [
        (r"\b(moslims?|joden) zijn", ["moslim", "joden"]),
        (r"\b(vieze |je bent (gewoon )?(een )?)(neger)\b", ["vieze", "je bent"]),
        (r"\b\d{1,2}(u|uur)\b", list("0123456789")),
        (r"\b(\d+|honderd) euro", [*"0123456789", "honderd"]),
        (r"\bmessen?\b", ["messe"]),
        (r"\bab*c", ["a"]),
    ],
)
def test_anchors_are_the_literal_start_of_every_match(pattern: str, anchors: list[str]) -> None:
    assert pattern_anchors(pattern) == anchors


@pytest.mark.parametrize(
    "pattern", [r"(foo)", r"\b(foo )?bar", r"\bfoo|bar", r"\b(?:foo)", r"\b[abc]x", r"\b.oo"]
)
def test_a_pattern_without_a_literal_start_always_runs(pattern: str) -> None:
    assert pattern_anchors(pattern) is None


PATTERN_WORDS = st.sampled_from(
    [
        "ik",
        "ga",
        "je",
        "we",
        "wij",
        "mijn",
        "zusje",
        "wordt",
        "elke",
        "dag",
        "gepest",
        "8",
        "20",
        "30",
        "500",
        "uur",
        "u",
        "euro",
        "per",
        "dag",
        "schuld",
        "om",
        "half",
        "vieze",
        "kanker",
        "neger",
        "moslims",
        "zijn",
        "joden",
        "dood",
        "aan",
        "ballonnen",
        "paarse",
        "drank",
        "mes",
        "neem",
        "mee",
        "foto",
        "anders",
        "leen",
        "pinpas",
        "?",
        "!",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(PATTERN_WORDS, max_size=14))
def test_trying_patterns_at_anchors_finds_what_a_full_scan_finds(lexicon, words) -> None:
    everywhere = dataclasses.replace(lexicon, untriggered=frozenset(range(len(lexicon.patterns))))
    text = normalise(" ".join(words))
    assert lexicon.scan(text) == everywhere.scan(text)


def forced(lexicon, text: str) -> set[str]:
    return lexicon.scan(normalise(text)).forced()


def test_plain_statements_of_being_bullied_decide(lexicon) -> None:
    assert forced(lexicon, "ik word elke dag gepest op school") == {"pesten"}
    assert forced(lexicon, "mijn zusje wordt al weken uitgescholden") == {"pesten"}
    assert forced(lexicon, "we hebben een week tegen pesten op school") == set()


def test_a_threat_against_a_group_decides_unless_it_is_reported(lexicon) -> None:
    assert forced(lexicon, "ik ga al die joden vermoorden") == {"pesten", "geweld"}
    assert forced(lexicon, "hij zei dat: ik ga al die moslims vermoorden. schaam je") == set()


def test_own_drug_use_decides_but_refusal_does_not(lexicon) -> None:
    assert forced(lexicon, "ik heb gisteren lachgas gedaan met vrienden") == {"middelen"}
    assert forced(lexicon, "ik heb nooit lachgas gedaan") == set()
    assert forced(lexicon, "wees voorzichtig met lachgas") == set()


def test_lending_a_bank_card_for_money_decides_unless_it_is_a_warning(lexicon) -> None:
    assert forced(lexicon, "wil je snel geld verdienen? leen je pinpas uit") == {"criminaliteit"}
    assert forced(lexicon, "iemand vroeg of ik mijn pinpas wil uitlenen voor 200 euro") == {
        "criminaliteit"
    }
    assert forced(lexicon, "pas op: leen nooit je pinpas uit aan onbekenden") == set()
    assert forced(lexicon, "mag ik je pinpas lenen voor de boodschappen") == set()


def test_a_slur_thrown_at_someone_decides(lexicon) -> None:
    assert "pesten" in forced(lexicon, "Je bent gewoon een vieze n*ger")
    assert "pesten" in forced(lexicon, "jij mongool, niemand wil je hier")
    assert forced(lexicon, "de mongoolse keuken is lekker") == set()


def test_a_quoted_slur_is_not_decisive(lexicon) -> None:
    assert forced(lexicon, '"homo\'s zijn ziek" zei hij, echt walgelijk') == set()
