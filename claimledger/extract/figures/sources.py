"""Who claims the figures no statement holds, from the paragraph around them: a source named at the head of a
paragraph ('According to the relief office, ... . Another 1,200 ...') or in the line that introduces a list
('The general staff published its tally:' then '- 12,000 soldiers killed')."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ...types import Figure, Statement
from ..speakers import Resolver
from ..text import text_of

LIST_ITEM = re.compile(r"\s*(?:[-•*–—▪]|\d{1,2}[.)])\s")


def carry_sources(doc: Doc, figures: list[Figure], statements: list[Statement],
                  resolver: Resolver | None) -> list[Figure]:
    text = text_of(doc)
    lines = _lines(text)
    out = list(figures)
    for i, f in enumerate(out):
        if f.claimant_name is not None or f.statement is not None:
            continue
        k = next((j for j, (s, e) in enumerate(lines) if s <= f.span.start < e), None)
        if k is None:
            continue
        start, _ = lines[k]
        if LIST_ITEM.match(text[start:lines[k][1]]):
            source = _list_intro(doc, text, lines, k, statements, resolver)
        else:
            source = _paragraph_head(text, start, f, out[:i], statements)
        if source:
            out[i] = replace(f, claimant_name=source)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _paragraph_head(text: str, start: int, f: Figure, before: list[Figure],
                    statements: list[Statement]) -> str | None:
    """The source an 'according to X' in the paragraph's first sentence gives its figures, for a later sentence
    of the paragraph with no source and no quotation of its own."""
    for g in before:
        st = statements[g.statement] if g.statement is not None else None
        if st is None or g.span.start < start or not g.claimant_name or st.cue is None or \
                not st.cue.text.lower().startswith("according") or re.search(r"[.!?]\s", text[start:st.cue.start]):
            continue
        between = text[st.content.end:f.span.start]
        if f.span.start < st.content.end or re.search(r"[\"“”]|\b(said|says|told|according)\b",
                                                       between[between.rfind(". ") + 1:]):
            return None  # inside the opening, or the sentence names a source or quotes someone of its own
        return g.claimant_name
    return None


def _list_intro(doc: Doc, text: str, lines: list[tuple[int, int]], k: int, statements: list[Statement],
                resolver: Resolver | None) -> str | None:
    """The subject of the line before the list that ends in a colon: 'The ministry published its tally:'."""
    j = k - 1
    while j >= 0 and LIST_ITEM.match(text[lines[j][0]:lines[j][1]]):
        j -= 1
    if j < 0 or not text[lines[j][0]:lines[j][1]].rstrip().endswith(":"):
        return None
    s0, s1 = lines[j]
    said = next((s.speaker_name for s in statements if s.speaker_name and s0 <= s.content.start < s1 + 1), None)
    if said or resolver is None:
        return said
    span = doc.char_span(s0, s1, alignment_mode="expand")
    if span is None:
        return None
    sent = doc[span.end - 1].sent
    subj = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    phrase = doc[subj.left_edge.i:subj.i + 1]
    return resolver.name_in(phrase) or resolver.resolve_role(phrase)
