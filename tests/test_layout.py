"""The code's shape, checked: module and function sizes, what a read command imports, where the environment
is read, and that the migrations build exactly the schema ``schema.py`` declares."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import ROOT, cli
from sqlalchemy import create_engine

from claimledger.ledger import schema
from claimledger.ledger.db import HEAD, MIGRATIONS
from claimledger.ledger.store import Ledger

PACKAGE = ROOT / "claimledger"
HEAVY = ("spacy", "trafilatura", "datasketch")


def _code_size() -> Any:
    spec = importlib.util.spec_from_file_location("code_size", ROOT / "scripts" / "code_size.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_no_module_over_400_lines_no_function_over_60() -> None:
    size = _code_size()
    big = [(p, n) for p in size.modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert big == []
    long = [(p.name, name, n) for p in size.modules() for n, name in size.functions(p) if n > 60]
    assert long == []


def test_environment_is_read_only_in_interfaces() -> None:
    reads = re.compile(r"os\.environ\.get|os\.getenv|os\.environ\[[^\]]+\](?!\s*=)|environ\.setdefault")
    found = [f"{p.relative_to(ROOT)}:{i}" for p in PACKAGE.rglob("*.py") if "interfaces" not in p.parts
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if reads.search(line)]
    assert found == []


READ_COMMAND = """
import sys
from claimledger.interfaces.cli import app
sys.argv = ["claimledger", *sys.argv[1:]]
code = 0
try:
    app()
except SystemExit as done:
    code = done.code or 0
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
print("EXIT", code, "HEAVY", heavy, file=sys.stderr)
"""
SERVER = """
import sys
from fastapi.testclient import TestClient
from claimledger.interfaces.web import create_app
with TestClient(create_app(sys.argv[1], token="")) as client:
    assert all(client.get(p).status_code == 200 for p in ("/", "/positions", "/statements.json", "/search?q=talks"))
print(sorted({m.split(".")[0] for m in sys.modules} & set(%r)))
"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("layout") / "demo.db")
    assert cli("demo", "--db", db).returncode == 0
    return db


@pytest.mark.parametrize("args", [["--help"], ["stats"], ["quotes", "--speaker", "Sandoval"], ["actors"],
                                  ["figures", "compare", "Velorian soldiers killed", "--json"], ["positions"],
                                  ["events", "--actor", "Lindqvist"], ["search", "ceasefire"],
                                  ["export", "--table", "statements", "--format", "csv"], ["claims", "--changed"],
                                  ["claims", "1", "--json"], ["export", "--format", "claimreview"]])
def test_read_commands_load_no_model_and_no_reader(args: list[str], demo_db: str) -> None:
    db = [] if args == ["--help"] else ["--db", demo_db]
    proc = subprocess.run([sys.executable, "-c", READ_COMMAND % (HEAVY,), *args, *db], capture_output=True,
                          text=True, timeout=120)
    assert "EXIT 0 HEAVY []" in proc.stderr and proc.stdout.strip(), proc.stderr[-2000:]


def test_a_read_only_server_loads_no_model(demo_db: str) -> None:
    proc = subprocess.run([sys.executable, "-c", SERVER % (HEAVY,), demo_db], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stderr[-2000:]


def test_importing_the_ledger_loads_no_model() -> None:
    code = ("import sys, claimledger.ledger.store, claimledger.ledger.read, claimledger.analysis.figures, "
            f"claimledger.extract; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_head_constant_is_alembics_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def _search_objects(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
    """Full-text search is the migration's own raw SQL (FTS5 tables, tsvector columns), not the Core schema."""
    return not (kind == "table" and name and "_fts" in name) and not (kind == "column" and name == "tsv") \
        and not (kind == "index" and name and name.endswith("_tsv"))


def test_migrations_build_the_declared_schema(ledger_url: str) -> None:
    with Ledger(ledger_url) as led, led.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _search_objects, "compare_type": True})
        assert compare_metadata(ctx, schema.metadata) == []


def test_read_mode_never_creates_or_migrates(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    r = cli("stats", "--db", str(typo))
    assert r.returncode == 1 and "no such ledger" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not typo.exists()
    down = cli("stats", "--db", "postgresql://nobody@127.0.0.1:1/none")  # no server there: not "no ledger"
    assert down.returncode == 1 and "cannot open the ledger" in down.stderr and "Traceback" not in down.stderr
    old = tmp_path / "old.db"  # a ledger an older claimledger made: migrated to 0003 only
    engine = create_engine(f"sqlite:///{old}")
    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    engine.dispose()
    r = cli("quotes", "--db", str(old))
    assert r.returncode == 1 and "claimledger migrate" in r.stderr and "Traceback" not in r.stderr
    assert cli("migrate", "--db", str(old)).returncode == 0
    assert cli("quotes", "--db", str(old)).returncode == 0
    with pytest.raises(Exception, match="reading only"):
        Ledger.open(str(old)).apply_aliases(None)  # type: ignore[arg-type]



def test_utterance_migration_fills_keys_and_counts(tmp_path: Path) -> None:
    """0005 on a ledger with data: every statement gets its key, every actor its count of distinct utterances."""
    import shutil

    from sqlalchemy import text

    db = tmp_path / "m.db"
    assert cli("demo", "--db", str(db), "--quiet").returncode == 0
    shutil.copy(db, tmp_path / "head.db")
    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    queries = ("SELECT id, utterance FROM statements ORDER BY id",
               "SELECT slug, statement_count FROM actors ORDER BY slug", "SELECT actor_id, key FROM utterances")
    engine = create_engine(f"sqlite:///{tmp_path / 'head.db'}")
    with engine.connect() as conn:
        want = [sorted(conn.execute(text(q)).all()) for q in queries]
    engine.dispose()
    engine = create_engine(f"sqlite:///{db}")
    for target in ("0004", "head"):
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0004" else command.upgrade)(cfg, target)
    with engine.connect() as conn:
        got = [sorted(conn.execute(text(q)).all()) for q in queries]
    engine.dispose()
    assert got == want and any(n for _, n in want[1]) and len(want[2]) < len(want[0])
