"""Actors across articles: one row per real-world entity, merged by alias keys and by a user's alias file.

The alias file is YAML (or CSV with columns ``actor,alias``)::

    actors:                      # merge: every alias names this actor
      Volodymyr Zelensky: [Zelenskyy, Zelenskiy, "Ukraine's president"]
    split:                       # these aliases are their own actors again
      Boris Johnson: [Johnson]
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, delete, func, select, update

from ..errors import ClaimledgerError
from ..vocab.names import name_key, slugify
from . import copies
from . import schema as t


@dataclass
class AliasFile:
    merge: dict[str, list[str]] = field(default_factory=dict)
    split: dict[str, list[str]] = field(default_factory=dict)


def read_alias_file(path: Path) -> AliasFile:
    import yaml

    where = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ClaimledgerError(where, f"cannot read ({exc.strerror})", "check the path") from None
    if path.suffix.lower() == ".csv":
        out = AliasFile()
        rows = list(csv.DictReader(raw.splitlines()))
        if rows and not {"actor", "alias"} <= set(rows[0]):
            raise ClaimledgerError(where, "CSV needs the columns actor,alias", "add a header line: actor,alias")
        for r in rows:
            out.merge.setdefault(r["actor"].strip(), []).append(r["alias"].strip())
        return out
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise ClaimledgerError(where, f"not valid YAML{line}", "see the alias file format in the README") from None
    if not isinstance(data, dict) or not set(data) <= {"actors", "split"}:
        raise ClaimledgerError(where, "expected the keys 'actors' and/or 'split'", "see the README's alias file format")
    def _lists(d: object) -> dict[str, list[str]]:
        if not isinstance(d, dict):
            raise ClaimledgerError(where, "each section maps an actor name to a list of aliases",
                                   "write 'Name: [alias, alias]'")
        return {str(k): [str(a) for a in (v or [])] for k, v in d.items()}
    return AliasFile(_lists(data.get("actors") or {}), _lists(data.get("split") or {}))


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
    copies.move(conn, keep, drop)
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
    conn.execute(update(t.actors).where(t.actors.c.id.in_(actor_ids)).values(
        statement_count=select(func.count()).where(t.utterances.c.actor_id == t.actors.c.id).scalar_subquery(),
        mention_count=select(func.count()).where(m.c.actor_id == t.actors.c.id).scalar_subquery()))


def ensure_actor(conn: Connection, name: str, kind: str = "person") -> int:
    found = actor_by_key(conn, name_key(name))
    if found is not None:
        return found
    from .rows import clip, fit

    slug = fit(t.actors.c.slug, slugify(name))
    n = 1
    while conn.execute(select(t.actors.c.id).where(t.actors.c.slug == slug)).scalar() is not None:
        n += 1
        slug = f"{fit(t.actors.c.slug, slugify(name))[:290]}-{n}"
    aid = conn.execute(t.actors.insert().values(**clip(t.actors, {"name": name, "slug": slug, "kind": kind}))
                       .returning(t.actors.c.id)).scalar_one()
    conn.execute(t.aliases.insert().values(actor_id=aid, **clip(t.aliases, {"alias": name, "key": name_key(name)})))
    return aid


def apply_aliases(conn: Connection, spec: AliasFile) -> dict[str, int]:
    from .rows import clip

    """Merge and split actors as the file says; returns counts of what changed."""
    stats = {"merged": 0, "aliases": 0, "split": 0}
    for name, aliases in spec.merge.items():
        keep = ensure_actor(conn, name)
        conn.execute(update(t.actors).where(t.actors.c.id == keep).values(name=name))
        for alias in aliases:
            key = name_key(alias)
            other = actor_by_key(conn, key)
            if other is not None and other != keep:
                merge_actors(conn, keep, other)
                stats["merged"] += 1
            if actor_by_key(conn, key) is None:
                conn.execute(t.aliases.insert().values(actor_id=keep, **clip(t.aliases, {"alias": alias, "key": key})))
                stats["aliases"] += 1
    for name, aliases in spec.split.items():
        owner = actor_by_key(conn, name_key(name))
        for alias in aliases:
            key = name_key(alias)
            if owner is None or actor_by_key(conn, key) != owner:
                continue
            conn.execute(delete(t.aliases).where(t.aliases.c.key == key))
            new = ensure_actor(conn, alias)
            conn.execute(update(t.statements).where(t.statements.c.actor_id == owner,
                                                    func.lower(t.statements.c.speaker_text).contains(alias.lower(),
                                                                                                     autoescape=True))
                         .values(actor_id=new))
            conn.execute(update(t.mentions).where(t.mentions.c.actor_id == owner,
                                                  func.lower(t.mentions.c.text) == alias.lower()).values(actor_id=new))
            recount(conn, [owner, new])
            stats["split"] += 1
    return stats
