"""INSERT ... ON CONFLICT in the connection's dialect: the one statement every writer of the ledger shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from . import schema as t


def upsert(conn: Connection, table: t.Table) -> Any:
    """An INSERT with ``ON CONFLICT`` clauses, in the connection's dialect."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)


def insert_ignore(conn: Connection, table: t.Table, values: dict[str, Any] | list[dict[str, Any]] | None = None) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, in the connection's dialect; without ``values``, the statement to
    execute with a list of rows (one executemany, compiled once)."""
    ins = upsert(conn, table)
    return (ins if values is None else ins.values(values)).on_conflict_do_nothing()
