"""Figures across sources: list them, and line up the same quantity as each claimant gives it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import Connection, String, and_, cast, func, select

from ..ledger import schema as t
from ..ledger.read import Filters
from ..ledger.read.figures import FIGURES, figure_query
from ..ledger.read.filters import escape_like
from ..ledger.store import Ledger
from ..vocab.quantities import parse_query
from .disagreement import Block, blocks, day_of, once

LOSS_MEASURES = ("casualties", "killed", "wounded", "missing")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding a span: the evidence a reader checks."""
    left = max(text.rfind("\n", 0, start), max((m.end() for m in re.finditer(r"[.!?][”\"’']?\s", text[:start])),
                                                default=0) - 1)
    m = re.search(r"[.!?][”\"’']?(\s|$)|\n", text[end:])
    right = end + m.end() if m else len(text)
    return text[left + 1:right].strip()


@dataclass
class Comparison:
    query: str
    group: str | None
    measure: str | None
    unit: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def main(self) -> Block | None:
        """The block the query asks for: its measure exactly, named by the most claimants."""
        if self.measure == "casualties":  # 'losses': any loss measure, the one most claimants give
            return self.blocks[0] if self.blocks else None
        exact = [b for b in self.blocks if b.quantity.split("|")[1:2] == [self.measure]] or self.blocks
        return exact[0] if exact else None

    @property
    def comparable(self) -> list[dict[str, Any]]:
        """The rows of the main block, in its unit: what the spread and the chart set side by side."""
        main = self.main
        return [r for r in self.rows if main is not None and r.get("block") == main.key
                and r.get("in_unit") is not None]

    @property
    def spread(self) -> float | None:
        """Highest over lowest among claimants as of one time (see ``disagreement``), in the main block."""
        return self.main.spread if self.main is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "group": self.group, "measure": self.measure, "unit": self.unit,
                "spread": self.spread, "blocks": [b.to_dict() for b in self.blocks], "rows": self.rows}


def _patterns(query: str) -> tuple[Comparison, list[tuple[str, str]]]:
    """A reader's words, or an exact quantity key ('russian|killed|people'), as conditions on the key:
    ('eq', key), ('prefix', start) or ('like', pattern); the first two read the quantity index."""
    if query.count("|") == 2:  # an exact key: matched as it is
        group, measure, unit = (x or None for x in query.split("|"))
        return Comparison(query, group, measure, unit), [("eq", query)]
    group, measure, unit = parse_query(query)
    cmp = Comparison(query, group, measure, unit)
    if measure is None:
        return cmp, []
    # 'losses' take in every loss figure (killed, wounded, missing), each its own block; 'killed' only the killed
    measures = LOSS_MEASURES if measure == "casualties" else (measure,)
    if unit is None and measure in LOSS_MEASURES + ("displaced", "captured"):
        unit = "people"  # 'Russian losses' means soldiers unless the query names tanks
        cmp.unit = unit
    if group:  # 'people' and 'people per day': blocks apart, both found by one prefix
        return cmp, [("prefix", f"{group}|{m}|{unit or ''}") for m in measures]
    unit_part = escape_like(unit) + "%" if unit else "%"
    return cmp, [("like", f"%|{escape_like(m)}|{unit_part}") for m in measures]


def _condition(kind: str, value: str) -> Any:
    q = t.figures.c.quantity
    if kind == "eq":
        return q == value
    if kind == "prefix":
        return and_(q >= value, q < value + "\uffff")
    return q.like(value, escape="\\")


