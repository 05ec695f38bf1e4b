"""The ledger: every write and read of stored articles and records goes through here."""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import LedgerError
from ..extract.figures import quantity_key
from ..ingest import dedup
from ..types import ActorRecord, Article, Extraction
from . import schema as t
from .actors import AliasFile, add_counts, apply_aliases, merge_actors, name_key, slugify
from .db import describe, make_engine, migrate, resolve_url

RETRIES = 8
RETRY_CODES = {"40P01", "40001"}  # deadlock detected, serialization failure


@dataclass
class AddResult:
    article_id: int
    added: bool
    links: list[tuple[int, str, float]] = field(default_factory=list)  # (other article, kind, similarity)


class Ledger:
    """One database, SQLite or PostgreSQL, opened and migrated."""

    def __init__(self, db: str | None = None) -> None:
        self.url = resolve_url(db)
        self.where = describe(self.url)
        self.engine: Engine = make_engine(self.url)
        migrate(self.engine)
        self.dialect = self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def _insert_ignore(self, table: t.Table, values: dict[str, Any] | list[dict[str, Any]]) -> Any:
        ins = postgresql.insert(table) if self.dialect == "postgresql" else sqlite.insert(table)
        return ins.values(values).on_conflict_do_nothing()

    def has(self, identity: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(t.articles.c.id).where(t.articles.c.identity == identity)).scalar()

    def add(self, article: Article, extraction: Extraction, extractor_version: str = "") -> AddResult:
        """Store one article and all its records in one transaction: all or nothing.

        Two writers on one PostgreSQL ledger can deadlock on the actors they both touch; the database
        aborts one transaction whole, and it is simply run again.
        """
        for attempt in range(RETRIES + 1):
            try:
                with self.engine.begin() as conn:
                    return self._add(conn, article, extraction, extractor_version)
            except DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
                if code in RETRY_CODES and attempt < RETRIES:
                    time.sleep(0.05 * (attempt + 1) + random.random() * 0.05)
                    continue
                self._fail(article, exc)
            except SQLAlchemyError as exc:
                self._fail(article, exc)
        raise AssertionError("unreachable")

    def _fail(self, article: Article, exc: SQLAlchemyError) -> NoReturn:
        msg = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise LedgerError(self.where, f"could not store {article.source or article.url} ({msg})",
                          "nothing of this article was written; check the database and retry") from None

    def _add(self, conn: Connection, art: Article, ex: Extraction, version: str) -> AddResult:
        ident = art.identity
        existing = conn.execute(select(t.articles.c.id).where(t.articles.c.identity == ident)).scalar()
        if existing is not None:
            return AddResult(existing, False)
        sig = dedup.signature(art.text)
        outlet_id = self._outlet(conn, art.outlet, art.country) if art.outlet else None
        res = conn.execute(self._insert_ignore(t.articles, {
            "identity": ident, "content_hash": art.content_hash, "title": art.title, "url": art.url,
            "author": art.author,
            "published": art.published, "language": art.language, "country": art.country,
            "outlet_id": outlet_id, "source": art.source, "text": art.text, "minhash": dedup.to_bytes(sig),
            "extractor_version": version, "ingested_at": datetime.now(UTC).replace(tzinfo=None),
        }).returning(t.articles.c.id))
        aid = res.scalar()
        if aid is None:  # another process stored the same article a moment ago
            aid = conn.execute(select(t.articles.c.id).where(t.articles.c.identity == ident)).scalar_one()
            return AddResult(aid, False)
        links = self._link_near_duplicates(conn, aid, sig, outlet_id, art.content_hash)
        conn.execute(insert(t.article_bands), [{"band": b, "article_id": aid} for b in dedup.band_keys(sig)])
        if art.segments:
            conn.execute(insert(t.segments), [
                {"article_id": aid, "start": s.start, "end": s.end, "kind": s.kind} for s in art.segments])
        merged: dict[int, int] = {}
        actor_ids = {rec.name: self._actor(conn, rec, merged) for rec in ex.actors}
        actor_ids = {k: merged.get(v, v) for k, v in actor_ids.items()}
        if ex.mentions:
            conn.execute(insert(t.mentions), [
                {"article_id": aid, "actor_id": actor_ids.get(m.actor or ""), "start": m.span.start,
                 "end": m.span.end, "text": m.span.text[:300], "label": m.label} for m in ex.mentions])
        stmt_ids = self._statements(conn, aid, ex, actor_ids)
        self._figures(conn, aid, ex, actor_ids, stmt_ids)
        self._positions_events(conn, aid, ex, actor_ids, stmt_ids)
        counts: dict[int, list[int]] = {}
        for ids, col in (([actor_ids.get(s.speaker_name or "") for s in ex.statements], 0),
                         ([actor_ids.get(m.actor or "") for m in ex.mentions], 1)):
            for a in ids:
                if a is not None:
                    counts.setdefault(a, [0, 0])[col] += 1
        for a, (n_st, n_mn) in sorted(counts.items()):  # a fixed order: two writers never deadlock
            add_counts(conn, a, n_st, n_mn)
        if self.dialect == "sqlite":
            conn.exec_driver_sql("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                                 (aid, art.title or "", art.text))
        return AddResult(aid, True, links)

    def _outlet(self, conn: Connection, name: str, country: str | None) -> int:
        conn.execute(self._insert_ignore(t.outlets, {"name": name[:200], "country": country}))
        return conn.execute(select(t.outlets.c.id).where(t.outlets.c.name == name[:200])).scalar_one()

    def _actor(self, conn: Connection, rec: ActorRecord, merged: dict[int, int]) -> int:
        """One actor per real-world entity: found by any alias key, else created with its aliases."""
        key = name_key(rec.name)
        found = conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key == key)).scalar() if key else None
        slug = slugify(rec.name)[:300]
        if found is not None and (rec.kind == "person") != (self._kind(conn, found) == "person"):
            # "UN" the organisation is not Kim Jong Un, whose surname is also "Un"
            if rec.kind != "person":
                slug = f"{slug}-{rec.kind}"[:300]
            found = conn.execute(select(t.actors.c.id).where(t.actors.c.slug == slug)).scalar()
        words = rec.name.split()
        surname = name_key(words[-1]) if rec.kind == "person" and len(words) > 1 else None
        if found is None:
            conn.execute(self._insert_ignore(t.actors, {"name": rec.name[:300], "slug": slug, "kind": rec.kind,
                                                        "gender": rec.gender}))
            found = conn.execute(select(t.actors.c.id).where(t.actors.c.slug == slug)).scalar_one()
            if surname:  # an actor known so far only by this surname is this person
                lone = conn.execute(select(t.actors.c.id).join(t.aliases, t.aliases.c.actor_id == t.actors.c.id)
                                    .where(t.aliases.c.key == surname, t.actors.c.slug == slugify(words[-1]))
                                    ).scalar()
                if lone is not None and lone != found:
                    merge_actors(conn, found, lone)
                    merged[lone] = found
        aliases = [rec.name] + rec.aliases + ([words[-1]] if surname else [])
        rows = [{"actor_id": found, "alias": a[:300], "key": name_key(a)[:300]} for a in aliases if name_key(a)]
        if rows:
            conn.execute(self._insert_ignore(t.aliases, rows))
        if rec.roles:
            conn.execute(self._insert_ignore(t.actor_roles, [{"actor_id": found, "role": r[:300]} for r in rec.roles]))
        if rec.gender:
            conn.execute(t.actors.update().where(t.actors.c.id == found, t.actors.c.gender.is_(None))
                         .values(gender=rec.gender))
        return found

    @staticmethod
    def _kind(conn: Connection, actor_id: int) -> str:
        return conn.execute(select(t.actors.c.kind).where(t.actors.c.id == actor_id)).scalar_one()

    def _statements(self, conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int]) -> list[int]:
        ids = []
        for i, s in enumerate(ex.statements):
            sid = conn.execute(insert(t.statements).values(
                article_id=aid, ordinal=i, actor_id=actor_ids.get(s.speaker_name or ""),
                content_start=s.content.start, content_end=s.content.end, content=s.content.text,
                speaker_start=s.speaker.start if s.speaker else None,
                speaker_end=s.speaker.end if s.speaker else None,
                speaker_text=s.speaker.text[:300] if s.speaker else None, speaker_name=s.speaker_name,
                cue_start=s.cue.start if s.cue else None, cue_end=s.cue.end if s.cue else None,
                cue=s.cue.text[:200] if s.cue else None, kind=s.kind, said_on=s.said_on, confidence=s.confidence,
            ).returning(t.statements.c.id)).scalar_one()
            ids.append(sid)
            if self.dialect == "sqlite":
                conn.exec_driver_sql("INSERT INTO statements_fts(rowid, content) VALUES (?, ?)", (sid, s.content.text))
        return ids

    def _figures(self, conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int],
                 stmt_ids: list[int]) -> None:
        rows = []
        for i, f in enumerate(ex.figures):
            rows.append({
                "article_id": aid, "ordinal": i, "statement_id": stmt_ids[f.statement] if f.statement is not None
                and f.statement < len(stmt_ids) else None, "start": f.span.start, "end": f.span.end,
                "text": f.span.text[:300], "value": f.value, "low": f.low, "high": f.high, "approx": f.approx,
                "unit": f.unit, "counted": f.counted, "group": f.group, "measure": f.measure, "period": f.period,
                "claimant_actor_id": actor_ids.get(f.claimant_name or ""), "claimant_name": f.claimant_name,
                "as_of": f.as_of, "projection": f.projection,
                "quantity": quantity_key(f.group, f.measure, f.unit)})
        if rows:
            conn.execute(insert(t.figures), rows)

    @staticmethod
    def _positions_events(conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int],
                          stmt_ids: list[int]) -> None:
        if ex.positions:
            conn.execute(insert(t.positions), [{
                "article_id": aid, "ordinal": i, "actor_id": actor_ids.get(p.actor_name),
                "actor_name": p.actor_name[:300], "topic": p.topic[:100], "stance": p.stance,
                "start": p.evidence.start, "end": p.evidence.end, "evidence": p.evidence.text,
                "confidence": p.confidence, "said_on": p.said_on,
                "statement_id": stmt_ids[p.statement] if p.statement is not None and p.statement < len(stmt_ids)
                else None} for i, p in enumerate(ex.positions)])
        if ex.events:
            conn.execute(insert(t.events), [{
                "article_id": aid, "ordinal": i, "kind": e.kind, "trigger_start": e.trigger.start,
                "trigger_end": e.trigger.end, "start": e.evidence.start, "end": e.evidence.end,
                "evidence": e.evidence.text, "participants": json.dumps(e.participants),
                "place": e.place[:200] if e.place else None, "date": e.date} for i, e in enumerate(ex.events)])

    def _link_near_duplicates(self, conn: Connection, aid: int, sig: Any, outlet_id: int | None,
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

    def apply_aliases(self, spec: AliasFile) -> dict[str, int]:
        with self.engine.begin() as conn:
            return apply_aliases(conn, spec)

    # -- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
                    for name, tab in (("articles", t.articles), ("outlets", t.outlets), ("actors", t.actors),
                                      ("statements", t.statements), ("figures", t.figures),
                                      ("mentions", t.mentions), ("links", t.article_links))}

    def connect(self) -> Connection:
        return self.engine.connect()
