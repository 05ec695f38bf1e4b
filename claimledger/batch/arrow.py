"""What runs inside the Spark Python workers: Arrow batches of files in, articles out; Arrow batches of
articles in, every table's rows out.

Both functions are pure over their batches (``mapInArrow``), so Spark moves columns, not pickled
rows, between the JVM and Python. The extractor is built once per Python worker
(``extractor_for``) and kept across tasks, as Spark reuses its workers.
"""

from __future__ import annotations

import os
import pickle
import resource
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..extract.config import ExtractorConfig
from ..ingest.options import IngestOptions
from ..ingest.sources import META_SUFFIX, articles_from_bytes
from ..types import Article
from .records import SCHEMAS, to_rows

TABLES = ("articles", "statements", "figures", "mentions", "article_actors", "positions", "events")
# the article stage's rows: where it came from, its identity, the Article itself, or the line of why not
PARSED = "file_no long, item_no long, identity string, article binary, error string"
SUB_BATCH = 16  # articles through nlp.pipe at once, as ingest batches them


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {"string": pa.string(), "long": pa.int64(), "int": pa.int32(), "double": pa.float64(),
            "boolean": pa.bool_()}[kind]


def records_schema() -> Any:
    """One row per record: ``kind`` names the table, and that table's struct holds the row."""
    import pyarrow as pa

    fields = [pa.field("kind", pa.string()), pa.field("rss_mb", pa.float64())]
    fields += [pa.field(t, pa.struct([pa.field(n, _arrow_type(k)) for n, k in SCHEMAS[t]])) for t in TABLES]
    return pa.schema(fields)


def records_ddl() -> str:
    def struct(t: str) -> str:
        return "struct<" + ", ".join(f"`{n}`: {k}" for n, k in SCHEMAS[t]) + ">"

    return ", ".join(["kind string", "rss_mb double", *(f"`{t}` {struct(t)}" for t in TABLES)])


def local_path(uri: str) -> str:
    """Spark names local files 'file:/abs/path'; ingest names them by their path."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    return uri[len("file:"):] if uri.startswith("file:") else uri


def _parsed_row(file_no: int, item_no: int, item: Article | str) -> dict[str, Any]:
    if isinstance(item, Article):
        return {"file_no": file_no, "item_no": item_no, "identity": item.identity,
                "article": pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL), "error": None}
    return {"file_no": file_no, "item_no": item_no, "identity": None, "article": None, "error": str(item)}


def parse_files(batches: Iterator[Any], order: dict[str, int], metas: dict[str, bytes],
                opts: IngestOptions) -> Iterator[Any]:
    """Files (``path``, ``content``, as Spark's binaryFile source gives them) to articles, in ingest's numbering."""
    import pyarrow as pa

    for batch in batches:
        out = []
        for uri, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True):
            path = local_path(uri)
            side = os.path.join(os.path.dirname(path), Path(path).stem + META_SUFFIX)
            for j, item in enumerate(articles_from_bytes(content, path, opts, metas.get(side), side)):
                out.append(_parsed_row(order.get(path, -1), j, item if isinstance(item, Article) else str(item)))
        yield pa.RecordBatch.from_pylist(out, schema=_parsed_schema())


def parse_rows(batches: Iterator[Any], file_no: int, opts: IngestOptions) -> Iterator[Any]:
    """Rows of Parquet inputs (each as its JSON object, with its position) to articles, as JSON Lines would be."""
    import pyarrow as pa

    from ..ingest.jsonl import articles_from_jsonl
    from ..ingest.sources import finish

    for batch in batches:
        out = []
        for pos, line, where in zip(batch.column("pos").to_pylist(), batch.column("json").to_pylist(),
                                    batch.column("source").to_pylist(), strict=True):
            items = list(articles_from_jsonl(line, str(where)))
            item = items[0] if items else "empty row"
            if isinstance(item, Article):
                item.source = str(where)
                item = finish(item, opts)
            out.append(_parsed_row(file_no, pos, item if isinstance(item, Article) else str(item)))
        yield pa.RecordBatch.from_pylist(out, schema=_parsed_schema())


def _parsed_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("file_no", pa.int64()), ("item_no", pa.int64()), ("identity", pa.string()),
                      ("article", pa.binary()), ("error", pa.string())])


def _coerce(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, kind in SCHEMAS[table]:
        v = row.get(name)
        out[name] = float(v) if v is not None and kind == "double" else v
    return out


def extract_articles(batches: Iterator[Any], config: ExtractorConfig) -> Iterator[Any]:
    """Articles to the rows of every table, ``SUB_BATCH`` at a time through the same extractor as ingest."""
    import pyarrow as pa

    from ..extract import extractor_for

    extractor = extractor_for(config)
    schema = records_schema()
    for batch in batches:
        cols = [batch.column(c).to_pylist() for c in ("file_no", "item_no", "article")]
        items = list(zip(*cols, strict=True))
        for i in range(0, len(items), SUB_BATCH):
            chunk = items[i:i + SUB_BATCH]
            arts = [pickle.loads(blob) for _, _, blob in chunk]
            out = []
            for (file_no, item_no, _), art, ex in zip(chunk, arts, extractor.extract_batch(arts), strict=True):
                for table, rows in to_rows(art, ex, file_no, item_no, extractor.version).items():
                    out += [{"kind": table, table: _coerce(table, r)} for r in rows]
            yield pa.RecordBatch.from_pylist(out, schema=schema)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    yield pa.RecordBatch.from_pylist([{"kind": "_rss", "rss_mb": rss}], schema=schema)
