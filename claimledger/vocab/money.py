"""Currencies by sign and by English name, from the CLDR data Babel ships ('A$', 'HK$', '₪', 'Australian
dollars', 'Chinese yuan'), with the everyday defaults of English news ('$' is USD, 'dollars' USD, 'pounds'
GBP) and the subunits ('45 cents', '20 pence')."""

from __future__ import annotations

import re
from functools import lru_cache

from .en import CURRENCY_SIGNS, CURRENCY_WORDS

# a hundredth of a currency, named on its own
SUBUNITS = {"cent": "USD", "cents": "USD", "pence": "GBP", "penny": "GBP", "kopeck": "RUB", "kopecks": "RUB",
            "kopek": "RUB", "kopeks": "RUB", "kopiyka": "UAH", "kopiykas": "UAH", "eurocent": "EUR", "eurocents": "EUR"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    en = Locale("en")
    signs = {s: code for code, s in en.currency_symbols.items() if s != code and not s.isalpha() and s != "¤"}
    signs.update({"US$": "USD", "C$": "CAD", "AU$": "AUD", "S$": "SGD"})  # forms English news writes too
    signs.update(CURRENCY_SIGNS)  # '$' USD, '¥' JPY: the everyday reading
    names: dict[str, str] = {}
    plural = en._data["currency_names_plural"]
    for code, name in en.currencies.items():
        names[name.lower()] = code
        forms = plural.get(code)
        if forms is not None:
            for form in (forms.get("one"), forms.get("other")):
                if form:
                    names[form.lower()] = code
    return signs, names


def sign_of(text: str) -> tuple[str, str] | None:
    """'HK$10' -> ('HKD', '10'); '€' -> ('EUR', ''): the currency a sign at the start gives, and the rest."""
    signs, _ = _tables()
    for n in (3, 2, 1):
        if len(text) >= n and text[:n] in signs and (len(text) == n or re.match(r"\d", text[n:])):
            return signs[text[:n]], text[n:]
    return None


def named(words: list[str]) -> tuple[str, int] | None:
    """'Australian dollars' -> ('AUD', 2); 'dollars' -> ('USD', 1): the currency the last words name, and how
    many words name it."""
    _, names = _tables()
    low = [w.lower() for w in words]
    if len(low) >= 2 and " ".join(low[-2:]) in names:
        return names[" ".join(low[-2:])], 2
    if low and low[-1] in CURRENCY_WORDS:
        return CURRENCY_WORDS[low[-1]], 1
    return None


def is_currency(unit: str | None) -> bool:
    """'EUR', 'AUD', 'crowns': a unit that is money (any ISO code CLDR knows, and the everyday words' units)."""
    return bool(unit) and (unit in CURRENCY_WORDS.values() or unit in CURRENCY_SIGNS.values() or unit in _codes())


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(Locale("en").currencies)
