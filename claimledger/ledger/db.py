"""Opening a ledger: SQLite file by default (WAL), PostgreSQL by URL.

Write mode creates and migrates; read mode opens only an existing ledger at the newest schema and
never changes it (SQLite connections are ``query_only``), so a typo in ``--db`` is an error, not a new
empty ledger. Alembic is imported only to migrate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from ..errors import LedgerError

Mode = Literal["read", "write"]
DEFAULT_DB = "claimledger.db"
HEAD = "0010"  # the newest migration; tests check it against alembic's own head
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = str(Path(__file__).parent / "migrations")


def resolve_url(db: str | None) -> str:
    """A path or URL as SQLAlchemy takes it; ``None`` is ``claimledger.db`` here."""
    db = db or DEFAULT_DB
    if "://" in db:
        if db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db[len("postgresql://"):]
        if db.startswith("postgres://"):
            db = "postgresql+psycopg://" + db[len("postgres://"):]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    return url.split("@")[-1] if "@" in url else url


def _check_sqlite_file(path: str) -> None:
    p = Path(path)
    if p.is_dir():
        raise LedgerError(path, "is a folder, not a database file", "give a file path with --db")
    if p.exists() and p.stat().st_size > 0:
        with open(p, "rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                raise LedgerError(path, "is not a SQLite database (the file was left untouched)",
                                  "give a new file name with --db, or the path of a claimledger ledger")
    elif not p.parent.exists():
        raise LedgerError(path, "its folder does not exist", f"create {p.parent} first")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str, mode: Mode = "write") -> Engine:
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        _check_sqlite_file(path)
        if mode == "read" and not Path(path).is_file():
            raise LedgerError(path, "no such ledger", "check --db (or $CLAIMLEDGER_DB), or create one with "
                                                      "'claimledger ingest' or 'claimledger demo'")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_read_pragmas if mode == "read" else _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise LedgerError(describe(url), f"cannot use this database URL ({exc})",
                          "use a path for SQLite or postgresql://user@host/db") from None


def check_current(engine: Engine, where: str) -> None:
    """Read mode: the ledger must exist and be at the newest schema, or reading would fail halfway."""
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:  # the server or file itself: not the same as "no ledger here"
        msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise LedgerError(where, f"cannot open the ledger ({msg})",
                          "check the path or URL and that the server is running") from None
    with conn:
        try:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):  # no such table: a database, but no ledger
            found = None
    if found is None:
        raise LedgerError(where, "is not a claimledger ledger (no schema version)",
                          "check --db (or $CLAIMLEDGER_DB), or create one with 'claimledger ingest'")
    if found != HEAD:
        raise LedgerError(where, f"has schema {found}, this claimledger reads {HEAD}",
                          "run 'claimledger migrate' with the same --db to upgrade it")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; PostgreSQL takes an advisory lock so parallel ingests agree."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(7216011)"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        msg = str(exc.orig if hasattr(exc, "orig") else exc).strip().splitlines()[0]
        raise LedgerError(describe(str(engine.url)), f"cannot open the ledger ({msg})",
                          "check the path or URL, that the server is running and you may write to it") from None
