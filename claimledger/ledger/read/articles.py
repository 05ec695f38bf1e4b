"""Articles: the list newest first, one article whole with every record that points into it, and exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import desc, func, select

from .. import schema as t
from ..store import Ledger
from .actors import rows_of


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
        rows = rows_of(conn, q)
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
        art["statements"] = rows_of(conn, select(
            s.c.id, s.c.kind, s.c.speaker_name, s.c.speaker_text, s.c.speaker_start, s.c.speaker_end, s.c.cue,
            s.c.cue_start, s.c.cue_end, s.c.content, s.c.content_start, s.c.content_end, s.c.said_on,
            s.c.confidence, s.c.claim_id, s.c.variant, t.actors.c.name.label("actor"),
            t.actors.c.slug.label("actor_slug"))
            .select_from(s.outerjoin(t.actors, t.actors.c.id == s.c.actor_id))
            .where(s.c.article_id == article_id).order_by(s.c.ordinal))
        art["figures"] = rows_of(conn, select(
            f.c.id, f.c.start, f.c.end, f.c.text, f.c.value, f.c.low, f.c.high, f.c.approx, f.c.unit, f.c.counted,
            f.c.group, f.c.measure, f.c.period, f.c.claimant_name, f.c.as_of, f.c.projection, f.c.quantity,
            f.c.statement_id, f.c.claim_id, f.c.variant, t.actors.c.name.label("claimant"),
            t.actors.c.slug.label("claimant_slug"))
            .select_from(f.outerjoin(t.actors, t.actors.c.id == f.c.claimant_actor_id))
            .where(f.c.article_id == article_id).order_by(f.c.ordinal))
        art["segments"] = rows_of(conn, select(t.segments.c.start, t.segments.c.end, t.segments.c.kind)
                                .where(t.segments.c.article_id == article_id).order_by(t.segments.c.start))
        art["claims"] = _claims(conn, [r["claim_id"] for r in art["statements"] + art["figures"] if r["claim_id"]])
        lk = t.article_links
        art["links"] = rows_of(conn, select(lk.c.kind, lk.c.similarity, a.c.id, a.c.title, a.c.published)
                             .join(a, a.c.id == lk.c.other_id).where(lk.c.article_id == article_id)) + rows_of(
            conn, select(lk.c.kind, lk.c.similarity, a.c.id, a.c.title, a.c.published)
            .join(a, a.c.id == lk.c.article_id).where(lk.c.other_id == article_id))
    return art


def _claims(conn: Any, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The claims this article's records belong to that other articles carry too: 'also in 6 outlets'."""
    c = t.claims
    if not ids:
        return {}
    q = select(c.c.id, c.c.appearances, c.c.articles, c.c.outlets, c.c.first_date, c.c.first_article_id,
               c.c.variants).where(c.c.id.in_(sorted(set(ids))), c.c.articles > 1)
    return {r.id: dict(r._mapping) for r in conn.execute(q)}


EXPORT_TABLES = ("articles", "statements", "figures", "actors", "mentions", "segments", "links", "positions",
                 "events")


def table_rows(ledger: Ledger, table: str) -> Iterator[dict[str, Any]]:
    """Rows of one exported table, with article metadata joined where it helps a reader."""
    a, o = t.articles, t.outlets
    if table == "articles":
        q = select(a.c.id, a.c.title, a.c.url, a.c.author, a.c.published, a.c.language, a.c.country,
                   o.c.name.label("outlet"), a.c.source, a.c.content_hash, a.c.identity, a.c.text).select_from(
            a.outerjoin(o, o.c.id == a.c.outlet_id)).order_by(a.c.id)
    elif table == "statements":
        s = t.statements
        q = select(s.c.id, s.c.article_id, a.c.published, o.c.name.label("outlet"), s.c.kind, s.c.speaker_name,
                   t.actors.c.name.label("actor"), t.actors.c.external_id.label("actor_external_id"),
                   s.c.speaker_text, s.c.cue, s.c.content, s.c.content_start, s.c.content_end, s.c.parts,
                   s.c.said_on, s.c.confidence).select_from(
            s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
            .outerjoin(t.actors, t.actors.c.id == s.c.actor_id)).order_by(s.c.id)
    elif table == "figures":
        f = t.figures
        q = select(*[c for c in f.c if c.name != "ordinal"], o.c.name.label("outlet")).select_from(
            f.join(a, a.c.id == f.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)).order_by(f.c.id)
    elif table == "actors":
        owner = t.actors.alias("owner")
        q = select(t.actors.c.id, t.actors.c.name, t.actors.c.slug, t.actors.c.kind, t.actors.c.external_id,
                   owner.c.name.label("affiliation"), t.actors.c.statement_count, t.actors.c.mention_count,
                   func.count(t.aliases.c.id).label("aliases")).select_from(
            t.actors.outerjoin(t.aliases, t.aliases.c.actor_id == t.actors.c.id)
            .outerjoin(owner, owner.c.id == t.actors.c.affiliation_id)).group_by(t.actors.c.id, owner.c.name)
    elif table == "links":
        q = select(t.article_links).order_by(t.article_links.c.id)
    elif table in ("mentions", "segments", "positions", "events"):
        tab = {"mentions": t.mentions, "segments": t.segments, "positions": t.positions, "events": t.events}[table]
        q = select(tab).order_by(tab.c.id)
    else:
        raise ValueError(table)
    with ledger.connect() as conn:
        for row in conn.execute(q.execution_options(yield_per=1000)):
            yield dict(row._mapping)


def article_records(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """Each article with its statements and figures nested: the JSON Lines export."""
    by_article: dict[str, dict[int, list[dict[str, Any]]]] = {"statements": {}, "figures": {}, "positions": {},
                                                              "events": {}}
    for kind in by_article:
        for row in table_rows(ledger, kind):
            by_article[kind].setdefault(row["article_id"], []).append(row)
    for art in table_rows(ledger, "articles"):
        art["statements"] = by_article["statements"].get(art["id"], [])
        art["figures"] = by_article["figures"].get(art["id"], [])
        art["positions"] = by_article["positions"].get(art["id"], [])
        art["events"] = by_article["events"].get(art["id"], [])
        yield art
