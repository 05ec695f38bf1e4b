"""Figures: every quantity claimed, with what it counts, who claims it and as of when.

A number anchor (``anchors``) is widened and parsed to a value or range (``values``); what it counts
comes from the syntax around it (``counted``); its claimant is the speaker of the innermost statement
that holds it, and its date that statement's, else the article's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from ...types import Figure, Statement
from ...types import Span as TextSpan
from ...vocab.en import DOCUMENT_NOUNS, FRACTIONS, PEOPLE, PROJECTION
from ...vocab.names import demonym
from ...vocab.quantities import quantity_key
from ..numbers import word_value
from ..speakers import Resolver
from ..text import text_of
from .anchors import Num, anchor_spans, excluded, widen
from .counted import OWN, counted_of, measure_dimension, measure_unit
from .sources import carry_sources
from .values import parse_number

JOINERS = ("to", "and", "-", "–")
# words an entity may start with before its number: 'an additional 30,000', 'a mere 56 miles', 'a further 200'
LEADING_WORDS = frozenset("an the additional mere further extra another total estimated staggering whopping".split())
# speaker words that describe nobody: 'he said', 'they said', 'it said'
UNNAMED_STOP = frozenset("he she they it we i you who which this that one".split())
# verbs of counting and finding: their subject claims the count even where no statement holds it
EVIDENTIAL = frozenset("document record register count tally estimate calculate find verify confirm identify log "
                       "detail list".split())


def find_figures(doc: Doc, body: list[tuple[int, int]], published: str | None,
                 statements: list[Statement], resolver: Resolver | None = None) -> list[Figure]:
    out: list[Figure] = []
    used: set[int] = set()
    pub_day = published[:10] if published and len(published) >= 10 else published
    anchors = anchor_spans(doc, body)
    for k, ent in enumerate(anchors):
        if ent.start in used:
            continue
        start, end, approx = widen(doc, ent)
        nxt = anchors[k + 1] if k + 1 < len(anchors) else None
        if nxt is not None and _joins(doc, start, end, nxt):  # '100,000 to 140,000' split into two anchors
            used.add(nxt.start)
            end = widen(doc, nxt).end
        if start > 0 and doc[start - 1].lower_ == "between" and approx is None:
            start -= 1
        if excluded(doc, ent, start, end):
            continue
        num = _number(doc, ent, start, end, approx)
        if num is not None:
            out.append(_figure(doc, num, statements, pub_day, resolver))
    return _parts(carry_sources(doc, _conversions(text_of(doc), out), statements, resolver))


def _conversions(text: str, figures: list[Figure]) -> list[Figure]:
    """'1,000-kilometer (621-mile) border', 'more than €2bn ($2.2bn)': the bracketed figure converts the one
    before it: what that counts, marked as a conversion, with its qualifier unless it has its own."""
    out = list(figures)
    for i in range(1, len(out)):
        prev, f = out[i - 1], out[i]
        between = text[prev.span.end:f.span.start]
        if between.strip() == "(" and text[f.span.end:f.span.end + 1] == ")":
            counted = f"{prev.counted} (conversion)" if prev.counted else f.counted
            out[i] = replace(f, counted=counted, approx=f.approx or prev.approx,
                             claimant_name=f.claimant_name or prev.claimant_name, converts=i - 1)
    return out


def _parts(figures: list[Figure]) -> list[Figure]:
    """'864 cases - 763 men, 94 women and seven boys': a part with no claimant of its own is the whole's."""
    out = list(figures)
    for i, f in enumerate(out):
        if f.claimant_name is not None or not f.counted or " among " not in f.counted:
            continue
        whole_words = f.counted.split(" among ", 1)[1]
        whole = next((w for w in reversed(out[:i]) if w.counted and f.span.start - w.span.end < 300
                      and w.counted.startswith(whole_words)), None)
        if whole is not None and whole.claimant_name:
            out[i] = replace(f, claimant_name=whole.claimant_name)
    return out


