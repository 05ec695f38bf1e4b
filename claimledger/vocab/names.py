"""Names as keys: one spelling-insensitive key per name, a URL slug, a place's demonym."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from gender_guesser.detector import Detector


def name_key(name: str) -> str:
    """Alias lookup key: case, accents, punctuation and transliteration variants folded.

    "Zelenskyy", "Zelenskiy" and "Zelensky" share a key, as do "Orbán's" and "Orban".
    """
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"(['’]s|['’])\b", "", s)
    words = re.findall(r"[a-z0-9]+", s)
    out = []
    for w in words:
        w = re.sub(r"(iy|yi|ii|yy)$", "y", w)
        w = re.sub(r"([a-z])\1+", r"\1", w)
        out.append(w)
    return " ".join(out)


@cache
def _detector() -> Detector:
    return Detector(case_sensitive=False)


def first_name_gender(word: str) -> str | None:
    """'f' or 'm' for a given name the name lists are sure of ('Natalia', 'Yevgeny'), else None
    ('Xi', 'Jordan', a surname): how 'she' finds its person when the article never says 'Ms'."""
    if not word.istitle() or not word.isalpha():
        return None
    found = _detector().get_gender(word)
    return {"female": "f", "male": "m"}.get(found)


def slugify(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", s)) or "actor"


def demonym(place: str) -> str:
    """'Russia' -> 'Russian', 'Ukraine' -> 'Ukrainian', 'Veloria' -> 'Velorian'; other names stay."""
    if place.endswith("ia"):
        return place + "n"
    if place.endswith("ine"):
        return place[:-1] + "ian"
    return place
