"""The command line: each command parses its arguments, calls one library function, prints."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import __version__
from ..errors import ClaimledgerError
from ..ingest import IngestOptions
from ..ledger.store import Ledger

app = typer.Typer(
    name="claimledger",
    help="Who said what, when, with which figures: an evidence-linked ledger of news claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

TopicsOpt = Annotated[Path | None, typer.Option("--topics", help="Topic taxonomy YAML for positions "
                                                                "[env CLAIMLEDGER_TOPICS; default: the shipped "
                                                                "Russia-Ukraine talks topics].")]
DbOpt = Annotated[str | None, typer.Option("--db", help="Ledger: a SQLite file path or postgresql://… URL "
                                                      "[env CLAIMLEDGER_DB; default claimledger.db]")]


def fail(error: ClaimledgerError) -> None:
    err.print(f"[red]error:[/red] {error}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(1)


def open_ledger(db: str | None) -> Ledger:
    try:
        return Ledger(db)
    except ClaimledgerError as e:
        fail(e)
        raise  # unreachable


def use_topics(topics: Path | None) -> None:
    """Check the taxonomy now (one line if it is broken) and hand it to the pipeline and its workers."""
    from ..extract.taxonomy import load

    if topics is not None:
        os.environ["CLAIMLEDGER_TOPICS"] = str(topics.resolve())
    try:
        load(os.environ.get("CLAIMLEDGER_TOPICS"))
    except ClaimledgerError as e:
        fail(e)


def progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False, disable=not err.is_terminal)


def _count_inputs(sources: list[str]) -> int | None:
    """Files to read, when every source is a plain path (a URL or '-' has no count in advance)."""
    from ..ingest.sources import iter_files

    n = 0
    for s in sources:
        p = Path(s)
        if p.is_dir():
            n += sum(1 for _ in iter_files(p))
        elif p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm", ".md", ".text"):
            n += 1
        else:
            return None
    return n


def _version(value: bool) -> None:
    if value:
        out.print(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """claimledger turns news articles into a ledger of attributed statements and figures."""


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
) -> None:
    """Read articles from SOURCES, extract their records and store them in the ledger."""
    from ..workflow import ingest as run_ingest

    use_topics(topics)
    ledger = open_ledger(db)
    opts = IngestOptions(outlet=outlet, published=published, language=language, allow_private=allow_private,
                         max_bytes=max_bytes)
    total = _count_inputs(sources)
    with progress() as bar:
        task = bar.add_task("ingesting", total=total)

        def on_error(message: str) -> None:
            err.print(f"[yellow]skipped:[/yellow] {message}", highlight=False, soft_wrap=True)
            bar.advance(task)

        report = run_ingest(sources, ledger, opts, workers=workers,
                            on_article=lambda a, added: bar.advance(task), on_error=on_error)
    counts = ledger.counts()
    out.print(f"added {report.added} article(s), {report.already} already in the ledger, "
              f"{len(report.errors)} skipped; {len(report.links)} near-duplicate link(s). "
              f"Ledger {ledger.where}: {counts['articles']} articles, {counts['actors']} actors, "
              f"{counts['statements']} statements, {counts['figures']} figures.", highlight=False, soft_wrap=True)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (text, HTML, JSON Lines, WARC, Parquet) on "
                                                     "any path Spark reads: local, hdfs://, s3a://.")],
    out_dir: Annotated[str, typer.Option("--out", help="Output folder for the Parquet tables.")],
    master: Annotated[str | None, typer.Option(help="Spark master, e.g. local[4] or spark://host:7077 "
                                                    "[default: spark-submit's, else local[*]].")] = None,
    partitions: Annotated[int | None, typer.Option(help="Extraction partitions [default: 4 x cores].")] = None,
) -> None:
    """Extract INPUTS on Apache Spark into Parquet tables (needs the [spark] extra); 'load' stores them."""
    from ..batch.job import run_batch

    report = run_batch(inputs, out_dir, master=master, partitions=partitions)
    for e in report.errors:
        err.print(f"[yellow]skipped:[/yellow] {e}", highlight=False, soft_wrap=True)
    out.print(f"{report.articles} article(s) from {report.files} file(s) ({report.duplicates} duplicate(s) dropped, "
              f"{len(report.errors)} skipped): {report.statements} statements, {report.figures} figures, "
              f"{report.actors} actors, {report.quantities} quantity/claimant rows in {report.seconds:.0f} s "
              f"({report.articles / max(report.seconds, 1e-9):.2f} articles/s); worker peak RSS "
              f"{report.worker_peak_rss_mb:.0f} MB. Tables in {out_dir}.", highlight=False, soft_wrap=True)


@app.command()
def load(
    out_dir: Annotated[str, typer.Argument(help="The --out folder of 'claimledger batch'.")],
    db: DbOpt = None,
) -> None:
    """Store the tables of a batch run in the ledger, merging actors as ingest does; reloading adds nothing."""
    from ..batch.load import load as run_load

    ledger = open_ledger(db)
    with progress() as bar:
        task = bar.add_task("loading", total=None)
        report = run_load(out_dir, ledger, on_article=lambda added: bar.advance(task))
    counts = ledger.counts()
    out.print(f"added {report.added} article(s), {report.already} already in the ledger; {report.links} "
              f"near-duplicate link(s). Ledger {ledger.where}: {counts['articles']} articles, {counts['actors']} "
              f"actors, {counts['statements']} statements, {counts['figures']} figures.", highlight=False,
              soft_wrap=True)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files, folders, '-' or URLs; nothing is stored.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object an article) or table.")] = "jsonl",
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    allow_private: Annotated[bool, typer.Option("--allow-private")] = False,
    topics: TopicsOpt = None,
) -> None:
    """Print what claimledger extracts from FILES, without a database."""
    from ..extract import extract_many
    from ..ingest import read_sources
    from ..types import Article

    use_topics(topics)
    if fmt not in ("jsonl", "table"):
        fail(ClaimledgerError("--format", f"unknown format {fmt!r}", "use jsonl or table"))
    arts: list[Article] = []
    for item in read_sources(files, IngestOptions(allow_private=allow_private)):
        if isinstance(item, Article):
            arts.append(item)
        else:
            err.print(f"[yellow]skipped:[/yellow] {item}", highlight=False, soft_wrap=True)
    for art, ex in extract_many(arts, workers=workers):
        record = {"doc": art.source, "title": art.title, "outlet": art.outlet, "published": art.published,
                  **ex.to_dict()}
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _print_extraction(record)


def _print_extraction(rec: dict[str, Any]) -> None:
    out.rule(f"{rec['doc']}  ({rec['published'] or 'undated'})")
    tab = Table("speaker", "cue", "kind", "said on", "content", show_lines=False)
    for s in rec["statements"]:
        tab.add_row(s["speaker_name"] or (s["speaker"] or {}).get("text") or "—", (s["cue"] or {}).get("text") or "",
                    s["kind"], s["said_on"] or "", s["content"]["text"][:120])
    out.print(tab)
    if rec["figures"]:
        ft = Table("figure", "value", "counted", "claimant", "as of")
        for f in rec["figures"]:
            val = f["value"] if f["value"] is not None else f"{f['low']}–{f['high']}"
            ft.add_row(f["span"]["text"], str(val), f["counted"] or "", f["claimant_name"] or "", f["as_of"] or "")
        out.print(ft)
    actors = ", ".join(a["name"] for a in rec["actors"][:15])
    out.print(f"actors: {actors}", highlight=False)


def print_summary(ledger: Ledger) -> None:
    from ..ledger.queries import summary

    s = summary(ledger)
    c = s["counts"]
    head = Table(title=f"Ledger {ledger.where}", show_header=False)
    for k in ("articles", "outlets", "actors", "statements", "figures", "mentions", "links"):
        head.add_row(k, str(c[k]))
    lo, hi = s["published"]
    head.add_row("published", f"{lo or '?'} … {hi or '?'}")
    if s["segments"]:
        head.add_row("segments", ", ".join(f"{k} {v}" for k, v in sorted(s["segments"].items())))
    out.print(head)
    if s["outlets"]:
        t = Table("outlet", "articles", title="Outlets")
        for r in s["outlets"]:
            t.add_row(r["name"], str(r["articles"]))
        out.print(t)
    if s["countries"]:
        t = Table("country", "articles", title="Countries")
        for r in s["countries"]:
            t.add_row(r["country"], str(r["articles"]))
        out.print(t)
    if s["top_speakers"]:
        t = Table("speaker", "statements", title="Most quoted")
        for r in s["top_speakers"]:
            t.add_row(r["name"], str(r["statements"]))
        out.print(t)
    if s["top_actors"]:
        t = Table("actor", "kind", "mentions", title="Most mentioned")
        for r in s["top_actors"]:
            t.add_row(r["name"], r["kind"], str(r["mentions"]))
        out.print(t)


@app.command()
def stats(db: DbOpt = None) -> None:
    """Summarise the ledger: counts, outlets, countries, most quoted and mentioned actors."""
    print_summary(open_ledger(db))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in statements and article text.")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="Hits per section.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Full-text search over statement content and article text."""
    from ..ledger.queries import search as run_search

    res = run_search(open_ledger(db), query, limit)
    if as_json:
        sys.stdout.write(json.dumps(res, ensure_ascii=False, default=str) + "\n")
        return
    t = Table("id", "speaker", "kind", "said on", "statement", title=f"Statements matching {query!r}")
    for r in res["statements"]:
        t.add_row(str(r["id"]), r["speaker_name"] or "—", r["kind"], r["said_on"] or "", r["content"][:140])
    out.print(t)
    a = Table("id", "published", "outlet", "title", "snippet", title=f"Articles matching {query!r}")
    for r in res["articles"]:
        a.add_row(str(r["id"]), r["published"] or "", r["outlet"] or "", (r["title"] or "")[:60], r["snippet"])
    out.print(a)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    table: Annotated[str, typer.Option(help="articles, statements, figures, actors, mentions, segments, links; "
                                            "jsonl without --table nests records under each article.")] = "",
    output: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (stdout for jsonl/csv).")] = None,
    db: DbOpt = None,
) -> None:
    """Export the ledger as JSON Lines, CSV or Parquet."""
    from ..ledger.export import export as run_export

    try:
        n = run_export(open_ledger(db), fmt, table or None, output)
    except ClaimledgerError as e:
        fail(e)
    if output:
        err.print(f"wrote {n} rows to {output}")


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Actor name or alias, e.g. Kallas.")] = None,
    since: Annotated[str | None, typer.Option(help="Said on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Said on or before (YYYY[-MM[-DD]]).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (part of it).")] = None,
    contains: Annotated[str | None, typer.Option(help="Words the statement contains.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, mixed or indirect.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")] = False,
    db: DbOpt = None,
) -> None:
    """List statements: who said what, when, where, with the cue."""
    from ..ledger.queries import quotes as run_quotes

    rows = run_quotes(open_ledger(db), speaker, since, until, outlet, contains, kind, limit)
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    tab = Table("said on", "speaker", "cue", "kind", "statement", "outlet", "article", title="Statements")
    for r in rows:
        tab.add_row(r["said_on"] or (r["published"] or "")[:10], r["actor"] or r["speaker_name"] or "—",
                    r["cue"] or "", r["kind"], r["content"][:160], r["outlet"] or "",
                    f"#{r['article_id']} {(r['title'] or '')[:40]}")
    out.print(tab)


