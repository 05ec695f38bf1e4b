"""The README's own examples, run: every `claimledger` command in its shell blocks against the demo ledger,
every `curl` against the app, every page and JSON twin its web table names (the way datasette tests its docs).

A few lines cannot run here and say why in ``ELSEWHERE``: they are the same commands other tests run on real
data (the corpus, Spark, a cluster) or need a machine this test does not have.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient

from claimledger.interfaces.web import create_app

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXE = str(Path(sys.executable).with_name("claimledger"))
READS = {"stats", "search", "quotes", "actors", "figures", "claims", "positions", "events", "export", "merges"}
ELSEWHERE = {  # first words of a line -> the test that runs that command for real
    "claimledger ingest ../shared/corpus": "test_corpus ingests the 447 articles",
    "claimledger batch": "test_scale runs batch on the examples and the corpus",
    "claimledger load": "test_scale loads what batch wrote",
    "claimledger merges --undo": "test_actors undoes a merge of its own ledger",
    "spark-submit": "test_scale submits claimledger/batch/submit.py to a real standalone cluster",
    "python scripts/spark_cluster.py": "test_scale starts the same cluster and runs batch and spark-submit on it",
    "python3.11 -m venv cl-env": "packs an environment for a cluster's executors: about 1 GB, not built here",
    "cl-env/bin/venv-pack": "packs an environment for a cluster's executors: about 1 GB, not built here",
    "$(which claimledger) batch": "needs a cluster",
    "cat story.txt": "story.txt is the reader's own file (stdin ingest: test_cli.test_stdin_is_an_article)",
    "pip install": "the install step (make test does it)",
    "createdb": "needs a PostgreSQL the reader runs",
    "claimledger ingest /data": "a reader's folders on a shared PostgreSQL (test_scale: concurrent writers)",
    "CLAIMLEDGER_TOKEN=s3cret claimledger serve": "the server the curl lines below talk to: served here in-process",
    "CLAIMLEDGER_DB=postgresql": "a reader's PostgreSQL (the store tests run on a real one)",
}


def shell_lines() -> list[str]:
    lines: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for raw in joined.splitlines():
            line = re.sub(r"\s+#\s.*$", "", raw).strip().rstrip("&").strip()
            if line and not line.startswith(("make ", "#")):
                lines.append(line)
    return lines


LINES = shell_lines()


def test_the_readme_has_examples_and_each_is_run_or_says_where() -> None:
    assert len(LINES) >= 15
    for line in LINES:
        assert line.startswith(("claimledger ", "curl ")) or any(line.startswith(k) for k in ELSEWHERE), line


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("readme") / "demo.db")
    subprocess.run([EXE, "demo", "--db", db], check=True, capture_output=True)
    return db


@pytest.mark.parametrize("line", [ln for ln in LINES if ln.startswith("claimledger ")])
def test_every_command(line: str, demo: str, tmp_path: Path) -> None:
    if any(line.startswith(k) for k in ELSEWHERE):
        pytest.skip(ELSEWHERE[next(k for k in ELSEWHERE if line.startswith(k))])
    args = shlex.split(line)[1:]
    if "--db" in args:  # the reader's ledger is the demo here
        i = args.index("--db")
        del args[i:i + 2]
    if "--out" in args:
        args[args.index("--out") + 1] = str(tmp_path / Path(args[args.index("--out") + 1]).name)
    r = subprocess.run([EXE, *args, "--db", demo], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, (line, r.stderr[-800:])
    if args[0] in READS:
        assert r.returncode == 0, (line, r.stderr[-800:])
    else:  # an ingest of files or addresses the reader has and this machine has not: one line each, exit 1
        assert r.returncode == 1 and r.stderr.count("skipped:") >= 1 and "fix:" in r.stderr, (line, r.stderr)


def test_the_curl_examples_work_as_written(tmp_path: Path) -> None:
    curls = [ln for ln in LINES if ln.startswith("curl ")]
    assert len(curls) == 2
    with TestClient(create_app(str(tmp_path / "ledger.db"), token="s3cret")) as client:
        for line in curls:
            args = shlex.split(line)
            url = next(a for a in args if a.startswith("http://127.0.0.1:8000"))[len("http://127.0.0.1:8000"):]
            if "-d" in args:
                headers = dict(h.split(": ", 1) for h in (args[i + 1] for i, a in enumerate(args) if a == "-H"))
                r = client.post(url, content=args[args.index("-d") + 1], headers=headers)
                assert r.status_code == 201, r.text
            else:
                rows = client.get(url).json()["statements"]
                assert rows and all("Ruiz" in (r["actor"] or "") for r in rows), rows  # it finds what it promised


def test_every_page_and_twin_in_the_web_table(demo: str) -> None:
    table = README[README.index("| page | JSON twin |"):]
    table = table[:table.index("\n\n")]
    paths = set(re.findall(r"`(/[^`\s]*)`", table))
    with TestClient(create_app(demo, token="")) as client:
        slug = client.get("/actors.json").json()["actors"][0]["slug"]
        for path in sorted(paths):
            concrete = path.replace("{id}", "1").replace("{slug}", slug).replace("?q=", "?q=Velorian+soldiers+killed")
            concrete = concrete.replace("?country=", "?country=NO").replace("?outlet_id=", "?outlet_id=1")
            if concrete.endswith("compare.svg"):  # the chart of the comparison the row above names
                concrete += "?q=Velorian+soldiers+killed"
            r = client.get(concrete)
            assert r.status_code == 200, (path, r.text[:200])
            if concrete.split("?")[0].endswith(".json"):
                json.loads(r.text)
