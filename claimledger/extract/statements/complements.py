"""Complements of speech acts: 'called for X', 'accused A of B', 'likened X to Y', 'voiced skepticism over E',
'urged Y to Z' and speech-act nouns with a clause or infinitive ('threats to use ...', 'a demand that ...').

The guideline counts them as statements: the verb (or noun) is the cue, its complement the content. A verb
that reports a clause is left to ``cues``; a bare object of a verb of rejection is an act, not a statement.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...vocab.en import (
    BLAME_CUES,
    CUE_NOUNS,
    DOCUMENT_CUES,
    INFINITIVE_CUES,
    LABEL_CUES,
    LIGHT_CUES,
    META_NOUNS,
    OBJECT_CUES,
    PREP_CUES,
    PRONOUNS,
    RELATIVE,
    REPORT_NOUNS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    STANCE_NOUNS,
    TERM_NOUNS,
    TOPIC_CUES,
    VIEW_CUES,
    VOICING_VERBS,
)
from ..confidence import STATEMENT
from ..text import text_of
from .candidate import Candidate, is_break, within, word_end
from .syntax import date_for, finite, phrase, subject

OBJECT_DEPS = ("dobj",)
ARGUMENT_DEPS = ("dobj", "dative", "xcomp", "ccomp", "prep", "oprd", "attr", "acomp", "pcomp")
CONDITIONS = frozenset("if unless as because while until when".split())
BOUND_PREPS = frozenset("of for against about on over".split())  # 'accused of "..."': the charge, not 'of'
WRITER_BREAKS = ("—", "–", "--", "(")
MIN_CONTENT = 6  # characters: 'peace' alone is a topic, not a claim


def from_complements(sent: Span, skip: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    for tok in sent:
        if within(skip, tok.idx, tok.idx + 1) or any(c.dep_ == "neg" for c in tok.children):
            continue
        found = _verb_complement(tok, sent) if tok.pos_ == "VERB" else None
        if found is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS:
            found = _noun_complement(tok, sent)
        if found is not None:
            out.append(found)
    return out


def _verb_complement(verb: Token, sent: Span) -> Candidate | None:
    if any(c.dep_ == "ccomp" and finite(c) for c in verb.children):
        return None  # a reported clause: the cue rule's
    lemma = verb.lemma_.lower()
    found = None
    if lemma in PREP_CUES:
        found = _after_prep(verb, PREP_CUES[lemma])
    if found is None and lemma in BLAME_CUES:
        found = _object_and_charge(verb) or _predicate(verb, ("as",))  # 'condemned the attacks as Y': Y
    if found is None and lemma in LABEL_CUES and not any(c.dep_ == "nsubjpass" for c in verb.children):
        found = _predicate(verb)
    if found is None and lemma in VIEW_CUES and verb.tag_ == "VBG" and _in_speech_event(verb):
        found = _predicate(verb, ("as",))
    doer = _document(verb) if lemma in DOCUMENT_CUES else None
    if found is None and doer is not None:
        obj = _object(verb)
        found = (_subtree(obj), verb.idx + len(verb.text)) if obj is not None else None
        if found is not None:
            (start, end), cue_end = found
            return _candidate(verb, sent, start, end, cue_end, doer)
    if found is None and lemma in TOPIC_CUES:  # 'talked about Poland's aspirations to lead ...'
        obj = next((g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("about", "on", "of")
                    for g in p.children if g.dep_ == "pobj"), None)
        topic = _claim_topic(verb, obj.idx, obj.idx + len(obj.text)) if obj is not None else None
        found = ((topic[0], topic[1]), topic[2]) if topic is not None else None
    if found is None and lemma in OBJECT_CUES | LIGHT_CUES:
        obj = _object(verb)
        if obj is not None and obj.lemma_.lower() not in TERM_NOUNS and (
                lemma in OBJECT_CUES or obj.lemma_.lower() in STANCE_NOUNS):
            found = (_subtree(obj), verb.idx + len(verb.text))
    if found is None:
        return None
    (start, end), cue_end = found
    if lemma not in LABEL_CUES:
        end = _with_condition(verb, end)
    if lemma in BLAME_CUES and subject(verb) is None and any(c.dep_ == "nsubjpass" for c in verb.children):
        return Candidate(start, end, "indirect", None, (verb.idx, cue_end), date_for(verb, (start, end), sent),
                         STATEMENT["cue_unattributed"], "cue")  # 'was denounced as Y': a speech act, nobody named
    meta = verb.head if verb.dep_ == "relcl" and verb.head.lemma_.lower() in META_NOUNS else None
    if meta is not None and meta.left_edge.i > 0 and verb.doc[meta.left_edge.i - 1].text in (",", "—", "–"):
        return None  # '..., a statement that underlined the EU's strategy': the writer's comment on a claim
    return _candidate(verb, sent, start, end, cue_end, subject(verb))


def _in_speech_event(verb: Token) -> bool:
    """A participle hung (directly or through the complement) on a speech verb: '..., viewing it as ...'."""
    node = verb
    for _ in range(3):
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in SPEECH_VERBS:
            return True
        if node.head.i == node.i:
            return False
    return False


def _with_condition(verb: Token, end: int) -> int:
    """'hinting at changes if no progress is made', 'conveyed frustration as Russia avoided talks': a clause
    the parser hung on the verb, right after the complement with no comma, belongs to it."""
    for c in verb.children:
        first = c.left_edge
        marked = first.dep_ in ("mark", "advmod") and first.lower_ in CONDITIONS
        if c.dep_ == "advcl" and marked and c.tag_ != "VBG" and \
                text_of(verb.doc)[end:first.idx].strip() == "":
            return _subtree(c)[1]
    return end


def _document(verb: Token) -> Token | None:
    """The report, study or survey whose findings the verb gives: its subject ('the study documented'),
    'it' right after one was named ('It also documents ...'), or the noun it qualifies ('a report detailing')."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in SOURCE_NOUNS:
        return verb.head
    subj = subject(verb)
    if subj is None:
        return None
    if subj.lemma_.lower() in SOURCE_NOUNS:
        return subj
    if subj.lower_ == "it":
        before = subj.doc[max(subj.sent.start - 40, 0):subj.i]
        if any(t.lemma_.lower() in SOURCE_NOUNS and t.dep_ in ("nsubj", "nsubjpass") for t in before):
            return subj
    return None


