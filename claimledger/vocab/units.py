"""Physical units through pint: which words are measure units, their normal symbol, what they measure, and
conversion between units of one dimension (miles and km line up; tonnes never beside km)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

# what a unit measures: the dimension it shares with a reference unit
DIMENSIONS = {"length": "m", "area": "m**2", "volume": "m**3", "mass": "kg", "speed": "m/s", "power": "W",
              "energy": "J", "temperature": "K"}
# words pint reads as units that news uses otherwise: 'in', 'a', 'at', 'point', 'bar', 'stone', 'gross', 'pound'
# (money), and time, which makes a duration, never a figure
NOT_UNITS = frozenset("""a an in at as ft pt point points bar bars stone stones gross pound pounds mil mils pi g h s
min tick ticks second seconds minute minutes hour hours day days week weeks month months year years century
turn turns cup cups drop drops percent lb""".split())
SQUARE = ("square", "sq", "sq.")
CUBIC = ("cubic", "cu")
SCORES = ("points", "pts")  # index points, basis points: a score, no physical unit


class Unit(NamedTuple):
    symbol: str  # 'km', 'mi', 'km²', 't'
    dimension: str  # length | area | mass | ...


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # loaded once, on the first measure word: 0.1 s

    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def physical_unit(word: str, square: bool = False, cubic: bool = False) -> Unit | None:
    """'kilometres' -> ('km', 'length'); with ``square`` ('square kilometres') -> ('km²', 'area'), ``cubic``
    ('cubic metres') -> ('m³', 'volume')."""
    w = word.strip("-‑").rstrip(".")
    if w.lower() in ("degree", "degrees"):
        return Unit("°", "degrees")
    if not w.isalpha() and w not in ("km²", "m²", "km2", "m2") or w.lower() in NOT_UNITS or len(w) < 2:
        return None
    reg = _registry()
    try:
        unit = reg.parse_units(w.replace("²", "**2").replace("2", "**2") if w[-1] in "²2" else w)
    except Exception:  # pint raises its own errors for words it does not know
        try:
            unit = reg.parse_units(w.lower())
        except Exception:
            return None
    if square or cubic:
        unit = unit ** (2 if square else 3)
    dim = next((d for d, ref in DIMENSIONS.items() if unit.dimensionality == reg.parse_units(ref).dimensionality),
               None)
    if dim is None:
        return None
    return Unit(_symbol(unit), dim)


def _symbol(unit: Any) -> str:
    sym = f"{unit:~}".replace(" ** 2", "²").replace("**2", "²").replace(" ** 3", "³").replace(" / ", "/")
    return {"mi/h": "mph", "hp": "hp"}.get(sym, sym)


@lru_cache(maxsize=1024)
def dimension_of(symbol: str) -> str | None:
    """What a stored unit symbol measures: 'km' -> 'length', 'in' -> 'length', 't' -> 'mass'."""
    if symbol == "°":
        return "degrees"
    reg = _registry()
    try:
        unit = reg.parse_units(_parseable(symbol))
    except Exception:  # not a pint unit: 'people', 'tank'
        return None
    return next((d for d, ref in DIMENSIONS.items() if unit.dimensionality == reg.parse_units(ref).dimensionality),
                None)


def convert(value: float, src: str, dst: str) -> float | None:
    """``value`` in ``src`` as ``dst`` ('621 mi' -> km); None when the two do not measure the same thing."""
    reg = _registry()
    try:
        return float(reg.Quantity(value, _parseable(src)).to(_parseable(dst)).magnitude)
    except Exception:
        return None


def _parseable(sym: str) -> str:
    return {"mph": "mile/hour", "°": "degree"}.get(sym, sym.replace("²", "**2").replace("³", "**3"))
