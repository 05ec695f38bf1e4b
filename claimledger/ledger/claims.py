"""Claims: one thing one actor said, or one figure they gave, followed through every article that carried it.

A statement joins a claim of the same speaker when its wording is the same utterance (the same words, a
fragment of them, or a rewording that keeps most of them in order: ``wording.align``); a figure joins a
claim of the same claimant for the same quantity and counted thing within ``FIGURE_DAYS`` of its first
appearance. Groups are kept as articles arrive, in the writer's transaction: a new appearance is looked
up by its fingerprints, joined or made a claim, and its claim's summary (canonical wording, first
appearance, counts of appearances, outlets and variants) is refreshed from its members. PostgreSQL
writers lock the speakers' actor rows first, so two writers never make two claims of one quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, bindparam, delete, or_, select, update

from . import schema as t
from .wording import align, compared, fingerprints, variant, words

FIGURE_DAYS = 31  # a claimant's figure repeated within a month is the same claim; later, a new one
QUOTE_DAYS = 14
RANK = {"direct": 0, "mixed": 1, "indirect": 2}  # the canonical wording: the longest of the most direct form
s, f, a, c = t.statements, t.figures, t.articles, t.claims


def attach_article(conn: Connection, article_id: int) -> None:
    """Every attributed statement and figure of one stored article joins its claim (or starts one)."""
    _lock(conn, article_id)
    _attach_statements(conn, conn.execute(_statement_rows().where(s.c.article_id == article_id)
                                          .order_by(s.c.ordinal)).all())
    for row in conn.execute(_figure_rows().where(f.c.article_id == article_id).order_by(f.c.ordinal)).all():
        _attach_figure(conn, row)


def rebuild(conn: Connection, actor_ids: list[int] | None = None) -> None:
    """These actors' claims (or all) again from their statements and figures, in the order articles came."""
    if actor_ids is not None and not actor_ids:
        return
    gone = select(c.c.id).where(c.c.actor_id.in_(actor_ids)) if actor_ids is not None else select(c.c.id)
    for table, who in ((s, s.c.actor_id), (f, f.c.claimant_actor_id)):
        where = [or_(table.c.claim_id.in_(gone), who.in_(actor_ids))] if actor_ids is not None else []
        conn.execute(update(table).where(*where).values(claim_id=None, variant=None))
    conn.execute(delete(t.claim_marks).where(t.claim_marks.c.claim_id.in_(gone)))
    conn.execute(delete(c).where(c.c.id.in_(gone)))
    sq, fq = _statement_rows(), _figure_rows()
    if actor_ids is not None:
        sq, fq = sq.where(s.c.actor_id.in_(actor_ids)), fq.where(f.c.claimant_actor_id.in_(actor_ids))
    for _, article in groupby(conn.execute(sq.order_by(s.c.article_id, s.c.ordinal)).all(), key=lambda r: r.article_id):
        _attach_statements(conn, list(article))
    for row in conn.execute(fq.order_by(f.c.article_id, f.c.ordinal)).all():
        _attach_figure(conn, row)


def move(conn: Connection, keep: int, drop: int) -> None:
    """An actor folded into another: its claims are the kept actor's (two claims of one quote stay two)."""
    conn.execute(update(c).where(c.c.actor_id == drop).values(actor_id=keep))
    conn.execute(update(t.claim_marks).where(t.claim_marks.c.actor_id == drop).values(actor_id=keep))


def _lock(conn: Connection, article_id: int) -> None:
    if conn.dialect.name != "postgresql":
        return  # SQLite has one writer at a time
    who = select(s.c.actor_id).where(s.c.article_id == article_id).union(
        select(f.c.claimant_actor_id).where(f.c.article_id == article_id))
    conn.execute(select(t.actors.c.id).where(t.actors.c.id.in_(who)).order_by(t.actors.c.id).with_for_update())


def _statement_rows() -> Any:
    return (select(s.c.id, s.c.actor_id, s.c.content, s.c.article_id, s.c.said_on, a.c.published)
            .join(a, a.c.id == s.c.article_id).where(s.c.actor_id.is_not(None)))


def _figure_rows() -> Any:
    return (select(f.c.id, f.c.claimant_actor_id.label("actor_id"), f.c.measure, f.c.counted, f.c.group,
                   f.c.kind, f.c.unit, f.c.rate, f.c.text, f.c.as_of, f.c.as_of.label("said_on"), a.c.published,
                   f.c.article_id, f.c.value, f.c.low, f.c.high)
            .join(a, a.c.id == f.c.article_id)
            .where(f.c.claimant_actor_id.is_not(None), f.c.converts.is_(None), f.c.projection.is_(False),
                   or_(f.c.value.is_not(None), f.c.low.is_not(None))))


def figure_key(row: Any) -> str:
    """What a figure is of, as far as the figure says: group, measure, unit (a currency itself) and rate."""
    from ..vocab.quantities import unit_class

    unit = row.unit if row.kind == "money" else unit_class(row.unit)
    return "|".join(((row.group or "").lower(), row.measure or "", unit or "", row.rate or ""))[:120]


