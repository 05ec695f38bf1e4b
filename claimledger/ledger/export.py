"""Ledger exports: JSON Lines, CSV and Parquet of the tables, and schema.org ClaimReview JSON-LD of the claims."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any

from ..errors import ClaimledgerError
from .read import EXPORT_TABLES, article_records, table_rows
from .store import Ledger


def export(ledger: Ledger, fmt: str, table: str | None, out: Path | None) -> int:
    if fmt not in ("jsonl", "csv", "parquet", "claimreview"):
        raise ClaimledgerError("--format", f"unknown export format {fmt!r}", "use jsonl, csv, parquet or claimreview")
    if fmt == "claimreview":
        return _claimreview(ledger, out)
    if table is not None and table not in EXPORT_TABLES:
        raise ClaimledgerError("--table", f"unknown table {table!r}", "use one of " + ", ".join(EXPORT_TABLES))
    if fmt != "jsonl" and table is None:
        table = "statements"
    rows = article_records(ledger) if table is None else table_rows(ledger, table)
    if fmt == "parquet":
        if out is None:
            raise ClaimledgerError("--out", "Parquet needs a file", "pass --out FILE.parquet")
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = list(rows)
        pq.write_table(pa.Table.from_pylist(data), out)
        return len(data)
    fh: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    n = 0
    try:
        if fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
                n += 1
        else:
            writer: Any = None
            for r in rows:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(r))
                    writer.writeheader()
                writer.writerow(r)
                n += 1
    finally:
        if out:
            fh.close()
    return n


def _claimreview(ledger: Ledger, out: Path | None) -> int:
    """A JSON array of ClaimReview objects, written as it is read."""
    from .claimreview import claim_reviews

    fh: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout
    n = 0
    try:
        fh.write("[")
        for review in claim_reviews(ledger):
            fh.write((",\n" if n else "\n") + json.dumps(review, ensure_ascii=False))
            n += 1
        fh.write("\n]\n")
    finally:
        if out:
            fh.close()
    return n
