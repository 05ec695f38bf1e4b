"""The extraction as a PySpark job: the same ``extract()`` per article, Parquet tables out.

Files are read by Spark (the ``binaryFile`` source: any path Hadoop reads, local, HDFS or S3 with the
usual connectors; Parquet through ``spark.read``) and cross to Python as Arrow batches
(``mapInArrow``): one stage parses them into articles, the first copy of each identity is kept, and
one stage extracts every table's rows, each Python worker building the model once and keeping it
across tasks. The tables are written partitioned by publication month. Two more stages run on
the cluster: actors merged across articles by alias key, and figures grouped by quantity and
claimant, so neither needs one machine's memory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ClaimledgerError
from ..extract.config import ExtractorConfig
from ..ingest.options import IngestOptions
from ..ingest.sources import META_SUFFIX, iter_files
from .arrow import PARSED, SUB_BATCH, TABLES, extract_articles, local_path, parse_files, parse_rows, records_ddl
from .stages import group_figures_stage, merge_actors_stage


@dataclass
class BatchReport:
    files: int = 0
    articles: int = 0
    duplicates: int = 0
    statements: int = 0
    figures: int = 0
    actors: int = 0
    quantities: int = 0
    errors: list[str] = field(default_factory=list)
    worker_peak_rss_mb: float = 0.0
    jvm_peak_rss_mb: float = 0.0  # the local driver/executor JVM, when this process started it
    seconds: float = 0.0


def list_inputs(spark: Any, inputs: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(article files, sidecar metadata files, Parquet files) in ingest's order: local folders walked
    exactly as ``ingest`` walks them, other file systems listed through Hadoop and sorted."""
    files: list[str] = []
    for src in inputs:
        if "://" not in src or src.startswith("file://"):
            p = Path(src[len("file://"):] if src.startswith("file://") else src).resolve()
            if p.is_dir():
                files += [str(f) for f in iter_files(p)]
                files += [str(f) for f in sorted(p.rglob("*" + META_SUFFIX))]
            elif p.exists():
                files.append(str(p))
                side = p.with_name(p.stem + META_SUFFIX)
                if side.is_file():
                    files.append(str(side))
            else:
                raise ClaimledgerError(src, "no such file or folder", "check the path")
        else:
            jvm = spark.sparkContext._jvm
            conf = spark.sparkContext._jsc.hadoopConfiguration()
            path = jvm.org.apache.hadoop.fs.Path(src)
            fs = path.getFileSystem(conf)
            found = []
            it = fs.listFiles(path, True)
            while it.hasNext():
                found.append(str(it.next().getPath().toString()))
            files += sorted(found)
    meta = [f for f in files if f.endswith(META_SUFFIX)]
    parquet = [f for f in files if f.endswith(".parquet")]
    articles = [f for f in files if f not in set(meta) | set(parquet)]
    return articles, meta, parquet


def _tune(spark: Any, n_parts: int) -> None:
    """Every stage in ``n_parts`` tasks: small files packed into that many splits, the dedup shuffle into
    as many partitions (never coalesced into fewer, which would idle cores), Arrow batches of 16; the
    listed files handed to the reader as they are (no Spark job to list them again)."""
    for key, value in (("spark.sql.files.minPartitionNum", n_parts), ("spark.sql.shuffle.partitions", n_parts),
                       ("spark.sql.adaptive.coalescePartitions.enabled", "false"),
                       ("spark.sql.execution.arrow.maxRecordsPerBatch", SUB_BATCH),
                       ("spark.sql.sources.parallelPartitionDiscovery.threshold", 1 << 30),
                       ("spark.sql.files.maxRecordsPerFile", 1_000_000)):
        spark.conf.set(key, str(value))


def _untune(spark: Any) -> None:
    """After extraction the stages are cheap: splits and shuffles sized by the data again (Spark's default,
    adaptive), so a small output is a few tasks and files and a large one as many as its size needs."""
    for key in ("spark.sql.files.minPartitionNum", "spark.sql.shuffle.partitions"):
        spark.conf.unset(key)
    spark.conf.set("spark.sql.adaptive.coalescePartitions.enabled", "true")


def run_batch(inputs: list[str], out: str, config: ExtractorConfig | None = None, master: str | None = None,
              partitions: int | None = None, options: IngestOptions | None = None, spark: Any = None) -> BatchReport:
    """Extract every article under ``inputs`` on Spark and write the tables under ``out``.

    ``config`` travels to the executors with the tasks (its taxonomy as text); without ``spark`` a
    session is started on ``master`` (None: spark-submit's).
    """
    import time

    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    config = config if config is not None else ExtractorConfig()
    started = time.perf_counter()
    own = spark is None
    if own:
        spark = session(master)
    try:
        report = BatchReport()
        n_parts = partitions or max(spark.sparkContext.defaultParallelism * 4, 1)
        _tune(spark, n_parts)
        parsed = _parse(spark, inputs, options or IngestOptions(), report).persist(StorageLevel.MEMORY_AND_DISK)
        failed = parsed.where(F.col("error").isNotNull()).select("file_no", "item_no", "error").collect()
        report.errors = [r.error for r in sorted(failed, key=lambda r: (r.file_no, r.item_no))]
        good = parsed.where(F.col("error").isNull()).drop("error")
        # the first of several copies of one article (same identity) wins, as in ingest
        first = Window.partitionBy("identity").orderBy("file_no", "item_no")
        firsts = good.withColumn("copy", F.row_number().over(first)).where(F.col("copy") == 1).drop("copy")
        # the extracted rows stream straight to a staging table split by kind: one pass, nothing cached
        staging = f"{out}/_records"
        firsts.mapInArrow(lambda it: extract_articles(it, config), records_ddl()).write.mode("overwrite") \
            .partitionBy("kind").parquet(staging)
        _untune(spark)
        records = spark.read.parquet(staging)  # each table reads its own kind's files and column only
        report.worker_peak_rss_mb = records.where(F.col("kind") == "_rss").agg(F.max("rss_mb")).first()[0] or 0.0
        _write_tables(spark, records, out, report)
        _remove(spark, staging)
        report.duplicates = good.count() - report.articles
        _write_extractor(spark, out, config)
        parsed.unpersist()
        _write_manifest(out, report, inputs, config)
        report.jvm_peak_rss_mb = _jvm_peak_mb(spark)
    finally:
        if own:
            spark.stop()
    report.seconds = time.perf_counter() - started
    return report


