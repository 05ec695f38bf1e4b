"""The closed vocabularies of the records: which kinds of statement, actor, stance, event and segment exist.

Kept apart from ``types`` so a read query can validate a kind without building the record classes.
"""

from __future__ import annotations

from typing import Literal

StatementKind = Literal["direct", "mixed", "indirect"]
ActorKind = Literal["person", "organisation", "place", "group"]
Stance = Literal["support", "oppose"]
EventKind = Literal["meeting", "talks", "summit", "call"]
SegmentKind = Literal["body", "title", "heading", "read_also", "promo", "caption", "credit", "related", "duplicate",
                      "dateline"]
