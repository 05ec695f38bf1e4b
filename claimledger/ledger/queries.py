"""Read-only queries over the ledger, shared by the CLI, the web layer and exports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import bindparam, desc, func, select, text

from . import schema as t
from .actors import name_key
from .store import Ledger


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
    return out


def _fts_query(q: str) -> str:
    """User words as quoted FTS5 terms: no operator a user types can break or widen the query."""
    words = re.findall(r"\w+", q)
    return " ".join(f'"{w}"' for w in words)


def search(ledger: Ledger, query: str, limit: int = 20, offset: int = 0, speaker: str | None = None,
           outlet: str | None = None, since: str | None = None, until: str | None = None,
           kind: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Full-text hits in statements and in article text, best first; filters narrow both.

    With no words but a filter, the statements that pass the filters, newest first. Every user value
    is a bound parameter; the query text holds only our own fragments.
    """
    res: dict[str, list[dict[str, Any]]] = {"statements": [], "articles": []}
    has_words = bool(re.search(r"\w", query or ""))
    if not has_words:
        if speaker or outlet or since or until or kind:
            res["statements"] = quotes(ledger, speaker=speaker, since=since, until=until, outlet=outlet, kind=kind,
                                       limit=limit, offset=offset)
        return res
    params: dict[str, Any] = {"n": limit, "off": offset}
    a_cond, s_cond = [], []
    if outlet:  # resolved to ids first: a name no outlet has answers at once instead of scanning every hit
        with ledger.connect() as conn:
            params["outlets"] = list(conn.execute(select(t.outlets.c.id).where(
                func.lower(t.outlets.c.name).like(f"%{outlet.lower()}%"))).scalars())
        if not params["outlets"]:
            return res
        a_cond.append("a.outlet_id IN :outlets")
    if since:
        a_cond.append("a.published >= :since")
        s_cond.append("coalesce(s.said_on, a.published) >= :since")
        params["since"] = since
    if until:
        a_cond.append("a.published <= :until")
        s_cond.append("coalesce(s.said_on, a.published) <= :until")
        params["until"] = until + "\uffff"
    if kind:
        s_cond.append("s.kind = :kind")
        params["kind"] = kind
    if speaker:
        params["actors"] = find_actor_ids(ledger, speaker)
        if not params["actors"]:
            return res
        s_cond.append("s.actor_id IN :actors")
        a_cond.append("a.id IN (SELECT article_id FROM statements WHERE actor_id IN :actors)")
    s_cond += [c for c in a_cond if c.startswith("a.outlet_id")]
    a_where = "".join(f" AND {c}" for c in a_cond)
    s_where = "".join(f" AND {c}" for c in s_cond)
    if ledger.dialect == "sqlite":
        # bm25 ranks the POOL newest rows that match and pass the filters: ranking all 200k hits of a
        # word like "Russia" costs seconds at 100k articles. FTS5 takes a rowid range in its own scan,
        # so the pool is "rowid >= the POOL-th newest hit", found first.
        params["q"] = _fts_query(query)
        params["pool"] = POOL - 1
        art_from = ("FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                    "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE articles_fts MATCH :q" + a_where)
        st_from = ("FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid "
                   "JOIN articles a ON a.id = s.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
                   "LEFT JOIN actors act ON act.id = s.actor_id WHERE statements_fts MATCH :q" + s_where)
        art_lo = f"SELECT articles_fts.rowid {art_from} ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET :pool"
        st_lo = f"SELECT statements_fts.rowid {st_from} ORDER BY statements_fts.rowid DESC LIMIT 1 OFFSET :pool"
        art_sql = ("SELECT a.id, a.title, a.published, o.name AS outlet, a.country, "
                   "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet " + art_from +
                   " AND articles_fts.rowid >= :lo ORDER BY bm25(articles_fts) LIMIT :n OFFSET :off")
        st_sql = ("SELECT s.id, s.article_id, s.speaker_name, act.name AS actor, act.slug AS actor_slug, s.kind, "
                  "s.cue, s.said_on, s.content, a.title, a.published, o.name AS outlet " + st_from +
                  " AND statements_fts.rowid >= :lo ORDER BY bm25(statements_fts) LIMIT :n OFFSET :off")
    else:
        params["q"] = query
        art_sql = ("SELECT a.id, a.title, a.published, o.name AS outlet, a.country, "
                   "ts_headline('english', a.text, plainto_tsquery('english', :q), "
                   "'StartSel=[,StopSel=],MaxWords=20,MinWords=8') AS snippet "
                   "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
                   "WHERE a.tsv @@ plainto_tsquery('english', :q)" + a_where +
                   " ORDER BY ts_rank(a.tsv, plainto_tsquery('english', :q)) DESC LIMIT :n OFFSET :off")
        st_sql = ("SELECT s.id, s.article_id, s.speaker_name, act.name AS actor, act.slug AS actor_slug, s.kind, "
                  "s.cue, s.said_on, s.content, a.title, a.published, o.name AS outlet "
                  "FROM statements s JOIN articles a ON a.id = s.article_id "
                  "LEFT JOIN outlets o ON o.id = a.outlet_id LEFT JOIN actors act ON act.id = s.actor_id "
                  "WHERE s.tsv @@ plainto_tsquery('english', :q)" + s_where +
                  " ORDER BY ts_rank(s.tsv, plainto_tsquery('english', :q)) DESC LIMIT :n OFFSET :off")
    expanding: list[Any] = [bindparam(k, expanding=True) for k in ("actors", "outlets") if k in params]
    with ledger.connect() as conn:

        def run(sql: str, lo_sql: str | None) -> list[dict[str, Any]]:
            if lo_sql is not None:
                params["lo"] = conn.execute(text(lo_sql).bindparams(*expanding), _used(lo_sql, params)).scalar() or 0
            return [dict(r._mapping) for r in conn.execute(text(sql).bindparams(*expanding), _used(sql, params))]

        sqlite_ = ledger.dialect == "sqlite"
        if not kind:  # articles have no statement kind; a kind filter asks for statements only
            res["articles"] = run(art_sql, art_lo if sqlite_ else None)
        res["statements"] = run(st_sql, st_lo if sqlite_ else None)
    return res


def _used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if f":{k}" in sql}


