"""Figures: every quantity claimed, with what it counts, who claims it and as of when.

Anchors are the parser's CARDINAL, MONEY, PERCENT and QUANTITY entities plus fraction shares ("a
fifth of"); each is widened to its qualifier ("nearly", "between ... and ...") and unit, parsed to a
value or range, and rejected when it is a date, duration, age, ordinal, part of a name or vague.
What it counts comes from the syntax around it: the noun it numbers, the verb that noun is the
subject or object of ("have been killed", "pledged"), and the phrases that give period and group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..types import Figure, Statement
from ..types import Span as TextSpan
from .actors import demonym
from .numbers import CURRENCY_SIGNS, CURRENCY_WORDS, FRACTIONS, QUALIFIERS, compact_value, word_value

NUMERIC_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "round",
              "term", "night", "weekend", "session", "stage", "phase", "point", "step"}
PEOPLE = {"people", "person", "soldier", "troop", "civilian", "man", "woman", "child", "refugee", "citizen",
          "resident", "casualty", "death", "fatality", "victim", "prisoner", "fighter", "serviceman", "servicemen",
          "personnel", "worker", "patient", "family", "ukrainian", "russian", "volunteer", "conscript", "recruit",
          "body", "inhabitant", "voter", "member", "student", "employee", "official", "officer", "pow", "captive"}
LENGTH_UNITS = {"km": "km", "kilometre": "km", "kilometer": "km", "kilometres": "km", "kilometers": "km",
                "mile": "miles", "miles": "miles", "metre": "m", "meter": "m", "hectare": "ha", "km²": "km²",
                "sq": "km²", "square": "km²", "tonne": "t", "ton": "t", "barrel": "barrels", "mw": "MW", "gw": "GW"}
MEASURES = {
    "killed": {"kill", "die", "dead", "death", "fatality", "perish", "slay", "execute"},
    "wounded": {"wound", "injure", "injury", "wounded", "injured"},
    "missing": {"missing", "disappear", "vanish"},
    "casualties": {"casualty", "loss", "losses", "lose"},
    "displaced": {"displace", "flee", "refugee", "evacuate", "uproot", "displaced"},
    "captured": {"capture", "prisoner", "detain", "imprison", "pow", "captive", "exchange", "swap"},
    "spent": {"spend", "cost", "expenditure", "budget"},
    "pledged": {"pledge", "promise", "commit", "allocate", "earmark", "approve"},
    "received": {"receive", "get", "obtain"},
    "fired": {"fire", "launch", "shoot"},
    "aid": {"aid", "assistance", "support", "funding"},
    "lost": set(),
}
MEASURE_OF = {w: m for m, ws in MEASURES.items() for w in ws}
PROJECTION = re.compile(r"\b(on track to|expected to|set to|projected|forecast|could (reach|rise|top|hit)|"
                        r"will (reach|rise|top|hit|exceed)|likely to (reach|rise|top))\b", re.I)
PERIOD_PREPS = {"since", "during", "over", "throughout", "in", "between", "from", "until", "through", "within"}
VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"}


@dataclass
class _Num:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: str | None
    currency: str | None
    percent: bool
    tokens: Span


def _qualifier(doc: Doc, start_tok: int) -> tuple[int, str | None]:
    """Widen left over 'nearly', 'more than', 'an estimated' ...; return the new first token and the qualifier."""
    best: tuple[int, str | None] = (start_tok, None)
    for q in QUALIFIERS:
        n = len(q.split())
        i = start_tok - n
        if i >= 0 and doc[i:start_tok].text.lower() == q:
            if best[1] is None or n > len(best[1].split()):
                best = (i, q)
    return best


def _parse(tokens: list[Token]) -> tuple[float | None, float | None, float | None, str | None, bool]:
    """value, low, high, currency, percent from the tokens of one number expression (qualifier excluded)."""
    words = [t.text for t in tokens]
    low_words = [w.lower() for w in words]
    currency, percent = None, False
    clean: list[str] = []
    for w in words:
        lw = w.lower()
        if w in CURRENCY_SIGNS:
            currency = CURRENCY_SIGNS[w]
            continue
        if lw in CURRENCY_WORDS:
            currency = CURRENCY_WORDS[lw]
            continue
        if lw in ("%", "percent", "per", "cent", "pc"):
            percent = True
            continue
        comp = compact_value(w)
        if comp is not None and not re.match(r"^\d+(\.\d+)?$", w):
            currency = currency or comp[1]
            clean.append(repr(comp[0]))
            continue
        clean.append(w)
    joined = " ".join(clean)
    # ranges: "between A and B", "A to B", "A-B", "A–B"
    parts = re.split(r"\s*(?:\bto\b|–|—|-(?=\s*\d)|\band\b(?=.*\d)|\bor\b)\s*", re.sub(r"^between\s+", "", joined))
    if "between" in low_words or len(parts) == 2 and all(p.strip() for p in parts):
        if len(parts) == 2:
            a, b = (word_value(p.split()) for p in parts)
            if a is not None and b is not None:
                # "two to 2.5 million": the scale of the high end carries to the low one
                scale_b = re.search(r"(million|billion|trillion|thousand|bn|trn|m)\b", parts[1])
                if scale_b and not re.search(r"(million|billion|trillion|thousand|bn|trn)", parts[0]) and a < b / 1000:
                    a = word_value(parts[0].split() + [scale_b.group(1)])
                if a is not None and a <= b:
                    return None, a, b, currency, percent
    v = word_value(clean)
    if v is None:
        try:
            v = float(clean[0]) if len(clean) == 1 else None
        except ValueError:
            v = None
    return v, None, None, currency, percent


def _anchor_spans(doc: Doc, body: list[tuple[int, int]]) -> list[Span]:
    spans = [e for e in doc.ents if e.label_ in NUMERIC_LABELS]
    taken = {t.i for e in spans for t in e}
    for tok in doc:  # money the parser left out ('€170bn') and shares ('a fifth of')
        if tok.i in taken:
            continue
        if compact_value(tok.text) and not tok.like_num and re.search(r"\d", tok.text) and not tok.ent_type_:
            spans.append(doc[tok.i:tok.i + 1])
        elif tok.lower_ in FRACTIONS and tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "one", "two", "three") \
                and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            spans.append(doc[tok.i - 1:tok.i + 1])
    out = [s for s in spans if any(b0 <= s.start_char and s.end_char <= b1 for b0, b1 in body)]
    return sorted(out, key=lambda s: s.start)


def _widen(doc: Doc, ent: Span) -> tuple[int, int, str | None]:
    start, end = ent.start, ent.end
    # a leading qualifier inside the entity ('nearly two million')
    approx = None
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if ent.text.lower().startswith(q + " "):
            approx = q
            break
    if approx is None:
        start, approx = _qualifier(doc, start)
    if start > 0 and doc[start - 1].text in CURRENCY_SIGNS:
        start -= 1
    while end < len(doc) and (doc[end].lower_ in CURRENCY_WORDS or doc[end].text in ("%",)
                              or doc[end].lower_ in ("percent",)
                              or (doc[end].lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent")):
        end += 2 if doc[end].lower_ == "per" else 1
    return start, end, approx


def _excluded(doc: Doc, ent: Span, start: int, end: int) -> bool:
    text = doc[start:end].text
    nxt = doc[end] if end < len(doc) else None
    prev = doc[start - 1] if start > 0 else None
    digits = re.sub(r"[^\d]", "", ent.text)
    if not re.search(r"\d", ent.text) and not any(t.lower_ in ("million", "billion", "trillion", "thousand",
                                                                  "hundred") for t in ent) \
            and ent.label_ not in ("MONEY", "PERCENT") and not any(t.lower_ in FRACTIONS for t in ent):
        return True  # 'one', 'three': counts of things, not claimed figures
    if any(t.lower_ in VAGUE for t in ent) and not any(t.like_num and re.search(r"\d", t.text) for t in ent):
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", digits or "") and "," not in ent.text and ent.label_ == "CARDINAL":
        return True  # a year
    if nxt is not None:
        if nxt.lemma_.lower() in TIME_UNITS or nxt.text in ("-", "‑") and end + 1 < len(doc) and \
                doc[end + 1].lemma_.lower() in TIME_UNITS | {"old", "point"}:
            return True  # 'four years', 'two-week', '28-point plan'
        if nxt.text.startswith("-") and nxt.text[1:].lower() in TIME_UNITS | {"year-old", "point"}:
            return True
    if ent.root.dep_ == "nummod" and ent.root.head.lemma_.lower() in TIME_UNITS:
        return True
    if any(t.ent_type_ in ("ORG", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "FAC") for t in doc[start:end]):
        return True
    if prev is not None and prev.text == "," and start >= 2 and doc[start - 2].ent_type_ == "PERSON" \
            and nxt is not None and nxt.text in (",", ".") and len(digits) <= 3:
        return True  # 'Mr. King, 82, told me': an age
    if prev is not None and prev.lower_ in ("aged", "age"):
        return True
    return bool(re.fullmatch(r"\d{1,2}(:\d\d)?", text) and nxt is not None and nxt.lower_ in ("am", "pm", "a.m.",
                                                                                             "p.m."))


def _np_tokens(tok: Token) -> list[Token]:
    """A noun phrase without its relative clauses, appositions and asides."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "cc", "det", "conj") or c.ent_type_ == "DATE":
            continue
        out.extend(_np_tokens(c))
    return out


