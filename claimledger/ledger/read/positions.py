"""Stored positions and events, filtered by actor (any alias), topic and date."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.orm import aliased

from .. import schema as t
from ..store import Ledger
from .filters import Columns, Filters, actor_aliases, actor_ids, escape_like, like_pattern

a, o = t.articles, t.outlets
POSITIONS = Columns(actor_id=t.positions.c.actor_id)


def position_rows(ledger: Ledger, topic: str | None, filters: Filters) -> list[dict[str, Any]]:
    """Every stored position passing the filters, oldest first, with its article and outlet."""
    pos = t.positions
    when = func.coalesce(pos.c.said_on, func.substr(a.c.published, 1, 10))  # a day, as statements are dated
    q = (select(pos.c.id, pos.c.article_id, pos.c.actor_name, t.actors.c.name.label("actor"),
                t.actors.c.slug.label("actor_slug"), pos.c.topic, pos.c.stance, pos.c.evidence, pos.c.start,
                pos.c.end, pos.c.confidence, pos.c.statement_id, when.label("date"), a.c.title,
                o.c.name.label("outlet"), a.c.country)
         .select_from(pos.join(a, a.c.id == pos.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                      .outerjoin(t.actors, t.actors.c.id == pos.c.actor_id)))
    if topic:
        q = q.where(or_(pos.c.topic == topic, func.lower(pos.c.topic).like(like_pattern(topic), escape="\\")))
    with ledger.connect() as conn:
        q = q.where(*filters.clauses(POSITIONS, conn)).order_by(when, pos.c.id)
        return [dict(r._mapping) for r in conn.execute(q)]


def list_events(ledger: Ledger, filters: Filters) -> list[dict[str, Any]]:
    """Meetings, talks, summits and calls by date, newest first, with participants, place and the sentence;
    one the text gives no date for stands at its article's publication (``date`` stays empty).

    A participant filter takes any alias of the actor: the stored participants are each article's own
    canonical names, so every spelling the ledger knows for the actor is matched as a whole list element.
    """
    ev = t.events
    when = func.coalesce(ev.c.date, func.substr(a.c.published, 1, 10))  # undated: where its report is
    q = (select(ev.c.id, ev.c.article_id, ev.c.kind, ev.c.participants, ev.c.place, ev.c.date, ev.c.evidence,
                a.c.title, a.c.published, o.c.name.label("outlet"), a.c.country)
         .select_from(ev.join(a, a.c.id == ev.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)))
    q = q.where(*filters.clauses(Columns(date=when), None))
    e2 = aliased(ev)  # a syndicated copy reports the same meeting in the same words: listed once
    same = and_(e2.c.kind == ev.c.kind, e2.c.date.is_not_distinct_from(ev.c.date), e2.c.evidence == ev.c.evidence)
    q = q.where(~exists(select(e2.c.id).where(same, e2.c.id < ev.c.id))).add_columns(
        select(func.count()).where(same, e2.c.id != ev.c.id).scalar_subquery().label("copies"))
    with ledger.connect() as conn:
        if filters.speaker:
            names = actor_aliases(conn, actor_ids(conn, filters.speaker))
            elements = [json.dumps(n)[1:-1] for n in names]  # as json.dumps wrote them into the list
            q = q.where(or_(*[ev.c.participants.like(f'%"{escape_like(n)}"%', escape="\\") for n in elements])
                        if elements else false())
        q = q.order_by(when.desc(), ev.c.id).limit(filters.limit).offset(filters.offset)
        rows = [dict(r._mapping) for r in conn.execute(q)]
    for r in rows:
        r["participants"] = json.loads(r["participants"])
    return rows

