"""Claims: what one actor said (or one figure they gave) with every article that carried it.

Lists read the summary each write keeps on the claim row (appearances, outlets, variants, first date),
so a list is one indexed query however many appearances a claim has; a claim's page reads its members.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import Select, desc, select

from .. import schema as t
from ..store import Ledger
from ..wording import compared, diff
from .filters import Columns, FilterError, Filters

c, s, f, a, o, ac = t.claims, t.statements, t.figures, t.articles, t.outlets, t.actors
COLUMNS = Columns(actor_id=c.c.actor_id, date=c.c.first_date, text=c.c.text)
Order = Literal["appearances", "variants", "first"]
ORDERS = {"appearances": (desc(c.c.outlets), desc(c.c.articles), desc(c.c.id)),  # each an index read backwards
          "variants": (desc(c.c.variants), desc(c.c.outlets), desc(c.c.id)),
          "first": (desc(c.c.first_date), desc(c.c.id))}
WHAT = ("statement", "figure")


def _summary() -> Select[Any]:
    first = (select(o.c.name).select_from(a.join(o, o.c.id == a.c.outlet_id))
             .where(a.c.id == c.c.first_article_id).scalar_subquery())
    return (select(c.c.id, c.c.kind, c.c.text, c.c.first_date, c.c.last_date, c.c.appearances, c.c.articles,
                   c.c.outlets, c.c.variants, c.c.first_article_id, c.c.first_id, c.c.canonical_id, c.c.quantity,
                   ac.c.name.label("actor"), ac.c.slug.label("actor_slug"), first.label("first_outlet"))
            .join(ac, ac.c.id == c.c.actor_id))


def list_claims(ledger: Ledger, filters: Filters, changed: bool = False, order: Order = "appearances",
                what: str | None = None, min_articles: int = 2) -> list[dict[str, Any]]:
    """Claims carried by at least ``min_articles`` articles (a quote in a headline and again in its
    article is one); ``changed``: only those with a variant."""
    if order not in ORDERS:
        raise FilterError("--order", f"unknown order {order!r}", "use one of " + ", ".join(ORDERS))
    if what is not None and what not in WHAT:
        raise FilterError("--what", f"unknown claim kind {what!r}", "use statement or figure")
    with ledger.connect() as conn:
        q = _summary().where(*filters.clauses(COLUMNS, conn), c.c.articles >= min_articles)
        if changed:
            q = q.where(c.c.variants > 0)
        if what:
            q = q.where(c.c.kind == what)
        q = q.order_by(*ORDERS[order]).limit(filters.limit).offset(filters.offset)
        return [dict(r._mapping) for r in conn.execute(q)]


def claim_detail(ledger: Ledger, claim_id: int) -> dict[str, Any] | None:
    """One claim: its canonical wording and every appearance in order of publication, each variant with
    its word-level diff against the canonical wording."""
    with ledger.connect() as conn:
        row = conn.execute(_summary().where(c.c.id == claim_id)).first()
        if row is None:
            return None
        claim = dict(row._mapping)
        rows = _appearances(conn, claim)
    canon = next((r for r in rows if r["id"] == claim["canonical_id"]), None)
    wording = compared(claim["text"], canon["kind"] if canon else None)
    for r in rows:
        r["first"] = r["id"] == claim["first_id"]
        r["canonical"] = r["id"] == claim["canonical_id"]
        if claim["kind"] == "statement" and not r["canonical"]:  # the quoted words against the quoted words
            r["diff"] = diff(wording, compared(r["text"], r["kind"]))
    claim["appearances_list"] = rows
    return claim


def _appearances(conn: Any, claim: dict[str, Any]) -> list[dict[str, Any]]:
    if claim["kind"] == "statement":
        q = select(s.c.id, s.c.article_id, s.c.kind, s.c.content.label("text"), s.c.content_start.label("start"),
                   s.c.content_end.label("end"), s.c.speaker_text, s.c.cue, s.c.said_on, s.c.variant,
                   a.c.title, a.c.url, a.c.published, o.c.name.label("outlet"), o.c.id.label("outlet_id"))
        table = s
    else:
        q = select(f.c.id, f.c.article_id, f.c.kind, f.c.text, f.c.start, f.c.end, f.c.value, f.c.low, f.c.high,
                   f.c.approx, f.c.unit, f.c.counted, f.c.claimant_name.label("speaker_text"),
                   f.c.as_of.label("said_on"), f.c.variant, a.c.title, a.c.url, a.c.published,
                   o.c.name.label("outlet"), o.c.id.label("outlet_id"))
        table = f
    q = (q.select_from(table.join(a, a.c.id == table.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id))
         .where(table.c.claim_id == claim["id"]).order_by(a.c.published, table.c.id))
    return [dict(r._mapping) for r in conn.execute(q)]
