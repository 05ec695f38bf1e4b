"""Reported speech found from its cue: 'X said that ...', '..., she said', 'rejects claims that ...',
'Currently, she noted, there are ...' and 'according to X, ...'."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...vocab.en import (
    ACCORDING,
    AUTHORITY,
    CUE_NOUNS,
    INFINITIVE_CUES,
    MENTAL_VERBS,
    NEEDS_CLAUSE,
    OPENING_CONNECTIVES,
    PARTICLES,
    PREP_CUES,
    QUESTION_CUES,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    WH,
)
from ..confidence import STATEMENT
from ..text import text_of
from .candidate import Candidate, trim, within
from .syntax import clause_span, date_for, finite, is_cue_verb, phrase, subject

CLAUSE_DEPS = ("ccomp",)


def from_cue_verbs(sent: Span, skip: list[tuple[int, int]]) -> list[Candidate]:
    """One candidate per cue verb of the sentence that reports a clause; ``skip``: inside full quotes."""
    out = []
    for tok in sent:
        if not is_cue_verb(tok) or within(skip, tok.idx, tok.idx + 1) or _after_adjective(tok):
            continue
        found = _cue_candidate(tok, sent)
        if found is not None:
            out.append(found)
    return out


def _narrated_mind(tok: Token, clause: Token) -> bool:
    """'Putin feels that the momentum is his', 'Germany fears it may be next': a named actor's mind as the
    writer tells it, not a statement; 'analysts fear', 'the minister believes the border is "secure"' are."""
    if tok.lemma_.lower() not in MENTAL_VERBS or (tok.tag_ == "VBG" and tok.head.lemma_.lower() in SPEECH_VERBS):
        return False
    subj = subject(tok)
    named = subj is not None and (subj.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") or subj.lower_ in (
        "he", "she", "it"))
    quoted = any(t.is_quote for t in clause.subtree)
    return named and not quoted


def _after_adjective(tok: Token) -> bool:
    """'it is hard to believe that ...', 'ready to say': an adjective's infinitive reports nothing."""
    return tok.dep_ == "xcomp" and (tok.head.pos_ == "ADJ" or any(
        c.dep_ == "acomp" and c.i < tok.i for c in tok.head.children))


def _cue_candidate(tok: Token, sent: Span) -> Candidate | None:
    clauses, cue_end = _reported_clauses(tok)
    clause = clauses[0] if clauses else None
    if clause is None:  # nominal cue: "rejects claims that ...", "explains her view that ..."
        clause, cue_end = _nominal_clause(tok, cue_end)
    if clause is None:
        if _aside(tok):
            return _parenthetical_candidate(tok, sent, cue_end)
        return _dash_signed(tok, sent)
    return _clause_candidate(tok, sent, clause, clauses, cue_end)


