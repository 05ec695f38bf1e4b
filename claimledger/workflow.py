"""Ingest as one library call: sources -> articles -> extraction -> ledger, with a report.

The CLI, the web API and tests call this; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import ClaimledgerError, IngestError
from .extract import Extractor, extract_many
from .ingest import IngestOptions, read_sources
from .ingest.html import article_from_html
from .ingest.sources import finish
from .ingest.web import FetchOptions, articles_from_url
from .ledger.store import Ledger
from .types import Article, Extraction


@dataclass
class IngestReport:
    added: int = 0
    already: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # stored, but reading assumed something
    links: list[tuple[int, int, str, float]] = field(default_factory=list)  # (new, existing, kind, similarity)
    article_ids: list[int] = field(default_factory=list)


def ingest(
    sources: Iterable[str],
    ledger: Ledger,
    extractor: Extractor,
    options: IngestOptions | None = None,
    workers: int = 1,
    batch_size: int = 16,
    on_article: Callable[[Article, bool], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> IngestReport:
    """Store every readable article once; report (never raise) what could not be read or stored, and what
    was stored only by assuming something (an encoding, replaced bytes)."""
    report = IngestReport()
    seen: set[str] = set()
    ledger.note_extractor(extractor.config.describe())

    def fresh() -> Iterator[Article]:
        for item in read_sources(sources, options):
            if isinstance(item, IngestError):
                report.errors.append(str(item))
                if on_error:
                    on_error(str(item))
                continue
            for note in item.notes:
                report.warnings.append(note)
                if on_warning:
                    on_warning(note)
            h = item.identity
            if h in seen or ledger.has(h) is not None:
                report.already += 1
                if on_article:
                    on_article(item, False)
                continue
            seen.add(h)
            yield item

    for article, extraction in extract_many(fresh(), extractor, workers=workers, batch_size=batch_size):
        try:
            res = ledger.add(article, extraction, extractor.version)
        except ClaimledgerError as err:
            report.errors.append(str(err))
            if on_error:
                on_error(str(err))
            continue
        if res.added:
            report.added += 1
            report.article_ids.append(res.article_id)
            report.links.extend((res.article_id, o, k, s) for o, k, s in res.links)
        else:
            report.already += 1
        if on_article:
            on_article(article, res.added)
    if report.added:
        ledger.refresh()  # the contested quantities, once for the whole run
    return report


@dataclass
class OneResult:
    article_id: int
    added: bool
    article: Article
    extraction: Extraction | None


def ingest_document(ledger: Ledger, extractor: Extractor, *, text: str | None = None, html: str | None = None,
                    url: str | None = None, title: str | None = None, outlet: str | None = None,
                    published: str | None = None, author: str | None = None, options: IngestOptions | None = None,
                    where: str = "<request>") -> OneResult:
    """One article given as text, HTML or a URL to fetch: stored and returned with its extraction.

    Raises IngestError/FetchError/LedgerError with the fix; stores nothing on error.
    """
    opts = options or IngestOptions()
    if sum(x is not None for x in (text, html)) > 1:
        raise IngestError(where, "both text and html given", "send one of them")
    if text is not None:
        if not text.strip():
            raise IngestError(where, "the text is empty", "send the article's text")
        art = Article(text=text.replace("\r\n", "\n"), source=where)
    elif html is not None:
        art = article_from_html(html, where, url)
    elif url is not None:
        items = articles_from_url(url, FetchOptions(allow_private=opts.allow_private, max_bytes=opts.max_bytes))
        first = next(iter(items), None)
        if isinstance(first, ClaimledgerError):
            raise first
        if first is None:
            raise IngestError(url, "no article found at this address", "check the URL")
        art = first
    else:
        raise IngestError(where, "no text, html or url given", 'send {"text": ...}, {"html": ...} or {"url": ...}')
    for k, v in (("title", title), ("url", url), ("outlet", outlet), ("published", published), ("author", author)):
        if v is not None:
            setattr(art, k, v)
    art = finish(art, opts)
    existing = ledger.has(art.identity)
    if existing is not None:
        return OneResult(existing, False, art, None)
    ex = extractor.extract(art)
    ledger.note_extractor(extractor.config.describe())
    res = ledger.add(art, ex, extractor.version)
    if res.added:
        ledger.refresh()
    return OneResult(res.article_id, res.added, art, ex)
