"""Names as keys: one spelling-insensitive key per name, a URL slug, a place's demonym."""

from __future__ import annotations

import re
import unicodedata


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
