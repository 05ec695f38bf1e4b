"""Loading a batch output: `claimledger load` into SQLite (one writer) and into PostgreSQL with 1, 2 and 4
loading processes, in the same run, and what a million articles would take at each measured rate.

The batch output is built once (Spark local[2] over the corpus) unless ``--out`` names one; each
PostgreSQL load goes into a fresh database of the server ``--pg`` names (its maintenance database URL).

    python bench/load.py --pg postgresql://postgres@127.0.0.1:5432/postgres [--out DIR] [CORPUS]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
EXE = str(Path(sys.executable).with_name("claimledger"))


def timed_load(out: str, db: str, workers: int) -> tuple[int, float]:
    t0 = time.perf_counter()
    r = subprocess.run([EXE, "load", out, "--db", db, "--workers", str(workers), "--quiet"], capture_output=True,
                       text=True)
    seconds = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"load into {db} failed: {r.stderr[-2000:]}")
    return int(r.stdout.split("stored ")[1].split(",")[0]), seconds


def fresh_pg(admin: str, name: str) -> str:
    from sqlalchemy import create_engine

    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return admin.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--out", help="a batch output to load (built from the corpus when missing)")
    ap.add_argument("--pg", required=True, help="a PostgreSQL server's maintenance database URL")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="claimledger-load-bench-"))
    out = args.out or str(tmp / "out")
    if not Path(out, "articles").is_dir():
        print(f"batch {args.corpus} → {out} …", flush=True)
        subprocess.run([EXE, "batch", str(args.corpus), "--out", out, "--master", "local[2]"], check=True,
                       capture_output=True)
    rows = [("SQLite, 1 writer", *timed_load(out, str(tmp / "l.db"), 1))]
    for workers in (1, 2, 4):
        url = fresh_pg(args.pg, f"claimledger_load_{workers}")
        print(f"loading into PostgreSQL with {workers} process(es) …", flush=True)
        rows.append((f"PostgreSQL, {workers} process(es)", *timed_load(out, url, workers)))
    print(f"\n{'load':28} {'articles':>8} {'seconds':>8} {'art/s':>7} {'1M articles':>14}")
    for label, n, s in rows:
        rate = n / s
        print(f"{label:28} {n:8} {s:8.1f} {rate:7.1f} {1_000_000 / rate / 3600:9.1f} hours"
              f"  (1,000,000 / {rate:.1f} / 3600)")


if __name__ == "__main__":
    main()
