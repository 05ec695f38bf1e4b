"""The 447-article real corpus: every article stored with its date and country; a second run adds 0."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import SHARED, cli

CORPUS = SHARED / "corpus" / "ukraine-2022-2024"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_corpus_ingest_and_rerun(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    n_files = len(list(CORPUS.glob("*.txt")))
    r = cli("ingest", str(CORPUS), "--db", str(db), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert f"added {n_files} article(s)" in r.stdout
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
    assert "added 0 article(s)" in r.stdout
