"""Positions and events: taxonomies as data, stances with evidence, the matrix, changes, the timeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

from claimledger.errors import ClaimledgerError
from claimledger.extract.taxonomy import parse

TOPICS = str(EXAMPLES / "topics.yaml")


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("pos") / "ex.db")
    r = cli("ingest", str(EXAMPLES), "--db", db, "--topics", TOPICS)
    assert r.returncode == 0, r.stderr
    return db


def test_matrix_on_the_examples(examples_db: str) -> None:
    m = json.loads(cli("positions", "--db", examples_db, "--json").stdout)
    cells = {(c["actor"], c["topic"]): c for c in m["cells"]}
    valley = cells[("Mira Sandoval", "tarn-valley-territory")]
    assert valley["stance"] == "oppose" and valley["oppose"] >= 2  # "The Tarn Valley is not for sale"
    assert any("not for sale" in e["evidence"] for e in valley["evidence"])
    assert cells[("Mira Sandoval", "ostmark-withdrawal")]["stance"] == "support"
    assert cells[("Petra Holm", "reconstruction-aid")]["stance"] == "oppose"
    table = cli("positions", "--db", examples_db, "--topic", "tarn", "--evidence")
    assert table.returncode == 0 and "Mira Sandoval" in table.stdout and "not for sale" in table.stdout
    only = json.loads(cli("positions", "--db", examples_db, "--actor", "Holm", "--json").stdout)
    assert {c["actor"] for c in only["cells"]} == {"Petra Holm"}


def test_evidence_offsets_are_exact(examples_db: str) -> None:
    arts = {json.loads(line)["id"]: json.loads(line) for line in cli("export", "--db", examples_db).stdout.splitlines()}
    rows = [json.loads(line) for line in cli("export", "--db", examples_db, "--table", "positions").stdout.splitlines()]
    assert rows
    for r in rows:
        assert arts[r["article_id"]]["text"][r["start"]:r["end"]] == r["evidence"]
        assert r["stance"] in ("support", "oppose")


def test_changes_show_both_statements(tmp_path: Path) -> None:
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "2025-01-10-berg.txt").write_text(
        "Ruritania and the ceasefire\n\nForeign minister Ana Berg said on Friday that her government would never "
        "accept a ceasefire while troops stand on its soil.\n", encoding="utf-8")
    (folder / "2025-02-20-berg.txt").write_text(
        "Ruritania moves\n\nForeign minister Ana Berg said on Thursday that her government has offered a "
        "ceasefire to the rebels.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert cli("ingest", str(folder), "--db", db, "--topics", TOPICS).returncode == 0
    changes = json.loads(cli("positions", "--db", db, "--changes", "--json").stdout)
    assert len(changes) == 1
    c = changes[0]
    assert (c["actor"], c["topic"], c["from"]["stance"], c["to"]["stance"]) == ("Ana Berg", "ceasefire", "oppose",
                                                                                  "support")
    assert "never accept a ceasefire" in c["from"]["evidence"] and "offered a ceasefire" in c["to"]["evidence"]
    table = cli("positions", "--db", db, "--changes")
    assert "Ana Berg" in table.stdout and "1 change(s)" in table.stdout


def test_events_timeline(examples_db: str) -> None:
    rows = json.loads(cli("events", "--db", examples_db, "--json").stdout)
    brenna = [r for r in rows if r["place"] == "Brenna"]
    assert brenna and brenna[0]["kind"] == "talks" and brenna[0]["date"] == "2025-03-12"
    kessel = [r for r in rows if r["place"] == "Kessel"]
    assert kessel and kessel[0]["kind"] == "meeting"
    assert all(r["date"] for r in rows)
    assert "Brenna" in cli("events", "--db", examples_db).stdout


def test_any_taxonomy_and_clear_errors(tmp_path: Path) -> None:
    tax = parse("topics:\n  - id: fish\n    description: fishing quotas\n    examples: [fishing quotas]\n", "t.yaml")
    assert tax.topics[0].patterns and tax.topics[0].patterns[0].regex.search("New fishing quotas now")
    for bad, words in [("topics: [", "not valid YAML"), ("name: x\n", "no 'topics:'"),
                       ("topics:\n  - id: x\n", "'id' and a 'description'"),
                       ("topics:\n  - {id: x, description: y, patterns: [{re: '(', stance: auto}]}\n", "bad pattern"),
                       ("topics:\n  - {id: x, description: y, patterns: [{re: 'a', stance: maybe}]}\n", "stance")]:
        with pytest.raises(ClaimledgerError, match=words):
            parse(bad, "t.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("topics: [", encoding="utf-8")
    r = cli("extract", str(EXAMPLES / "harbour-gazette"), "--topics", str(broken))
    assert r.returncode == 1 and "broken.yaml" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    fish = tmp_path / "fish.yaml"
    fish.write_text("topics:\n  - id: fish\n    description: fishing\n    patterns: ['\\bfish\\w*']\n",
                    encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("Minister Ola Nord said that the fishing quotas must be cut.\n", encoding="utf-8")
    rec = json.loads(cli("extract", str(art), "--topics", str(fish)).stdout)
    assert [(p["actor_name"], p["topic"], p["stance"]) for p in rec["positions"]] == [("Ola Nord", "fish", "support")]


@pytest.mark.parametrize("text, kind, place, who", [
    ("President Ana Ruiz met with Chancellor Olaf Brenner in Lisbon on Friday.", "meeting", "Lisbon",
     {"Ana Ruiz", "Olaf Brenner"}),
    ("The meetings held in Abu Dhabi ended without a deal.", "meeting", "Abu Dhabi", set()),
    ("Talks in Geneva resumed on Tuesday.", "talks", "Geneva", set()),
    ("Any aggression will be met with an instant response.", None, None, set()),
    ("Both sides want talks, the minister said.", None, None, set()),
])
def test_event_sentences(text: str, kind: str | None, place: str | None, who: set[str]) -> None:
    from conftest import extract

    from claimledger.types import Article

    events = extract(Article(text=text, published="2025-08-20")).events
    if kind is None:
        assert events == []
        return
    assert [(e.kind, e.place) for e in events] == [(kind, place)]
    assert who <= set(events[0].participants) and events[0].date and events[0].date <= "2025-08-20"
