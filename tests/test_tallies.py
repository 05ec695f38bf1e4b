"""The aggregates kept on write (the overview's counts, the outlets' quotes, the contested quantities)
equal the same aggregates computed from the stored rows: after ingest on SQLite and PostgreSQL, after
an actor merge and its undo, and after migrating a ledger of revision 0008."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import EXAMPLES, default_extractor
from sqlalchemy import func, select

from claimledger.ledger import schema as t
from claimledger.ledger import tallies
from claimledger.ledger.alias_file import AliasEntry, AliasFile
from claimledger.ledger.read import list_merges, list_outlets
from claimledger.ledger.store import Ledger
from claimledger.workflow import ingest

KEPT = (t.tallies, t.outlet_quotes, t.outlet_utterances, t.contested)


def snapshot(led: Ledger) -> dict[str, list[Any]]:
    with led.connect() as conn:
        return {tab.name: sorted(tuple(r) for r in conn.execute(select(tab))) for tab in KEPT}


def rebuilt(led: Ledger) -> dict[str, list[Any]]:
    with led.engine.begin() as conn:
        tallies.rebuild(conn)
        tallies.refresh_contested(conn)
    return snapshot(led)


def test_kept_on_write_equals_counted(ledger: Ledger) -> None:
    ingest([str(EXAMPLES)], ledger, default_extractor())
    kept = snapshot(ledger)
    with ledger.connect() as conn:
        counted = {name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
                   for name, tab in (("articles", t.articles), ("statements", t.statements),
                                     ("figures", t.figures), ("mentions", t.mentions), ("links", t.article_links))}
    assert {k: v for k, v in ledger.counts().items() if k in counted} == counted and counted["statements"] > 50
    assert kept["contested"] and kept["outlet_quotes"] and len(kept["outlet_utterances"]) > 20
    assert kept == rebuilt(ledger)
    outlets = list_outlets(ledger)["outlets"]
    assert len(outlets) >= 3 and all(o["articles"] > 0 and o["quotes"] for o in outlets)


def test_a_merge_and_its_undo_keep_the_tallies_exact(ledger: Ledger) -> None:
    ingest([str(EXAMPLES)], ledger, default_extractor())
    with ledger.connect() as conn:
        two = conn.execute(select(t.actors.c.name).where(t.actors.c.statement_count > 0, t.actors.c.kind == "person")
                           .order_by(t.actors.c.statement_count.desc(), t.actors.c.name).limit(2)).scalars().all()
    report = ledger.apply_aliases(AliasFile(merge=[AliasEntry(1, two[0], [two[1]])]))
    assert report.merged == 1, report.lines
    merged = snapshot(ledger)
    assert merged == rebuilt(ledger)
    undo = next(m["id"] for m in list_merges(ledger) if m["merged"] == two[1])
    ledger.unmerge(undo)
    assert snapshot(ledger) == rebuilt(ledger)


def test_migration_0009_fills_the_tallies(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from conftest import cli

    from claimledger.ledger.db import MIGRATIONS

    db = tmp_path / "m.db"
    assert cli("demo", "--db", str(db), "--quiet").returncode == 0
    with Ledger(str(db)) as led:
        want = snapshot(led)
        cfg = Config()
        cfg.set_main_option("script_location", MIGRATIONS)
        for target, step in (("0008", command.downgrade), ("head", command.upgrade)):
            with led.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                step(cfg, target)
        assert snapshot(led) == want and want["tallies"]
