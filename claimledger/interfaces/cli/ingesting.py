"""Commands that extract and store: ingest, extract, batch, load, demo, migrate, aliases."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ...errors import ClaimledgerError
from ...ingest.options import IngestOptions
from .common import (
    DbOpt,
    QuietOpt,
    TopicsOpt,
    add_row,
    app,
    db_url,
    err,
    extractor_config,
    make_extractor,
    open_ledger,
    out,
    progress,
    title,
)
from .reading import print_summary

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".text")


def _count_inputs(sources: list[str]) -> int | None:
    """Files to read, when every source is a plain path (a URL or '-' has no count in advance)."""
    from ...ingest.sources import iter_files

    n = 0
    for s in sources:
        p = Path(s)
        if p.is_dir():
            n += sum(1 for _ in iter_files(p))
        elif p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES:
            n += 1
        else:
            return None
    return n


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/yellow] {escape(message)}", highlight=False, soft_wrap=True)


def _ledger_line(ledger: Any) -> str:
    counts = ledger.counts()
    return (f"Ledger {ledger.where}: {counts['articles']} articles, {counts['actors']} actors, "
            f"{counts['statements']} statements, {counts['figures']} figures.")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders (recursive), '-' for stdin, URLs or feeds.")],
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every article read.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every article.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code for every article.")] = None,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching loopback/private "
                                                                       "addresses.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest single article file, in bytes.")] = 10 * 1024 * 1024,
    topics: TopicsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Read articles from SOURCES, extract their records and store them in the ledger."""
    from ...workflow import ingest as run_ingest

    extractor = make_extractor(topics)
    ledger = open_ledger(db, "write")
    opts = IngestOptions(outlet=outlet, published=published, language=language, allow_private=allow_private,
                         max_bytes=max_bytes)
    with progress(quiet) as bar:
        task = bar.add_task("ingesting", total=_count_inputs(sources), skipped=0)
        skipped = 0

        def on_error(message: str) -> None:
            nonlocal skipped
            skipped += 1
            err.print(f"[yellow]skipped:[/yellow] {escape(message)}", highlight=False, soft_wrap=True)
            bar.update(task, advance=1, skipped=skipped)

        report = run_ingest(sources, ledger, extractor, opts, workers=workers,
                            on_article=lambda a, added: bar.advance(task), on_error=on_error, on_warning=warn)
    out.print(f"{len(report.links)} near-duplicate link(s). {_ledger_line(ledger)}", highlight=False, soft_wrap=True)
    _finish(report.added, report.already, len(report.errors))


def _finish(stored: int, already: int, skipped: int) -> None:
    """The last line says what happened; the exit status lets a script notice: 0 when every input was stored
    or was already there, 1 when any was skipped (the others are stored)."""
    out.print(f"stored {stored}, already present {already}, skipped {skipped}", highlight=False)
    if skipped:
        raise typer.Exit(1)


