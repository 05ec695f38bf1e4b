"""The 447-article real corpus: every article stored with its date and country; a second run adds 0."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SHARED, cli

CORPUS = SHARED / "corpus" / "ukraine-2022-2024"


def test_corpus_ingest_and_rerun(corpus_db: tuple[Path, str]) -> None:
    db, stdout = corpus_db
    n_files = len(list(CORPUS.glob("*.txt")))
    assert stdout.strip().splitlines()[-1] == f"stored {n_files}, already present 0, skipped 0"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, published, country FROM articles").fetchall()
        identical = conn.execute("SELECT count(*) FROM article_links WHERE kind = 'identical'").fetchone()[0]
    assert len(rows) == n_files == 447
    for source, published, country in rows:
        name = Path(source).name
        assert published.replace("-", "").replace(":", "")[:15] == name[:15]  # 20220125T090000
        assert country == name.split("_")[1]
    assert identical > 0  # the corpus holds re-crawled copies: stored and linked, not dropped
    r = cli("ingest", str(CORPUS), "--db", str(db))
    assert r.stdout.strip().splitlines()[-1] == f"stored 0, already present {n_files}, skipped 0"
    check_web_pages(db)


def check_web_pages(db: Path) -> None:
    """Every article page and the other pages with their JSON twins answer on the real corpus."""
    from fastapi.testclient import TestClient

    from claimledger.interfaces.web import create_app

    with TestClient(create_app(str(db), token="")) as client:
        home = client.get("/index.json").json()
        assert home["counts"]["articles"] == 447 and home["top_speakers"] and home["contested"]
        paths = ["/", "/articles?page=3", "/actors?page=2", "/statements?page=2", "/figures", "/outlets",
                 "/search?q=ceasefire", "/search?q=Zelensky&kind=direct", "/figures/compare?q=Russian+losses"]
        paths += [f"/actors/{a['slug']}" for a in home["top_speakers"]]
        paths += [f"/figures/compare?q={c['quantity']}" for c in home["contested"]]
        paths += [f"/articles?country={c['country']}" for c in client.get("/outlets.json").json()["countries"]]
        for path in paths:
            for url in (path, path.replace("?", ".json?", 1) if "?" in path else
                        ("/index.json" if path == "/" else path + ".json")):
                assert client.get(url).status_code == 200, url
        with sqlite3.connect(db) as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        for aid in ids:  # the highlighting runs over every real article's offsets
            page = client.get(f"/articles/{aid}")
            assert page.status_code == 200, aid
