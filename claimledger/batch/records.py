"""The batch tables: an article and its extraction as Parquet rows, and back, through ``ledger.rows``.

Pure and Spark-free: the Spark job writes these rows, ``load`` reads them back into the very
``Article`` and ``Extraction`` objects single-machine ingest stores, so both paths meet in
``Ledger.add``. Each table is the ledger table's record columns (``schema.py``) plus the batch keys
below. Ids are stable: an article's id is its identity hash, a record's id is the article id and the
record's position, so a rerun writes the same rows.
"""

from __future__ import annotations

import json
from typing import Any

from ..ledger import rows
from ..ledger import schema as t
from ..types import Article, Extraction
from ..vocab.names import name_key

# per table: the batch job's own keys, first, as (column, Spark SQL type)
KEYS: dict[str, list[tuple[str, str]]] = {
    "articles": [("article_id", "string"), ("file_no", "long"), ("item_no", "long"), ("outlet", "string"),
                 ("segments", "string")],
    "statements": [("statement_id", "string"), ("article_id", "string"), ("ordinal", "int")],
    "figures": [("figure_id", "string"), ("article_id", "string"), ("ordinal", "int"), ("statement_ordinal", "int")],
    "mentions": [("article_id", "string"), ("ordinal", "int"), ("actor", "string")],
    "positions": [("article_id", "string"), ("ordinal", "int"), ("statement_ordinal", "int")],
    "events": [("article_id", "string"), ("ordinal", "int")],
    "article_actors": [("article_id", "string"), ("ordinal", "int"),
                       ("merge_key", "string"),  # the alias key actors merge by across articles
                       ("name", "string"), ("kind", "string"), ("gender", "string"), ("aliases", "string"),
                       ("roles", "string")],
}
LEDGER_TABLE = {"articles": t.articles, "statements": t.statements, "figures": t.figures, "mentions": t.mentions,
                "positions": t.positions, "events": t.events}
PER_ARTICLE = ("statements", "figures", "mentions", "article_actors", "positions", "events")


def _schema(table: str) -> list[tuple[str, str]]:
    cols = list(KEYS[table])
    ledger = LEDGER_TABLE.get(table)
    if ledger is not None:
        cols += [(c, rows.spark_type(ledger, c)) for c in rows.record_columns(ledger)]
    return cols + [("month", "string")]


# table -> ordered (column, Spark SQL type): derived from the ledger schema, so the two cannot drift
SCHEMAS: dict[str, list[tuple[str, str]]] = {name: _schema(name) for name in KEYS}


def merge_key(name: str, kind: str) -> str:
    return f"{name_key(name)}|{'person' if kind == 'person' else 'other'}"


def month_of(published: str | None) -> str:
    return published[:7] if published and len(published) >= 7 and published[4] == "-" else "unknown"


def to_rows(art: Article, ex: Extraction, file_no: int, item_no: int, version: str) -> dict[str, list[dict[str, Any]]]:
    aid = art.identity
    month = month_of(art.published)

    def table(name: str, records: list[Any], row: Any, keys: Any) -> list[dict[str, Any]]:
        ledger = LEDGER_TABLE.get(name)
        return [{**keys(i, r), **(rows.clip(ledger, row(r)) if ledger is not None else row(r)), "month": month}
                for i, r in enumerate(records)]

    return {
        "articles": [{"article_id": aid, "file_no": file_no, "item_no": item_no, "outlet": art.outlet,
                      "segments": json.dumps(rows.segment_rows(art)),
                      **rows.clip(t.articles, rows.article_row(art, version)), "month": month}],
        "statements": table("statements", ex.statements, rows.statement_row,
                            lambda i, s: {"statement_id": f"{aid}:s{i}", "article_id": aid, "ordinal": i}),
        "figures": table("figures", ex.figures, rows.figure_row,
                         lambda i, f: {"figure_id": f"{aid}:f{i}", "article_id": aid, "ordinal": i,
                                       "statement_ordinal": f.statement}),
        "mentions": table("mentions", ex.mentions, rows.mention_row,
                          lambda i, m: {"article_id": aid, "ordinal": i, "actor": m.actor}),
        "positions": table("positions", ex.positions, rows.position_row,
                           lambda i, p: {"article_id": aid, "ordinal": i, "statement_ordinal": p.statement}),
        "events": table("events", ex.events, rows.event_row, lambda i, e: {"article_id": aid, "ordinal": i}),
        "article_actors": table("article_actors", ex.actors, rows.actor_row,
                                lambda i, a: {"article_id": aid, "ordinal": i, "merge_key": merge_key(a.name, a.kind)}),
    }


def from_rows(article: dict[str, Any], records: dict[str, list[dict[str, Any]]]) -> tuple[Article, Extraction]:
    """The inverse of ``to_rows``; ``records`` holds the article's rows of each per-article table."""
    text = article["text"]
    art = rows.article_from_row(article, json.loads(article["segments"] or "[]"))
    by = {k: sorted(records.get(k, []), key=lambda r: r["ordinal"]) for k in PER_ARTICLE}
    return art, Extraction(
        mentions=[rows.mention_from_row(text, r, r["actor"]) for r in by["mentions"]],
        actors=[rows.actor_from_row(r) for r in by["article_actors"]],
        statements=[rows.statement_from_row(text, r) for r in by["statements"]],
        figures=[rows.figure_from_row(text, r, r["statement_ordinal"]) for r in by["figures"]],
        positions=[rows.position_from_row(text, r, r["statement_ordinal"]) for r in by["positions"]],
        events=[rows.event_from_row(text, r) for r in by["events"]])
