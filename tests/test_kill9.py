"""kill -9 during ingest leaves a ledger that opens and holds every article that finished."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import cli


def test_kill_during_ingest_keeps_finished_articles(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    n = 120
    for i in range(n):
        (src / f"a{i:03d}.txt").write_text(
            f"Story {i}\nForeign minister Anna Berg said on Monday that talks {i} would resume in Geneva. "
            + "Negotiators met for hours and discussed prisoners, borders and aid. " * 40 + "\n", encoding="utf-8")
    db = tmp_path / "k.db"
    exe = Path(sys.executable).with_name("claimledger")
    proc = subprocess.Popen([str(exe), "ingest", str(src), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and stored < 5:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 5 <= stored < n, "the run must be killed part-way"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        arts = conn.execute("SELECT id, text FROM articles").fetchall()
        assert len(arts) >= stored
        for aid, _text in arts:  # every stored article is whole: segments, bands, search rows
            assert conn.execute("SELECT count(*) FROM segments WHERE article_id = ?", (aid,)).fetchone()[0] >= 1
            assert conn.execute("SELECT count(*) FROM article_bands WHERE article_id = ?", (aid,)).fetchone()[0] == 32
            assert conn.execute("SELECT count(*) FROM articles_fts WHERE rowid = ?", (aid,)).fetchone()[0] == 1
            assert conn.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (aid,)).fetchone()[0] >= 1
        orphans = conn.execute("SELECT count(*) FROM segments WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
    r = cli("ingest", str(src), "--db", str(db))
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
