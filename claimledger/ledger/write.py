"""Writing one article: its rows in every table, actors merged by alias key, near-duplicates linked.

Runs inside the transaction ``Ledger.add`` opens; imported on the first write, so reading the ledger
never loads numpy, datasketch or the record mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from ..types import Article, Extraction
from . import claims, copies, dedup, rows, tallies
from . import schema as t
from .actor_phase import resolve_actors
from .actors import add_counts
from .upsert import insert_ignore


@dataclass
class AddResult:
    article_id: int
    added: bool
    links: list[tuple[int, str, float]] = field(default_factory=list)  # (other article, kind, similarity)


def note_extractor(conn: Connection, info: dict[str, str | None]) -> None:
    conn.execute(insert_ignore(conn, t.extractors, {
        **rows.clip(t.extractors, info), "first_used": datetime.now(UTC).replace(tzinfo=None)}))


def _ref(ids: list[int], index: int | None) -> int | None:
    """The stored id of the record at ``index`` of the extraction, if it has one."""
    return ids[index] if index is not None and index < len(ids) else None


def add_article(conn: Connection, art: Article, ex: Extraction, version: str) -> AddResult:
    """Every row of one article, in the caller's transaction."""
    ident = art.identity
    existing = conn.execute(select(t.articles.c.id).where(t.articles.c.identity == ident)).scalar()
    if existing is not None:
        return AddResult(existing, False)
    sig = dedup.signature(art.text)
    outlet_id = _outlet(conn, art.outlet, art.country) if art.outlet else None
    res = conn.execute(insert_ignore(conn, t.articles, {
        **rows.clip(t.articles, rows.article_row(art, version)), "outlet_id": outlet_id,
        "minhash": dedup.to_bytes(sig), "ingested_at": datetime.now(UTC).replace(tzinfo=None),
    }).returning(t.articles.c.id))
    aid = res.scalar()
    if aid is None:  # another process stored the same article a moment ago
        aid = conn.execute(select(t.articles.c.id).where(t.articles.c.identity == ident)).scalar_one()
        return AddResult(aid, False)
    links = _link_near_duplicates(conn, aid, sig, outlet_id, art.content_hash)
    conn.execute(insert(t.article_bands), [{"band": b, "article_id": aid} for b in dedup.band_keys(sig)])
    if art.segments:
        conn.execute(insert(t.segments), [{"article_id": aid, **r} for r in rows.segment_rows(art)])
    actor_ids = resolve_actors(conn, ex, aid)
    if ex.mentions:
        conn.execute(insert(t.mentions), [
            {"article_id": aid, "actor_id": actor_ids.get(m.actor or ""),
             **rows.clip(t.mentions, rows.mention_row(m))} for m in ex.mentions])
    stmt_ids = _statements(conn, aid, ex, actor_ids)
    _figures(conn, aid, ex, actor_ids, stmt_ids)
    _positions_events(conn, aid, ex, actor_ids, stmt_ids)
    claims.attach_article(conn, aid)
    said = _count(conn, ex, actor_ids, stmt_ids)
    tallies.record_article(conn, art, outlet_id, version, ex, said, len(links))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                             (aid, art.title or "", art.text))
    return AddResult(aid, True, links)


def _count(conn: Connection, ex: Extraction, actor_ids: dict[str, int],
           stmt_ids: list[int]) -> list[tuple[int | None, str]]:
    """Mentions all count; a statement counts once per utterance, however many copies carry it. The
    statements' (actor, utterance), for the outlets' tallies."""
    said = [(actor_ids.get(s.speaker_name or ""), copies.utterance_key(s.content.text)) for s in ex.statements]
    new = copies.register(conn, [(a, k) for a, k in said if a is not None])
    copies.mark_copies(conn, stmt_ids, said, new)
    counts: dict[int, list[int]] = {}
    for actor, _ in new:
        counts.setdefault(actor, [0, 0])[0] += 1
    for m in ex.mentions:
        if (a := actor_ids.get(m.actor or "")) is not None:
            counts.setdefault(a, [0, 0])[1] += 1
    for a, (n_st, n_mn) in sorted(counts.items()):  # a fixed order: two writers never deadlock
        add_counts(conn, a, n_st, n_mn)
    return said


def _outlet(conn: Connection, name: str, country: str | None) -> int:
    name = rows.fit(t.outlets.c.name, name)
    conn.execute(insert_ignore(conn, t.outlets, rows.clip(t.outlets, {"name": name, "country": country})))
    return conn.execute(select(t.outlets.c.id).where(t.outlets.c.name == name)).scalar_one()


def _statements(conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int]) -> list[int]:
    """All of an article's statements in one INSERT ... RETURNING (their ids in the rows' order)."""
    if not ex.statements:
        return []
    values = [{"article_id": aid, "ordinal": i, "actor_id": actor_ids.get(s.speaker_name or ""),
               **rows.clip(t.statements, rows.statement_row(s))} for i, s in enumerate(ex.statements)]
    ids = list(conn.execute(insert(t.statements).returning(t.statements.c.id, sort_by_parameter_order=True),
                            values).scalars())
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO statements_fts(rowid, content) VALUES (?, ?)",
                             [(sid, s.content.text) for sid, s in zip(ids, ex.statements, strict=True)])
    return ids


def _figures(conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int], stmt_ids: list[int]) -> None:
    if ex.figures:
        conn.execute(insert(t.figures), [{
            "article_id": aid, "ordinal": i, "statement_id": _ref(stmt_ids, f.statement),
            "claimant_actor_id": actor_ids.get(f.claimant_name or ""), **rows.clip(t.figures, rows.figure_row(f)),
        } for i, f in enumerate(ex.figures)])


def _positions_events(conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int],
                      stmt_ids: list[int]) -> None:
    if ex.positions:
        conn.execute(insert(t.positions), [{
            "article_id": aid, "ordinal": i, "actor_id": actor_ids.get(p.actor_name),
            "statement_id": _ref(stmt_ids, p.statement), **rows.clip(t.positions, rows.position_row(p)),
        } for i, p in enumerate(ex.positions)])
    if ex.events:
        conn.execute(insert(t.events), [{"article_id": aid, "ordinal": i, **rows.clip(t.events, rows.event_row(e))}
                                        for i, e in enumerate(ex.events)])


def _link_near_duplicates(conn: Connection, aid: int, sig: Any, outlet_id: int | None,
                          content_hash: str) -> list[tuple[int, str, float]]:
    keys = dedup.band_keys(sig)
    cands = conn.execute(select(t.article_bands.c.article_id).where(t.article_bands.c.band.in_(keys))
                         .distinct()).scalars().all()
    links = []
    for other in cands:
        row = conn.execute(select(t.articles.c.minhash, t.articles.c.outlet_id, t.articles.c.content_hash)
                           .where(t.articles.c.id == other)).first()
        if row is None or row.minhash is None:
            continue
        sim = dedup.similarity(sig, dedup.from_bytes(row.minhash))
        if sim >= dedup.THRESHOLD:
            if outlet_id and row.outlet_id and row.outlet_id != outlet_id:
                kind = "syndicated"
            else:
                kind = "identical" if row.content_hash == content_hash else "near_duplicate"
            links.append((other, kind, round(sim, 3)))
    if links:
        conn.execute(insert(t.article_links), [
            {"article_id": aid, "other_id": o, "kind": k, "similarity": s} for o, k, s in links])
    return links
