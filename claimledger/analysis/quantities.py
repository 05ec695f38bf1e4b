"""What makes two figures comparable: the same group, the same measure, compatible units.

Wording is normalised on the way in ("deaths" = "killed", "killed, wounded or missing" =
"casualties"), so a query in a reader's words finds figures in each outlet's words.
"""

from __future__ import annotations

import re

from ..extract.actors import demonym
from ..extract.figures import MEASURE_OF, quantity_key, unit_class

__all__ = ["parse_query", "quantity_key", "unit_class"]

BOTH = {"both", "total", "combined", "overall", "all"}
QUERY_MEASURES = {"deaths": "killed", "dead": "killed", "died": "killed", "killed": "killed", "fatalities": "killed",
                  "casualties": "casualties", "losses": "casualties", "wounded": "wounded", "injured": "wounded",
                  "missing": "missing", "displaced": "displaced", "refugees": "displaced", "prisoners": "captured",
                  "captured": "captured", "spent": "spent", "spending": "spent", "cost": "spent", "costs": "spent",
                  "pledged": "pledged", "pledges": "pledged", "aid": "aid", "received": "received", "fired": "fired"}


def parse_query(query: str) -> tuple[str | None, str | None, str | None]:
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
        elif w in ("tanks", "drones", "aircraft", "jets", "helicopters", "missiles", "shells"):
            unit = w.rstrip("s") if w != "aircraft" else w
    return group, measure, unit
