"""Positions and events: who stands where, who moved, and the talks timeline."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from .common import (
    AllOpt,
    DbOpt,
    Format,
    LimitOpt,
    PageOpt,
    SinceOpt,
    TopicsOpt,
    UntilOpt,
    add_row,
    app,
    emit,
    listed,
    make_filters,
    open_ledger,
    out,
    output_options,
    title,
)

MARK = {"support": "[green]+[/green]", "oppose": "[red]−[/red]", "mixed": "[yellow]±[/yellow]"}


@app.command()
@output_options
def positions(
    db: DbOpt = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic (id or part of it).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor (any alias).")] = None,
    changes: Annotated[bool, typer.Option("--changes", help="Actors whose stance on a topic changed, with the "
                                                             "statements before and after.")] = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="List each cell's evidence.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="With each piece of evidence, the taxonomy pattern "
                                                             "that matched it and the words it matched.")] = False,
    topics: TopicsOpt = None,
    min_count: Annotated[int, typer.Option(help="Hide cells with fewer pieces of evidence.")] = 1,
    fmt: Format = "table",
) -> None:
    """Who stands where on each topic: the actor x topic matrix (support / oppose / mixed)."""
    from ...analysis.positions import changes as find_changes
    from ...analysis.positions import matrix

    ledger = open_ledger(db)
    if changes:
        rows = find_changes(ledger, topic, actor)
        emit(fmt, rows, rows=rows, table=lambda: _print_changes(rows))
        return
    m = matrix(ledger, topic, actor, min_count=min_count)
    if explain:
        from ...analysis.positions import explain as explained

        m = explained(m, str(topics) if topics else None)
    emit(fmt, m, rows=m["cells"], table=lambda: _print_matrix(m, evidence or explain))


def _print_changes(rows: list[dict[str, Any]]) -> None:
    tab = Table("actor", "topic", "before", "after", show_lines=True, title="Changes of stance")
    for c in rows:
        add_row(tab, c["actor"], c["topic"], _ev(c["from"]), _ev(c["to"]))
    out.print(tab)
    out.print(f"{len(rows)} change(s)")


def _print_matrix(m: dict[str, Any], evidence: bool) -> None:
    if not m["cells"]:
        out.print("No positions match. Ingest articles first, or widen --topic/--actor.")
        return
    cells = {(c["actor"], c["topic"]): c for c in m["cells"]}
    tab = Table("actor", *m["topics"], title="Positions (support + / oppose − / mixed ±; count, latest date)")
    for a in m["actors"][:60]:
        row = []
        for tp in m["topics"]:
            cell = cells.get((a, tp))
            row.append(Text.from_markup(MARK[cell["stance"]]) + f" {cell['support'] + cell['oppose']} "
                       f"{cell['latest'] or ''}" if cell else "")
        add_row(tab, a, *row)
    out.print(tab)
    if evidence:
        for c in m["cells"]:
            out.rule(title(f"{c['actor']} · {c['topic']} · {c['stance']} ({c['support']}+ {c['oppose']}−)"))
            for r in c["evidence"]:
                out.print(f"  {r['stance']:7} {r['date'] or '':10} #{r['article_id']} {r['evidence'][:200]}",
                          highlight=False, markup=False)
                if "pattern" in r:
                    out.print(f"          matched {r['matched']!r} by {r['pattern_stance']} pattern {r['pattern']}"
                              if r["pattern"] else "          (no pattern of this taxonomy matches it now)",
                              highlight=False, markup=False)


def _ev(r: dict[str, Any]) -> str:
    return f"{r['stance']} {r['date'] or ''} (#{r['article_id']})\n{r['evidence'][:160]}"


@app.command()
@output_options
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Only events with this participant (any alias).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 200,
    page: PageOpt = 1,
    every: AllOpt = False,
    fmt: Format = "table",
) -> None:
    """Meetings, rounds of talks, summits and calls on a timeline, newest first."""
    from ...ledger.read import list_events as run_events

    ledger = open_ledger(db)
    rows = listed(lambda p: run_events(ledger, p), make_filters(speaker=actor, since=since, until=until,
                                                                page=page, per_page=limit), every)
    emit(fmt, rows, rows=rows, title="Talks and meetings", columns=[
        ("date", lambda r: r["date"] or f"(reported {(r['published'] or '?')[:10]})"), ("kind", lambda r: r["kind"]),
        ("participants", lambda r: ", ".join(r["participants"])), ("place", lambda r: r["place"] or ""),
        ("sentence", lambda r: r["evidence"][:160]),
        ("also in", lambda r: f"{r['copies']} more" if r["copies"] else ""),
    ])
