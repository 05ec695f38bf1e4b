"""Ingest as one library call: sources -> articles -> extraction -> ledger, with a report.

The CLI, the web API and tests call this; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import ClaimledgerError, IngestError
from .extract import EXTRACTOR_VERSION, extract_many
from .ingest import IngestOptions, read_sources
from .ledger.store import Ledger
from .types import Article


@dataclass
class IngestReport:
    added: int = 0
    already: int = 0
    errors: list[str] = field(default_factory=list)
    links: list[tuple[int, int, str, float]] = field(default_factory=list)  # (new, existing, kind, similarity)
    article_ids: list[int] = field(default_factory=list)


def ingest(
    sources: Iterable[str],
    ledger: Ledger,
    options: IngestOptions | None = None,
    workers: int = 1,
    batch_size: int = 16,
    on_article: Callable[[Article, bool], None] | None = None,
    on_error: Callable[[str], None] | None = None,
) -> IngestReport:
    """Store every readable article once; report (never raise) what could not be read or stored."""
    report = IngestReport()
    seen: set[str] = set()

    def fresh() -> Iterator[Article]:
        for item in read_sources(sources, options):
            if isinstance(item, IngestError):
                report.errors.append(str(item))
                if on_error:
                    on_error(str(item))
                continue
            h = item.identity
            if h in seen or ledger.has(h) is not None:
                report.already += 1
                if on_article:
                    on_article(item, False)
                continue
            seen.add(h)
            yield item

    for article, extraction in extract_many(fresh(), workers=workers, batch_size=batch_size):
        try:
            res = ledger.add(article, extraction, EXTRACTOR_VERSION)
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
    return report