def _object(verb: Token) -> Token | None:
    obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lower_ in PRONOUNS | RELATIVE:
        return None
    return obj


def _after_prep(verb: Token, preps: frozenset[str]) -> tuple[tuple[int, int], int] | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.lower_ not in PRONOUNS | RELATIVE:
                start, end = _subtree(prep)  # 'against Ukraine making concessions': all after the preposition
                nxt = verb.doc[prep.right_edge.i + 1] if prep.right_edge.i + 1 < len(verb.doc) else None
                inf = nxt is not None and nxt.lower_ == "to" and nxt.dep_ == "aux" and nxt.head.head.i in (
                    verb.i, obj.i)
                if nxt is not None and nxt.tag_ == "VBG" and nxt.head.i in (verb.i, obj.i):
                    end = max(end, _subtree(nxt)[1])  # the parser hung the gerund on the verb
                elif inf and nxt is not None:  # 'called for peace talks to end the conflict'
                    end = max(end, _subtree(nxt.head)[1])
                return (prep.doc[prep.i + 1].idx, end), prep.idx + len(prep.text)
    return None


def _object_and_charge(verb: Token) -> tuple[tuple[int, int], int] | None:
    """'accused Russia of stalling': content from the object to the end of the charge."""
    obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
    heads = [verb, obj] if obj is not None else [verb]  # the parser hangs 'of ...' on either
    charge = next((c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "with")
                   and c.i > verb.i), None)
    if obj is None or charge is None or not list(charge.children):
        return None
    return (obj.left_edge.idx, _subtree(charge)[1]), verb.idx + len(verb.text)


