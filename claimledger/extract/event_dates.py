"""When a meeting was: its clause's own date, read forward when the clause speaks of what is to come, or
the one date of the sentence before it about the same people."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..vocab.en import AHEAD, WHEN
from .dates import SAME_DAY, resolve
from .speakers import Resolver


def _dated(ent: Span) -> bool:
    """A date, or a time of the publication day ('this afternoon', 'tonight'), not a clock time or a span."""
    return ent.label_ == "DATE" or ent.label_ == "TIME" and SAME_DAY.search(ent.text) is not None


def _ahead(trig: Token, verb: Token) -> bool:
    """The sentence speaks of a meeting still to come: 'will meet', 'is to meet', 'the upcoming summit'."""
    # the clause's own future, or the one it is a time of ('will continue on Wednesday, when Sunak meets ...')
    # or the verb it completes ('is expected to attend'); never the clause a relative clause hangs on ('X, who
    # met Y on Monday, will travel ...')
    chain = [trig, verb, *(_up_to_verb(verb) if verb.dep_ == "xcomp" or _a_time_of(verb) else [])]
    if trig.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'re") for c in trig.children):
        return True  # 'are meeting on Monday': the coming one
    return any(c.dep_ == "aux" and (c.lower_ in ("will", "'ll", "shall", "to") or c.lower_ == "would" and _reported(t))
               for t in chain for c in t.children) \
        or any(t.lemma_.lower() in AHEAD for t in chain) or any(c.lower_ in AHEAD for c in trig.children)


def _a_time_of(verb: Token) -> bool:
    """'..., when Sunak meets Scholz': a clause that says when the clause above it happens (often parsed as a
    relative clause of the place before it)."""
    return verb.dep_ in ("advcl", "relcl") and any(c.dep_ in ("advmod", "mark") and c.lower_ in WHEN
                                                   for c in verb.children)


def _reported(verb: Token) -> bool:
    """'would' is a future someone reported or expected ('said she would meet', 'did not think Putin would
    travel'); a main clause's 'would' is a past habit or a condition, and 'would have' a past."""
    return verb.dep_ in ("ccomp", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and not any(
        x.dep_ == "aux" and x.lower_ == "have" for x in verb.children)


def _up_to_verb(tok: Token) -> list[Token]:
    """The heads above a token up to the first verb, at most four: 'will go on in Lisbon, when they meet'."""
    out: list[Token] = []
    for a in list(tok.ancestors)[:4]:
        out.append(a)
        if a.pos_ in ("VERB", "AUX"):
            break
    return out




def _elsewhere(date: Token, trig: Token) -> bool:
    """The date dates a clause of its own the meeting is not in: 'since Russia launched its invasion in February'."""
    clause = next((a for a in date.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return clause is not None and clause.dep_ in ("advcl", "relcl", "ccomp", "pcomp", "acl", "conj") and (
        trig not in clause.subtree)


def date_near(trig: Token, published: str | None) -> str | None:
    """The meeting's own date: a date under the trigger or its verb, outside a relative clause about someone;
    none when the sentence gives none (the publication date is not the meeting's)."""
    # the clause the meeting is in: its own verb, or the verb its noun or participle hangs on ('three days of
    # talks ... ended on Wednesday', 'donors meeting in Kessel pledged ... on Tuesday')
    verb = trig if trig.pos_ == "VERB" and trig.dep_ not in ("acl", "amod") else \
        next((a for a in trig.ancestors if a.pos_ in ("VERB", "AUX")), trig)
    skip = {t.i for n in (trig, verb) for c in n.children if c.dep_ in ("relcl", "acl", "appos") and c.i != trig.i
            and trig not in c.subtree for t in c.subtree}
    for e in trig.sent.ents:
        if _dated(e) and e.root.i not in skip and not _elsewhere(e.root, trig) and (
                e.root.head.i in (trig.i, verb.i) or any(
                a.i in (trig.i, verb.i) for a in e.root.ancestors)):
            day = resolve(e.text, published, _ahead(trig, verb))
            if day:
                return day
    dates = [e for e in trig.sent.ents if _dated(e) and e.root.i not in skip and not _elsewhere(e.root, trig)]
    if len(dates) == 1:  # the sentence's only date, which the parse hung elsewhere ('On February 24 ... met')
        return resolve(dates[0].text, published, _ahead(trig, verb))
    return None


def date_before(trig: Token, published: str | None, people: list[str], resolver: Resolver) -> str | None:
    """'On Thursday, Xi welcomed Macron. The two leaders met ...': a sentence with no date of its own takes the
    one date of the sentence before it in its paragraph, when that sentence names one of the same people."""
    sent = trig.sent
    if sent.start == 0 or any(_dated(e) for e in sent.ents):
        return None
    before = trig.doc[sent.start - 1].sent
    if "\n" in before.text:
        return None  # it ends another paragraph
    dates = [e for e in before.ents if _dated(e)]
    named = {m.name for m in resolver.mentions_in(before.start_char, before.end_char)}
    if len(dates) != 1 or not named & set(people):
        return None
    day = resolve(dates[0].text, published, _ahead(trig, trig))
    return day if day and len(day) == 10 else None  # a day, not 'in 2014'