def _joins(doc: Doc, start: int, end: int, nxt: Span) -> bool:
    """'100,000 to 140,000', 'between 100,000 and 140,000': the next anchor is this one's high end."""
    if measure_unit(doc[end - 1]) is not None and measure_unit(doc[widen(doc, nxt).end - 1]) is None:
        return False  # 'rose 2.5 points to 4,100': a change, then the level it reached
    return nxt.start - end == 1 and doc[end].lower_ in JOINERS and (
        doc[end].lower_ != "and" or (start > 0 and doc[start - 1].lower_ == "between"))


def _number(doc: Doc, ent: Span, start: int, end: int, approx: str | None) -> Num | None:
    n_q = len(approx.split()) if approx else 0
    qual_len = n_q if approx and doc[start:start + n_q].text.lower() == approx else 0
    num_tokens = [t for t in doc[start + qual_len:end] if t.lower_ != "between"]
    while len(num_tokens) > 1 and (num_tokens[0].lower_ in LEADING_WORDS or num_tokens[0].lower_ == "a"
                                   and num_tokens[1].lower_ in LEADING_WORDS):
        num_tokens = num_tokens[1:]  # 'an additional five million', 'a mere 56 miles': the number itself
    first = num_tokens[0].i if num_tokens and num_tokens[0].i > start + qual_len else start
    # '6.24m tonnes', '1,000-kilometer', '500 horsepower': the measure word is no number
    num_tokens = [t for t in num_tokens if measure_unit(t) is None and (
        ent.label_ != "QUANTITY" or t.text not in ("-", "‑"))]
    if len(num_tokens) > 2 and num_tokens[-1].pos_ == "NOUN" and num_tokens[-2].text in ("-", "‑") and \
            num_tokens[-1].lower_ not in FRACTIONS:
        num_tokens = num_tokens[:-2]  # '35-nation': the count, without its noun
    value, low, high, currency, percent = parse_number(num_tokens)
    if any(t.lower_ in FRACTIONS for t in num_tokens):  # 'a fifth of': a share
        frac = next(t for t in num_tokens if t.lower_ in FRACTIONS)
        lead = word_value([num_tokens[0].text]) if num_tokens[0].i != frac.i else 1
        value, percent = (lead or 1) * FRACTIONS[frac.lower_] * 100, True
    if value is None and low is None:
        return None
    if ent.label_ == "PERCENT":
        percent = True
    return Num(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), value, low, high, approx, currency,
               percent, doc[first:end])


def _figure(doc: Doc, num: Num, statements: list[Statement], pub_day: str | None,
            resolver: Resolver | None = None) -> Figure:
    text = text_of(doc)
    counted, measure, group, period, unit_noun = counted_of(doc, num)
    unit = _unit(num, unit_noun, doc)
    rate = _rate(doc, num)
    kind = _kind(num, unit, rate)
    if rate and unit:
        unit = f"{unit} {rate}"
    container = _innermost(statements, num.start, num.end)
    st = statements[container] if container is not None else None
    if group == OWN:
        group = _side_of(st)
    clause = text[st.content.start:st.content.end] if st else num.tokens.sent.text
    return Figure(span=TextSpan.of(text, num.start, num.end), value=num.value, low=num.low, high=num.high,
                  approx=num.approx, unit=unit, counted=counted, group=group, measure=measure, period=period,
                  claimant_name=_claimant(st) if st else _evidence_claimant(doc, num, resolver),
                  statement=container,
                  as_of=(st.said_on if st and st.said_on else pub_day), projection=bool(PROJECTION.search(clause)),
                  quantity=quantity_key(group, measure, unit), kind=kind, rate=rate)


def _side_of(st: Statement | None) -> str | None:
    """Whose 'its soldiers' are: the state a speaker names itself by ('Ostmark's defence ministry', 'Ostmark')."""
    if st is None:
        return None
    text = st.speaker.text if st.speaker is not None else st.speaker_name or ""
    m = re.match(r"(?:the\s+)?([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:['’]s\b|$)", text.strip())
    if m is None or (st.speaker_name and len(st.speaker_name.split()) > 1 and "'" not in text and "’" not in text):
        return None  # a person's 'our soldiers': their side is not in the sentence
    return demonym(m.group(1))


