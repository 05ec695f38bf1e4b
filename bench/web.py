"""Page latency of the web UI at the real corpus (447 articles) and at a synthetic large ledger (100k
articles by default; ``--target 1000000`` for a million), on SQLite and, with ``--pg-url``, PostgreSQL.

The large ledger is the real ledger's rows copied until it holds ``--target`` articles (each copy with
new ids and identities, full-text rows included), so pages see the row counts and index sizes of a
large ledger with real text; the aggregates kept on write are then computed once for the copies, as
migration 0009 does. Each page is requested in process through the ASGI app, ``--repeat`` times after
one warm-up; the script prints median and worst milliseconds per page and size, then the slowest three
pages of each large ledger with the plan of each one's slowest statement.

    python bench/web.py [--corpus-db corpus.db] [--big-db big.db] [--target 100000] [--pg-url URL]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
COPIED = {  # table -> columns whose ids shift with each copy (besides "id"), and the table each points into
    "articles": {}, "statements": {"article_id": "articles", "claim_id": "claims"},
    "figures": {"article_id": "articles", "statement_id": "statements", "claim_id": "claims"},
    "mentions": {"article_id": "articles"}, "segments": {"article_id": "articles"},
    # a copy's claims are its own: each copy of the corpus carries its quotes among its own articles
    "claims": {"first_article_id": "articles", "canonical_id": "members", "first_id": "members"},
}


def build_corpus_db(db: Path | str) -> None:
    exe = Path(sys.executable).with_name("claimledger")
    subprocess.run([str(exe), "ingest", str(CORPUS), "--db", str(db), "--workers", "2", "--quiet"])


def _copy_sql(table: str, cols: list[str], k: int, span: dict[str, int]) -> str:
    """One copy of a table's original rows, every id shifted past the rows before it."""
    shifted = COPIED[table]
    exprs = []
    for c in cols:
        if c == "id":
            exprs.append(f"id + {k * span[table]}")
        elif c == "identity":  # the same width as an identity hash (PostgreSQL holds it to its varchar)
            exprs.append(f"substr(identity, 1, 54) || '-c{k:07d}'")
        elif shifted.get(c) == "members":  # a statement's or a figure's id, as the claim's kind says
            exprs.append(f"CASE WHEN kind = 'statement' THEN {c} + {k * span['statements']} "
                         f"ELSE {c} + {k * span['figures']} END")
        elif c in shifted:
            exprs.append(f"{c} + {k * span[shifted[c]]}")
        elif c == "first_copy":  # a copy's statements repeat the original's utterances
            exprs.append("false")
        else:
            exprs.append(f'"{c}"')
    quoted = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({quoted}) SELECT {', '.join(exprs)} FROM {table} WHERE id <= {span[table]}"


def _retally(url: str) -> float:
    """The aggregates kept on write, computed once for the copied rows (as migration 0009 does)."""
    from claimledger.ledger import tallies
    from claimledger.ledger.store import Ledger

    t0 = time.perf_counter()
    with Ledger(url) as led, led.engine.begin() as conn:
        tallies.rebuild(conn)
        tallies.refresh_contested(conn)
    return time.perf_counter() - t0


