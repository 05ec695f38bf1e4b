"""Other spellings of a person already in the ledger, and the log of every merge.

An exact alias key ('Zelenskyy' = 'Zelensky') finds most actors; a full person name that no key
finds is compared with the stored full names of the same surname sound or first letters
(``vocab.names.same_person``: 'Aleksandr' = 'Alexander', 'Łukaszenko' = 'Lukashenko', but Dmytro
Kuleba is not Mykola Kuleba). Every merge is written to ``actor_merges`` with its reason, so a
user can list and undo it; an undone merge is never made again.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select

from ..vocab.en import NAME_PARTICLES as _PARTICLES
from ..vocab.names import SURNAME_SIMILAR as SIMILAR
from ..vocab.names import PersonName, acronym, first_name_gender, is_place, name_key, person_name, plain, same_person
from . import schema as t

CANDIDATES = 200  # stored full names looked at per new spelling


def name_columns(alias: str, person: bool) -> dict[str, Any]:
    """The matching columns of an alias row: a person's full name only."""
    pn = person_name(alias) if person else None
    if pn is None:
        return {"given": None, "surname": None, "sound": None}
    return {"given": " ".join(pn.given)[:200], "surname": pn.surname[:200], "sound": pn.sound[:60]}


def _stored(given: str, surname: str) -> PersonName:
    return PersonName(tuple(given.split()), surname)


def find_acronym(conn: Connection, name: str, aliases: list[str]) -> tuple[int, str] | None:
    """The organisation an acronym stands for, when the article that wrote a full name used it too ('the
    European Union ... the EU'): its acronym alias finds the stored actor. Across articles an acronym alone
    is no evidence ('BP' is not the Belarusian People), so only aliases from the record's own article count."""
    a = t.aliases
    keys = [name_key(x) for x in aliases if acronym(x)]
    if not keys:
        return None
    rows = conn.execute(select(a.c.actor_id, a.c.alias, t.actors.c.name).join(t.actors, t.actors.c.id == a.c.actor_id)
                        .where(t.actors.c.kind == "organisation", a.c.key.in_(keys))).all()
    fits = {aid: alias for aid, alias, stored in rows if not other_full_name(stored, name)}
    return next(iter(fits.items())) if len(fits) == 1 and len({r[0] for r in rows}) == 1 else None


def other_full_name(stored: str, name: str) -> bool:
    """A stored organisation named in full by another name than this record's ('Velm Port Authority' for
    the 'Valley Planning Agency'): the acronym both spell is no evidence they are one organisation."""
    return acronym(stored) is None and name_key(stored) != name_key(name)


def undone_pairs(conn: Connection, key: str) -> set[int]:
    """Actors this spelling was split from by the user: never matched to it again."""
    m = t.actor_merges
    rows = conn.execute(select(m.c.actor_id, m.c.aliases).where(m.c.undone.is_(True))).all()
    return {aid for aid, aliases in rows if key in {name_key(a) for a in json.loads(aliases)}}


def find_spelling(conn: Connection, name: str, tagged_person: bool = True) -> tuple[int, str] | None:
    """The one person actor another spelling of this name belongs to, with the matched name. A surname
    alone the tagger did not call a person must spell a stored surname exactly once folded."""
    if not _name_shaped(name):
        return None
    pn = person_name(name) or _surname_only(name)
    if pn is None:
        return None
    a = t.aliases
    rows = conn.execute(
        select(a.c.actor_id, a.c.alias, a.c.given, a.c.surname)
        .join(t.actors, t.actors.c.id == a.c.actor_id)
        .where(t.actors.c.kind == "person", a.c.surname.is_not(None),
               or_(a.c.sound == pn.sound, a.c.surname.like(pn.surname[:3] + "%")))
        .order_by(a.c.id).limit(CANDIDATES)).all()
    fits: dict[int, str] = {}
    for aid, alias, given, surname in rows:
        stored = _stored(given or "", surname)
        if aid not in fits and (same_person(pn, stored) if pn.given and stored.given else
                                not pn.given and (_same_lone_surname(pn, stored) if tagged_person
                                                  else pn.folded == stored.folded)):
            fits[aid] = alias
    for aid in undone_pairs(conn, name_key(name)) if fits else ():
        fits.pop(aid, None)
    if len(fits) != 1:  # none, or two people it could be: a wrong merge is worse than a split
        return None
    return next(iter(fits.items()))


def _surname_only(name: str) -> PersonName | None:
    """'Pieskow' alone: a surname of five letters or more, matched only to a stored surname it spells the
    same once transliteration is folded ('Pieskow' = 'Peskov'), never by sound or edit distance alone
    ('Batune' is not Biden, 'Karabakh' not Kirby)."""
    if " " in name or len(name) < 5 or not name.istitle() or not name.isalpha() or is_place(name):
        return None
    return PersonName((), plain(name))


