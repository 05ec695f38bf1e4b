"""Where a figure is: the number entities, widened to their qualifier and unit, and the ones that are no figure.

Anchors are the parser's CARDINAL, MONEY, PERCENT and QUANTITY entities plus fraction shares ("a
fifth of"); each is widened to its qualifier ("nearly", "between ... and ...") and unit, and rejected
when it is a date, duration, age, ordinal, part of a name or vague.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ...vocab.en import (
    COUNTABLE_TIMES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    FRACTIONS,
    MEASURES,
    PEOPLE,
    QUALIFIERS,
    SCALE_WORDS,
    TIME_UNITS,
    VAGUE,
)
from ...vocab.units import CUBIC, SCORES, SQUARE, dimension_of, physical_unit
from ..numbers import compact_value

NUMERIC_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
DEFINITE = frozenset("the these those both its their his her our my your whose all each".split())
SOURCING = frozenset("official source diplomat aide officer spokesman spokesperson".split())
PAGE_WORDS = frozenset("page pages p pp".split())
GLUED_SCALES = frozenset("k m mn bn b trn tn".split())
RANKS = frozenset("top bottom first last final next previous".split())
CLOCK_ZONES = frozenset("GMT UTC BST CET CEST EST EDT PST MSK KST HRS H".split())


@dataclass
class Num:
    """One number expression: where, its value or range, its qualifier, currency and whether a percentage."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: str | None
    currency: str | None
    percent: bool
    tokens: Span


def qualifier(doc: Doc, start_tok: int) -> tuple[int, str | None]:
    """Widen left over 'nearly', 'more than', 'an estimated' ...; return the new first token and the qualifier."""
    best: tuple[int, str | None] = (start_tok, None)
    for q in QUALIFIERS:
        n = len(q.split())
        i = start_tok - n
        if i >= 0 and doc[i:start_tok].text.lower() == q:
            if best[1] is None or n > len(best[1].split()):
                best = (i, q)
    return best


def anchor_spans(doc: Doc, body: list[tuple[int, int]]) -> list[Span]:
    spans = [e for e in doc.ents if e.label_ in NUMERIC_LABELS]
    taken = {t.i for e in spans for t in e}
    for tok in doc:  # money the parser left out ('€170bn') and shares ('a fifth of')
        if tok.i in taken:
            continue
        if compact_value(tok.text) and not tok.like_num and re.search(r"\d", tok.text) and not tok.ent_type_:
            spans.append(doc[tok.i:tok.i + 1])
        elif tok.like_num and tok.dep_ == "nummod" and not tok.ent_type_ \
                and doc[tok.i - 1:tok.i].text.lower() not in ("-",):  # 'at least one person', untagged
            spans.append(doc[tok.i:tok.i + 1])
        elif tok.lower_ in FRACTIONS and tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "one", "two", "three") \
                and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            spans.append(doc[tok.i - 1:tok.i + 1])
    out = [s for s in spans if any(b0 <= s.start_char and s.end_char <= b1 for b0, b1 in body)]
    return sorted(out, key=lambda s: s.start)


class Extent(NamedTuple):
    """Token range of a number expression with its qualifier and unit, and the qualifier itself."""

    start: int
    end: int
    approx: str | None


