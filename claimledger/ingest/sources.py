"""Turn whatever the user names (files, folders, '-', URLs, feeds) into articles.

Each source yields ``Article`` or ``IngestError`` items: one bad file is a reported line, never the
end of the run.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from ..types import Article
from .decode import check_size, decode
from .filename import metadata_from_name
from .html import article_from_html
from .jsonl import FIELDS, articles_from_jsonl
from .options import FetchOptions, IngestOptions
from .segments import mark_segments
from .warc import articles_from_warc
from .web import articles_from_url

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
META_SUFFIX = ".meta.json"
SKIP_NAMES = {"README", "LICENSE", "LICENCE", "NOTICE"}
SKIP_SUFFIXES = (".yaml", ".yml")  # topic taxonomies and alias files kept beside the articles
_EN_STOP = set("the of and to in that is was for on with as by he she it said at from has have are be".split())


def guess_language(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text[:5000].lower())
    if len(words) < 20:
        return None
    return "en" if sum(w in _EN_STOP for w in words) / len(words) > 0.12 else None


def finish(art: Article, opts: IngestOptions, name_hint: str | None = None) -> Article:
    """Fill metadata in order of trust: explicit options, then the document, then its file name."""
    if name_hint:
        meta = metadata_from_name(os.path.basename(name_hint))
        art.published = art.published or meta.get("published")
        art.country = art.country or meta.get("country")
        art.language = art.language or meta.get("language")
    if opts.outlet:
        art.outlet = opts.outlet
    if opts.published:
        art.published = opts.published
    if opts.language:
        art.language = opts.language
    art.language = art.language or guess_language(art.text)
    if not art.segments:
        art.segments = mark_segments(art.text, art.title)
    if not art.title:
        art.title = guess_title(art)
    return art


FURNITURE = ("read_also", "promo", "caption", "credit", "related", "duplicate", "dateline")


def guess_title(art: Article) -> str | None:
    """A plain text file has no title field: its headline when one comes before the body, else the body's first
    sentence; furniture before it (datelines, promos, credits) is passed over, and a subhead deeper in the text
    is not the title."""
    kept = [s for s in art.segments if s.kind not in FURNITURE]
    if not kept:
        return None
    first = kept[0]
    text = art.text[first.start:first.end].strip()
    if first.kind in ("heading", "title"):
        return text
    if len(kept) > 1 and kept[1].kind == "heading":  # a standfirst, then the headline: the page repeats it
        head = art.text[kept[1].start:kept[1].end].strip()
        if any(s.kind == "duplicate" and art.text[s.start:s.end].strip() == head for s in art.segments):
            return head
    line = text.split("\n", 1)[0].strip()
    m = re.match(r"(.{20,160}?[.!?])(\s|$)", line)
    return (m.group(1) if m else line[:160]) or None


def _kind(path: Path, head: bytes) -> str:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES) or head.startswith(b"WARC/"):
        return "warc"
    if path.suffix.lower() in HTML_EXT:
        return "html"
    if path.suffix.lower() in JSONL_EXT:
        return "jsonl"
    if path.suffix.lower() in TEXT_EXT:
        return "text"
    sniff = head.lstrip()[:200].lower()
    if sniff.startswith((b"<!doctype html", b"<html")):
        return "html"
    if sniff.startswith(b"{"):
        return "jsonl"
    return "text"


def read_file(path: Path, opts: IngestOptions) -> Iterator[Article | IngestError]:
    where = str(path)
    try:
        size = path.stat().st_size
        check_size(where, size, 0 if is_container(path.name) else opts.max_bytes)
        with open(path, "rb") as fh:
            head = fh.read(512)
    except IngestError as err:
        yield err
        return
    except OSError as exc:
        yield IngestError(where, f"cannot read ({exc.strerror})", "check the path and its permissions")
        return
    if file_kind(path.name, head) == "warc":  # streamed: an archive can be larger than memory
        with open(path, "rb") as fh:
            for item in articles_from_warc(fh, where):
                yield finish(item, opts) if isinstance(item, Article) else item
        return
    sidecar = path.with_name(path.stem + META_SUFFIX)
    meta = sidecar.read_bytes() if sidecar.is_file() else None
    yield from articles_from_bytes(path.read_bytes(), where, opts, meta, str(sidecar))


def is_container(name: str) -> bool:
    """Files holding many articles (WARC, JSON Lines): no per-file size cap, they are streamed."""
    return name.lower().endswith(WARC_SUFFIXES + tuple(JSONL_EXT))


def file_kind(name: str, head: bytes) -> str:
    return _kind(Path(name), head)


def articles_from_bytes(data: bytes, where: str, opts: IngestOptions, meta: bytes | None = None,
                        meta_where: str | None = None) -> Iterator[Article | IngestError]:
    """One file's bytes to its articles: what ``read_file`` does after reading, and what a Spark task
    does with a file it was handed (so both see the same articles)."""
    try:
        check_size(where, len(data), 0 if is_container(where) else opts.max_bytes)
    except IngestError as err:
        yield err
        return
    kind = file_kind(os.path.basename(where), data[:512])
    if kind == "warc":
        for item in articles_from_warc(io.BytesIO(data), where):
            yield finish(item, opts) if isinstance(item, Article) else item
        return
    try:
        if kind == "html":
            yield finish(article_from_html(data, where), opts, where)
            return
        text, note = decode(data, where)
    except IngestError as err:
        yield err
        return
    if kind == "jsonl":
        for item in articles_from_jsonl(text, where):
            if isinstance(item, Article) and note:
                item.notes.append(note)
                note = None  # said once, with the file's first article
            yield finish(item, opts) if isinstance(item, Article) else item
        return
    if not text.strip():
        yield IngestError(where, "file holds only whitespace", "remove it or write the article text into it")
        return
    art = Article(text=text, source=where, notes=[note] if note else [])
    if meta is not None:
        try:
            obj = json.loads(meta.decode("utf-8"))
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
        except (ValueError, UnicodeDecodeError) as exc:
            yield IngestError(meta_where or where + META_SUFFIX, f"metadata not read ({exc})",
                              'write one JSON object such as {"title": ..., "outlet": ...}; the article was read')
        else:
            for k in FIELDS:
                if obj.get(k) is not None:
                    setattr(art, k, str(obj[k]))
    yield finish(art, opts, where)


def iter_files(root: Path) -> Iterator[Path]:
    """Recursive and sorted, the same order on every machine; hidden files, metadata sidecars and
    a folder's README/LICENSE are not articles."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.startswith(".") or f.endswith((META_SUFFIX, *SKIP_SUFFIXES)) or f.split(".")[0].upper() in SKIP_NAMES:
                continue
            yield Path(dirpath) / f


def read_sources(sources: Iterable[str], opts: IngestOptions | None = None) -> Iterator[Article | IngestError]:
    opts = opts or IngestOptions()
    fetch_opts = FetchOptions(allow_private=opts.allow_private, max_bytes=max(opts.max_bytes, 1))
    for src in sources:
        if src == "-":
            data = sys.stdin.buffer.read()
            try:
                check_size("<stdin>", len(data), opts.max_bytes)
                text, note = decode(data, "<stdin>")
            except IngestError as err:
                yield err
                continue
            yield finish(Article(text=text, source="<stdin>", notes=[note] if note else []), opts)
        elif re.match(r"^https?://", src, re.I):
            for item in articles_from_url(src, fetch_opts):
                yield finish(item, opts) if isinstance(item, Article) else item
        else:
            path = Path(src)
            if path.is_dir():
                for f in iter_files(path):
                    yield from read_file(f, opts)
            elif path.exists():
                yield from read_file(path, opts)
            else:
                yield IngestError(src, "no such file, folder or URL", "check the path; URLs need http:// or https://")
