"""A statement candidate: what one rule found, before candidates are reconciled and given speakers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from ...types import StatementKind

# the rule a candidate came from, as later rules see it ('quote': a cue candidate a quotation took over)
Source = Literal["cue", "according", "quote", "partial", "intro", "colon", "run", "dash", "label"]
TRIM = set(" \t\n,.;:—–-\"“”'‘’«»")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: StatementKind
    speaker: Span | None  # the mention in the text
    cue: tuple[int, int] | None
    date_text: str | None
    confidence: float
    source: Source
    inherit: bool = False  # no speaker in its sentence: continues the run before it
    dropped: bool = False  # a later rule found the same words to be part of another statement


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def word_end(text: str, end: int) -> int:
    """An end moved past a hyphenated word the tokenizer split: 'to de' -> 'to de-escalate'."""
    while end + 1 < len(text) and text[end] == "-" and text[end - 1].isalnum() and text[end + 1].isalnum():
        end += 1
        while end < len(text) and (text[end].isalnum() or text[end] in "'’"):
            end += 1
    return end


def is_break(tok: Token) -> bool:
    """A comma, semicolon or dash that sets words apart, not the hyphen inside 'de-escalate'."""
    if tok.text in ("-",) and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_:
        return False
    return tok.text in (",", "—", "–", "-", ";")


def within(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)
