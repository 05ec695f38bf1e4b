"""Ingest throughput and memory on the real corpus, against bare spaCy parsing in the same run.

Prints articles/s and peak RSS of `claimledger ingest` (fresh SQLite ledger, 1 and 2 workers) and of
a bare `nlp.pipe` over the same texts with the same model, and their ratio. Each measurement runs in
its own process so peak RSS is that process's own.

    python bench/ingest.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"

PARSE_ONLY = r"""
import json, resource, sys, time
from pathlib import Path
from claimledger.extract.pipeline import get_parse_only
from claimledger.ingest import read_sources
from claimledger.types import Article
texts = [a.text for a in read_sources([sys.argv[1]]) if isinstance(a, Article)]
nlp = get_parse_only()
t0, c0 = time.perf_counter(), time.process_time()
n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "seconds": dt, "cpu": cpu, "rss_mb": rss}))
"""

EXTRACT_ONLY = r"""
import json, resource, sys, time
from claimledger.extract import extract_many
from claimledger.extract.pipeline import get_nlp
from claimledger.ingest import read_sources
from claimledger.types import Article
arts = [a for a in read_sources([sys.argv[1]]) if isinstance(a, Article)]
nlp = get_nlp()
skip = [c for c in sys.argv[2:] if c]
t0, c0 = time.perf_counter(), time.process_time()
with nlp.select_pipes(disable=skip):
    n = sum(1 for _ in extract_many(arts, workers=1))
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "seconds": dt, "cpu": cpu, "rss_mb": rss}))
"""


def run_child(code: str, corpus: Path, *extra: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, str(corpus), *extra], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_ingest(corpus: Path, workers: int) -> dict[str, float]:
    exe = Path(sys.executable).with_name("claimledger")
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        subprocess.run([str(exe), "ingest", str(corpus), "--db", f"{tmp}/b.db", "--workers", str(workers)],
                       check=True, capture_output=True)
        dt = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest single child so far: the main process or one worker
    return {"seconds": dt, "rss_mb": max(peak, before) / 1024}


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    n = len([p for p in corpus.rglob("*") if p.is_file()])
    parse = run_child(PARSE_ONLY, corpus)
    extract = run_child(EXTRACT_ONLY, corpus)
    no_figures = run_child(EXTRACT_ONLY, corpus, "claimledger_figures")
    no_claims = run_child(EXTRACT_ONLY, corpus, "claimledger_figures", "claimledger_statements")
    rows = [("bare spaCy parse (nlp.pipe, same model)", parse["n"] / parse["seconds"], parse["rss_mb"]),
            ("extract(): parse + actors", no_claims["n"] / no_claims["seconds"], no_claims["rss_mb"]),
            ("extract(): parse + actors + statements", no_figures["n"] / no_figures["seconds"], no_figures["rss_mb"]),
            ("extract(): everything (+ figures), 1 process", extract["n"] / extract["seconds"], extract["rss_mb"])]
    for w in (1, 2):
        r = run_ingest(corpus, w)
        rows.append((f"claimledger ingest --workers {w} (model load, SQLite writes incl.)", n / r["seconds"],
                     r["rss_mb"]))
    base = rows[0][1]
    print(f"corpus: {corpus} ({n} files)")
    print(f"{'run':<66} {'articles/s':>10} {'peak RSS MB':>12} {'x parse':>8}")
    for name, rate, rss in rows:
        print(f"{name:<66} {rate:>10.2f} {rss:>12.0f} {rate / base:>8.2f}")
    # CPU seconds: on a shared machine wall time swings by a third between identical runs
    base_s = parse["cpu"]
    print(f"cost over the bare parse (CPU seconds, same texts): actors {no_claims['cpu'] / base_s - 1:+.1%}, "
          f"statements {(no_figures['cpu'] - no_claims['cpu']) / base_s:+.1%}, "
          f"figures {(extract['cpu'] - no_figures['cpu']) / base_s:+.1%}, "
          f"all extraction {extract['cpu'] / base_s - 1:+.1%}")


if __name__ == "__main__":
    main()
