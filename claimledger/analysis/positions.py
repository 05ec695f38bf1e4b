"""The map of positions: actor x topic with stances, evidence and dates; and who moved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..ledger.read import Filters, position_rows
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


def matrix(ledger: Ledger, topic: str | None = None, actor: str | None = None, min_count: int = 1,
           evidence: int = 5) -> dict[str, Any]:
    """Cells of actor x topic, each with counts, the latest date and its newest evidence first."""
    cells: dict[tuple[str, str], Cell] = {}
    picked: dict[tuple[str, str], list[dict[str, Any]]] = {}
    copies: set[tuple[str, str, str, str]] = set()
    for r in position_rows(ledger, topic, Filters(speaker=actor)):
        name = r["actor"] or r["actor_name"]
        words = " ".join(r["evidence"].split()).casefold()
        if (name, r["topic"], r["stance"], words) in copies:
            continue  # a syndicated copy of evidence already counted
        copies.add((name, r["topic"], r["stance"], words))
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
    for r in position_rows(ledger, topic, Filters(speaker=actor)):
        by.setdefault((r["actor"] or r["actor_name"], r["topic"]), []).append(r)
    out: list[dict[str, Any]] = []
    for (name, top), rows in by.items():
        for before, after in zip(rows, rows[1:], strict=False):
            if before["stance"] != after["stance"] and before["date"] != after["date"]:
                out.append({"actor": name, "topic": top, "from": before, "to": after})
    out.sort(key=lambda c: (str(c["to"]["date"] or ""), str(c["actor"])))
    return out


def explain(m: dict[str, Any], topics: str | None = None) -> dict[str, Any]:
    """Each evidence row of the matrix with the taxonomy pattern that matched it and the words it matched
    (``topics``: the taxonomy file, else $CLAIMLEDGER_TOPICS or the shipped one), so a user editing the YAML
    sees what each pattern catches."""
    from ..extract import taxonomy

    where, text = taxonomy.read(topics)
    by_id = {t.id: t for t in taxonomy.parse(text, where).topics}
    for cell in m["cells"]:
        topic = by_id.get(cell["topic"])
        for r in cell["evidence"]:
            hit = next(((p, found) for p in (topic.patterns if topic else ()) if (found := p.regex.search(
                r["evidence"]))), None)
            r["pattern"] = (hit[0].source or hit[0].regex.pattern) if hit else None
            r["matched"] = hit[1].group(0) if hit else None
            r["pattern_stance"] = hit[0].stance if hit else None
    return m
