"""Ledger exports: JSON Lines, CSV and Parquet."""

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
    if fmt not in ("jsonl", "csv", "parquet"):
        raise ClaimledgerError("--format", f"unknown export format {fmt!r}", "use jsonl, csv or parquet")
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
