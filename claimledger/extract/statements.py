"""Attributed statements: direct, dash-introduced, partial and reported speech, with speakers.

One pass over the body sentences of a parsed Doc. Candidates come from five places, then are
ordered, de-duplicated and given speakers in document order (so a pronoun or an unattributed
paragraph can lean on the statement before it):

1. cue verbs with a clausal complement ("X said that ...", "..., she said"), including nominal cues
   ("rejects claims that ...", "her view that ...");
2. "according to X, ...";
3. quotation marks, each tied to the cue that governs it, to a colon-introduction, or to the quote
   run it continues; a quote inside a reported clause or an object makes the statement "mixed";
4. paragraphs opening with a dash, ended by ", she said" or by nothing at all;
5. subjects that are not people ("a study by CSIS suggests ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..types import Span as TextSpan
from ..types import Statement
from .dates import resolve as resolve_date
from .lexicon import ACCORDING, CUE_NOUNS, NEEDS_CLAUSE, PARTICLES, SOURCE_NOUNS, SPEECH_VERBS
from .quotes import DashParagraph, Quote, find_dash_paragraphs, find_quotes, paragraphs
from .speakers import PRONOUNS, RELATIVE, Resolver

SUBJECT_DEPS = ("nsubj",)
CLAUSE_DEPS = ("ccomp",)
INHERIT_DEPS = ("conj", "advcl", "xcomp")
WH = {"what", "how", "why", "where", "when", "whether", "if", "who", "which"}
# verbs that report a clause but do not govern a partial quote: 'put pressure on Russia by presenting a "plan"'
NO_PARTIAL = frozenset("""put figure count find determine show indicate signal know understand feel consider judge
project allow grant charge credit order direct decide add""".split())
# crossing one of these on the way up from a quote leaves the cue's own argument structure
BOUNDARY_DEPS = ("relcl", "appos", "nsubj", "nsubjpass", "advcl", "csubj")
META_NOUNS = CUE_NOUNS | {"figure", "number", "move", "sign", "step", "remark", "estimate", "account", "version"}
# directives and commissives report an infinitive: 'urged Europe to act', 'vowed to retaliate'
INFINITIVE_CUES = frozenset("""urge ask call press demand beg plead implore request instruct order tell advise warn
promise vow pledge threaten swear refuse decline agree offer propose encourage""".split())
TRIM = set(" \t\n,.;:—–-\"“”'‘’«»")


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    speaker: Span | None  # the mention in the text
    cue: tuple[int, int] | None
    date_text: str | None
    confidence: float
    speaker_name: str | None = None
    inherit: bool = False  # no speaker in its sentence: continues the run before it
    source: str = ""
    parts: tuple[tuple[int, int], ...] = ()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _in(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _is_cue_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS and not any(
        c.dep_ == "neg" for c in tok.children)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and depth < 3:
        return _subject(verb.head, depth + 1)
    return None


def _phrase(tok: Token) -> Span:
    """The noun phrase of a speaker: the token with its modifiers, without relative clauses or appositions."""
    doc = tok.doc
    if tok.lower_ in PRONOUNS | RELATIVE:
        return doc[tok.i:tok.i + 1]
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("prep", "compound", "nmod") or (c.dep_ == "appos" and c.ent_type_ in ("ORG", "PERSON")):
            right = max(right, c.right_edge.i)
        elif c.dep_ == "punct" and c.text == ")" and right == c.i - 1:
            right = c.i
        elif c.dep_ != "punct" or c.text != ",":
            break
    while right > left and doc[right].dep_ == "punct" and doc[right].text != ")":
        right -= 1
    return doc[left:right + 1]


def _date_for(verb: Token, content: tuple[int, int], sent: Span) -> str | None:
    for ent in sent.ents:
        if ent.label_ != "DATE" or content[0] <= ent.start_char < content[1]:
            continue
        node, hops = ent.root, 0
        while node.head.i != node.i and hops < 4 and node.i != verb.i:
            node = node.head
            hops += 1
            if node.pos_ == "VERB" and node.i != verb.i:
                break
        if node.i == verb.i:
            return ent.text
    return None


def _clause_span(clause: Token) -> tuple[int, int]:
    """The clause's subtree, without a trailing apposition ('—a figure likely to ...', ', a statement that ...'),
    which is the writer's comment on the claim, not the claim."""
    start = clause.left_edge.idx
    right = clause.right_edge.i
    for t in clause.subtree:
        if t.i <= clause.i or t.i > right:
            continue
        prev = t.left_edge.i - 1
        if prev <= clause.left_edge.i or clause.doc[prev].text not in (",", "—", "–", "-", ";"):
            continue
        # ', a statement that underlined ...', '—a figure likely to ...': a noun naming the claim itself
        meta = t.lemma_.lower() in META_NOUNS and t.left_edge.dep_ == "det"
        if meta and t.dep_ in ("appos", "dobj", "npadvmod", "attr", "conj"):
            right = prev - 1
            break
    end_tok = clause.doc[right]
    return start, end_tok.idx + len(end_tok.text)