def _same_lone_surname(pn: PersonName, stored: PersonName) -> bool:
    """A surname alone, tagged a person: the same letters once transliteration is folded, or a one-letter
    slip in a long surname ('Zelanski'); a word that is a given name ('Michael') is no one's surname here."""
    if pn.folded == stored.folded:
        return True
    from rapidfuzz import fuzz

    return len(pn.folded) >= 6 and pn.folded[0] == stored.folded[:1] and \
        first_name_gender(pn.surname.title()) is None and fuzz.ratio(pn.folded, stored.folded) >= SIMILAR


def _name_shaped(name: str) -> bool:
    """Two to four capitalised words (an initial or a particle between): 'Ministry of Defense of Estonia'
    is no person's name to match."""
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words) and \
        words[0][:1].isupper()


def names_seen(conn: Connection, seen: list[tuple[int, str]]) -> None:
    """One more article names each actor so, in the records' order; the spelling most articles use becomes
    the actor's name. The counts are read once and the increments written in one executemany."""
    if not seen:
        return
    a = t.aliases
    ids = sorted({aid for aid, _ in seen})
    current = dict(conn.execute(select(t.actors.c.id, t.actors.c.name).where(t.actors.c.id.in_(ids))).all())
    keys = sorted({name_key(n) for _, n in seen} | {name_key(n) for n in current.values()})
    first = dict(current)
    counts = {(aid, k): n for aid, k, n in conn.execute(
        select(a.c.actor_id, a.c.key, a.c.seen).where(a.c.actor_id.in_(ids), a.c.key.in_(keys)))}
    bumps: dict[tuple[int, str], int] = {}
    for aid, name in seen:
        k = name_key(name)
        if (aid, k) in counts:
            counts[(aid, k)] += 1
            bumps[(aid, k)] = bumps.get((aid, k), 0) + 1
        if " " in name.strip() and counts.get((aid, k), 0) > counts.get((aid, name_key(current[aid])), 0):
            current[aid] = name
    if bumps:
        conn.execute(a.update().where(a.c.actor_id == bindparam("aid"), a.c.key == bindparam("k"))
                     .values(seen=a.c.seen + bindparam("n")),
                     [{"aid": aid, "k": k, "n": n} for (aid, k), n in sorted(bumps.items())])
    for aid in ids:
        if current[aid] != first[aid] and not named_by_user(conn, aid):
            conn.execute(t.actors.update().where(t.actors.c.id == aid).values(name=current[aid][:300]))


def named_by_user(conn: Connection, actor_id: int) -> bool:
    """An actor file gave this actor its name: no count of spellings renames it."""
    m = t.actor_merges
    return conn.execute(select(m.c.id).where(m.c.actor_id == actor_id, m.c.made_by == "file",
                                             m.c.reason.like("named by%")).limit(1)).first() is not None


def log_merge(conn: Connection, keep: int, name: str, aliases: list[str], kind: str | None, reason: str,
              made_by: str = "rules", undone: bool = False) -> None:
    conn.execute(t.actor_merges.insert().values(actor_id=keep, name=name[:300], aliases=json.dumps(aliases),
                                                kind=kind, reason=reason[:200], made_by=made_by, undone=undone))


def fill_person_names(conn: Connection) -> None:
    """The matching columns for a ledger written before they existed."""
    rows = conn.execute(select(t.aliases.c.id, t.aliases.c.alias)
                        .join(t.actors, t.actors.c.id == t.aliases.c.actor_id)
                        .where(t.actors.c.kind == "person")).all()
    for row_id, alias in rows:
        cols = name_columns(alias, True)
        if cols["surname"]:
            conn.execute(t.aliases.update().where(t.aliases.c.id == row_id).values(**cols))


def rematch(conn: Connection) -> int:
    """Fold person actors that are spellings of one another (the older actor keeps): what a fresh ledger
    would have made. Compares within buckets of one surname sound or first letters; returns the merges."""
    from .actors import merge_actors

    buckets: dict[str, list[tuple[int, str, PersonName]]] = {}
    for aid, name in conn.execute(select(t.actors.c.id, t.actors.c.name).where(t.actors.c.kind == "person")
                                  .order_by(t.actors.c.id)):
        if (pn := person_name(name)) is not None:
            for key in {"s:" + pn.sound, "p:" + pn.surname[:3]}:
                buckets.setdefault(key, []).append((aid, name, pn))
    gone: dict[int, int] = {}
    for group in buckets.values():
        for i, (aid, name, pn) in enumerate(group):
            if aid in gone:
                continue
            for other, other_name, on in group[i + 1:]:
                if other in gone or not same_person(pn, on) or aid in undone_pairs(conn, name_key(other_name)):
                    continue
                aliases = list(conn.execute(select(t.aliases.c.alias).where(t.aliases.c.actor_id == other)).scalars())
                merge_actors(conn, aid, other)
                log_merge(conn, aid, other_name, aliases, "person", f"spelling of {name}")
                gone[other] = aid
    return len(gone)
