"""The extraction after the parse, as one chain read top to bottom: Doc and article in, records out.

mentions -> marks -> speaker resolver -> statements -> figures -> positions -> events -> actors.
Each stage is a function of what it is given; the resolver is the one object that learns on the way
(a pronoun's gender, a study's source), so the order of the chain is part of its meaning.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc

from ..types import ActorKind, ActorRecord, Article, Extraction, Mention, Position, Role, Span, Statement
from ..vocab.names import is_country, person_shaped
from .events import find_events
from .figures import find_figures
from .marks import find_marks
from .mentions import LABEL_KIND, RawMention, find_mentions
from .positions import find_positions
from .speakers import Resolver
from .statements import find_statements
from .taxonomy import Taxonomy
from .text import text_of

MAX_ROLE = 120


class Learned(NamedTuple):
    """What the text taught the resolver about each actor by the end of the statements stage."""

    roles: dict[str, list[Role]]
    gender: dict[str, str]


def records(doc: Doc, article: Article, taxonomy: Taxonomy) -> Extraction:
    body = article.body_ranges()
    published = article.published
    # names in page furniture (teasers, related links, credits) are neither speakers nor referents
    mentions = [m for m in find_mentions(doc) if any(s <= m.start and m.end <= e for s, e in body)]
    marks = find_marks(text_of(doc), body)
    resolver = Resolver(doc, mentions, quoted=marks.quoted)
    statements = find_statements(doc, body, published, marks, resolver)
    learned = Learned({k: sorted(v.values(), key=lambda r: r.start) for k, v in resolver.role_evidence.items()},
                      dict(resolver.gender))
    figures = find_figures(doc, body, published, statements, resolver)
    positions = find_positions(doc, statements, resolver, taxonomy, body)
    voices = [(s.content.start, s.content.end, s.speaker_name) for s in statements if s.speaker_name]
    events = find_events(doc, resolver, body, published, voices)
    return Extraction(sentences=[(s.start_char, s.end_char) for s in doc.sents if s.text.strip()],
                      mentions=[Mention(Span.of(article.text, m.start, m.end), m.label, m.name) for m in mentions],
                      actors=actors(mentions, learned, statements, positions), statements=statements,
                      figures=figures, positions=positions, events=events)


def actors(mentions: list[RawMention], learned: Learned, statements: list[Statement],
           positions: list[Position]) -> list[ActorRecord]:
    """One record per canonical name: its kind by the labels its mentions got (the full name counting
    double), the other spellings as aliases; speakers named from a phrase ("Ukrainian military") too."""
    found: dict[str, ActorRecord] = {}
    labels: dict[str, Counter[str]] = {}
    for m in mentions:
        rec = found.get(m.name)
        if rec is None:
            rec = found[m.name] = ActorRecord(name=m.name, kind=LABEL_KIND[m.label])
        labels.setdefault(m.name, Counter())[m.label] += 2 if m.text == m.name else 1
        if m.text != m.name and m.text not in rec.aliases:
            rec.aliases.append(m.text)
    for name, rec in found.items():
        rec.kind = _kind(name, labels[name])
        rec.roles = [r for r in learned.roles.get(name, []) if len(r.text) <= MAX_ROLE]
        rec.gender = learned.gender.get(name)
    for named in [s.speaker_name for s in statements] + [p.actor_name for p in positions]:
        if named and named not in found:
            found[named] = ActorRecord(name=named, kind="organisation")
    return list(found.values())


def _kind(name: str, votes: Counter[str]) -> ActorKind:
    """The label most mentions got, except that a person's name ('Olaf Scholz', a given name the name lists
    know and a surname) is a person whenever the tagger once said so, however often 'Scholz' was a place."""
    top = votes.most_common(1)[0][0]
    if votes["PERSON"] and not is_country(name) and (votes["PERSON"] >= votes[top] or person_shaped(name)):
        return "person"
    return LABEL_KIND[top]
