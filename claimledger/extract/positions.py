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
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..types import Position, Span, Stance, Statement
from ..vocab.en import (
    ACT_NOUNS,
    ACT_VERBS,
    AGAINST,
    BOUNDARY,
    DOUBLE,
    MEDIA_WORDS,
    MODALS,
    NEGATIVE_CUES,
    NEGATORS,
    OWNED,
    PERSON_ROLES,
    PROPOSE_VERBS,
    PROPOSING,
    REFERRING,
    SUBJECT_PRONOUNS,
    UNDO,
)
from ..vocab.names import state_of_seat
from .confidence import POSITION_ACT, POSITION_FACTOR, POSITION_NOUN
from .speakers import Resolver
from .taxonomy import PatternStance, Taxonomy, Topic
from .text import text_of


class Evidence(NamedTuple):
    """A stretch of text that shows where an actor stands, and how it was found."""

    actor: str
    start: int
    end: int
    cue: str | None  # the lemma of the cue or act verb
    confidence: float
    statement: int | None  # index into the article's statements
    said_on: str | None
    governs: tuple[int, int] | None = None  # what an act verb takes as its object: its cue reaches no further
    at: int | None = None  # where the act verb is


# a speaker's account of what someone else wants: 'America's goal was to impose more sanctions' is no stance of
# the speaker's own
OTHERS_AIM = re.compile(r"\b[A-Z][\w.]*['’]s\s+(\w+\s+)?(goal|aim|plan|intention|strategy|purpose|desire|objective|"
                        r"pretext|agenda)s?\b|\b(goal|aim|purpose|intention|objective)\s+(was|is|has been)\s+to\b")
# ... or of another party's readiness: 'Moscow was ready to negotiate', said by someone else, is Moscow's
OTHERS_READY = re.compile(r"\b(?!(?:It|He|She|They|We|I|This|That|There)\b)([A-Z][\w.’'-]+)\s+"
                          r"(is|was|were|are|has been|had been|remains|remained)\s+(still\s+|not\s+|also\s+)*$")
# the match sits in a clause the sentence concedes before making its claim: 'Although arms are flowing to Kyiv, ...'
CONCEDED = re.compile(r"\b(although|though|even if|despite|whereas)\b[^,;.]*$", re.I)
# an observation that something is not happening is no stance on it: 'there are no signs of a withdrawal'
OBSERVED = re.compile(r"\b(no|any|little)\s+(signs?|evidence|indications?|traces?)\s+(of|that)\s+(\w+\s+){0,3}$", re.I)


def _others(before: str, speaker: str) -> bool:
    """A speaker's account of another party's aim or readiness, not a stance of the speaker's own."""
    ready = OTHERS_READY.search(before)
    return bool(OTHERS_AIM.search(before)) or (ready is not None and ready.group(1).lower() not in speaker.lower())


def _match(topic: Topic, text: str) -> tuple[int, int, PatternStance] | None:
    if any(u.search(text) for u in topic.unless):
        return None
    for p in topic.patterns:
        m = p.regex.search(text)
        if m:
            return m.start(), m.end(), p.stance
    return None


def _negations(tokens: list[Token]) -> int:
    n = sum(1 for t in tokens if t.dep_ == "neg" or t.lower_ in NEGATORS)
    if n and any(t.lower_ in DOUBLE for t in tokens):
        n += 1
    return n


