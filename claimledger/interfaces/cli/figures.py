"""Figures: list them, or line up one quantity across claimants."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

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

figures_app = typer.Typer(help="Figures: list them, or line up one quantity across claimants.",
                          invoke_without_command=True, no_args_is_help=False)
app.add_typer(figures_app, name="figures")
MEASURES_HELP = "killed, wounded, missing, casualties, displaced, captured, spent, pledged, aid, received, fired"


def _fmt_value(r: dict[str, Any]) -> str:
    def n(v: float) -> str:
        return f"{v:,.0f}" if v >= 100 or v == int(v) else f"{v:,.2f}"
    core = n(r["value"]) if r["value"] is not None else f"{n(r['low'])}–{n(r['high'])}"
    unit = r["unit"] or ""
    return " ".join(x for x in (r["approx"] or "", core, unit if unit != "people" else "") if x)


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
        ("claimant", lambda r: r["claimant"] or r["claimant_name"] or "(article)"),
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
        what = " ".join(x for x in (cmp.group or "any group", cmp.measure, cmp.unit or "") if x)
        tab = Table("claimant", "figure", "measure", "as of", "outlet / article", "sentence",
                    title=title(f"{query}  [{what}]"), show_lines=True)
        for r in cmp.rows:
            add_row(tab, r["claimant"] or r["claimant_name"] or "(article voice)",
                        _fmt_value(r) + (" (projected)" if r["projection"] else ""), r["measure"], r["as_of"] or "",
                        f"{r['outlet'] or r.get('country') or '?'} #{r['article_id']} {(r['title'] or '')[:40]}",
                        r["sentence"][:220])
        console.print(tab)
        spread = f"{cmp.spread:.2f}x" if cmp.spread else "n/a"
        other = len(cmp.rows) - len(cmp.comparable)
        note = f"; {other} in other units than {cmp.unit}, listed but not compared" if other else ""
        console.print(f"{len(cmp.rows)} figure(s); spread (highest over lowest): {spread}{note}", highlight=False)

    emit(fmt, cmp.to_dict(), rows=cmp.rows, table=table)
    if chart_path is not None:
        chart(cmp, str(chart_path))
        err.print(f"chart written to {chart_path}")
