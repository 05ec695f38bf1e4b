"""One actor per real-world entity across articles; a user's alias file merges and splits."""

from __future__ import annotations

from pathlib import Path

from conftest import cli, extract
from sqlalchemy import select

from claimledger.ingest.sources import IngestOptions, finish
from claimledger.ledger import schema as t
from claimledger.ledger.actors import read_alias_file
from claimledger.ledger.read import Filters, list_statements
from claimledger.ledger.read import list_actors as actors
from claimledger.ledger.store import Ledger
from claimledger.types import Article
from claimledger.vocab.names import name_key


def quotes(ledger: Ledger, speaker: str) -> list[dict[str, object]]:
    return list_statements(ledger, Filters(speaker=speaker))


def add(ledger: Ledger, text: str, source: str, outlet: str = "Test Post", published: str = "2025-02-10") -> None:
    art = finish(Article(text=text, source=source, outlet=outlet, published=published), IngestOptions())
    ledger.add(art, extract(art))


def test_name_keys_fold_transliterations() -> None:
    assert name_key("Zelenskyy") == name_key("Zelensky") == name_key("Zelenskiy")
    assert name_key("Viktor Orbán's") == name_key("Viktor Orban")
    assert name_key("Kallas") != name_key("Kalas Kallas")


def test_spellings_and_surnames_merge_across_articles(ledger: Ledger) -> None:
    add(ledger, "Ukraine's President Volodymyr Zelenskyy said on Monday that talks would resume.\n", "a.txt")
    add(ledger, "Volodymyr Zelensky told reporters that the front was holding.\n", "b.txt")
    add(ledger, "Zelensky said that more air defence was needed.\n", "c.txt")
    rows = [r for r in actors(ledger, "Zelensky")]
    assert len(rows) == 1 and rows[0]["statements"] == 3
    assert any(name_key(a) == name_key("Zelensky") for a in rows[0]["aliases"])
    assert len(quotes(ledger, speaker="Zelenskyy")) == 3


def test_surname_first_then_full_name_merges(ledger: Ledger) -> None:
    add(ledger, "Brandt said that the pledges would go to housing.\n", "a.txt")
    add(ledger, "Union spokesperson Karel Brandt said that the money was ready.\n", "b.txt")
    with ledger.connect() as conn:
        names = conn.execute(select(t.actors.c.name).where(t.actors.c.name.like("%Brandt%"))).scalars().all()
    assert names == ["Karel Brandt"]
    assert len(quotes(ledger, speaker="Brandt")) == 2


def test_alias_file_merges_and_splits(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Foreign minister Mira Sandoval said that the valley was not for sale.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        "The Velorian foreign minister, Mimi Sandoval, said that talks would go on.\n", encoding="utf-8")
    assert cli("ingest", str(tmp_path / "in"), "--db", str(db)).returncode == 0
    spec = tmp_path / "aliases.yaml"
    spec.write_text("actors:\n  Mira Sandoval: [Mimi Sandoval]\n", encoding="utf-8")
    r = cli("aliases", str(spec), "--db", str(db))
    assert r.returncode == 0 and "merged 1" in r.stdout, r.stdout + r.stderr
    with Ledger(str(db)) as led:
        [row] = actors(led, "Mimi Sandoval")
        assert row["name"] == "Mira Sandoval" and row["statements"] == 2
    split = tmp_path / "split.yaml"
    split.write_text("split:\n  Mira Sandoval: [Mimi Sandoval]\n", encoding="utf-8")
    assert "split 1" in cli("aliases", str(split), "--db", str(db)).stdout
    with Ledger(str(db)) as led:
        assert [r["statements"] for r in actors(led, "Mira Sandoval")] == [1]
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [oops\n", encoding="utf-8")
    r = cli("aliases", str(bad), "--db", str(db))
    assert r.returncode == 1 and "not valid YAML" in r.stderr and "Traceback" not in r.stderr


def test_csv_alias_file(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("actor,alias\nKaja Kallas,EU foreign policy chief\nKaja Kallas,Kallas\n", encoding="utf-8")
    assert read_alias_file(p).merge == {"Kaja Kallas": ["EU foreign policy chief", "Kallas"]}
