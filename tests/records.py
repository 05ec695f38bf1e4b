"""Extractions built by hand for the store tests: the ledger is tested without the model.

``marked`` reads a few fixed forms off a text, the way an annotator would mark them: the people it
is told about (full name and surname), 'NAME said [on DAY] that CLAUSE.', 'NAME agreed.' and
'"QUOTE," NAME told ...', and money figures inside a statement.
"""

from __future__ import annotations

import re

from claimledger.types import ActorRecord, Article, Extraction, Figure, Mention, Span, Statement
from claimledger.vocab.quantities import quantity_key

PEOPLE = ("Greta Lund", "Ole Brandt")
SAID = re.compile(r"\b(?P<who>[A-Z][a-z]+(?: [A-Z][a-z]+)?) said(?: on \w+)? (?P<what>that [^.\n]+)")
AGREED = re.compile(r"\b(?P<who>[A-Z][a-z]+) (?P<cue>agreed)\.")
QUOTE = re.compile(r"\"(?P<what>[^\"]+?),?\" (?P<who>[A-Z][a-z]+) (?P<cue>told)")
MONEY = re.compile(r"nearly (\d+) million euros")


def _canonical(text: str, name: str) -> str:
    return next((p for p in PEOPLE if p.split()[-1] == name and p in text), name)


def marked(art: Article) -> Extraction:
    text = art.text
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted({n for p in PEOPLE for n in (p, p.split()[-1])}, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(a <= m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                mentions.append(Mention(Span.of(text, m.start(), m.end()), "PERSON", _canonical(text, name)))
    mentions.sort(key=lambda m: m.span.start)
    statements = []
    for m in SAID.finditer(text):
        who = m.group("who").split()[-1]
        cue = text.index("said", m.start())
        statements.append(Statement(Span.of(text, *m.span("what")), Span.of(text, *m.span("who")),
                                    _canonical(text, who), Span.of(text, cue, cue + 4), "indirect", art.published,
                                    0.85))
    for m in QUOTE.finditer(text):
        statements.append(Statement(Span.of(text, *m.span("what")), Span.of(text, *m.span("who")),
                                    _canonical(text, m.group("who")), Span.of(text, *m.span("cue")), "direct",
                                    art.published, 0.85))
    for m in AGREED.finditer(text):
        statements.append(Statement(Span.of(text, *m.span("cue")), Span.of(text, *m.span("who")),
                                    _canonical(text, m.group("who")), Span.of(text, *m.span("cue")), "indirect",
                                    art.published, 0.6))
    statements.sort(key=lambda s: s.content.start)
    figures = []
    for m in MONEY.finditer(text):
        st = next((i for i, s in enumerate(statements) if s.content.start <= m.start() < s.content.end), None)
        figures.append(Figure(Span.of(text, m.start(), m.end()), float(m.group(1)) * 1e6, approx="nearly", unit="EUR",
                              measure="lost", claimant_name=statements[st].speaker_name if st is not None else None,
                              statement=st, as_of=art.published, quantity=quantity_key(None, "lost", "EUR")))
    names = dict.fromkeys(m.actor for m in mentions if m.actor)
    actors = [ActorRecord(n, "person", aliases=sorted({m.span.text for m in mentions if m.actor == n} - {n}))
              for n in names]
    return Extraction(mentions=mentions, actors=actors, statements=statements, figures=figures)
