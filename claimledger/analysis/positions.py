"""The map of positions: actor x topic with stances, evidence and dates; who moved; the talks timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select

from ..ledger import schema as t
from ..ledger.queries import find_actor_ids
from ..ledger.store import Ledger


@dataclass
class Cell:
    actor: str
    actor_slug: str | None
    topic: str
    support: int = 0
    oppose: int = 0
    latest: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stance(self) -> str:
        if self.support and self.oppose:
            return "mixed"
        return "support" if self.support else "oppose"

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "actor_slug": self.actor_slug, "topic": self.topic, "stance": self.stance,
                "support": self.support, "oppose": self.oppose, "latest": self.latest, "evidence": self.evidence}


def _rows(ledger: Ledger, topic: str | None, actor: str | None) -> list[dict[str, Any]]:
    p, a, o = t.positions, t.articles, t.outlets
    when = func.coalesce(p.c.said_on, func.substr(a.c.published, 1, 10))  # a day, as statements are dated
    q = (select(p.c.id, p.c.article_id, p.c.actor_name, t.actors.c.name.label("actor"),
                t.actors.c.slug.label("actor_slug"), p.c.topic, p.c.stance, p.c.evidence, p.c.start, p.c.end,
                p.c.confidence, p.c.statement_id, when.label("date"), a.c.title, o.c.name.label("outlet"),
                a.c.country)
         .select_from(p.join(a, a.c.id == p.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                      .outerjoin(t.actors, t.actors.c.id == p.c.actor_id)))
    if topic:
        q = q.where(or_(p.c.topic == topic, p.c.topic.like(f"%{topic}%")))
    if actor:
        ids = find_actor_ids(ledger, actor)
        q = q.where(p.c.actor_id.in_(ids) if ids else p.c.id < 0)
    q = q.order_by(when, p.c.id)
    with ledger.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def matrix(ledger: Ledger, topic: str | None = None, actor: str | None = None, min_count: int = 1,
           evidence: int = 5) -> dict[str, Any]:
    """Cells of actor x topic, each with counts, the latest date and its newest evidence first."""
    cells: dict[tuple[str, str], Cell] = {}
    picked: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in _rows(ledger, topic, actor):
        name = r["actor"] or r["actor_name"]
        cell = cells.setdefault((name, r["topic"]), Cell(name, r["actor_slug"], r["topic"]))
        if r["stance"] == "support":
            cell.support += 1
        else:
            cell.oppose += 1
        cell.latest = max(cell.latest or "", r["date"] or "") or None
        picked.setdefault((name, r["topic"]), []).append(r)
    out = [c for c in cells.values() if c.support + c.oppose >= min_count]
    for c in out:
        rows = picked[(c.actor, c.topic)]
        c.evidence = sorted(rows, key=lambda r: (str(r["date"] or ""), r["id"]), reverse=True)[:evidence]
    out.sort(key=lambda c: (-(c.support + c.oppose), c.actor, c.topic))
    actors = list(dict.fromkeys(c.actor for c in out))
    topics = sorted({c.topic for c in out})
    return {"actors": actors, "topics": topics, "cells": [c.to_dict() for c in out]}


def changes(ledger: Ledger, topic: str | None = None, actor: str | None = None) -> list[dict[str, Any]]:
    """Each time an actor's stance on a topic differs from its stance before: the two statements."""
    by: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in _rows(ledger, topic, actor):
        by.setdefault((r["actor"] or r["actor_name"], r["topic"]), []).append(r)
    out: list[dict[str, Any]] = []
    for (name, top), rows in by.items():
        for before, after in zip(rows, rows[1:], strict=False):
            if before["stance"] != after["stance"] and before["date"] != after["date"]:
                out.append({"actor": name, "topic": top, "from": before, "to": after})
    out.sort(key=lambda c: (str(c["to"]["date"] or ""), str(c["actor"])))
    return out


def timeline(ledger: Ledger, actor: str | None = None, since: str | None = None, until: str | None = None,
             limit: int = 200) -> list[dict[str, Any]]:
    """Meetings, talks, summits and calls by date, with participants, place and the sentence."""
    e, a, o = t.events, t.articles, t.outlets
    q = (select(e.c.id, e.c.article_id, e.c.kind, e.c.participants, e.c.place, e.c.date, e.c.evidence,
                a.c.title, o.c.name.label("outlet"), a.c.country)
         .select_from(e.join(a, a.c.id == e.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)))
    if since:
        q = q.where(e.c.date >= since)
    if until:
        q = q.where(e.c.date <= until + "\uffff")
    if actor:
        q = q.where(e.c.participants.like(f"%{actor}%"))
    q = q.order_by(e.c.date.desc(), e.c.id).limit(limit)
    with ledger.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    for r in rows:
        r["participants"] = json.loads(r["participants"])
    return rows