def _finite(clause: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in clause.children) or \
        clause.tag_ in ("VBD", "VBZ", "VBP", "MD")


def from_cue_verbs(sent: Span, skip: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    for tok in sent:
        if not _is_cue_verb(tok) or _in(skip, tok.idx, tok.idx + 1):
            continue
        clause = None
        clauses = []
        cue_end = tok.idx + len(tok.text)
        for c in tok.children:
            if c.dep_ in CLAUSE_DEPS and _finite(c) and not (c.left_edge.lower_ in WH and c.left_edge.i > tok.i):
                clauses.append(c)
            elif c.dep_ == "prt" and c.lower_ in PARTICLES:
                cue_end = max(cue_end, c.idx + len(c.text))
        if not clauses and tok.lemma_.lower() in INFINITIVE_CUES:
            for c in tok.children:  # 'urged X to ...' has the infinitive under the verb or under 'on X'
                if c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                    clauses.append(c)
        if clauses:
            clause = clauses[0]
        if clause is None:  # nominal cue: "rejects claims that ...", "explains her view that ..."
            for c in tok.children:
                if c.dep_ in ("dobj", "pobj", "attr") and c.lemma_.lower() in CUE_NOUNS:
                    inner = [g for g in c.children if g.dep_ in ("acl", "ccomp", "relcl")
                             and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
                    if inner:
                        clause = inner[0]
                        cue_end = c.idx + len(c.text)
        if clause is None and tok.dep_ == "parataxis" and _subject(tok) is not None:
            cands = _parenthetical(tok, sent)
            if cands is not None:
                s, e = cands
                out.append(Candidate(s, e, "indirect", _phrase(_subject(tok)), (tok.idx, cue_end),  # type: ignore[arg-type]
                                     _date_for(tok, (s, e), sent), 0.8, source="cue"))
            continue
        if clause is None:
            continue
        if tok.lemma_.lower() in NEEDS_CLAUSE and not any(m.lower_ == "that" for m in clause.children):
            continue
        start, end = _clause_span(clause)
        for extra in clauses[1:]:
            s2, e2 = _clause_span(extra)
            start, end = min(start, s2), max(end, e2)
        if start < tok.idx < end:  # 'tactics, which she says are long familiar': the words after the cue
            after = [t for t in clause.subtree if t.i > tok.i and not t.is_punct]
            if not after or tok.i - clause.left_edge.i > 3:
                continue
            start = after[0].idx
        subj = _subject(tok)
        speaker = None
        if subj is not None:
            speaker = _phrase(subj)
            if speaker.start_char >= start and speaker.end_char <= end:
                speaker = None
        date = _date_for(tok, (start, end), sent)
        cue_start = tok.idx
        out.append(Candidate(start, end, "indirect", speaker, (cue_start, cue_end), date,
                             0.85 if speaker is not None else 0.4, source="cue"))
    return out


def _parenthetical(cue: Token, sent: Span) -> tuple[int, int] | None:
    """'Currently, she noted, there are few ...': the sentence on the longer side of the aside."""
    text = sent.doc.text
    aside_start = cue.left_edge.idx
    aside_end = cue.right_edge.idx + len(cue.right_edge.text)
    before = _trim(text, sent.start_char, aside_start)
    after = _trim(text, aside_end, sent.end_char)
    best = after if after[1] - after[0] >= before[1] - before[0] else before
    return best if best[1] - best[0] >= 12 else None


def from_according(sent: Span) -> list[Candidate]:
    out = []
    low = sent.text.lower()
    for phrase in ACCORDING:
        i = low.find(phrase)
        if i < 0:
            continue
        cue_start = sent.start_char + i
        cue_end = cue_start + len(phrase)
        last = sent.doc.char_span(cue_start, cue_end, alignment_mode="expand")
        if last is None:
            continue
        obj = next((t for t in last[-1].children if t.dep_ == "pobj"), None)
        if obj is None:
            obj = next((t for t in sent if t.i > last[-1].i and t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if obj is None:
            continue
        speaker = _phrase(obj)
        phrase_end = max(speaker.end_char, obj.right_edge.idx + len(obj.right_edge.text))
        text = sent.doc.text
        if i == 0 or not text[sent.start_char:cue_start].strip(" ,\"“"):
            start, end = phrase_end, sent.end_char
        else:
            start, end = sent.start_char, cue_start
        start, end = _trim(text, start, end)
        if end - start < 8:
            continue
        out.append(Candidate(start, end, "indirect", speaker, (cue_start, cue_end), None, 0.85, source="according"))
    return out


def _quote_tokens(doc: Doc, q: Quote) -> Span | None:
    return doc.char_span(q.start, q.end, alignment_mode="expand")


def _governing_cue(span: Span) -> Token | None:
    """The cue verb a partial quote hangs from: 'labeled Putin as a "predator"'."""
    node = span.root
    for _ in range(5):
        if node.head.i == node.i or node.dep_ in BOUNDARY_DEPS:
            return None
        node = node.head
        if _is_cue_verb(node) and not (span.start <= node.i < span.end):
            return None if node.lemma_.lower() in NO_PARTIAL else node
        if node.dep_ in ("ROOT",) and not _is_cue_verb(node):
            return None
    return None


def _full_sentence_quote(doc: Doc, q: Quote) -> bool:
    inner = doc.text[q.start:q.end].strip()
    words = inner.split()
    return len(words) >= 4 and (inner[:1].isupper() or inner[:1].isdigit())


def from_quotes(doc: Doc, quotes: list[Quote], body: list[tuple[int, int]],
                cands: list[Candidate]) -> list[Candidate]:
    """Tie each quotation to a statement: direct, mixed, colon-introduced or continuing a run."""
    out = []
    text = doc.text
    for q in quotes:
        span = _quote_tokens(doc, q)
        if span is None:
            continue
        # a cue candidate whose content lies inside (or is) this quote, or whose cue follows it ('"...," he said'):
        # a direct quote
        inside = [c for c in cands if c.source == "cue" and q.open_at - 1 <= c.start and c.end <= q.end + 2]
        if q.close_at is not None and not inside:
            inside = [c for c in cands if c.source == "cue" and c.cue and 0 < c.cue[0] - q.close_at <= 40
                      and not re.search(r"[\n.;:!?\"“”]", text[q.close_at + 1:c.cue[0]])]
        if inside and _full_sentence_quote(doc, q):
            best = max(inside, key=lambda c: c.confidence)
            best.start, best.end, best.kind = q.start, q.end, "direct"
            best.source = "quote"
            for c in inside:
                if c is not best:
                    c.kind = "drop"
            continue
        # a reported clause that contains the quote: mixed
        around = [c for c in cands if c.source in ("cue", "according") and c.start <= q.start and q.end <= c.end + 2
                  and (c.end - c.start) > (q.end - q.start) + 3]
        if around:
            for c in around:
                c.kind = "mixed"
            continue
        sent = span.sent
        full = _full_sentence_quote(doc, q)
        cue = _governing_cue(span)
        if cue is not None and not full:
            subj = _subject(cue)
            if subj is None:
                continue
            cue_end = cue.idx + len(cue.text)
            if cue.idx < q.open_at:  # the cue runs up to the quote: 'emphasized the idea of a "..."'
                cue_end = q.open_at
                while cue_end > cue.idx and text[cue_end - 1] in " \"“":
                    cue_end -= 1
                pre = doc.char_span(cue.idx, cue_end, alignment_mode="expand")
                if pre is not None and len(pre) > 1 and pre[-1].dep_ == "det":
                    cue_end = pre[-1].idx
                while cue_end > cue.idx and text[cue_end - 1] == " ":
                    cue_end -= 1
            out.append(Candidate(q.start, q.end, "mixed", _phrase(subj), (cue.idx, cue_end),
                                 _date_for(cue, (q.start, q.end), sent), 0.75, source="partial"))
            continue
        # introduced by its cue: 'Mr. Barrett said, "we were floored."'
        lead = text[max(0, q.open_at - 80):q.open_at].rstrip(" \"“'")
        if lead.endswith(","):
            comma = doc.char_span(q.open_at - (len(text[max(0, q.open_at - 80):q.open_at]) - len(lead)) - 1,
                                  q.open_at, alignment_mode="expand")
            verb = None
            if comma is not None:
                before = doc[max(comma.start - 6, 0):comma.start]
                verb = next((t for t in reversed(list(before)) if _is_cue_verb(t)), None)
            subj = _subject(verb) if verb is not None else None
            if verb is not None and subj is not None and subj.i < verb.i:
                out.append(Candidate(q.start, q.end, "direct", _phrase(subj), (verb.idx, verb.idx + len(verb.text)),
                                     _date_for(verb, (q.start, q.end), verb.sent), 0.85, source="intro"))
                continue
        if not full:
            continue
        # a colon introduction in the same or the previous sentence: "Vaal told parliament: ..."
        colon = text.rfind(":", max(sent.start_char - 200, 0), q.open_at)
        if colon >= 0 and not text[colon + 1:q.open_at].strip(" \n\"“"):
            intro = doc.char_span(colon, colon + 1, alignment_mode="expand")
            if intro is not None:
                isent = intro.sent
                verb = next((t for t in isent if _is_cue_verb(t)), None)
                subj = _subject(verb) if verb is not None else None
                if subj is None:
                    subj = next((t for t in isent if t.dep_ == "nsubj"), None)
                if subj is not None and _in(body, isent.start_char, isent.end_char):
                    cue_span = (verb.idx, verb.idx + len(verb.text)) if verb is not None else None
                    out.append(Candidate(q.start, q.end, "direct", _phrase(subj), cue_span,
                                         _date_for(verb, (q.start, q.end), isent) if verb is not None else None,
                                         0.85, source="colon"))
                    continue
        out.append(Candidate(q.start, q.end, "direct", None, None, None, 0.6, inherit=True, source="run"))
    return out


def from_dash_paragraphs(doc: Doc, dashes: list[DashParagraph], cands: list[Candidate]) -> list[Candidate]:
    """'– The important thing is ..., she said.' or a bare dash paragraph continuing the speaker before it."""
    out = []
    text = doc.text
    for d in dashes:
        start, end = d.start, d.end
        speaker: Span | None = None
        cue = None
        date = None
        # a trailing attribution: the cue verb of the last sentence whose subject follows a comma
        tail = doc.char_span(start, end, alignment_mode="expand")
        if tail is not None:
            sents = list(tail.sents)  # type: ignore[attr-defined]
            last = sents[-1] if sents else None
            for tok in last or []:
                if not _is_cue_verb(tok):
                    continue
                subj = _subject(tok)
                if subj is None or subj.i > tok.i:
                    continue
                phrase = _phrase(subj)
                comma = text.rfind(",", start, phrase.start_char)
                if comma < 0 or text[comma + 1:phrase.start_char].strip():
                    continue
                speaker, cue, end = phrase, (tok.idx, tok.idx + len(tok.text)), comma
                date = _date_for(tok, (start, end), tok.sent)
                break
        for c in cands:  # cues inside the quoted words, and the attribution's own clause, are not statements
            if c.source == "cue" and c.cue and (start <= c.cue[0] < end or (c.start < end and c.end > start
                                                                              and c.cue[0] < d.end)):
                c.kind = "drop"
        s, e = _trim(text, start, end)
        out.append(Candidate(s, e, "direct", speaker, cue, date, 0.85 if speaker is not None else 0.65,
                             inherit=speaker is None, source="dash"))
    return out


def find_statements(doc: Doc, body: list[tuple[int, int]], published: str | None,
                    resolver: Resolver) -> list[Statement]:
    text = doc.text
    quotes = find_quotes(text, body)
    dashes = find_dash_paragraphs(text, body)
    resolver.quoted = [(q.start, q.end) for q in quotes] + [(d.start, d.end) for d in dashes]
    protected = [(q.start, q.end) for q in quotes if _full_sentence_quote(doc, q)]
    cands: list[Candidate] = []
    for sent in doc.sents:
        stripped = sent.text.strip()
        lead = len(sent.text) - len(sent.text.lstrip())
        if not stripped or not _in(body, sent.start_char + lead, sent.start_char + lead + len(stripped)):
            continue
        cands.extend(from_cue_verbs(sent, protected))
        cands.extend(from_according(sent))
    cands.extend(from_dash_paragraphs(doc, dashes, cands))
    cands.extend(from_quotes(doc, quotes, body, cands))
    cands.extend(from_speaker_labels(doc, body, cands))
    cands = [c for c in cands if c.kind != "drop"]
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return _attribute(doc, _merge_interrupted(text, _dedupe(cands)), resolver, published)


def _merge_interrupted(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'"A," she said. "B."' is one statement: the bare quote after an attributed one in its paragraph."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and c.source == "run" and prev.kind == "direct" and prev.speaker is not None \
                and "\n" not in text[prev.end:c.start] and c.start - prev.end < 160:
            prev.parts = (prev.parts or ((prev.start, prev.end),)) + ((c.start, c.end),)
            prev.end = c.end
            continue
        out.append(c)
    return out


_LABEL = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")


def from_speaker_labels(doc: Doc, body: list[tuple[int, int]], cands: list[Candidate]) -> list[Candidate]:
    """'WALLACE: Let's start ...' in transcripts, 'Kallas: Russia must ...' in headlines."""
    out = []
    text = doc.text
    for ps, pe in paragraphs(text, body):
        m = _LABEL.match(text, ps, pe)
        if not m:
            continue
        label = m.group(1)
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        named = any(t.ent_type_ in ("PERSON", "ORG") for t in span) and all(
            t.ent_type_ or t.is_punct for t in span)
        if not (named or (label.isupper() and len(label) > 2)):
            continue
        if any(c.start < pe and c.end > m.end() for c in cands):
            continue  # the paragraph already holds a statement of its own
        s, e = _trim(text, m.end(), pe)
        if e - s >= 12:
            out.append(Candidate(s, e, "direct", span, (m.end(1), m.end(1) + 1 + text[m.end(1):m.end()].find(":")),
                                 None, 0.75, source="label"))
    return out


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        dup = next((o for o in out if abs(o.start - c.start) <= 5 and abs(o.end - c.end) <= 5), None)
        if dup is None:
            out.append(c)
        elif c.confidence > dup.confidence or (dup.speaker is None and c.speaker is not None):
            out[out.index(dup)] = c
    return out


def _name_for(speaker: Span, resolver: Resolver, recent: list[str]) -> tuple[str | None, float]:
    root = speaker.root
    if len(speaker) == 1 and root.lower_ in RELATIVE:
        head = root.head
        while head.dep_ not in ("relcl",) and head.head.i != head.i:
            head = head.head
        ante = head.head if head.dep_ == "relcl" else None
        if ante is None:
            return None, 0.0
        name = resolver.name_in(_phrase(ante))
        return name, 0.8
    if len(speaker) == 1 and root.lower_ in PRONOUNS:
        return resolver.resolve_pronoun(root.lower_, speaker.start_char, recent), 0.8
    name = resolver.name_in(speaker)
    if name:
        if root.lemma_.lower() in SOURCE_NOUNS:
            resolver.note_source(speaker, name)
        return name, 1.0
    role = resolver.resolve_role(speaker)
    return role, 0.75


def _attribute(doc: Doc, cands: list[Candidate], resolver: Resolver, published: str | None) -> list[Statement]:
    text = doc.text
    pub_day = published[:10] if published and len(published) >= 10 else published
    out: list[Statement] = []
    history: list[tuple[int, str, TextSpan | None]] = []  # (end, speaker, mention) of statements so far
    for c in cands:
        name: str | None = None
        factor = 1.0
        speaker_span: TextSpan | None = None
        near = [h for h in reversed(history) if text[h[0]:c.start].count("\n") <= 2 and c.start - h[0] < 600]
        recent = list(dict.fromkeys(h[1] for h in near))
        if c.speaker is not None:
            name, factor = _name_for(c.speaker, resolver, recent)
            speaker_span = TextSpan.of(text, c.speaker.start_char, c.speaker.end_char)
        elif c.inherit:
            # a run continues its speaker; a person before an organisation nested in the same report
            pick = next((h for h in near if resolver.labels.get(h[1]) == "PERSON"), near[0] if near else None)
            if pick is not None:
                name, speaker_span = pick[1], pick[2]
                factor = 0.85
            else:
                name = _nearest_person_subject(doc, resolver, c.start)
                factor = 0.7
                if name is None:
                    continue  # an unattributed quote: nobody to credit
        while c.end > c.start and text[c.end - 1] in ", ":  # '"... night," Lund said': the comma is the writer's
            c.end -= 1
        said = resolve_date(c.date_text, published) if c.date_text else None
        conf = c.confidence * factor if name else min(c.confidence, 0.4)
        st = Statement(TextSpan.of(text, c.start, c.end), speaker_span, name,
                       TextSpan.of(text, *c.cue) if c.cue else None, c.kind, said or pub_day, round(conf, 3),
                       c.parts)
        out.append(st)
        if name:
            history.append((c.end, name, speaker_span))
    return out


def _nearest_person_subject(doc: Doc, resolver: Resolver, before: int) -> str | None:
    """The person the paragraph before a bare quote is about: its last named or pronoun subject."""
    text = doc.text
    para_start = text.rfind("\n", 0, before)
    prev_start = text.rfind("\n", 0, max(para_start, 0))
    window = doc.char_span(max(prev_start, 0), max(para_start, 0), alignment_mode="expand")
    if window is None:
        return None
    for tok in reversed(list(window)):
        if tok.dep_ in ("nsubj", "pobj") and (tok.ent_type_ == "PERSON" or tok.lower_ in ("she", "he", "her", "him")):
            if tok.lower_ in PRONOUNS:
                name = resolver.resolve_pronoun(tok.lower_, tok.idx, [])
            else:
                name = resolver.name_in(_phrase(tok))
            if name:
                return name
    return None