def _head_noun(tok: Token) -> Token | None:
    for c in tok.children:  # partitive: '9,000 of its soldiers', '40% of the pledges'
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                return obj
    node = tok
    for _ in range(3):
        if node.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "advmod") and node.head.i != node.i:
            node = node.head
            if node.pos_ in ("NOUN", "PROPN"):
                return node
        else:
            break
    if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in ("million", "billion", "thousand", "trillion"):
        return None
    return None


def _measure_words(words: list[Token]) -> list[str]:
    out = []
    for t in words:
        m = MEASURE_OF.get(t.lemma_.lower()) or MEASURE_OF.get(t.lower_)
        if m and m not in out:
            out.append(m)
    return out


def _normal_measure(found: list[str]) -> str | None:
    s = set(found)
    if {"killed", "wounded"} <= s or "casualties" in s:
        return "casualties"
    for m in ("killed", "wounded", "missing", "displaced", "captured", "spent", "pledged", "received", "fired", "aid"):
        if m in s:
            return m
    return None


def _group(tokens: list[Token], clause_text: str) -> str | None:
    if re.search(r"\bboth (sides|armies|countries)\b", clause_text, re.I):
        return "both"
    norps: list[str] = []
    for t in tokens:
        if t.pos_ == "PROPN" and (t.dep_ in ("compound", "poss") and t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
                                  or t.dep_ == "nsubj"):
            name = demonym(t.text)
            if name not in norps:
                norps.append(name)
            continue
        if t.ent_type_ in ("NORP", "GPE") and t.pos_ in ("ADJ", "PROPN", "NOUN") and t.dep_ != "pobj":
            name = t.text.rstrip("s") if t.ent_type_ == "NORP" and t.text.endswith("ns") else t.text
            if t.ent_type_ == "GPE":
                name = demonym(name)
            if name not in norps:
                norps.append(name)
        elif t.lemma_.lower() in ("civilian", "child", "resident", "inhabitant"):
            return "civilians"
    if len(norps) >= 2:
        return "both"
    return norps[0] if norps else None


