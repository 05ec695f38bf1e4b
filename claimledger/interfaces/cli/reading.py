"""Commands that read the ledger: stats, search, export, quotes, actors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .common import (
    AllOpt,
    DbOpt,
    Format,
    JsonOpt,
    LimitOpt,
    PageOpt,
    SinceOpt,
    UntilOpt,
    add_row,
    app,
    emit,
    err,
    listed,
    make_filters,
    open_ledger,
    out,
    output_options,
    title,
)


def _table(heading: str, head: tuple[str, ...], rows: list[tuple[Any, ...]], **kw: Any) -> Table:
    tab = Table(*head, title=title(heading), **kw)
    for r in rows:
        add_row(tab, *r)
    return tab


def print_summary(ledger: Any) -> None:
    from ...ledger.read.overview import summary

    s = summary(ledger)
    c = s["counts"]
    head = Table(title=title(f"Ledger {ledger.where}"), show_header=False)
    for k in ("articles", "outlets", "actors", "statements", "figures", "mentions", "links"):
        add_row(head, k, c[k])
    lo, hi = s["published"]
    add_row(head, "published", f"{lo or '?'} … {hi or '?'}")
    if s["segments"]:
        add_row(head, "segments", ", ".join(f"{k} {v}" for k, v in sorted(s["segments"].items())))
    for e in s["extractors"]:
        add_row(head, "extracted by", f"{e['version'] or '?'} (topics: {e['taxonomy'] or '?'}): {e['articles']} "
                                     "articles")
    out.print(head)
    sections = [("outlets", "Outlets", ("outlet", "articles"), lambda r: (r["name"], r["articles"])),
                ("countries", "Countries", ("country", "articles"), lambda r: (r["country"], r["articles"])),
                ("top_speakers", "Most quoted", ("speaker", "statements"), lambda r: (r["name"], r["statements"])),
                ("top_actors", "Most mentioned", ("actor", "kind", "mentions"),
                 lambda r: (r["name"], r["kind"], r["mentions"]))]
    for key, heading, cols, cells in sections:
        if s[key]:
            out.print(_table(heading, cols, [cells(r) for r in s[key]]))


@app.command()
def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Summarise the ledger: counts, outlets, countries, most quoted and mentioned actors."""
    ledger = open_ledger(db)
    if as_json:
        from ...ledger.read.overview import summary

        emit("json", summary(ledger))
        return
    print_summary(ledger)


@app.command()
@output_options
def search(
    query: Annotated[str, typer.Argument(help="Words to find in statements and article text.")],
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Statements of this actor (any alias).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (part of it).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    kind: Annotated[str | None, typer.Option(help="direct, mixed or indirect (statements only).")] = None,
    limit: Annotated[int, typer.Option(help="Hits per section.")] = 20,
    page: PageOpt = 1,
    fmt: Format = "table",
) -> None:
    """Full-text search over statement content and article text."""
    from ...ledger.read import full_text_search as run_search

    f = make_filters(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind, page=page, per_page=limit)
    res = run_search(open_ledger(db), query, f)

    def tables() -> None:
        out.print(_table(f"Statements matching {query!r}", ("id", "speaker", "kind", "said on", "statement"),
                         [(r["id"], r["speaker_name"] or "—", r["kind"], r["said_on"] or "", r["content"][:140])
                          for r in res["statements"]]))
        out.print(_table(f"Articles matching {query!r}", ("id", "published", "outlet", "title", "snippet"),
                         [(r["id"], r["published"] or "", r["outlet"] or "", (r["title"] or "")[:60], r["snippet"])
                          for r in res["articles"]]))

    hits = [{"section": k, **r} for k in ("statements", "articles") for r in res[k]]
    emit(fmt, res, rows=hits, table=tables)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet, or claimreview (schema.org "
                                                      "ClaimReview JSON-LD of the claims).")] = "jsonl",
    table: Annotated[str, typer.Option(help="articles, statements, figures, actors, mentions, segments, links, "
                                            "positions, events; jsonl without --table nests records under each "
                                            "article.")] = "",
    output: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (stdout for jsonl/csv).")] = None,
    db: DbOpt = None,
) -> None:
    """Export the ledger as JSON Lines, CSV or Parquet, or its claims as ClaimReview JSON-LD."""
    from ...ledger.export import export as run_export

    n = run_export(open_ledger(db), fmt, table or None, output)
    if output:
        err.print(f"wrote {n} rows to {output}")


