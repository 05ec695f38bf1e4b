"""The corpus's people are one actor each, on SQLite and PostgreSQL: scripts/actor_check.py over the ledger
(people known under several spellings, junk names among speaking actors, different people merged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from anyascii import anyascii
from conftest import ROOT, SHARED, cli
from sqlalchemy import select

from claimledger.ledger import schema as t
from claimledger.ledger.read import Filters, actor_ids, list_statements
from claimledger.ledger.store import Ledger

CORPUS = SHARED / "corpus" / "ukraine-2022-2024"


def actor_check(db: str) -> dict[str, object]:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "actor_check.py"), "--db", db, "--json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def check(db: str) -> None:
    out = actor_check(db)
    assert out["split"] == [], out["split"]
    assert out["junk"] == [], out["junk"]
    assert out["wrong_merges"] == []
    # every statement whose speaker is written as some spelling of the name belongs to the actor
    # 'quotes --speaker Lukashenko' lists (which shows each syndicated utterance once)
    with Ledger(db, mode="read") as led, led.connect() as conn:
        written = {aid for txt, aid in conn.execute(select(t.statements.c.speaker_text, t.statements.c.actor_id))
                   if txt and ("lukash" in anyascii(txt).lower() or "lukaszenk" in anyascii(txt).lower())}
        assert written == set(actor_ids(conn, "Lukashenko")) and len(written) == 1
        listed = list_statements(led, Filters(speaker="Lukashenko", per_page=1000))
        assert len(listed) == conn.execute(select(t.actors.c.statement_count)
                                           .where(t.actors.c.id.in_(written))).scalar() >= 60


def test_corpus_actors_on_sqlite(corpus_db: tuple[Path, str]) -> None:
    check(str(corpus_db[0]))


def test_corpus_actors_on_postgresql(pg_server: object, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.fail(f"{CORPUS} is missing: the tests need ../shared beside the project")
    url = pg_server.create_db("corpus_actors")  # type: ignore[attr-defined]
    r = cli("ingest", str(CORPUS.resolve()), "--db", url, "--workers", "2", "--quiet")
    assert r.returncode == 0, r.stderr
    check(url)
