"""The Python API used by the rest of Zicht."""

import threading

import pytest

from zicht.detection import CATEGORIES, Detection, DetectionInputError, detect, detect_many


def test_detect_returns_the_full_contract() -> None:
    result = detect("kom om 8 uur bij zuidplein, neem je mes mee, we gaan hem pakken")
    assert isinstance(result, Detection)
    assert set(result.scores) == set(CATEGORIES)
    assert result.labels
    assert result.urgency in {"acuut", "hoog", "normaal", "laag"}


def test_empty_text_has_no_labels_and_no_urgency() -> None:
    for text in ("", "   ", "\n"):
        result = detect(text)
        assert result.labels == [] and result.urgency is None and result.evidence == []


def test_harmless_figure_of_speech_is_not_a_signal() -> None:
    assert detect("ik ga dood van het lachen 😂").labels == []


def test_substances_only_accompany_middelen() -> None:
    for result in detect_many(["💜🥤 vanavond bij mij", "we doen ballonnen vanavond 🎈", "hoi"]):
        assert bool(result.substances) <= ("middelen" in result.labels)


def test_evidence_is_exact_original_text_of_a_predicted_label() -> None:
    texts = [
        "F.I.T.T.I.E om 9 bij de skatebaan!!",
        "ik wil niet meer leven, dit is mijn laatste bericht",
    ]
    for text, result in zip(texts, detect_many(texts), strict=True):
        for item in result.evidence:
            assert text[item.start : item.end] == item.text
            assert item.label in result.labels


def test_detect_many_matches_detect() -> None:
    texts = ["hoi", "wie wil snel geld verdienen, pinpas uitlenen", "ik haat mezelf"]
    assert detect_many(texts) == [detect(t) for t in texts]


def test_non_string_and_too_long_input_raise() -> None:
    with pytest.raises(DetectionInputError):
        detect(42)  # type: ignore[arg-type]
    with pytest.raises(DetectionInputError, match="too long"):
        detect("a" * 100_000)


def test_garbage_text_is_analysed_without_crashing() -> None:
    garbage = "".join(chr(c) for c in range(0, 0x3000, 7))
    result = detect(garbage)
    assert set(result.scores) == set(CATEGORIES)


def test_concurrent_use_gives_the_same_answers() -> None:
    texts = ["neem je mes mee", "ik wil dood", "weet iemand een bijbaan?"] * 20
    expected = detect_many(texts)
    outcomes: list[list[Detection]] = []

    def work() -> None:
        outcomes.append(detect_many(texts))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [expected] * 4