def _claimant(st: Statement) -> str | None:
    """The statement's speaker; for a source it does not name, the short description it gives ('local
    authorities', 'Ukraine's military'), as the guideline asks of figures, never a pronoun."""
    if st.speaker_name or st.speaker is None:
        return st.speaker_name
    words = st.speaker.text.split()
    while words and words[0].lower() in ("the", "a", "an", "some", "other"):
        words = words[1:]
    if not words or len(words) > 8 or words[-1].lower() in UNNAMED_STOP:
        return None
    return " ".join(words)


def _evidence_claimant(doc: Doc, num: Num, resolver: Resolver | None) -> str | None:
    """Outside any statement, the one whose count it is: the subject of a verb of counting or finding
    ('the mission documented 864 cases', 'It recorded more than 900'); a poll's or a report's author."""
    if resolver is None:
        return None
    verb = num.tokens.root
    for _ in range(4):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return None
    cited = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                  if g.dep_ == "pobj" and g.lemma_.lower() in DOCUMENT_NOUNS), None)
    if cited is not None:  # 'nine towns are described in the report': the report's author
        return resolver.resolve_role(doc[cited.left_edge.i:cited.i + 1])
    if verb.lemma_.lower() not in EVIDENTIAL:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.lower_ in ("it", "they"):  # only the body the sentence before is about: a wrong name is worse
        return resolver.previous_body(subj.sent.start_char)
    span = doc[subj.left_edge.i:subj.right_edge.i + 1]
    return resolver.name_in(span) or resolver.resolve_role(span)


def _unit(num: Num, unit_noun: str | None, doc: Doc) -> str | None:
    if num.percent:
        return "percent"
    if num.currency:
        return num.currency
    inside = next((u for t in num.tokens if (u := measure_unit(t)) is not None), None)
    if inside is not None:
        return inside
    nxt = doc[num.tokens.end] if num.tokens.end < len(doc) else None
    after = measure_unit(nxt) if nxt is not None else None
    if after is not None:  # '200 square kilometres', '15 km', '60 mph': pint's symbol
        squared = num.tokens.end + 1 < len(doc) and doc[num.tokens.end + 1].text == "²"
        return after + "²" if squared and not after.endswith("²") else after
    if unit_noun in PEOPLE or (unit_noun and unit_noun.rstrip("s") in PEOPLE) or unit_noun == "toll":
        return "people"
    if unit_noun in FRACTIONS:
        return "share"
    return unit_noun


RATE = re.compile(r"\b(?:(?:a|an|per|each|every)\s+(day|week|month|year|hour)|(daily|weekly|monthly|yearly|annually|"
                  r"hourly))\b")
RATE_WORD = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
             "hourly": "hour"}


def _rate(doc: Doc, num: Num) -> str | None:
    """'1,000 a day', '$40m per week', 'killed every day', 'lose 1,000 soldiers daily': the figure's rate."""
    end = num.tokens.end
    m = RATE.search(doc[end:end + 6].text.lower())
    if m is None:  # on the number's verb: 'nearly 1,000 troops are killed every day'
        verb = next((a for a in num.tokens.root.ancestors if a.pos_ == "VERB"), None)
        if verb is not None:
            near = [c for c in verb.children if c.dep_ in ("npadvmod", "advmod", "prep")]
            m = next((x for c in near if (x := RATE.search(doc[c.left_edge.i:c.right_edge.i + 1].text.lower()))
                      and c.right_edge.i - c.left_edge.i < 3), None)
    if m is None:
        return None
    return f"per {m.group(1) or RATE_WORD[m.group(2)]}"


def _kind(num: Num, unit: str | None, rate: str | None) -> str:
    """count | money | percent | measure | rate."""
    if rate:
        return "rate"
    if num.percent or unit in ("percent", "share"):
        return "percent"
    if num.currency:
        return "money"
    if unit and measure_dimension(unit) is not None:
        return "measure"
    return "count"


def _innermost(statements: list[Statement], start: int, end: int) -> int | None:
    best: tuple[int, int] | None = None
    for i, s in enumerate(statements):
        if s.content.start <= start and end <= s.content.end:
            size = s.content.end - s.content.start
            if best is None or size < best[1]:
                best = (i, size)
    return best[0] if best else None


__all__ = ["find_figures"]
