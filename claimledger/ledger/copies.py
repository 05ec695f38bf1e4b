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

from sqlalchemy import Connection, delete, insert, select, update

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


def register(conn: Connection, pairs: Iterable[tuple[int, str]]) -> dict[int, int]:
    """Record (actor, utterance) pairs; returns, per actor, how many of them were new to the ledger."""
    from .write import insert_ignore

    new: dict[int, int] = {}
    for actor_id, key in sorted(set(pairs)):  # a fixed order: two writers never deadlock
        ins = insert_ignore(conn, t.utterances, {"actor_id": actor_id, "key": key}).returning(t.utterances.c.id)
        if conn.execute(ins).scalar() is not None:  # rowcount is -1 on psycopg: the returned id says it landed
            new[actor_id] = new.get(actor_id, 0) + 1
    return new


def move(conn: Connection, keep: int, drop: int) -> None:
    """An actor folded into another: its utterances join the kept actor's, shared ones once."""
    have = select(t.utterances.c.key).where(t.utterances.c.actor_id == keep)
    conn.execute(delete(t.utterances).where(t.utterances.c.actor_id == drop, t.utterances.c.key.in_(have)))
    conn.execute(update(t.utterances).where(t.utterances.c.actor_id == drop).values(actor_id=keep))


def rebuild(conn: Connection, actor_ids: list[int]) -> None:
    """These actors' utterances again from their statements, after rows moved between them."""
    s = t.statements
    conn.execute(delete(t.utterances).where(t.utterances.c.actor_id.in_(actor_ids)))
    conn.execute(insert(t.utterances).from_select(
        ["actor_id", "key"], select(s.c.actor_id, s.c.utterance).where(s.c.actor_id.in_(actor_ids))
        .group_by(s.c.actor_id, s.c.utterance)))

