"""What makes two figures comparable: the same group, the same measure, compatible units.

The extractor sets each figure's quantity key once; the ledger stores it and the comparison reads
it. Wording is normalised on the way in ("deaths" = "killed", "killed, wounded or missing" =
"casualties"), so a query in a reader's words finds figures in each outlet's words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .en import BOTH, MEASURE_OF, QUERY_MEASURES, QUERY_UNITS
from .money import is_currency
from .names import demonym
from .units import physical_unit


def unit_class(unit: str | None) -> str:
    if not unit:
        return ""
    base, _, rate = unit.partition(" per ")
    physical = physical_unit(base)
    cls = "money" if is_currency(base) else physical.dimension if physical is not None else base
    return f"{cls} per {rate}" if rate else cls  # a rate never lines up with a total


def quantity_key(group: str | None, measure: str | None, unit: str | None) -> str | None:
    """'Ukrainian|killed|people'; None when the figure says too little to line up."""
    if not measure:
        return None
    return f"{(group or '').lower()}|{measure}|{unit_class(unit)}"


class Quantity(NamedTuple):
    """A reader's quantity: which group, which measure, which unit class (each None when unsaid)."""

    group: str | None
    measure: str | None
    unit: str | None


def parse_query(query: str) -> Quantity:
    """'Ukrainian soldiers killed' -> ('ukrainian', 'killed', None); the unit class only when the query names one."""
    group = measure = unit = None
    for raw in re.findall(r"[\w’'-]+", query):
        w = raw.lower()
        if w in QUERY_MEASURES:
            measure = measure or QUERY_MEASURES[w]
        elif w in MEASURE_OF:
            measure = measure or MEASURE_OF[w]
        elif w in BOTH:
            group = "both"
        elif w in ("civilians", "civilian"):
            group = "civilians"
        elif w in ("euros", "dollars", "money"):
            unit = "money"
        elif raw[:1].isupper() and group is None:
            g = raw[:-1] if raw.endswith("ns") else raw
            group = demonym(g).lower()
        elif w in ("soldiers", "troops", "people", "men", "servicemen"):
            unit = unit or "people"
        elif w in QUERY_UNITS:
            unit = w.rstrip("s") if w != "aircraft" else w
    return Quantity(group, measure, unit)
