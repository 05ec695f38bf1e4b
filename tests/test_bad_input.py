"""Bad input: one clear line naming the file and the fix, the run goes on, nothing stored is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import cli

GOOD = ("The harbour master said on Monday that the port would stay closed for a week. "
        "\"Safety comes first,\" she told the Port Echo.\n")


def make_bad_folder(d: Path) -> dict[str, str]:
    """Each bad file, with a word its error line must contain."""
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes("Le ministre a déclaré que la réunion aura lieu à Genève. ".encode("latin-1") * 3)
    (d / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))  # 50 MB
    (d / "broken.html").write_text("<html><body><div><p>unclosed <b>tags <<<>>> \x00", encoding="utf-8")
    (d / "lines.jsonl").write_text('{"text": "' + GOOD.strip().replace('"', "'") + '", "title": "ok"}\n'
                                   '{"text": "broken\n'
                                   '{"text": "Another good line says the port reopened on Friday.", "title": "ok2"}\n',
                                   encoding="utf-8")
    (d / "cut.warc.gz").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>")
    return {"empty.txt": "empty", "binary.txt": "binary", "huge.txt": "too large", "broken.html": "HTML",
            "lines.jsonl:2": "broken JSON", "cut.warc.gz": "WARC"}


def test_every_bad_file_gets_one_line_and_the_rest_is_stored(tmp_path: Path) -> None:
    expected = make_bad_folder(tmp_path / "in")
    db = tmp_path / "l.db"
    r = cli("ingest", str(tmp_path / "in"), "--db", str(db))
    assert r.returncode == 1, r.stderr  # inputs were skipped: a script can tell, the others are stored
    assert r.stdout.strip().splitlines()[-1] == f"stored 4, already present 0, skipped {len(expected)}"
    assert "Traceback" not in r.stderr + r.stdout
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("skipped:")]
    for name, word in expected.items():
        hits = [ln for ln in lines if name in ln]
        assert len(hits) == 1, (name, lines)
        assert word.lower() in hits[0].lower() and "fix:" in hits[0]
    with sqlite3.connect(db) as conn:
        titles = sorted(t or "" for (t,) in conn.execute("SELECT title FROM articles"))
        texts = [t for (t,) in conn.execute("SELECT text FROM articles")]
    # good.txt, latin1.txt (decoded, not refused) and the two good JSON lines
    assert len(titles) == 4, titles
    assert any("déclaré" in t for t in texts)


def test_not_a_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my precious notes\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = cli("ingest", str(tmp_path / "a.txt"), "--db", str(db))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "not a SQLite database" in r.stderr and "notes.db" in r.stderr
    assert db.read_text(encoding="utf-8") == "my precious notes\n"


def test_unreachable_and_private_urls(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = cli("ingest", "http://127.0.0.1:9/nothing", "http://10.1.2.3/x", "http://no-such-host.invalid/",
            str(tmp_path / "a.txt"), "--db", str(db))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stdout.strip().splitlines()[-1] == "stored 1, already present 0, skipped 3"
    assert "127.0.0.1" in r.stderr and "private or loopback" in r.stderr
    assert "10.1.2.3" in r.stderr
    assert "no-such-host.invalid" in r.stderr and "does not resolve" in r.stderr
    r2 = cli("ingest", "http://127.0.0.1:9/nothing", "--allow-private", "--db", str(db))
    assert "unreachable" in r2.stderr and "Traceback" not in r2.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_missing_path(tmp_path: Path) -> None:
    r = cli("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "l.db"))
    assert "no such file" in r.stderr and "Traceback" not in r.stderr and r.returncode == 1
    assert cli("ingest", "--no-such-option", "x").returncode == 2  # a usage error


def test_undecodable_bytes_are_stored_with_a_warning_not_mojibake(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    good = "Mayor Ivo Dahl said on Friday that the café would reopen; prices rose by 5 €.\n".encode()
    (tmp_path / "in" / "broken.txt").write_bytes(good[:30] + b"\xfe\xff" + good[30:])
    db = tmp_path / "l.db"
    r = cli("ingest", str(tmp_path / "in"), "--db", str(db))
    assert r.returncode == 0, r.stderr  # stored: a warning, not a skip
    [line] = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    assert "broken.txt" in line and "not valid UTF-8 at byte 30" in line and "fix:" in line
    with sqlite3.connect(db) as conn:
        [(text,)] = conn.execute("SELECT text FROM articles").fetchall()
    assert "café" in text and "€" in text and "\ufffd" in text
