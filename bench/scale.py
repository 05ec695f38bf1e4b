"""Scaling: the Spark job on local[1] and local[2] against `ingest --workers 1/2`, in the same run.

Each measurement runs in its own process on the same corpus and prints articles/s end to end (Spark:
JVM start, reading, extraction, Parquet writes and the actor and quantity stages; ingest: model
load, extraction and SQLite writes) and peak memory: the Python worker that extracts (Spark), the
largest other process (the JVM), or the ingest process and its workers.

    python bench/scale.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"

SPARK = r"""
import json, sys
from claimledger.batch.job import run_batch
r = run_batch([sys.argv[1]], sys.argv[2], master=sys.argv[3])
print(json.dumps({"n": r.articles, "seconds": r.seconds, "worker_mb": r.worker_peak_rss_mb,
                  "other_mb": r.jvm_peak_rss_mb}))
"""


def spark_run(corpus: Path, master: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", SPARK, str(corpus), f"{tmp}/out", master], capture_output=True,
                             text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


INGEST = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True)
seconds = time.perf_counter() - t0
n = int(p.stdout.split("added ")[1].split(" ")[0])
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest of ingest and its workers
print(json.dumps({"n": n, "seconds": seconds, "worker_mb": rss, "other_mb": 0.0}))
"""


def ingest_run(corpus: Path, workers: int) -> dict[str, float]:
    exe = Path(sys.executable).with_name("claimledger")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", INGEST, str(exe), "ingest", str(corpus), "--db", f"{tmp}/l.db",
                              "--workers", str(workers)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    rows = []
    for label, fn in (("ingest --workers 1", lambda: ingest_run(corpus, 1)),
                      ("ingest --workers 2", lambda: ingest_run(corpus, 2)),
                      ("batch local[1]", lambda: spark_run(corpus, "local[1]")),
                      ("batch local[2]", lambda: spark_run(corpus, "local[2]"))):
        print(f"running {label} …", flush=True)
        r = fn()
        rows.append((label, r))
    print(f"\n{'run':22} {'articles':>9} {'seconds':>9} {'articles/s':>11} {'worker MB':>10} {'JVM MB':>8}")
    for label, r in rows:
        print(f"{label:22} {r['n']:9.0f} {r['seconds']:9.1f} {r['n'] / r['seconds']:11.2f} {r['worker_mb']:10.0f} "
              f"{r['other_mb']:8.0f}")
    rate = {label: r["n"] / r["seconds"] for label, r in rows}
    print(f"\nlocal[2] / local[1]: {rate['batch local[2]'] / rate['batch local[1]']:.2f}x; "
          f"ingest 2 / 1 workers: {rate['ingest --workers 2'] / rate['ingest --workers 1']:.2f}x; "
          f"local[2] / ingest 2 workers: {rate['batch local[2]'] / rate['ingest --workers 2']:.2f}x")
    per_core = rate["batch local[2]"] / 2
    print(f"per core on Spark local[2]: {per_core:.2f} articles/s = {per_core * 86400:,.0f} articles/day/core")


if __name__ == "__main__":
    main()
