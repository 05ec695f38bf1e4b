"""An article's actors, found or created, merged by alias key: the one phase of a write that other writers
wait for (it takes name locks), so it reads what it needs in one query and touches only what changes.

``Known`` holds every alias key the article's actors may look up or take, read once under the locks and
kept current with this article's own writes and merges; most actors of a news article are known already,
and for those the phase costs an update of their counts, not a dozen lookups.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sqlalchemy import Connection, select, text

from ..errors import LedgerError
from ..types import ActorRecord, Extraction
from ..vocab.names import acronym, country_name, is_place, name_key, person_shaped, slugify, surname_of
from . import rows
from . import schema as t
from .actors import merge_actors
from .matching import find_acronym, find_spelling, log_merge, name_columns, names_seen, other_full_name, undone_pairs
from .upsert import insert_ignore


class Known:
    """(actor id, kind) by alias key, for the keys an article's actors may touch."""

    def __init__(self, conn: Connection, keys: set[str]) -> None:
        a = t.aliases
        self.by_key: dict[str, tuple[int, str]] = {}
        ordered = sorted(keys)
        for i in range(0, len(ordered), 500):
            self.by_key.update({k: (aid, kind) for k, aid, kind in conn.execute(
                select(a.c.key, a.c.actor_id, t.actors.c.kind).join(t.actors, t.actors.c.id == a.c.actor_id)
                .where(a.c.key.in_(ordered[i:i + 500])))})

    def held_by_other(self, key: str | None, actor: int) -> bool:
        hit = self.by_key.get(key or "")
        return hit is not None and hit[0] != actor

    def kind(self, actor: int) -> str | None:
        return next((kind for aid, kind in self.by_key.values() if aid == actor), None)

    def took(self, keys: list[str], actor: int, kind: str) -> None:
        for k in keys:
            self.by_key.setdefault(k, (actor, kind))

    def moved(self, gone: int, keep: int, kind: str) -> None:
        self.by_key = {k: ((keep, kind) if aid in (gone, keep) else (aid, knd))
                       for k, (aid, knd) in self.by_key.items()}


def _names(rec: ActorRecord) -> list[str]:
    return [rec.name, *rec.aliases, surname_of(rec.name), country_name(rec.name) or ""]


def resolve_actors(conn: Connection, ex: Extraction, article_id: int) -> dict[str, int]:
    """Each actor record's stored actor id, by the name the extraction gives it."""
    _lock_names(conn, ex)  # what came before runs beside other writers; from here on, one at a time per name
    known = Known(conn, {k for rec in ex.actors for k in map(name_key, _names(rec)) if k})
    merged: dict[int, int] = {}
    found = [(rec.name, *_actor(conn, rec, merged, article_id, known)) for rec in ex.actors]
    names_seen(conn, [(_last(merged, aid), stored) for _, aid, stored in found])
    return {name: _last(merged, aid) for name, aid, _ in found}


def _last(merged: dict[int, int], aid: int) -> int:
    """The actor an id was merged into, through every merge this article made (A into B, then B into C)."""
    seen = {aid}
    while aid in merged and merged[aid] not in seen:
        aid = merged[aid]
        seen.add(aid)
    return aid


def _lock_names(conn: Connection, ex: Extraction) -> None:
    """Writers on PostgreSQL take a lock on every name the article may create or update (its actors' names,
    aliases, surnames and country forms) in one global order before they touch an actor: two articles naming
    the same actors in different orders wait for each other instead of deadlocking on their rows and keys."""
    if conn.dialect.name != "postgresql":
        return  # SQLite has one writer at a time
    keys = sorted({int.from_bytes(hashlib.blake2b(k.encode(), digest_size=8).digest(), "big", signed=True)
                   for k in map(name_key, [n for rec in ex.actors for n in _names(rec)]) if k})
    conn.execute(text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k"),
                 {"keys": keys})


