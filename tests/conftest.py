from __future__ import annotations

import functools
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from claimledger.ledger.store import Ledger

if TYPE_CHECKING:
    from claimledger.extract import Extractor
    from claimledger.types import Article, Extraction

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
_db_counter = itertools.count()


@functools.lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The default configuration (shipped taxonomy), built once for the whole run."""
    from claimledger.extract import Extractor

    return Extractor()


def extract(article: Article) -> Extraction:
    return default_extractor().extract(article)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    from pgserver import PgServer

    server = PgServer()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same store tests run against a SQLite file and a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    server = request.getfixturevalue("pg_server")
    return server.create_db(f"t{os.getpid()}_{next(_db_counter)}")  # type: ignore[attr-defined]


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    led = Ledger(ledger_url)
    yield led
    led.close()


def cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would."""
    exe = Path(sys.executable).with_name("claimledger")
    proc = subprocess.run([str(exe), *args], input=input, capture_output=True, cwd=cwd, timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


HOSTILE_TEXT = """Mayor Dana Whitfield said on Tuesday that "<script>alert('xss-1')</script>" had appeared online.
"We will not accept \\"><img src=x onerror=alert('xss-2')> in our pages," Whitfield said.
Whitfield said that the link <a href="javascript:alert('xss-3')">click here</a> was removed from the portal.
According to Whitfield, 12 residents lost data in the '; DROP TABLE statements; -- attack on the city.
"""
HOSTILE_META = {"title": "<script>alert('xss-title')</script> City hall hacked", "url": "javascript:alert('xss-url')",
                "outlet": "<b onmouseover=alert('xss-outlet')>Evil Outlet</b>", "published": "2025-03-20"}


def write_hostile(folder: Path) -> Path:
    """An article from the open web at its worst: markup, script URLs and SQL in text and metadata."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "hostile.meta.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite ledger of the bundled examples plus one hostile article, built once per session."""
    from claimledger.workflow import ingest

    base = tmp_path_factory.mktemp("web")
    hostile = write_hostile(base / "hostile")
    path = str(base / "web.db")
    with Ledger(path) as led:
        report = ingest([str(EXAMPLES), str(hostile)], led, default_extractor())
    assert report.errors == [] and report.added == 14
    return path


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The 447-article corpus ingested once (2 workers) for every test that needs it; its stdout."""
    corpus = SHARED / "corpus" / "ukraine-2022-2024"
    if not corpus.is_dir():
        pytest.fail(f"{corpus} is missing: the tests need ../shared beside the project")
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    r = cli("ingest", str(corpus.resolve()), "--db", str(db), "--workers", "2")
    assert r.returncode == 0, r.stderr
    return db, r.stdout
