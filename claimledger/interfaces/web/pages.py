"""One view per page: reads through the library and returns plain data.

The HTML page and its JSON twin are both made from what a view returns, so they cannot disagree.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from fastapi import HTTPException, Query, Request
from sqlalchemy import func, select

from ...analysis.figures import compare, contested
from ...ledger import read
from ...ledger import schema as t
from ...ledger.read import Filters
from ...ledger.store import Ledger
from .highlight import marks_for, pieces

PageNo = Query(1, ge=1, le=100_000, description="page number, from 1")
PerPage = Query(50, ge=1, le=200, description="rows per page")


def ledger_of(request: Request) -> Ledger:
    return request.app.state.ledger  # type: ignore[no-any-return]


def paged(request: Request, rows: list[dict[str, Any]], page: int, per_page: int) -> dict[str, Any]:
    """Rows were fetched with one extra to know whether a next page exists, without a COUNT."""
    nxt = len(rows) > per_page
    del rows[per_page:]
    link = request.url.include_query_params
    return {"page": page, "per_page": per_page,
            "next": str(link(page=page + 1)) if nxt else None,
            "prev": str(link(page=page - 1)) if page > 1 else None}


def not_found(what: str, key: object) -> HTTPException:
    return HTTPException(404, f"no {what} {key!s} in this ledger")


def filters(page: int = 1, per_page: int = 50, **values: Any) -> Filters:
    """The page's query parameters as ``Filters``: a bad date or kind is a FilterError, which the app
    answers with 400 naming the fix."""
    return Filters(page=page, per_page=per_page, lookahead=True, **values)


# Aggregates over every statement (overview, outlets, contested figures) are cached until the ledger
# changes: a new article, statement, actor or alias moves one of the max ids below.
_cache: dict[tuple[str, str], tuple[tuple[Any, ...], Any]] = {}
_cache_lock = threading.Lock()


def _version(ledger: Ledger) -> tuple[Any, ...]:
    with ledger.connect() as conn:
        return tuple(conn.execute(select(*(select(func.max(tab.c.id)).scalar_subquery()
                                           for tab in (t.articles, t.statements, t.aliases, t.actors)))).one())


def cached(ledger: Ledger, name: str, compute: Callable[[], Any]) -> Any:
    version = _version(ledger)
    with _cache_lock:
        hit = _cache.get((ledger.url, name))
    if hit and hit[0] == version:
        return hit[1]
    value = compute()
    with _cache_lock:
        _cache[(ledger.url, name)] = (version, value)
    return value


def warm(ledger: Ledger) -> None:
    """Fill the aggregate caches, so the first reader after a start does not wait for them."""
    for name, fn in AGGREGATES.items():
        cached(ledger, name, lambda fn=fn: fn(ledger))  # type: ignore[misc]


AGGREGATES: dict[str, Callable[[Ledger], Any]] = {
    "summary": lambda led: read.summary(led, top=10),
    "contested": lambda led: contested(led, top=20),
    "outlets": read.list_outlets,
}


def aggregate(request: Request, name: str) -> Any:
    led = ledger_of(request)
    return cached(led, name, lambda: AGGREGATES[name](led))


def overview(request: Request) -> dict[str, Any]:
    data = dict(aggregate(request, "summary"))
    data["latest"] = read.list_articles(ledger_of(request), limit=10)
    data["contested"] = aggregate(request, "contested")[:10]
    return data


def articles(request: Request, page: int = PageNo, per_page: int = PerPage, outlet_id: int | None = None,
             country: str | None = None) -> dict[str, Any]:
    rows = read.list_articles(ledger_of(request), limit=per_page + 1, offset=(page - 1) * per_page,
                                 outlet_id=outlet_id, country=country)
    return {"paging": paged(request, rows, page, per_page), "articles": rows}


def article(request: Request, article_id: int) -> dict[str, Any]:
    art = read.article_detail(ledger_of(request), article_id)
    if art is None:
        raise not_found("article", article_id)
    if request.url.path.endswith(".json"):
        return {"article": art}
    return {"article": art, "pieces": [asdict(p) for p in pieces(art["text"], marks_for(art))]}


def actors(request: Request, q: str | None = None, kind: str | None = None, page: int = PageNo,
           per_page: int = PerPage) -> dict[str, Any]:
    rows = read.list_actors(ledger_of(request), search=q, kind=kind, limit=per_page + 1, offset=(page - 1) * per_page)
    return {"q": q, "kind": kind, "paging": paged(request, rows, page, per_page), "actors": rows}


def actor(request: Request, slug: str, page: int = PageNo, per_page: int = PerPage) -> dict[str, Any]:
    data = read.actor_detail(ledger_of(request), slug, limit=per_page + 1, offset=(page - 1) * per_page)
    if data is None:
        raise not_found("actor", slug)
    return {"actor": data, "paging": paged(request, data["statements"], page, per_page)}


def statements(request: Request, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
               until: str | None = None, kind: str | None = None, contains: str | None = None,
               page: int = PageNo, per_page: int = PerPage) -> dict[str, Any]:
    f = filters(page, per_page, speaker=speaker, since=since, until=until, outlet=outlet, contains=contains,
                kind=kind)
    rows = read.list_statements(ledger_of(request), f)
    return {"filters": {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "kind": kind,
                        "contains": contains},
            "paging": paged(request, rows, page, per_page), "statements": rows}


def figures(request: Request, claimant: str | None = None, counted: str | None = None, outlet: str | None = None,
            since: str | None = None, until: str | None = None, page: int = PageNo,
            per_page: int = PerPage) -> dict[str, Any]:
    rows = read.list_figures(ledger_of(request), filters(page, per_page, speaker=claimant, outlet=outlet, since=since,
                                                    until=until), counted=counted)
    return {"filters": {"claimant": claimant, "counted": counted, "outlet": outlet, "since": since, "until": until},
            "paging": paged(request, rows, page, per_page), "figures": rows,
            "contested": aggregate(request, "contested") if page == 1 else []}


def comparison(request: Request, q: str = Query("", description="e.g. 'Russian losses' or a quantity key "
                                                                  "'russian|killed|people'"),
               since: str | None = None, until: str | None = None) -> dict[str, Any]:
    cmp = compare(ledger_of(request), q, filters(since=since, until=until)) if q.strip() else None
    return {"q": q, "since": since, "until": until, "comparison": cmp.to_dict() if cmp else None}


def search(request: Request, q: str = "", speaker: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, kind: str | None = None, page: int = PageNo,
           per_page: int = Query(20, ge=1, le=100)) -> dict[str, Any]:
    f = filters(page, per_page, speaker=speaker, outlet=outlet, since=since, until=until, kind=kind)
    res = read.full_text_search(ledger_of(request), q, f)
    more = len(res["statements"]) > per_page or len(res["articles"]) > per_page
    paging = paged(request, [{}] * (per_page + 1 if more else 0), page, per_page)
    res = {k: v[:per_page] for k, v in res.items()}
    return {"q": q, "filters": {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "kind": kind},
            "paging": paging, **res}


def outlets(request: Request) -> dict[str, Any]:
    return aggregate(request, "outlets")  # type: ignore[no-any-return]


def outlet(request: Request, outlet_id: int, page: int = PageNo, per_page: int = PerPage) -> dict[str, Any]:
    data = read.outlet_detail(ledger_of(request), outlet_id, limit=per_page + 1, offset=(page - 1) * per_page)
    if data is None:
        raise not_found("outlet", outlet_id)
    return {"outlet": data, "paging": paged(request, data["quotes"], page, per_page)}


def positions(request: Request, topic: str | None = None, actor: str | None = None,
              min_count: int = Query(1, ge=1, le=1000), limit: int = Query(60, ge=1, le=500)) -> dict[str, Any]:
    """The actor x topic matrix with evidence per cell, beside the timeline of talks and meetings."""
    from ...analysis.positions import matrix

    led = ledger_of(request)
    m = matrix(led, topic, actor, min_count=min_count)
    m["actors"] = m["actors"][:limit]
    keep = set(m["actors"])
    m["cells"] = [c for c in m["cells"] if c["actor"] in keep]
    described = {t.id: t.description for t in request.app.state.extractor.taxonomy.topics}
    return {"filters": {"topic": topic, "actor": actor, "min_count": min_count}, "matrix": m,
            "descriptions": {t: described.get(t) for t in m["topics"]},
            "events": read.list_events(led, Filters(speaker=actor, per_page=50))}


def claims(request: Request, speaker: str | None = None, since: str | None = None, until: str | None = None,
           changed: bool = False, order: str = Query("appearances", description="appearances, variants or first"),
           what: str | None = Query(None, description="statement or figure"),
           min: int = Query(2, ge=1, le=1000, description="carried by at least this many articles"),  # noqa: A002
           page: int = PageNo, per_page: int = PerPage) -> dict[str, Any]:
    """Claims carried by several articles, most carried (or most changed) first."""
    f = filters(page, per_page, speaker=speaker, since=since, until=until)
    rows = read.list_claims(ledger_of(request), f, changed, order, what or None, min)  # type: ignore[arg-type]
    return {"filters": {"speaker": speaker, "since": since, "until": until, "changed": changed, "order": order,
                        "what": what, "min": min}, "paging": paged(request, rows, page, per_page), "claims": rows}


def claim(request: Request, claim_id: int) -> dict[str, Any]:
    """One claim's path: every appearance by outlet and date, the first, and each variant's diff."""
    data = read.claim_detail(ledger_of(request), claim_id)
    if data is None:
        raise not_found("claim", claim_id)
    return {"claim": data}
