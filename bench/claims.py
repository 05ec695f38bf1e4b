"""What keeping claims costs an ingest, measured on the real corpus in one run.

Ingests the corpus into a fresh SQLite ledger with two extraction workers twice: once with grouping
switched off (here only, by replacing the call), once with it on, timing every call that groups an
article's statements and figures into claims (it runs in the writing process, so it adds to the wall time
at most what it takes). Then regroups the whole ledger from scratch once, as a migration would, and
prints the claims found: how many are carried more than once, how many changed on the way.

    python bench/claims.py [CORPUS_DIR] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    from sqlalchemy import text

    from claimledger.extract import Extractor
    from claimledger.ledger import claims
    from claimledger.ledger.store import Ledger
    from claimledger.workflow import ingest

    spent = [0.0, 0]
    attach = claims.attach_article

    def timed(conn, article_id):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        attach(conn, article_id)
        spent[0] += time.perf_counter() - t0
        spent[1] += 1

    with tempfile.TemporaryDirectory() as tmp, Ledger(str(Path(tmp) / "none.db")) as led:
        claims.attach_article = lambda conn, article_id: None  # type: ignore[assignment]
        t0 = time.perf_counter()
        ingest([args.corpus], led, Extractor(), workers=args.workers)
        bare = time.perf_counter() - t0
        print(f"ingest --workers {args.workers} without grouping: {bare:.1f} s")
    claims.attach_article = timed  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp, Ledger(str(Path(tmp) / "claims.db")) as led:
        t0 = time.perf_counter()
        report = ingest([args.corpus], led, Extractor(), workers=args.workers)
        wall = time.perf_counter() - t0
        print(f"ingest --workers {args.workers}: {report.added} articles in {wall:.1f} s "
              f"({report.added / wall:.2f} articles/s)")
        print(f"with grouping the ingest took {100 * (wall / bare - 1):+.1f}% longer than without, in this run")
        print(f"grouping into claims: {spent[0]:.2f} s over {spent[1]} articles = "
              f"{100 * spent[0] / wall:.1f}% of the ingest's wall time ({1000 * spent[0] / max(1, spent[1]):.1f} ms "
              "an article)")
        t0 = time.perf_counter()
        with led.engine.begin() as conn:
            claims.rebuild(conn)
        print(f"regrouping the whole ledger from scratch: {time.perf_counter() - t0:.2f} s")
        with led.connect() as conn:
            for kind, n, multi, articles, outlets, changed, top in conn.execute(text(
                    "SELECT kind, count(*), sum(appearances > 1), sum(articles > 1), sum(outlets > 1), "
                    "sum(variants > 0), max(appearances) FROM claims GROUP BY kind ORDER BY kind")):
                print(f"{kind} claims: {n}; with 2+ appearances: {multi}; in 2+ articles: {articles}; in 2+ outlets "
                      f"(copies of one article with no outlet count once): {outlets}; with a variant: {changed}; "
                      f"most appearances: {top}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
