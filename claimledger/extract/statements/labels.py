"""Speaker labels: 'WALLACE: Let's start ...' in transcripts (also inside an opening quotation mark), and
headlines that give a speaker before a colon ('Kallas: Russia must ...', 'Poll: voters ...')."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from ...vocab.en import HEADLINE_KICKERS, SOURCE_NOUNS
from ..confidence import STATEMENT
from ..marks import paragraphs
from ..text import text_of
from .candidate import Candidate, trim

# 'WALLACE: ...', '"PENCE: ...', 'Kallas: ...', 'Lukashenko about Poland: ...' (a headline's speaker and topic)
_LABEL = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:\s+(?:about|on)\s+[^:\n]{1,60}?)?\s*:\s+"
                    r"(?=\S)")
MIN_CONTENT = 12


def from_speaker_labels(doc: Doc, body: list[tuple[int, int]],
                        cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """(``cands`` with the quote readings a label supersedes dropped, the labels' own candidates)."""
    revised = list(cands)
    out = []
    text = text_of(doc)
    known = {e.text.split()[-1] for e in doc.ents if e.label_ in ("PERSON", "ORG")}  # 'Sandoval: ...'
    for ps, pe in paragraphs(text, body):
        m = _LABEL.match(text, ps, pe)
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand") if m else None
        if m is None or span is None or not (_speaker_like(span, m.group(1)) or (
                m.group(1).split()[-1] in known and m.group(1).lower() not in HEADLINE_KICKERS)):
            continue
        # a paragraph read as one open quote ('"PENCE: Well, ...'): the label takes it over
        whole = [i for i, c in enumerate(revised) if c.start <= m.end(1) and c.end > m.end() and not c.dropped]
        if any(revised[i].start < m.start() - 1 or revised[i].source not in ("run", "colon", "quote", "intro")
               for i in whole) or any(c.start >= m.end() and c.end <= pe and not c.dropped for c in revised):
            continue  # the paragraph already holds a statement of its own
        s, e = trim(text, m.end(), pe)
        if e - s < MIN_CONTENT:
            continue
        for i in whole:
            revised[i] = replace(revised[i], dropped=True)
        lead = len(text[m.end(1):m.end()]) - len(text[m.end(1):m.end()].lstrip())
        cue = (m.end(1) + lead, m.end(1) + 1 + text[m.end(1):m.end()].find(":"))
        out.append(Candidate(s, e, "direct", span, cue, None, STATEMENT["label"], "label"))
    return revised, out


def _speaker_like(span: Span, label: str) -> bool:
    """A name the tagger knows, a transcript's capitals, or a headline's source noun ('Poll:'); not a kicker."""
    if label.lower() in HEADLINE_KICKERS:
        return False
    named = any(t.ent_type_ in ("PERSON", "ORG") for t in span) and all(t.ent_type_ or t.is_punct for t in span)
    proper = all(t.pos_ == "PROPN" or t.is_punct for t in span) and len(span) <= 3
    return named or proper or (label.isupper() and len(label) > 2) or span[-1].lemma_.lower() in SOURCE_NOUNS