def _first_of_each(conn: Any, base: Any, patterns: list[tuple[str, str]], limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` figures by as-of date over all patterns: each pattern's own first ``limit``, read
    along the (quantity, as_of) index, merged. One query with an OR of the patterns let PostgreSQL walk the
    as-of index over every figure of the ledger instead."""
    found: dict[int, dict[str, Any]] = {}
    exact: list[tuple[str, str]] = []
    for kind, value in patterns:  # a prefix is the keys it covers, each read in as-of order from the index
        if kind == "prefix":
            keys = conn.execute(select(t.figures.c.quantity).where(_condition(kind, value)).distinct()).scalars()
            exact += [("eq", k) for k in keys]
        else:
            exact.append((kind, value))
    for kind, value in exact:
        for r in conn.execute(base.where(_condition(kind, value))):
            found.setdefault(r.id, dict(r._mapping))
    nulls_first = conn.dialect.name == "sqlite"  # how each database sorts a missing as-of date
    return sorted(found.values(), key=lambda r: ((r["as_of"] is None) != nulls_first, r["as_of"] or "", r["id"]))[
        :limit]


def compare(ledger: Ledger, query: str, filters: Filters | None = None, include_unattributed: bool = True,
            limit: int = 500) -> Comparison:
    """The same quantity as each claimant gives it, oldest first, with the sentence as evidence, in blocks
    that can be set side by side.

    ``query`` is a reader's words ("Russian losses") or a stored quantity key ("russian|killed|people");
    ``filters`` narrow it by claimant, outlet and as-of date.
    """
    cmp, patterns = _patterns(query)
    if not patterns:
        return cmp
    f = t.figures
    base = figure_query().add_columns(t.articles.c.text.label("_text"), t.articles.c.country)
    if not include_unattributed:
        base = base.where(f.c.claimant_name.is_not(None))
    with ledger.connect() as conn:
        base = base.where(*(filters or Filters()).clauses(FIGURES, conn)).order_by(f.c.as_of, f.c.id).limit(limit)
        for row in _first_of_each(conn, base, patterns, limit):
            text = row.pop("_text")
            row["sentence"] = sentence_around(text, row["start"], row["end"])
            cmp.rows.append(row)
        family = copy_families(conn, {r["article_id"] for r in cmp.rows})
    cmp.rows = once(cmp.rows, family)
    cmp.blocks = blocks(cmp.rows)
    main = cmp.main
    if main is not None:
        cmp.unit = main.unit or cmp.unit
    keep = {id(row) for row in cmp.comparable}
    for row in cmp.rows:
        row["comparable"] = id(row) in keep
    return cmp


def copy_families(conn: Any, ids: set[int]) -> dict[int, int]:
    """Article -> the lowest id among the copies linked to it (identical, near-duplicate, syndicated)."""
    if not ids:
        return {}
    links = t.article_links
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i
    q = select(links.c.article_id, links.c.other_id).where(links.c.article_id.in_(ids), links.c.other_id.in_(ids))
    linked: set[int] = set()
    for a, b in conn.execute(q):
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
        linked |= {a, b}
    return {i: root(i) for i in linked}


def contested_entries(conn: Connection, quantities: list[str]) -> dict[str, list[dict[str, Any]]]:
    """For each quantity on which sources disagree (two or more claimants as of one time), its entries.
    A claimant's own growing total is a series, not a disagreement; conversions and projections are left out."""
    f = t.figures
    source = func.coalesce(f.c.claimant_name, cast(f.c.article_id, String))
    q = (select(f.c.quantity).where(f.c.quantity.in_(quantities), func.coalesce(f.c.low, f.c.value) > 0,
                                    f.c.converts.is_(None), f.c.projection.is_(False))
         .group_by(f.c.quantity).having(func.count(source.distinct()) >= 2))
    keys = [r[0] for r in conn.execute(q)]
    rows = [dict(r._mapping) for r in conn.execute(figure_query().where(f.c.quantity.in_(keys)))] if keys else []
    by: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by.setdefault(r["quantity"], []).append(r)
    out: dict[str, list[dict[str, Any]]] = {}
    for quantity, mine in by.items():
        for b in blocks(once(mine)):
            named = {r["who"] for r in b.rows if not r["who"].endswith("(own voice)")}
            if b.spread is None or b.spread <= 1.0 or len(named) < 2:
                continue  # sources that disagree: two claimants at least, not only outlets' own voices
            low, high = b.pair
            if low["who"].endswith("(own voice)") and high["who"].endswith("(own voice)"):
                continue  # two outlets' own wording of a sum is not two sources disagreeing
            label = b.label + (f": {low['counted']}" if low.get("counted") else "")
            out.setdefault(quantity, []).append({
                "quantity": b.quantity, "label": label, "unit": b.unit, "figures": len(b.rows),
                "claimants": len({r["who"] for r in b.rows}), "lowest": low["text"], "low_by": low["who"],
                "highest": high["text"], "high_by": high["who"], "spread": b.spread, "window": b.window})
    return out


def contested(ledger: Ledger, top: int = 10) -> list[dict[str, Any]]:
    """The quantities sources disagree on, the widest spread first: read from the table kept on write
    (quantities changed since the last refresh are recomputed first)."""
    from ..ledger.tallies import refresh_contested

    c = t.contested
    with ledger.connect() as conn:
        if ledger.mode == "write" and conn.execute(select(t.contested_dirty.c.quantity).limit(1)).first():
            refresh_contested(conn)
            conn.commit()
        entries = conn.execute(select(c.c.entry).order_by(c.c.spread.desc(), c.c.quantity, c.c.ordinal)
                               .limit(top)).scalars().all()
    return [json.loads(e) for e in entries]


def chart(cmp: Comparison, path: str | IO[bytes], fmt: str | None = None) -> None:
    """Each claimant's figures over time; ranges drawn as bars. PNG or SVG by the file name or ``fmt``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5))
    by: dict[str, list[dict[str, Any]]] = {}
    for r in cmp.comparable:
        by.setdefault(r["who"], []).append(r)
    for name, rows in sorted(by.items()):  # one line per claimant, a point per article
        xs: list[Any] = []  # dates: matplotlib reads them
        ys: list[float] = []
        lo: list[float] = []
        hi: list[float] = []
        for r in sorted(rows, key=lambda r: (day_of(r["as_of"]) or date.min, r["id"])):
            day = day_of(r["as_of"])
            if day is None:
                continue
            value, low, high = r["in_unit"]
            mid = value if value is not None else (low + high) / 2
            xs.append(datetime(day.year, day.month, day.day))
            ys.append(mid)
            lo.append(mid - (low if low is not None else mid))
            hi.append((high if high is not None else mid) - mid)
        if xs:
            ax.errorbar(xs, ys, yerr=[lo, hi], fmt="o-" if len(xs) > 1 else "o", capsize=4, label=name)
    ax.set_title(f"{cmp.query}: figures by claimant (spread {cmp.spread:.1f}x)" if cmp.spread else cmp.query)
    ax.set_ylabel(cmp.unit or "value")
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    if ax.get_legend_handles_labels()[0]:  # an empty comparison draws an empty chart, without a legend
        ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, format=fmt)
    plt.close(fig)
