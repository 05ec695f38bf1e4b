"""HTML pages to articles: main text and metadata with trafilatura, the date with htmldate."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import trafilatura
from htmldate import find_date

from ..errors import IngestError
from ..types import Article
from .decode import normalise_newlines

MIN_WORDS = 8  # below this the "article" is markup debris, an index or an error page
_LANG = re.compile(rb"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", re.I)


def article_from_html(html: bytes | str, where: str, url: str | None = None) -> Article:
    """Raise IngestError when the page has no article text to extract (malformed or empty)."""
    raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
    try:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many lxml/parser types on broken markup
        raise IngestError(where, f"HTML could not be parsed ({type(exc).__name__})",
                          "check that the file is an HTML page") from None
    text = normalise_newlines(getattr(doc, "text", None) or "").strip() if doc is not None else ""
    words = len(text.split())
    if words < MIN_WORDS:
        raise IngestError(where, f"no article text found in the HTML ({words} words)",
                          "pass the article page itself, not an index, script or error page")
    published = getattr(doc, "date", None)
    if not published:
        try:
            published = find_date(raw.decode("utf-8", "replace"), url=url, original_date=True,
                                  extensive_search=False)
        except Exception:
            published = None
    lang = getattr(doc, "language", None)
    if not lang:
        m = _LANG.search(raw[:4096])
        lang = m.group(1).decode().lower() if m else None
    page_url = getattr(doc, "url", None) or url
    outlet = getattr(doc, "sitename", None) or (urlparse(page_url).hostname if page_url else None)
    return Article(
        text=text,
        title=getattr(doc, "title", None),
        url=page_url,
        outlet=outlet,
        author=getattr(doc, "author", None),
        published=published,
        language=lang,
        source=where,
    )
