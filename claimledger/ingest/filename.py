"""Metadata carried by file names, e.g. ``20220125T090000Z_GB_en_7d015e6984.txt``."""

from __future__ import annotations

import re
from datetime import datetime

_STAMP = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?:T(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)?(?P<z>Z)?)?(?!\d)"
)
_COUNTRY_LANG = re.compile(r"_(?P<country>[A-Z]{2})_(?P<lang>[a-z]{2})(?:_|\.|$)")


def metadata_from_name(name: str) -> dict[str, str]:
    """Published date (and country, language) where the name carries them; {} where it does not."""
    out: dict[str, str] = {}
    m = _STAMP.search(name)
    if m:
        try:
            dt = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
        except ValueError:
            dt = None
        if dt is not None:
            if m["H"] is not None:
                out["published"] = dt.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if m["z"] else "")
            else:
                out["published"] = dt.strftime("%Y-%m-%d")
    c = _COUNTRY_LANG.search(name)
    if c:
        out["country"] = c["country"]
        out["language"] = c["lang"]
    return out
