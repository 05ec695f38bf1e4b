"""One ``Filters`` type for every read: who, where, when, what kind, which words, which page.

Each subject names the columns its filters apply to (``Columns``); ``Filters.clauses`` turns the
values into WHERE clauses on them, the way datasette's ``filters.py`` turns query-string pairs into
SQL. Values are validated once, here: a bad date or kind is one clear error, never an empty answer.
Every value is a bound parameter; ``LIKE`` patterns are escaped, so '%' and '_' match themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from sqlalchemy import ColumnElement, false, func, select

from ...errors import ClaimledgerError
from ...kinds import ActorKind, StatementKind
from ...vocab.names import name_key
from .. import schema as t

KINDS: tuple[str, ...] = get_args(StatementKind)
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_PAGE = 100_000
MAX_PER_PAGE = 1000


class FilterError(ClaimledgerError):
    """A filter value that cannot mean anything: the CLI prints it as one line, the API answers 400."""

    exit_code = 2  # a usage error, as typer's own


def check_date(name: str, value: str | None) -> str | None:
    """'2024', '2024-05' or '2024-05-06', a real date; anything else is an error naming the fix."""
    if value is None or value == "":
        return None
    m = _DATE.match(value.strip())
    ok = m is not None
    if m is not None:
        y, mo, d = (int(x) if x else 1 for x in m.groups())
        try:
            date(y, mo, d)
        except ValueError:
            ok = False
    if not ok:
        raise FilterError(f"--{name}", f"{value!r} is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-05-06")
    return value.strip()


def escape_like(text: str) -> str:
    """``text`` inside a ``LIKE ... ESCAPE '\\'`` pattern, its own '%', '_' and '\\' taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(words: str) -> str:
    """'%words%', lower-cased and escaped, for ``LIKE ... ESCAPE '\\'``."""
    return f"%{escape_like(words.lower())}%"


@dataclass(frozen=True)
class Columns:
    """Where a subject keeps what the filters test; None: that filter does not apply to the subject."""

    actor_id: Any = None  # filtered by ``speaker`` (any alias)
    outlet: Any = None  # outlet name, filtered by part of it
    date: Any = None  # ISO text, filtered by ``since`` / ``until`` at any precision
    kind: Any = None
    text: Any = None  # filtered by ``contains``


@dataclass(frozen=True)
class Filters:
    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    contains: str | None = None
    page: int = 1
    per_page: int = 50
    lookahead: bool = False  # fetch one row more than a page, to know whether a next page exists

    def __post_init__(self) -> None:
        for name in ("speaker", "outlet", "contains", "kind"):  # an empty box in a form means no filter
            if getattr(self, name) is not None and not str(getattr(self, name)).strip():
                object.__setattr__(self, name, None)
        object.__setattr__(self, "since", check_date("since", self.since))
        object.__setattr__(self, "until", check_date("until", self.until))
        if self.kind is not None and self.kind not in KINDS:
            raise FilterError("--kind", f"unknown statement kind {self.kind!r}", "use one of " + ", ".join(KINDS))
        if not 1 <= self.page <= MAX_PAGE:
            raise FilterError("--page", f"page {self.page} is out of range", f"use a page from 1 to {MAX_PAGE}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise FilterError("--limit", f"{self.per_page} rows a page is out of range",
                              f"use 1 to {MAX_PER_PAGE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def limit(self) -> int:
        return self.per_page + int(self.lookahead)

    def active(self) -> bool:
        return any((self.speaker, self.outlet, self.since, self.until, self.kind, self.contains))

    def clauses(self, cols: Columns, conn: Any) -> list[ColumnElement[bool]]:
        """WHERE clauses for the filters that apply to ``cols``; a speaker no alias names matches nothing."""
        out: list[ColumnElement[bool]] = []
        if self.speaker and cols.actor_id is not None:
            out.append(one_of(cols.actor_id, actor_ids(conn, self.speaker)))
        if self.outlet and cols.outlet is not None:
            out.append(func.lower(cols.outlet).like(like_pattern(self.outlet), escape="\\"))
        if self.since and cols.date is not None:
            out.append(cols.date >= self.since)
        if self.until and cols.date is not None:
            out.append(cols.date <= self.until + "\uffff")  # '2024-05' takes in every day of May
        if self.kind and cols.kind is not None:
            out.append(cols.kind == self.kind)
        if self.contains and cols.text is not None:
            out.append(func.lower(cols.text).like(like_pattern(self.contains), escape="\\"))
        return out


def one_of(col: Any, ids: list[int]) -> ColumnElement[bool]:
    """``col`` is one of ``ids``; a single id as an equality, so an index on (col, order) gives the order."""
    if not ids:
        return false()
    return col == ids[0] if len(ids) == 1 else col.in_(ids)


def actor_ids(conn: Any, who: str) -> list[int]:
    """Actors a user means by a name: an exact alias first, else every alias containing the words."""
    key = name_key(who)
    if not key:
        return []
    exact = conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key == key)).scalars().all()
    if exact:
        return list(dict.fromkeys(exact))
    like = conn.execute(select(t.aliases.c.actor_id).where(t.aliases.c.key.like(like_pattern(key), escape="\\"))
                        ).scalars().all()
    return list(dict.fromkeys(like))


def actor_aliases(conn: Any, ids: list[int]) -> list[str]:
    """Every spelling stored for these actors: what an article's own participant lists may call them."""
    names = conn.execute(select(t.actors.c.name).where(t.actors.c.id.in_(ids))).scalars().all()
    aliases = conn.execute(select(t.aliases.c.alias).where(t.aliases.c.actor_id.in_(ids))).scalars().all()
    return list(dict.fromkeys([*names, *aliases]))
