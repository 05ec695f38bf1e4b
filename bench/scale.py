"""Scaling: `ingest --workers 1/2`, the Spark job on local[1] and local[2], and the Spark job on a
standalone cluster of two one-core workers (scripts/spark_cluster.py), all in the same run.

Each measurement is its own process on the same corpus, timed end to end from the process start
(Spark: JVM and executor start, reading, extraction, Parquet writes and the actor and quantity stages;
ingest: model load, extraction and SQLite writes). A sampler reads the peak RSS (VmHWM) of every
process the run starts and prints the largest of each kind: ingest's main process and workers; Spark's
driver Python, driver JVM, executor JVMs, Python workers and the cluster's master/worker daemons.

    python bench/scale.py [CORPUS_DIR] [--skip-cluster]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
sys.path.insert(0, str(ROOT / "scripts"))

SPARK = r"""
import sys
from claimledger.batch.job import run_batch
r = run_batch([sys.argv[1]], sys.argv[2], master=sys.argv[3])
print("articles", r.articles)
"""


def _status(pid: int) -> tuple[int, float]:
    ppid, hwm = 0, 0.0
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("PPid:"):
                ppid = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    return ppid, hwm


def _kind(cmd: str, parent: str | None) -> str:
    if "CoarseGrainedExecutorBackend" in cmd:
        return "executor JVM"
    if "deploy.master.Master" in cmd or "deploy.worker.Worker" in cmd:
        return "master/worker JVM"
    if "java" in cmd.split(" ")[0]:
        return "driver JVM"
    if "pyspark.daemon" in cmd or "pyspark.worker" in cmd or (parent or "").endswith("JVM"):
        return "Spark Python worker"
    if parent in ("ingest main", "ingest worker"):
        return "ingest worker"
    if " ingest " in cmd:
        return "ingest main"
    return "driver Python" if "run_batch" in cmd else "other"


class Sampler(threading.Thread):
    """Every 0.3 s, the peak RSS of each process descending from ``roots``, by kind."""

    def __init__(self, roots: list[int]) -> None:
        super().__init__(daemon=True)
        self.roots, self.kinds, self.peak, self.done = set(roots), {}, {}, False  # type: ignore[var-annotated]

    def run(self) -> None:
        while not self.done:
            procs = {}
            for d in os.listdir("/proc"):
                if d.isdigit():
                    try:
                        ppid, hwm = _status(int(d))
                        cmd = Path(f"/proc/{d}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    except OSError:
                        continue
                    procs[int(d)] = (ppid, hwm, cmd)
            for pid in sorted(procs):  # parents before children; a kind can change when a process execs
                ppid, hwm, cmd = procs[pid]
                if pid in self.roots or ppid in self.kinds:
                    kind = self.kinds[pid] = _kind(cmd, self.kinds.get(ppid))
                    self.peak[kind] = max(self.peak.get(kind, 0.0), hwm)
            time.sleep(0.3)


def timed(cmd: list[str], extra_roots: list[int]) -> tuple[int, float, dict[str, float]]:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
    sampler = Sampler([p.pid, *extra_roots])
    sampler.start()
    stdout, stderr = p.communicate()
    seconds = time.perf_counter() - t0
    sampler.done = True
    sampler.join()
    words = stdout.replace(",", " ").split()
    for key in ("stored", "articles"):
        if key in words:
            return int(words[words.index(key) + 1]), seconds, sampler.peak
    raise SystemExit(f"{' '.join(cmd[:3])} failed: {stderr[-2000:]}")


def ingest_run(corpus: Path, workers: int) -> tuple[int, float, dict[str, float]]:
    exe = Path(sys.executable).with_name("claimledger")
    with tempfile.TemporaryDirectory() as tmp:  # ingest exits 1 when it skipped an unreadable file
        return timed([str(exe), "ingest", str(corpus), "--db", f"{tmp}/l.db", "--workers", str(workers)], [])


def spark_run(corpus: Path, master: str, daemons: list[int]) -> tuple[int, float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        return timed([sys.executable, "-c", SPARK, str(corpus), f"{tmp}/out", master], daemons)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    corpus = Path(args[0]) if args else CORPUS
    runs = [("ingest --workers 1", 1, lambda: ingest_run(corpus, 1)),
            ("ingest --workers 2", 2, lambda: ingest_run(corpus, 2)),
            ("batch local[1]", 1, lambda: spark_run(corpus, "local[1]", [])),
            ("batch local[2]", 2, lambda: spark_run(corpus, "local[2]", []))]
    rows = []
    for label, cores, fn in runs:
        print(f"running {label} …", flush=True)
        rows.append((label, cores, *fn()))
    if "--skip-cluster" not in sys.argv:
        import spark_cluster

        t0 = time.perf_counter()
        with spark_cluster.cluster(workers=2, cores=1) as c:
            print(f"cluster up in {time.perf_counter() - t0:.1f} s ({c.master}); running batch on it …", flush=True)
            rows.append(("batch standalone 2x1", 2, *spark_run(corpus, c.master, c.pids)))
    report(rows)


def report(rows: list[tuple[str, int, int, float, dict[str, float]]]) -> None:
    kinds = sorted({k for *_, peak in rows for k in peak if k != "other"})
    print(f"\n{'run':22} {'cores':>5} {'articles':>8} {'seconds':>8} {'art/s':>7} {'art/s/core':>10}  "
          + "  ".join(f"{k[:19]:>19}" for k in kinds))
    for label, cores, n, s, peak in rows:
        mem = "  ".join(f"{peak[k]:16.0f} MB" if k in peak else f"{'-':>19}" for k in kinds)
        print(f"{label:22} {cores:5} {n:8} {s:8.1f} {n / s:7.2f} {n / s / cores:10.2f}  {mem}")
    rate = {label: n / s for label, _, n, s, _ in rows}
    print(f"\nlocal[2] / local[1]: {rate['batch local[2]'] / rate['batch local[1]']:.2f}x; "
          f"ingest 2 / 1 workers: {rate['ingest --workers 2'] / rate['ingest --workers 1']:.2f}x; "
          f"local[2] / ingest 2 workers: {rate['batch local[2]'] / rate['ingest --workers 2']:.2f}x")
    if "batch standalone 2x1" in rate:
        print(f"standalone 2x1 / local[2]: {rate['batch standalone 2x1'] / rate['batch local[2]']:.2f}x")
    per_core = rate["batch local[2]"] / 2
    print(f"per core on Spark local[2]: {per_core:.2f} articles/s = {per_core * 86400:,.0f} articles/day/core")


if __name__ == "__main__":
    main()
