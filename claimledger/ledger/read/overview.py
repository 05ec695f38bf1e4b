"""The ledger at a glance: counts, date range, outlets, countries, most quoted and most mentioned actors."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, desc, func, select

from .. import schema as t
from ..store import Ledger


def summary(ledger: Ledger, top: int = 10) -> dict[str, Any]:
    """Counts, outlets, date range and most-quoted actors: the ledger at a glance."""
    out: dict[str, Any] = {"counts": ledger.counts()}
    with ledger.connect() as conn:
        # two one-row reads of the published index: min and max in one SELECT make SQLite scan it all
        out["published"] = [conn.execute(select(agg(t.articles.c.published))).scalar() for agg in (func.min, func.max)]
        tl, o = t.tallies, t.outlets
        out["outlets"] = [dict(r._mapping) for r in conn.execute(
            select(o.c.name, tl.c.n.label("articles")).join(tl, (tl.c.scope == "outlet") & (tl.c.key == cast(
                o.c.id, String))).where(tl.c.n > 0).order_by(desc("articles"), o.c.name).limit(top))]
        out["countries"] = [{"country": k, "articles": n} for k, n in conn.execute(
            select(tl.c.key, tl.c.n).where(tl.c.scope == "country", tl.c.n > 0)
            .order_by(desc(tl.c.n), tl.c.key).limit(top))]
        out["segments"] = dict(conn.execute(select(tl.c.key, tl.c.n).where(tl.c.scope == "segment",
                                                                           tl.c.n > 0)).all())
        act = t.actors
        out["top_speakers"] = [dict(r._mapping) for r in conn.execute(
            select(act.c.name, act.c.slug, act.c.statement_count.label("statements")).where(act.c.statement_count > 0)
            .order_by(desc(act.c.statement_count), desc(act.c.mention_count), act.c.name).limit(top))]
        out["top_actors"] = [dict(r._mapping) for r in conn.execute(
            select(act.c.name, act.c.slug, act.c.kind, act.c.mention_count.label("mentions"))
            .where(act.c.mention_count > 0).order_by(desc(act.c.mention_count), act.c.name).limit(top))]
        out["extractors"] = [dict(r._mapping) for r in conn.execute(
            select(tl.c.key.label("version"), t.extractors.c.taxonomy, tl.c.n.label("articles"))
            .select_from(tl.outerjoin(t.extractors, t.extractors.c.version == tl.c.key))
            .where(tl.c.scope == "extractor", tl.c.n > 0).order_by(desc("articles")))]
    return out
