"""The extraction as a PySpark job: the same ``extract()`` per article, Parquet tables out.

Files are read by Spark (``binaryFiles``: any path Hadoop reads, local, HDFS or S3 with the usual
connectors; Parquet through ``spark.read``), each partition loads the spaCy model once (cached per
Python worker), and the tables are written partitioned by publication month. Two more stages run on
the cluster: actors merged across articles by alias key, and figures grouped by quantity and
claimant, so neither needs one machine's memory.
"""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ClaimledgerError
from ..extract.config import ExtractorConfig
from ..ingest.options import IngestOptions
from ..ingest.sources import META_SUFFIX, articles_from_bytes, iter_files
from ..types import Article
from .records import PER_ARTICLE, SCHEMAS, to_rows

TABLES = ("articles", *PER_ARTICLE)


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


def _spark_types() -> dict[str, Any]:
    from pyspark.sql import types as T

    return {"string": T.StringType(), "long": T.LongType(), "int": T.IntegerType(), "double": T.DoubleType(),
            "boolean": T.BooleanType()}


def schema(table: str) -> Any:
    from pyspark.sql import types as T

    kinds = _spark_types()
    return T.StructType([T.StructField(n, kinds[k], True) for n, k in SCHEMAS[table]])


def _coerce(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    out = []
    for name, kind in SCHEMAS[table]:
        v = row.get(name)
        if v is not None and kind == "double":
            v = float(v)
        out.append(v)
    return tuple(out)


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


def _local(uri: str) -> str:
    """binaryFiles names local files 'file:/abs/path'; ingest names them by their path."""
    return uri[len("file:"):] if uri.startswith("file:") and not uri.startswith("file://") else \
        uri[len("file://"):] if uri.startswith("file://") else uri


def _extract_partition(items: Iterator[tuple[int, int, Article]], config: ExtractorConfig) -> Iterator[tuple[str, Any]]:
    """Runs on a worker: one extractor per Python worker process (keyed by the configuration's digest),
    the same ``Extractor.extract`` as the CLI."""
    from ..extract import extractor_for

    extractor = extractor_for(config)
    for file_no, item_no, art in items:
        ex = extractor.extract(art)
        for table, rows in to_rows(art, ex, file_no, item_no, extractor.version).items():
            for r in rows:
                yield table, _coerce(table, r)
    yield "_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_batch(inputs: list[str], out: str, config: ExtractorConfig | None = None, master: str | None = None,
              partitions: int | None = None, options: IngestOptions | None = None, spark: Any = None) -> BatchReport:
    """Extract every article under ``inputs`` on Spark and write the tables under ``out``.

    ``config`` travels to the executors with the tasks (its taxonomy as text); without ``spark`` a
    session is started on ``master`` (None: spark-submit's).
    """
    import time

    from pyspark import StorageLevel

    config = config if config is not None else ExtractorConfig()
    started = time.perf_counter()
    own = spark is None
    if own:
        spark = session(master)
    try:
        report = BatchReport()
        n_parts = partitions or max(spark.sparkContext.defaultParallelism * 4, 1)
        items = _read(spark, inputs, options or IngestOptions(), n_parts, report).cache()
        report.errors = [m for _, _, m in items.filter(lambda x: isinstance(x[2], str)).collect()]
        good = items.filter(lambda x: isinstance(x[2], Article))
        # the first of several copies of one article (same identity) wins, as in ingest
        firsts = (good.map(lambda x: (x[2].identity, x)).reduceByKey(lambda a, b: a if a[:2] <= b[:2] else b)
                  .values().repartition(n_parts))
        report.duplicates = good.count() - firsts.count()
        records = firsts.mapPartitions(lambda it: _extract_partition(it, config)).persist(
            StorageLevel.MEMORY_AND_DISK)  # each table is one pass over these; never extract twice
        rss = records.filter(lambda kv: kv[0] == "_rss").values().collect()
        report.worker_peak_rss_mb = max(rss, default=0.0)
        _write_tables(spark, records, out, report)
        _write_extractor(spark, out, config)
        items.unpersist()
        records.unpersist()
        _write_manifest(out, report, inputs, config)
        report.jvm_peak_rss_mb = _jvm_peak_mb(spark)
    finally:
        if own:
            spark.stop()
    report.seconds = time.perf_counter() - started
    return report


def _read(spark: Any, inputs: list[str], opts: IngestOptions, n_parts: int, report: BatchReport) -> Any:
    """(file number, item number, Article or error line) for every item of every input, in ingest's order."""
    sc = spark.sparkContext
    files, meta_files, parquet = list_inputs(spark, inputs)
    report.files = len(files) + len(parquet)
    order = {f: i for i, f in enumerate(files)}
    metas = dict(sc.binaryFiles(",".join(meta_files)).map(lambda kv: (_local(kv[0]), kv[1])).collect()) \
        if meta_files else {}
    meta_b = sc.broadcast(metas)
    order_b = sc.broadcast(order)  # local files are absolute paths, others full URIs, as binaryFiles names them

    def read(kv: tuple[str, bytes]) -> Iterator[tuple[int, int, Article | str]]:
        path = _local(kv[0])
        side = os.path.join(os.path.dirname(path), Path(path).stem + META_SUFFIX)
        for j, item in enumerate(articles_from_bytes(kv[1], path, opts, meta_b.value.get(side), side)):
            yield (order_b.value.get(path, -1), j, item if isinstance(item, Article) else str(item))

    parts = []
    if files:
        parts.append(sc.binaryFiles(",".join(files), minPartitions=n_parts).flatMap(read))
    if parquet:
        base = len(files)
        df = spark.read.parquet(*parquet)
        parts.append(df.rdd.zipWithIndex().map(lambda ri: (base, ri[1], _article_from_row(ri[0].asDict(), opts))))
    if not parts:
        raise ClaimledgerError(" ".join(inputs), "no input files found", "give files or folders of articles")
    return sc.union(parts) if len(parts) > 1 else parts[0]


