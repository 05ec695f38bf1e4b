"""Outlets (and, for articles without one, countries) and whom they quote."""

from __future__ import annotations

from typing import Any

from sqlalchemy import desc, distinct, func, select

from .. import schema as t
from ..store import Ledger
from .actors import rows_of


def _top_speakers(conn: Any, where: Any, limit: int) -> list[dict[str, Any]]:
    s, a = t.statements, t.articles
    return rows_of(conn, select(t.actors.c.name, t.actors.c.slug,
                                func.count(distinct(s.c.utterance)).label("statements"))
                 .select_from(s.join(a, a.c.id == s.c.article_id).join(t.actors, t.actors.c.id == s.c.actor_id))
                 .where(where).group_by(t.actors.c.name, t.actors.c.slug)
                 .order_by(desc("statements"), t.actors.c.name).limit(limit))


def list_outlets(ledger: Ledger, top: int = 5) -> dict[str, list[dict[str, Any]]]:
    """Each outlet (and, for articles without one, each country) with who it quotes most: one pass."""
    a, o, s = t.articles, t.outlets, t.statements
    with ledger.connect() as conn:
        named = {r["id"]: r for r in rows_of(conn, select(o.c.id, o.c.name, o.c.country,
                                                        func.count(a.c.id).label("articles"))
                                           .join(a, a.c.outlet_id == o.c.id).group_by(o.c.id, o.c.name, o.c.country))}
        countries = {r["country"]: r for r in rows_of(conn, select(a.c.country, func.count().label("articles"))
                                                    .where(a.c.outlet_id.is_(None), a.c.country.is_not(None))
                                                    .group_by(a.c.country))}
        per = (select(a.c.outlet_id, a.c.country, s.c.actor_id, func.count(distinct(s.c.utterance)).label("n"))
               .select_from(s.join(a, a.c.id == s.c.article_id))
               .group_by(a.c.outlet_id, a.c.country, s.c.actor_id))
        quotes: dict[tuple[str, Any], dict[int | None, int]] = {}
        for outlet_id, country, actor_id, n in conn.execute(per):
            key = ("outlet", outlet_id) if outlet_id is not None else ("country", country)
            bucket = quotes.setdefault(key, {})
            bucket[actor_id] = bucket.get(actor_id, 0) + n
        ids = {aid for v in quotes.values() for aid in v if aid is not None}
        names = {r.id: (r.name, r.slug) for r in conn.execute(select(t.actors.c.id, t.actors.c.name, t.actors.c.slug)
                                                              .where(t.actors.c.id.in_(ids)))}
        tops = {k: sorted(((n, aid) for aid, n in v.items() if aid in names),
                          key=lambda x: (-x[0], names[x[1]][0]))[:top] for k, v in quotes.items()}
    for kind, rows in (("outlet", named), ("country", countries)):
        for key, r in rows.items():
            r["statements"] = sum(quotes.get((kind, key), {}).values())
            r["quotes"] = [{"name": names[aid][0], "slug": names[aid][1], "statements": n}
                           for n, aid in tops.get((kind, key), [])]
    return {"outlets": sorted(named.values(), key=lambda r: (-r["articles"], r["name"])),
            "countries": sorted(countries.values(), key=lambda r: (-r["articles"], r["country"] or ""))}


def outlet_detail(ledger: Ledger, outlet_id: int, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
    """One outlet: every actor it quotes, most often first."""
    a, o = t.articles, t.outlets
    with ledger.connect() as conn:
        row = conn.execute(select(o).where(o.c.id == outlet_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["articles"] = conn.execute(select(func.count()).where(a.c.outlet_id == outlet_id)).scalar_one()
        out["quotes"] = _top_speakers(conn, a.c.outlet_id == outlet_id, limit + offset)[offset:]
    return out
