"""Load the batch tables into a ledger through the same ``Ledger.add`` that ingest uses.

Articles are added in the order ingest would have read them (input file, then item in the file), so
actors merge across articles exactly as they do on one machine; an article already stored is skipped,
so loading the same output twice adds nothing. Tables are read with pyarrow (no Spark needed) a
chunk of articles at a time, with the month partitions of that chunk only. Into PostgreSQL, several
processes can load chunks at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
    errors: list[str] = field(default_factory=list)  # articles that could not be stored; the rest are


def _dataset(root: Path, table: str) -> Any:
    import pyarrow.dataset as ds

    path = root / table
    if not path.is_dir():
        raise ClaimledgerError(str(path), "is not a claimledger batch table",
                               "give the --out folder of 'claimledger batch'")
    return ds.dataset(str(path), format="parquet", partitioning="hive")


def _chunks(root: Path, workers: int) -> list[list[dict[str, Any]]]:
    """The articles' index in ingest's order (input file, then item), cut into chunks of up to ``CHUNK``
    (and at least four a worker, so every worker has some)."""
    index = _dataset(root, "articles").to_table(columns=["article_id", "file_no", "item_no", "month"]).to_pylist()
    index.sort(key=lambda r: (r["file_no"], r["item_no"], r["article_id"]))
    size = max(1, min(CHUNK, -(-len(index) // (workers * 4)))) if workers > 1 else CHUNK
    return [index[i:i + size] for i in range(0, len(index), size)]


_TABLES: dict[Path, dict[str, Any]] = {}


def _tables(root: Path) -> dict[str, Any]:
    """The output's tables, each discovered once per process (listing its files is the costly part)."""
    found = _TABLES.get(root)
    if found is None:
        found = _TABLES[root] = {t: _dataset(root, t) for t in ("articles", *PER_ARTICLE)}
    return found


def _load_chunk(root: Path, chunk: list[dict[str, Any]], ledger: Ledger,
                on_article: Callable[[bool], None] | None = None) -> LoadReport:
    """One chunk's articles, read with the month partitions of that chunk only, each added in its own
    transaction; an article already stored is skipped."""
    import pyarrow.dataset as ds

    from .records import from_rows

    tables = _tables(root)
    ids = [r["article_id"] for r in chunk]
    where = ds.field("month").isin(sorted({r["month"] for r in chunk})) & ds.field("article_id").isin(ids)
    arts = {r["article_id"]: r for r in tables["articles"].to_table(filter=where).to_pylist()}
    recs: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for t in PER_ARTICLE:
        for r in tables[t].to_table(filter=where).to_pylist():
            recs.setdefault(r["article_id"], {}).setdefault(t, []).append(r)
    report = LoadReport()
    for aid in ids:
        row = arts[aid]
        art, ex = from_rows(row, recs.get(aid, {}))
        try:
            res = None if ledger.has(art.identity) is not None else ledger.add(art, ex, row["extractor_version"] or "")
        except ClaimledgerError as err:  # nothing of this article was written; the others go on
            report.errors.append(str(err))
            continue
        added = bool(res and res.added)
        report.added += int(added)
        report.already += int(not added)
        report.links += len(res.links) if res else 0
        if on_article:
            on_article(added)
    return report


_WORKER_LEDGER: dict[str, Ledger] = {}


def _chunk_in_worker(root: Path, chunk: list[dict[str, Any]], url: str) -> LoadReport:
    led = _WORKER_LEDGER.get(url)
    if led is None:
        led = _WORKER_LEDGER[url] = Ledger(url)
    return _load_chunk(root, chunk, led)


def load(out_dir: str, ledger: Ledger, on_article: Callable[[bool], None] | None = None,
         workers: int = 1) -> LoadReport:
    """Every article of a batch output into ``ledger``; ``workers`` > 1 loads chunks in that many
    processes at once (PostgreSQL only: each article is its own transaction, safe beside other writers
    as ``ingest`` is, while actors then merge in the order the writers meet them)."""
    if workers > 1 and ledger.dialect != "postgresql":
        raise ClaimledgerError(ledger.where, "loads with one writer: SQLite takes one at a time",
                               "drop --workers, or load into PostgreSQL")
    root = Path(out_dir)
    _TABLES.pop(root, None)  # a rerun of batch may have rewritten the files
    _tables(root)  # every table is there before anything is written
    if (root / "extractors").is_dir():  # what the batch's extractor version stands for
        for info in _dataset(root, "extractors").to_table().to_pylist():
            ledger.note_extractor(info)
    report = LoadReport()
    if workers <= 1:
        for chunk in _chunks(root, 1):
            _add(report, _load_chunk(root, chunk, ledger, on_article))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from multiprocessing import get_context

        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(_chunk_in_worker, root, chunk, ledger.url): len(chunk)
                       for chunk in _chunks(root, workers)}
            for fut in as_completed(futures):
                part = fut.result()
                _add(report, part)
                if on_article:
                    for _ in range(futures[fut]):
                        on_article(True)
    if report.added:
        ledger.refresh()  # the contested quantities, once for the whole load
    return report


def _add(total: LoadReport, part: LoadReport) -> None:
    total.added += part.added
    total.already += part.already
    total.links += part.links
    total.errors += part.errors