def _dash_signed(tok: Token, sent: Span) -> Candidate | None:
    """'The decision was a mistake - added the US president.': a cue after a spaced dash and the speaker
    closing the sentence (translated copy's house style), whatever the parser made of it."""
    doc = sent.doc
    prev = doc[tok.i - 1] if tok.i > sent.start else None
    if prev is None or prev.text not in ("-", "–", "—") or not prev.whitespace_ or tok.tag_ not in (
            "VBD", "VBZ", "VBN"):
        return None
    rest = [t for t in doc[tok.i + 1:sent.end] if not t.is_punct]
    if not rest or len(rest) > 8 or not all(t.pos_ in ("DET", "PROPN", "NOUN", "ADJ") for t in rest) or \
            rest[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    text = text_of(doc)
    start, end = trim(text, sent.start_char, prev.idx)
    if end - start < 12:
        return None
    speaker = doc[rest[0].i:rest[-1].i + 1]
    return Candidate(start, end, "indirect", speaker, (tok.idx, tok.idx + len(tok.text)),
                     date_for(tok, (start, end), sent), STATEMENT["cue"], "cue")


def _clause_candidate(tok: Token, sent: Span, clause: Token, clauses: list[Token], cue_end: int) -> Candidate | None:
    directive = tok.lemma_.lower() in INFINITIVE_CUES - AUTHORITY and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)  # 'pressed allies to clarify ...'
    if directive and any(c.dep_ == "prep" and c.lower_ in PREP_CUES.get(tok.lemma_.lower(), ()) and c.i < clause.i
                         for c in tok.children):
        return None  # 'called for dredgers to clear the channel': the complement rule's, whole
    if tok.lemma_.lower() in NEEDS_CLAUSE and not directive and not any(m.lower_ == "that" for m in clause.children) \
            and not _document_subject(tok):  # 'the poll shows Clinton ahead': a document's finding
        return None
    if _narrated_mind(tok, clause):
        return None
    span = _content_span(tok, clause, clauses)
    if span is None:
        return None
    start, end = _with_inner_report(tok, sent, *span)
    addressee = _addressee(tok, clause)
    if addressee is not None:  # 'pressed allies to clarify ...': the one urged is part of the content
        start = addressee.left_edge.idx
        if addressee.dep_ == "pobj":
            cue_end = max(cue_end, addressee.head.idx + len(addressee.head.text))
    subj = subject(tok)
    speaker = None
    if subj is not None:
        speaker = phrase(subj)
        if speaker.start_char >= start and speaker.end_char <= end:
            speaker = None
    return Candidate(start, end, "indirect", speaker, (tok.idx, cue_end), date_for(tok, (start, end), sent),
                     STATEMENT["cue"] if speaker is not None else STATEMENT["cue_unattributed"], "cue")


def _with_inner_report(tok: Token, sent: Span, start: int, end: int) -> tuple[int, int]:
    """'X said S, AFP reported': the outer report holds the inner one, speaker and cue (guideline 4), even
    when the parser hangs S on 'reported' and leaves 'X said' out."""
    if tok.idx < end:
        return start, end
    before = sent.doc.char_span(sent.start_char, start, alignment_mode="contract")
    if before is None or not len(before):
        return start, end
    last = before[-1] if before[-1].lower_ != "that" or len(before) < 2 else before[-2]
    subj = subject(last) if is_cue_verb(last) else None
    if subj is None or subj.i > last.i:
        return start, end
    return phrase(subj).start_char, end


def _reported_clauses(tok: Token) -> tuple[list[Token], int]:
    """The finite clauses the verb reports (or, for a directive, its infinitive) and the cue's end offset."""
    clauses: list[Token] = []
    cue_end = tok.idx + len(tok.text)
    for c in tok.children:
        wh = c.left_edge.lower_ in WH and c.left_edge.i > tok.i
        outer = subject(c) if c.i > tok.i and is_cue_verb(c) else None
        closing = outer is not None and _closing_report(c, outer)
        if closing:  # 'X said S, AFP reported' with S hung on 'reported': S is what X said
            clauses.extend(g for g in c.children if g.dep_ in CLAUSE_DEPS and tok.i < g.i < c.i and finite(g))
        elif c.dep_ in CLAUSE_DEPS and finite(c) and (not wh or tok.lemma_.lower() in QUESTION_CUES):
            clauses.append(c)  # 'asked whether S' reports a question; 'knows what S' reports nothing
        elif c.dep_ == "prt" and c.lower_ in PARTICLES:
            cue_end = max(cue_end, c.idx + len(c.text))
    before = [c for c in clauses if c.i < tok.i]
    if before and len(before) < len(clauses) and tok.doc[before[-1].right_edge.i + 1].text == ",":
        clauses = before  # 'S, X said at the forum "This is our history"': S
    if not clauses and tok.lemma_.lower() in INFINITIVE_CUES:
        for c in tok.children:  # 'urged X to ...' has the infinitive under the verb or under 'on X'
            if c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                clauses.append(c)
    return clauses, cue_end


def _document_subject(tok: Token) -> bool:
    subj = subject(tok)
    return subj is not None and subj.lemma_.lower() in SOURCE_NOUNS


