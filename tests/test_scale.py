"""Scale-out: the Spark job (real local Spark) against single-machine ingest, and two ingests at once
into one real PostgreSQL ledger."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLES, ROOT, SHARED, cli, default_extractor
from ledgerdiff import claims_digest, differences

from claimledger.batch.job import run_batch, session
from claimledger.batch.load import load
from claimledger.ledger.store import Ledger
from claimledger.workflow import ingest

CORPUS = SHARED / "corpus" / "ukraine-2022-2024"
sys.path.insert(0, str(ROOT / "scripts"))
import spark_cluster  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    s = session("local[2]")
    yield s
    s.stop()


def batch_then_load(spark: Any, inputs: list[str], tmp: Path) -> tuple[Ledger, Any]:
    report = run_batch(inputs, str(tmp / "out"), spark=spark)
    led = Ledger(str(tmp / "loaded.db"))
    load(str(tmp / "out"), led)
    return led, report


def test_examples_batch_equals_ingest_and_reruns_add_nothing(spark: Any, tmp_path: Path) -> None:
    led, report = batch_then_load(spark, [str(EXAMPLES.resolve())], tmp_path)
    with Ledger(str(tmp_path / "ingested.db")) as ref:
        ingest([str(EXAMPLES.resolve())], ref, default_extractor())
        assert differences(led, ref) == []
    assert report.articles == 13 and report.errors == [] and report.worker_peak_rss_mb > 0
    before = pq.read_table(tmp_path / "out" / "statements").column("statement_id").to_pylist()
    again = load(str(tmp_path / "out"), led)
    assert again.added == 0 and again.already == 13
    run_batch([str(EXAMPLES.resolve())], str(tmp_path / "out"), spark=spark)  # a rerun rewrites the same rows
    after = pq.read_table(tmp_path / "out" / "statements").column("statement_id").to_pylist()
    assert sorted(before) == sorted(after) and len(set(after)) == len(after)
    months = {p.name for p in (tmp_path / "out" / "articles").iterdir() if p.is_dir()}
    assert months == {"month=2025-03"}
    actors = pq.read_table(tmp_path / "out" / "actors").to_pylist()
    sandoval = [a for a in actors if a["name"] == "Mira Sandoval"]
    assert len(sandoval) == 1 and "Sandoval" in json.loads(sandoval[0]["aliases"])
    quantities = pq.read_table(tmp_path / "out" / "quantities").to_pylist()
    assert any(q["quantity"].endswith("|people") and q["claimant"] == "Henrik Vaal" for q in quantities)
    led.close()


def test_every_input_format(spark: Any, tmp_path: Path) -> None:
    """JSON Lines, HTML, text with sidecar, WARC and Parquet give the articles ingest gives."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    src = tmp_path / "in"
    src.mkdir()
    html = (EXAMPLES / "valley-courier" / "2025-03-05-vaal-rejects.html").read_bytes()
    with open(src / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://valley.example/vaal", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
    texts = sorted((EXAMPLES / "harbour-gazette").glob("*.txt"))
    pq.write_table(pa.table({"text": [p.read_text() for p in texts],
                             "title": [p.stem for p in texts], "published": ["2025-03-04"] * len(texts),
                             "outlet": ["Parquet Post"] * len(texts)}), src / "articles.parquet")
    led, report = batch_then_load(spark, [str(src), str((EXAMPLES / "nordpost").resolve()),
                                          str((EXAMPLES / "harbour-gazette").resolve())], tmp_path)
    assert report.errors == []
    with Ledger(str(tmp_path / "ref.db")) as ref:
        ingest([str(src / "crawl.warc.gz"), str((EXAMPLES / "nordpost").resolve()),
                str((EXAMPLES / "harbour-gazette").resolve())], ref, default_extractor())
        ref_titles = {r[0] for r in ref.connect().exec_driver_sql("SELECT title FROM articles")}
    with led.connect() as conn:
        titles = {r[0] for r in conn.exec_driver_sql("SELECT title FROM articles")}
        outlets = {r[0] for r in conn.exec_driver_sql("SELECT name FROM outlets")}
    assert ref_titles <= titles and {p.stem for p in texts} <= titles and "Parquet Post" in outlets
    assert report.articles == len(ref_titles) + len(texts)
    led.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real standalone cluster: a master and two one-core workers, each its own JVM, on the loopback."""
    import os

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # the drivers these tests start, like the cluster
    with spark_cluster.cluster(workers=2, cores=1, workdir=tmp_path_factory.mktemp("cluster")) as c:
        yield c


def _tasks_per_worker(c: Any, app_dirs_before: set[Path]) -> list[int]:
    logs = [p for p in c.workdir.glob("worker*/app-*") if p not in app_dirs_before]
    return [sum(f.read_text().count("Finished task") for f in d.glob("*/stderr")) for d in logs]


def test_spark_submit_to_a_standalone_cluster(cluster: Any, tmp_path: Path) -> None:
    """`spark-submit` of the job file (claimledger.batch.submit) to the cluster: both workers run tasks,
    and the loaded tables equal what `ingest` stores."""
    import pyspark

    before = set(cluster.workdir.glob("worker*/app-*"))
    script = subprocess.run([sys.executable, "-m", "claimledger.batch.submit", "--path"], capture_output=True,
                            text=True, check=True).stdout.strip()
    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    r = subprocess.run([str(submit), "--master", cluster.master, "--conf", f"spark.pyspark.python={sys.executable}",
                        "--conf", f"spark.pyspark.driver.python={sys.executable}", script,
                        str(EXAMPLES.resolve()), "--out", str(tmp_path / "out")],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.startswith("13 article(s)"), r.stdout
    tasks = _tasks_per_worker(cluster, before)
    assert len(tasks) == 2 and min(tasks) > 0, tasks  # both workers' executors did part of the job
    led = Ledger(str(tmp_path / "loaded.db"))
    load(str(tmp_path / "out"), led)
    with Ledger(str(tmp_path / "ingested.db")) as ref:
        ingest([str(EXAMPLES.resolve())], ref, default_extractor())
        assert differences(led, ref) == []
    led.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_corpus_on_a_standalone_cluster_equals_ingest(cluster: Any, corpus_db: tuple[Path, str], pg_server: Any,
                                                      tmp_path: Path) -> None:
    """`claimledger batch --master spark://…` on the cluster over the 447 real articles: loaded, it
    equals the ledger `ingest` built, row for row."""
    before = set(cluster.workdir.glob("worker*/app-*"))
    r = cli("batch", str(CORPUS.resolve()), "--out", str(tmp_path / "out"), "--master", cluster.master,
            timeout=1200)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.startswith("447 article(s)"), r.stdout
    tasks = _tasks_per_worker(cluster, before)
    assert len(tasks) == 2 and min(tasks) > 0, tasks
    led = Ledger(str(tmp_path / "loaded.db"))
    load(str(tmp_path / "out"), led)
    with Ledger(str(corpus_db[0])) as ref:
        assert differences(led, ref) == []
    assert len({p.name for p in (tmp_path / "out" / "articles").iterdir() if p.is_dir()}) > 12  # by month
    led.close()
    _four_writers_load_without_deadlocks(tmp_path / "out", pg_server, corpus_db[0])


def _four_writers_load_without_deadlocks(out: Path, pg_server: Any, ref_db: Path) -> None:
    """Four loading processes over 447 real articles, most naming the same actors in different orders: each
    takes its names' locks in one order, so PostgreSQL reports no deadlock, and nothing is lost or doubled."""
    url = pg_server.create_db("four_writers")
    r = cli("load", str(out), "--db", url, "--workers", "4", "--quiet", timeout=900)
    assert r.returncode == 0 and "stored 447, already present 0" in r.stdout, r.stdout + r.stderr
    with Ledger(url) as shared, Ledger(str(ref_db)) as ref:
        for k in ("articles", "statements", "figures", "mentions"):
            assert shared.counts()[k] == ref.counts()[k], k
        with shared.connect() as conn:
            deadlocks = conn.exec_driver_sql("SELECT deadlocks FROM pg_stat_database WHERE datname = "
                                             "current_database()").scalar()
    assert deadlocks == 0, deadlocks


@pytest.mark.postgres
def test_parallel_load_into_postgresql(spark: Any, pg_server: Any, tmp_path: Path) -> None:
    """`load --workers 2` into PostgreSQL: every article once, counts and tallies exact, a reload adds
    nothing; into SQLite it says why not, and writes nothing."""
    from test_tallies import rebuilt, snapshot

    run_batch([str(EXAMPLES.resolve())], str(tmp_path / "out"), spark=spark)
    url = pg_server.create_db("parallel_load")
    r = cli("load", str(tmp_path / "out"), "--db", url, "--workers", "2", "--quiet")
    assert r.returncode == 0 and "stored 13, already present 0" in r.stdout, r.stdout + r.stderr
    with Ledger(str(tmp_path / "ref.db")) as ref, Ledger(url) as shared:
        ingest([str(EXAMPLES.resolve())], ref, default_extractor())
        for k in ("articles", "statements", "figures", "mentions"):
            assert shared.counts()[k] == ref.counts()[k], k
        with shared.connect() as conn:
            assert conn.exec_driver_sql("SELECT identity FROM articles GROUP BY identity HAVING count(*) > 1"
                                        ).fetchall() == []
            assert conn.exec_driver_sql("SELECT count(*) FROM actors a WHERE statement_count != (SELECT count("
                                        "DISTINCT utterance) FROM statements WHERE actor_id = a.id)").scalar() == 0
        assert snapshot(shared) == rebuilt(shared)
    again = cli("load", str(tmp_path / "out"), "--db", url, "--workers", "2", "--quiet")
    assert again.returncode == 0 and "stored 0, already present 13" in again.stdout, again.stdout
    lite = cli("load", str(tmp_path / "out"), "--db", str(tmp_path / "l.db"), "--workers", "2")
    assert lite.returncode != 0 and "SQLite" in lite.stderr and "Traceback" not in lite.stderr
    assert len(lite.stderr.strip().splitlines()) == 1, lite.stderr


@pytest.mark.postgres
def test_two_ingests_into_one_postgresql(pg_server: Any, tmp_path: Path) -> None:
    """Two processes ingest the same sources into one database at once: nothing lost, nothing twice.

    Both read in the same order, so they race for every article and actor at the same moment; (in
    opposite orders the actors would legitimately differ, as merging follows the order articles come.)
    """
    url = pg_server.create_db("concurrent")
    folders = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
    exe = str(Path(sys.executable).with_name("claimledger"))
    runs = [subprocess.Popen([exe, "ingest", *map(str, folders), "--db", url], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [r.communicate(timeout=600) for r in runs]
    for r, (_, stderr) in zip(runs, outs, strict=True):
        assert r.returncode == 0 and "skipped" not in stderr, stderr
    added = [int(o.strip().splitlines()[-1].split("stored ")[1].split(",")[0]) for o, _ in outs]
    assert sum(added) == 13, outs
    with Ledger(str(tmp_path / "one.db")) as ref:
        ingest(list(map(str, folders)), ref, default_extractor())
        with Ledger(url) as shared:
            counts, ref_counts = shared.counts(), ref.counts()
            assert counts["articles"] == ref_counts["articles"] == 13
            assert counts["statements"] == ref_counts["statements"]
            assert counts["figures"] == ref_counts["figures"]
            with shared.connect() as conn:
                dup = conn.exec_driver_sql("SELECT identity FROM articles GROUP BY identity HAVING count(*) > 1")
                assert dup.fetchall() == []
                names = sorted(r[0] for r in conn.exec_driver_sql("SELECT name FROM actors"))
                wrong = conn.exec_driver_sql(
                    "SELECT count(*) FROM actors a WHERE statement_count != "
                    "(SELECT count(DISTINCT utterance) FROM statements WHERE actor_id = a.id)").scalar()
            ref_names = sorted(r[0] for r in ref.connect().exec_driver_sql("SELECT name FROM actors"))
            assert names == ref_names and len(set(names)) == len(names)
            assert wrong == 0
            assert claims_digest(shared) == claims_digest(ref)  # two writers never make two claims of one quote
