"""Start-up cost of the read commands, against the bare import of what they must load.

Prints the median wall time and peak RSS of ``python -c "import sqlalchemy, typer, rich"`` (the baseline),
``claimledger --help`` and ``claimledger stats`` on a demo ledger, measured interleaved in one run (the
machine is shared and noisy), and each command's ratio to the baseline.

    python bench/startup.py [--runs 7] [--db claimledger-demo.db]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("claimledger"))


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and the child's peak RSS in MB (ru_maxrss of a fresh fork-exec)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--db", help="a ledger for 'stats' [default: the demo, built into a temporary folder]")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = str(Path(tmp) / "demo.db")
            subprocess.run([EXE, "demo", "--db", db], check=True, capture_output=True)
        cmds = {"import sqlalchemy, typer, rich": [sys.executable, "-c", "import sqlalchemy, typer, rich"],
                "claimledger --help": [EXE, "--help"],
                "claimledger stats": [EXE, "stats", "--db", db]}
        for cmd in cmds.values():  # warm the file cache
            timed(cmd)
        walls: dict[str, list[float]] = {k: [] for k in cmds}
        rss: dict[str, float] = {k: 0.0 for k in cmds}
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                w, r = timed(cmd)
                walls[name].append(w)
                rss[name] = max(rss[name], r)
    base = statistics.median(walls["import sqlalchemy, typer, rich"])
    print(f"{'command':34} {'median s':>9} {'peak MB':>8} {'x baseline':>10}")
    for name in cmds:
        med = statistics.median(walls[name])
        print(f"{name:34} {med:9.3f} {rss[name]:8.0f} {med / base:10.2f}")
    print(f"({args.runs} interleaved runs each; bench's own peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