def grow(src: Path, dst: Path, target: int) -> None:
    """Copy every article and its records until the ledger holds ``target`` articles."""
    shutil.copy(src, dst)
    con = sqlite3.connect(dst)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    base = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    span = {t: con.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0 for t in COPIED}
    cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in COPIED}
    copies = -(-target // base) - 1
    started = time.perf_counter()
    for k in range(1, copies + 1):
        for table in COPIED:
            con.execute(_copy_sql(table, cols[table], k, span))
        con.commit()
    con.execute(f"INSERT INTO articles_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles "
                f"WHERE id > {span['articles']}")
    con.execute(f"INSERT INTO statements_fts(rowid, content) SELECT id, content FROM statements "
                f"WHERE id > {span['statements']}")
    con.commit()
    con.execute("ANALYZE")
    con.close()
    tally = _retally(str(dst))
    print(f"  grew to {(copies + 1) * base:,} articles in {time.perf_counter() - started:.0f} s "
          f"(tallies {tally:.0f} s)", flush=True)


def grow_pg(url: str, target: int) -> None:
    """The same copies inside PostgreSQL (the tsvector columns are generated, so they are left out)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    started = time.perf_counter()
    with engine.begin() as conn:
        base = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        span = {t: conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar_one() for t in COPIED}
        cols = {t: list(conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t AND is_generated = 'NEVER' "
            "ORDER BY ordinal_position"), {"t": t}).scalars()) for t in COPIED}
    copies = -(-target // base) - 1
    with engine.begin() as conn:  # indexes are built once after the copies, not kept up row by row
        indexes = conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY(:t) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"), {"t": list(COPIED)}).all()
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    for k in range(1, copies + 1):
        with engine.begin() as conn:
            for table in COPIED:
                conn.exec_driver_sql(_copy_sql(table, cols[table], k, span))
        if k % 200 == 0:
            print(f"  … {(k + 1) * base:,} articles after {time.perf_counter() - started:.0f} s", flush=True)
    with engine.begin() as conn:
        for _, definition in indexes:
            conn.exec_driver_sql(definition)
        for table in COPIED:  # later writes take ids after the copies
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"(SELECT max(id) FROM {table}))")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    tally = _retally(url)
    print(f"  grew to {(copies + 1) * base:,} articles in {time.perf_counter() - started:.0f} s "
          f"(tallies {tally:.0f} s)", flush=True)


PAGES = ["/", "/index.json", "/articles", "/articles?page=500", "/articles/{article}", "/articles/{article}.json",
         "/actors", "/actors/{actor}", "/actors/{actor}?page=20", "/statements", "/statements?speaker=Zelensky",
         "/figures", "/figures/compare?q={quantity}", "/figures/compare?q=Russian+losses", "/search?q=ceasefire",
         "/search?q=Russia", "/search?q=ceasefire&speaker=Zelensky&since=2023-01-01", "/outlets", "/positions",
         "/claims", "/claims?changed=true&order=variants", "/claims?speaker={actor}", "/claims/{claim}",
         "/claims/{claim}.json"]


class Queries:
    """The SQL each request runs and how long each statement took: the slowest pages' plans are shown."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.log: list[tuple[float, str, Any]] = []
        event.listen(engine, "before_cursor_execute", self.before)
        event.listen(engine, "after_cursor_execute", self.after)

    def before(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        conn.info["t0"] = time.perf_counter()

    def after(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if "t0" in conn.info:  # a statement begun before the listener came (the start-up thread's)
            self.log.append(((time.perf_counter() - conn.info.pop("t0")) * 1000, statement, params))


def measure(db: str, repeat: int) -> tuple[list[tuple[str, float, float]], dict[str, tuple[float, str, Any]]]:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from claimledger.interfaces.web import create_app, pages

    app = create_app(db, token="")
    out = []
    for name, fn in pages.AGGREGATES.items():  # read from the tables kept on write
        t0 = time.perf_counter()
        pages.cached(app.state.ledger, name, lambda fn=fn: fn(app.state.ledger))
        ms = (time.perf_counter() - t0) * 1000
        out.append((f"(aggregate: {name})", ms, ms))
    queries = Queries(app.state.ledger.engine)
    client = TestClient(app)
    home = client.get("/index.json").json()
    names = {"actor": home["top_speakers"][0]["slug"], "article": home["latest"][0]["id"],
             "claim": client.get("/claims.json").json()["claims"][0]["id"],  # the most carried
             "quantity": home["contested"][0]["quantity"] if home["contested"] else "russian|casualties|people"}
    slowest: dict[str, tuple[float, str, Any]] = {}
    for page in PAGES:
        p = page.format(**names)
        client.get(p)
        times = []
        for _ in range(repeat):
            queries.log.clear()
            t = time.perf_counter()
            r = client.get(p)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (p, r.status_code)
            worst = max(queries.log, key=lambda q: q[0], default=None)
            if worst and worst[0] > slowest.get(page, (0.0,))[0]:
                slowest[page] = worst
        out.append((page, statistics.median(times), max(times)))
    return out, slowest


def explain(db: str, query: tuple[float, str, Any]) -> list[str]:
    """The plan of one statement as the database runs it (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE)."""
    from claimledger.ledger.store import Ledger

    _, sql, params = query
    with Ledger.open(db) as led, led.engine.connect() as conn:
        cur = conn.connection.cursor()
        if led.dialect == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [f"{'  ' * (r[1] > 0)}{r[3]}" for r in cur.fetchall()]
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [r[0] for r in cur.fetchall()]


def report(results: dict[str, list[tuple[str, float, float]]], repeat: int) -> None:
    labels = list(results)
    print(f"\n{'page':58} " + "  ".join(f"{lab[:34]:>34}" for lab in labels))
    print(f"{'':58} " + "  ".join(f"{'median ms':>16} {'worst ms':>17}" for _ in labels))
    for i, (path, _, _) in enumerate(results[labels[0]]):
        cells = "  ".join(f"{results[lab][i][1]:16.1f} {results[lab][i][2]:17.1f}" for lab in labels)
        print(f"{path[:58]:58} {cells}")
    for lab in labels[1:]:
        worst = max(r[2] for r in results[lab] if r[0].startswith("/"))
        print(f"slowest page at {lab}: {worst:.0f} ms (worst of {repeat}, after one warm-up)")


def _size(db: str) -> str:
    from claimledger.ledger.store import Ledger

    with Ledger.open(db) as led:
        c = led.counts()
    return f"{c['articles']:,} articles / {c['statements']:,} statements"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus-db", type=Path, help="ledger of the 447-article corpus (built when missing)")
    ap.add_argument("--big-db", type=Path, help="where to keep the grown SQLite ledger (built when missing)")
    ap.add_argument("--pg-url", help="a PostgreSQL database to grow the same ledger in (empty: built), or 'skip'")
    ap.add_argument("--target", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--measure", nargs="+", metavar="DB", help="only measure these ledgers as they are (the first "
                    "is the small one the others are compared with)")
    args = ap.parse_args()
    if args.measure:
        return _measure_all(args.measure, args.repeat)
    tmp = Path(tempfile.mkdtemp(prefix="claimledger-web-bench-"))
    small = args.corpus_db or tmp / "corpus.db"
    if not small.exists():
        print(f"ingesting {CORPUS} into {small} …", flush=True)
        build_corpus_db(small)
    big = args.big_db or tmp / "big.db"
    if not big.exists():
        print(f"growing {small} to {args.target:,} articles into {big} …", flush=True)
        grow(small, big, args.target)
    dbs = [str(small), str(big)]
    if args.pg_url and args.pg_url != "skip":
        from claimledger.ledger.store import Ledger

        with Ledger(args.pg_url) as led:
            empty = led.counts()["articles"] == 0
        if empty:
            print(f"ingesting {CORPUS} into PostgreSQL and growing it to {args.target:,} articles …", flush=True)
            build_corpus_db(args.pg_url)
            grow_pg(args.pg_url, args.target)
        dbs.append(args.pg_url)
    _measure_all(dbs, args.repeat)


def _measure_all(dbs: list[str], repeat: int) -> None:
    """Every page on every ledger, then the slowest three pages of each large one with their plans."""
    from claimledger.ledger.store import Ledger

    for db in dbs:  # a ledger from before the newest migration gets it first, as a server would
        Ledger(db).close()
    results, plans = {}, {}
    for db in dbs:
        label = ("PostgreSQL " if db.startswith("postgresql") else "SQLite ") + _size(db)
        results[label], slowest = measure(db, repeat)
        plans[label] = (db, slowest)
    report(results, repeat)
    for label, (db, slowest) in list(plans.items())[1:]:
        pages = sorted(results[label], key=lambda r: -r[2])
        print(f"\nthe slowest three pages at {label}: each one's slowest statement and its plan")
        for page, _, worst in [p for p in pages if p[0] in slowest][:3]:
            ms, sql, _ = slowest[page]
            print(f"\n{page}: {worst:.0f} ms; its slowest statement {ms:.0f} ms:\n  {' '.join(sql.split())[:400]}")
            for line in explain(db, slowest[page]):
                print(f"    {line}")


if __name__ == "__main__":
    main()
