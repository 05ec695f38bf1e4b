"""Writing one article: its rows in every table, actors merged by alias key, near-duplicates linked.

Runs inside the transaction ``Ledger.add`` opens; imported on the first write, so reading the ledger
never loads numpy, datasketch or the record mapping.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text

from ..errors import LedgerError
from ..types import ActorRecord, Article, Extraction
from ..vocab.names import acronym, country_name, is_place, name_key, person_shaped, slugify, surname_of
from . import claims, copies, dedup, rows, tallies
from . import schema as t
from .actors import add_counts, merge_actors
from .matching import find_acronym, find_spelling, log_merge, name_columns, name_seen, other_full_name, undone_pairs


@dataclass
class AddResult:
    article_id: int
    added: bool
    links: list[tuple[int, str, float]] = field(default_factory=list)  # (other article, kind, similarity)


def upsert(conn: Connection, table: t.Table) -> Any:
    """An INSERT with ``ON CONFLICT`` clauses, in the connection's dialect."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)


def insert_ignore(conn: Connection, table: t.Table, values: dict[str, Any] | list[dict[str, Any]] | None = None) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, in the connection's dialect; without ``values``, the statement to
    execute with a list of rows (one executemany, compiled once)."""
    ins = upsert(conn, table)
    return (ins if values is None else ins.values(values)).on_conflict_do_nothing()


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
    _lock_names(conn, ex)  # what came before runs beside other writers; from here on, one at a time per name
    merged: dict[int, int] = {}
    actor_ids = {rec.name: _actor(conn, rec, merged, aid) for rec in ex.actors}
    actor_ids = {k: merged.get(v, v) for k, v in actor_ids.items()}
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


def _lock_names(conn: Connection, ex: Extraction) -> None:
    """Writers on PostgreSQL take a lock on every name the article may create or update (its actors' names,
    aliases, surnames and country forms) in one global order before they touch an actor: two articles naming
    the same actors in different orders wait for each other instead of deadlocking on their rows and keys."""
    if conn.dialect.name != "postgresql":
        return  # SQLite has one writer at a time
    names = [n for rec in ex.actors
             for n in (rec.name, *rec.aliases, surname_of(rec.name), country_name(rec.name) or "")]
    keys = sorted({int.from_bytes(hashlib.blake2b(k.encode(), digest_size=8).digest(), "big", signed=True)
                   for k in map(name_key, names) if k})
    conn.execute(text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k"),
                 {"keys": keys})


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


def _actor(conn: Connection, rec: ActorRecord, merged: dict[int, int], article_id: int) -> int:
    """One actor per real-world entity: found by any alias key or as another spelling of a person's
    full name, else created with its aliases. A country is one actor under its GeoNames name ('US',
    'U.S.', 'America' are 'United States'); the article's own records keep the name it wrote."""
    country = country_name(rec.name) if rec.kind == "place" else None
    if country and country != rec.name:
        rec = replace(rec, name=country, aliases=[rec.name, *rec.aliases])
    key = name_key(rec.name)
    found = conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key == key)).scalar() if key else None
    if found is not None:
        found = _one_kind(conn, found, rec)
    if found is None and (rec.kind == "person" or " " not in rec.name and not rec.name.isupper()) and \
            (hit := find_spelling(conn, rec.name, rec.kind == "person")) is not None:
        found = hit[0]
        log_merge(conn, found, rec.name, [rec.name, *rec.aliases], rec.kind, f"spelling of {hit[1]}")
    if found is None and rec.kind == "organisation" and \
            (hit := find_acronym(conn, rec.name, rec.aliases)) is not None:
        found = hit[0]
        log_merge(conn, found, rec.name, [rec.name, *rec.aliases], rec.kind, f"acronym of {hit[1]}")
    last = surname_of(rec.name)
    surname = name_key(last) if rec.kind == "person" and last != rec.name else None
    if found is None:
        found = _new_actor(conn, rec)
    if surname:
        _take_lone_surname(conn, found, rec.name, last, merged)
    if rec.kind == "organisation":
        _take_acronyms(conn, found, rec, merged)
    person = _kind(conn, found) == "person"
    aliases = [rec.name] + rec.aliases + ([last] if surname else [])
    alias_rows = [{"actor_id": found, **rows.clip(t.aliases, {"alias": a, "key": name_key(a),
                                                              **name_columns(a, person and a != last)})}
                  for a in aliases if name_key(a)]
    if alias_rows:
        conn.execute(insert_ignore(conn, t.aliases, alias_rows))
    name_seen(conn, found, rec.name)
    _roles(conn, found, rec, article_id)
    if rec.gender:
        conn.execute(t.actors.update().where(t.actors.c.id == found, t.actors.c.gender.is_(None))
                     .values(gender=rec.gender))
    return found


def _take_lone_surname(conn: Connection, found: int, name: str, last: str, merged: dict[int, int]) -> None:
    """An actor known so far only by this surname is this person: a person, or a speaker the tagger
    mislabelled ('Brandt said'); never a place or an acronym ('Ukraine' is not 'Save Ukraine', 'UN' not
    Kim Jong Un)."""
    if is_place(last):
        return
    row = conn.execute(select(t.actors.c.id, t.actors.c.name).join(t.aliases, t.aliases.c.actor_id == t.actors.c.id)
                       .where(t.aliases.c.key == name_key(last), t.actors.c.slug == slugify(last),
                              (t.actors.c.kind == "person") | (t.actors.c.statement_count > 0))).first()
    if row is None or row[1].isupper() or row[0] == found or found in undone_pairs(conn, name_key(last)):
        return  # ... nor one the user split from this person
    log_merge(conn, found, last, _aliases_of(conn, row[0]), _kind(conn, row[0]), "surname of " + name)
    merge_actors(conn, found, row[0])
    merged[row[0]] = found


