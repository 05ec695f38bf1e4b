"""Statements with their speaker, article, outlet and date; an utterance carried by several copies once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, desc, exists, func, select
from sqlalchemy.orm import aliased

from .. import schema as t
from ..store import Ledger
from .filters import Columns, Filters

s, a, o, cl = t.statements, t.articles, t.outlets, t.claims
COLUMNS = Columns(actor_id=s.c.actor_id, outlet=o.c.name, date=s.c.said_on, kind=s.c.kind, text=s.c.content)


def _same(other: Any) -> Any:
    """``other`` is a copy of the outer statement: the same words by the same speaker (or by no one)."""
    return and_(other.c.utterance == s.c.utterance, other.c.actor_id.is_not_distinct_from(s.c.actor_id))


def _copies() -> Any:
    """How many other statements carry the outer one's utterance: counted on the (utterance, actor) index
    alone (an equality, not IS NOT DISTINCT FROM, and no id test), so each row costs its copies' index
    entries, never their rows."""
    s3 = aliased(s)
    count = select(func.count()).where(s3.c.utterance == s.c.utterance)
    return case((s.c.utterance.is_(None), 0),  # a row without an utterance key has no copies
                (s.c.actor_id.is_(None), count.where(s3.c.actor_id.is_(None)).scalar_subquery() - 1),
                else_=count.where(s3.c.actor_id == s.c.actor_id).scalar_subquery() - 1)


def folded(q: Select[Any], filters: Filters, conn: Any) -> Select[Any]:
    """Only the first copy the filters let through, with how many other copies the ledger holds. Unless
    the filters can hide an utterance's first copy (an outlet, dates, a kind, words), that is the stored
    first copy, read from an index; else the first of the copies the filters let through."""
    return q.add_columns(_copies().label("copies")).where(first_passing(filters, conn))


def first_passing(filters: Filters, conn: Any) -> ColumnElement[bool]:
    """The condition ``folded`` keeps a row by: also what bounds a search's pool, so that an utterance
    with more copies than the pool holds still shows its first."""
    if not any((filters.outlet, filters.since, filters.until, filters.kind, filters.contains)):
        return s.c.first_copy.is_(True)  # copies share the speaker: a speaker filter keeps the first
    s2, a2, o2 = aliased(s), aliased(a), aliased(o)
    cols = Columns(actor_id=s2.c.actor_id, outlet=o2.c.name, date=s2.c.said_on, kind=s2.c.kind, text=s2.c.content)
    earlier = (select(s2.c.id).select_from(s2.join(a2, a2.c.id == s2.c.article_id)
                                           .outerjoin(o2, o2.c.id == a2.c.outlet_id))
               .where(_same(s2), s2.c.id < s.c.id, *filters.clauses(cols, conn)))
    return ~exists(earlier)


def list_statements(ledger: Ledger, filters: Filters) -> list[dict[str, Any]]:
    """Newest said first; ``said_on`` is the publication date unless the text dates the statement."""
    q: Select[Any] = (select(s.c.id, s.c.article_id, s.c.kind, s.c.speaker_name, t.actors.c.name.label("actor"),
                t.actors.c.slug.label("actor_slug"), s.c.speaker_text, s.c.cue, s.c.content, s.c.said_on,
                s.c.confidence, s.c.content_start, s.c.content_end, a.c.title, a.c.published, a.c.url,
                o.c.name.label("outlet"), s.c.claim_id, s.c.variant, cl.c.outlets.label("claim_outlets"),
                cl.c.first_date.label("claim_first"))
         .select_from(s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                      .outerjoin(t.actors, t.actors.c.id == s.c.actor_id)
                      .outerjoin(cl, and_(cl.c.id == s.c.claim_id, cl.c.articles > 1))))
    with ledger.connect() as conn:
        q = folded(q.where(*filters.clauses(COLUMNS, conn)), filters, conn)
        # one indexed column to sort on
        page = q.order_by(desc(s.c.said_on), desc(s.c.id)).limit(filters.limit).offset(filters.offset)
        return [dict(r._mapping) for r in conn.execute(page)]
