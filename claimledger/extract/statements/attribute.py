"""Candidates reconciled and credited: duplicates folded, speakers named. An interrupted quote stays two
statements (the guideline: one per quoted stretch), the second crediting the first's speaker.

Speakers are named in document order, so a pronoun or an unattributed paragraph can lean on the
statement before it. When nothing fits, the speaker is None: a wrong name is worse than none.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span

from ...types import Span as TextSpan
from ...types import Statement
from ...vocab.en import GENERIC_ROLES, PERSON_ROLES, PERSONAL, PRONOUNS, RELATIVE, SOURCE_NOUNS
from ...vocab.names import is_country
from ..confidence import NAMING, UNATTRIBUTED_CAP
from ..dates import resolve as resolve_date
from ..roles import qualifies_group
from ..speakers import Resolver
from ..text import text_of
from .candidate import Candidate
from .syntax import date_for, phrase

# 'MINSK, 7 May (BelTA) - ', 'KYIV, Ukraine (AP) — ': where and for which agency, not what was said
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,30},[^()\n]{0,40}\([^()\n]{2,30}\)\s*[-–—]+\s*")


class Said(NamedTuple):
    """One statement credited so far: where it ended, to whom, through which mention."""

    end: int
    name: str
    mention: TextSpan | None


class Credit(NamedTuple):
    name: str | None
    factor: float
    mention: TextSpan | None


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Two candidates within five characters at both ends are one: the more confident (or attributed) stays."""
    out: list[Candidate] = []
    for c in cands:
        dup = next((o for o in out if abs(o.start - c.start) <= 5 and abs(o.end - c.end) <= 5), None)
        if dup is None:
            out.append(c)
        elif c.confidence > dup.confidence or (dup.speaker is None and c.speaker is not None):
            out[out.index(dup)] = c
    return out


def attribute(doc: Doc, cands: list[Candidate], resolver: Resolver, published: str | None) -> list[Statement]:
    text = text_of(doc)
    pub_day = published[:10] if published and len(published) >= 10 else published
    out: list[Statement] = []
    history: list[Said] = []
    episode: tuple[str, str] | None = None  # (speaker, day) of the last speech event the text dated
    for c in cands:
        near = [h for h in reversed(history) if text[h.end:c.start].count("\n") <= 2 and c.start - h.end < 600]
        span = _cleaned(text, c)
        if span is None:
            continue
        credit = _credit(doc, c, resolver, near)
        if credit is None:
            continue  # an unattributed quote: nobody to credit
        start, end = span
        said = resolve_date(c.date_text, published) if c.date_text else None
        if said is None and episode is not None and credit.name == episode[0] and history and \
                history[-1].name == credit.name:
            said = episode[1]  # 'On Thursday, X said ... "...," she added': the same speech event, the same day
        elif credit.name:
            if said is None:  # 'On Wednesday, Haines presented the assessment. ... She said ...': that day
                said = _scene_date(doc, resolver, credit.name, c.start, published)
            episode = (credit.name, said) if said and len(said) == 10 else None  # a day, not 'in 2023'

        conf = c.confidence * credit.factor if credit.name else min(c.confidence, UNATTRIBUTED_CAP)
        out.append(Statement(TextSpan.of(text, start, end), credit.mention, credit.name,
                             TextSpan.of(text, *c.cue) if c.cue else None, c.kind, said or pub_day, round(conf, 3)))
        if credit.name:
            history.append(Said(end, credit.name, credit.mention))
    return _one_per_event(out)


def _scene_date(doc: Doc, resolver: Resolver, name: str, before: int, published: str | None) -> str | None:
    """The day of the scene the speaker was last the subject of, in this paragraph or the one before it."""
    text = text_of(doc)
    para = text.rfind("\n", 0, before)
    floor = text.rfind("\n", 0, max(para - 1, 0)) if para > 0 else 0
    for m in reversed(resolver.mentions_in(max(floor, 0), before)):
        tok = doc.char_span(m.start, m.end, alignment_mode="expand") if m.name == name else None
        node = tok.root if tok is not None else None
        for _ in range(4):  # up through the subject phrase the name sits in ('the director of X, Haines')
            if node is None or node.dep_ in ("nsubj", "nsubjpass") or node.head.i == node.i:
                break
            node = node.head
        if node is None or node.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = node.head
        when = date_for(verb, (0, 0), verb.sent) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        day = resolve_date(when, published) if when else None
        if day is not None:
            return day
    return None


def _one_per_event(out: list[Statement]) -> list[Statement]:
    """'If X, he said, Y, he said.': two cues of one speaker on one claim; the reading that holds the other's
    cue inside its content goes (a nested report of someone else stays: its speaker differs)."""
    def who(st: Statement) -> str | None:
        return st.speaker_name or (st.speaker.text.lower() if st.speaker else None)

    drop = set()
    for i, a in enumerate(out):
        for b in out:
            if a is b or who(a) is None or who(a) != who(b) or b.cue is None:
                continue
            inside = a.content.start <= b.cue.start < a.content.end
            mutual = a.cue is not None and b.content.start <= a.cue.start < b.content.end
            shared = min(a.content.end, b.content.end) - max(a.content.start, b.content.start)
            longer = len(a.content.text) >= len(b.content.text)
            trailing = a.cue is not None and a.cue.start >= a.content.end  # 'If X, he said, Y, he said': a's cue last
            if inside and (trailing or mutual) and shared > 0.5 * (b.content.end - b.content.start) and (
                    not mutual or longer):
                drop.add(i)
    return [s for i, s in enumerate(out) if i not in drop]


