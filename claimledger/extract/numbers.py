"""Number expressions on the surface: "55,000", "1.2 million", "two to two-and-a-half", "$12trn", "a fifth".

Pure string work over a token window, so the same grammar serves figures in any sentence.
"""

from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "trn": 1e12, "tn": 1e12}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "sixth": 1 / 6, "tenth": 0.1,
             "two-thirds": 2 / 3, "three-quarters": 0.75}
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB", "¥": "JPY"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
                  "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "hryvnia": "UAH",
                  "hryvnias": "UAH", "hryvnas": "UAH", "uah": "UAH", "rouble": "RUB", "roubles": "RUB",
                  "ruble": "RUB", "rubles": "RUB", "rub": "RUB", "yen": "JPY", "yuan": "CNY", "crowns": "crowns",
                  "crown": "crowns", "kronor": "SEK", "zloty": "PLN", "zlotys": "PLN"}
QUALIFIERS = ["more than", "less than", "fewer than", "at least", "at most", "up to", "as many as", "as much as",
              "as few as", "close to", "nearly", "almost", "about", "around", "approximately", "roughly", "some",
              "over", "under", "just over", "just under", "upwards of", "an estimated", "estimated", "below",
              "above", "in excess of", "no fewer than", "no less than", "not more than", "roughly", "circa", "c."]
_NUM = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_COMPACT = re.compile(r"^([$€£₴₽¥])?(\d+(?:[.,]\d+)?)(k|m|mn|bn|b|trn|tn)?$", re.I)


def word_value(words: list[str]) -> float | None:
    """'two', 'twenty-five', '1.2 million', '55,000', 'two-and-a-half' -> value; None when not a number."""
    parts: list[str] = []
    for raw in words:
        w = raw.lower().strip()
        if w:
            parts.extend([w] if _NUM.match(w) else [p for p in w.split("-") if p])
    total, current, seen, i = 0.0, 0.0, False, 0
    while i < len(parts):
        p = parts[i]
        if p == "and" and parts[i + 1:i + 3] == ["a", "half"] and seen:
            current += 0.5
            i += 3
            continue
        if _NUM.match(p):
            current += float(p.replace(",", ""))
            seen = True
        elif p in UNITS_WORDS and not (p in ("a", "an") and seen):
            current += UNITS_WORDS[p]
            seen = True
        elif p in SCALES and seen:
            if SCALES[p] >= 1e3:
                total += (current or 1) * SCALES[p]
                current = 0.0
            else:
                current = (current or 1) * SCALES[p]
        elif p != "and" or not seen:
            return None
        i += 1
    return total + current if seen else None


def compact_value(token: str) -> tuple[float, str | None] | None:
    """'$12trn' -> (12e12, 'USD'); '€170bn' -> (170e9, 'EUR'); '40' -> (40, None)."""
    m = _COMPACT.match(token)
    if not m:
        return None
    sign, num, scale = m.groups()
    if "," in num and not re.match(r"^\d{1,3}(,\d{3})+$", num):
        num = num.replace(",", ".")
    value = float(num.replace(",", ""))
    if scale:
        value *= SCALES[scale.lower()]
    return value, CURRENCY_SIGNS.get(sign or "")
