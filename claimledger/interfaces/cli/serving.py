"""serve: the ledger in a browser and as a JSON API."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .common import DbOpt, TopicsOpt, app, db_url, err, extractor_config


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    max_body: Annotated[int, typer.Option(help="Largest request body accepted, in bytes (larger: 413).")]
    = 2 * 1024 * 1024,
    allow_private: Annotated[bool, typer.Option(help="Let POST /articles fetch URLs on private addresses.")]
    = False,
    topics: TopicsOpt = None,
) -> None:
    """Open the ledger in a browser and as a JSON API. Writes need $CLAIMLEDGER_TOKEN; without it, read-only."""
    import uvicorn

    from ...extract import Extractor
    from ..web import create_app

    token = os.environ.get("CLAIMLEDGER_TOKEN") or None
    web = create_app(db_url(db), Extractor(extractor_config(topics)), token=token or "", max_body=max_body,
                     allow_private=allow_private)
    mode = "read-write (token set)" if token else "read-only"
    err.print(f"serving {web.state.ledger.where} at http://{host}:{port}/ ({mode}); Ctrl+C stops")
    uvicorn.run(web, host=host, port=port, log_level="warning")