@app.command()
@output_options
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Actor name or alias, e.g. Kallas.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (part of it).")] = None,
    contains: Annotated[str | None, typer.Option(help="Words the statement contains.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, mixed or indirect.")] = None,
    limit: LimitOpt = 50,
    page: PageOpt = 1,
    db: DbOpt = None,
    every: AllOpt = False,
    fmt: Format = "table",
) -> None:
    """List statements: who said what, when, where, with the cue."""
    from ...ledger.read import list_statements

    f = make_filters(speaker=speaker, since=since, until=until, outlet=outlet, contains=contains, kind=kind,
                     page=page, per_page=limit)
    ledger = open_ledger(db)
    rows = listed(lambda page: list_statements(ledger, page), f, every)
    emit(fmt, rows, rows=rows, title="Statements", columns=[
        ("said on", lambda r: r["said_on"] or (r["published"] or "")[:10]),
        ("speaker", lambda r: r["actor"] or r["speaker_name"] or "—"), ("cue", lambda r: r["cue"] or ""),
        ("kind", lambda r: r["kind"]), ("statement", lambda r: r["content"]),
        ("source", lambda r: " ".join(x for x in (r["outlet"] or "", f"#{r['article_id']}") if x)),
        ("also in", lambda r: f"{r['copies']} more" if r["copies"] else ""),
    ])


@app.command()
@output_options
def actors(
    search: Annotated[str | None, typer.Argument(help="Name or alias to look for.")] = None,
    kind: Annotated[str | None, typer.Option(help="person, organisation, place or group.")] = None,
    limit: LimitOpt = 50,
    page: PageOpt = 1,
    db: DbOpt = None,
    every: AllOpt = False,
    fmt: Format = "table",
) -> None:
    """List actors with their aliases, roles and statement counts."""
    from ...ledger.read import list_actors as run_actors

    f = make_filters(page=page, per_page=limit)
    ledger = open_ledger(db)
    rows = listed(lambda p: run_actors(ledger, search, kind, p.limit, p.offset), f, every)
    emit(fmt, rows, rows=rows, title="Actors", columns=[
        ("actor", lambda r: r["name"]), ("kind", lambda r: r["kind"]), ("statements", lambda r: r["statements"]),
        ("mentions", lambda r: r["mentions"]), ("aliases", lambda r: ", ".join(r["aliases"][:8])),
        ("roles", lambda r: "; ".join(r["roles"][:3])),
    ])


@app.command()
@output_options
def merges(
    search: Annotated[str | None, typer.Argument(help="Only the merges into this actor (any alias).")] = None,
    undo: Annotated[int | None, typer.Option("--undo", help="Undo the merge with this id.")] = None,
    limit: LimitOpt = 50,
    page: PageOpt = 1,
    db: DbOpt = None,
    every: AllOpt = False,
    fmt: Format = "table",
) -> None:
    """Actor merges with their reasons (the rules' and the alias files'); --undo ID splits one apart again."""
    if undo is not None:
        out.print(open_ledger(db, "write").unmerge(undo), highlight=False, markup=False)
        return
    from ...ledger.read import list_merges

    f = make_filters(page=page, per_page=limit)
    ledger = open_ledger(db)
    rows = listed(lambda p: list_merges(ledger, search, p.limit, p.offset), f, every)
    emit(fmt, rows, rows=rows, title="Merges", columns=[
        ("id", lambda r: r["id"]), ("actor", lambda r: r["actor"]), ("merged", lambda r: r["merged"]),
        ("was", lambda r: r["kind"] or ""), ("reason", lambda r: r["reason"]), ("by", lambda r: r["made_by"]),
        ("undone", lambda r: "yes" if r["undone"] else ""),
    ])
