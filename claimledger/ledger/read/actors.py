"""Actors: the list with aliases and roles, and one actor whole with its timeline."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import String, case, cast, desc, false, func, select

from .. import schema as t
from ..store import Ledger
from .filters import ACTOR_KINDS, FilterError, Filters, actor_ids
from .statements import folded


def rows_of(conn: Any, q: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(q)]


def list_actors(ledger: Ledger, search: str | None = None, kind: str | None = None, limit: int = 50,
           offset: int = 0) -> list[dict[str, Any]]:
    """Actors with their aliases, roles and statement counts, most quoted first."""
    kind = kind or None  # an empty box in a form
    if kind is not None and kind not in ACTOR_KINDS:
        raise FilterError("--kind", f"unknown actor kind {kind!r}", "use one of " + ", ".join(ACTOR_KINDS))
    q = select(t.actors.c.id, t.actors.c.name, t.actors.c.slug, t.actors.c.kind, t.actors.c.gender,
               t.actors.c.statement_count.label("statements"), t.actors.c.mention_count.label("mentions"))
    with ledger.connect() as conn:
        if search:
            ids = actor_ids(conn, search)
            q = q.where(t.actors.c.id.in_(ids) if ids else false())
        if kind:
            q = q.where(t.actors.c.kind == kind)
        q = q.order_by(desc(t.actors.c.statement_count), desc(t.actors.c.mention_count), t.actors.c.name
                       ).limit(limit).offset(offset)
        rows = rows_of(conn, q)
        ids = [r["id"] for r in rows]
        aliases: dict[int, list[str]] = {}
        for aid, alias in conn.execute(select(t.aliases.c.actor_id, t.aliases.c.alias)
                                       .where(t.aliases.c.actor_id.in_(ids)).order_by(t.aliases.c.id)):
            aliases.setdefault(aid, []).append(alias)
        roles: dict[int, list[str]] = {}
        for aid, role in conn.execute(select(t.actor_roles.c.actor_id, t.actor_roles.c.role)
                                      .where(t.actor_roles.c.actor_id.in_(ids))):
            roles.setdefault(aid, []).append(role)
    for r in rows:
        r["aliases"] = [a for a in aliases.get(r["id"], []) if a != r["name"]]
        r["roles"] = roles.get(r["id"], [])
    return rows


def actor_detail(ledger: Ledger, slug: str, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
    """Who an actor is, what they said over time (newest first), what figures they claim, who quotes them."""
    s, a, o, f = t.statements, t.articles, t.outlets, t.figures
    with ledger.connect() as conn:
        row = conn.execute(select(t.actors).where(t.actors.c.slug == slug)).first()
        if row is None:
            return None
        actor = dict(row._mapping)
        aid = actor["id"]
        actor["aliases"] = [x for x in conn.execute(select(t.aliases.c.alias).where(t.aliases.c.actor_id == aid)
                                                    .order_by(t.aliases.c.id)).scalars() if x != actor["name"]]
        r = t.actor_roles
        actor["roles"] = rows_of(conn, select(r.c.role, r.c.article_id, r.c.start, r.c.end)
                                 .where(r.c.actor_id == aid).order_by(r.c.role))
        actor["spellings"] = rows_of(conn, select(t.aliases.c.alias, t.aliases.c.seen).where(
            t.aliases.c.actor_id == aid).order_by(desc(t.aliases.c.seen), t.aliases.c.id))
        owner = rows_of(conn, select(t.actors.c.name, t.actors.c.slug).where(t.actors.c.id == actor["affiliation_id"]))
        actor["affiliation"] = owner[0] if owner else None
        actor["merges"] = rows_of(conn, select(t.actor_merges.c.id, t.actor_merges.c.name, t.actor_merges.c.reason,
                                               t.actor_merges.c.made_by, t.actor_merges.c.undone)
                                  .where(t.actor_merges.c.actor_id == aid).order_by(t.actor_merges.c.id).limit(100))
        # each thing said once, in the month of its first copy: the actor's first copies, read from an index
        month = func.substr(func.coalesce(s.c.said_on, a.c.published), 1, 7)
        actor["by_month"] = _every_month(rows_of(conn, select(month.label("month"), func.count().label("statements"))
                                    .select_from(s.join(a, a.c.id == s.c.article_id))
                                    .where(s.c.actor_id == aid, s.c.first_copy.is_(True))
                                    .group_by(month).order_by(month)))
        # said_on is indexed with actor_id: the timeline page reads the index, not every statement
        actor["statements"] = rows_of(conn, folded(select(
            s.c.id, s.c.article_id, s.c.kind, s.c.cue, s.c.content, s.c.said_on, s.c.confidence,
            a.c.title, a.c.published, o.c.name.label("outlet"), a.c.country)
            .select_from(s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id))
            .where(s.c.actor_id == aid), Filters(), conn)
            .order_by(desc(s.c.said_on), desc(s.c.id)).limit(limit).offset(offset))
        actor["figures"] = rows_of(conn, select(
            f.c.id, f.c.article_id, f.c.text, f.c.value, f.c.low, f.c.high, f.c.unit, f.c.counted, f.c.measure,
            f.c.as_of, f.c.quantity).where(f.c.claimant_actor_id == aid).order_by(desc(f.c.as_of), f.c.id).limit(100))
        oq = t.outlet_quotes  # kept on write: each outlet's (or country's) count of the actor's utterances
        source = case((oq.c.scope == "outlet", o.c.name), else_="country " + func.coalesce(func.nullif(oq.c.key, ""),
                                                                                          "?"))
        actor["outlets"] = rows_of(conn, select(source.label("outlet"), oq.c.n.label("statements"))
                                   .select_from(oq.outerjoin(o, (oq.c.scope == "outlet") & (oq.c.key == cast(
                                       o.c.id, String))))
                                   .where(oq.c.actor_id == aid).order_by(desc(oq.c.n), source).limit(50))
    return actor


def _every_month(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts per month on a time axis: the months between with none are there as zeros; statements dated
    only to a year are left out of the chart."""
    got = {r["month"]: r["statements"] for r in rows if len(r["month"] or "") == 7}
    if not got:
        return []
    (y, m), (y1, m1) = (map(int, min(got).split("-")), map(int, max(got).split("-")))
    out = []
    while (y, m) <= (y1, m1):
        key = f"{y:04d}-{m:02d}"
        out.append({"month": key, "statements": got.get(key, 0)})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def list_merges(ledger: Ledger, search: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Every merge the rules or an alias file made, newest first, with its reason: what a user checks and
    undoes ('claimledger merges --undo ID')."""
    m, a = t.actor_merges, t.actors
    q = (select(m.c.id, a.c.name.label("actor"), a.c.slug, m.c.name.label("merged"), m.c.kind, m.c.aliases,
                m.c.reason, m.c.made_by, m.c.undone).join(a, a.c.id == m.c.actor_id))
    with ledger.connect() as conn:
        if search:
            ids = actor_ids(conn, search)
            q = q.where(m.c.actor_id.in_(ids) if ids else false())
        rows = rows_of(conn, q.order_by(desc(m.c.id)).limit(limit).offset(offset))
    for r in rows:
        r["aliases"] = json.loads(r["aliases"])
        r["undone"] = bool(r["undone"])
    return rows
