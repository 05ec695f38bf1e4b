"""Meetings, rounds of talks, summits and calls: participants, place and date, with the sentence.

"Trump met with Putin in Alaska", "the meetings held in Abu Dhabi", "talks in Geneva on Tuesday".
A trigger word makes an event only when it has a place ("talks in Geneva") or is a meeting with
someone ("met with Putin") naming two sides; otherwise "talks" is just a topic.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..types import Event, EventKind, Span
from ..vocab.en import TRIGGERS
from .dates import resolve
from .speakers import Resolver
from .text import text_of

PLACE_LABELS = ("GPE", "LOC", "FAC")


def _kind(tok: Token) -> EventKind | None:
    lemma = tok.lemma_.lower()
    if lemma == "call" and not any(t.lower_ in ("phone", "telephone", "video") for t in tok.subtree):
        return None  # "called for a ceasefire" is a demand, not a call
    if lemma == "round" and not any(t.lower_ in ("talks", "negotiations") for t in tok.subtree):
        return None
    if lemma == "talk" and tok.pos_ == "VERB":
        return None  # "talk about" is speech
    if lemma in ("host", "visit", "gather") and tok.pos_ != "VERB":
        return None
    return TRIGGERS.get(lemma)


def _place_near(trig: Token) -> str | None:
    """A place the trigger (or the verb it hangs on) is 'in' or 'at': "talks in Geneva", "met ... in Alaska"."""
    anchors = [trig] + ([trig.head] if trig.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else [])
    anchors += [c for c in trig.children if c.dep_ in ("acl", "relcl")]  # "the meetings held in Abu Dhabi"
    for a in anchors:  # anywhere under them: "met with Brenner in Lisbon" hangs "in" on Brenner
        for obj in a.subtree:
            if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS and obj.head.lower_ in ("in", "at"):
                ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                return ent.text if ent is not None else obj.text
    return None


def _with(trig: Token) -> bool:
    """ "met with Putin", "a meeting between Trump and Putin", "Trump met Putin" """
    if trig.lemma_.lower() == "meet" and any(c.dep_ == "dobj" for c in trig.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in trig.children)


def find_events(doc: Doc, resolver: Resolver, body: list[tuple[int, int]], published: str | None) -> list[Event]:
    text = text_of(doc)
    out: list[Event] = []
    for sent in doc.sents:
        if not any(a <= sent.start_char < b for a, b in body):
            continue
        for trig in sent:
            kind = _kind(trig) if trig.pos_ in ("NOUN", "VERB", "PROPN") else None
            if kind is None:
                continue
            if any(c.dep_ == "auxpass" for c in trig.children):
                continue  # "aggression will be met with a response"
            place = _place_near(trig)
            if place is None and not _with(trig):
                continue
            lo, hi = trig.left_edge.i, trig.right_edge.i + 1
            if trig.dep_ in ("nsubj", "nsubjpass", "dobj") or trig.pos_ == "VERB":
                head = trig if trig.pos_ == "VERB" else trig.head
                lo, hi = min(lo, head.left_edge.i), max(hi, head.right_edge.i + 1)
            scope = doc[lo:hi]
            people = []
            for m in resolver.mentions_in(scope.start_char, scope.end_char):
                if resolver.labels.get(m.name) in ("PERSON", "ORG", "GPE") and m.name not in people \
                        and m.name != place:
                    people.append(m.name)
            if place is None and len(people) < 2:
                continue  # "met with" whom? an event needs a place or two sides
            date = None
            for e in sent.ents:
                if e.label_ == "DATE":
                    date = resolve(e.text, published)
                    if date:
                        break
            out.append(Event(kind, Span.of(text, trig.idx, trig.idx + len(trig.text)),
                             Span.of(text, sent.start_char, sent.end_char), people, place,
                             date or (published[:10] if published else None)))
            break  # one event a sentence
    return out
