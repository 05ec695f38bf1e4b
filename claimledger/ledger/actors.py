"""Actors across articles: one row per real-world entity; merges (by the rules or a user's alias file) are
logged and can be undone, and a split keeps the two apart when new articles arrive."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, select, update

from ..errors import ClaimledgerError
from ..vocab.en import HONORIFICS
from ..vocab.names import name_key, slugify
from . import claims, copies, tallies
from . import schema as t
from .alias_file import AliasEntry, AliasFile, read_alias_file
from .matching import log_merge, name_columns
from .rows import clip, fit

__all__ = ["AliasFile", "AliasReport", "apply_aliases", "merge_actors", "read_alias_file", "unmerge"]


@dataclass
class AliasReport:
    merged: int = 0
    aliases: int = 0
    split: int = 0
    lines: list[str] = field(default_factory=list)  # one per entry: what it did
    errors: list[str] = field(default_factory=list)  # entries that matched nothing


def actor_by_key(conn: Connection, key: str) -> int | None:
    return conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key == key)).scalar()


def merge_actors(conn: Connection, keep: int, drop: int) -> None:
    """Fold one actor into another: every row that pointed at ``drop`` points at ``keep``."""
    if keep == drop:
        return
    for table, col in ((t.mentions, t.mentions.c.actor_id), (t.statements, t.statements.c.actor_id),
                       (t.figures, t.figures.c.claimant_actor_id), (t.positions, t.positions.c.actor_id)):
        conn.execute(update(table).where(col == drop).values({col.name: keep}))
    for table, unique in ((t.aliases, t.aliases.c.key), (t.actor_roles, t.actor_roles.c.role)):
        # rows the kept actor already has are dropped, the others move over
        have = set(conn.execute(select(unique).where(table.c.actor_id == keep)).scalars())
        for row_id, value in conn.execute(select(table.c.id, unique).where(table.c.actor_id == drop)).all():
            if value in have:
                conn.execute(delete(table).where(table.c.id == row_id))
            else:
                conn.execute(update(table).where(table.c.id == row_id).values(actor_id=keep))
    conn.execute(update(t.actors).where(t.actors.c.affiliation_id == drop).values(affiliation_id=keep))
    # the dropped actor's own merge log (and what was undone) stays with the actor it is now part of
    conn.execute(update(t.actor_merges).where(t.actor_merges.c.actor_id == drop).values(actor_id=keep))
    copies.move(conn, keep, drop)
    claims.move(conn, keep, drop)
    tallies.move_actor(conn, keep, drop)
    moved = conn.execute(select(t.actors.c.mention_count).where(t.actors.c.id == drop)).scalar()
    add_counts(conn, keep, 0, moved or 0)
    conn.execute(delete(t.actors).where(t.actors.c.id == drop))
    said = select(func.count()).where(t.utterances.c.actor_id == keep).scalar_subquery()
    conn.execute(update(t.actors).where(t.actors.c.id == keep).values(statement_count=said))  # shared ones once


def add_counts(conn: Connection, actor_id: int, statements: int, mentions: int) -> None:
    """Increments, not recounts: two writers adding to one actor both land."""
    if statements or mentions:
        conn.execute(update(t.actors).where(t.actors.c.id == actor_id).values(
            statement_count=t.actors.c.statement_count + statements,
            mention_count=t.actors.c.mention_count + mentions))


def recount(conn: Connection, actor_ids: list[int]) -> None:
    """Exact counts for a few actors, after an alias split moved rows between them."""
    m = t.mentions
    copies.rebuild(conn, actor_ids)
    claims.rebuild(conn, actor_ids)
    tallies.recount_actors(conn, actor_ids)
    conn.execute(update(t.actors).where(t.actors.c.id.in_(actor_ids)).values(
        statement_count=select(func.count()).where(t.utterances.c.actor_id == t.actors.c.id).scalar_subquery(),
        mention_count=select(func.count()).where(m.c.actor_id == t.actors.c.id).scalar_subquery()))


def ensure_actor(conn: Connection, name: str, kind: str = "person") -> int:
    found = actor_by_key(conn, name_key(name))
    if found is not None:
        return found
    slug = fit(t.actors.c.slug, slugify(name))
    n = 1
    while conn.execute(select(t.actors.c.id).where(t.actors.c.slug == slug)).scalar() is not None:
        n += 1
        slug = f"{fit(t.actors.c.slug, slugify(name))[:290]}-{n}"
    aid = conn.execute(t.actors.insert().values(**clip(t.actors, {"name": name, "slug": slug, "kind": kind}))
                       .returning(t.actors.c.id)).scalar_one()
    conn.execute(t.aliases.insert().values(actor_id=aid, **clip(t.aliases, {
        "alias": name, "key": name_key(name), **name_columns(name, kind == "person")})))
    return aid


def actors_named(conn: Connection, name: str) -> list[int]:
    """Actors holding this name as an alias key or as their own name (an actor whose alias key another
    actor took, 'Zelenskiy' the organisation beside 'Zelensky' the person, is found by its name)."""
    key = name_key(name)
    found = list(conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key == key)).scalars())
    slug = slugify(name)
    for aid, own in conn.execute(select(t.actors.c.id, t.actors.c.name).where(
            (t.actors.c.slug == slug) | t.actors.c.slug.like(slug + "-%"))):
        if name_key(own) == key and aid not in found:
            found.append(aid)
    return found


def _label(conn: Connection, aid: int) -> str:
    name, kind = conn.execute(select(t.actors.c.name, t.actors.c.kind).where(t.actors.c.id == aid)).one()
    return f"{name} [{kind}]"


def _aliases(conn: Connection, aid: int) -> list[str]:
    return list(conn.execute(select(t.aliases.c.alias).where(t.aliases.c.actor_id == aid)).scalars())


def _merge_entry(conn: Connection, e: AliasEntry, report: AliasReport) -> None:
    targets = list(dict.fromkeys(a for n in [e.name, *e.aliases] for a in actors_named(conn, n)))
    if not targets:
        report.errors.append(f"line {e.line}: {e.name}: no actor has this name or any of its aliases "
                             f"(fix: check the spelling with 'claimledger actors {e.name.split()[-1]}')")
        return
    own = actors_named(conn, e.name)
    keep = own[0] if own else max(targets, key=lambda a: conn.execute(
        select(t.actors.c.statement_count).where(t.actors.c.id == a)).scalar_one())
    done = []
    for other in targets:
        if other != keep:
            name, kind = conn.execute(select(t.actors.c.name, t.actors.c.kind).where(t.actors.c.id == other)).one()
            done.append(f"{name} [{kind}]")
            log_merge(conn, keep, name, _aliases(conn, other), kind, f"alias file line {e.line}", made_by="file")
            merge_actors(conn, keep, other)
            report.merged += 1
    values: dict[str, object] = {"name": e.name}
    if e.kind:
        values["kind"] = e.kind
    if e.external_id:
        values["external_id"] = e.external_id[:64]
    if e.affiliation:
        values["affiliation_id"] = ensure_actor(conn, e.affiliation, "organisation")
    conn.execute(update(t.actors).where(t.actors.c.id == keep).values(**values))
    log_merge(conn, keep, e.name, [e.name], e.kind, f"named by alias file line {e.line}", made_by="file")
    person = _kind(conn, keep) == "person"
    added = 0
    for alias in [e.name, *e.aliases]:
        if actor_by_key(conn, name_key(alias)) is None and name_key(alias):
            conn.execute(t.aliases.insert().values(actor_id=keep, **clip(t.aliases, {
                "alias": alias, "key": name_key(alias), **name_columns(alias, person)})))
            added += 1
    report.aliases += added
    what = [f"merged {', '.join(done)}"] if done else ["no other actor to merge"]
    what += [f"added {added} alias(es)"] if added else []
    what += [f"kind {e.kind}"] if e.kind else []
    what += [f"affiliation {e.affiliation}"] if e.affiliation else []
    what += [f"id {e.external_id}"] if e.external_id else []
    report.lines.append(f"line {e.line}: {e.name}: " + "; ".join(what))


def _kind(conn: Connection, aid: int) -> str:
    return str(conn.execute(select(t.actors.c.kind).where(t.actors.c.id == aid)).scalar_one())


def split_off(conn: Connection, owner: int, names: list[str], kind: str | None = None) -> int:
    """These spellings are their own actor again: their aliases, and the statements and mentions written
    with them, move to a new actor; the counts of both are recomputed."""
    keys = {name_key(n) for n in names} - {""}
    s, m = t.statements, t.mentions
    conn.execute(delete(t.aliases).where(t.aliases.c.actor_id == owner, t.aliases.c.key.in_(keys)))
    new = ensure_actor(conn, names[0], kind or _kind(conn, owner))
    for n in names[1:]:
        if name_key(n) and actor_by_key(conn, name_key(n)) is None:
            conn.execute(t.aliases.insert().values(actor_id=new, **clip(t.aliases, {"alias": n, "key": name_key(n)})))
    # what the article named with one of these spellings, the name as a whole ('Brandt' moves, 'Karel Brandt'
    # stays); a title before it does not count ('Mr Johnson' is 'Johnson')
    ids = [i for i, name, txt in conn.execute(select(s.c.id, s.c.speaker_name, s.c.speaker_text)
                                              .where(s.c.actor_id == owner)) if _bare_key(name or txt) in keys]
    if ids:
        conn.execute(update(s).where(s.c.id.in_(ids)).values(actor_id=new))
    ids = [i for i, txt in conn.execute(select(m.c.id, m.c.text).where(m.c.actor_id == owner))
           if _bare_key(txt) in keys]
    if ids:
        conn.execute(update(m).where(m.c.id.in_(ids)).values(actor_id=new))
    f = t.figures
    ids = [i for i, txt in conn.execute(select(f.c.id, f.c.claimant_name).where(f.c.claimant_actor_id == owner))
           if _bare_key(txt) in keys]
    if ids:
        conn.execute(update(f).where(f.c.id.in_(ids)).values(claimant_actor_id=new))
    p = t.positions
    ids = [i for i, txt in conn.execute(select(p.c.id, p.c.actor_name).where(p.c.actor_id == owner))
           if _bare_key(txt) in keys]
    if ids:
        conn.execute(update(p).where(p.c.id.in_(ids)).values(actor_id=new))
    recount(conn, [owner, new])
    return new


def _bare_key(name: str | None) -> str:
    words = name_key(name or "").split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _split_entry(conn: Connection, e: AliasEntry, report: AliasReport) -> None:
    owners = actors_named(conn, e.name)
    moved = [a for a in e.aliases if owners and actor_by_key(conn, name_key(a)) == owners[0]]
    if not moved:
        report.errors.append(f"line {e.line}: {e.name}: none of {e.aliases} is an alias of this actor "
                             "(fix: check the names with 'claimledger actors')")
        return
    for alias in moved:
        split_off(conn, owners[0], [alias])
        # remembered as an undone merge: the rules never join the two again
        log_merge(conn, owners[0], alias, [alias], None, f"split by alias file line {e.line}", made_by="file",
                  undone=True)
        report.split += 1
    report.lines.append(f"line {e.line}: {e.name}: split off {', '.join(moved)}")


def apply_aliases(conn: Connection, spec: AliasFile) -> AliasReport:
    """Merge and split actors as the file says; one report line per entry, an error for each that matched
    nothing (the others still apply)."""
    report = AliasReport()
    for e in spec.merge:
        _merge_entry(conn, e, report)
    for e in spec.split:
        _split_entry(conn, e, report)
    return report


def unmerge(conn: Connection, merge_id: int) -> str:
    """Undo one logged merge: the merged-in spelling becomes its own actor again, and stays apart."""
    row = conn.execute(select(t.actor_merges).where(t.actor_merges.c.id == merge_id)).first()
    if row is None:
        raise ClaimledgerError(f"merge {merge_id}", "no such merge", "list them with 'claimledger merges'")
    if row.undone:
        raise ClaimledgerError(f"merge {merge_id}", "already undone", "nothing to do")
    names = [row.name] + [a for a in json.loads(row.aliases) if name_key(a) != name_key(row.name)]
    owner_keys = {name_key(n) for n in conn.execute(select(t.actors.c.name).where(t.actors.c.id == row.actor_id)
                                                     ).scalars()}
    names = [n for n in names if name_key(n) not in owner_keys]
    if not names:
        raise ClaimledgerError(f"merge {merge_id}", "it merged the actor's own name", "split another alias instead")
    new = split_off(conn, row.actor_id, names, row.kind)
    conn.execute(update(t.actor_merges).where(t.actor_merges.c.id == merge_id).values(undone=True))
    return f"merge {merge_id} undone: {_label(conn, new)} is apart from {_label(conn, row.actor_id)} again"
