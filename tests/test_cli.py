"""The commands a user types, run as subprocesses on the bundled examples."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLES, SHARED, cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    r = cli("demo", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "Outlets" in r.stdout and "Valley Courier" in r.stdout
    return db


def test_demo_ingests_every_example_once(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (13,)
        outlets = {o for (o,) in conn.execute("SELECT name FROM outlets")}
        links = conn.execute("SELECT kind FROM article_links").fetchall()
    assert outlets == {"The Harbour Gazette", "Valley Courier", "Nordpost", "Meridian Wire"}
    assert links == [("syndicated",)]
    r = cli("demo", "--db", str(demo_db))
    assert r.stdout.strip().splitlines()[-1] == "stored 0, already present 13, skipped 0" and r.returncode == 0


def test_stats_search_export(demo_db: Path, tmp_path: Path) -> None:
    r = cli("stats", "--db", str(demo_db))
    assert r.returncode == 0 and "Mira Sandoval" in r.stdout and "articles" in r.stdout
    r = cli("search", "buffer zone", "--db", str(demo_db), "--json")
    hits = json.loads(r.stdout)
    assert {h["title"] for h in hits["articles"]} >= {"Brenna talks end without a ceasefire"}
    for fmt, table in (("jsonl", ""), ("csv", "articles"), ("parquet", "articles")):
        out = tmp_path / f"x.{fmt}"
        args = ["export", "--format", fmt, "--out", str(out), "--db", str(demo_db)]
        r = cli(*args, *(["--table", table] if table else []))
        assert r.returncode == 0, r.stderr
        if fmt == "jsonl":
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert len(rows) == 13 and all("statements" in row for row in rows)
        elif fmt == "csv":
            assert out.read_text(encoding="utf-8").count("\n") >= 11
        else:
            assert pq.read_table(out).num_rows == 13
    r = cli("export", "--format", "xml", "--db", str(demo_db))
    assert r.returncode == 1 and "unknown export format" in r.stderr and "Traceback" not in r.stderr


def test_extract_prints_one_object_per_file_with_exact_offsets(tmp_path: Path) -> None:
    files = sorted((SHARED / "seeds").glob("*.txt"))
    r = cli("extract", *map(str, files), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [Path(o["doc"]).name for o in objs] == [f.name for f in files]
    for o, f in zip(objs, files, strict=True):
        text = f.read_text(encoding="utf-8")
        assert set(o) >= {"doc", "published", "statements", "figures"}
        for m in o["mentions"]:
            assert text[m["span"]["start"]:m["span"]["end"]] == m["span"]["text"]
        for s in o["statements"]:
            assert text[s["content"]["start"]:s["content"]["end"]] == s["content"]["text"]
    r = cli("extract", str(files[0]), "--format", "table")
    assert r.returncode == 0 and "actors:" in r.stdout


def test_stdin_is_an_article(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    text = b"Mayor Ivo Dahl said on Friday that the tram line would open in June.\n"
    r = cli("ingest", "-", "--db", str(db), "--outlet", "City Post", "--published", "2024-05-01", input=text)
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT a.published, o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id"
                            ).fetchall() == [("2024-05-01", "City Post")]


def test_help_documents_every_command() -> None:
    r = cli("--help")
    for cmd in ("ingest", "extract", "stats", "search", "export", "demo"):
        assert cmd in r.stdout
    assert EXAMPLES.is_dir()


def test_quotes_and_actors_commands(demo_db: Path) -> None:
    r = cli("quotes", "--speaker", "Sandoval", "--db", str(demo_db), "--json")
    rows = json.loads(r.stdout)  # one JSON document
    assert rows and all(row["actor"] == "Mira Sandoval" for row in rows)
    assert {row["kind"] for row in rows} == {"direct", "mixed", "indirect"}
    r = cli("quotes", "--speaker", "Sandoval", "--outlet", "Nordpost", "--since", "2025-03-21", "--db", str(demo_db),
            "--jsonl")
    rows = [json.loads(line) for line in r.stdout.splitlines()]  # one row a line
    assert rows and all(row["outlet"] == "Nordpost" and row["said_on"] >= "2025-03-21" for row in rows)
    r = cli("quotes", "--contains", "buffer zone", "--db", str(demo_db), "--json")
    rows = json.loads(r.stdout)  # the syndicated copy carries the same statements: each listed once
    assert rows and all(row["outlet"] == "Meridian Wire" and row["copies"] == 1 for row in rows)
    r = cli("quotes", "--contains", "buffer zone", "--outlet", "Valley", "--db", str(demo_db), "--json")
    copies = json.loads(r.stdout)  # an outlet filter finds its own copy of each
    assert [c["content"] for c in copies] == [row["content"] for row in rows]
    assert all(c["outlet"] == "Valley Courier" and c["copies"] == 1 for c in copies)
    r = cli("actors", "Lindqvist", "--db", str(demo_db), "--json")
    [actor] = json.loads(r.stdout)
    assert actor["name"] == "Tomas Lindqvist" and actor["statements"] >= 4 and "Lindqvist" in actor["aliases"]


def test_one_output_helper_json_jsonl_csv(demo_db: Path) -> None:
    base = ["quotes", "--speaker", "Sandoval", "--db", str(demo_db)]
    doc = json.loads(cli(*base, "--json").stdout)
    lines = [json.loads(line) for line in cli(*base, "--jsonl").stdout.splitlines()]
    csv_out = cli(*base, "--csv").stdout.splitlines()
    assert isinstance(doc, list) and doc == lines and len(csv_out) == len(doc) + 1 and csv_out[0].startswith("id,")
    r = cli(*base, "--json", "--csv")
    assert r.returncode == 1 and "choose one output format" in r.stderr
    for cmd in (["actors"], ["figures"], ["events"], ["positions"], ["search", "ceasefire"]):
        r = cli(*cmd, "--db", str(demo_db), "--json")
        assert r.returncode == 0 and json.loads(r.stdout) is not None, (cmd, r.stderr)
    stats = json.loads(cli("stats", "--db", str(demo_db), "--json").stdout)
    assert stats["counts"]["articles"] == 13


@pytest.mark.parametrize("args, words", [
    (["quotes", "--since", "2023-13-45"], "--since: '2023-13-45' is not a date"),
    (["figures", "--until", "yesterday"], "--until: 'yesterday' is not a date"),
    (["quotes", "--kind", "partial"], "unknown statement kind 'partial'"),
    (["quotes", "--page", "0"], "page 0 is out of range"),
])
def test_bad_filters_are_one_line(demo_db: Path, args: list[str], words: str) -> None:
    r = cli(*args, "--db", str(demo_db))
    assert r.returncode == 2 and words in r.stderr and "fix:" in r.stderr, r.stderr  # a usage error
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_stored_version_names_the_taxonomy(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        versions = conn.execute("SELECT DISTINCT extractor_version FROM articles").fetchall()
        named = conn.execute("SELECT version, taxonomy, taxonomy_source FROM extractors").fetchall()
    assert len(versions) == 1 and len(named) == 1 and named[0][0] == versions[0][0]
    assert named[0][1] == "Tarn Valley talks (fictional)" and named[0][2].endswith("topics.yaml")
    assert "Tarn Valley talks (fictional)" in cli("stats", "--db", str(demo_db)).stdout


def test_user_text_is_never_read_as_markup(demo_db: Path) -> None:
    """Snippets mark hits as [word]: rich would read that as a style tag and delete the word."""
    r = cli("search", "buffer zone", "--db", str(demo_db))
    assert r.returncode == 0 and "[buffer]" in r.stdout and "[zone]" in r.stdout, r.stdout[-800:]


def test_exit_status_and_summary_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Mayor Ivo Dahl said on Friday that the tram would run.\n",
                                              encoding="utf-8")
    db = str(tmp_path / "x.db")
    ok = cli("ingest", str(tmp_path / "in"), "--db", db)
    assert ok.returncode == 0 and ok.stdout.strip().splitlines()[-1] == "stored 1, already present 0, skipped 0"
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    bad = cli("ingest", str(tmp_path / "in"), "--db", db)
    assert bad.returncode == 1 and bad.stdout.strip().splitlines()[-1] == "stored 0, already present 1, skipped 1"
    ext = cli("extract", str(tmp_path / "in"))
    assert ext.returncode == 1 and "extracted 1, skipped 1" in ext.stderr and len(ext.stdout.splitlines()) == 1
    assert cli("quotes", "--no-such-flag").returncode == 2


def test_lists_say_when_they_are_cut_and_all_takes_everything(demo_db: Path) -> None:
    everyone = json.loads(cli("actors", "--db", str(demo_db), "--all", "--json").stdout)
    assert len(everyone) > 5
    cut = cli("actors", "--db", str(demo_db), "--limit", "5", "--json")
    assert len(json.loads(cut.stdout)) == 5 and "more match" in cut.stderr and "--all" in cut.stderr
    whole = cli("actors", "--db", str(demo_db), "--limit", str(len(everyone)), "--json")
    assert len(json.loads(whole.stdout)) == len(everyone) and "more match" not in whole.stderr
    second = json.loads(cli("actors", "--db", str(demo_db), "--limit", "5", "--page", "2", "--json").stdout)
    assert [a["id"] for a in second] == [a["id"] for a in everyone[5:10]]
    for cmd in (["quotes"], ["figures"], ["events"]):
        rows = json.loads(cli(*cmd, "--db", str(demo_db), "--all", "--json").stdout)
        one = cli(*cmd, "--db", str(demo_db), "--limit", "1", "--json")
        assert len(json.loads(one.stdout)) == min(1, len(rows)) and (len(rows) <= 1 or "more match" in one.stderr)


def test_tables_fit_80_columns_show_whole_statements_and_dates_as_people_read_them(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    rows = json.loads(cli("quotes", "--speaker", "Sandoval", "--db", str(demo_db), "--json").stdout)
    table = cli("quotes", "--speaker", "Sandoval", "--db", str(demo_db)).stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    lines = table.splitlines()
    head = next(ln for ln in lines if " statement " in ln)
    a, b = head.index("statement"), head.index("source")
    column = " ".join(" ".join(ln[a:b].split()) for ln in lines[lines.index(head) + 2:])
    for r in rows:  # every statement whole, wrapped in its column, not cut to ten characters
        assert " ".join(r["content"].split()) in column, r["content"]
    assert rows[0]["said_on"] == "2025-03-25" and "25 Mar 2025" in table and "2025-03-25" not in table
    (tmp_path / "in").mkdir()  # no outlet anywhere: no outlet column
    (tmp_path / "in" / "a.txt").write_text("Mayor Ivo Dahl said on Friday that 40 new trams would run in June.\n",
                                           encoding="utf-8")
    db = str(tmp_path / "n.db")
    cli("ingest", str(tmp_path / "in"), "--db", db, "--published", "2025-03-04")
    figures = cli("figures", "--db", db).stdout
    assert "40" in figures and "trams" in figures and "outlet" not in figures


def _on_a_terminal(args: list[str], cwd: Path) -> str:
    """Run a command with its stderr on a pseudo-terminal, as a user at a shell sees it."""
    import os
    import pty
    import subprocess
    import sys

    main, sub = pty.openpty()
    exe = Path(sys.executable).with_name("claimledger")
    proc = subprocess.Popen([str(exe), *args], stdout=subprocess.DEVNULL, stderr=sub, cwd=cwd,
                            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(sub)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal_and_none_when_quiet_or_piped(tmp_path: Path) -> None:
    shown = _on_a_terminal(["ingest", str(EXAMPLES / "harbour-gazette"), "--db", str(tmp_path / "a.db")], tmp_path)
    assert "ingesting" in shown and "5/5" in shown and "skipped" in shown and "articles/s" in shown, shown[-600:]
    quiet = _on_a_terminal(["ingest", str(EXAMPLES / "harbour-gazette"), "--db", str(tmp_path / "b.db"), "--quiet"],
                           tmp_path)
    assert "ingesting" not in quiet and "articles/s" not in quiet
    piped = cli("ingest", str(EXAMPLES / "harbour-gazette"), "--db", str(tmp_path / "c.db"))
    assert "ingesting" not in piped.stderr and "articles/s" not in piped.stderr
