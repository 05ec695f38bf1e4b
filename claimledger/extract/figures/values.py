"""The value of one number expression: a value or a range, its currency, whether it is a percentage."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Token

from ...vocab.money import SUBUNITS, named, sign_of
from ..numbers import compact_value, word_value


class ParsedNumber(NamedTuple):
    value: float | None
    low: float | None
    high: float | None
    currency: str | None
    percent: bool


def parse_number(tokens: list[Token]) -> ParsedNumber:
    """value, low, high, currency, percent from the tokens of one number expression (qualifier excluded)."""
    words: list[str] = []
    for t in tokens:  # '100' + 'm' written '100m': one compact number
        if words and t.lower_ in ("k", "m", "mn", "bn", "b", "trn", "tn") and re.search(r"\d$", words[-1]) \
                and tokens[tokens.index(t) - 1].whitespace_ == "":
            words[-1] += t.text
        else:
            words.append(t.text)
    low_words = [w.lower() for w in words]
    currency, percent, scale = None, False, 1.0
    clean: list[str] = []
    for i, w in enumerate(words):
        lw = w.lower()
        sign = sign_of(w)
        if sign is not None:  # '$', 'A$', 'HK$10': the sign, and the number glued to it
            currency, w = sign
            if not w:
                continue
            lw = w.lower()
        if lw in ("%", "percent", "pc") or lw == "per" and low_words[i + 1:i + 2] == ["cent"] or \
                lw == "cent" and low_words[i - 1:i] == ["per"]:
            percent = True
            continue
        if lw in SUBUNITS:  # '45 cents': a hundredth of the currency
            currency, scale = SUBUNITS[lw], 0.01
            continue
        name = named(words[max(0, i - 1):i + 1])
        if name is not None:  # 'dollars', 'Australian dollars'
            currency = name[0]
            if name[1] == 2 and clean and clean[-1] == words[i - 1]:
                clean.pop()
            continue
        comp = compact_value(w)
        if comp is not None and not re.match(r"^\d+(\.\d+)?$", w):
            currency = currency or comp[1]
            clean.append(repr(comp[0]))
            continue
        clean.append(w)
    joined = " ".join(clean)
    # ranges: "between A and B", "A to B", "A-B", "A–B"
    parts = re.split(r"\s*(?:\bto\b|–|—|-(?=\s*\d)|\band\b(?=.*\d)|\bor\b)\s*", re.sub(r"^between\s+", "", joined))
    if "between" in low_words or len(parts) == 2 and all(p.strip() for p in parts):
        if len(parts) == 2:
            a, b = (word_value(p.split()) for p in parts)
            if a is not None and b is not None:
                # "two to 2.5 million": the scale of the high end carries to the low one
                scale_b = re.search(r"(million|billion|trillion|thousand|bn|trn|m)\b", parts[1])
                if scale_b and not re.search(r"(million|billion|trillion|thousand|bn|trn)", parts[0]) and a < b / 1000:
                    a = word_value(parts[0].split() + [scale_b.group(1)])
                if a is not None and a <= b:
                    return ParsedNumber(None, a * scale, b * scale, currency, percent)
    v = word_value(clean)
    if v is None:
        try:
            v = float(clean[0]) if len(clean) == 1 else None
        except ValueError:
            v = None
    return ParsedNumber(v * scale if v is not None else None, None, None, currency, percent)
