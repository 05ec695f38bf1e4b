"""WARC archives: every HTML response record is an article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import IngestError
from ..types import Article
from .html import article_from_html


def articles_from_warc(stream: BinaryIO, where: str) -> Iterator[Article | IngestError]:
    """A truncated archive yields the records before the break, then one error naming where it broke."""
    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            status = record.http_headers.get_statuscode()
            if "html" not in ctype or not str(status).startswith("2"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            n += 1
            loc = f"{where}#{uri or n}"
            try:
                art = article_from_html(body, loc, url=uri)
            except IngestError as err:
                yield err
                continue
            if not art.published:
                wdate = record.rec_headers.get_header("WARC-Date")
                art.published = wdate[:10] if wdate else None
            yield art
    except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib and EOF errors on damaged input
        yield IngestError(where, f"truncated or damaged WARC after {n} HTML records ({type(exc).__name__})",
                          "the records before the damage were read; re-download or repair the archive")