def widen(doc: Doc, ent: Span) -> Extent:
    start, end = ent.start, ent.end
    # a leading qualifier inside the entity ('nearly two million')
    approx = None
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if ent.text.lower().startswith(q + " "):
            approx = q
            break
    if start > 0 and doc[start].lower_ in SCALE_WORDS and doc[start - 1].lower_ in ("a", "one"):
        start -= 1  # 'up to a million refugees': the parser tagged 'million' alone
    if approx is None:
        start, approx = qualifier(doc, start)
    if start > 0 and doc[start - 1].text in CURRENCY_SIGNS:
        start -= 1
    while end < len(doc) and doc[end].lower_ in GLUED_SCALES and doc[end - 1].whitespace_ == "":
        end += 1  # '$100m' tokenized '$', '100', 'm': the scale is part of the number
    while end < len(doc) and (doc[end].lower_ in CURRENCY_WORDS or doc[end].text in ("%",)
                              or doc[end].lower_ in ("percent",)
                              or (doc[end].lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent")):
        end += 2 if doc[end].lower_ == "per" else 1
    while end < len(doc) and doc[end - 1].like_num and measure_unit(doc[end]) is not None:
        end += 2 if doc[end].lower_ in SQUARE + CUBIC + ("basis",) else 1  # '500 horsepower', '6 gigawatts'
    if end + 1 < len(doc) and doc[end].text in ("-", "‑") and not doc[end - 1].whitespace_ and \
            not doc[end].whitespace_ and doc[end + 1].pos_ == "NOUN" and doc[end + 1].dep_ == "compound" and \
            doc[end + 1].lemma_.lower() not in TIME_UNITS | PAGE_WORDS:
        end += 2  # 'a 12-nation council': the count and its noun, as one surface
    return Extent(start, end, approx)


def measure_unit(tok: Token) -> str | None:
    """'tonnes', '-kilometer', 'miles', 'square kilometres' in a number expression: the unit's symbol (pint)."""
    doc = tok.doc
    if tok.is_stop or not tok.is_alpha and tok.text not in ("km²", "m²", "km2"):
        return None  # 'has' is no hectares, 'are' no ares
    if tok.lower_ in SCORES:
        return "basis points" if tok.i > 0 and doc[tok.i - 1].lower_ == "basis" else "points"
    if tok.lower_ == "basis" and doc[tok.i + 1:tok.i + 2].text.lower() in SCORES:
        return "basis points"
    if tok.lower_ in SQUARE + CUBIC and tok.i + 1 < len(doc):
        unit = physical_unit(doc[tok.i + 1].text, square=tok.lower_ in SQUARE, cubic=tok.lower_ in CUBIC)
    else:
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        unit = physical_unit(tok.text, square=prev in SQUARE, cubic=prev in CUBIC)
    return unit.symbol if unit is not None else None


def measure_dimension(symbol: str) -> str | None:
    """'km' -> 'length', 'points' -> 'score'."""
    if symbol in ("points", "basis points"):
        return "score"
    return dimension_of(symbol)


def word_count(doc: Doc, ent: Span, start: int) -> bool:
    """A small spelled-out count is a figure ('three refineries', 'at least five missiles', 'two or three
    shipments'), except a definite set ('the two sides', 'its three members'), the sourcing ('two officials
    said'), 'one' as a determiner ('one official') and a number standing for its noun ('one of them')."""
    root = ent.root
    qualified = start < ent.start or any(ent.text.lower().startswith(q + " ") for q in QUALIFIERS)
    head = root.head if root.dep_ == "nummod" else None
    events = head is not None and head.lemma_.lower() in COUNTABLE_TIMES and head.tag_ == "NNS"  # 'three rounds'
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in TIME_UNITS | SOURCING \
            and not events:
        if root.dep_ in ("nsubj", "nsubjpass", "dobj") and _harm(root.head):
            return True  # 'five were injured'
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if whole is not None and whole.pos_ == "NOUN" and whole.tag_ == "NNS" and root.lower_ != "one" and \
                not any(t.lemma_.lower() in SOURCING for t in (whole,)):
            return True  # 'twenty of its ships', 'seven of his closest allies'; not 'one of them'
        return qualified and root.dep_ not in ("nummod",) and not any(c.lower_ == "of" for c in root.children) \
            and root.lower_ != "one"
    if root.lower_ == "one" and not qualified and not _counted_harm(head):
        return False  # 'one official said'; but 'one woman was killed' counts
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in RANKS:
        return False  # 'the top five economies': a rank
    definite = any(c.dep_ in ("det", "poss") and (c.lower_ in DEFINITE or c.tag_ in ("PRP$", "POS"))
                   or c.dep_ == "poss" for c in head.children if c.i < root.i)
    return not definite and (before is None or before.lower_ not in DEFINITE and before.tag_ not in ("PRP$", "POS"))


def _harm(verb: Token) -> bool:
    return any(verb.lemma_.lower() in lemmas for lemmas in MEASURES.values())


def _counted_harm(noun: Token) -> bool:
    """A person counted as killed, wounded, detained ...: 'one woman was killed'."""
    return noun.lemma_.lower() in PEOPLE and _harm(noun.head)


def excluded(doc: Doc, ent: Span, start: int, end: int) -> bool:
    text = doc[start:end].text
    nxt = doc[end] if end < len(doc) else None
    prev = doc[start - 1] if start > 0 else None
    digits = re.sub(r"[^\d]", "", ent.text)
    if not re.search(r"\d", ent.text) and not any(t.lower_ in SCALE_WORDS for t in ent) \
            and ent.label_ not in ("MONEY", "PERCENT") and not any(t.lower_ in FRACTIONS for t in ent) \
            and not word_count(doc, ent, start):
        return True
    if prev is not None and prev.lower_.rstrip(".") in PAGE_WORDS or nxt is not None and (
            nxt.lower_ in PAGE_WORDS or nxt.text == "-" and doc[end + 1:end + 2].text.lower() in PAGE_WORDS):
        return True  # 'page 36', 'a 41-page report': furniture and a document's length
    if (prev is None or "\n" in prev.text_with_ws or prev.is_space) and nxt is not None and nxt.text in (".", ")") \
            and re.fullmatch(r"\d{1,2}", text):
        return True  # '1. China': list numbering
    if any(t.lower_ in VAGUE for t in ent) and not any(t.like_num and re.search(r"\d", t.text) for t in ent):
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", digits or "") and "," not in ent.text and ent.label_ == "CARDINAL":
        return True  # a year
    counts_events = nxt is not None and nxt.lemma_.lower() in COUNTABLE_TIMES and nxt.tag_ == "NNS"
    if nxt is not None and not counts_events:
        if nxt.lemma_.lower() in TIME_UNITS or nxt.text in ("-", "‑") and end + 1 < len(doc) and \
                doc[end + 1].lemma_.lower() in TIME_UNITS | {"old", "point", "star"}:
            return True  # 'four years', 'two-week', '28-point plan'
        if nxt.text.startswith("-") and nxt.text[1:].lower() in TIME_UNITS | {"year-old", "point"}:
            return True
    if ent.root.dep_ == "nummod" and ent.root.head.lemma_.lower() in TIME_UNITS and not (
            ent.root.head.lemma_.lower() in COUNTABLE_TIMES and ent.root.head.tag_ == "NNS"):
        return True
    if any(t.ent_type_ in ("ORG", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "FAC") for t in doc[start:end]):
        return True
    if prev is not None and prev.text == "," and start >= 2 and doc[start - 2].ent_type_ == "PERSON" \
            and nxt is not None and nxt.text in (",", ".") and len(digits) <= 3:
        return True  # 'Mr. King, 82, told me': an age
    if prev is not None and prev.lower_ in ("aged", "age"):
        return True
    if nxt is not None and nxt.text.upper() in CLOCK_ZONES and re.fullmatch(r"\d{4}|\d{1,2}[:.]\d\d", text):
        return True  # '0315 GMT': a clock time
    return bool(re.fullmatch(r"\d{1,2}(:\d\d)?", text) and nxt is not None and nxt.lower_ in ("am", "pm", "a.m.",
                                                                                             "p.m."))
