"""WARC archives: every HTML response record is an article; a record cut short is reported, never stored.

warcio reads a gzip member that lost its end as if it were whole, and drops a last record it cannot
parse without a word. So the archive is first walked member by member (``gzip_members``): a record is
stored only when its member ends where gzip says it must, and an uncompressed record only when its
payload is as long as its Content-Length.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from warcio.archiveiterator import ArchiveIterator

from ..errors import IngestError
from ..types import Article
from .html import article_from_html

CHUNK = 1 << 20
FIX = "re-download the archive; the complete records before it were read"


class Members(NamedTuple):
    """Where the gzip members of a file start, which of them end properly, and where the data stops."""

    complete: frozenset[int]  # start offsets of members that end with their trailer
    cut: int | None  # start offset of a member the data ends inside (or that is damaged), if any
    size: int
    damaged: bool = False  # the member at ``cut`` is not gzip at all, rather than cut short


def gzip_members(stream: BinaryIO) -> Members:
    complete: set[int] = set()
    start = pos = 0
    fed = False
    d = zlib.decompressobj(31)
    while chunk := stream.read(CHUNK):
        data = chunk
        while data:
            try:
                d.decompress(data)  # the output is not kept: only where each member ends matters
            except zlib.error:
                return Members(frozenset(complete), start, stream.seek(0, 2), damaged=True)
            fed = True
            if d.eof:
                end = pos + len(data) - len(d.unused_data)
                complete.add(start)
                start = pos = end
                data, fed = d.unused_data, False
                d = zlib.decompressobj(31)
            else:
                pos += len(data)
                data = b""
    return Members(frozenset(complete), start if fed else None, pos)


def plain_records(stream: BinaryIO) -> Members:
    """The same for an uncompressed archive: each record's header names its Content-Length, so a record is
    whole when its header and that many bytes are there."""
    complete: set[int] = set()
    size = stream.seek(0, 2)
    pos = 0
    while pos < size:
        stream.seek(pos)
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            line = stream.readline()
            if not line:  # the end: inside a header, or only blank lines after the last record
                return Members(frozenset(complete), pos if head.strip() else None, size)
            head += line
            if head.strip() == b"":  # blank lines between records
                pos += len(line)
                head = b""
        length = next((int(v) for k, _, v in (ln.partition(b":") for ln in head.split(b"\r\n"))
                       if k.strip().lower() == b"content-length" and v.strip().isdigit()), None)
        if length is None or stream.tell() + length > size:
            return Members(frozenset(complete), pos, size)
        complete.add(pos)
        pos = stream.tell() + length
    return Members(frozenset(complete), None, size)


def articles_from_warc(stream: BinaryIO, where: str) -> Iterator[Article | IngestError]:
    """Each complete HTML response as an article; a cut record, one line saying which and where."""
    gzipped = stream.read(2) == b"\x1f\x8b"
    size = stream.seek(0, 2)
    stream.seek(0)
    members = gzip_members(stream) if gzipped else plain_records(stream)
    stream.seek(0)
    n = html = 0
    reported = False
    try:
        records = ArchiveIterator(stream)
        for record in records:
            n += 1
            body = record.content_stream().read() if record.rec_type == "response" else b""
            record.raw_stream.read()  # the rest of the payload, so a short one shows as an unmet limit
            short = getattr(record.raw_stream, "limit", 0) > 0
            offset = records.get_record_offset()  # only once the record is read: asking sooner eats it
            if short or offset not in members.complete or not _whole_header(record):
                reported = True
                yield _cut(where, n, members, size)
                continue
            if record.rec_type != "response" or record.http_headers is None:
                continue
            item = _article(record, body, where, n)
            if item is not None:
                html += isinstance(item, Article)
                yield item
    except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib and EOF errors on damaged input
        reported = True
        if members.cut is not None:
            yield _cut(where, n + 1, members, size)
        else:
            yield IngestError(where, f"record {n + 1} is damaged ({type(exc).__name__}) after {html} HTML records",
                              FIX)
    if not reported and members.cut is not None:  # a last record warcio never showed
        yield _cut(where, n + 1, members, size)


def _cut(where: str, n: int, members: Members, size: int) -> IngestError:
    if members.damaged:
        return IngestError(where, f"record {n} is damaged at byte {members.cut} (not gzip data)", FIX)
    return IngestError(where, f"record {n} is truncated at byte {size}", FIX)


def _whole_header(record: object) -> bool:
    headers = record.rec_headers  # type: ignore[attr-defined]
    return bool(record.rec_type) and all(  # type: ignore[attr-defined]
        headers.get_header(h) is not None for h in ("WARC-Record-ID", "Content-Length", "WARC-Date"))


def _article(record: object, body: bytes, where: str, n: int) -> Article | IngestError | None:
    headers = record.http_headers  # type: ignore[attr-defined]
    ctype = (headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype or not str(headers.get_statuscode()).startswith("2"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    try:
        art = article_from_html(body, f"{where}#{uri or n}", url=uri)
    except IngestError as err:
        return err
    if not art.published:
        wdate = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
        art.published = wdate[:10] if wdate else None
    return art
