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
    """Each outlet (and, for articles without one, each country) with who it quotes most, from the
    tallies kept on write: a few small reads, whatever the ledger's size."""
    o, tl, oq, act = t.outlets, t.tallies, t.outlet_quotes, t.actors
    with ledger.connect() as conn:
        kept = {(s, k): n for s, k, n in conn.execute(select(tl.c.scope, tl.c.key, tl.c.n).where(
            tl.c.scope.in_(["outlet", "bare", "said"]), tl.c.n > 0))}
        named = {str(r["id"]): r for r in rows_of(conn, select(o.c.id, o.c.name, o.c.country))
                 if ("outlet", str(r["id"])) in kept}
        countries = {k: {"country": k} for s, k in kept if s == "bare"}
        rank = func.row_number().over(partition_by=(oq.c.scope, oq.c.key),
                                      order_by=(desc(oq.c.n), act.c.name)).label("rank")
        ranked = (select(oq.c.scope, oq.c.key, act.c.name, act.c.slug, oq.c.n, rank)
                  .join(act, act.c.id == oq.c.actor_id).subquery())
        tops: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for q in conn.execute(select(ranked).where(ranked.c.rank <= top).order_by(ranked.c.rank)):
            tops.setdefault((q.scope, q.key), []).append({"name": q.name, "slug": q.slug, "statements": q.n})
    for scope, counted, rows in (("outlet", "outlet", named), ("country", "bare", countries)):
        for key, r in rows.items():
            r["articles"] = kept[(counted, key)]
            r["statements"] = kept.get(("said", f"{scope}:{key}"), 0)
            r["quotes"] = tops.get((scope, key), [])
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
