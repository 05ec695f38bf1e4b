"""``claimledger claims``: one claim's path through the outlets that carried it, or the claims carried most."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .common import (
    AllOpt,
    DbOpt,
    Format,
    LimitOpt,
    PageOpt,
    SinceOpt,
    UntilOpt,
    app,
    emit,
    err,
    listed,
    make_filters,
    open_ledger,
    output_options,
)


def _diff_text(r: dict[str, Any]) -> str:
    """A variant's diff in plain text: [-was-] {+now+}, cuts left out."""
    marks = {"was": "[-{}-]", "now": "{{+{}+}}", "added": "{{+{}+}}"}
    if not r.get("variant"):
        return ""
    return " ".join(marks.get(d["op"], "{}").format(d["text"]) for d in r.get("diff") or [] if d["op"] != "cut")


def _value(r: dict[str, Any]) -> str:
    return r["text"] if "value" not in r else f"{r['text']} ({r.get('counted') or ''})"


def _show(ledger: Any, claim_id: int, fmt: Format) -> None:
    from ...ledger.read import claim_detail

    claim = claim_detail(ledger, claim_id)
    if claim is None:
        err.print(f"Error: claim {claim_id}: no such claim in {ledger.where}. Fix: list them with 'claimledger "
                  "claims'.", highlight=False, markup=False)
        raise typer.Exit(1)
    rows = claim["appearances_list"]
    heading = (f"Claim {claim_id}: {claim['actor']}, “{claim['text'][:90]}” — {claim['appearances']} appearance(s) in "
               f"{claim['outlets']} outlet(s), first {claim['first_date'] or '?'}, {claim['variants']} variant(s)")
    emit(fmt, claim, rows=rows, title=heading, columns=[
        ("published", lambda r: (r["published"] or "")[:10]), ("outlet", lambda r: r["outlet"] or "—"),
        ("article", lambda r: f"#{r['article_id']} [{r['start']}:{r['end']}]"), ("kind", lambda r: r["kind"]),
        ("", lambda r: "first" if r["first"] else ("canonical" if r["canonical"] else "")),
        ("variant", lambda r: r["variant"] or ""), ("wording", _value),
        ("diff", _diff_text),
    ])


@app.command()
@output_options
def claims(
    claim_id: Annotated[int | None, typer.Argument(help="Show this claim's path: every appearance, first, variants.")
                        ] = None,
    speaker: Annotated[str | None, typer.Option(help="Claims of this actor (any alias).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    changed: Annotated[bool, typer.Option("--changed", help="Only claims whose wording or number changed.")] = False,
    order: Annotated[str, typer.Option(help="appearances, variants or first (newest first appearance).")
                     ] = "appearances",
    what: Annotated[str | None, typer.Option("--what", help="statement or figure.")] = None,
    min_articles: Annotated[int, typer.Option("--min", help="Carried by at least this many articles.")] = 2,
    limit: LimitOpt = 50,
    page: PageOpt = 1,
    db: DbOpt = None,
    every: AllOpt = False,
    fmt: Format = "table",
) -> None:
    """Claims across sources: one quote or figure of one actor, with the articles that carried it and how it changed."""
    ledger = open_ledger(db)
    if claim_id is not None:
        _show(ledger, claim_id, fmt)
        return
    from ...ledger.read import list_claims

    f = make_filters(speaker=speaker, since=since, until=until, page=page, per_page=limit)
    rows = listed(lambda p: list_claims(ledger, p, changed, order, what, min_articles), f, every)  # type: ignore[arg-type]
    emit(fmt, rows, rows=rows, title="Claims", columns=[
        ("id", lambda r: r["id"]), ("actor", lambda r: r["actor"]), ("kind", lambda r: r["kind"]),
        ("first", lambda r: f"{r['first_date'] or '?'} {r['first_outlet'] or ''}".strip()),
        ("appearances", lambda r: r["appearances"]), ("outlets", lambda r: r["outlets"]),
        ("variants", lambda r: r["variants"] or ""), ("claim", lambda r: r["text"]),
    ])