_FIND = select(t.claim_marks.c.claim_id, t.claim_marks.c.actor_id, t.claim_marks.c.mark).where(
    t.claim_marks.c.actor_id.in_(bindparam("actors", expanding=True)),
    t.claim_marks.c.mark.in_(bindparam("marks", expanding=True)))
_TEXTS = select(c.c.id, c.c.text, c.c.first_date).where(c.c.id.in_(bindparam("ids", expanding=True)),
                                                        c.c.kind == "statement")
_JOIN_S = update(s).where(s.c.id == bindparam("member")).values(claim_id=bindparam("claim"))
_JOIN_F = update(f).where(f.c.id == bindparam("member")).values(claim_id=bindparam("claim"))
_NEW = c.insert().returning(c.c.id)
def _add_marks(conn: Connection, rows: list[dict[str, int]]) -> None:
    from .upsert import insert_ignore

    if rows:
        conn.execute(insert_ignore(conn, t.claim_marks), rows)


def _attach_statements(conn: Connection, rows: Sequence[Any]) -> None:
    """One article's statements, each into the claim whose canonical wording it best matches, else a new
    claim; the fingerprints of all of them are looked up at once."""
    items = [(row, ws, fingerprints(ws)) for row in rows if (ws := words(row.content))]
    if not items:
        return
    owners: dict[tuple[int, int], set[int]] = {}  # (speaker, fingerprint) -> claims
    for cid, actor, mark in conn.execute(_FIND, {"actors": sorted({r.actor_id for r, _, _ in items}),
                                                 "marks": sorted(set().union(*(m for _, _, m in items)))}):
        owners.setdefault((actor, mark), set()).add(cid)
    known = sorted(set().union(*owners.values())) if owners else []
    texts = {cid: (text, first) for cid, text, first in conn.execute(_TEXTS, {"ids": known})} if known else {}
    joined, marks_rows = [], []
    for row, ws, marks in items:
        found = set().union(*(owners.get((row.actor_id, m), set()) for m in marks))
        best: tuple[int, int] | None = None
        for cid in sorted(found & texts.keys()):
            text, first = texts[cid]
            al = align(words(text), ws)
            if al.same and (al.exact or _near(first, _day(row))) and (best is None or al.matched > best[1]):
                best = (cid, al.matched)
        if best is None:  # a new claim: its summary is this one appearance
            claim_id = _new(conn, "statement", row, row.content, None)
            texts[claim_id] = (row.content, None if _day(row) == "9999" else _day(row))
            joined.append({"member": row.id, "claim": claim_id})
        else:
            claim_id = best[0]
            conn.execute(_JOIN_S, [*joined, {"member": row.id, "claim": claim_id}])
            joined = []
            texts[claim_id] = _refresh_statements(conn, claim_id)
        for m in marks:
            owners.setdefault((row.actor_id, m), set()).add(claim_id)
        marks_rows += [{"claim_id": claim_id, "actor_id": row.actor_id, "mark": m} for m in sorted(marks)]
    if joined:
        conn.execute(_JOIN_S, joined)
    _add_marks(conn, marks_rows)


def _near(first: str | None, day: str) -> bool:
    """A reworded appearance joins a claim first seen within ``QUOTE_DAYS``; the same words join at any time
    (a quote cited again a year on), a rewording then is the speaker's talking point on another occasion."""
    from ..analysis.disagreement import day_of

    a, b = day_of(first), day_of(day)
    return a is None or b is None or abs((b - a).days) <= QUOTE_DAYS


def _new(conn: Connection, kind: str, row: Any, text: str, quantity: str | None) -> int:
    day = _day(row)
    known = day if day != "9999" else None
    return int(conn.execute(_NEW, {
        "kind": kind, "actor_id": row.actor_id, "quantity": quantity, "text": text, "canonical_id": row.id,
        "first_id": row.id, "first_article_id": row.article_id, "first_date": known, "last_date": known,
        "appearances": 1, "articles": 1, "outlets": 1, "variants": 0}).scalar_one())


def _refresh_statements(conn: Connection, claim_id: int) -> tuple[str, str | None]:
    """The claim's summary from its members: the longest direct form is canonical, the earliest is first."""
    members = conn.execute(select(s.c.id, s.c.content, s.c.kind, s.c.variant, s.c.article_id, s.c.said_on,
                                  a.c.published, a.c.outlet_id, a.c.identity).join(a, a.c.id == s.c.article_id)
                           .where(s.c.claim_id == claim_id)).all()
    canon = min(members, key=lambda m: (RANK.get(m.kind, 3), -len(words(m.content)), *_order(m)))
    canon_words = words(compared(canon.content, canon.kind))
    flags = {m.id: None if m.id == canon.id else variant(align(canon_words, words(compared(m.content, m.kind))),
                                                         m.kind == "indirect") for m in members}
    return canon.content, _summarise(conn, s, claim_id, members, canon.id, canon.content, flags)


