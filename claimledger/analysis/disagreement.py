"""When sources disagree: figures for one quantity, split into blocks that can be set side by side, each
claimant's totals over time as a series, and the spread among claimants as of the same time.

A block is one group, one measure, one unit and one rate ('Russian killed, people per day'): killed is not
casualties, a rate never sits beside a total, euros never beside dollars (no rate is assumed). Physical
units of one dimension are converted (pint) to the block's unit. The spread is computed among different
claimants' figures that fall in one window of time, so a claimant's growing total is not a disagreement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..vocab.units import convert

WINDOW = timedelta(days=45)  # figures this close in time speak of the same moment


def who(row: dict[str, Any]) -> str:
    """One claimant a row: the actor; an unnamed source as the article describes it, in that article; the
    article's own voice as its outlet's (or, with no outlet known, that article's)."""
    where = row.get("outlet") or f"article #{row['article_id']}"
    if row.get("claimant"):
        return str(row["claimant"])
    if row.get("claimant_name"):
        return f"{row['claimant_name']} (in {where})"
    return f"{where} (own voice)"


def day_of(as_of: str | None) -> date | None:
    """'2024-03-05', '2024-03' (mid-month), '2024' (mid-year)."""
    if not as_of or not as_of[:4].isdigit():
        return None
    try:
        if len(as_of) >= 10:
            return date.fromisoformat(as_of[:10])
        if len(as_of) >= 7:
            return date(int(as_of[:4]), int(as_of[5:7]), 15)
        return date(int(as_of[:4]), 7, 1)
    except ValueError:
        return None


@dataclass
class Block:
    quantity: str
    unit: str | None
    key: str = ""  # the quantity, and for money or a rate the unit too: what each row's 'block' names
    rows: list[dict[str, Any]] = field(default_factory=list)
    spread: float | None = None  # highest over lowest among claimants within one window
    window: list[str] | None = None  # the first and last as-of date of that window
    series: dict[str, dict[str, Any]] = field(default_factory=dict)  # claimant -> first and last figure

    @property
    def label(self) -> str:
        group, measure, unit_class = (self.quantity.split("|") + ["", "", ""])[:3]
        return " ".join(x for x in (group.title(), measure, f"({self.unit or unit_class})") if x)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "quantity": self.quantity, "label": self.label, "unit": self.unit,
                "spread": self.spread, "window": self.window, "series": self.series,
                "figures": [r["id"] for r in self.rows], "claimants": sorted({r["who"] for r in self.rows})}


def blocks(rows: list[dict[str, Any]]) -> list[Block]:
    """Rows split into comparable blocks, the largest first; each row gets 'who', 'block' and its values in the
    block's unit ('in_unit')."""
    by: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        r["who"] = who(r)
        unit = r.get("unit") or ""
        money_or_rate = " per " in unit or unit.isupper() or unit == "crowns"
        by.setdefault((r.get("quantity") or "", unit if money_or_rate else ""), []).append(r)
    out = []
    for (quantity, unit_key), members in by.items():
        units = Counter(r.get("unit") for r in members if r.get("unit"))
        key = f"{quantity}|{unit_key}" if unit_key else quantity
        block = Block(quantity, units.most_common(1)[0][0] if units else None, key, members)
        for r in members:
            r["block"] = key
            r["in_unit"] = _in_unit(r, block.unit)
        block.spread, block.window = _spread(members)
        block.series = _series(members)
        out.append(block)
    out.sort(key=lambda b: (-len({r["who"] for r in b.rows}), -len(b.rows), b.quantity))
    return out


def _in_unit(r: dict[str, Any], unit: str | None) -> list[float | None] | None:
    """[value, low, high] in the block's unit: as given, or converted between physical units of one kind."""
    vals = [r.get("value"), r.get("low"), r.get("high")]
    if r.get("unit") == unit or not unit or not r.get("unit"):
        return vals if r.get("unit") == unit or not r.get("unit") else None
    factor = convert(1.0, r["unit"], unit)
    return [v * factor if v is not None else None for v in vals] if factor is not None else None


def _ends(r: dict[str, Any]) -> tuple[float, float] | None:
    vals = r.get("in_unit")
    if not vals:
        return None
    value, low, high = vals
    lo, hi = (low, high) if value is None else (value, value)
    return (lo, hi) if lo and hi and lo > 0 else None


def _spread(rows: list[dict[str, Any]]) -> tuple[float | None, list[str] | None]:
    """The widest disagreement among claimants within one window: each claimant's latest figure in it."""
    dated = sorted(((d, r) for r in rows if (d := day_of(r.get("as_of"))) is not None and _ends(r)
                    and not r.get("projection") and r.get("converts") is None), key=lambda x: (x[0], x[1]["id"]))
    best: tuple[float | None, list[str] | None] = (None, None)
    for i, (start, _) in enumerate(dated):
        latest: dict[str, dict[str, Any]] = {}
        for d, r in dated[i:]:
            if d - start > WINDOW:
                break
            latest[r["who"]] = r
        if len(latest) < 2:
            continue
        ends = [e for r in latest.values() if (e := _ends(r)) is not None]
        ratio = max(h for _, h in ends) / min(lo for lo, _ in ends)
        if best[0] is None or ratio > best[0]:
            days = sorted(str(r.get("as_of")) for r in latest.values())
            best = (ratio, [days[0], days[-1]])
    return best


def _series(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A claimant's own figures over time: first and last, and how much the total changed."""
    out: dict[str, dict[str, Any]] = {}
    by: dict[str, list[tuple[date, dict[str, Any]]]] = {}
    for r in rows:
        if (d := day_of(r.get("as_of"))) is not None and _ends(r) and r.get("converts") is None:
            by.setdefault(r["who"], []).append((d, r))
    for name, items in by.items():
        items.sort(key=lambda x: (x[0], x[1]["id"]))
        if len(items) < 2:
            continue
        first, last = items[0][1], items[-1][1]
        a, b = _ends(first), _ends(last)
        out[name] = {"first": first["text"], "first_as_of": first.get("as_of"), "last": last["text"],
                     "last_as_of": last.get("as_of"), "change": (b[1] / a[1]) if a and b else None}
    return out