def _take_acronyms(conn: Connection, found: int, rec: ActorRecord, merged: dict[int, int]) -> None:
    """An organisation stored under the acronym this article wrote beside the full name ('EU' beside the
    'European Union') is the same organisation, unless the user split them."""
    keys = [name_key(x) for x in rec.aliases if acronym(x)]
    if not keys:
        return
    others = conn.execute(select(t.aliases.c.actor_id, t.actors.c.name).join(
        t.actors, t.actors.c.id == t.aliases.c.actor_id).where(
        t.aliases.c.key.in_(keys), t.actors.c.kind == "organisation", t.actors.c.id != found)).all()
    if len({other for other, _ in others}) != 1:
        return  # two organisations under one acronym: which one this article means is not known
    for other, name in others:
        if other in merged or other_full_name(name, rec.name) or found in undone_pairs(conn, name_key(name)) or \
                other in undone_pairs(conn, name_key(rec.name)):
            continue
        log_merge(conn, found, name, _aliases_of(conn, other), "organisation", "acronym of " + rec.name)
        merge_actors(conn, found, other)
        merged[other] = found


def _roles(conn: Connection, actor_id: int, rec: ActorRecord, article_id: int) -> None:
    """Each role with where it is said first; the first organisation or state a role names is the
    actor's affiliation, unless one is known already (the user's alias file, an earlier article)."""
    if not rec.roles:
        return
    conn.execute(insert_ignore(conn, t.actor_roles, [{"actor_id": actor_id, **rows.clip(t.actor_roles, {
        "role": r.text, "article_id": article_id if r.end else None, "start": r.start if r.end else None,
        "end": r.end or None})} for r in rec.roles]))
    of = next((r.of for r in rec.roles if r.of), None)
    owner = conn.execute(select(t.aliases.c.actor_id).join(t.actors, t.actors.c.id == t.aliases.c.actor_id).where(
        t.aliases.c.key == name_key(of), t.actors.c.kind.in_(("place", "organisation")))).scalar() if of else None
    if owner is not None and owner != actor_id:
        conn.execute(t.actors.update().where(t.actors.c.id == actor_id, t.actors.c.affiliation_id.is_(None))
                     .values(affiliation_id=owner))


def _new_actor(conn: Connection, rec: ActorRecord) -> int:
    """A new actor under a free slug: 'un-organisation' beside Kim Jong Un ('un'), a number after names whose
    slugs collide (names in other scripts all slug to 'actor'); an existing actor only when it is this name."""
    base = rows.fit(t.actors.c.slug, slugify(rec.name))
    for slug in [base, f"{base[:280]}-{rec.kind}", *(f"{base[:280]}-{k}" for k in range(2, 50))]:
        conn.execute(insert_ignore(conn, t.actors, rows.clip(t.actors, {"name": rec.name, "slug": slug,
                                                                        "kind": rec.kind, "gender": rec.gender})))
        aid, name = conn.execute(select(t.actors.c.id, t.actors.c.name).where(t.actors.c.slug == slug)).one()
        if name == rec.name:  # ours, or the same name another writer stored a moment ago
            return int(aid)
    raise LedgerError(rec.name, "no free slug for this actor", "merge its namesakes with an actor file")


def _one_kind(conn: Connection, found: int, rec: ActorRecord) -> int | None:
    """The entity label never splits an actor, and a person is never a place: 'Scholz' tagged a place
    is the person Olaf Scholz, and a person's full name once tagged an organisation becomes the person.
    An acronym or a place's name stays apart ('UN' is not Kim Jong Un, 'Washington' not George W.)."""
    kind = _kind(conn, found)
    if (rec.kind == "person") == (kind == "person"):
        return found
    name = rec.name
    if (name.isupper() and len(name) < 5) or len(name) <= 2 or is_place(name):
        slug = rows.fit(t.actors.c.slug, f"{slugify(name)}-{rec.kind}")
        return conn.execute(select(t.actors.c.id).where(t.actors.c.slug == slug, t.actors.c.kind == rec.kind)
                            ).scalar()
    if rec.kind == "person":
        own = conn.execute(select(t.actors.c.name).where(t.actors.c.id == found)).scalar_one()
        if not person_shaped(name):  # 'Veloria' once tagged a person stays the place most articles say
            return found
        if name_key(own) == name_key(name):
            conn.execute(t.actors.update().where(t.actors.c.id == found).values(kind="person"))
            log_merge(conn, found, name, [name], kind, f"kind: {name} named as a person")
    return found


def _aliases_of(conn: Connection, actor_id: int) -> list[str]:
    return list(conn.execute(select(t.aliases.c.alias).where(t.aliases.c.actor_id == actor_id)).scalars())


def _kind(conn: Connection, actor_id: int) -> str:
    return conn.execute(select(t.actors.c.kind).where(t.actors.c.id == actor_id)).scalar_one()


def _statements(conn: Connection, aid: int, ex: Extraction, actor_ids: dict[str, int]) -> list[int]:
    ids = []
    for i, s in enumerate(ex.statements):
        row = rows.clip(t.statements, rows.statement_row(s))
        sid = conn.execute(insert(t.statements).values(
            article_id=aid, ordinal=i, actor_id=actor_ids.get(s.speaker_name or ""), **row,
        ).returning(t.statements.c.id)).scalar_one()
        ids.append(sid)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("INSERT INTO statements_fts(rowid, content) VALUES (?, ?)", (sid, s.content.text))
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
