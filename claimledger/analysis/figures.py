"""Figures across sources: list them, and line up the same quantity as each claimant gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import desc, func, or_, select

from ..ledger import schema as t
from ..ledger.queries import find_actor_ids
from ..ledger.store import Ledger
from .quantities import parse_query

LOSS_MEASURES = ("casualties", "killed", "wounded", "missing")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding a span: the evidence a reader checks."""
    left = max(text.rfind("\n", 0, start), max((m.end() for m in re.finditer(r"[.!?][”\"’']?\s", text[:start])),
                                                default=0) - 1)
    m = re.search(r"[.!?][”\"’']?(\s|$)|\n", text[end:])
    right = end + m.end() if m else len(text)
    return text[left + 1:right].strip()


def _base_query() -> Any:
    f, a, o = t.figures, t.articles, t.outlets
    return (select(f.c.id, f.c.article_id, f.c.start, f.c.end, f.c.text, f.c.value, f.c.low, f.c.high, f.c.approx,
                   f.c.unit, f.c.counted, f.c.group, f.c.measure, f.c.period, f.c.claimant_name,
                   t.actors.c.name.label("claimant"), f.c.as_of, f.c.projection, f.c.quantity,
                   a.c.title, a.c.published, a.c.url, o.c.name.label("outlet"))
            .select_from(f.join(a, a.c.id == f.c.article_id).outerjoin(o, o.c.id == a.c.outlet_id)
                         .outerjoin(t.actors, t.actors.c.id == f.c.claimant_actor_id)))


def list_figures(ledger: Ledger, claimant: str | None = None, counted: str | None = None,
                 outlet: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    f = t.figures
    q = _base_query()
    if claimant:
        ids = find_actor_ids(ledger, claimant)
        q = q.where(f.c.claimant_actor_id.in_(ids) if ids else f.c.id < 0)
    if counted:
        group, measure, _ = parse_query(counted)
        words = [w for w in re.findall(r"\w+", counted.lower()) if len(w) > 2]
        cond = [func.lower(func.coalesce(f.c.counted, "")).like(f"%{w}%") for w in words]
        if measure:
            q = q.where(f.c.measure == measure)
            if group:
                q = q.where(func.lower(f.c.group) == group)
        elif cond:
            for c in cond:
                q = q.where(c)
    if outlet:
        q = q.where(func.lower(t.outlets.c.name).like(f"%{outlet.lower()}%"))
    if since:
        q = q.where(f.c.as_of >= since)
    if until:
        q = q.where(f.c.as_of <= until + "\uffff")
    q = q.order_by(desc(f.c.as_of), f.c.id).limit(limit).offset(offset)
    with ledger.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


@dataclass
class Comparison:
    query: str
    group: str | None
    measure: str | None
    unit: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def spread(self) -> float | None:
        """Highest figure over lowest, ranges counted by their ends."""
        highs = [r["high"] if r["high"] is not None else r["value"] for r in self.rows]
        lows = [r["low"] if r["low"] is not None else r["value"] for r in self.rows]
        highs = [h for h in highs if h]
        lows = [v for v in lows if v]
        return max(highs) / min(lows) if highs and lows else None

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "group": self.group, "measure": self.measure, "unit": self.unit,
                "spread": self.spread, "rows": self.rows}


def _patterns(query: str) -> tuple[Comparison, list[str]]:
    """A reader's words, or an exact quantity key ('russian|killed|people'), as LIKE patterns."""
    if query.count("|") == 2:
        group, measure, unit = (x or None for x in query.split("|"))
        return Comparison(query, group, measure, unit), [query]
    group, measure, unit = parse_query(query)
    cmp = Comparison(query, group, measure, unit)
    if measure is None:
        return cmp, []
    # 'losses' take in every loss figure (killed, wounded, missing); 'killed' only the killed
    measures = LOSS_MEASURES if measure == "casualties" else (measure,)
    if unit is None and measure in LOSS_MEASURES + ("displaced", "captured"):
        unit = "people"  # 'Russian losses' means soldiers unless the query names tanks
        cmp.unit = unit
    unit_part = "money" if unit == "money" else (unit or "%")
    return cmp, [f"{group or '%'}|{m}|{unit_part}" for m in measures]


