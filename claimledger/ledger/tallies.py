"""Aggregates kept on write, as the actor counts are: the overview's counts, each outlet's articles and
whom it quotes, and the quantities sources disagree on. Pages read these small tables instead of
counting the large ones, so they cost the same at a million articles as at a thousand.

Every change is an increment inside the article's own transaction (two writers' increments both land);
an outlet counts an utterance once however many of its articles carry it (``outlet_utterances``).
Contested quantities are recomputed per quantity, from the quantities marked dirty since the last
refresh. ``rebuild`` computes all of it from the stored rows (migration 0009, a grown bench ledger).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import Connection, String, case, cast, delete, func, literal, select, update

from ..types import Article, Extraction
from . import rows
from . import schema as t

ROW_TABLES = {"articles": t.articles, "statements": t.statements, "figures": t.figures, "mentions": t.mentions,
              "links": t.article_links}


def _upsert_add(conn: Connection, table: t.Table, keys: list[str], values: list[dict[str, Any]]) -> None:
    """Add each row's ``n`` to the stored one (or store it): in a fixed order, so two writers never deadlock."""
    from .upsert import upsert

    if not values:
        return
    ins = upsert(conn, table)
    stmt = ins.on_conflict_do_update(index_elements=keys, set_={"n": table.c.n + ins.excluded.n})
    conn.execute(stmt, sorted(values, key=lambda r: tuple(str(r[k]) for k in keys)))


def bump(conn: Connection, scope: str, counts: dict[str, int]) -> None:
    _upsert_add(conn, t.tallies, ["scope", "key"],
                [{"scope": scope, "key": k, "n": n} for k, n in counts.items() if n])


def _where(outlet_id: int | None, country: str | None) -> tuple[str, str]:
    """The bucket an article's quotes count in: its outlet, else its country ('' when it has neither)."""
    return ("outlet", str(outlet_id)) if outlet_id is not None else ("country", country or "")


def record_article(conn: Connection, art: Article, outlet_id: int | None, version: str, ex: Extraction,
                   said: list[tuple[int | None, str]], links: int) -> None:
    """One stored article's share of every aggregate; ``said`` is its statements' (actor, utterance)."""
    bump(conn, "rows", {"articles": 1, "statements": len(ex.statements), "figures": len(ex.figures),
                        "mentions": len(ex.mentions), "links": links})
    bump(conn, "segment", Counter(r["kind"] for r in rows.segment_rows(art)))
    bump(conn, "extractor", {version: 1})
    places = {"outlet": {str(outlet_id): 1} if outlet_id is not None else {},
              "country": {art.country: 1} if art.country else {},
              "bare": {art.country: 1} if art.country and outlet_id is None else {}}
    for scope, counts in places.items():
        bump(conn, scope, counts)
    from .upsert import insert_ignore  # write imports this module: a call-time import

    bucket = _where(outlet_id, art.country)
    pairs = sorted({(a or 0, u) for a, u in said})
    if pairs:
        ins = [{"scope": bucket[0], "key": bucket[1], "actor_id": a, "utterance": u} for a, u in pairs]
        new = conn.execute(insert_ignore(conn, t.outlet_utterances, ins).returning(
            t.outlet_utterances.c.actor_id)).scalars().all()
        _upsert_add(conn, t.outlet_quotes, ["scope", "key", "actor_id"],
                    [{"scope": bucket[0], "key": bucket[1], "actor_id": a, "n": n} for a, n in Counter(new).items()])
        bump(conn, "said", {f"{bucket[0]}:{bucket[1]}": len(new)})
    dirty = sorted({f.quantity for f in ex.figures if f.quantity})
    if dirty:
        conn.execute(insert_ignore(conn, t.contested_dirty, [{"quantity": q} for q in dirty]))


def move_actor(conn: Connection, keep: int, drop: int) -> None:
    """An actor merged into another: its utterances move over, and one both said counts once per outlet."""
    ou = t.outlet_utterances
    mine = select(ou.c.scope, ou.c.key, ou.c.utterance).where(ou.c.actor_id == keep)
    both = conn.execute(select(ou.c.scope, ou.c.key, ou.c.utterance).where(ou.c.actor_id == drop)
                        .intersect(mine)).all()
    for scope, key, utterance in both:
        conn.execute(delete(ou).where(ou.c.actor_id == drop, ou.c.scope == scope, ou.c.key == key,
                                      ou.c.utterance == utterance))
    bump(conn, "said", {k: -n for k, n in Counter(f"{s}:{k}" for s, k, _ in both).items()})
    conn.execute(update(ou).where(ou.c.actor_id == drop).values(actor_id=keep))
    _requote(conn, [keep, drop])