def _write_tables(spark: Any, records: Any, out: str, report: BatchReport) -> None:
    """Each table by month, then the two cross-article stages over what was written."""
    for table in TABLES:
        rows = records.filter(lambda kv, t=table: kv[0] == t).values()
        spark.createDataFrame(rows, schema(table)).write.mode("overwrite").partitionBy("month").parquet(
            f"{out}/{table}")
    report.articles = spark.read.parquet(f"{out}/articles").count()
    report.statements = spark.read.parquet(f"{out}/statements").count()
    report.figures = spark.read.parquet(f"{out}/figures").count()
    report.actors = merge_actors_stage(spark, out)
    report.quantities = group_figures_stage(spark, out)


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


def _article_from_row(row: dict[str, Any], opts: IngestOptions) -> Article | str:
    from ..ingest.jsonl import articles_from_jsonl

    where = row.get("source") or row.get("url") or "parquet"
    line = json.dumps({k: v for k, v in row.items() if isinstance(v, str | int | float) or v is None})
    items = list(articles_from_jsonl(line, str(where)))
    item = items[0] if items else "empty row"
    if isinstance(item, Article):
        from ..ingest.sources import finish

        item.source = str(where)
        return finish(item, opts)
    return str(item)



def _role_texts(roles: str) -> set[str]:
    """The role phrases of an article's actor record (offsets belong to the article, not the actor)."""
    return {r if isinstance(r, str) else r["text"] for r in json.loads(roles)}

def merge_actors_stage(spark: Any, out: str) -> int:
    """Actors across all articles, merged by alias key on the cluster: one row per actor with its
    aliases, roles, article and statement counts. (``load`` re-merges exactly as ingest does.)"""
    from ..vocab.names import name_key

    aa = spark.read.parquet(f"{out}/article_actors").rdd
    st = spark.read.parquet(f"{out}/statements").rdd

    def key_of(name: str, kind: str) -> str:
        return f"{name_key(name)}|{'person' if kind == 'person' else 'other'}"

    said = (st.filter(lambda r: r.speaker_name).map(lambda r: ((r.article_id, r.speaker_name), 1))
            .reduceByKey(lambda a, b: a + b))
    per = aa.map(lambda r: ((r.article_id, r.name), r)).leftOuterJoin(said).map(
        lambda kv: (key_of(kv[1][0].name, kv[1][0].kind), {
            "names": {kv[1][0].name: 1}, "kind": kv[1][0].kind, "gender": kv[1][0].gender,
            "aliases": set(json.loads(kv[1][0].aliases)), "roles": _role_texts(kv[1][0].roles),
            "articles": 1, "statements": kv[1][1] or 0}))

    def merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        names = dict(a["names"])
        for n, c in b["names"].items():
            names[n] = names.get(n, 0) + c
        return {"names": names, "kind": a["kind"], "gender": a["gender"] or b["gender"],
                "aliases": a["aliases"] | b["aliases"], "roles": a["roles"] | b["roles"],
                "articles": a["articles"] + b["articles"], "statements": a["statements"] + b["statements"]}

    merged = per.reduceByKey(merge).map(lambda kv: (
        kv[0], max(kv[1]["names"].items(), key=lambda nc: (nc[1], len(nc[0])))[0], kv[1]["kind"], kv[1]["gender"],
        json.dumps(sorted(kv[1]["aliases"] | set(kv[1]["names"]))), json.dumps(sorted(kv[1]["roles"])),
        kv[1]["articles"], kv[1]["statements"]))
    df = spark.createDataFrame(merged, "key string, name string, kind string, gender string, aliases string, "
                                       "roles string, articles long, statements long")
    df.write.mode("overwrite").parquet(f"{out}/actors")
    return int(spark.read.parquet(f"{out}/actors").count())


def group_figures_stage(spark: Any, out: str) -> int:
    """Each quantity as each claimant gives it, over every article: the figures-compare table at scale."""
    from pyspark.sql import functions as F

    f = spark.read.parquet(f"{out}/figures").where(F.col("quantity").isNotNull())
    claimant = F.coalesce(F.col("claimant_name"), F.lit(""))
    g = (f.groupBy("quantity", claimant.alias("claimant"))
         .agg(F.count("*").alias("figures"), F.countDistinct("article_id").alias("articles"),
              F.min(F.coalesce("low", "value")).alias("lowest"), F.max(F.coalesce("high", "value")).alias("highest"),
              F.min("as_of").alias("first_as_of"), F.max("as_of").alias("last_as_of")))
    g.write.mode("overwrite").parquet(f"{out}/quantities")
    return int(spark.read.parquet(f"{out}/quantities").count())


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