def _clause(evidence: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of the evidence around a match up to the clause boundaries on either side."""
    left = max((m.end() for m in BOUNDARY.finditer(evidence, 0, start)), default=0)
    # the clause the match starts in: a long pattern may run on past ", and it will not ..."
    right = next((m.start() for m in BOUNDARY.finditer(evidence, start + 1)), len(evidence))
    return left, max(right, min(end, right))


def _stance(fixed: PatternStance, cue: str | None, tokens: list[Token], before_match: str, matched: str = "") -> Stance:
    """``tokens``: the clause around the match; ``before_match``: its words before the match."""
    flips = _negations(tokens)
    if cue and cue.lower() in NEGATIVE_CUES:
        flips += 1  # the cue says it once: 'cautioned against X', 'accused X of' are no double negatives
        before_match = re.sub(r"^\W*\w+(?:\s+\w+)?\s+(against|of|for)\b", "", before_match, flags=re.I)
        before_match = re.sub(r"^\W*\w+", "", before_match)
    if AGAINST.search(before_match):
        flips += 1
    if UNDO.search(before_match + " " + matched):
        flips += 1
    base: Stance = "oppose" if fixed == "oppose" else "support"  # 'auto' is support unless flipped
    if flips % 2:
        return "oppose" if base == "support" else "support"
    return base


def _evidence(doc: Doc, statements: list[Statement], resolver: Resolver,
              body: list[tuple[int, int]]) -> Iterator[Evidence]:
    """Every attributed statement, then every act or stand the article reports of an actor."""
    yield from _statement_evidence(doc, statements)
    cue_starts = {s.cue.start for s in statements if s.speaker_name and s.cue is not None}
    quoted = resolver.quoted
    for tok in doc:
        pos = tok.idx
        if not any(a <= pos < b for a, b in body) or any(a <= pos < b for a, b in quoted) or (
                pos in cue_starts and _referred(tok) is None):  # 'rejected the proposal': what, the act says
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ACT_VERBS:
            found = _act(tok, resolver)
            if found is None:
                yield from _pair_act(tok, resolver)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in ACT_NOUNS:
            found = _stand(tok, resolver)
        else:
            continue
        if found is not None:
            yield found


def _statement_evidence(doc: Doc, statements: list[Statement]) -> Iterator[Evidence]:
    for i, s in enumerate(statements):
        if not s.speaker_name:
            continue
        cue_lemma = None
        if s.cue is not None:
            cue_span = doc.char_span(s.cue.start, s.cue.end, alignment_mode="expand")
            cue_lemma = cue_span.root.lemma_.lower() if cue_span is not None else None
        start = min(s.content.start, s.cue.start) if s.cue is not None and s.cue.start < s.content.start and \
            s.content.start - s.cue.end < 40 else s.content.start
        yield Evidence(s.speaker_name, start, s.content.end, cue_lemma, s.confidence, i, s.said_on)


def _act(tok: Token, resolver: Resolver) -> Evidence | None:
    """'Ukraine has rejected ...': the act verb's subject takes the side, the clause is the evidence."""
    if any(c.dep_ == "aux" and c.lemma_.lower() in MODALS for c in tok.children) or (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("have", "need")):  # "has to agree"
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and tok.dep_ in ("xcomp", "conj"):  # "has expressed ... and pressed"
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "pcomp" and tok.head.lower_ == "for":
        subj = _blamed(tok.head)  # "critical of the Trump administration for pressuring Ukraine"
    actor = _actor_of(subj, resolver) if subj is not None else None
    if not actor or subj is None:
        return None
    start = min(subj.left_edge.idx, tok.idx)
    objects = [t for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "attr", "oprd")
               for t in (c.left_edge, c.right_edge)]
    governs = (min(t.idx for t in objects), max(t.idx + len(t.text) for t in objects)) if objects else None
    antecedent = _referred(tok)
    if antecedent is not None:  # 'Sandoval proposed a buffer zone. Arne rejected the proposal': what was proposed
        start, governs = min(start, antecedent[0]), antecedent
    return Evidence(actor, start, _clause_end(tok), tok.lemma_.lower(), POSITION_ACT, None, None, governs, tok.idx)


def _pair_act(verb: Token, resolver: Resolver) -> Iterator[Evidence]:
    """'the two leaders agreed on the need to continue pursuing diplomacy': each of the two people named last."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ != "NNS" or subj.lemma_.lower() not in PERSON_ROLES or not any(
            c.lower_ in ("two", "both") for c in subj.children):
        return
    for name in resolver.last_people(subj.idx, 2):
        start = subj.left_edge.idx
        # at -1: named others' act, their own stance even where a statement reports it
        yield Evidence(name, start, _clause_end(verb), verb.lemma_.lower(), POSITION_ACT, None, None, None, -1)


def _referred(verb: Token) -> tuple[int, int] | None:
    """'rejected the proposal', 'welcomed this offer': the clause, in this sentence or the one before, where the
    thing was proposed or offered; None when the object says what it is ('the proposal of a buffer zone')."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in REFERRING or any(c.dep_ in ("prep", "acl", "relcl", "compound")
                                                                  for c in obj.children):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "such") for c in obj.children):
        return None
    doc = verb.doc
    first = doc[verb.sent.start - 1].sent.start if verb.sent.start > 0 else verb.sent.start
    source = next((t for t in reversed(doc[first:obj.i]) if t.lemma_.lower() in PROPOSING and t.pos_ in ("VERB",
                                                                                                       "NOUN")), None)
    if source is None:
        return None
    last = source.right_edge
    return source.idx, min(last.idx + len(last.text), verb.idx)


