"""Quotation spans and dash-introduced paragraphs, found on the characters of the body text.

The first stage after the parse: the speaker resolver must know what is quoted (the speaker's words
are not referents) and every later stage reads the same marks.

Both are found before any parse decision. A quote that runs over several paragraphs (a paragraph
left open and the next one opening again, as newspapers write them) is one span per paragraph: the
guideline's one statement per quote paragraph, the later ones continuing the first one's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = {"“": "”", "„": "“", "«": "»", '"': '"'}
_DASH_LINE = re.compile(r"[ \t]*([–—]|-{1,2})[ \t]+(?=\S)")
_DASH_INSIDE = re.compile(r"(?<=[.!?])[ \t]*(?:[–—]|-{1,2})[ \t]+(?=[A-Z“\"])")


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when the paragraph ended open


@dataclass(frozen=True)
class DashParagraph:
    start: int  # first character after the dash
    end: int  # end of the line, trailing spaces stripped


@dataclass(frozen=True)
class Marks:
    quotes: list[Quote]
    dashes: list[DashParagraph]

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """Every stretch of quoted words: quotations first, then dash paragraphs."""
        return [(q.start, q.end) for q in self.quotes] + [(d.start, d.end) for d in self.dashes]


def find_marks(text: str, body: list[tuple[int, int]]) -> Marks:
    return Marks(find_quotes(text, body), find_dash_paragraphs(text, body))


def paragraphs(text: str, body: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in body:
        pos = s
        for line in text[s:e].split("\n"):
            if line.strip():
                lead = len(line) - len(line.lstrip())
                out.append((pos + lead, pos + len(line.rstrip())))
            pos += len(line) + 1
    return out


def find_quotes(text: str, body: list[tuple[int, int]]) -> list[Quote]:
    """Balanced quotation spans in body text; straight quotes pair up within a paragraph."""
    quotes: list[Quote] = []
    paras = paragraphs(text, body)
    carry: int | None = None  # start of a quote left open at the end of the previous paragraph
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        opened: tuple[int, str] | None = None
        if carry is not None:
            c = text[ps]
            if text[ps:ps + 2] == "''":
                opened = (ps + 1, "''")
                i = ps + 2
            elif c in OPEN:  # the quote goes on: this paragraph re-opens it
                opened = (ps, OPEN[c])
                i = ps + 1
            carry = None
        while i < pe:
            c = text[i]
            if c == "'" and text[i:i + 2] == "''":  # newsroom style: ''two apostrophes''
                if opened is None and (i == ps or not text[i - 1].isalnum()):
                    opened = (i + 1, "''")
                elif opened is not None and opened[1] == "''":
                    if i > opened[0] + 1:
                        quotes.append(Quote(opened[0] + 1, i, opened[0] - 1, i))
                    opened = None
                i += 2
                continue
            if opened is None:
                if c in OPEN and (i == ps or not text[i - 1].isalnum() or c != '"'):
                    opened = (i, OPEN[c])
                elif c == "”" and i == ps and "”" in text[i + 1:pe]:  # a paragraph opened with the closing mark
                    opened = (i, "”")
            else:
                start, close = opened
                if c == close or (close == '"' and c == "”") or (close == "”" and c == '"'):
                    if i > start + 1:
                        quotes.append(Quote(start + 1, i, start, i))
                    opened = None
            i += 1
        if opened is not None:
            start = opened[0]
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt and (text[nxt[0]] in OPEN or text[nxt[0]:nxt[0] + 2] == "''") and pe > start + 1:
                quotes.append(Quote(start + 1, pe, start, None))  # continues in the next paragraph
                carry = start
    return quotes


def find_dash_paragraphs(text: str, body: list[tuple[int, int]]) -> list[DashParagraph]:
    """Paragraphs a dash opens, and dash quotes glued on after a sentence inside one ('...say?- Why ...'),
    each running to the next such dash or the paragraph's end."""
    out = []
    for ps, pe in paragraphs(text, body):
        dashes = [(m.start(), m.end()) for m in _DASH_INSIDE.finditer(text, ps, pe)]
        m = _DASH_LINE.match(text, ps, pe)
        if m:
            dashes.insert(0, (m.start(), m.end()))
        if not dashes:
            continue
        for (_, start), (end, _) in zip(dashes, dashes[1:] + [(pe, pe)], strict=True):
            out.append(DashParagraph(start, end))
    return out
