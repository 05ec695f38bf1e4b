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

from ..vocab.money import is_currency
from ..vocab.units import convert

WINDOW = timedelta(days=45)  # figures this close in time speak of the same moment


def who(row: dict[str, Any]) -> str:
    """One claimant a row: the actor; an unnamed source as the article describes it, in that article; the
    article's own voice as its outlet's (or, with no outlet known, that article's)."""
    where = row.get("outlet") or f"article #{row['article_id']}"
    if row.get("claimant"):
        return str(row["claimant"])
    name = row.get("claimant_name")
    if name:  # 'U.K. officials' is one source wherever it speaks; 'authorities' only within its article
        return str(name) if any(w[:1].isupper() for w in str(name).split()) else f"{name} (in {where})"
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
    pair: list[dict[str, Any]] = field(default_factory=list)  # the two figures furthest apart in it
    series: dict[str, dict[str, Any]] = field(default_factory=dict)  # claimant -> first and last figure

    @property
    def label(self) -> str:
        group, measure, unit_class = (self.quantity.split("|") + ["", "", ""])[:3]
        return " ".join(x for x in (group.title(), measure, f"({self.unit or unit_class})") if x)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "quantity": self.quantity, "label": self.label, "unit": self.unit,
                "spread": self.spread, "window": self.window, "series": self.series,
                "pair": [{"id": r["id"], "who": r["who"], "text": r["text"], "counted": r.get("counted"),
                          "as_of": r.get("as_of")} for r in self.pair],
                "figures": [r["id"] for r in self.rows], "claimants": sorted({r["who"] for r in self.rows})}


def once(rows: list[dict[str, Any]], family: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Syndicated copies count once: a figure whose sentence another article already carried, or one a linked
    copy of its article (``family``: article -> the first of its copies) gives with the same claimant, is that
    row's copy ('copies' lists the other articles)."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    out = []
    for r in rows:
        fam = (family or {}).get(r["article_id"])
        words = f"#{fam}|{r.get('claimant_name')}|{r.get('measure')}" if fam is not None else \
            r.get("sentence") or f"{r.get('claimant_name')}|{r.get('counted')}|{r.get('as_of')}"
        key = (" ".join(str(words).split()).casefold(), str(r.get("text")))
        first = seen.get(key)
        if first is not None and first["article_id"] != r["article_id"]:
            first.setdefault("copies", []).append(r["article_id"])
            continue
        seen.setdefault(key, r)
        out.append(r)
    return out


def blocks(rows: list[dict[str, Any]]) -> list[Block]:
    """Rows split into comparable blocks, the largest first; each row gets 'who', 'block' and its values in the
    block's unit ('in_unit')."""
    by: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        r["who"] = who(r)
        unit = r.get("unit") or ""
        money_or_rate = " per " in unit or is_currency(unit)
        by.setdefault((r.get("quantity") or "", unit if money_or_rate else ""), []).append(r)
    out = []
    for (quantity, unit_key), members in by.items():
        units = Counter(r.get("unit") for r in members if r.get("unit"))
        key = f"{quantity}|{unit_key}" if unit_key else quantity
        block = Block(quantity, units.most_common(1)[0][0] if units else None, key, members)
        for r in members:
            r["block"] = key
            r["in_unit"] = _in_unit(r, block.unit)
        block.spread, block.window, block.pair = _spread(members)
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


def _spread(rows: list[dict[str, Any]]) -> tuple[float | None, list[str] | None, list[dict[str, Any]]]:
    """The widest disagreement among claimants within one window: each claimant's latest figure in it."""
    dated = sorted(((d, r) for r in rows if (d := day_of(r.get("as_of"))) is not None and _ends(r)
                    and not r.get("projection") and r.get("converts") is None), key=lambda x: (x[0], x[1]["id"]))
    best: tuple[float | None, list[str] | None, list[dict[str, Any]]] = (None, None, [])
    for i, (start, _) in enumerate(dated):
        latest: dict[str, dict[str, Any]] = {}
        for d, r in dated[i:]:
            if d - start > WINDOW:
                break
            latest[r["who"]] = r
        if len(latest) < 2:
            continue
        found = list(latest.values())
        for j, a in enumerate(found):
            for b in found[j + 1:]:
                ea, eb = _ends(a), _ends(b)
                if ea is None or eb is None or not same_thing(a, b):
                    continue
                ratio = max(ea[1], eb[1]) / min(ea[0], eb[0])
                if best[0] is None or ratio > best[0]:
                    best = (ratio, sorted([str(a.get("as_of")), str(b.get("as_of"))]), sorted(
                        [a, b], key=lambda r: _ends(r) or (0.0, 0.0)))
    return best


GENERIC = frozenset("""people person soldiers troops military money million billion worth total number more than
about with from into that this their over since under which were have been""".split())


def same_thing(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures of one block count the same thing: a named side's count of people, or, for sums, shares and
    counts of no named side, counted phrases that share most of their content words ('aid to Ukraine' is not
    'aid to Ukraine and Israel'; 'non-military support' is not 'support')."""
    if a.get("group") and a.get("kind", "count") in ("count", "rate", None) and \
            str(a.get("unit") or "").startswith("people"):
        return True
    wa, wb = _content(a.get("counted")), _content(b.get("counted"))
    return len(wa & wb) >= 2 and len(wa & wb) >= 0.5 * len(wa | wb)


def _content(counted: Any) -> set[str]:
    return {w.rstrip("s") for w in str(counted or "").lower().replace("-", " ").split()
            if len(w) > 2 and w not in GENERIC and w.isalpha()}


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
        if a == b:
            continue  # the same figure again is a repetition, not a series
        out[name] = {"first": first["text"], "first_as_of": first.get("as_of"), "last": last["text"],
                     "last_as_of": last.get("as_of"), "change": (b[1] / a[1]) if a and b else None}
    return out
