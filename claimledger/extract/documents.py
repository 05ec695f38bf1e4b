"""Who wrote the documents an article cites: 'a report by the UN rights office', 'OHCHR's study', 'the
Intelligence Community released its annual threat assessment report', 'It interviewed victims for a report'.

A later 'the report says', 'according to the report' or a figure the report documents is then its author's,
as the guideline has it for polls and reports.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..vocab.en import DOCUMENT_NOUNS, PRONOUNS, PUBLISH_VERBS

NameOf = Callable[[Span], "str | None"]
BodyBefore = Callable[[int], "str | None"]


def document_authors(doc: Doc, name_of: NameOf, body_before: BodyBefore) -> list[tuple[int, str, str]]:
    """(offset of the document noun, its head lemma, the author's name) for each document whose author is named."""
    out: list[tuple[int, str, str]] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in DOCUMENT_NOUNS:
            continue
        author = _own_author(tok, name_of) or _publisher(tok, name_of, body_before)
        if author:
            out.append((tok.idx, tok.lemma_.lower(), author))
    return out


def _own_author(tok: Token, name_of: NameOf) -> str | None:
    """Named on the noun itself: 'OHCHR's report', 'the UN report', 'a study by CSIS', 'a report released by X'."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ not in PRONOUNS:
            if name := name_of(doc[c.left_edge.i:c.i + 1]):
                return name
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (name := name_of(doc[obj.left_edge.i:obj.i + 1])):
                return name
        if c.dep_ == "acl" and c.tag_ == "VBN":  # 'a report released by the ministry'
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None and (name := name_of(doc[obj.left_edge.i:obj.i + 1])):
                return name
    proper = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"]
    if proper:
        return name_of(doc[proper[0].i:proper[-1].i + 1])
    return None


def _publisher(tok: Token, name_of: NameOf, body_before: BodyBefore) -> str | None:
    """The subject of the verb that put it out ('X released a report', 'X said in a report', 'It interviewed
    victims for a report'); 'it' or 'its' there is the body the sentence before is about."""
    verb = None
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in PUBLISH_VERBS:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("for", "in") and tok.head.head.pos_ == "VERB":
        verb = tok.head.head
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if subj is None:
        return None
    if subj.lower_ in ("it", "they"):
        return body_before(subj.sent.start_char)
    return name_of(tok.doc[subj.left_edge.i:subj.i + 1])
