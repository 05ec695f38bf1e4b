"""Number expressions on the surface: "55,000", "1.2 million", "two to two-and-a-half", "$12trn", "a fifth".

Pure string work over a token window, so the same grammar serves figures in any sentence.
"""

from __future__ import annotations

import re

from ..vocab.en import CURRENCY_SIGNS, SCALES, UNITS_WORDS

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
