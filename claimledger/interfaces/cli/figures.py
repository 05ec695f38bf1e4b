"""Figures: list them, or line up one quantity across claimants."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ...analysis.disagreement import who
from ...errors import ClaimledgerError
from .common import (
    AllOpt,
    DbOpt,
    Format,
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
    output_options,
    title,
)
from .common import out as console


def block_summary(block: Any) -> str:
    """'4 figure(s) from 3 claimant(s); sources disagree 1.50x as of 2025-02-05..2025-03-03; Mira Sandoval's own
    figure went from 8,000 (2024-03) to nearly 12,000 (2025-03-03)'."""
    claimants = len({r["who"] for r in block.rows})
    parts = [f"{len(block.rows)} figure(s) from {claimants} claimant(s)"]
    if block.spread:
        parts.append(f"sources disagree {block.spread:.2f}x (highest over lowest) as of "
                     f"{block.window[0]}..{block.window[1]}")
    else:
        parts.append("no two claimants as of one time: nothing to set side by side")
    for name, s in block.series.items():
        parts.append(f"{name}'s own figure went from {s['first']} ({s['first_as_of']}) to {s['last']} "
                     f"({s['last_as_of']})")
    return "; ".join(parts)


figures_app = typer.Typer(help="Figures: list them, or line up one quantity across claimants.",
                          invoke_without_command=True, no_args_is_help=False)
app.add_typer(figures_app, name="figures")
MEASURES_HELP = "killed, wounded, missing, casualties, displaced, captured, spent, pledged, aid, received, fired"


def _fmt_value(r: dict[str, Any]) -> str:
    """As the article writes it ('€2.4bn', 'nearly 12,000'), with what the text alone does not show."""
    marks = [m for m, on in (("projected", r.get("projection")), ("conversion", r.get("converts") is not None),
                             (r.get("rate") or "", bool(r.get("rate")) and (r.get("rate") or "") not in r["text"]))
             if on]
    return r["text"] + (f" ({', '.join(marks)})" if marks else "")


@figures_app.callback()
@output_options
def figures(
    ctx: typer.Context,
    claimant: Annotated[str | None, typer.Option(help="Who claims it (name or alias).")] = None,
    counted: Annotated[str | None, typer.Option(help="What is counted, e.g. 'Ukrainian soldiers killed'.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (part of it).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 100,
    page: PageOpt = 1,
    db: DbOpt = None,
    every: AllOpt = False,
    fmt: Format = "table",
) -> None:
    """List figures, filtered by claimant, what is counted, outlet and as-of date."""
    if ctx.invoked_subcommand is not None:
        return
    from ...ledger.read import list_figures as run_figures

    f = make_filters(speaker=claimant, outlet=outlet, since=since, until=until, page=page, per_page=limit)
    ledger = open_ledger(db)
    rows = listed(lambda p: run_figures(ledger, p, counted=counted), f, every)
    emit(fmt, rows, rows=rows, title="Figures", columns=[
        ("as of", lambda r: r["as_of"] or ""),
        ("claimant", who),
        ("figure", _fmt_value), ("counted", lambda r: r["counted"] or ""), ("group", lambda r: r["group"] or ""),
        ("measure", lambda r: r["measure"] or ""), ("outlet", lambda r: r["outlet"] or ""),
    ])


@figures_app.command("compare")
@output_options
def figures_compare(
    query: Annotated[str, typer.Argument(help="The quantity, in plain words: 'Ukrainian soldiers killed'.")],
    since: SinceOpt = None,
    until: UntilOpt = None,
    attributed: Annotated[bool, typer.Option("--attributed", help="Only figures someone claims.")] = False,
    chart_path: Annotated[Path | None, typer.Option("--chart", help="Draw the figures over time to a .png "
                                                                   "or .svg file.")] = None,
    db: DbOpt = None,
    fmt: Format = "table",
) -> None:
    """Line up one quantity as each claimant gives it, with the spread between highest and lowest."""
    from ...analysis.figures import chart, compare

    if chart_path is not None and chart_path.suffix.lower() not in (".png", ".svg"):
        raise ClaimledgerError(str(chart_path), "unknown chart format", "name the file .png or .svg")
    cmp = compare(open_ledger(db), query, make_filters(since=since, until=until), include_unattributed=not attributed)
    if cmp.measure is None:
        raise ClaimledgerError(repr(query), "names no measure claimledger lines up", f"say what is counted: "
                                                                                    f"{MEASURES_HELP}")

    def table() -> None:
        if not cmp.blocks:
            console.print(f"0 figure(s) for {query!r}", highlight=False)
        for block in cmp.blocks:
            tab = Table("claimant", "figure", "counted", "as of", "outlet / article", "sentence",
                        title=title(f"{query}  [{block.label}]"), show_lines=True)
            for r in block.rows:
                add_row(tab, r["who"], _fmt_value(r), r["counted"] or r["measure"], r["as_of"] or "",
                        f"{r['outlet'] or r.get('country') or '?'} #{r['article_id']} {(r['title'] or '')[:40]}",
                        r["sentence"][:220])
            console.print(tab)
            console.print(block_summary(block), highlight=False)

    emit(fmt, cmp.to_dict(), rows=cmp.rows, table=table)
    if chart_path is not None:
        chart(cmp, str(chart_path))
        err.print(f"chart written to {chart_path}")