def _day(m: Any) -> str:
    return str(m.published or m.said_on or "9999")[:10]


def _copies(conn: Connection, article_ids: list[int]) -> dict[int, int]:
    """Articles of no known outlet: each copy of one article (identical or near-duplicate) under its first,
    so a re-posted article is not another outlet carrying the quote."""
    if len(set(article_ids)) < 2:
        return {}
    lk = t.article_links
    ids = sorted(set(article_ids))
    pairs = conn.execute(select(lk.c.article_id, lk.c.other_id).where(
        lk.c.kind != "syndicated", lk.c.article_id.in_(ids), lk.c.other_id.in_(ids))).all()
    head = {i: i for i in ids}
    for x, y in sorted(pairs):
        hx, hy = head[x], head[y]
        low = min(hx, hy)
        head = {k: low if v in (hx, hy) else v for k, v in head.items()}
    return head


def _order(m: Any) -> tuple[str, str, str, int]:
    """Earliest first; on one day, by the article's identity, so the order articles came in never decides."""
    return (_day(m), str(m.published or ""), m.identity, m.id)


def _summarise(conn: Connection, table: Any, claim_id: int, members: Sequence[Any], canon_id: int, text: str,
               flags: dict[int, str | None]) -> str | None:
    """Write the members' variant flags that changed and the claim's summary; returns its first date."""
    for m in members:
        if flags[m.id] != m.variant:
            conn.execute(update(table).where(table.c.id == m.id).values(variant=flags[m.id]))
    first = min(members, key=_order)
    family = _copies(conn, [m.article_id for m in members if m.outlet_id is None])
    outlets = {m.outlet_id if m.outlet_id is not None else -family.get(m.article_id, m.article_id) for m in members}
    conn.execute(update(c).where(c.c.id == claim_id).values(
        text=text, canonical_id=canon_id, first_id=first.id, first_article_id=first.article_id,
        first_date=_day(first) if _day(first) != "9999" else None,
        last_date=max((_day(m) for m in members if _day(m) != "9999"), default=None),
        appearances=len(members), articles=len({m.article_id for m in members}), outlets=len(outlets),
        variants=sum(1 for v in flags.values() if v)))
    return _day(first) if _day(first) != "9999" else None


def _attach_figure(conn: Connection, row: Any) -> None:
    from ..analysis.disagreement import day_of, same_thing

    when = day_of(row.as_of or row.published)
    fields = dict(row._mapping)
    key = figure_key(row)
    claim_id = None
    for cid, first_as_of, counted, group, kind, unit in conn.execute(
            select(c.c.id, f.c.as_of, f.c.counted, f.c.group, f.c.kind, f.c.unit).join(f, f.c.id == c.c.canonical_id)
            .where(c.c.kind == "figure", c.c.actor_id == row.actor_id, c.c.quantity == key)
            .order_by(c.c.id)).all():
        start = day_of(first_as_of)
        near = when is None or start is None or abs((when - start).days) <= FIGURE_DAYS
        if near and same_thing(fields, {"counted": counted, "group": group, "kind": kind, "unit": unit}) and \
                not _other_number_here(conn, cid, row):
            claim_id = cid
            break
    if claim_id is None:
        claim_id = _new(conn, "figure", row, _figure_text(row), key)
        conn.execute(_JOIN_F, {"member": row.id, "claim": claim_id})
        return
    conn.execute(_JOIN_F, {"member": row.id, "claim": claim_id})
    _refresh_figures(conn, claim_id)


def _other_number_here(conn: Connection, claim_id: int, row: Any) -> bool:
    """Two numbers for one quantity in one article are two claims ('763 men' beside '101 women'); the same
    number again is a repeat."""
    here = conn.execute(select(f.c.value, f.c.low, f.c.high).where(
        f.c.claim_id == claim_id, f.c.article_id == row.article_id)).all()
    return any(tuple(h) != (row.value, row.low, row.high) for h in here)


def _refresh_figures(conn: Connection, claim_id: int) -> None:
    """A figure claim's canonical form is its first appearance; a later one with another number is a variant."""
    members = conn.execute(select(f.c.id, f.c.text, f.c.counted, f.c.value, f.c.low, f.c.high, f.c.approx,
                                  f.c.variant, f.c.article_id, f.c.as_of.label("said_on"), a.c.published,
                                  a.c.outlet_id, a.c.identity).join(a, a.c.id == f.c.article_id)
                           .where(f.c.claim_id == claim_id)).all()
    first = min(members, key=_order)
    flags = {m.id: "value" if (m.value, m.low, m.high) != (first.value, first.low, first.high) else
             "qualifier" if (m.approx or None) != (first.approx or None) else None for m in members}
    _summarise(conn, f, claim_id, members, first.id, _figure_text(first), flags)


def _figure_text(row: Any) -> str:
    return f"{row.text} ({row.counted})" if row.counted else str(row.text)
