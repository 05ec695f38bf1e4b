"""Statements with their speaker, article, outlet and date."""

from __future__ import annotations

from typing import Any

from sqlalchemy import desc, select

from .. import schema as t
from ..store import Ledger
from .filters import Columns, Filters

s, a, o = t.statements, t.articles, t.outlets
COLUMNS = Columns(actor_id=s.c.actor_id, outlet=o.c.name, date=s.c.said_on, kind=s.c.kind, text=s.c.content)


def list_statements(ledger: Ledger, filters: Filters) -> list[dict[str, Any]]:
    """Newest said first; ``said_on`` is the publication date unless the text dates the statement."""
    q = (select(s.c.id, s.c.article_id, s.c.kind, s.c.speaker_name, t.actors.c.name.label("actor"),
                t.actors.c.slug.label("actor_slug"), s.c.speaker_text, s.c.cue, s.c.content, s.c.said_on,
                s.c.confidence, s.c.content_start, s.c.content_end, a.c.title, a.c.published, a.c.url,
                o.c.name.label("outlet"))
         .select_from(s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                      .outerjoin(t.actors, t.actors.c.id == s.c.actor_id)))
    with ledger.connect() as conn:
        q = q.where(*filters.clauses(COLUMNS, conn))
        # one indexed column to sort on
        q = q.order_by(desc(s.c.said_on), desc(s.c.id)).limit(filters.limit).offset(filters.offset)
        return [dict(r._mapping) for r in conn.execute(q)]