def _default_master() -> str | None:
    """spark-submit's master when it launched us, else the local machine."""
    if os.environ.get("SPARK_HOME") or "spark.master" in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
        return None
    return "local[*]"


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (text, HTML, JSON Lines, WARC, Parquet) on "
                                                     "any path Spark reads: local, hdfs://, s3a://.")],
    out_dir: Annotated[str, typer.Option("--out", help="Output folder for the Parquet tables.")],
    master: Annotated[str | None, typer.Option(help="Spark master, e.g. local[4] or spark://host:7077 "
                                                    "[default: spark-submit's, else local[*]].")] = None,
    partitions: Annotated[int | None, typer.Option(help="Extraction partitions [default: 4 x cores].")] = None,
    topics: TopicsOpt = None,
) -> None:
    """Extract INPUTS on Apache Spark into Parquet tables (needs the [spark] extra); 'load' stores them."""
    from ...batch.job import run_batch, session

    config = extractor_config(topics)
    spark = session(master or _default_master(), python=os.environ.get("PYSPARK_PYTHON") or sys.executable)
    try:
        report = run_batch(inputs, out_dir, config, partitions=partitions, spark=spark)
    finally:
        spark.stop()
    for e in report.errors:
        err.print(f"[yellow]skipped:[/yellow] {escape(e)}", highlight=False, soft_wrap=True)
    out.print(f"{report.articles} article(s) from {report.files} file(s) ({report.duplicates} duplicate(s) dropped, "
              f"{len(report.errors)} skipped): {report.statements} statements, {report.figures} figures, "
              f"{report.actors} actors, {report.quantities} quantity/claimant rows in {report.seconds:.0f} s "
              f"({report.articles / max(report.seconds, 1e-9):.2f} articles/s); worker peak RSS "
              f"{report.worker_peak_rss_mb:.0f} MiB. Tables in {out_dir}.", highlight=False, soft_wrap=True)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def load(
    out_dir: Annotated[str, typer.Argument(help="The --out folder of 'claimledger batch'.")],
    db: DbOpt = None,
    workers: Annotated[int, typer.Option(help="Processes loading at once (PostgreSQL only).")] = 1,
    quiet: QuietOpt = False,
) -> None:
    """Store the tables of a batch run in the ledger, merging actors as ingest does; reloading adds nothing."""
    from ...batch.load import load as run_load

    ledger = open_ledger(db, "write")
    with progress(quiet) as bar:
        task = bar.add_task("loading", total=None, skipped=0)
        report = run_load(out_dir, ledger, on_article=lambda added: bar.advance(task), workers=workers)
    for e in report.errors:
        err.print(f"[yellow]skipped:[/yellow] {escape(e)}", highlight=False, soft_wrap=True)
    out.print(f"{report.links} near-duplicate link(s). {_ledger_line(ledger)}", highlight=False, soft_wrap=True)
    _finish(report.added, report.already, len(report.errors))


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files, folders, '-' or URLs; nothing is stored.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object an article) or table.")] = "jsonl",
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    allow_private: Annotated[bool, typer.Option("--allow-private")] = False,
    topics: TopicsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Print what claimledger extracts from FILES, without a database."""
    from ...extract import extract_many
    from ...ingest import read_sources
    from ...types import Article

    extractor = make_extractor(topics)
    if fmt not in ("jsonl", "table"):
        raise ClaimledgerError("--format", f"unknown format {fmt!r}", "use jsonl or table")
    arts: list[Article] = []
    skipped = 0
    for item in read_sources(files, IngestOptions(allow_private=allow_private)):
        if isinstance(item, Article):
            arts.append(item)
            for note in item.notes:
                warn(note)
        else:
            skipped += 1
            err.print(f"[yellow]skipped:[/yellow] {escape(str(item))}", highlight=False, soft_wrap=True)
    with progress(quiet or fmt == "table") as bar:
        task = bar.add_task("extracting", total=len(arts), skipped=skipped)
        for art, ex in extract_many(arts, extractor, workers=workers):
            record = {"doc": art.source, "title": art.title, "outlet": art.outlet, "published": art.published,
                      **ex.to_dict()}
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                _print_extraction(record)
            bar.advance(task)
    err.print(f"extracted {len(arts)}, skipped {skipped}", highlight=False)  # stdout stays the records
    if skipped:
        raise typer.Exit(1)


def _print_extraction(rec: dict[str, Any]) -> None:
    out.rule(title(f"{rec['doc']}  ({rec['published'] or 'undated'})"))
    tab = Table("speaker", "cue", "kind", "said on", "content", show_lines=False)
    for s in rec["statements"]:
        add_row(tab, s["speaker_name"] or (s["speaker"] or {}).get("text") or "—", (s["cue"] or {}).get("text") or "",
                    s["kind"], s["said_on"] or "", s["content"]["text"][:120])
    out.print(tab)
    if rec["figures"]:
        ft = Table("figure", "value", "counted", "claimant", "as of")
        for f in rec["figures"]:
            val = f["value"] if f["value"] is not None else f"{f['low']}–{f['high']}"
            add_row(ft, f["span"]["text"], str(val), f["counted"] or "", f["claimant_name"] or "", f["as_of"] or "")
        out.print(ft)
    actors = ", ".join(a["name"] for a in rec["actors"][:15])
    out.print(f"actors: {actors}", highlight=False, markup=False)


@app.command()
def aliases(
    file: Annotated[Path, typer.Argument(help="YAML (actors:/split:) or CSV (actor,alias) alias file.")],
    db: DbOpt = None,
) -> None:
    """Merge and split actors in the ledger as an alias file says; prints what each line did."""
    from ...ledger.actors import read_alias_file

    spec = read_alias_file(file)
    report = open_ledger(db, "write").apply_aliases(spec)
    for line in report.lines:
        out.print(line, highlight=False, markup=False, soft_wrap=True)
    for line in report.errors:
        err.print(f"error: {file.name}: {line}", highlight=False, markup=False, soft_wrap=True)
    out.print(f"merged {report.merged} actor(s), added {report.aliases} alias(es), split {report.split}")
    if report.errors:
        raise typer.Exit(1)


@app.command()
def migrate(db: DbOpt = None) -> None:
    """Create the ledger, or bring its schema to this version of claimledger (read commands never do)."""
    ledger = open_ledger(db, "write")
    out.print(f"{ledger.where}: schema is current", highlight=False)


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Ledger file for the demo.")] = "claimledger-demo.db",
    examples: Annotated[Path | None, typer.Option(help="Folder of example articles.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Ingest the bundled (fictional) example articles into a SQLite ledger and print its summary."""
    from ...extract import Extractor
    from ...workflow import ingest as run_ingest

    folder = examples or Path(__file__).resolve().parents[3] / "examples"
    if not folder.is_dir():
        raise ClaimledgerError(str(folder), "example folder not found", "run from a clone of claimledger or "
                                                                         "pass --examples DIR")
    own = folder / "topics.yaml"  # the fictional story's own issues
    extractor = Extractor(extractor_config(own if own.is_file() else None))
    ledger = open_ledger(db_url(db), "write")
    with progress(quiet) as bar:
        task = bar.add_task("ingesting examples", total=None, skipped=0)
        report = run_ingest([str(folder)], ledger, extractor, on_article=lambda a, added: bar.advance(task),
                            on_error=lambda m: err.print(f"[yellow]skipped:[/yellow] {escape(m)}", highlight=False),
                            on_warning=warn)
    print_summary(ledger)
    out.print(f"near-duplicate links {len(report.links)}", highlight=False)
    _finish(report.added, report.already, len(report.errors))