def _parse(spark: Any, inputs: list[str], opts: IngestOptions, report: BatchReport) -> Any:
    """(file number, item number, identity, Article, error line) for every item of every input, numbered
    in ingest's order; files are read by Spark's binaryFile source and parsed in Arrow batches."""
    from pyspark.sql import functions as F

    files, meta_files, parquet = list_inputs(spark, inputs)
    report.files = len(files) + len(parquet)
    order = {f: i for i, f in enumerate(files)}
    metas = {local_path(r.path): bytes(r.content) for r in
             spark.read.format("binaryFile").load(meta_files).select("path", "content").collect()} \
        if meta_files else {}
    parts = []
    if files:
        raw = spark.read.format("binaryFile").load(files).select("path", "content")
        parts.append(raw.mapInArrow(lambda it: parse_files(it, order, metas, opts), PARSED))
    if parquet:
        df = spark.read.parquet(*parquet)
        cols = set(df.columns)
        where = F.coalesce(*[F.col(c).cast("string") for c in ("source", "url") if c in cols], F.lit("parquet"))
        rows = df.select(F.monotonically_increasing_id().alias("pos"), F.to_json(F.struct(*df.columns)).alias("json"),
                         where.alias("source"))
        base = len(files)
        parts.append(rows.mapInArrow(lambda it: parse_rows(it, base, opts), PARSED))
    if not parts:
        raise ClaimledgerError(" ".join(inputs), "no input files found", "give files or folders of articles")
    return parts[0].unionByName(parts[1]) if len(parts) > 1 else parts[0]


def _write_tables(spark: Any, records: Any, out: str, report: BatchReport) -> None:
    """Each table by month from the staged records, and the two cross-article stages, all at once."""
    from concurrent.futures import ThreadPoolExecutor

    from pyspark.sql import functions as F

    def table(name: str) -> Any:
        return records.where(F.col("kind") == name).select(f"`{name}`.*")

    def write(name: str) -> None:
        table(name).write.mode("overwrite").partitionBy("month").parquet(f"{out}/{name}")

    with ThreadPoolExecutor(len(TABLES) + 2) as pool:  # one Spark job each; their tasks share the cores
        actors = pool.submit(merge_actors_stage, table("article_actors"), table("statements"), f"{out}/actors")
        quantities = pool.submit(group_figures_stage, table("figures"), f"{out}/quantities")
        list(pool.map(write, TABLES))
        counts = dict(records.groupBy("kind").count().collect())
        report.actors, report.quantities = actors.result(), quantities.result()
    report.articles, report.statements, report.figures = (counts.get(k, 0) for k in ("articles", "statements",
                                                                                     "figures"))


def _remove(spark: Any, path: str) -> None:
    """Delete a folder on whatever file system Spark wrote it to."""
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(p, True)


def _write_extractor(spark: Any, out: str, config: ExtractorConfig) -> None:
    """What the rows' extractor version stands for, as a one-row table: ``load`` records it in the ledger,
    wherever the output lives (a remote output has no manifest)."""
    info = config.describe()
    cols = ", ".join(f"{k} string" for k in info)
    spark.createDataFrame([tuple(info.values())], cols).coalesce(1).write.mode("overwrite").parquet(
        f"{out}/extractors")


def _jvm_peak_mb(spark: Any) -> float:
    """VmHWM of the JVM that pyspark launched (local mode); 0 when it is not ours to read."""
    try:
        pid = spark.sparkContext._gateway.proc.pid
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (AttributeError, OSError, ValueError):
        pass
    return 0.0

def _write_manifest(out: str, report: BatchReport, inputs: list[str], config: ExtractorConfig) -> None:
    if "://" in out and not out.startswith("file://"):
        return  # a remote output keeps only the tables
    path = Path(out[len("file://"):] if out.startswith("file://") else out) / "_claimledger.json"
    path.write_text(json.dumps({"inputs": inputs, "extractor": config.version, "articles": report.articles,
                                "statements": report.statements, "figures": report.figures, "actors": report.actors,
                                "duplicates": report.duplicates, "errors": report.errors}, indent=1))


def session(master: str | None = None, python: str | None = None) -> Any:
    """A SparkSession on ``master`` (None: what spark-submit configured, else local[*]); its Python workers
    run ``python`` (default: this interpreter, which has claimledger and the model)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ClaimledgerError("pyspark", "is not installed", "pip install 'claimledger[spark]'") from None
    import sys

    os.environ["PYSPARK_PYTHON"] = python or sys.executable  # pyspark reads its workers' Python from here
    builder = SparkSession.builder.appName("claimledger-batch")
    if master:
        builder = builder.master(master)
    spark = (builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.sources.partitionOverwriteMode", "static")
             .config("spark.python.worker.reuse", "true").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark
