"""One actor per real-world entity across articles; a user's alias file merges and splits."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli, extract
from sqlalchemy import func, select

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
    [entry] = read_alias_file(p).merge
    assert (entry.line, entry.name, entry.aliases) == (2, "Kaja Kallas", ["EU foreign policy chief", "Kallas"])


def _names(ledger: Ledger, like: str) -> list[tuple[str, str]]:
    with ledger.connect() as conn:
        return sorted(conn.execute(select(t.actors.c.name, t.actors.c.kind)
                                   .where(t.actors.c.name.like(f"%{like}%"))).all())


def test_transliterations_of_one_person_are_one_actor(ledger: Ledger) -> None:
    """Russian, Ukrainian and Polish romanisations of one name, a misspelling and the surname alone."""
    for i, name in enumerate(["Aleksandr Velikov", "Alexander Velikov", "Oleksandr Velikov", "Aleksander Wielikow",
                              "Alaxandr Velikov"]):
        add(ledger, f"{name}, the minister of trade, said on Monday that the border would stay open {i} days.\n",
            f"{i}.txt")
    add(ledger, "Velikov said that the customs office was ready.\n", "s.txt")
    assert [k for _, k in _names(ledger, "Vel")] == ["person"]
    assert len(quotes(ledger, speaker="Velikov")) == 6
    assert len(quotes(ledger, speaker="Wielikow")) == 6
    with ledger.connect() as conn:
        reasons = conn.execute(select(t.actor_merges.c.reason)).scalars().all()
    assert sum(r.startswith("spelling of") for r in reasons) == 4


def test_people_sharing_a_surname_stay_apart(ledger: Ledger) -> None:
    add(ledger, "Foreign minister Dmytro Kulev said that the talks were over.\n", "a.txt")
    add(ledger, "His brother Mykola Kulev said that the talks had not begun.\n", "b.txt")
    add(ledger, "Ivan Petrov said that the mine was closed. Ivana Petrova said that it was not.\n", "c.txt")
    assert [n for n, _ in _names(ledger, "Kulev")] == ["Dmytro Kulev", "Mykola Kulev"]
    assert [n for n, _ in _names(ledger, "Petrov")] == ["Ivan Petrov", "Ivana Petrova"]


def test_the_entity_label_never_splits_an_actor(ledger: Ledger) -> None:
    """A surname the tagger called a place or an organisation is the person; an acronym or a real
    place that is also a surname stays apart."""
    from claimledger.types import ActorRecord, Extraction

    def store(source: str, *records: ActorRecord) -> None:
        art = finish(Article(text=f"Text of {source}.\n", source=source), IngestOptions())
        ledger.add(art, Extraction(actors=list(records)))

    store("a.txt", ActorRecord("Karel Brandt", "person"))
    store("b.txt", ActorRecord("Brandt", "place"))
    store("c.txt", ActorRecord("Karel Brandt", "organisation"))
    store("d.txt", ActorRecord("Mira Lincoln", "person"), ActorRecord("Lincoln", "place"),
          ActorRecord("Kim Jong Un", "person"), ActorRecord("UN", "organisation"))
    store("e.txt", ActorRecord("Tova Sand", "organisation"))
    store("f.txt", ActorRecord("Tova Sand", "person"))
    assert _names(ledger, "Brandt") == [("Karel Brandt", "person")]
    assert ("Lincoln", "place") in _names(ledger, "Lincoln") and ("UN", "organisation") in _names(ledger, "UN")
    assert _names(ledger, "Sand") == [("Tova Sand", "person")]


def test_merges_are_listed_and_undone_for_good(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    with Ledger(db) as led:
        add(led, "Aleksandr Velikov said that the border would stay open.\n", "a.txt")
        add(led, "Alexander Velikov said that the customs office was ready.\n", "b.txt")
    r = cli("merges", "--db", db, "--json")
    [m] = json.loads(r.stdout)
    assert (m["actor"], m["merged"], m["made_by"], m["undone"]) == ("Aleksandr Velikov", "Alexander Velikov",
                                                                     "rules", False), m
    assert m["reason"] == "spelling of Aleksandr Velikov"
    r = cli("merges", "--undo", str(m["id"]), "--db", db)
    assert r.returncode == 0 and "apart" in r.stdout, r.stdout + r.stderr
    with Ledger(db) as led:
        add(led, "Alexander Velikov said on Friday that the road was closed.\n", "c.txt")
        add(led, "Alexandr Velikov said that nothing had changed.\n", "d.txt")
        with led.connect() as conn:
            counts = dict(conn.execute(select(t.actors.c.name, t.actors.c.statement_count)
                                       .where(t.actors.c.name.like("%Velikov%"))).all())
    # the undone spelling keeps its own articles; a third spelling fits both people, so it joins neither
    assert counts == {"Aleksandr Velikov": 1, "Alexander Velikov": 2, "Alexandr Velikov": 1}, counts
    r = cli("merges", "--undo", str(m["id"]), "--db", db)
    assert r.returncode == 1 and "already undone" in r.stderr and "Traceback" not in r.stderr


def test_alias_file_reports_each_line(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    with Ledger(db) as led:
        add(led, "Tova Sand said that the ferry would run.\n", "a.txt")
        add(led, "The Velm Harbour Board said that the ferry would not run.\n", "b.txt")
    spec = tmp_path / "actors.yaml"
    spec.write_text("actors:\n"
                    "  Tova Sand:\n"
                    "    aliases: [Harbour chief Sand]\n"
                    "    kind: person\n"
                    "    affiliation: Velm Harbour Board\n"
                    "    id: Q999999\n"
                    "  Nobody Known: [Never Seen]\n", encoding="utf-8")
    r = cli("aliases", str(spec), "--db", db)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "line 2: Tova Sand:" in r.stdout and "affiliation Velm Harbour Board" in r.stdout
    assert "id Q999999" in r.stdout
    assert "line 7: Nobody Known: no actor" in r.stderr and "Traceback" not in r.stderr
    with Ledger(db) as led, led.connect() as conn:
        row = conn.execute(select(t.actors).where(t.actors.c.name == "Tova Sand")).one()
        board = conn.execute(select(t.actors.c.name).where(t.actors.c.id == row.affiliation_id)).scalar()
        assert (row.external_id, board) == ("Q999999", "Velm Harbour Board")
        assert conn.execute(select(func.count()).where(t.actors.c.name == "Nobody Known")).scalar() == 0


def test_mention_names_are_clean() -> None:
    from claimledger.extract.mentions import unglued

    for text, name in [("includingKarel Brandt", "Karel Brandt"), ("propaganda?Mira Sandoval", "Mira Sandoval"),
                       ("Council of the Union.Brandt", "Brandt"), ('"Sandoval', "Sandoval"),
                       ("Karel Brandt.-", "Karel Brandt"), ("Karel Brandt - VPA", "Karel Brandt"),
                       ("Harbour Board - Mira Sandoval", "Mira Sandoval"), ("Seth G.", "Seth G."),
                       ("Frank-Walter Brandt", "Frank-Walter Brandt"), ("U.S.", "U.S.")]:
        assert unglued(0, len(text), text, text)[2] == name, text


def test_the_readme_actor_file_works_as_written(tmp_path: Path) -> None:
    """The README's YAML block is examples/actors.yaml, and on the demo ledger every line does something."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = Path(__file__).resolve().parents[1] / "examples" / "actors.yaml"
    block = readme.split("**Actors across articles.**")[1].split("```yaml\n")[1].split("```")[0]
    assert block == example.read_text(encoding="utf-8")
    db = str(tmp_path / "demo.db")
    assert cli("demo", "--db", db, "--quiet").returncode == 0
    r = cli("aliases", str(example), "--db", db)
    assert r.returncode == 0 and not r.stderr.strip(), r.stdout + r.stderr
    assert [ln.split(":")[0] for ln in r.stdout.splitlines()[:4]] == ["line 2", "line 7", "line 8", "line 10"]
    with Ledger(db) as led:
        [row] = actors(led, "Veloria's foreign minister")
        assert row["name"] == "Mira Sandoval" and row["kind"] == "person"
        assert [r["kind"] for r in actors(led, "Tarn Valley")] == ["place"]


