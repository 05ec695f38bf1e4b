"""Positions: which actor takes which side on which issue of a taxonomy, with the evidence span.

Evidence comes from three places: an actor's statements; the article's own report of an actor's act
("Ukraine has persistently rejected the notion of conceding Donbas", "the Trump administration is
pressuring Ukraine to hold elections"); and an actor's named plan or demand ("the EU's strategy of
issuing sanctions"). A topic is assigned by the taxonomy's patterns; the stance is support unless
the cue opposes ("warned against", "rejects the notion"), or a negation in the evidence flips it
("will not lead to anything positive"), "no peace unless" counting as a double negative.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...types import Position, Span, Statement
from ...vocab.en import MEDIA_WORDS
from ...vocab.names import state_of_seat
from ..confidence import POSITION_FACTOR
from ..speakers import Resolver
from ..taxonomy import Taxonomy
from ..text import text_of
from .evidence import find_evidence
from .stance import clause, judge, match, no_stance


def find_positions(doc: Doc, statements: list[Statement], resolver: Resolver, taxonomy: Taxonomy,
                   body: list[tuple[int, int]]) -> list[Position]:
    text = text_of(doc)
    out: list[Position] = []
    seen: set[tuple[str, str, int, int]] = set()
    acts: dict[int, int] = {}  # position index -> where its act verb is
    for actor, start, end, cue, conf, st_index, said_on, governs, at in find_evidence(doc, statements, resolver, body):
        actor = state_of_seat(actor) or actor  # 'Beijing', 'the Kremlin': the state, one actor
        if any(w.lower().strip(".,'’-") in MEDIA_WORDS for w in re.split(r"[\s/-]+", actor)):
            continue  # an outlet reports and a poll measures: neither takes a side
        end = start + len(text[start:end].rstrip())  # a sentence's end holds its newline: evidence is words
        start += len(text[start:end]) - len(text[start:end].lstrip(" :,;-–—"))  # 'Sandoval: Ostmark must ...'
        evidence = text[start:end]
        for topic in taxonomy.topics:
            m = match(topic, evidence)
            if m is None:
                continue
            roles = resolver.roles.get(actor, set()) if st_index is not None else None
            if no_stance(evidence, m[0], actor, roles, m[1]):
                continue
            left, right = clause(evidence, m[0], m[1])
            span = doc.char_span(start + left, start + right, alignment_mode="expand")
            tokens = list(span) if span is not None else []
            reaches = governs is None or governs[0] <= start + m[0] < governs[1]
            stance = judge(m[2], cue if reaches else None, tokens, evidence[left:m[0]], evidence[m[0]:m[1]],
                             evidence[m[1]:right])
            key = (actor, topic.id, start, end)
            if key in seen:
                continue
            seen.add(key)
            if at is not None:
                acts[len(out)] = at
            out.append(Position(actor, topic.id, stance, Span.of(text, start, end),
                                round(conf * POSITION_FACTOR, 3), st_index, said_on))
    return _once(out, statements, acts)


def _once(positions: list[Position], statements: list[Statement], acts: dict[int, int]) -> list[Position]:
    """One position per actor, topic and stance in an article (the first evidence); no act that only
    restates what a speaker's statement around it already gives ('Putin announced that Russia would suspend
    ...' is Putin's); of two opposite stances one actor takes in overlapping evidence, the one that comes
    first ('rejected the proposal, saying that a buffer zone would ...': the rejection)."""
    said = [(statements[p.statement].content, p.topic) for p in positions if p.statement is not None]
    out: list[Position] = []
    keys: set[tuple[str, str, str]] = set()
    for i, p in sorted(enumerate(positions), key=lambda ip: ip[1].evidence.start):
        at = acts.get(i, p.evidence.start)
        inside = p.statement is None and at >= 0 and any(c.start <= at < c.end and topic == p.topic
                                                          for c, topic in said)
        clash = any(q.actor_name == p.actor_name and q.topic == p.topic and q.stance != p.stance
                    and q.evidence.start <= p.evidence.start < q.evidence.end for q in out)
        key = (p.actor_name, p.topic, p.stance)
        if inside or clash or key in keys:
            continue
        keys.add(key)
        out.append(p)
    return out
