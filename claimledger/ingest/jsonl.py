"""JSON Lines of articles: one object a line with ``text`` (or ``html``) and metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import IngestError
from ..types import Article
from .decode import normalise_newlines
from .html import article_from_html

FIELDS = ("title", "url", "outlet", "author", "published", "language", "country")


def articles_from_jsonl(text: str, where: str) -> Iterator[Article | IngestError]:
    """A broken line is reported with its number; the lines around it still load."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(loc, f"broken JSON ({exc.msg} at column {exc.colno})",
                              "fix or remove that line; the other lines were read")
            continue
        if not isinstance(obj, dict):
            yield IngestError(loc, "line is not a JSON object", 'write one {"text": ...} object a line')
            continue
        meta: dict[str, Any] = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in FIELDS}
        body = obj.get("text")
        if isinstance(body, str) and body.strip():
            yield Article(text=normalise_newlines(body), source=loc, **meta)
        elif isinstance(obj.get("html"), str):
            try:
                art = article_from_html(obj["html"], loc, url=meta["url"])
            except IngestError as err:
                yield err
                continue
            for k, v in meta.items():
                if v:
                    setattr(art, k, v)
            yield art
        else:
            yield IngestError(loc, 'no "text" field', 'give each line a non-empty "text" (or "html") string')
