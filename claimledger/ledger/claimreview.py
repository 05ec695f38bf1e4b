"""Claims as schema.org ``ClaimReview`` JSON-LD, ready for a fact-check database.

Each claim is one ``ClaimReview`` whose ``itemReviewed`` is the ``Claim``: its author (the speaker or the
figure's claimant, with a Wikidata link where the user's actor file gave one), ``datePublished`` (the
first appearance), ``firstAppearance`` and every ``appearance`` as a ``NewsArticle`` with its URL and the
words as that article printed them. The rating (``reviewRating``) and the reviewer are the fact-checker's
to add, so they are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from . import schema as t
from .store import Ledger

CONTEXT = "https://schema.org"


def claim_reviews(ledger: Ledger, min_appearances: int = 1) -> Iterator[dict[str, Any]]:
    """One ClaimReview per claim, most carried first."""
    c, ac = t.claims, t.actors
    with ledger.connect() as conn:
        claims = conn.execute(select(c.c.id, c.c.kind, c.c.text, c.c.first_id, c.c.first_date, ac.c.name,
                                     ac.c.kind.label("actor_kind"), ac.c.external_id)
                              .join(ac, ac.c.id == c.c.actor_id).where(c.c.appearances >= min_appearances)
                              .order_by(c.c.appearances.desc(), c.c.id)).all()
        seen = {row.id for row in claims}
        works: dict[int, list[dict[str, Any]]] = {}
        for table, text in ((t.statements, t.statements.c.content), (t.figures, t.figures.c.text)):
            for r in conn.execute(_appearances(table, text)):
                if r.claim_id in seen:
                    works.setdefault(r.claim_id, []).append(dict(r._mapping))
    for row in claims:
        found = works.get(row.id, [])
        first = next((w for w in found if w["id"] == row.first_id), found[0] if found else None)
        yield _review(row, [_work(w) for w in found], _work(first) if first else None)


def _appearances(table: Any, text: Any) -> Any:
    a, o = t.articles, t.outlets
    return (select(table.c.id, table.c.claim_id, text.label("text"), a.c.url, a.c.title, a.c.published,
                   o.c.name.label("outlet"))
            .select_from(table.join(a, a.c.id == table.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id))
            .where(table.c.claim_id.is_not(None)).order_by(table.c.claim_id, a.c.published, table.c.id))


def _review(row: Any, appearances: list[dict[str, Any]], first: dict[str, Any] | None) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Person" if row.actor_kind == "person" else "Organization", "name": row.name}
    if row.external_id:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{row.external_id}"
    claim: dict[str, Any] = {"@type": "Claim", "text": row.text, "author": author, "appearance": appearances}
    if row.first_date:
        claim["datePublished"] = row.first_date
    if first:
        claim["firstAppearance"] = first
    return {"@context": CONTEXT, "@type": "ClaimReview", "identifier": f"claimledger-claim-{row.id}",
            "claimReviewed": row.text, "itemReviewed": claim}


def _work(w: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "text": w["text"]}
    if w["url"]:
        work["url"] = w["url"]
    if w["title"]:
        work["headline"] = w["title"]
    if w["published"]:
        work["datePublished"] = w["published"]
    if w["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": w["outlet"]}
    return work
