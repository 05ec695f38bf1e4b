"""Mark the lines of an article that are not its body, without touching the text.

Newsroom text carries furniture: "READ ALSO: ..." teasers, "See the full interview ..." promos,
repeated headlines, photo captions, related-link lists. They stay in the stored text, so offsets
are exact, but are marked so extractors skip them.
"""

from __future__ import annotations

import re
from typing import cast

from ..types import Segment, SegmentKind

_READ_ALSO = re.compile(
    r"^\s*(?:(read (also|more|next)|also read|related( stories| articles| coverage)?|more on this( story)?|"
    r"recommended|see also|(other )?topics of interest|you (may|might) also like|most (read|popular))\b|"
    r"(more|watch|listen|latest|trending):)[\s:|-]*",  # 'WATCH: ...': no word boundary after a colon
    re.I,
)
_PROMO = re.compile(
    r"^\s*((see|watch|read|listen to) (the )?(full|whole|entire|complete)\b|click here|subscribe\b|sign up\b|"
    r"follow us\b|share this\b|advertisement\s*$|download (our|the) app|join our\b|support our\b"
    # audio, newsletter and video furniture: 'NEW You can now listen to ... articles!', 'VIEW VIDEO'
    r"|(new[:!]?\s+)?you can now listen to\b|listen to (this|the) (article|story)\b|newsletter\b"
    r"|you(['’]| a)re reading an excerpt\b|(see|watch|view|play) (the )?video\b|video\s+video\b|expand\s*$"
    r"|(continuation|rest) of the (material|article|text|story) (is )?(under|below|after) the video"
    r"|for more (information|news|details)\b.*\bvisit\b"
    r"|more (similar |such )?(information|news|articles?|stories) (can be found|is available|are available) on\b"
    r"|(you can )?find more (similar |such )?(information|news|articles?|stories) on\b"
    r"|by (submitting|entering|signing up with) your (email|e-mail)\b)",
    re.I,
)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.I)
# 'CNN —', 'Moscow CNN —': an outlet's dateline on a line of its own; '16:14': a live-blog timestamp
_DATELINE = re.compile(r"^\s*(?:[^\s—–]+\s+){0,6}[^\s—–]+\s*[—–]\s*$|^\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*$",
                       re.I)
# 'PAP/ Reuters/ Jan Kowalski', 'Author/author: ab \\ cd', '... Credit: Visit Ukraine': credits, not text
_CREDIT = re.compile(r"^\s*[\w .'’-]{2,40}/\s*[\w .'’-]{2,40}/\s*[\w .'’-]{2,40}$|^\s*authors?\s*/\s*\w+\s*:|"
                     r"\bcredit:\s*\S[^.]{0,60}$", re.I)
_CAPTION = re.compile(
    r"^\s*[\(\[]?\s*(photo|photograph|image|picture|pictured|credit|caption|video|file photo)s?\s*(:|by\b|\|)"
    r"|(photo|photograph|image)\s*:\s*[^.]{0,80}$",
    re.I,
)
# the photographer and agency closing a caption: '... borders. Ludovic Marin/AFP via Getty Images'
_TRAILING_CREDIT = re.compile(
    r"\s*[\(\[]\s*(?:photo|photograph|image|picture|credit)s?\b[^()\[\]]*[\)\]]\s*$|"
    r"(?<=[.!?”\"])\s+(?:photo|photograph|image|credit)s?\s*:\s*[^.]{0,80}$|"
    r"(?<=[.!?”\"])\s+(?:reuters|afp|ap|epa|tass|getty images)\s*/\s*[\w .'’-]{2,40}$|"
    r"(?:(?<=[.!?”\"])\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*/\s*|\s*[\(/©|]\s*)"
    r"(?:[A-Z][\w .&'/-]{0,60})?(getty images|afp|reuters|ap photo|epa|shutterstock|anadolu|tass|ria novosti|"
    r"sputnik|ukrinform|xinhua|alamy|pa images?|bloomberg)(\s+via\s+[\w ]+)?\s*[\)\]]?\s*$",
    re.I,
)
# a page's button before the caption it opens: 'View image in fullscreen Lavrov (left) greets ...'
_VIEWER = re.compile(r"^\s*(?:view image in fullscreen|enlarge this image|expand image|open image in gallery)\s+", re.I)
MIN_CAPTION_WORDS = 5  # fewer words before the credit: a label ('Photo: the port'), not a caption that says something
_TERMINAL = tuple('.!?"”’\':;…)')
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _headline_like(line: str) -> bool:
    s = line.strip()
    if not s or s.endswith(_TERMINAL) or s[0] in "-–—•*·\"“'‘(" or not s[0].isupper():
        return False
    words = _WORD.findall(s)
    return 0 < len(words) <= 14


def caption_end(line: str) -> int | None:
    """Where a caption's own words end before its credit ('Macron has said ... Ludovic Marin/AFP via Getty
    Images'), None for a credit or a label alone."""
    label = _CAPTION.search(line)
    if (label is not None and label.start() == 0) or _CREDIT.search(line):
        return None
    m = _TRAILING_CREDIT.search(line)
    if m is None or len(_WORD.findall(line[:m.start()])) < MIN_CAPTION_WORDS:
        return None
    return len(line[:m.start()].rstrip())


def classify(line: str, seen: set[str], title_norm: str) -> str:
    s = line.strip()
    if _READ_ALSO.match(s):
        return "read_also"
    if _PROMO.match(s):
        return "promo"
    if len(s) < 300 and (_CAPTION.search(s) or _CREDIT.search(s) or _TRAILING_CREDIT.search(s)):
        return "caption" if caption_end(s) is not None else "credit"
    if len(s) < 80 and _DATELINE.match(s):
        return "dateline"
    if len(s) < 120 and _NEWSLETTER.search(s):  # 'The Daily Brief: a newsletter for ...'
        return "promo"
    n = _norm(s)
    if title_norm and n == title_norm:
        return "duplicate" if n in seen else "title"
    if len(n.split()) >= 3 and n in seen:
        return "duplicate"
    if _headline_like(s):
        return "heading"
    return "body"


def mark_segments(text: str, title: str | None = None) -> list[Segment]:
    """Cover every non-blank line with a segment; adjacent lines of one kind merge."""
    lines: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    title_norm = _norm(title or "")
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        kind = classify(raw, seen, title_norm)
        seen.add(_norm(raw))
        cut = caption_end(raw) if kind == "caption" else None
        if cut is not None:  # the caption's words count like body text, the credit after them is furniture
            viewer = _VIEWER.match(raw)
            if viewer is not None:
                lines.append((start + lead, start + len(raw[:viewer.end()].rstrip()), "promo"))
            lines.append((start + (viewer.end() if viewer else lead), start + cut, kind))
            credit = start + cut + len(raw[cut:]) - len(raw[cut:].lstrip())
            lines.append((credit, start + trail, "credit"))
            continue
        lines.append((start + lead, start + trail, kind))
    # runs of three or more headline-like lines are link lists, not section headings
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j][2] == "heading":
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                lines[k] = (lines[k][0], lines[k][1], "related")
        i = max(j, i + 1)
    if not title_norm and lines and lines[0][2] == "heading":  # an untitled text opening with its headline
        lines[0] = (lines[0][0], lines[0][1], "title")
    out: list[Segment] = []
    for start, end, kind in lines:
        if out and out[-1].kind == kind and kind == "body":
            out[-1] = Segment(out[-1].start, end, kind)
        else:
            out.append(Segment(start, end, cast(SegmentKind, kind)))
    return out
