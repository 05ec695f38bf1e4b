"""Figures across sources: list them, and line up the same quantity as each claimant gives it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import func, or_, select

from ..ledger import schema as t
from ..ledger.read import Filters
from ..ledger.read.figures import FIGURES, figure_query
from ..ledger.read.filters import escape_like
from ..ledger.store import Ledger
from ..vocab.quantities import parse_query

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

    @property
    def comparable(self) -> list[dict[str, Any]]:
        """The rows in the comparison's one unit: euros are not set beside dollars or a percentage."""
        return [r for r in self.rows if r.get("comparable", True)]

    @property
    def spread(self) -> float | None:
        """Highest figure over lowest, ranges counted by their ends, in one unit."""
        highs = [r["high"] if r["high"] is not None else r["value"] for r in self.comparable]
        lows = [r["low"] if r["low"] is not None else r["value"] for r in self.comparable]
        highs = [h for h in highs if h]
        lows = [v for v in lows if v]
        return max(highs) / min(lows) if highs and lows else None

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "group": self.group, "measure": self.measure, "unit": self.unit,
                "spread": self.spread, "rows": self.rows}


def _patterns(query: str) -> tuple[Comparison, list[str]]:
    """A reader's words, or an exact quantity key ('russian|killed|people'), as LIKE patterns."""
    if query.count("|") == 2:  # an exact key: matched as it is, its '%' and '_' no wildcards
        group, measure, unit = (x or None for x in query.split("|"))
        return Comparison(query, group, measure, unit), [escape_like(query)]
    group, measure, unit = parse_query(query)
    cmp = Comparison(query, group, measure, unit)
    if measure is None:
        return cmp, []
    # 'losses' take in every loss figure (killed, wounded, missing); 'killed' only the killed
    measures = LOSS_MEASURES if measure == "casualties" else (measure,)
    if unit is None and measure in LOSS_MEASURES + ("displaced", "captured"):
        unit = "people"  # 'Russian losses' means soldiers unless the query names tanks
        cmp.unit = unit
    unit_part = escape_like(unit) if unit else "%"
    group_part = escape_like(group) if group else "%"
    return cmp, [f"{group_part}|{escape_like(m)}|{unit_part}" for m in measures]


def compare(ledger: Ledger, query: str, filters: Filters | None = None, include_unattributed: bool = True,
            limit: int = 500) -> Comparison:
    """The same quantity as each claimant gives it, oldest first, with the sentence as evidence.

    ``query`` is a reader's words ("Russian losses") or a stored quantity key ("russian|killed|people");
    ``filters`` narrow it by claimant, outlet and as-of date.
    """
    cmp, patterns = _patterns(query)
    if not patterns:
        return cmp
    f = t.figures
    q = figure_query().add_columns(t.articles.c.text.label("_text"), t.articles.c.country).where(
        or_(*[f.c.quantity.like(p, escape="\\") for p in patterns]))
    if not include_unattributed:
        q = q.where(f.c.claimant_name.is_not(None))
    with ledger.connect() as conn:
        q = q.where(*(filters or Filters()).clauses(FIGURES, conn)).order_by(f.c.as_of, f.c.id).limit(limit)
        for r in conn.execute(q):
            row = dict(r._mapping)
            text = row.pop("_text")
            row["sentence"] = sentence_around(text, row["start"], row["end"])
            cmp.rows.append(row)
    _one_unit(cmp)
    return cmp


def _one_unit(cmp: Comparison) -> None:
    """The unit most rows give (within the query's unit class): the others are listed, flagged, and left out
    of the spread and the chart ('pledged': 40 percent is not a sum of euros; pounds are not dollars)."""
    units = Counter(r["unit"] for r in cmp.rows if r["unit"])
    if not units:
        return
    main = units.most_common(1)[0][0]
    cmp.unit = main
    for r in cmp.rows:
        r["comparable"] = r["unit"] == main or r["unit"] is None and len(units) == 1


def contested(ledger: Ledger, top: int = 10) -> list[dict[str, Any]]:
    """Quantities given by two or more claimants, the widest spread (highest over lowest) first."""
    f = t.figures
    claimant = func.coalesce(f.c.claimant_name, "")
    hi = func.max(func.coalesce(f.c.high, f.c.value))
    lo = func.min(func.coalesce(f.c.low, f.c.value))
    q = (select(f.c.quantity, f.c.unit, func.count().label("figures"),
                func.count(claimant.distinct()).label("claimants"), lo.label("lowest"), hi.label("highest"))
         .where(f.c.quantity.is_not(None), func.coalesce(f.c.low, f.c.value) > 0)
         .group_by(f.c.quantity, f.c.unit).having(func.count(claimant.distinct()) >= 2))  # one unit a row
    with ledger.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    for r in rows:
        r["spread"] = r["highest"] / r["lowest"] if r["lowest"] else None
        group, measure, unit = r["quantity"].split("|")
        unit = r["unit"] or unit
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
    for r in cmp.comparable:
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
    if ax.get_legend_handles_labels()[0]:  # an empty comparison draws an empty chart, without a legend
        ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, format=fmt)
    plt.close(fig)
