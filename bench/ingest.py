"""Ingest throughput and memory on the real corpus, against bare spaCy parsing in the same run.

Prints articles/s and peak RSS of `claimledger ingest` (fresh SQLite ledger, 1 and 2 workers) and of
a bare `nlp.pipe` over the same texts with the same model, and their ratio. Each measurement runs in
its own process so peak RSS is that process's own.

    python bench/ingest.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import os
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
from claimledger.extract.model import load_base
from claimledger.ingest import read_sources
from claimledger.types import Article
texts = [a.text for a in read_sources([sys.argv[1]]) if isinstance(a, Article)]
nlp = load_base(None)
t0, c0 = time.perf_counter(), time.process_time()
n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "seconds": dt, "cpu": cpu, "rss_mb": rss}))
"""

EXTRACT_ONLY = r"""
import json, resource, sys, time
from claimledger.extract import Extractor, extract_many
from claimledger.ingest import read_sources
from claimledger.types import Article
arts = [a for a in read_sources([sys.argv[1]]) if isinstance(a, Article)]
extractor = Extractor()
_ = extractor.nlp
t0, c0 = time.perf_counter(), time.process_time()
n = sum(1 for _ in extract_many(arts, extractor, workers=1))
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "seconds": dt, "cpu": cpu, "rss_mb": rss}))
"""

# the chain's stages one by one over docs parsed first, as chain.records runs them: CPU seconds per stage
STAGES = r"""
import json, sys, time
from claimledger.extract import Extractor
from claimledger.extract.chain import records
from claimledger.extract.events import find_events
from claimledger.extract.figures import find_figures
from claimledger.extract.marks import find_marks
from claimledger.extract.mentions import find_mentions
from claimledger.extract.positions import find_positions
from claimledger.extract.speakers import Resolver
from claimledger.extract.statements import find_statements
from claimledger.ingest import read_sources
from claimledger.types import Article
arts = [a for a in read_sources([sys.argv[1]]) if isinstance(a, Article)]
ex = Extractor()
c0 = time.process_time()
docs = list(ex.nlp.pipe((a.text for a in arts), batch_size=16))
parse_cpu = time.process_time() - c0
cpu = dict.fromkeys(("mentions", "marks + resolver", "statements", "figures", "positions", "events"), 0.0)
def timed(name, fn):
    c0 = time.process_time()
    out = fn()
    cpu[name] += time.process_time() - c0
    return out
for doc, art in zip(docs, arts):
    body, pub = art.body_ranges(), art.published
    mentions = timed("mentions", lambda: find_mentions(doc))
    marks, resolver = timed("marks + resolver", lambda: (lambda m: (m, Resolver(doc, mentions, quoted=m.quoted)))(
        find_marks(doc.text, body)))
    sts = timed("statements", lambda: find_statements(doc, body, pub, marks, resolver))
    timed("figures", lambda: find_figures(doc, body, pub, sts))
    timed("positions", lambda: find_positions(doc, sts, resolver, ex.taxonomy, body))
    timed("events", lambda: find_events(doc, resolver, body, pub))
c0 = time.process_time()
for doc, art in zip(docs, arts):
    records(doc, art, ex.taxonomy)
cpu["whole chain"] = time.process_time() - c0
cpu["parse"] = parse_cpu
print(json.dumps(cpu))
"""


def run_child(code: str, corpus: Path, *extra: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, str(corpus), *extra], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_ingest(corpus: Path, workers: int) -> dict[str, float]:
    exe = Path(sys.executable).with_name("claimledger")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(exe), "ingest", str(corpus), "--db", f"{tmp}/b.db", "--workers", str(workers)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("ingest failed")
    # this ingest's own peak: the largest of its process and its (reaped) workers, not of earlier runs
    return {"seconds": dt, "rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    n = len([p for p in corpus.rglob("*") if p.is_file()])
    parse = run_child(PARSE_ONLY, corpus)
    extract = run_child(EXTRACT_ONLY, corpus)
    stages = run_child(STAGES, corpus)
    rows = [("bare spaCy parse (nlp.pipe, same model)", parse["n"] / parse["seconds"], parse["rss_mb"]),
            ("Extractor.extract: parse + every stage, 1 process", extract["n"] / extract["seconds"], extract["rss_mb"])]
    for w in (1, 2):
        r = run_ingest(corpus, w)
        rows.append((f"claimledger ingest --workers {w} (model load, SQLite writes incl.)", n / r["seconds"],
                     r["rss_mb"]))
    base = rows[0][1]
    print(f"corpus: {corpus} ({n} files)")
    print(f"{'run':<66} {'articles/s':>10} {'peak RSS MB':>12} {'x parse':>8}")
    for name, rate, rss in rows:
        print(f"{name:<66} {rate:>10.2f} {rss:>12.0f} {rate / base:>8.2f}")
    # CPU seconds in one process over the same parsed docs: on a shared machine even CPU time differs by a
    # quarter between two processes doing the same work, so the ratio is taken where both ran
    base_s = stages.pop("parse")
    chain = stages.pop("whole chain")
    print("cost of each stage over the bare parse (CPU seconds, same texts, one process): " +
          ", ".join(f"{name} {sec / base_s:+.1%}" for name, sec in stages.items()) +
          f"; the whole extraction chain {chain / base_s:+.1%} (limit +25%)")
    print(f"  (separate processes, for comparison: extract {extract['cpu']:.1f} CPU s vs parse {parse['cpu']:.1f})")


if __name__ == "__main__":
    main()