def _addressee(tok: Token, clause: Token) -> Token | None:
    """The object of a directive before its infinitive: 'urged Europe to act', 'called on Kyiv to ...'."""
    if tok.lemma_.lower() not in INFINITIVE_CUES or not any(a.dep_ == "aux" and a.lower_ == "to"
                                                             for a in clause.children):
        return None
    for c in tok.children:
        if c.dep_ == "dobj" and tok.i < c.i < clause.i:
            return c
        if c.dep_ == "prep" and c.lower_ == "on" and tok.i < c.i < clause.i:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _nominal_clause(tok: Token, cue_end: int) -> tuple[Token | None, int]:
    """'rejects claims that ...', 'criticizes the fact that ...': the that-clause of the verb's cue-noun object
    (or of 'the fact', which a speech verb's object only frames); the cue runs to the noun."""
    clause = None
    for c in tok.children:
        if c.dep_ in ("dobj", "pobj", "attr") and (c.lemma_.lower() in CUE_NOUNS or c.lower_ == "fact"):
            inner = [g for g in c.children if g.dep_ in ("acl", "ccomp", "relcl")
                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
            if inner:
                clause = inner[0]
                cue_end = c.idx + len(c.text)
    return clause, cue_end


def _content_span(tok: Token, clause: Token, clauses: list[Token]) -> tuple[int, int] | None:
    start, end = clause_span(clause)
    if clause.i < tok.i:  # 'S, although T, X said': the parser hung T on the cue; it is part of what X said
        for c in tok.children:
            if c.dep_ == "advcl" and clause.i < c.i < tok.i and c.right_edge.i < tok.i and \
                    c.left_edge.i > clause.right_edge.i:
                end = max(end, clause.doc[c.right_edge.i].idx + len(clause.doc[c.right_edge.i].text))
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    lead = clause.doc[clause.left_edge.i] if clause.left_edge.i == tok.i + 1 else None
    if lead is not None and lead.dep_ == "prep" and lead.head.i == clause.i and subj is not None and \
            lead.right_edge.i < subj.left_edge.i and clause.doc[lead.right_edge.i + 1].text != ",":
        start = subj.left_edge.idx  # 'said on Telegram it had held ...': where it was said, not what
    for extra in clauses[1:]:
        s2, e2 = clause_span(extra)
        start, end = min(start, s2), max(end, e2)
    if start < tok.idx < end:  # 'tactics, which she says are long familiar': the words after the cue
        after = [t for t in clause.subtree if t.i > tok.i and not t.is_punct]
        subj = subject(tok)
        before = tok.i - clause.left_edge.i - (len(list(subj.subtree)) if subj is not None and subj.i < tok.i else 0)
        if not after or before > 3:  # the relative word and the speaker's name, however long, and no more
            return None
        start = after[0].idx
    return start, end


def _aside(tok: Token) -> bool:
    """A cue set off by commas with nothing to report of its own: 'S, she noted, T', or '..., said Minic' that
    the parser hung on the clause before as a conjunct."""
    subj = subject(tok)
    if subj is None:
        return False
    if tok.dep_ == "parataxis":
        return True
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "dative") for c in tok.children):
        return True  # 'As the minister stressed, the border stays closed'
    if _closing_report(tok, subj):
        return True  # '... had been repaired, Agence France-Presse reported.' hung inside the clause
    prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    inverted = subj.head.i == tok.i and subj.i > tok.i and prev is not None
    if inverted and prev is not None and prev.text in ("-", "–", "—") and prev.whitespace_:
        return True  # 'The decision was a mistake - added the president'
    return tok.dep_ == "conj" and inverted and prev is not None and (
        prev.text == "," or (prev.is_quote and tok.i - 2 >= tok.sent.start and tok.doc[tok.i - 2].text == ","))


def _closing_report(tok: Token, subj: Token, any_dep: bool = False) -> bool:
    """'S, X reported.': a cue and its subject after a comma, closing the sentence, reporting nothing else."""
    doc = tok.doc
    lead = subj.left_edge.i - 1
    rest = doc[tok.i + 1:tok.sent.end]
    between = doc[lead + 1:tok.i + 1]  # the subject, adverbs and auxiliaries, then the verb
    only_speaker = all(t.i == tok.i or subj.left_edge.i <= t.i <= subj.i or t.pos_ in ("ADV", "AUX")
                       for t in between)
    placed = (any_dep or tok.dep_ in ("ccomp", "conj")) and subj.i < tok.i and lead > tok.sent.start
    return placed and doc[lead].text == "," and all(t.is_punct or t.is_space for t in rest) and only_speaker