def _found(conn: Connection, rec: ActorRecord, known: Known) -> tuple[int | None, str | None]:
    """The stored actor this record is: by its name's key, as another spelling, or as an acronym's."""
    hit = known.by_key.get(name_key(rec.name))
    if hit is not None:
        found = _one_kind(conn, hit[0], rec, hit[1], known)
        if found is not None:
            return found, known.kind(found) or _kind(conn, found)
    if (rec.kind == "person" or " " not in rec.name and not rec.name.isupper()) and \
            (spelt := find_spelling(conn, rec.name, rec.kind == "person")) is not None:
        log_merge(conn, spelt[0], rec.name, [rec.name, *rec.aliases], rec.kind, f"spelling of {spelt[1]}")
        return spelt[0], _kind(conn, spelt[0])
    if rec.kind == "organisation" and (abbr := find_acronym(conn, rec.name, rec.aliases)) is not None:
        log_merge(conn, abbr[0], rec.name, [rec.name, *rec.aliases], rec.kind, f"acronym of {abbr[1]}")
        return abbr[0], _kind(conn, abbr[0])
    return None, None


def _actor(conn: Connection, rec: ActorRecord, merged: dict[int, int], article_id: int,
           known: Known) -> tuple[int, str]:
    """One actor per real-world entity: found by any alias key or as another spelling of a person's
    full name, else created with its aliases. A country is one actor under its GeoNames name ('US',
    'U.S.', 'America' are 'United States'); the article's own records keep the name it wrote."""
    country = country_name(rec.name) if rec.kind == "place" else None
    if country and country != rec.name:
        rec = replace(rec, name=country, aliases=[rec.name, *rec.aliases])
    found, kind = _found(conn, rec, known)
    if found is None or kind is None:
        found = _new_actor(conn, rec)  # or the one of this name another record or writer stored
        kind = known.kind(found) or _kind(conn, found)
    last = surname_of(rec.name)
    surname = name_key(last) if rec.kind == "person" and last != rec.name else None
    if surname and known.held_by_other(surname, found):  # only then is there a lone surname to take
        _take_lone_surname(conn, found, rec.name, last, merged, known, kind)
    if rec.kind == "organisation" and any(known.held_by_other(name_key(x), found) for x in rec.aliases if acronym(x)):
        _take_acronyms(conn, found, rec, merged, known, kind)
    person = kind == "person"
    aliases = [rec.name] + rec.aliases + ([last] if surname else [])
    new = [a for a in aliases if name_key(a) and name_key(a) not in known.by_key]
    if new:
        conn.execute(insert_ignore(conn, t.aliases, [
            {"actor_id": found, **rows.clip(t.aliases, {"alias": a, "key": name_key(a),
                                                        **name_columns(a, person and a != last)})} for a in new]))
        known.took([name_key(a) for a in new], found, kind)
    _roles(conn, found, rec, article_id)
    if rec.gender:
        conn.execute(t.actors.update().where(t.actors.c.id == found, t.actors.c.gender.is_(None))
                     .values(gender=rec.gender))
    return found, rec.name  # the name as stored: a country's under its GeoNames name
def _take_lone_surname(conn: Connection, found: int, name: str, last: str, merged: dict[int, int], known: Known,
                       kind: str) -> None:
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
    known.moved(row[0], found, kind)


def _take_acronyms(conn: Connection, found: int, rec: ActorRecord, merged: dict[int, int], known: Known,
                   kind: str) -> None:
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
        known.moved(other, found, kind)


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




def _one_kind(conn: Connection, found: int, rec: ActorRecord, kind: str, known: Known) -> int | None:
    """The entity label never splits an actor, and a person is never a place: 'Scholz' tagged a place
    is the person Olaf Scholz, and a person's full name once tagged an organisation becomes the person.
    An acronym or a place's name stays apart ('UN' is not Kim Jong Un, 'Washington' not George W.)."""
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
            known.moved(found, found, "person")
    return found


def _aliases_of(conn: Connection, actor_id: int) -> list[str]:
    return list(conn.execute(select(t.aliases.c.alias).where(t.aliases.c.actor_id == actor_id)).scalars())


def _kind(conn: Connection, actor_id: int) -> str:
    return str(conn.execute(select(t.actors.c.kind).where(t.actors.c.id == actor_id)).scalar_one())