def _phrase_text(doc: Doc, toks: list[Token]) -> str:
    toks = sorted(toks, key=lambda t: t.i)
    return " ".join(t.text for t in toks if not t.is_punct or t.text == "-").replace(" - ", "-").strip()


def _counted(doc: Doc, num: _Num) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """counted, measure, group, period, unit noun, from the syntax around the number."""
    root = num.tokens.root
    noun = _head_noun(root)
    verb: Token | None = None
    words: list[Token] = []
    unit_noun = None
    if noun is not None:
        unit_noun = noun.lemma_.lower()
        mods = [t for t in noun.subtree if t.i < noun.i and t.i < num.tokens.start and t.dep_ in
                ("amod", "compound", "nmod", "poss") and t.lower_ not in ("the", "a")]
        mods += [t for t in noun.lefts if t.i >= num.tokens.end and t.dep_ in ("amod", "compound", "nmod")]
        words = mods + [noun]
        if noun.lemma_.lower() in ("number", "total", "toll", "tally", "figure") or unit_noun in FRACTIONS:
            of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                words += [t for t in of.subtree if t.dep_ not in ("det", "punct", "cc") and t.i != of.i]
        for c in noun.rights:  # 'aid for the Tarn Valley', '40% of the pledges'
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "to", "in") and c.lower_ not in PERIOD_PREPS - {"in"}:
                sub = [t for t in c.subtree if t.ent_type_ != "DATE"]
                if len(sub) <= 8:
                    words += [t for t in sub if t.dep_ not in ("det", "punct")]
        role = noun
        while role.dep_ == "conj" and role.head.i != role.i:  # '1.2 million Russian and 600,000 Ukrainian soldiers'
            role = role.head
        if role.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and role.head.pos_ in ("VERB", "AUX"):
            verb = role.head
        elif role.dep_ == "pobj" and role.head.dep_ == "prep" and role.head.head.pos_ in ("VERB", "AUX"):
            verb = role.head.head  # 'losses amount to nearly 1.8 million people'
        if verb is None or verb.lemma_.lower() not in MEASURE_OF:  # a misparse: 'soldiers have been killed'
            for t in doc[noun.i + 1:min(noun.i + 7, len(doc))]:
                if t.is_punct or t.dep_ == "cc":
                    break
                if t.tag_ == "VBN" and t.lemma_.lower() in MEASURE_OF:
                    verb = t
                    break
    else:
        head = root.head
        if head.pos_ in ("VERB", "AUX") and root.dep_ in ("dobj", "attr", "pobj", "npadvmod", "nsubj"):
            verb = head
        elif head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head  # 'amount to nearly 1.8 million', 'put the toll at 700'
        if num.currency:
            for c in root.rights:  # '€2.4bn in reconstruction aid for the valley'
                if c.dep_ == "prep" and c.lower_ in ("in", "of", "for", "on"):
                    words += [t for t in c.subtree if t.dep_ not in ("det", "punct") and t.ent_type_ != "DATE"]
    measure_src: list[Token] = list(words)
    period = None
    if verb is not None:
        verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ")
                          and c.lower_ != verb.lower_ and not any(g.dep_.startswith("nsubj") for g in c.children)]
        measure_src += verbs
        if noun is None or noun.dep_ not in ("dobj",):
            holder = verb
            subj = None
            for _ in range(5):  # 'the number ... is on track to reach two million': the subject of 'is'
                subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None or holder.dep_ not in ("xcomp", "advcl", "conj", "acl", "relcl", "pobj", "prep",
                                                           "pcomp") or holder.head.i == holder.i:
                    break
                holder = holder.head
            if subj is not None and (noun is None or noun.dep_ == "pobj") and subj.i < root.i:
                words = [t for t in _np_tokens(subj) if t.lower_ not in ("number", "of", "total")]
                measure_src += words
        part = [v for v in verbs if v.lemma_.lower() in MEASURE_OF]
        if part and noun is not None and (verb.i > noun.i or noun.dep_ in ("nsubj", "nsubjpass")):
            words = words + part  # 'soldiers killed, wounded'
        elif verb.lemma_.lower() in MEASURE_OF and noun is not None:
            words = words + [verb]
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in PERIOD_PREPS and any(t.ent_type_ == "DATE" or t.lower_ in
                                                                    ("war", "invasion", "start", "conflict",
                                                                     "beginning", "fighting") for t in c.subtree):
                period = doc[c.i:c.right_edge.i + 1].text
                break
    if noun is not None and period is None:
        for c in noun.rights:
            if c.dep_ in ("prep", "acl") and c.lower_ in PERIOD_PREPS and any(
                    t.ent_type_ == "DATE" for t in c.subtree):
                period = doc[c.i:c.right_edge.i + 1].text
    if verb is not None and period is None:  # 'killed in fighting since Russia's invasion'
        for t in verb.subtree:
            if t.dep_ == "prep" and t.lower_ == "since":
                period = doc[t.i:t.right_edge.i + 1].text
                break
    owner: list[Token] = []
    if verb is not None and verb.lemma_.lower() in ("lose", "suffer") and noun is not None and noun.dep_ == "dobj":
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # 'Veloria has lost 50,000 men'
        if subj is not None and (subj.ent_type_ in ("GPE", "NORP", "ORG") or subj.pos_ == "PROPN"):
            owner = [subj]
    measure = _normal_measure(_measure_words(measure_src))
    clause = verb.sent.text if verb is not None else num.tokens.sent.text
    span_text = doc[num.tokens.start:verb.right_edge.i + 1].text if verb is not None and verb.i > root.i else clause
    group = _group(owner + words + ([verb] if verb is not None else []), span_text)
    kept = [w for w in words if not (num.tokens.start <= w.i < num.tokens.end)]
    verbs_in = [w for w in kept if w.pos_ in ("VERB", "AUX") and w.lemma_.lower() in MEASURE_OF]
    nouns = [w for w in kept if w.pos_ not in ("VERB", "AUX")]
    counted = _phrase_text(doc, nouns) if nouns else ""
    if verbs_in:  # 'displacing ... Ukrainians' -> 'Ukrainians displaced': the noun, then what happened to it
        counted = (counted + " " + ", ".join(_participle(v) for v in sorted(verbs_in, key=lambda v: v.i))).strip()
    return counted or None, measure, group, period, unit_noun