def _requote(conn: Connection, actor_ids: list[int]) -> None:
    oq, ou = t.outlet_quotes, t.outlet_utterances
    conn.execute(delete(oq).where(oq.c.actor_id.in_(actor_ids)))
    conn.execute(oq.insert().from_select(["scope", "key", "actor_id", "n"], select(
        ou.c.scope, ou.c.key, ou.c.actor_id, func.count()).where(ou.c.actor_id.in_(actor_ids))
        .group_by(ou.c.scope, ou.c.key, ou.c.actor_id)))


def _utterances_of(actor_ids: list[int] | None) -> Any:
    """Every (bucket, actor, utterance) the stored statements give, for some actors or all."""
    s, a = t.statements, t.articles
    scope = case((a.c.outlet_id.is_not(None), "outlet"), else_="country")
    key = case((a.c.outlet_id.is_not(None), cast(a.c.outlet_id, String)), else_=func.coalesce(a.c.country, ""))
    q = (select(scope, key, func.coalesce(s.c.actor_id, 0), s.c.utterance).distinct()
         .select_from(s.join(a, a.c.id == s.c.article_id)).where(s.c.utterance.is_not(None)))
    return q if actor_ids is None else q.where(func.coalesce(s.c.actor_id, 0).in_(actor_ids))


def _resaid(conn: Connection) -> None:
    ou = t.outlet_utterances
    conn.execute(delete(t.tallies).where(t.tallies.c.scope == "said"))
    conn.execute(t.tallies.insert().from_select(["scope", "key", "n"], select(
        literal("said"), ou.c.scope + ":" + ou.c.key, func.count()).group_by(ou.c.scope, ou.c.key)))


def recount_actors(conn: Connection, actor_ids: list[int]) -> None:
    """Exact rows for a few actors, after an alias split moved statements between them."""
    ou = t.outlet_utterances
    conn.execute(delete(ou).where(ou.c.actor_id.in_(actor_ids)))
    conn.execute(ou.insert().from_select(["scope", "key", "actor_id", "utterance"], _utterances_of(actor_ids)))
    _requote(conn, actor_ids)
    _resaid(conn)


def rebuild(conn: Connection) -> None:
    """Every aggregate from the stored rows, and every quantity marked for its contested rows."""
    a = t.articles
    for table in (t.tallies, t.outlet_quotes, t.outlet_utterances, t.contested, t.contested_dirty):
        conn.execute(delete(table))
    bump(conn, "rows", {name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
                        for name, tab in ROW_TABLES.items()})
    groups = {"outlet": (cast(a.c.outlet_id, String), a.c.outlet_id.is_not(None)),
              "country": (a.c.country, a.c.country.is_not(None)),
              "bare": (a.c.country, a.c.country.is_not(None) & a.c.outlet_id.is_(None)),
              "extractor": (func.coalesce(a.c.extractor_version, ""), a.c.id.is_not(None))}
    for scope, (key, where) in groups.items():
        bump(conn, scope, dict(conn.execute(select(key, func.count()).where(where).group_by(key)).all()))
    seg = t.segments
    bump(conn, "segment", dict(conn.execute(select(seg.c.kind, func.count()).group_by(seg.c.kind)).all()))
    conn.execute(t.outlet_utterances.insert().from_select(["scope", "key", "actor_id", "utterance"],
                                                          _utterances_of(None)))
    oq, ou = t.outlet_quotes, t.outlet_utterances
    conn.execute(oq.insert().from_select(["scope", "key", "actor_id", "n"], select(
        ou.c.scope, ou.c.key, ou.c.actor_id, func.count()).group_by(ou.c.scope, ou.c.key, ou.c.actor_id)))
    _resaid(conn)
    f = t.figures
    conn.execute(t.contested_dirty.insert().from_select(["quantity"], select(f.c.quantity).distinct().where(
        f.c.quantity.is_not(None))))


def refresh_contested(conn: Connection) -> int:
    """Recompute the contested rows of every quantity marked since the last refresh; how many."""
    from ..analysis.figures import contested_entries

    dirty = list(conn.execute(select(t.contested_dirty.c.quantity)).scalars())
    for i in range(0, len(dirty), 200):
        chunk = dirty[i:i + 200]
        entries = contested_entries(conn, chunk)
        conn.execute(delete(t.contested).where(t.contested.c.quantity.in_(chunk)))
        new = [{"quantity": q, "ordinal": j, "spread": e["spread"], "entry": json.dumps(e)}
               for q in chunk for j, e in enumerate(entries.get(q, []))]
        if new:
            conn.execute(t.contested.insert(), new)
        conn.execute(delete(t.contested_dirty).where(t.contested_dirty.c.quantity.in_(chunk)))
    return len(dirty)