def compare(ledger: Ledger, query: str, since: str | None = None, until: str | None = None,
            include_unattributed: bool = True, limit: int = 500) -> Comparison:
    """The same quantity as each claimant gives it, oldest first, with the sentence as evidence.

    ``query`` is a reader's words ("Russian losses") or a stored quantity key ("russian|killed|people").
    """
    cmp, patterns = _patterns(query)
    if not patterns:
        return cmp
    f = t.figures
    q = _base_query().add_columns(t.articles.c.text.label("_text"), t.articles.c.country).where(
        or_(*[f.c.quantity.like(p) for p in patterns]))
    if not include_unattributed:
        q = q.where(f.c.claimant_name.is_not(None))
    if since:
        q = q.where(f.c.as_of >= since)
    if until:
        q = q.where(f.c.as_of <= until + "\uffff")
    q = q.order_by(f.c.as_of, f.c.id).limit(limit)
    with ledger.connect() as conn:
        for r in conn.execute(q):
            row = dict(r._mapping)
            text = row.pop("_text")
            row["sentence"] = sentence_around(text, row["start"], row["end"])
            cmp.rows.append(row)
    return cmp


def contested(ledger: Ledger, top: int = 10) -> list[dict[str, Any]]:
    """Quantities given by two or more claimants, the widest spread (highest over lowest) first."""
    f = t.figures
    claimant = func.coalesce(f.c.claimant_name, "")
    hi = func.max(func.coalesce(f.c.high, f.c.value))
    lo = func.min(func.coalesce(f.c.low, f.c.value))
    q = (select(f.c.quantity, func.count().label("figures"), func.count(claimant.distinct()).label("claimants"),
                lo.label("lowest"), hi.label("highest"))
         .where(f.c.quantity.is_not(None), func.coalesce(f.c.low, f.c.value) > 0)
         .group_by(f.c.quantity).having(func.count(claimant.distinct()) >= 2))
    with ledger.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    for r in rows:
        r["spread"] = r["highest"] / r["lowest"] if r["lowest"] else None
        group, measure, unit = r["quantity"].split("|")
        r["label"] = " ".join(x for x in (group.title(), measure, f"({unit})" if unit else "") if x)
    rows.sort(key=lambda r: (-(r["spread"] or 0), r["quantity"]))
    return rows[:top]


def chart(cmp: Comparison, path: str | IO[bytes], fmt: str | None = None) -> None:
    """Each claimant's figures over time; ranges drawn as bars. PNG or SVG by the file name or ``fmt``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from dateutil.parser import isoparse

    fig, ax = plt.subplots(figsize=(9, 5))
    by: dict[str, list[dict[str, Any]]] = {}
    for r in cmp.rows:
        by.setdefault(r["claimant"] or r["claimant_name"] or f"({r['outlet'] or 'article voice'})", []).append(r)
    for name, rows in sorted(by.items()):
        xs, ys, lo, hi = [], [], [], []
        for r in rows:
            if not r["as_of"]:
                continue
            x = isoparse(r["as_of"][:10] if len(r["as_of"]) >= 10 else r["as_of"][:7] + "-15"
                         if len(r["as_of"]) >= 7 else r["as_of"][:4] + "-07-01")
            mid = r["value"] if r["value"] is not None else (r["low"] + r["high"]) / 2
            xs.append(x)
            ys.append(mid)
            lo.append(mid - (r["low"] if r["low"] is not None else mid))
            hi.append((r["high"] if r["high"] is not None else mid) - mid)
        if xs:
            ax.errorbar(xs, ys, yerr=[lo, hi], fmt="o-" if len(xs) > 1 else "o", capsize=4, label=name)
    ax.set_title(f"{cmp.query}: figures by claimant (spread {cmp.spread:.1f}x)" if cmp.spread else cmp.query)
    ax.set_ylabel(cmp.unit or "value")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, format=fmt)
    plt.close(fig)
