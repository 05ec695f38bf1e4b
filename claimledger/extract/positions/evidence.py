"""Evidence: the stretches of an article that show where an actor stands (statements, acts, stands)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...types import Statement
from ...vocab.en import (
    ACT_NOUNS,
    ACT_VERBS,
    FORECAST,
    MODALS,
    PERSON_ROLES,
    PLANS,
    PROPOSE_VERBS,
    PROPOSING,
    REFERRING,
    SUBJECT_PRONOUNS,
)
from ...vocab.names import country_of_demonym
from ..confidence import POSITION_ACT, POSITION_NOUN
from ..roles import qualifies_group
from ..speakers import Resolver


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


def find_evidence(doc: Doc, statements: list[Statement], resolver: Resolver,
              body: list[tuple[int, int]]) -> Iterator[Evidence]:
    """Every attributed statement, then every act or stand the article reports of an actor."""
    yield from _statement_evidence(doc, statements, resolver)
    cue_starts = {s.cue.start for s in statements if s.cue is not None}  # by someone or by no one: speech
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


def _statement_evidence(doc: Doc, statements: list[Statement], resolver: Resolver) -> Iterator[Evidence]:
    for i, s in enumerate(statements):
        speaker = doc.char_span(s.speaker.start, s.speaker.end, alignment_mode="expand") if s.speaker else None
        if not s.speaker_name or (speaker is not None and qualifies_group(speaker.root)):
            continue
        cue_lemma = None
        if s.cue is not None:
            cue_span = doc.char_span(s.cue.start, s.cue.end, alignment_mode="expand")
            cue_lemma = cue_span.root.lemma_.lower() if cue_span is not None else None
        start = min(s.content.start, s.cue.start) if s.cue is not None and s.cue.start < s.content.start and \
            s.content.start - s.cue.end < 40 else s.content.start
        yield Evidence(s.speaker_name, start, s.content.end, cue_lemma, s.confidence, i, s.said_on)
        for other in _also(speaker, resolver):  # 'Britain and France have pledged ...': France's too
            yield Evidence(other, start, s.content.end, cue_lemma, s.confidence, i, s.said_on)


def _also(speaker: SpacySpan | None, resolver: Resolver) -> Iterator[str]:
    if speaker is None:
        return
    for conj in speaker.root.conjuncts:
        if conj.i > speaker.root.i and conj.pos_ == "PROPN" and not (speaker.start <= conj.i < speaker.end):
            name = resolver.name_in(conj.doc[conj.left_edge.i:conj.i + 1])
            if name:
                yield name


def _act(tok: Token, resolver: Resolver) -> Evidence | None:
    """'Ukraine has rejected ...': the act verb's subject takes the side, the clause is the evidence."""
    if any(c.dep_ == "aux" and c.lemma_.lower() in MODALS for c in tok.children) or (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("have", "need")) or (  # "has to agree"
            tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in FORECAST):  # "expects the EU to adopt"
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
    if owner is None:
        owner, actor = _modifier_owner(tok, resolver)
    start = min(owner.left_edge.idx, tok.left_edge.idx) if owner is not None else tok.left_edge.idx
    if owner is None:
        actor = _plan_before(tok, resolver)
    if not actor:
        return None
    # 'The US plan calls for ...': a plan that is the subject says its terms in its verb's clause
    end = _clause_end(tok.head) if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" else _clause_end(tok)
    return Evidence(actor, start, end, tok.lemma_.lower(), POSITION_NOUN, None, None)


def _plan_before(tok: Token, resolver: Resolver) -> str | None:
    """'The plan also calls for elections': whose plan, from the last one the article gave an owner, a few
    paragraphs back at most ('Washington's 28-point plan ...')."""
    if tok.lemma_.lower() not in PLANS or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in
                                                  tok.children) or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for earlier in reversed(tok.doc[:tok.i]):
        if tok.idx - earlier.idx > 2500:
            return None
        if earlier.lemma_.lower() in PLANS and earlier.pos_ == "NOUN":
            owner = next((c for c in earlier.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in ("its", "his", "her", "their"):
                return _actor_of(owner, resolver)
            found = _modifier_owner(earlier, resolver)[1]
            if found:
                return found
    return None


def _modifier_owner(tok: Token, resolver: Resolver) -> tuple[Token | None, str | None]:
    """'the US plan', 'the American proposal', 'a Kremlin demand': the state or body the modifier names."""
    for c in tok.children:
        if c.i > tok.i or c.dep_ not in ("compound", "amod", "nmod"):
            continue
        if c.pos_ == "PROPN":
            name = resolver.name_in(tok.doc[c.left_edge.i:c.i + 1])
            if name:
                return c, name  # find_positions maps a seat to its state
        if c.ent_type_ == "NORP" and (country := country_of_demonym(c.text)):
            return c, country
    return None, None


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
    if tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ in ("", "NORP") or qualifies_group(tok):
        return None  # 'the two leaders', 'officials', 'most Germans', 'EU and Ukrainian officials': no one actor
    left, right = tok.left_edge.i, tok.i + 1
    span: SpacySpan = tok.doc[left:right]
    named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:  # 'Ostmark's negotiator, Colonel Dietrich Arne, rejected ...': the name
        found = resolver.name_in(tok.doc[named.left_edge.i:named.right_edge.i + 1])
        if found:
            return found
    return resolver.name_in(span) or resolver.resolve_role(span)