def _participle(v: Token) -> str:
    if v.tag_ in ("VBN", "JJ"):
        return v.text
    lemma = v.lemma_.lower()
    irregular = {"lose": "lost", "spend": "spent", "flee": "fled", "get": "got", "shoot": "shot", "pay": "paid",
                 "meet": "met"}
    if lemma in irregular:
        return irregular[lemma]
    return lemma + ("d" if lemma.endswith("e") else "ed")


def _unit(num: _Num, unit_noun: str | None, doc: Doc) -> str | None:
    if num.percent:
        return "percent"
    if num.currency:
        return num.currency
    nxt = doc[num.tokens.end] if num.tokens.end < len(doc) else None
    if nxt is not None and nxt.lower_ in LENGTH_UNITS:
        unit = LENGTH_UNITS[nxt.lower_]
        if nxt.lower_ in ("square", "sq") or (num.tokens.end + 1 < len(doc) and doc[num.tokens.end + 1].text == "²"):
            unit = "km²"
        return unit
    if unit_noun in PEOPLE or (unit_noun and unit_noun.rstrip("s") in PEOPLE):
        return "people"
    if unit_noun in FRACTIONS:
        return "share"
    return unit_noun


def _rate(doc: Doc, end: int) -> str | None:
    window = doc[end:end + 4].text.lower()
    m = re.search(r"\b(a|per|each|every)\s+(day|week|month|year)\b", window)
    return f"per {m.group(2)}" if m else None


