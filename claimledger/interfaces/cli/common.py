"""The command line's shared parts: the Typer app, the options every command takes, one output helper,
and the one place that turns a ``ClaimledgerError`` into a line.

Commands live by area in the sibling modules; each parses its arguments, calls one library function
and prints. The environment is read here and nowhere below ``interfaces/``.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ... import __version__
from ...errors import ClaimledgerError
from ..dates import human_date

if TYPE_CHECKING:
    from rich.progress import Progress

    from ...extract import Extractor, ExtractorConfig
    from ...ledger.read import Filters
    from ...ledger.store import Ledger

app = typer.Typer(
    name="claimledger",
    help="Who said what, when, with which figures: an evidence-linked ledger of news claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(emoji=False, highlight=False)  # data is shown as it is: no emoji codes, no repr colouring
err = Console(stderr=True, emoji=False, highlight=False)

DbOpt = Annotated[str | None, typer.Option("--db", help="Ledger: a SQLite file path or postgresql://… URL "
                                                      "[env CLAIMLEDGER_DB; default claimledger.db]")]
TopicsOpt = Annotated[Path | None, typer.Option("--topics", help="Topic taxonomy YAML for positions "
                                                                "[env CLAIMLEDGER_TOPICS; default: the shipped "
                                                                "Russia-Ukraine talks topics].")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="Print JSON Lines, one row a line.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")]
LimitOpt = Annotated[int, typer.Option(help="Rows to show.")]
PageOpt = Annotated[int, typer.Option(help="Page of rows to show, from 1.")]
AllOpt = Annotated[bool, typer.Option("--all", help="Every row that matches, however many (read page by page).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (none on a pipe either).")]
SinceOpt = Annotated[str | None, typer.Option(help="On or after this date (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option(help="On or before this date (YYYY[-MM[-DD]]).")]
Format = Literal["table", "json", "jsonl", "csv"]


def say_error(error: ClaimledgerError) -> None:
    err.print(f"error: {error}", highlight=False, markup=False, soft_wrap=True)


def db_url(db: str | None) -> str | None:
    return db or os.environ.get("CLAIMLEDGER_DB")


def open_ledger(db: str | None, mode: Literal["read", "write"] = "read") -> Ledger:
    from ...ledger.store import Ledger

    return Ledger.open(db_url(db), mode)


def extractor_config(topics: Path | None = None) -> ExtractorConfig:
    """The configuration from the flags, else the environment; a broken topics file fails here, before any
    article is read."""
    from ...extract.config import ExtractorConfig

    path = str(topics.resolve()) if topics is not None else os.environ.get("CLAIMLEDGER_TOPICS") or None
    config = ExtractorConfig(model=os.environ.get("CLAIMLEDGER_MODEL") or None, topics=path)
    config.taxonomy()
    return config


def make_extractor(topics: Path | None = None) -> Extractor:
    from ...extract import Extractor

    return Extractor(extractor_config(topics))


def make_filters(**values: Any) -> Filters:
    from ...ledger.read import Filters

    return Filters(**values)


def listed(read: Callable[[Filters], list[dict[str, Any]]], filters: Filters, every: bool) -> list[dict[str, Any]]:
    """The rows a list command shows: one page, saying so when more match (never a silent cut), or with
    ``--all`` every page."""
    from dataclasses import replace

    from ...ledger.read.filters import MAX_PER_PAGE

    if every:
        rows: list[dict[str, Any]] = []
        page = 1
        while len(batch := read(replace(filters, page=page, per_page=MAX_PER_PAGE))) == MAX_PER_PAGE:
            rows += batch
            page += 1
        return rows + batch
    rows = read(replace(filters, lookahead=True))
    if len(rows) > filters.per_page:
        del rows[filters.per_page:]
        err.print(f"showing {len(rows)} rows (page {filters.page}); more match: raise --limit, give --page "
                  f"{filters.page + 1}, or --all", highlight=False)
    return rows


def progress(quiet: bool = False) -> Progress:
    """Articles done of total, rate, time left and skipped so far, on a terminal; nothing on a pipe or when
    ``quiet``. Tasks carry a ``skipped`` field."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "… articles/s")

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeRemainingColumn(), TextColumn("{task.fields[skipped]} skipped"), console=err,
                    transient=False, disable=quiet or not err.is_terminal)


def output_format(as_json: bool, jsonl: bool, as_csv: bool) -> Format:
    chosen = [name for name, on in (("json", as_json), ("jsonl", jsonl), ("csv", as_csv)) if on]
    if len(chosen) > 1:
        raise ClaimledgerError("--" + "/--".join(chosen), "choose one output format", "give one of --json, --jsonl, "
                                                                                     "--csv")
    return chosen[0] if chosen else "table"  # type: ignore[return-value]


