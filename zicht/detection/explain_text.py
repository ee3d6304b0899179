"""A readable Dutch explanation of one detection, for ``zicht detect --text``."""

from __future__ import annotations

from zicht.detection.schema import CATEGORIES, Detection

LABELS_NL = {
    "geweld": "Vechtpartijen, geweld en bedreiging",
    "wapens": "Wapens",
    "exposing": "Exposing, sexting en sextortion",
    "pesten": "Pesten, discriminatie en haat",
    "middelen": "Middelengebruik en schadelijke trends",
    "mentaal": "Mentale nood, zelfbeschadiging en suïcide",
    "uitbuiting": "Seksuele uitbuiting en grooming",
    "criminaliteit": "Criminaliteit en ronselen",
    "radicalisering": "Radicalisering en extremisme",
    "geld": "Gokken, schulden en geldproblemen",
    "thuis": "Thuissituatie",
}
URGENCY_NL = {
    "acuut": "acuut: gevaar nu of binnen uren, eerste actie binnen 1 uur",
    "hoog": "hoog: ernstig en recent, eerste actie binnen 24 uur",
    "normaal": "normaal: zorgelijk, opvolgen binnen een week",
    "laag": "laag: context om te weten, nu geen actie nodig",
}


def describe(text: str, detection: Detection) -> str:
    lines = [f"Tekst: {text}"]
    if not detection.labels:
        lines.append("Geen signaal gevonden.")
    for label in detection.labels:
        lines.append(f"- {LABELS_NL[label]} ({label}), score {detection.scores[label]:.2f}")
        words = [f'"{e.text}" ({e.start}-{e.end})' for e in detection.evidence if e.label == label]
        if words:
            lines.append(f"    op grond van: {', '.join(words)}")
    if detection.urgency:
        lines.append(f"Urgentie: {URGENCY_NL[detection.urgency]}")
    if detection.substances:
        lines.append(f"Middelen: {', '.join(detection.substances)}")
    if detection.help:
        lines.append(f"Hulpvraag: {', '.join(detection.help)}")
    near = sorted(
        (c for c in CATEGORIES if c not in detection.labels),
        key=lambda c: -detection.scores[c],
    )[:3]
    lines.append(
        "Hoogste overige scores: " + ", ".join(f"{c} {detection.scores[c]:.2f}" for c in near)
    )
    return "\n".join(lines)