def _parenthetical_candidate(cue: Token, sent: Span, cue_end: int) -> Candidate | None:
    """'Currently, she noted, there are few ...': the sentence on the longer side of the aside (the cue, its
    speaker and its particles, not what the parser hung under the cue)."""
    text = text_of(sent.doc)
    subj = subject(cue)
    assert subj is not None  # checked by the caller
    near = [cue, subj.left_edge, subj.right_edge] + [c for c in cue.children if c.dep_ in ("prt", "advmod", "neg")
                                                      and abs(c.i - cue.i) <= 2]
    aside_start = min(t.idx for t in near)
    last = max(near, key=lambda t: t.i)
    aside_end = last.idx + len(last.text)
    before = trim(text, sent.start_char, aside_start)
    first = sent.doc.char_span(before[0], before[1], alignment_mode="expand")
    if first is not None and len(first) > 1 and first[0].lower_ in OPENING_CONNECTIVES:
        before = trim(text, first[1].idx, before[1])
    after = trim(text, aside_end, sent.end_char)
    for t in sent:  # '..., he said, Y, he said.': Y without the second cue
        other = subject(t) if t.i > last.i and t != cue and is_cue_verb(t) else None
        if other is not None and _closing_report(t, other, any_dep=True):
            after = trim(text, aside_end, sent.doc[other.left_edge.i - 1].idx)
            break
    best = after if after[1] - after[0] >= before[1] - before[0] else before
    if best[1] - best[0] < 12:
        return None
    s, e = best
    return Candidate(s, e, "indirect", phrase(subj), (cue.idx, cue_end), date_for(cue, (s, e), sent),
                     STATEMENT["parenthetical"], "cue")


def _subject_swallowed(sent: Span, obj: Token) -> Token | None:
    """The comma after the source where the parse ran the source on into the clause's subject: the main verb
    has no subject outside the 'according to' phrase, and the phrase holds a comma after its head."""
    root = sent.root
    inside = {t.i for t in obj.subtree}
    if root.pos_ not in ("VERB", "AUX") or root.i in inside or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i not in inside for c in root.children):
        return None
    return next((t for t in sent.doc[obj.i + 1:obj.right_edge.i] if t.text == "," and t.i in inside), None)


def from_according(sent: Span) -> list[Candidate]:
    out = []
    low = sent.text.lower()
    for cue_words in ACCORDING:
        i = low.find(cue_words)
        if i < 0:
            continue
        cue_start = sent.start_char + i
        cue_end = cue_start + len(cue_words)
        last = sent.doc.char_span(cue_start, cue_end, alignment_mode="expand")
        if last is None:
            continue
        obj = next((t for t in last[-1].children if t.dep_ == "pobj"), None)
        if obj is None:
            obj = next((t for t in sent if t.i > last[-1].i and t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if obj is None:
            continue
        speaker = phrase(obj)
        phrase_end = max(speaker.end_char, obj.right_edge.idx + len(obj.right_edge.text))
        cut = _subject_swallowed(sent, obj)
        if cut is not None:  # 'According to the agency X, the US and 30 other countries have pledged ...'
            speaker, phrase_end = sent.doc[speaker.start:cut.i], cut.idx + 1
        text = text_of(sent.doc)
        before = sent.doc.char_span(sent.start_char, cue_start, alignment_mode="contract")
        after = trim(text, phrase_end, sent.end_char)
        if i == 0 or not text[sent.start_char:cue_start].strip(" ,\"“"):
            start, end = phrase_end, sent.end_char
        elif before is not None and not any(t.pos_ in ("VERB", "AUX") for t in before) and after[1] - after[0] > 20:
            start, end = after  # 'This week, according to his lawyer, Masha wrote ...': the adverbial goes too
        else:
            start, end = sent.start_char, cue_start
        start, end = trim(text, start, end)
        if end - start < 8:
            continue
        out.append(Candidate(start, end, "indirect", speaker, (cue_start, cue_end), None, STATEMENT["according"],
                             "according"))
    return out