Column = tuple[str, Callable[[dict[str, Any]], Any]]
F = TypeVar("F", bound=Callable[..., Any])
_OUTPUT = [inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=JsonOpt),
           inspect.Parameter("jsonl", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=JsonlOpt),
           inspect.Parameter("as_csv", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=CsvOpt)]


def output_options(command: F) -> F:
    """``--json`` / ``--jsonl`` / ``--csv`` on a command, handed to it as one ``fmt`` argument (sqlite-utils'
    ``output_options``): the command declares ``fmt: Format`` and never the three flags."""
    sig = inspect.signature(command, eval_str=True)
    params = [p for p in sig.parameters.values() if p.name != "fmt"]

    @functools.wraps(command)
    def wrapper(*args: Any, as_json: bool = False, jsonl: bool = False, as_csv: bool = False, **kwargs: Any) -> Any:
        return command(*args, fmt=output_format(as_json, jsonl, as_csv), **kwargs)

    visible = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params] + _OUTPUT
    wrapper.__signature__ = sig.replace(parameters=visible)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in visible} | {"return": None}
    return wrapper  # type: ignore[return-value]


def emit(fmt: Format, doc: Any, rows: Sequence[dict[str, Any]] | None = None,
         table: Callable[[], None] | None = None, columns: Sequence[Column] = (), title: str = "") -> None:
    """Print ``doc`` as one JSON document, ``rows`` as JSON Lines or CSV, or a table (``table`` draws its own;
    else ``columns``: header and cell function per column)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, default=str) + "\n")
        return
    lines = list(rows) if rows is not None else [doc]
    if fmt == "jsonl":
        for r in lines:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        import csv

        if not lines:
            return  # no rows, no header: an empty file is an empty answer
        keys = list(dict.fromkeys(k for r in lines for k in r))
        writer = csv.DictWriter(sys.stdout, fieldnames=keys, extrasaction="ignore")
        writer.writeheader()
        for r in lines:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                             for k, v in r.items()})
    elif table is not None:
        table()
    elif not lines:
        out.print(f"{title or 'Rows'}: none match", highlight=False, markup=False)
    else:
        out.print(fitted(columns, lines, title))


TEXT_HEADERS = ("statement", "sentence", "content", "snippet", "evidence")  # the column that gets the room
SPARE_HEADERS = ("cue", "kind", "group", "measure")  # left out below 100 columns: the JSON keeps them
NARROW = 100


DATE_HEADERS = ("said on", "as of", "date", "published")
def fitted(columns: Sequence[Column], rows: Sequence[dict[str, Any]], heading: str = "") -> Table:
    """A table that fits the terminal: columns empty in every row left out, the text column given the width
    the others leave (they wrap at 18 characters), ids and dates kept on one line."""
    dated = [name in DATE_HEADERS for name, _ in columns]
    cells = [[human_date(cell(r)) if d else cell(r) for (_, cell), d in zip(columns, dated, strict=True)]
             for r in rows]
    keep = [i for i in range(len(columns)) if not rows or any(c[i] not in (None, "", "—") for c in cells)]
    if out.width < NARROW:
        keep = [i for i in keep if columns[i][0] not in SPARE_HEADERS]
    tab = Table(title=escape(heading) if heading else None, box=box.SIMPLE_HEAD, pad_edge=False)
    for i in keep:
        name = columns[i][0]
        if name in TEXT_HEADERS:
            tab.add_column(name, ratio=1, min_width=20)
        elif name in ("id", "said on", "as of", "date"):
            tab.add_column(name, no_wrap=True)
        else:
            tab.add_column(name, max_width=16, overflow="fold")
    for c in cells:
        add_row(tab, *(c[i] for i in keep))
    return tab


def add_row(tab: Table, *cells: Any) -> None:
    """A row of data: every cell plain text, so '[security]' in a snippet stays on screen instead of being
    read as rich markup. Cells that are ours to style come as ``Text`` already."""
    tab.add_row(*(c if isinstance(c, Text) else Text("" if c is None else str(c)) for c in cells))


def title(words: str) -> str:
    """A table title or rule holding user words, escaped for rich."""
    return escape(words)


def _version(value: bool) -> None:
    if value:
        out.print(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """claimledger turns news articles into a ledger of attributed statements and figures."""


def run() -> None:
    try:
        app()
    except ClaimledgerError as e:  # the one place an error of ours becomes a line
        say_error(e)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted: every article that finished is stored")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("CLAIMLEDGER_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} (fix: rerun with CLAIMLEDGER_DEBUG=1 and report "
                  "the traceback)", highlight=False, markup=False, soft_wrap=True)
        sys.exit(2)
