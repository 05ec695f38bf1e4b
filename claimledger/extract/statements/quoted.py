"""Statements found from their marks: quotations and dash-introduced paragraphs.

A quotation either takes over a cue candidate (its words are the reported clause: a direct quote),
makes the reported clause around it mixed, or is tied to a cue of its own: the verb a partial quote
hangs from, 'X said, "..."', a colon introduction, or the quote run it continues. Rules here never
change another rule's candidates in place: they return the revised list beside their own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ...types import StatementKind
from ...vocab.en import CUE_NOUNS, GOING_ON, NO_PARTIAL, OPENING_CONNECTIVES, TOPIC_CUES
from ..confidence import STATEMENT
from ..marks import DashParagraph, Quote
from ..text import text_of
from .candidate import Candidate, trim, within
from .complements import complement_around
from .syntax import BOUNDARY_DEPS, date_for, hypothetical, is_cue_verb, phrase, subject

# a quotation the writer's syntax runs into (guideline 2): 'adding that "..."', 'described it as "..."'
_WOVEN = re.compile(r"\b(?:that|as|to)\s*$", re.I)
# '" ― Sonya Lind, a teacher in Velm' ending the paragraph: the quote's signature
_SIGNATURE = re.compile(r"[ \t]*[―—–-]{1,2}[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})[^\n]{0,80}$", re.M)
_SEPARATOR = re.compile(r"(?:,|\s[-–—]|[–—])\s*$")


def full_sentence_quote(doc: Doc, q: Quote) -> bool:
    inner = text_of(doc)[q.start:q.end].strip()
    words = inner.split()
    return len(words) >= 4 and (inner[:1].isupper() or inner[:1].isdigit())


def from_quotes(doc: Doc, quotes: list[Quote], body: list[tuple[int, int]],
                cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """(``cands`` as the quotations revise them, the quotations' own candidates)."""
    revised = list(cands)
    out = []
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        full = full_sentence_quote(doc, q)
        inside = _cues_of(text_of(doc), q, revised)
        if inside and not full and q.close_at is not None:  # a short quote is direct too when all its cue
            full = all(abs(revised[i].start - q.start) <= 2 and abs(revised[i].end - q.end) <= 2  # reports
                       and (revised[i].cue or (0, 0))[0] > q.close_at for i in inside)  # '"No," she said'

        woven = _WOVEN.search(text_of(doc), max(0, q.open_at - 12), q.open_at) is not None  # 'adding that "..."'
        if inside and (full or woven):  # the cue's content is this quote: one statement, the others dropped
            best = max(inside, key=lambda i: revised[i].confidence)
            kind: StatementKind = "mixed" if woven else "direct"
            for i in inside:
                revised[i] = replace(revised[i], start=q.start, end=q.end, kind=kind, source="quote",
                                     dropped=False) if i == best else replace(revised[i], dropped=True)
            continue
        around = [i for i, c in enumerate(revised) if c.source in ("cue", "according") and c.start <= q.start
                  and q.end <= c.end + 2 and (c.end - c.start) > (q.end - q.start) + 3]
        if around:  # a reported clause that contains the quote: mixed
            for i in around:
                revised[i] = replace(revised[i], kind="mixed", dropped=False)
            continue
        found = _attach(doc, q, span, body, full)
        if found is not None:
            out.append(found)
            for i, c in enumerate(revised):  # the same complement read short of the quote the parse hung apart
                if found.source == "partial" and c.cue and found.cue and c.cue[0] == found.cue[0] and \
                        found.start <= c.start and c.end <= found.end:
                    revised[i] = replace(c, dropped=True)
    return revised, out


def _cues_of(text: str, q: Quote, cands: list[Candidate]) -> list[int]:
    """Cue candidates whose content lies inside (or is) the quote, else whose cue follows it ('"...," he said')."""
    inside = [i for i, c in enumerate(cands) if c.source == "cue" and q.open_at - 1 <= c.start and c.end <= q.end + 2]
    if q.close_at is not None and not inside:
        close = q.close_at
        inside = [i for i, c in enumerate(cands) if c.source == "cue" and c.cue and 0 < c.cue[0] - close <= 40
                  and not re.search(r"[\n.;:!?\"“”]", text[close + 1:c.cue[0]])]
    return inside


def _attach(doc: Doc, q: Quote, span: Span, body: list[tuple[int, int]], full: bool) -> Candidate | None:
    if _title(doc, q) or _name_in_marks(text_of(doc)[q.start:q.end]):
        return None
    cue = _governing_cue(span)
    if cue is not None and not full:
        return _partial(doc, q, cue, span.sent)
    introduced = _introduced(doc, q) or _followed(doc, q) or _signed(doc, q)
    if introduced is not None:
        return introduced
    if not full:  # '... spoke about "X": "such escalation is unacceptable."': a clause a colon introduces
        text = text_of(doc)
        clause = len(text[q.start:q.end].split()) >= 4 and text[max(0, q.open_at - 4):q.open_at].rstrip()[-1:] == ":"
        return (_colon_introduced(doc, q, span.sent, body) if clause else None) or _continued(doc, q, span.sent)
    return _colon_introduced(doc, q, span.sent, body) or Candidate(
        q.start, q.end, "direct", None, None, None, STATEMENT["run"], "run", inherit=True)


def _title(doc: Doc, q: Quote) -> bool:
    """'the patriotic forum "This is our history!"', 'the campaign "Stand with us"': a name right after the
    noun it names, no speech cue (guideline 1)."""
    before = doc.char_span(max(0, q.open_at - 40), q.open_at, alignment_mode="contract")
    if before is None or not len(before) or not text_of(doc)[q.start:q.start + 1].isupper():
        return False
    last = before[-1]
    governed = last.dep_ in ("dobj", "dative") and is_cue_verb(last.head)  # 'urged people "don't ..."'
    return last.pos_ in ("NOUN", "PROPN") and last.lemma_.lower() not in CUE_NOUNS and not last.ent_type_ and \
        not governed and text_of(doc)[last.idx + len(last.text):q.open_at].strip() == ""


def _name_in_marks(words: str) -> bool:
    """'told NBC's "Meet the Press"', 'wrote in the "Financial Times"': a title in capitals, nobody's words."""
    parts = words.split()
    return 0 < len(parts) <= 6 and not re.search(r"[.!?,;:]", words) and parts[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in ("the", "of", "and", "a", "an", "in", "on", "for", "de", "la") for w in parts) \
        and sum(w[:1].isupper() for w in parts) >= 2


def _governing_cue(span: Span) -> Token | None:
    """The cue verb a partial quote hangs from: 'labeled Putin as a "predator"'."""
    node = span.root
    for _ in range(5):
        if node.head.i == node.i or node.dep_ in BOUNDARY_DEPS:
            return None
        node = node.head
        topic = node.pos_ == "VERB" and node.lemma_.lower() in TOPIC_CUES and not hypothetical(node)
        if (is_cue_verb(node) or topic) and not (span.start <= node.i < span.end):
            return None if node.lemma_.lower() in NO_PARTIAL else node
        if node.dep_ in ("ROOT",) and not is_cue_verb(node):
            return None
    return None


def _partial(doc: Doc, q: Quote, cue: Token, sent: Span) -> Candidate | None:
    text = text_of(doc)
    subj = subject(cue)
    if subj is None:
        return None
    around = complement_around(cue, q.start, q.end)
    if around is not None:  # 'urged people "don't look away" from ...': the whole complement
        start, end, cue_end = around
        return Candidate(start, end, "mixed", phrase(subj), (cue.idx, cue_end), date_for(cue, (start, end), sent),
                         STATEMENT["partial"], "partial")
    cue_end = cue.idx + len(cue.text)
    if cue.idx < q.open_at:  # the cue runs up to the quote: 'emphasized the idea of a "..."'
        cue_end = q.open_at
        while cue_end > cue.idx and text[cue_end - 1] in " \"“":
            cue_end -= 1
        pre = doc.char_span(cue.idx, cue_end, alignment_mode="expand")
        if pre is not None and len(pre) > 1 and pre[-1].dep_ == "det":
            cue_end = pre[-1].idx
        while cue_end > cue.idx and text[cue_end - 1] == " ":
            cue_end -= 1
    return Candidate(q.start, q.end, "mixed", phrase(subj), (cue.idx, cue_end), date_for(cue, (q.start, q.end), sent),
                     STATEMENT["partial"], "partial")


def _introduced(doc: Doc, q: Quote) -> Candidate | None:
    """Introduced by its cue: 'Mr. Barrett said, "we were floored."'"""
    text = text_of(doc)
    window = text[max(0, q.open_at - 80):q.open_at]
    lead = window.rstrip(" \"“'")
    if not lead.endswith(","):
        return None
    comma = doc.char_span(q.open_at - (len(window) - len(lead)) - 1, q.open_at, alignment_mode="expand")
    verb = None
    if comma is not None:
        before = doc[max(comma.start - 6, 0):comma.start]
        verb = next((t for t in reversed(list(before)) if is_cue_verb(t)), None)
    subj = subject(verb) if verb is not None else None
    if verb is None or subj is None or subj.i >= verb.i:
        return None
    return Candidate(q.start, q.end, "direct", phrase(subj), (verb.idx, verb.idx + len(verb.text)),
                     date_for(verb, (q.start, q.end), verb.sent), STATEMENT["intro"], "intro")


def _continued(doc: Doc, q: Quote, sent: Span) -> Candidate | None:
    """A sentence with quoted words and no cue of its own, going on paraphrasing the source before it
    ('Beijing is "trying to fast-track" its plans'): mixed, its speaker the run's (dropped if there is none)."""
    quoted = text_of(doc)[q.start:q.end].split()
    if len(quoted) < 2 or any(is_cue_verb(t) for t in sent) or all(w[:1].isupper() for w in quoted):
        return None  # no paraphrase of anyone: a name in quotes ('a "Grand Alliance" of nations')
    text = text_of(doc)
    start, end = trim(text, sent.start_char, sent.end_char)
    opening = start
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is not None and len(words) > 1 and words[0].lower_ in OPENING_CONNECTIVES:
        start, end = trim(text, words[1].idx, end)  # 'But ...': no opening connective (guideline 3)
    elif words is not None and len(words) > 3 and words[0].pos_ in ("ADV", "PART") and (
            words[1].text == "," or (words[1].pos_ == "ADV" and words[2].text == ",")):
        start, end = trim(text, words[2 if words[1].text == "," else 3].idx, end)  # 'Not surprisingly, ...'
    if q.open_at <= opening + 1 or end - start < 20:  # a quote opening the sentence is the quote rules' case
        return None
    return Candidate(start, end, "mixed", None, None, None, STATEMENT["run"], "run", inherit=True)


def _followed(doc: Doc, q: Quote) -> Candidate | None:
    """Followed by its cue: '"...," the president said' / '"...," said Vaal', where the verb reports no clause
    of its own (one that does is a cue candidate the quote has already taken over)."""
    if q.close_at is None:
        return None
    text = text_of(doc)
    gap = re.match(r"[,!?]?\s*", text[q.close_at + 1:q.close_at + 4])
    lead = text[max(q.start, q.close_at - 2):q.close_at] + (gap.group(0) if gap else "")  # '...,"' or '..." ,'
    if not re.search(r"[,!?]", lead):  # '"Glory to Ukraine." The president ...' starts a new sentence
        return None
    after = doc.char_span(q.close_at + 1, min(len(text), q.close_at + 60), alignment_mode="expand")
    if after is None:
        return None
    for tok in list(after)[:7]:
        if tok.is_punct and tok.text not in (",", "’", "'", "”", '"'):
            return None
        if is_cue_verb(tok) or tok.lemma_.lower() in GOING_ON:
            subj = subject(tok)
            if subj is None or subj.i < after.start:
                return None
            return Candidate(q.start, q.end, "direct", phrase(subj), (tok.idx, tok.idx + len(tok.text)),
                             date_for(tok, (q.start, q.end), tok.sent), STATEMENT["intro"], "intro")
    return None


def _signed(doc: Doc, q: Quote) -> Candidate | None:
    """A quote signed after a dash at its paragraph's end: '"..." ― Sonya Lind, Velm' (pull quotes, readers'
    voices): the name is the speaker."""
    if q.close_at is None:
        return None
    text = text_of(doc)
    m = _SIGNATURE.match(text, q.close_at + 1)
    if m is None:
        return None
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if name is None or not any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in name[:1]):
        return None
    return Candidate(q.start, q.end, "direct", name, None, None, STATEMENT["intro"], "intro")