@app.command()
def actors(
    search: Annotated[str | None, typer.Argument(help="Name or alias to look for.")] = None,
    kind: Annotated[str | None, typer.Option(help="person, organisation, place or group.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")] = False,
    db: DbOpt = None,
) -> None:
    """List actors with their aliases, roles and statement counts."""
    from ..ledger.queries import actors as run_actors

    rows = run_actors(open_ledger(db), search, kind, limit)
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    tab = Table("actor", "kind", "statements", "mentions", "aliases", "roles", title="Actors")
    for r in rows:
        tab.add_row(r["name"], r["kind"], str(r["statements"]), str(r["mentions"]), ", ".join(r["aliases"][:8]),
                    "; ".join(r["roles"][:3]))
    out.print(tab)


@app.command()
def aliases(
    file: Annotated[Path, typer.Argument(help="YAML (actors:/split:) or CSV (actor,alias) alias file.")],
    db: DbOpt = None,
) -> None:
    """Merge and split actors in the ledger as an alias file says."""
    from ..ledger.actors import read_alias_file

    ledger = open_ledger(db)
    try:
        stats = ledger.apply_aliases(read_alias_file(file))
    except ClaimledgerError as e:
        fail(e)
    out.print(f"merged {stats['merged']} actor(s), added {stats['aliases']} alias(es), split {stats['split']}")