def _cleaned(text: str, c: Candidate) -> tuple[int, int] | None:
    """The content without what is never the claim: surrounding whitespace, the writer's comma before the
    cue ('... night, Lund said'; inside quotation marks the comma is the quote's own and stays), a wire
    dateline ('MINSK, 7 May (BelTA) - ...'). None when the content holds its own cue (a quote paired across
    paragraphs, a parenthetical read whole): a content never does."""
    start, end = c.start, c.end
    quoted = c.kind == "direct" and end < len(text) and text[end] in "”\"»’'"  # '"A," he said': the quote's comma
    while end > start and (text[end - 1].isspace() or (text[end - 1] == "," and not quoted)):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    if c.cue is not None and c.source != "label" and start <= c.cue[0] < end:
        return None
    return (start, end) if end > start else None


def _credit(doc: Doc, c: Candidate, resolver: Resolver, near: list[Said]) -> Credit | None:
    """Who a candidate is credited to; None drops a quote that continues no run and follows nobody."""
    if c.speaker is not None:
        name, factor = _name_for(c.speaker, resolver, list(dict.fromkeys(h.name for h in near)))
        return Credit(name, factor, TextSpan.of(text_of(doc), c.speaker.start_char, c.speaker.end_char))
    if not c.inherit:
        return Credit(None, 1.0, None)
    if c.kind == "mixed" and near and _sentences_between(text_of(doc), near[0].end, c.start) > 1:
        return None  # a paraphrase goes on from the statement right before it, not from one further back
    # a run continues its speaker; a person before an organisation nested in the same report
    pick = next((h for h in near if resolver.labels.get(h.name) == "PERSON"), near[0] if near else None)
    if pick is not None:
        return Credit(pick.name, NAMING["run"], pick.mention)
    name = _nearest_person_subject(doc, resolver, c.start)
    return Credit(name, NAMING["paragraph"], None) if name is not None else None


def _sentences_between(text: str, end: int, start: int) -> int:
    return len(re.findall(r"[.!?][\"”’']?\s+(?=[\"“A-Z])", text[end:start] + " A"))


def _name_for(speaker: Span, resolver: Resolver, recent: list[str]) -> tuple[str | None, float]:
    root = speaker.root
    if len(speaker) == 1 and root.lower_ in RELATIVE:
        head = root.head
        while head.dep_ not in ("relcl",) and head.head.i != head.i:
            head = head.head
        ante = head.head if head.dep_ == "relcl" else None
        if ante is None:
            return None, 0.0
        name = resolver.name_in(phrase(ante))
        if name is None and ante.lemma_.lower() in SOURCE_NOUNS:  # 'a statement released by Beijing, which ...'
            name = resolver.name_in(ante.doc[ante.left_edge.i:ante.right_edge.i + 1])
        return name, NAMING["relative"]
    if len(speaker) == 1 and root.lower_ in PRONOUNS:
        return resolver.resolve_pronoun(root.lower_, speaker.start_char, recent), NAMING["pronoun"]
    if qualifies_group(root):
        return None, NAMING["role"]
    name = resolver.name_in(speaker)
    if name:
        if root.lemma_.lower() in SOURCE_NOUNS:
            resolver.note_source(speaker, name)
        return name, NAMING["name"]
    by_role = resolver.resolve_role(speaker) or _last_person(speaker, resolver, recent)
    return by_role or resolver.known_name(speaker, as_written=True), NAMING["role"]


def _last_person(speaker: Span, resolver: Resolver, recent: list[str]) -> str | None:
    """'the dictator', 'the politician' right after a named speaker: that person, when the role says
    nothing the person's known roles contradict ('the Russian president' is not a Ukrainian quoted last)."""
    head = speaker.root.lemma_.lower()
    owned = len(speaker) > 2 and speaker[0].ent_type_ in ("GPE", "NORP", "ORG") and speaker[1].tag_ == "POS"
    if (speaker[0].lower_ != "the" and not owned) or head not in PERSON_ROLES or head in GENERIC_ROLES:
        return None  # 'the dictator', "Ukraine's leader": a person in a role
    person = next((n for n in recent if resolver.labels.get(n) == "PERSON"), None) or resolver.last_person(
        speaker.start_char)
    if person is None:
        return None
    roles = " ".join(resolver.roles.get(person, ()))
    named = [t for t in speaker[1:] if t.i != speaker.root.i and (t.is_title or t.ent_type_)]
    # 'the Belarusian dictator' after Lukashenko, whose roles name no nationality: a nationality the roles do
    # not contradict; 'the Russian president' after a Ukrainian quoted last is someone else
    stateless = not re.search(r"\b[A-Z]\w+(?:ian|ish|ese|an)\b", roles) and not any(
        is_country(w.strip("'’s.,")) for w in roles.split() if w[:1].isupper())  # 'US President': American
    return person if all(t.lower_ in roles.lower() or (t.ent_type_ == "NORP" and stateless) for t in named) else None


def _nearest_person_subject(doc: Doc, resolver: Resolver, before: int) -> str | None:
    """The person the paragraph before a bare quote is about: its last named or pronoun subject."""
    text = text_of(doc)
    para_start = text.rfind("\n", 0, before)
    prev_start = text.rfind("\n", 0, max(para_start, 0))
    window = doc.char_span(max(prev_start, 0), max(para_start, 0), alignment_mode="expand")
    if window is None:
        return None
    for tok in reversed(list(window)):
        if tok.dep_ in ("nsubj", "pobj") and (tok.ent_type_ == "PERSON" or tok.lower_ in PERSONAL):
            if tok.lower_ in PRONOUNS:
                name = resolver.resolve_pronoun(tok.lower_, tok.idx, [])
            else:
                name = resolver.name_in(phrase(tok))
            if name:
                return name
    return None