def _colon_introduced(doc: Doc, q: Quote, sent: Span, body: list[tuple[int, int]]) -> Candidate | None:
    """A colon introduction in the same or the previous sentence: "Vaal told parliament: ..." """
    text = text_of(doc)
    colon = text.rfind(":", max(sent.start_char - 200, 0), q.open_at)
    if colon < 0 or text[colon + 1:q.open_at].strip(" \n\"“"):
        return None
    intro = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if intro is None:
        return None
    isent = intro.sent
    verb = next((t for t in isent if is_cue_verb(t) or (t.pos_ == "VERB" and t.lemma_.lower() in TOPIC_CUES)), None)
    subj = subject(verb) if verb is not None else None
    if subj is None:
        subj = next((t for t in isent if t.dep_ == "nsubj"), None)
    if subj is None or not within(body, isent.start_char, isent.end_char):
        return None
    cue_span = (verb.idx, verb.idx + len(verb.text)) if verb is not None else None
    date = date_for(verb, (q.start, q.end), isent) if verb is not None else None
    return Candidate(q.start, q.end, "direct", phrase(subj), cue_span, date, STATEMENT["colon"], "colon")


def from_dash_paragraphs(doc: Doc, dashes: list[DashParagraph],
                         cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """'– The important thing is ..., she said.' or a bare dash paragraph continuing the speaker before it.

    Returns ``cands`` with the cues inside the quoted words, and the attribution's own clause, dropped.
    """
    revised = list(cands)
    out = []
    text = text_of(doc)
    for d in dashes:
        start = d.start
        speaker, cue, end, date = _trailing_attribution(doc, d)
        if speaker is None and _list_item(doc, d):
            continue  # '– Treaty of Portsmouth (1905). Russia was forced ...': the writer's list, not a quote
        for i, c in enumerate(revised):
            if c.source == "cue" and c.cue and (start <= c.cue[0] < end or (c.start < end and c.end > start
                                                                             and c.cue[0] < d.end)):
                revised[i] = replace(c, dropped=True)
        s, e = trim(text, start, end)
        attributed = speaker is not None
        out.append(Candidate(s, e, "direct", speaker, cue, date, STATEMENT["dash" if attributed else "dash_bare"],
                             "dash", inherit=not attributed))
    return revised, out


def _list_item(doc: Doc, d: DashParagraph) -> bool:
    """A dash paragraph that opens with a verbless title ('– Treaty of Portsmouth (1905).') is a list item."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    head = []
    for t in span:
        if t.text in (".", "!", "?", ":", ";"):
            break
        head.append(t)
    return len(head) < len(span) - 1 and not any(t.pos_ in ("VERB", "AUX") for t in head)


class Attribution(NamedTuple):
    """Who a dash paragraph's trailing ', she said' names, its cue, where the quoted words end, and when."""

    speaker: Span | None
    cue: tuple[int, int] | None
    end: int
    date: str | None


def _trailing_attribution(doc: Doc, d: DashParagraph) -> Attribution:
    """The first cue verb set off from the quoted words by a comma or a dash, its subject next to it:
    '– A, she said.', '- A - said Lavrov.' (house styles of translated copy); without one, the whole
    paragraph is the quote."""
    text = text_of(doc)
    tail = doc.char_span(d.start, d.end, alignment_mode="expand")
    if tail is None:
        return Attribution(None, None, d.end, None)
    for tok in tail:
        if not is_cue_verb(tok) or tok.i == tail.start:
            continue
        subj = subject(tok)
        if subj is None:
            speaker = _name_after(tok)  # '- said Lund.': parsed as an adjective, the name after it speaks
            if speaker is None:
                continue
        else:
            speaker = phrase(subj)
        if subj is not None and subj.i < tok.i:  # '..., she said': the separator before the speaker
            lead = speaker.start_char
            if doc[speaker.end - 1].i + 1 != tok.i and not all(t.pos_ in ("ADV", "AUX", "PART")
                                                               for t in doc[speaker.end:tok.i]):
                continue
        else:  # '... - said Lavrov', '... - said after the meeting in Velm MP Anna Berg.': a dash before the verb
            lead = tok.idx
            closing = all(t.is_punct or t.is_space for t in doc[speaker.end:tail.end]) and speaker.start - tok.i <= 12
            if speaker.start != tok.i + 1 and not closing and not all(
                    t.pos_ in ("ADV",) for t in doc[tok.i + 1:speaker.start]):
                continue
        sep = _separator(text, d.start, lead)
        if sep is None:
            continue
        cue = (tok.idx, tok.idx + len(tok.text))
        return Attribution(speaker, cue, sep, date_for(tok, (d.start, sep), tok.sent))
    return Attribution(None, None, d.end, None)


def _name_after(verb: Token) -> Span | None:
    """The proper name right after a cue verb that follows a dash: '... - said Greta Lund.'"""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in ("-", "–", "—"):
        return None
    end = verb.i + 1
    while end < len(doc) and (doc[end].pos_ == "PROPN" or (doc[end].pos_ == "NOUN" and doc[end].is_title)):
        end += 1
    if end > verb.i + 1:
        return doc[verb.i + 1:end]
    # '- said after the meeting in Velm MP Anna Berg.': the name that closes the paragraph
    last = verb.i + 1
    while last < len(doc) and last - verb.i <= 14 and "\n" not in doc[last].text:
        last += 1
    tail = [t for t in doc[verb.i + 1:last] if not (t.is_punct or t.is_space)]
    if not tail or tail[-1].ent_type_ != "PERSON" or last - verb.i > 14:
        return None
    start = tail[-1].i
    while start - 1 > verb.i and doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    return doc[start:tail[-1].i + 1]


def _separator(text: str, start: int, lead: int) -> int | None:
    """Where the comma or dash that sets an attribution off from the quoted words stands, if one does."""
    m = _SEPARATOR.search(text, start, lead)
    return m.start() if m is not None and m.start() > start else None