def test_an_actor_file_merges_across_kinds(ledger: Ledger) -> None:
    from claimledger.ledger.alias_file import AliasEntry, AliasFile
    from claimledger.types import ActorRecord, Extraction

    for source, rec in (("a.txt", ActorRecord("Mira Sandoval", "person")),
                        ("b.txt", ActorRecord("Sandoval Office", "organisation"))):
        art = finish(Article(text=f"Text of {source}.\n", source=source), IngestOptions())
        ledger.add(art, Extraction(actors=[rec]))
    report = ledger.apply_aliases(AliasFile(merge=[AliasEntry(3, "Mira Sandoval", ["Sandoval Office"])]))
    assert report.merged == 1 and report.errors == [] and "merged Sandoval Office [organisation]" in report.lines[0]
    assert _names(ledger, "Sandoval") == [("Mira Sandoval", "person")]


def test_a_country_is_one_actor_under_any_name(ledger: Ledger) -> None:
    """'US', 'U.S.', 'USA' and 'America' tagged places are the United States; the article's records keep
    what it wrote, so 'quotes --speaker US' still finds them."""
    from claimledger.types import ActorRecord, Extraction

    for i, name in enumerate(["US", "U.S.", "America", "USA", "United States"]):
        art = finish(Article(text=f"Text {i}.\n", source=f"{i}.txt"), IngestOptions())
        ledger.add(art, Extraction(actors=[ActorRecord(name, "place")]))
    assert _names(ledger, "United") == [("United States", "place")]
    with ledger.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.actors)).scalar() == 1


