"""One extractor object: a configuration, its model and its taxonomy, and the chain run over articles.

The same ``Extractor.extract`` runs in the CLI, in a web request and in a Spark task. ``extract_many``
batches articles through ``nlp.pipe`` in one process, or spreads batches over worker processes that
each build the extractor once (``extractor_for``, keyed by the configuration's digest).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from .config import ExtractorConfig

if TYPE_CHECKING:  # spaCy loads with the first parse: building an extractor (a server's, say) costs nothing
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..types import Article, Extraction


class Extractor:
    def __init__(self, config: ExtractorConfig | None = None) -> None:
        self.config = config if config is not None else ExtractorConfig()
        self.taxonomy = self.config.taxonomy()
        self.version = self.config.version

    @property
    def nlp(self) -> Language:
        from .model import load_model

        return load_model(self.config.model)

    def parse(self, article: Article) -> Doc:
        return self.nlp(article.text)

    def extract(self, article: Article) -> Extraction:
        from .chain import records

        return records(self.parse(article), article, self.taxonomy)

    def extract_batch(self, articles: list[Article]) -> list[Extraction]:
        from .chain import records

        docs = self.nlp.pipe((a.text for a in articles), batch_size=len(articles) or 1)
        return [records(doc, a, self.taxonomy) for doc, a in zip(docs, articles, strict=True)]


_BY_DIGEST: dict[str, Extractor] = {}


def extractor_for(config: ExtractorConfig) -> Extractor:
    """The extractor of this process for ``config``: built on first use, as worker processes and Spark tasks do."""
    found = _BY_DIGEST.get(config.digest)
    if found is None:
        found = _BY_DIGEST[config.digest] = Extractor(config)
    return found


def _batch_in_worker(config: ExtractorConfig, articles: list[Article]) -> list[Extraction]:
    return extractor_for(config).extract_batch(articles)


def _warm(config: ExtractorConfig) -> None:
    _ = extractor_for(config).nlp


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def extract_many(articles: Iterable[Article], extractor: Extractor, workers: int = 1,
                 batch_size: int = 16) -> Iterator[tuple[Article, Extraction]]:
    """Yield (article, extraction) in input order; workers > 1 uses that many processes."""
    if workers <= 1:
        for batch in _batches(articles, batch_size):
            yield from zip(batch, extractor.extract_batch(batch), strict=True)
        return
    config = extractor.config
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm, initargs=(config,)) as pool:
        pending: list[tuple[list[Article], Future[list[Extraction]]]] = []
        for batch in _batches(articles, batch_size):
            pending.append((batch, pool.submit(_batch_in_worker, config, batch)))
            if len(pending) >= workers * 2:
                b, fut = pending.pop(0)
                yield from zip(b, fut.result(), strict=True)
        for b, fut in pending:
            yield from zip(b, fut.result(), strict=True)
