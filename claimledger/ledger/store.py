"""The ledger: one database, opened to read or to write; every write of an article goes through ``add``.

The rows of one article are written by ``write`` (with the mapping ``rows`` the Spark job shares),
reads live by subject in ``read/``.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import LedgerError
from . import schema as t
from .db import Mode, check_current, describe, make_engine, migrate, resolve_url

if TYPE_CHECKING:  # the write path's modules load on the first write: a read command never pays for them
    from ..types import Article, Extraction
    from .actors import AliasFile, AliasReport
    from .write import AddResult

RETRIES = 8
RETRY_CODES = {"40P01", "40001"}  # deadlock detected, serialization failure


class Ledger:
    """One database, SQLite or PostgreSQL: in write mode created and migrated, in read mode only opened."""

    def __init__(self, db: str | None = None, mode: Mode = "write") -> None:
        self.url = resolve_url(db)
        self.where = describe(self.url)
        self.mode = mode
        self.engine: Engine = make_engine(self.url, mode)
        if mode == "write":
            migrate(self.engine)
        else:
            try:
                check_current(self.engine, self.where)
            except LedgerError:
                self.engine.dispose()
                raise
        self.dialect = self.engine.dialect.name

    @classmethod
    def open(cls, db: str | None = None, mode: Mode = "read") -> Ledger:
        """The ledger at ``db`` (a path or URL) for reading, or for writing (``mode="write"``)."""
        return cls(db, mode)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def has(self, identity: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(t.articles.c.id).where(t.articles.c.identity == identity)).scalar()

    def add(self, article: Article, extraction: Extraction, extractor_version: str = "") -> AddResult:
        """Store one article and all its records in one transaction: all or nothing.

        Two writers on one PostgreSQL ledger can deadlock on the actors they both touch; the database
        aborts one transaction whole, and it is simply run again.
        """
        from .write import add_article

        self._writable()
        for attempt in range(RETRIES + 1):
            try:
                with self.engine.begin() as conn:
                    return add_article(conn, article, extraction, extractor_version)
            except DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
                if code in RETRY_CODES and attempt < RETRIES:
                    time.sleep(0.05 * (attempt + 1) + random.random() * 0.05)
                    continue
                self._fail(article, exc)
            except SQLAlchemyError as exc:
                self._fail(article, exc)
        raise AssertionError("unreachable")

    def _fail(self, article: Article, exc: SQLAlchemyError) -> NoReturn:
        msg = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise LedgerError(self.where, f"could not store {article.source or article.url} ({msg})",
                          "nothing of this article was written; check the database and retry") from None

    def note_extractor(self, info: dict[str, str | None]) -> None:
        """Record what an extractor version stands for (rules, model, taxonomy), once per version."""
        from .write import note_extractor

        self._writable()
        with self.engine.begin() as conn:
            note_extractor(conn, info)

    def _writable(self) -> None:
        if self.mode != "write":
            raise LedgerError(self.where, "is open for reading only", "open it with mode='write'")

    def apply_aliases(self, spec: AliasFile) -> AliasReport:
        from .actors import apply_aliases

        self._writable()
        with self.engine.begin() as conn:
            return apply_aliases(conn, spec)

    def unmerge(self, merge_id: int) -> str:
        """Undo one logged actor merge (``claimledger merges --undo ID``)."""
        from .actors import unmerge

        self._writable()
        with self.engine.begin() as conn:
            return unmerge(conn, merge_id)

    # -- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts: the large tables' from the tallies kept on write, the small ones counted."""
        with self.engine.connect() as conn:
            kept = dict(conn.execute(select(t.tallies.c.key, t.tallies.c.n).where(t.tallies.c.scope == "rows")).all())
            small = {name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
                     for name, tab in (("outlets", t.outlets), ("actors", t.actors))}
        return {"articles": kept.get("articles", 0), **small,
                **{k: int(kept.get(k, 0)) for k in ("statements", "figures", "mentions", "links")}}

    def refresh(self) -> int:
        """Bring the aggregates computed after writes up to date (the contested quantities); how many."""
        from .tallies import refresh_contested

        with self.engine.begin() as conn:
            return refresh_contested(conn)

    def connect(self) -> Connection:
        return self.engine.connect()