def _stand(tok: Token, resolver: Resolver) -> Evidence | None:
    """'the EU's strategy of issuing sanctions', 'its intention to win back Crimea', 'Zelensky has put forward a
    plan': the owner's or the proponent's stand."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in ("its", "his", "her", "their"):
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "dobj" else None
        owner = subj if subj is not None else owner  # 'It has made clear its intention': the subject's
    if owner is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in PROPOSE_VERBS:
        owner = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    actor = _actor_of(owner, resolver) if owner is not None else None
    if not actor or owner is None:
        return None
    return Evidence(actor, owner.left_edge.idx, _clause_end(tok), tok.lemma_.lower(), POSITION_NOUN, None, None)


def _blamed(prep_for: Token) -> Token | None:
    """The one praised or blamed 'for' an act: "critical of X for ...", "X, which was blamed for ..."."""
    head = prep_for.head
    if head.pos_ in ("NOUN", "PROPN"):
        return head
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return next((c for c in head.children if c.dep_ == "dobj"), None)  # "blamed Kyiv for ..."


def _clause_end(tok: Token) -> int:
    last = tok.right_edge
    sent_end = tok.sent.end_char
    return min(last.idx + len(last.text), sent_end)


def _actor_of(tok: Token, resolver: Resolver) -> str | None:
    if tok.lower_ in ("its", "his", "her", "their"):
        return resolver.resolve_pronoun({"its": "it", "his": "he", "her": "she"}.get(tok.lower_, "they"), tok.idx, [])
    if tok.lower_ in SUBJECT_PRONOUNS:
        return resolver.resolve_pronoun(tok.lower_, tok.idx, [])
    if tok.tag_ == "NNS" and not tok.ent_type_:
        return None  # 'the two leaders', 'officials': a group is no one actor
    left, right = tok.left_edge.i, tok.i + 1
    span: SpacySpan = tok.doc[left:right]
    named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:  # 'Ostmark's negotiator, Colonel Dietrich Arne, rejected ...': the name
        found = resolver.name_in(tok.doc[named.left_edge.i:named.right_edge.i + 1])
        if found:
            return found
    return resolver.name_in(span) or resolver.resolve_role(span)


def find_positions(doc: Doc, statements: list[Statement], resolver: Resolver, taxonomy: Taxonomy,
                   body: list[tuple[int, int]]) -> list[Position]:
    text = text_of(doc)
    out: list[Position] = []
    seen: set[tuple[str, str, int, int]] = set()
    acts: dict[int, int] = {}  # position index -> where its act verb is
    for actor, start, end, cue, conf, st_index, said_on, governs, at in _evidence(doc, statements, resolver, body):
        actor = state_of_seat(actor) or actor  # 'Beijing', 'the Kremlin': the state, one actor
        if any(w.lower().strip(".,'’-") in MEDIA_WORDS for w in re.split(r"[\s-]+", actor)):
            continue  # an outlet reports and a poll measures: neither takes a side
        end = start + len(text[start:end].rstrip())  # a sentence's end holds its newline: evidence is words
        evidence = text[start:end]
        for topic in taxonomy.topics:
            m = _match(topic, evidence)
            if m is None:
                continue
            before = evidence[:m[0]]
            if OWNED.search(evidence[max(0, m[0] - 60):m[0]]) or CONCEDED.search(before) or OBSERVED.search(before) or (
                    st_index is not None and _others(before[before.rfind(". ") + 1:], actor)):
                continue
            left, right = _clause(evidence, m[0], m[1])
            span = doc.char_span(start + left, start + right, alignment_mode="expand")
            tokens = list(span) if span is not None else []
            reaches = governs is None or governs[0] <= start + m[0] < governs[1]
            stance = _stance(m[2], cue if reaches else None, tokens, evidence[left:m[0]], evidence[m[0]:m[1]])
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
