"""Page latency of the web UI at the real corpus (447 articles) and at a synthetic 100k-article ledger.

Aggregates over all statements (overview counts, contested figures, outlets) are computed once when
the server starts and again after the ledger changes; their cost is printed apart from the pages.
The 100k ledger is the real ledger's rows copied until it holds ``--target`` articles (each copy with
new ids and identities, FTS rows included), so pages see the row counts and index sizes of a large
ledger with real text. Each page is requested in process through the ASGI app, ``--repeat`` times
after one warm-up; the script prints median and worst milliseconds per page and size.

    python bench/web.py [--corpus-db corpus.db] [--big-db big.db] [--target 100000]
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

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
COPIED = {  # table -> columns whose ids shift with each copy (besides "id"), and the table each points into
    "articles": {}, "statements": {"article_id": "articles", "claim_id": "claims"},
    "figures": {"article_id": "articles", "statement_id": "statements", "claim_id": "claims"},
    "mentions": {"article_id": "articles"}, "segments": {"article_id": "articles"},
    # a copy's claims are its own: each copy of the corpus carries its quotes among its own articles
    "claims": {"first_article_id": "articles", "canonical_id": "members", "first_id": "members"},
}


def build_corpus_db(path: Path) -> None:
    exe = Path(sys.executable).with_name("claimledger")
    subprocess.run([str(exe), "ingest", str(CORPUS), "--db", str(path), "--workers", "2"], check=True)


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
        for table, shifted in COPIED.items():
            exprs = []
            for c in cols[table]:
                if c == "id":
                    exprs.append(f"id + {k * span[table]}")
                elif c == "identity":
                    exprs.append(f"identity || '-copy{k}'")
                elif shifted.get(c) == "members":  # a statement's or a figure's id, as the claim's kind says
                    exprs.append(f"CASE WHEN kind = 'statement' THEN {c} + {k * span['statements']} "
                                 f"ELSE {c} + {k * span['figures']} END")
                elif c in shifted:
                    exprs.append(f"{c} + {k * span[shifted[c]]}")
                else:
                    exprs.append(f'"{c}"')
            quoted = ", ".join(f'"{c}"' for c in cols[table])
            con.execute(f"INSERT INTO {table} ({quoted}) SELECT {', '.join(exprs)} FROM {table} "
                        f"WHERE id <= {span[table]}")
        con.commit()
    con.execute(f"INSERT INTO articles_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles "
                f"WHERE id > {span['articles']}")
    con.execute(f"INSERT INTO statements_fts(rowid, content) SELECT id, content FROM statements "
                f"WHERE id > {span['statements']}")
    con.commit()
    con.execute("ANALYZE")
    con.close()
    print(f"  grew to {(copies + 1) * base:,} articles in {time.perf_counter() - started:.0f} s", flush=True)


def measure(db: Path, repeat: int) -> list[tuple[str, float, float]]:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from claimledger.interfaces.web import create_app, pages

    app = create_app(str(db), token="")
    out = []
    for name, fn in pages.AGGREGATES.items():  # what the server computes once at start and after each change
        t0 = time.perf_counter()
        pages.cached(app.state.ledger, name, lambda fn=fn: fn(app.state.ledger))
        ms = (time.perf_counter() - t0) * 1000
        out.append((f"(start-up aggregate: {name})", ms, ms))
    client = TestClient(app)
    home = client.get("/index.json").json()
    actor = home["top_speakers"][0]["slug"]
    article = home["latest"][0]["id"]
    claim = client.get("/claims.json").json()["claims"][0]["id"]  # the most carried
    quantity = home["contested"][0]["quantity"] if home["contested"] else "russian|casualties|people"
    paths = ["/", "/index.json", "/articles", "/articles?page=500", f"/articles/{article}",
             f"/articles/{article}.json", "/actors", f"/actors/{actor}", f"/actors/{actor}?page=20",
             "/statements", "/statements?speaker=Zelensky", "/figures", f"/figures/compare?q={quantity}",
             "/figures/compare?q=Russian+losses", "/search?q=ceasefire", "/search?q=Russia",
             "/search?q=ceasefire&speaker=Zelensky&since=2023-01-01", "/outlets", "/positions", "/claims",
             "/claims?changed=true&order=variants", f"/claims?speaker={actor}", f"/claims/{claim}",
             f"/claims/{claim}.json"]
    for p in paths:
        client.get(p)
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            r = client.get(p)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (p, r.status_code)
        out.append((p, statistics.median(times), max(times)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus-db", type=Path, help="ledger of the 447-article corpus (built when missing)")
    ap.add_argument("--big-db", type=Path, help="where to keep the grown ledger (built when missing)")
    ap.add_argument("--target", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="claimledger-web-bench-"))
    small = args.corpus_db or tmp / "corpus.db"
    if not small.exists():
        print(f"ingesting {CORPUS} into {small} …", flush=True)
        build_corpus_db(small)
    big = args.big_db or tmp / "big.db"
    if not big.exists():
        print(f"growing {small} to {args.target:,} articles into {big} …", flush=True)
        grow(small, big, args.target)
    results = {}
    for label, db in (("447", small), ("big", big)):
        n = sqlite3.connect(db).execute("SELECT count(*), (SELECT count(*) FROM statements) FROM articles").fetchone()
        label = f"{n[0]:,} articles / {n[1]:,} statements"
        results[label] = measure(db, args.repeat)
    labels = list(results)
    print(f"\n{'page':58} " + "  ".join(f"{lab:>34}" for lab in labels))
    print(f"{'':58} " + "  ".join(f"{'median ms':>16} {'worst ms':>17}" for _ in labels))
    for i, (path, _, _) in enumerate(results[labels[0]]):
        cells = "  ".join(f"{results[lab][i][1]:16.1f} {results[lab][i][2]:17.1f}" for lab in labels)
        print(f"{path[:58]:58} {cells}")
    worst = max(r[2] for r in results[labels[-1]] if r[0].startswith("/"))
    print(f"\nslowest page at {labels[-1]}: {worst:.0f} ms (worst of {args.repeat}, after one warm-up)")


if __name__ == "__main__":
    main()