POOL = 2000

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
                   t.actors.c.name.label("actor"), s.c.speaker_text, s.c.cue, s.c.content, s.c.content_start,
                   s.c.content_end, s.c.said_on, s.c.confidence).select_from(
            s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
            .outerjoin(t.actors, t.actors.c.id == s.c.actor_id)).order_by(s.c.id)
    elif table == "figures":
        f = t.figures
        q = select(*[c for c in f.c if c.name != "ordinal"], o.c.name.label("outlet")).select_from(
            f.join(a, a.c.id == f.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)).order_by(f.c.id)
    elif table == "actors":
        q = select(t.actors.c.id, t.actors.c.name, t.actors.c.slug, t.actors.c.kind,
                   func.count(t.aliases.c.id).label("aliases")).select_from(
            t.actors.outerjoin(t.aliases, t.aliases.c.actor_id == t.actors.c.id)).group_by(t.actors.c.id)
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


def find_actor_ids(ledger: Ledger, who: str) -> list[int]:
    """Actors a user means by a name: an exact alias first, else every alias containing the words."""
    key = name_key(who)
    with ledger.connect() as conn:
        exact = conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key == key)).scalars().all()
        if exact:
            return list(dict.fromkeys(exact))
        like = conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key.like(f"%{key}%"))).scalars().all()
        return list(dict.fromkeys(like))


def quotes(ledger: Ledger, speaker: str | None = None, since: str | None = None, until: str | None = None,
           outlet: str | None = None, contains: str | None = None, kind: str | None = None,
           limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Statements with their speaker, article, outlet and date, newest said first."""
    s, a, o = t.statements, t.articles, t.outlets
    q = (select(s.c.id, s.c.article_id, s.c.kind, s.c.speaker_name, t.actors.c.name.label("actor"),
                t.actors.c.slug.label("actor_slug"), s.c.speaker_text, s.c.cue, s.c.content, s.c.said_on,
                s.c.confidence, s.c.content_start, s.c.content_end, a.c.title, a.c.published, a.c.url,
                o.c.name.label("outlet"))
         .select_from(s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                      .outerjoin(t.actors, t.actors.c.id == s.c.actor_id)))
    if speaker:
        ids = find_actor_ids(ledger, speaker)
        q = q.where(s.c.actor_id.in_(ids) if ids else s.c.id < 0)
    if since:
        q = q.where(s.c.said_on >= since)
    if until:
        q = q.where(s.c.said_on <= until + "\uffff")
    if outlet:
        q = q.where(func.lower(o.c.name).like(f"%{outlet.lower()}%"))
    if contains:
        q = q.where(func.lower(s.c.content).like(f"%{contains.lower()}%"))
    if kind:
        q = q.where(s.c.kind == kind)
    # said_on is the publication date unless the text dates the statement: one indexed column to sort on
    q = q.order_by(desc(s.c.said_on), desc(s.c.id)).limit(limit).offset(offset)
    with ledger.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def actors(ledger: Ledger, search: str | None = None, kind: str | None = None, limit: int = 50,
           offset: int = 0) -> list[dict[str, Any]]:
    """Actors with their aliases, roles and statement counts, most quoted first."""
    q = select(t.actors.c.id, t.actors.c.name, t.actors.c.slug, t.actors.c.kind, t.actors.c.gender,
               t.actors.c.statement_count.label("statements"), t.actors.c.mention_count.label("mentions"))
    if search:
        ids = find_actor_ids(ledger, search)
        q = q.where(t.actors.c.id.in_(ids) if ids else t.actors.c.id < 0)
    if kind:
        q = q.where(t.actors.c.kind == kind)
    q = q.order_by(desc(t.actors.c.statement_count), desc(t.actors.c.mention_count), t.actors.c.name
                   ).limit(limit).offset(offset)
    with ledger.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
        ids = [r["id"] for r in rows]
        aliases: dict[int, list[str]] = {}
        for aid, alias in conn.execute(select(t.aliases.c.actor_id, t.aliases.c.alias)
                                       .where(t.aliases.c.actor_id.in_(ids)).order_by(t.aliases.c.id)):
            aliases.setdefault(aid, []).append(alias)
        roles: dict[int, list[str]] = {}
        for aid, role in conn.execute(select(t.actor_roles.c.actor_id, t.actor_roles.c.role)
                                      .where(t.actor_roles.c.actor_id.in_(ids))):
            roles.setdefault(aid, []).append(role)
    for r in rows:
        r["aliases"] = [a for a in aliases.get(r["id"], []) if a != r["name"]]
        r["roles"] = roles.get(r["id"], [])
    return rows
