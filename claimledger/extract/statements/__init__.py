"""Attributed statements: direct, dash-introduced, partial and reported speech, with speakers.

One pass over the body sentences of a parsed Doc. Candidates come from five places, then are
reconciled and given speakers in document order (so a pronoun or an unattributed paragraph can
lean on the statement before it):

1. cue verbs with a clausal complement ("X said that ...", "..., she said"), including nominal cues
   ("rejects claims that ...", "her view that ...") and "according to X, ..." (``cues``);
2. paragraphs opening with a dash, ended by ", she said" or by nothing at all (``quoted``);
3. quotation marks, each tied to the cue that governs it, to a colon-introduction, or to the quote
   run it continues; a quote inside a reported clause or an object makes the statement "mixed";
4. speaker labels ("WALLACE: ...", a headline's "Kallas: ..."), which take over a paragraph read as one quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...types import Statement
from ..marks import Marks
from ..speakers import Resolver
from .attribute import attribute, dedupe
from .candidate import Candidate, within
from .complements import from_complements
from .cues import from_according, from_cue_verbs
from .labels import from_speaker_labels
from .quoted import from_dash_paragraphs, from_quotes, full_sentence_quote


def find_statements(doc: Doc, body: list[tuple[int, int]], published: str | None, marks: Marks,
                    resolver: Resolver) -> list[Statement]:
    protected = [(q.start, q.end) for q in marks.quotes if full_sentence_quote(doc, q)]
    cands = _sentence_candidates(doc, body, protected)
    cands, dashed = from_dash_paragraphs(doc, marks.dashes, cands)
    cands, quoted = from_quotes(doc, marks.quotes, body, cands + dashed)
    cands = cands + quoted
    cands, labelled = from_speaker_labels(doc, body, cands)
    cands = cands + labelled
    kept = sorted((c for c in cands if not c.dropped), key=lambda c: (c.start, -(c.end - c.start)))
    return attribute(doc, dedupe(kept), resolver, published)


def _sentence_candidates(doc: Doc, body: list[tuple[int, int]], protected: list[tuple[int, int]]) -> list[Candidate]:
    cands: list[Candidate] = []
    for sent in doc.sents:
        stripped = sent.text.strip()
        lead = len(sent.text) - len(sent.text.lstrip())
        if not stripped:
            continue
        if within(body, sent.start_char + lead, sent.start_char + lead + len(stripped)):
            cands.extend(_rules(sent, protected))
            continue
        for s, e in body:  # a sentence the parser ran across furniture ('View image ... Mayor X said'): its body part
            part = doc.char_span(max(s, sent.start_char), min(e, sent.end_char), alignment_mode="contract")
            if part is not None and len(part) > 3:
                cands.extend(c for c in _rules(part, protected) if within(body, c.start, c.end))
    return cands


def _rules(sent: Span, protected: list[tuple[int, int]]) -> list[Candidate]:
    return from_cue_verbs(sent, protected) + from_according(sent) + from_complements(sent, protected)


__all__ = ["find_statements"]
