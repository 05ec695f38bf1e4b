"""Full-text search over statements and article text: SQLite FTS5 and PostgreSQL tsvector, behind one function.

Both strategies answer the same question with the same ``Filters``: hits best first, statements
dated by when they were said (else published), articles by publication. Every user value is a bound
parameter.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, column, exists, false, func, literal_column, select, table

from .. import schema as t
from ..store import Ledger
from .filters import Columns, Filters, actor_ids, one_of
from .statements import first_passing, folded, list_statements

POOL = 2000  # only the POOL newest matching rows are ranked: bm25 or ts_rank over every hit of "Russia" costs seconds
s, a, o, act = t.statements, t.articles, t.outlets, t.actors
STATEMENTS = Columns(actor_id=s.c.actor_id, outlet=o.c.name, date=func.coalesce(s.c.said_on, a.c.published),
                     kind=s.c.kind)
ARTICLES = Columns(outlet=o.c.name, date=a.c.published)
ARTICLES_FTS = table("articles_fts", column("rowid"))
STATEMENTS_FTS = table("statements_fts", column("rowid"))


def fts_query(q: str) -> str:
    """User words as quoted FTS5 terms: no operator a user types can break or widen the query."""
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", q))


def full_text_search(ledger: Ledger, query: str, filters: Filters) -> dict[str, list[dict[str, Any]]]:
    """Statements and articles matching ``query``; with no words but a filter, the statements that pass it."""
    res: dict[str, list[dict[str, Any]]] = {"statements": [], "articles": []}
    if not re.search(r"\w", query or ""):
        if filters.active():
            res["statements"] = list_statements(ledger, filters)
        return res
    strategy = _sqlite if ledger.dialect == "sqlite" else _postgresql
    with ledger.connect() as conn:
        st_where = filters.clauses(STATEMENTS, conn)
        art_where = filters.clauses(ARTICLES, conn)
        if filters.speaker:
            ids = actor_ids(conn, filters.speaker)
            # per candidate article, along the article's own statements: never the speaker's every article
            art_where.append(exists().where(s.c.article_id == a.c.id, one_of(s.c.actor_id, ids)) if ids else false())
        if not filters.kind:  # articles have no statement kind; a kind filter asks for statements only
            res["articles"] = _rows(conn, strategy(query, "articles", art_where), filters)
            if ledger.dialect != "sqlite":
                _headlines(conn, query, res["articles"])
        ranked, floor, rowid = strategy(query, "statements", st_where)
        res["statements"] = _rows(conn, (folded(ranked, filters, conn), floor.where(first_passing(filters, conn)),
                                         rowid), filters)
    return res


def _rows(conn: Any, plan: tuple[Select[Any], Select[Any] | None, Any], filters: Filters) -> list[dict[str, Any]]:
    q, pool_floor, rowid = plan
    if pool_floor is not None:
        q = q.where(rowid >= (conn.execute(pool_floor).scalar() or 0))
    return [dict(r._mapping) for r in conn.execute(q.limit(filters.limit).offset(filters.offset))]


def _headlines(conn: Any, query: str, rows: list[dict[str, Any]]) -> None:
    """Each listed article's snippet, made for the page's rows only: ts_headline reads the whole text."""
    headline = func.ts_headline("english", a.c.text, func.plainto_tsquery("english", query),
                                "StartSel=[,StopSel=],MaxWords=20,MinWords=8")
    got = dict(conn.execute(select(a.c.id, headline).where(a.c.id.in_([r["id"] for r in rows]))).all()) if rows else {}
    for r in rows:
        r["snippet"] = got.get(r["id"])


def _statement_columns() -> list[Any]:
    return [s.c.id, s.c.article_id, s.c.speaker_name, act.c.name.label("actor"), act.c.slug.label("actor_slug"),
            s.c.kind, s.c.cue, s.c.said_on, s.c.content, a.c.title, a.c.published, o.c.name.label("outlet")]


def _sqlite(query: str, subject: str, where: list[ColumnElement[bool]]) -> tuple[Select[Any], Select[Any], Any]:
    """FTS5 ranks the POOL newest rows that match and pass the filters (it takes a rowid range in its own
    scan), so the pool is 'rowid >= the POOL-th newest hit', found first."""
    if subject == "articles":
        fts, name = ARTICLES_FTS, "articles_fts"
        joined = fts.join(a, a.c.id == fts.c.rowid).outerjoin(o, o.c.id == a.c.outlet_id)
        cols = [a.c.id, a.c.title, a.c.published, o.c.name.label("outlet"), a.c.country,
                func.snippet(literal_column(name), 1, "[", "]", "…", 12).label("snippet")]
    else:
        fts, name = STATEMENTS_FTS, "statements_fts"
        joined = (fts.join(s, s.c.id == fts.c.rowid).join(a, a.c.id == s.c.article_id)
                  .outerjoin(o, o.c.id == a.c.outlet_id).outerjoin(act, act.c.id == s.c.actor_id))
        cols = _statement_columns()
    match = [literal_column(name).op("MATCH")(fts_query(query)), *where]
    floor = (select(fts.c.rowid).select_from(joined).where(*match).order_by(fts.c.rowid.desc())
             .limit(1).offset(POOL - 1))
    ranked = (select(*cols).select_from(joined).where(*match)
              .order_by(func.bm25(literal_column(name)), fts.c.rowid.desc()))  # ties newest first, as in PostgreSQL
    return ranked, floor, fts.c.rowid


def _postgresql(query: str, subject: str, where: list[ColumnElement[bool]]) -> tuple[Select[Any], Select[Any], Any]:
    """The same pool as SQLite's: only the POOL newest matches are ranked, so a word in every third article
    reads a few thousand rows from the primary key backwards, not every match ranked by ``ts_rank``."""
    tsq = func.plainto_tsquery("english", query)
    tsv: Any
    if subject == "articles":
        tsv, key = literal_column("articles.tsv"), a.c.id
        joined: Any = a.outerjoin(o, o.c.id == a.c.outlet_id)
        cols = [a.c.id, a.c.title, a.c.published, o.c.name.label("outlet"), a.c.country]  # snippets: _headlines
    else:
        tsv, key = literal_column("statements.tsv"), s.c.id
        joined = (s.join(a, a.c.id == s.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                  .outerjoin(act, act.c.id == s.c.actor_id))
        cols = _statement_columns()
    match = [tsv.op("@@")(tsq), *where]
    floor = select(key).select_from(joined).where(*match).order_by(key.desc()).limit(1).offset(POOL - 1)
    ranked = select(*cols).select_from(joined).where(*match).order_by(func.ts_rank(tsv, tsq).desc(), key.desc())
    return ranked, floor, key
