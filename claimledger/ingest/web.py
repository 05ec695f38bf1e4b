"""URLs and RSS/Atom feeds, fetched with httpx and parsed with feedparser.

Every hop (including redirects and feed items) is checked against loopback and private address
ranges unless the user allows them explicitly: a feed must not make us fetch an intranet page.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin, urlparse

import feedparser
import httpx

from ..errors import FetchError, IngestError, size_text
from ..types import Article
from .html import article_from_html
from .options import FetchOptions

MAX_REDIRECTS = 5
USER_AGENT = "claimledger/0.1 (+news attribution ledger)"


def check_address(url: str, allow_private: bool) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FetchError(url, "not an http(s) URL", "give a full http:// or https:// address")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise FetchError(url, "host name does not resolve", "check the address and your network") from None
    if allow_private:
        return
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast \
                or ip.is_unspecified:
            raise FetchError(url, f"refusing to fetch a private or loopback address ({ip})",
                             "pass --allow-private if you mean to fetch from your own network")


def fetch(url: str, opts: FetchOptions, client: httpx.Client) -> tuple[str, bytes, str]:
    """Return (final URL, body, content type), re-checking the address at every redirect."""
    for _ in range(MAX_REDIRECTS + 1):
        check_address(url, opts.allow_private)
        try:
            with client.stream("GET", url) as resp:
                if resp.is_redirect and "location" in resp.headers:
                    url = urljoin(url, resp.headers["location"])
                    continue
                if resp.status_code >= 400:
                    raise FetchError(url, f"HTTP {resp.status_code}", "check the address; the server refused it")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > opts.max_bytes:
                        raise FetchError(url, f"response larger than {size_text(opts.max_bytes)}",
                                         "raise --max-bytes if this page is really one article")
                    chunks.append(chunk)
                return str(resp.url), b"".join(chunks), resp.headers.get("content-type", "")
        except httpx.HTTPError as exc:
            raise FetchError(url, f"unreachable ({type(exc).__name__})",
                             "check the address and that the server is up") from None
    raise FetchError(url, "too many redirects", "give the final address of the page")


def is_feed(body: bytes, ctype: str) -> bool:
    head = body[:2048].lstrip().lower()
    return any(t in ctype for t in ("rss", "atom", "/xml")) or head.startswith(b"<?xml") and (
        b"<rss" in body[:4096].lower() or b"<feed" in body[:4096].lower()) or head.startswith((b"<rss", b"<feed"))


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*t[:6]).strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def articles_from_feed(body: bytes, feed_url: str, opts: FetchOptions,
                       client: httpx.Client) -> Iterator[Article | IngestError]:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield IngestError(feed_url, "not a readable RSS/Atom feed", "check the feed address")
        return
    outlet = parsed.feed.get("title")
    for entry in parsed.entries[: opts.max_items]:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(feed_url, link)
        try:
            final, page, _ = fetch(link, opts, client)
            art = article_from_html(page, link, url=final)
        except IngestError as err:
            yield err
            continue
        art.title = art.title or entry.get("title")
        art.published = art.published or _entry_date(entry)
        art.outlet = art.outlet or outlet
        art.author = art.author or entry.get("author")
        yield art


def articles_from_url(url: str, opts: FetchOptions) -> Iterator[Article | IngestError]:
    """A page yields one article; a feed yields its items' articles."""
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=opts.timeout, headers=headers, follow_redirects=False) as client:
        try:
            final, body, ctype = fetch(url, opts, client)
        except IngestError as err:
            yield err
            return
        if is_feed(body, ctype.lower()):
            yield from articles_from_feed(body, final, opts, client)
            return
        try:
            yield article_from_html(body, url, url=final)
        except IngestError as err:
            yield err
