"""Stored figures, filtered by claimant (any alias), what is counted, outlet and as-of date."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import desc, func, select

from .. import schema as t
from ..store import Ledger
from .filters import Columns, Filters, like_pattern

f, a, o = t.figures, t.articles, t.outlets
FIGURES = Columns(actor_id=f.c.claimant_actor_id, outlet=o.c.name, date=f.c.as_of)


def figure_query() -> Any:
    """Every figure with its claimant, article and outlet: what the figure lists and comparisons select from."""
    return (select(f.c.id, f.c.article_id, f.c.start, f.c.end, f.c.text, f.c.value, f.c.low, f.c.high, f.c.approx,
                   f.c.unit, f.c.counted, f.c.group, f.c.measure, f.c.period, f.c.claimant_name,
                   t.actors.c.name.label("claimant"), f.c.as_of, f.c.projection, f.c.quantity, f.c.kind,
                   f.c.rate, f.c.converts,
                   a.c.title, a.c.published, a.c.url, o.c.name.label("outlet"))
            .select_from(f.join(a, a.c.id == f.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                         .outerjoin(t.actors, t.actors.c.id == f.c.claimant_actor_id)))


def list_figures(ledger: Ledger, filters: Filters, counted: str | None = None) -> list[dict[str, Any]]:
    """Newest as-of first. ``filters.speaker`` is the claimant; ``counted`` a reader's words for the quantity:
    its measure and group when it names one ('Ukrainian soldiers killed'), else words of the counted phrase."""
    from ...vocab.quantities import parse_query

    q = figure_query()
    if counted:
        group, measure, _ = parse_query(counted)
        if measure:
            q = q.where(f.c.measure == measure)
            if group:
                q = q.where(func.lower(f.c.group) == group)
        else:
            for w in (w for w in re.findall(r"\w+", counted.lower()) if len(w) > 2):
                q = q.where(func.lower(func.coalesce(f.c.counted, "")).like(like_pattern(w), escape="\\"))
    with ledger.connect() as conn:
        q = q.where(*filters.clauses(FIGURES, conn))
        q = q.order_by(desc(f.c.as_of), f.c.id).limit(filters.limit).offset(filters.offset)
        return [dict(r._mapping) for r in conn.execute(q)]
