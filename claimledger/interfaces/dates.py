"""Dates as people read them, for every interface: '5 Feb 2025', 'Feb 2025', '2025'; the JSON keeps ISO."""

from __future__ import annotations

from typing import Any

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(iso: Any, empty: str = "") -> Any:
    """'2025-02-05' (or '2025-02-05T09:30:00') -> '5 Feb 2025', '2025-02' -> 'Feb 2025'; other values as they are."""
    if iso is None or iso == "":
        return empty
    if not isinstance(iso, str):
        return iso
    parts = iso[:10].split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or not 1 <= len(parts) <= 3:
        return iso
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        return iso
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_ABBR[int(parts[1]) - 1]} {parts[0]}"
    return f"{MONTH_ABBR[int(parts[1]) - 1]} {parts[0]}" if len(parts) == 2 else parts[0]


def human_moment(iso: Any, empty: str = "") -> Any:
    """A publication moment: the day, and the time of day when the source gives one ('5 Feb 2025, 09:30')."""
    day = human_date(iso, empty)
    if isinstance(iso, str) and len(iso) >= 16 and iso[10] in "T " and iso[11:16] != "00:00":
        return f"{day}, {iso[11:16]}"
    return day