figures_app = typer.Typer(help="Figures: list them, or line up one quantity across claimants.",
                          invoke_without_command=True, no_args_is_help=False)
app.add_typer(figures_app, name="figures")


def _fmt_value(r: dict[str, Any]) -> str:
    def n(v: float) -> str:
        return f"{v:,.0f}" if v >= 100 or v == int(v) else f"{v:,.2f}"
    core = n(r["value"]) if r["value"] is not None else f"{n(r['low'])}–{n(r['high'])}"
    unit = r["unit"] or ""
    return " ".join(x for x in (r["approx"] or "", core, unit if unit != "people" else "") if x)


@figures_app.callback()
def figures(
    ctx: typer.Context,
    claimant: Annotated[str | None, typer.Option(help="Who claims it (name or alias).")] = None,
    counted: Annotated[str | None, typer.Option(help="What is counted, e.g. 'Ukrainian soldiers killed'.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (part of it).")] = None,
    since: Annotated[str | None, typer.Option(help="As of this date or later.")] = None,
    until: Annotated[str | None, typer.Option(help="As of this date or earlier.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")] = False,
    db: DbOpt = None,
) -> None:
    """List figures, filtered by claimant, what is counted, outlet and date."""
    if ctx.invoked_subcommand is not None:
        return
    from ..analysis.figures import list_figures

    rows = list_figures(open_ledger(db), claimant, counted, outlet, since, until, limit)
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    tab = Table("as of", "claimant", "figure", "counted", "group", "measure", "outlet", title="Figures")
    for r in rows:
        tab.add_row(r["as_of"] or "", r["claimant"] or r["claimant_name"] or "(article)", _fmt_value(r),
                    r["counted"] or "", r["group"] or "", r["measure"] or "", r["outlet"] or "")
    out.print(tab)