def find_figures(doc: Doc, body: list[tuple[int, int]], published: str | None,
                 statements: list[Statement]) -> list[Figure]:
    text = doc.text
    out: list[Figure] = []
    used: set[int] = set()
    pub_day = published[:10] if published and len(published) >= 10 else published
    anchors = _anchor_spans(doc, body)
    for k, ent in enumerate(anchors):
        if ent.start in used:
            continue
        start, end, approx = _widen(doc, ent)
        # "100,000 to 140,000" or "between 100,000 and 140,000" split into two anchors: join them
        if k + 1 < len(anchors) and anchors[k + 1].start - end == 1 and doc[end].lower_ in ("to", "and", "-", "–") \
                and (doc[end].lower_ != "and" or (start > 0 and doc[start - 1].lower_ == "between")):
            nxt = anchors[k + 1]
            used.add(nxt.start)
            end = _widen(doc, nxt)[1]
        if start > 0 and doc[start - 1].lower_ == "between" and approx is None:
            start -= 1
        if _excluded(doc, ent, start, end):
            continue
        n_q = len(approx.split()) if approx else 0
        qual_len = n_q if approx and doc[start:start + n_q].text.lower() == approx else 0
        num_tokens = [t for t in doc[start + qual_len:end] if t.lower_ != "between"]
        value, low, high, currency, percent = _parse(num_tokens)
        if any(t.lower_ in FRACTIONS for t in num_tokens):
            frac = next(t for t in num_tokens if t.lower_ in FRACTIONS)
            lead = word_value([num_tokens[0].text]) if num_tokens[0].i != frac.i else 1
            value, percent = (lead or 1) * FRACTIONS[frac.lower_] * 100, True
        if value is None and low is None:
            continue
        if ent.label_ == "PERCENT":
            percent = True
        num = _Num(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), value, low, high, approx, currency,
                   percent, doc[start:end])
        counted, measure, group, period, unit_noun = _counted(doc, num)
        unit = _unit(num, unit_noun, doc)
        rate = _rate(doc, end)
        if rate and unit:
            unit = f"{unit} {rate}"
        container = _innermost(statements, num.start, num.end)
        st = statements[container] if container is not None else None
        clause = (text[st.content.start:st.content.end] if st else num.tokens.sent.text)
        out.append(Figure(
            span=TextSpan.of(text, num.start, num.end), value=value, low=low, high=high, approx=approx, unit=unit,
            counted=counted, group=group, measure=measure, period=period,
            claimant_name=st.speaker_name if st else None, statement=container,
            as_of=(st.said_on if st and st.said_on else pub_day), projection=bool(PROJECTION.search(clause)),
        ))
    return out


CURRENCIES = {"USD", "EUR", "GBP", "UAH", "RUB", "JPY", "CNY", "SEK", "PLN", "crowns"}


def unit_class(unit: str | None) -> str:
    if not unit:
        return ""
    base, _, rate = unit.partition(" per ")
    cls = "money" if base in CURRENCIES else base
    return f"{cls} per {rate}" if rate else cls  # a rate never lines up with a total


def quantity_key(group: str | None, measure: str | None, unit: str | None) -> str | None:
    """'Ukrainian|killed|people'; None when the figure says too little to line up."""
    if not measure:
        return None
    return f"{(group or '').lower()}|{measure}|{unit_class(unit)}"


def _innermost(statements: list[Statement], start: int, end: int) -> int | None:
    best: tuple[int, int] | None = None
    for i, s in enumerate(statements):
        if s.content.start <= start and end <= s.content.end:
            size = s.content.end - s.content.start
            if best is None or size < best[1]:
                best = (i, size)
    return best[0] if best else None
