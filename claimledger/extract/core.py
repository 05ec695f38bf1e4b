"""The whole extraction as one pure function: article in, records out.

The same ``extract`` runs in the CLI, in a web request and in a Spark task; ``extract_many``
batches it through ``nlp.pipe`` in one process, or spreads batches over worker processes that each
load the model once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from spacy.tokens import Doc

from ..types import ActorRecord, Article, Extraction, Mention, Span
from .actors import LABEL_KIND
from .pipeline import get_nlp

EXTRACTOR_VERSION = "0.1"


def _in_body(start: int, end: int, body: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in body)


def records_from_doc(doc: Doc, article: Article) -> Extraction:
    """Pure: reads the annotated Doc and the article, returns new records."""
    text = article.text
    sentences = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    mentions: list[Mention] = []
    actors: dict[str, ActorRecord] = {}
    labels: dict[str, Counter[str]] = {}
    for m in doc._.cl_mentions or []:
        mentions.append(Mention(Span.of(text, m.start, m.end), m.label, m.name))
        rec = actors.get(m.name)
        if rec is None:
            rec = actors[m.name] = ActorRecord(name=m.name, kind=LABEL_KIND[m.label])
        labels.setdefault(m.name, Counter())[m.label] += 2 if m.text == m.name else 1
        if m.text != m.name and m.text not in rec.aliases:
            rec.aliases.append(m.text)
    roles = doc._.cl_roles or {}
    gender = doc._.cl_gender or {}
    for name, rec in actors.items():
        rec.kind = LABEL_KIND[labels[name].most_common(1)[0][0]]
        rec.roles = [r for r in roles.get(name, []) if len(r) <= 120]
        rec.gender = gender.get(name)
    statements = list(doc._.cl_statements or [])
    for st in statements:  # speakers named from a phrase ("Ukrainian military") are actors too
        if st.speaker_name and st.speaker_name not in actors:
            actors[st.speaker_name] = ActorRecord(name=st.speaker_name, kind="organisation")
    for pos in doc._.cl_positions or []:
        if pos.actor_name not in actors:
            actors[pos.actor_name] = ActorRecord(name=pos.actor_name, kind="organisation")
    return Extraction(sentences=sentences, mentions=mentions, actors=list(actors.values()), statements=statements,
                      figures=list(doc._.cl_figures or []), positions=list(doc._.cl_positions or []),
                      events=list(doc._.cl_events or []))


def _make_doc(article: Article) -> Doc:
    nlp = get_nlp()
    doc = nlp.make_doc(article.text)
    doc.user_data["claimledger"] = {"body": article.body_ranges(), "published": article.published}
    return doc


def extract(article: Article) -> Extraction:
    nlp = get_nlp()
    return records_from_doc(nlp(_make_doc(article)), article)


def _extract_batch(articles: list[Article]) -> list[Extraction]:
    nlp = get_nlp()
    docs = nlp.pipe((_make_doc(a) for a in articles), batch_size=len(articles) or 1)
    return [records_from_doc(doc, a) for doc, a in zip(docs, articles, strict=True)]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _init_worker() -> None:
    get_nlp()


def extract_many(articles: Iterable[Article], workers: int = 1,
                 batch_size: int = 16) -> Iterator[tuple[Article, Extraction]]:
    """Yield (article, extraction) in input order; workers > 1 uses that many processes."""
    if workers <= 1:
        for batch in _batches(articles, batch_size):
            yield from zip(batch, _extract_batch(batch), strict=True)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        pending: list[tuple[list[Article], object]] = []
        for batch in _batches(articles, batch_size):
            pending.append((batch, pool.submit(_extract_batch, batch)))
            if len(pending) >= workers * 2:
                b, fut = pending.pop(0)
                yield from zip(b, fut.result(), strict=True)  # type: ignore[attr-defined]
        for b, fut in pending:
            yield from zip(b, fut.result(), strict=True)  # type: ignore[attr-defined]
