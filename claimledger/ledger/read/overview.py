"""The ledger at a glance: counts, date range, outlets, countries, most quoted and most mentioned actors."""

from __future__ import annotations

from typing import Any

from sqlalchemy import desc, func, select

from .. import schema as t
from ..store import Ledger


def summary(ledger: Ledger, top: int = 10) -> dict[str, Any]:
    """Counts, outlets, date range and most-quoted actors: the ledger at a glance."""
    out: dict[str, Any] = {"counts": ledger.counts()}
    with ledger.connect() as conn:
        out["published"] = list(conn.execute(select(func.min(t.articles.c.published),
                                                    func.max(t.articles.c.published))).first() or (None, None))
        out["outlets"] = [dict(r._mapping) for r in conn.execute(
            select(t.outlets.c.name, func.count(t.articles.c.id).label("articles"))
            .join(t.articles, t.articles.c.outlet_id == t.outlets.c.id)
            .group_by(t.outlets.c.name).order_by(desc("articles"), t.outlets.c.name).limit(top))]
        out["countries"] = [dict(r._mapping) for r in conn.execute(
            select(t.articles.c.country, func.count().label("articles")).where(t.articles.c.country.is_not(None))
            .group_by(t.articles.c.country).order_by(desc("articles")).limit(top))]
        out["segments"] = {r.kind: r.n for r in conn.execute(
            select(t.segments.c.kind, func.count().label("n")).group_by(t.segments.c.kind))}
        act = t.actors
        out["top_speakers"] = [dict(r._mapping) for r in conn.execute(
            select(act.c.name, act.c.slug, act.c.statement_count.label("statements")).where(act.c.statement_count > 0)
            .order_by(desc(act.c.statement_count), desc(act.c.mention_count), act.c.name).limit(top))]
        out["top_actors"] = [dict(r._mapping) for r in conn.execute(
            select(act.c.name, act.c.slug, act.c.kind, act.c.mention_count.label("mentions"))
            .where(act.c.mention_count > 0).order_by(desc(act.c.mention_count), act.c.name).limit(top))]
        out["extractors"] = [dict(r._mapping) for r in conn.execute(
            select(t.articles.c.extractor_version.label("version"), t.extractors.c.taxonomy,
                   func.count().label("articles"))
            .select_from(t.articles.outerjoin(t.extractors, t.extractors.c.version == t.articles.c.extractor_version))
            .group_by(t.articles.c.extractor_version, t.extractors.c.taxonomy).order_by(desc("articles")))]
    return out