@figures_app.command("compare")
def figures_compare(
    query: Annotated[str, typer.Argument(help="The quantity, in plain words: 'Ukrainian soldiers killed'.")],
    since: Annotated[str | None, typer.Option(help="As of this date or later.")] = None,
    until: Annotated[str | None, typer.Option(help="As of this date or earlier.")] = None,
    attributed: Annotated[bool, typer.Option("--attributed", help="Only figures someone claims.")] = False,
    chart_path: Annotated[Path | None, typer.Option("--chart", help="Draw the figures over time to a .png "
                                                                   "or .svg file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOpt = None,
) -> None:
    """Line up one quantity as each claimant gives it, with the spread between highest and lowest."""
    from ..analysis.figures import chart, compare

    cmp = compare(open_ledger(db), query, since, until, include_unattributed=not attributed)
    if cmp.measure is None:
        fail(ClaimledgerError(repr(query), "names no measure claimledger lines up",
                              "say what is counted: killed, wounded, missing, casualties, displaced, captured, "
                              "spent, pledged, aid, received, fired"))
    if as_json:
        sys.stdout.write(json.dumps(cmp.to_dict(), ensure_ascii=False, default=str) + "\n")
    else:
        what = " ".join(x for x in (cmp.group or "any group", cmp.measure, cmp.unit or "") if x)
        tab = Table("claimant", "figure", "measure", "as of", "outlet / article", "sentence",
                    title=f"{query}  [{what}]", show_lines=True)
        for r in cmp.rows:
            tab.add_row(r["claimant"] or r["claimant_name"] or "(article voice)",
                        _fmt_value(r) + (" (projected)" if r["projection"] else ""), r["measure"], r["as_of"] or "",
                        f"{r['outlet'] or r.get('country') or '?'} #{r['article_id']} {(r['title'] or '')[:40]}",
                        r["sentence"][:220])
        out.print(tab)
        spread = f"{cmp.spread:.2f}x" if cmp.spread else "n/a"
        out.print(f"{len(cmp.rows)} figure(s); spread (highest over lowest): {spread}", highlight=False)
    if chart_path is not None:
        if chart_path.suffix.lower() not in (".png", ".svg"):
            fail(ClaimledgerError(str(chart_path), "unknown chart format", "name the file .png or .svg"))
        chart(cmp, str(chart_path))
        err.print(f"chart written to {chart_path}")


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Ledger file for the demo.")] = "claimledger-demo.db",
    examples: Annotated[Path | None, typer.Option(help="Folder of example articles.")] = None,
) -> None:
    """Ingest the bundled (fictional) example articles into a SQLite ledger and print its summary."""
    from ..workflow import ingest as run_ingest

    folder = examples or Path(__file__).resolve().parents[2] / "examples"
    if (folder / "topics.yaml").is_file():  # the fictional story's own issues
        use_topics(folder / "topics.yaml")
    if not folder.is_dir():
        fail(ClaimledgerError(str(folder), "example folder not found", "run from a clone of claimledger or "
                                                                         "pass --examples DIR"))
    ledger = open_ledger(db)
    with progress() as bar:
        task = bar.add_task("ingesting examples", total=None)
        report = run_ingest([str(folder)], ledger, on_article=lambda a, added: bar.advance(task),
                            on_error=lambda m: err.print(f"[yellow]skipped:[/yellow] {m}", highlight=False))
    out.print(f"added {report.added}, already stored {report.already}, near-duplicate links {len(report.links)}")
    print_summary(ledger)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    max_body: Annotated[int, typer.Option(help="Largest request body accepted, in bytes (larger: 413).")]
    = 2 * 1024 * 1024,
    allow_private: Annotated[bool, typer.Option(help="Let POST /articles fetch URLs on private addresses.")]
    = False,
) -> None:
    """Open the ledger in a browser and as a JSON API. Writes need $CLAIMLEDGER_TOKEN; without it, read-only."""
    import uvicorn

    from .web import create_app

    try:
        web = create_app(db, max_body=max_body, allow_private=allow_private)
    except ClaimledgerError as e:
        fail(e)
    mode = "read-write (token set)" if os.environ.get("CLAIMLEDGER_TOKEN") else "read-only"
    err.print(f"serving {web.state.ledger.where} at http://{host}:{port}/ ({mode}); Ctrl+C stops")
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def positions(
    db: DbOpt = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic (id or part of it).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor (any alias).")] = None,
    changes: Annotated[bool, typer.Option("--changes", help="Actors whose stance on a topic changed, with the "
                                                             "statements before and after.")] = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="List each cell's evidence.")] = False,
    min_count: Annotated[int, typer.Option(help="Hide cells with fewer pieces of evidence.")] = 1,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Who stands where on each topic: the actor x topic matrix (support / oppose / mixed)."""
    from ..analysis.positions import changes as find_changes
    from ..analysis.positions import matrix

    ledger = open_ledger(db)
    if changes:
        rows = find_changes(ledger, topic, actor)
        if as_json:
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str) + "\n")
            return
        tab = Table("actor", "topic", "before", "after", show_lines=True, title="Changes of stance")
        for c in rows:
            tab.add_row(c["actor"], c["topic"], _ev(c["from"]), _ev(c["to"]))
        out.print(tab)
        out.print(f"{len(rows)} change(s)")
        return
    m = matrix(ledger, topic, actor, min_count=min_count)
    if as_json:
        sys.stdout.write(json.dumps(m, ensure_ascii=False, default=str) + "\n")
        return
    if not m["cells"]:
        out.print("No positions match. Ingest articles first, or widen --topic/--actor.")
        return
    cells = {(c["actor"], c["topic"]): c for c in m["cells"]}
    tab = Table("actor", *m["topics"], title="Positions (support + / oppose − / mixed ±; count, latest date)")
    mark = {"support": "[green]+[/green]", "oppose": "[red]−[/red]", "mixed": "[yellow]±[/yellow]"}
    for a in m["actors"][:60]:
        row = []
        for tp in m["topics"]:
            cell = cells.get((a, tp))
            row.append(f"{mark[cell['stance']]} {cell['support'] + cell['oppose']} {cell['latest'] or ''}"
                       if cell else "")
        tab.add_row(a, *row)
    out.print(tab)
    if evidence:
        for c in m["cells"]:
            out.rule(f"{c['actor']} · {c['topic']} · {c['stance']} ({c['support']}+ {c['oppose']}−)")
            for r in c["evidence"]:
                out.print(f"  {r['stance']:7} {r['date'] or '':10} #{r['article_id']} {r['evidence'][:200]}",
                          highlight=False, markup=False)


def _ev(r: dict[str, Any]) -> str:
    return f"{r['stance']} {r['date'] or ''} (#{r['article_id']})\n{r['evidence'][:160]}"


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Only events with this participant.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Meetings, rounds of talks, summits and calls on a timeline, newest first."""
    from ..analysis.positions import timeline

    rows = timeline(open_ledger(db), actor, since, until)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str) + "\n")
        return
    tab = Table("date", "kind", "participants", "place", "sentence", title="Talks and meetings")
    for r in rows:
        tab.add_row(r["date"] or "", r["kind"], ", ".join(r["participants"]), r["place"] or "", r["evidence"][:160])
    out.print(tab)


def run() -> None:
    try:
        app()
    except ClaimledgerError as e:
        err.print(f"error: {e}", highlight=False, markup=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted: every article that finished is stored")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("CLAIMLEDGER_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} (fix: rerun with CLAIMLEDGER_DEBUG=1 and report "
                  "the traceback)", highlight=False, markup=False, soft_wrap=True)
        sys.exit(2)