def _predicate(verb: Token, preps: tuple[str, ...] = ("as", "to")) -> tuple[tuple[int, int], int] | None:
    """'likened the talks to a trap', 'described the offer as a trick': the predicate only (the parser may hang
    'to ...' on the object: 'likened the discovery to what happened in ...')."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for c in list(verb.children) + (list(obj.children) if obj is not None else []):
        if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp", "amod", "acomp")), None)
            if obj is not None:
                start, end = _subtree(obj)
                first = verb.doc[obj.left_edge.i]
                if first.dep_ == "det" and first.i + 1 < len(verb.doc) and verb.doc[first.i + 1].is_quote:
                    start = verb.doc[first.i + 2].idx  # 'labeled Putin as a "predator"': the quoted word
                return (start, end), verb.idx + len(verb.text)
        if c.dep_ == "oprd":
            return _subtree(c), verb.idx + len(verb.text)
    return None


def _noun_complement(noun: Token, sent: Span) -> Candidate | None:
    """'Moscow's threats to use ...', 'his call for troops to withdraw', 'the demand that ...': with a clause or
    an infinitive only (a bare noun phrase, 'demands for ammunition', is a topic); the speaker is the owner
    or the subject of the verb the noun is the object of ('has made threats to ...')."""
    content = None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and (any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
                                           or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            content = _subtree(c)
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                first = next(t for t in c.subtree if t.dep_ != "mark" or t.lower_ != "that")
                content = (first.idx, content[1])
        elif c.dep_ == "relcl" and _that_clause(c):  # 'concerns that S', parsed as a relative clause
            content = (c.doc[c.left_edge.i + 1].idx, _subtree(c)[1])
        elif c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "against", "about", "over") and _has_event(c):
            content = _subtree(next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), c))
        if content is not None:
            break
    if content is None or content[0] < noun.idx:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # 'concerns from Washington that ...', 'a request from Ukraine to ...'
        source = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((g for g in source.children if g.dep_ == "pobj"), None) if source is not None else None
    governor = noun.head if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ == "VERB" and \
        noun.head.lemma_.lower() in VOICING_VERBS else None  # 'made threats to ...', not 'rejected the notion'
    speaker = owner if owner is not None else (subject(governor) if governor is not None else None)
    if speaker is None and noun.lemma_.lower() in REPORT_NOUNS and _existential(noun):  # 'there were reports of
        return Candidate(content[0], content[1], "indirect", None, (noun.idx, noun.idx + len(noun.text)),
                         date_for(noun, content, sent), STATEMENT["cue_unattributed"], "cue")
    if speaker is None:
        return None
    return _candidate(noun, sent, content[0], content[1], noun.idx + len(noun.text), speaker)


def _existential(noun: Token) -> bool:
    return noun.dep_ in ("attr", "nsubj") and any(c.dep_ == "expl" for c in noun.head.children)


def _that_clause(clause: Token) -> bool:
    """A that-clause the parser made a relative clause: 'that' leads it, it has a subject of its own and
    every argument filled besides 'that' ('the claims that he made' is a true relative clause)."""
    that = clause.left_edge
    if that.lower_ != "that" or that.i + 1 >= clause.i:
        return False
    args = [c for c in clause.children if c.i != that.i and c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "acomp",
                                                                        "oprd", "prep")]
    subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != that.i]
    return bool(subj) and bool(args)


def _has_event(prep: Token) -> bool:
    """'calls for troops to withdraw', 'reports of soldiers looting': a verb of its own, not a bare noun phrase."""
    for g in prep.children:
        if g.dep_ == "pcomp" and g.pos_ == "VERB":
            return True
        if g.dep_ == "pobj" and (g.tag_ == "VBG" or any(a.dep_ in ("acl", "relcl") and a.tag_ == "VBG"
                                                         for a in g.subtree)):
            return True  # 'the notion of the town selling its harbour': the event may sit one phrase down
    return False


def _subtree(tok: Token) -> tuple[int, int]:
    """The phrase under ``tok``, without the writer's additions after a comma or dash: a relative clause or
    apposition glossing it, or a participle continuing the sentence ('..., which she says are familiar')."""
    left, right = tok.left_edge, tok.right_edge
    for t in tok.subtree:
        if t.i > tok.i and t.dep_ in ("relcl", "appos", "advcl", "acl") and t.left_edge.i > left.i:
            prev = tok.doc[t.left_edge.i - 1]
            if is_break(prev) or prev.text == "(" or t.left_edge.lower_ == "while":
                right = tok.doc[min(right.i, prev.i if prev.is_punct else t.left_edge.i - 1)]
                break
    while right.i > left.i and right.is_punct:
        right = tok.doc[right.i - 1]
    return left.idx, word_end(text_of(tok.doc), right.idx + len(right.text))


def _candidate(cue: Token, sent: Span, start: int, end: int, cue_end: int, subj: Token | None) -> Candidate | None:
    if end - start < MIN_CONTENT or start <= cue.idx < end:
        return None
    if subj is None:  # a complement with no one doing the speech act is the writer's phrasing
        return None
    speaker = phrase(subj)
    if speaker.start_char < end and start < speaker.end_char:
        return None
    return Candidate(start, end, "indirect", speaker, (cue.idx, cue_end), date_for(cue, (start, end), sent),
                     STATEMENT["cue"], "cue")


def complement_around(cue: Token, start: int, end: int) -> tuple[int, int, int] | None:
    """The complement of a speech act that holds quoted words at ``start:end``, and where the cue ends:
    'urged people "don't look away" from the images' -> 'people "don't look away" from the images'
    (guideline 3). None for labels ('called it a "trap"': the quote) and topics ('spoke about "..."')."""
    lemma = cue.lemma_.lower()
    if lemma in TOPIC_CUES:
        return _claim_topic(cue, start, end)
    if lemma not in INFINITIVE_CUES | BLAME_CUES | OBJECT_CUES | PREP_CUES.keys():
        return None
    kids = [c for c in cue.children if c.i > cue.i and c.dep_ in ARGUMENT_DEPS
            and not (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children))]
    text = text_of(cue.doc)
    while end > start and text[end - 1] in ".,;:!? ":  # the quote's own final stop may hang on the sentence
        end -= 1
    holder = next((k for k in kids if k.left_edge.idx <= start and end <= _edge_end(k)), None)
    if holder is None:
        return None
    first = kids[0]
    if lemma in PREP_CUES and (first.dep_ != "prep" or first.lower_ not in PREP_CUES[lemma]):
        return None
    if holder.dep_ == "dobj" and holder.lemma_.lower() in TERM_NOUNS:
        return None  # 'emphasized the idea of a "swapping of territories"': the quoted words
    cue_end = cue.idx + len(cue.text)
    left = first.left_edge
    if first.dep_ == "prep" and first.lower_ in BOUND_PREPS and first.i + 1 < len(cue.doc):
        cue_end, left = first.idx + len(first.text), cue.doc[first.i + 1]
    right = max(k.right_edge.i for k in kids[:kids.index(holder) + 1])
    for k in kids[kids.index(holder) + 1:]:
        if cue.doc[k.left_edge.i - 1].text in (",",) + WRITER_BREAKS:
            break
        right = max(right, k.right_edge.i)
    for t in cue.doc[holder.i:right + 1]:
        if t.idx >= end and t.text in WRITER_BREAKS:
            right = t.i - 1
            break
    while right > left.i and cue.doc[right].is_punct and not cue.doc[right].is_quote:
        right -= 1
    return left.idx, cue.doc[right].idx + len(cue.doc[right].text), cue_end


def _claim_topic(cue: Token, start: int, end: int) -> tuple[int, int, int] | None:
    """'elaborated on the necessity for "credible" guarantees': a topic that carries a claim (a stance noun,
    or a clause of its own) is the content; a bare topic ('spoke about "militarization"') keeps the quote."""
    for prep in cue.children:
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
        if obj is None or not (obj.left_edge.idx <= start and end <= _edge_end(obj) + 2):
            continue
        claim = obj.lemma_.lower() in STANCE_NOUNS or any(
            c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX") for c in obj.children)
        if claim:
            s, e = _subtree(obj)
            return s, max(e, end), prep.idx + len(prep.text)
    return None


def _edge_end(tok: Token) -> int:
    return tok.right_edge.idx + len(tok.right_edge.text)
