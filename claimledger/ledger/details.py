"""Reading one thing whole: an article with its records, an actor with its timeline, an outlet.

Shared by the web pages and their JSON twins; every list is paged with ``limit``/``offset`` so a
page costs the same at 447 articles and at 100k.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import desc, func, select

from . import schema as t
from .store import Ledger


def _rows(conn: Any, q: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(q)]


def list_articles(ledger: Ledger, limit: int = 50, offset: int = 0, outlet_id: int | None = None,
                  country: str | None = None) -> list[dict[str, Any]]:
    """Newest published first, with each article's statement and figure counts."""
    a, o = t.articles, t.outlets
    q = (select(a.c.id, a.c.title, a.c.published, a.c.country, a.c.url, o.c.name.label("outlet"))
         .select_from(a.outerjoin(o, o.c.id == a.c.outlet_id)))
    if outlet_id is not None:
        q = q.where(a.c.outlet_id == outlet_id)
    if country:
        q = q.where(a.c.country == country.upper())
    q = q.order_by(desc(a.c.published), desc(a.c.id)).limit(limit).offset(offset)
    with ledger.connect() as conn:
        rows = _rows(conn, q)
        ids = [r["id"] for r in rows]
        counts: dict[str, dict[int, int]] = {}
        for name, tab in (("statements", t.statements), ("figures", t.figures)):
            counts[name] = dict(conn.execute(select(tab.c.article_id, func.count()).where(tab.c.article_id.in_(ids))
                                             .group_by(tab.c.article_id)).all())
    for r in rows:
        r["statements"] = counts["statements"].get(r["id"], 0)
        r["figures"] = counts["figures"].get(r["id"], 0)
    return rows


def article_detail(ledger: Ledger, article_id: int) -> dict[str, Any] | None:
    """The stored text and every record that points into it, by offset."""
    a, o, s, f = t.articles, t.outlets, t.statements, t.figures
    with ledger.connect() as conn:
        row = conn.execute(select(a.c.id, a.c.title, a.c.url, a.c.author, a.c.published, a.c.language,
                                  a.c.country, a.c.source, a.c.text, a.c.extractor_version,
                                  o.c.name.label("outlet"), a.c.outlet_id)
                           .select_from(a.outerjoin(o, o.c.id == a.c.outlet_id)).where(a.c.id == article_id)).first()
        if row is None:
            return None
        art = dict(row._mapping)
        art["statements"] = _rows(conn, select(
            s.c.id, s.c.kind, s.c.speaker_name, s.c.speaker_text, s.c.speaker_start, s.c.speaker_end, s.c.cue,
            s.c.cue_start, s.c.cue_end, s.c.content, s.c.content_start, s.c.content_end, s.c.said_on,
            s.c.confidence, t.actors.c.name.label("actor"), t.actors.c.slug.label("actor_slug"))
            .select_from(s.outerjoin(t.actors, t.actors.c.id == s.c.actor_id))
            .where(s.c.article_id == article_id).order_by(s.c.ordinal))
        art["figures"] = _rows(conn, select(
            f.c.id, f.c.start, f.c.end, f.c.text, f.c.value, f.c.low, f.c.high, f.c.approx, f.c.unit, f.c.counted,
            f.c.group, f.c.measure, f.c.period, f.c.claimant_name, f.c.as_of, f.c.projection, f.c.quantity,
            f.c.statement_id, t.actors.c.name.label("claimant"), t.actors.c.slug.label("claimant_slug"))
            .select_from(f.outerjoin(t.actors, t.actors.c.id == f.c.claimant_actor_id))
            .where(f.c.article_id == article_id).order_by(f.c.ordinal))
        art["segments"] = _rows(conn, select(t.segments.c.start, t.segments.c.end, t.segments.c.kind)
                                .where(t.segments.c.article_id == article_id).order_by(t.segments.c.start))
        lk = t.article_links
        art["links"] = _rows(conn, select(lk.c.kind, lk.c.similarity, a.c.id, a.c.title, a.c.published)
                             .join(a, a.c.id == lk.c.other_id).where(lk.c.article_id == article_id)) + _rows(
            conn, select(lk.c.kind, lk.c.similarity, a.c.id, a.c.title, a.c.published)
            .join(a, a.c.id == lk.c.article_id).where(lk.c.other_id == article_id))
    return art


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
        actor["roles"] = list(conn.execute(select(t.actor_roles.c.role).where(t.actor_roles.c.actor_id == aid)
                                           .order_by(t.actor_roles.c.role)).scalars())
        actor["statement_count"] = conn.execute(select(func.count()).where(s.c.actor_id == aid)).scalar_one()
        # said_on is indexed with actor_id: the timeline page reads the index, not every statement
        actor["statements"] = _rows(conn, select(
            s.c.id, s.c.article_id, s.c.kind, s.c.cue, s.c.content, s.c.said_on, s.c.confidence,
            a.c.title, a.c.published, o.c.name.label("outlet"), a.c.country)
            .select_from(s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id))
            .where(s.c.actor_id == aid).order_by(desc(s.c.said_on), desc(s.c.id)).limit(limit).offset(offset))
        actor["figures"] = _rows(conn, select(
            f.c.id, f.c.article_id, f.c.text, f.c.value, f.c.low, f.c.high, f.c.unit, f.c.counted, f.c.measure,
            f.c.as_of, f.c.quantity).where(f.c.claimant_actor_id == aid).order_by(desc(f.c.as_of), f.c.id).limit(100))
        source = func.coalesce(o.c.name, "country " + func.coalesce(a.c.country, "?"))
        actor["outlets"] = _rows(conn, select(source.label("outlet"), func.count().label("statements"))
                                 .select_from(s.join(a, a.c.id == s.c.article_id)
                                              .outerjoin(o, o.c.id == a.c.outlet_id))
                                 .where(s.c.actor_id == aid).group_by(source).order_by(desc("statements")).limit(50))
    return actor


def _top_speakers(conn: Any, where: Any, limit: int) -> list[dict[str, Any]]:
    s, a = t.statements, t.articles
    return _rows(conn, select(t.actors.c.name, t.actors.c.slug, func.count().label("statements"))
                 .select_from(s.join(a, a.c.id == s.c.article_id).join(t.actors, t.actors.c.id == s.c.actor_id))
                 .where(where).group_by(t.actors.c.name, t.actors.c.slug)
                 .order_by(desc("statements"), t.actors.c.name).limit(limit))


def outlets(ledger: Ledger, top: int = 5) -> dict[str, list[dict[str, Any]]]:
    """Each outlet (and, for articles without one, each country) with who it quotes most: one pass."""
    a, o, s = t.articles, t.outlets, t.statements
    with ledger.connect() as conn:
        named = {r["id"]: r for r in _rows(conn, select(o.c.id, o.c.name, o.c.country,
                                                        func.count(a.c.id).label("articles"))
                                           .join(a, a.c.outlet_id == o.c.id).group_by(o.c.id, o.c.name, o.c.country))}
        countries = {r["country"]: r for r in _rows(conn, select(a.c.country, func.count().label("articles"))
                                                    .where(a.c.outlet_id.is_(None), a.c.country.is_not(None))
                                                    .group_by(a.c.country))}
        per = (select(a.c.outlet_id, a.c.country, s.c.actor_id, func.count().label("n"))
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
