"""Load the batch tables into a ledger through the same ``Ledger.add`` that ingest uses.

Articles are added in the order ingest would have read them (input file, then item in the file), so
actors merge across articles exactly as they do on one machine; an article already stored is skipped,
so loading the same output twice adds nothing. Tables are read with pyarrow (no Spark needed) a
chunk of articles at a time, with the month partitions of that chunk only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ClaimledgerError
from ..ledger.store import Ledger
from .records import PER_ARTICLE

CHUNK = 500


@dataclass
class LoadReport:
    added: int = 0
    already: int = 0
    links: int = 0


def _dataset(root: Path, table: str) -> Any:
    import pyarrow.dataset as ds

    path = root / table
    if not path.is_dir():
        raise ClaimledgerError(str(path), "is not a claimledger batch table",
                               "give the --out folder of 'claimledger batch'")
    return ds.dataset(str(path), format="parquet", partitioning="hive")


def load(out_dir: str, ledger: Ledger, on_article: Callable[[bool], None] | None = None) -> LoadReport:
    import pyarrow.dataset as ds

    from .records import from_rows

    root = Path(out_dir)
    tables = {t: _dataset(root, t) for t in ("articles", *PER_ARTICLE)}
    if (root / "extractors").is_dir():  # what the batch's extractor version stands for
        for info in _dataset(root, "extractors").to_table().to_pylist():
            ledger.note_extractor(info)
    index = tables["articles"].to_table(columns=["article_id", "file_no", "item_no", "month"]).to_pylist()
    index.sort(key=lambda r: (r["file_no"], r["item_no"], r["article_id"]))
    report = LoadReport()
    for i in range(0, len(index), CHUNK):
        chunk = index[i:i + CHUNK]
        ids = [r["article_id"] for r in chunk]
        months = sorted({r["month"] for r in chunk})
        where = ds.field("month").isin(months) & ds.field("article_id").isin(ids)
        arts = {r["article_id"]: r for r in tables["articles"].to_table(filter=where).to_pylist()}
        recs: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for t in PER_ARTICLE:
            for r in tables[t].to_table(filter=where).to_pylist():
                recs.setdefault(r["article_id"], {}).setdefault(t, []).append(r)
        for aid in ids:
            row = arts[aid]
            art, ex = from_rows(row, recs.get(aid, {}))
            if ledger.has(art.identity) is not None:
                report.already += 1
                if on_article:
                    on_article(False)
                continue
            res = ledger.add(art, ex, row["extractor_version"] or "")
            report.added += int(res.added)
            report.already += int(not res.added)
            report.links += len(res.links)
            if on_article:
                on_article(res.added)
    return report