def test_an_undone_surname_merge_stays_undone(tmp_path: Path) -> None:
    """Undoing 'Brandt' = 'Karel Brandt' moves only what was written 'Brandt'; the next article naming Karel
    Brandt does not fold them again, and merging keeps an actor's log."""
    db = str(tmp_path / "u.db")
    with Ledger(db) as led:
        add(led, "Brandt said that the pier was ready.\n", "a.txt")
        add(led, "Harbour master Karel Brandt said that 40 boats were lost.\n", "b.txt")
    [m] = [r for r in json.loads(cli("merges", "--db", db, "--json").stdout) if r["reason"].startswith("surname")]
    assert cli("merges", "--undo", str(m["id"]), "--db", db).returncode == 0
    with Ledger(db) as led:
        add(led, "Karel Brandt said on Friday that the ferry would run.\n", "c.txt")
        with led.connect() as conn:
            counts = dict(conn.execute(select(t.actors.c.name, t.actors.c.statement_count)
                                       .where(t.actors.c.name.like("%Brandt%"))).all())
            undone = conn.execute(select(func.count()).where(t.actor_merges.c.undone.is_(True))).scalar()
    assert counts == {"Brandt": 1, "Karel Brandt": 2} and undone == 1, counts


def test_names_in_other_scripts_are_apart(ledger: Ledger) -> None:
    """Names whose slugs collide ('actor' for every name in another script) are still different actors."""
    from claimledger.types import ActorRecord, Extraction

    for i, name in enumerate(["习近平", "李强", "王毅"]):
        art = finish(Article(text=f"Text {i}.\n", source=f"{i}.txt"), IngestOptions())
        ledger.add(art, Extraction(actors=[ActorRecord(name, "person")]))
    with ledger.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.actors)).scalar() == 3


def test_an_acronym_the_article_writes_out_is_the_organisation(tmp_path: Path) -> None:
    """'NMA' alone and 'Northern Maritime Alliance' alone are two actors until an article writes both; then one,
    the merge logged; undone, they stay apart. Two names one acronym could spell leave it alone."""
    db = str(tmp_path / "o.db")
    with Ledger(db) as led:
        add(led, "The NMA said that the talks had failed.\n", "a.txt")
        add(led, "The Northern Maritime Alliance said on Friday that it would send ships.\n", "b.txt")
        assert {r["name"] for r in actors(led, "Alliance")} | {r["name"] for r in actors(led, "NMA")} == {
            "NMA", "Northern Maritime Alliance"}
        add(led, "The Northern Maritime Alliance said on Monday that the strait would stay open. "
                 "The NMA has twelve members.\n", "c.txt")
        [one] = actors(led, "NMA")
        assert one["name"] == "Northern Maritime Alliance" and one["statements"] == 3, one
        assert len(quotes(led, "N.M.A.")) == 3  # the dotted spelling is the same acronym
        add(led, "The Velm Port Authority said that the quay was damaged, and the VPA asked for money. "
                 "The Valley Planning Agency met on Friday.\n", "d.txt")
        assert not [r for r in actors(led, "VPA") if r["name"] != "VPA"]
        add(led, "The Velm Port Authority said that the quay was repaired. The VPA thanked the divers.\n", "f.txt")
        add(led, "The Valley Planning Agency said that the road was approved. The VPA meets in June.\n", "g.txt")
        names = {r["name"] for r in actors(led, "Authority")} | {r["name"] for r in actors(led, "Planning")}
        assert names == {"Velm Port Authority", "Valley Planning Agency"}, names  # one acronym, two organisations
    merges = [r for r in json.loads(cli("merges", "--db", db, "--json").stdout) if r["reason"].startswith("acronym")]
    assert {(r["actor"], r["merged"]) for r in merges} == {("Northern Maritime Alliance", "NMA"),
                                                          ("Velm Port Authority", "VPA")}, merges
    [m] = [r for r in merges if r["merged"] == "NMA"]
    assert (m["actor"], m["merged"]) == ("Northern Maritime Alliance", "NMA"), m
    assert cli("merges", "--undo", str(m["id"]), "--db", db).returncode == 0
    with Ledger(db) as led:
        add(led, "The Northern Maritime Alliance said that the NMA fleet was ready.\n", "e.txt")
        assert len(actors(led, "NMA")) == 1 and actors(led, "NMA")[0]["name"] == "NMA"
