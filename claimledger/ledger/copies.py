"""One utterance, counted once: the same words by the same speaker in several articles are copies.

Syndicated articles and rewrites carry one statement many times. Each statement stores an
``utterance`` key (its words with quotation marks, case, punctuation and elisions normalised away);
the ``utterances`` table holds one row per (actor, key), so an actor's statement count is the number
of distinct things they said. Registering is an insert that ignores conflicts: two writers storing
the same quote at once register it once, because PostgreSQL's ``ON CONFLICT`` waits for the other.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import aliased

from . import schema as t

_ELISION = re.compile(r"\.\.\.|…|\[\s*\.\.\.\s*\]")
_NON_WORD = re.compile(r"[\W_]+")
_THAT = re.compile(r"^(?:that|that's)\s+")


def utterance_key(content: str) -> str:
    """A short hash of the words alone: "“We will not,” …" and "we will not" share one key."""
    text = unicodedata.normalize("NFKC", content).casefold()
    text = _NON_WORD.sub(" ", _ELISION.sub(" ", text.replace("’", "'"))).strip()
    text = _THAT.sub("", text)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def register(conn: Connection, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
    """Record (actor, utterance) pairs; returns those that were new to the ledger."""
    from .upsert import insert_ignore

    new: set[tuple[int, str]] = set()
    for actor_id, key in sorted(set(pairs)):  # a fixed order: two writers never deadlock
        ins = insert_ignore(conn, t.utterances, {"actor_id": actor_id, "key": key}).returning(t.utterances.c.id)
        if conn.execute(ins).scalar() is not None:  # rowcount is -1 on psycopg: the returned id says it landed
            new.add((actor_id, key))
    return new


def mark_copies(conn: Connection, stmt_ids: list[int], said: list[tuple[int | None, str]],
                new: set[tuple[int, str]]) -> None:
    """An article's statements that repeat an utterance already stored (or one earlier in the article) are
    copies: lists show an utterance's first copy, found by an index instead of a search for earlier ones."""
    seen: set[tuple[int | None, str]] = set()
    repeats = []
    for sid, (actor_id, key) in zip(stmt_ids, said, strict=True):
        if actor_id is None:  # words by no one: copies of the same words by no one
            first = (None, key) not in seen and conn.execute(select(t.statements.c.id).where(
                t.statements.c.utterance == key, t.statements.c.actor_id.is_(None), t.statements.c.id < sid)
                .limit(1)).first() is None
        else:
            first = (actor_id, key) in new and (actor_id, key) not in seen
        seen.add((actor_id, key))
        if not first:
            repeats.append(sid)
    if repeats:
        conn.execute(update(t.statements).where(t.statements.c.id.in_(repeats)).values(first_copy=False))


def move(conn: Connection, keep: int, drop: int) -> None:
    """An actor folded into another: its utterances join the kept actor's, shared ones once (and only the
    earliest of their statements stays a first copy)."""
    have = select(t.utterances.c.key).where(t.utterances.c.actor_id == keep)
    shared = list(conn.execute(select(t.utterances.c.key).where(t.utterances.c.actor_id == drop,
                                                                t.utterances.c.key.in_(have))).scalars())
    conn.execute(delete(t.utterances).where(t.utterances.c.actor_id == drop, t.utterances.c.key.in_(have)))
    conn.execute(update(t.utterances).where(t.utterances.c.actor_id == drop).values(actor_id=keep))
    if shared:
        _first_copies(conn, (t.statements.c.actor_id.in_([keep, drop])) & t.statements.c.utterance.in_(shared))


def _first_copies(conn: Connection, where: Any) -> None:
    """The first-copy flag again for the statements ``where`` picks: the lowest id of each utterance."""
    s, s2 = t.statements, aliased(t.statements)
    earlier = select(s2.c.id).where(s2.c.utterance == s.c.utterance, s2.c.actor_id.is_not_distinct_from(
        s.c.actor_id), s2.c.id < s.c.id).exists()
    conn.execute(update(s).where(where).values(first_copy=~earlier))


def rebuild(conn: Connection, actor_ids: list[int]) -> None:
    """These actors' utterances again from their statements, after rows moved between them."""
    s = t.statements
    conn.execute(delete(t.utterances).where(t.utterances.c.actor_id.in_(actor_ids)))
    conn.execute(insert(t.utterances).from_select(
        ["actor_id", "key"], select(s.c.actor_id, s.c.utterance).where(s.c.actor_id.in_(actor_ids))
        .group_by(s.c.actor_id, s.c.utterance)))
    _first_copies(conn, s.c.actor_id.in_(actor_ids))

