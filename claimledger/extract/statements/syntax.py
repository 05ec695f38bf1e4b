"""The parse around a cue: is a token a cue verb, who is its subject, which phrase names the speaker,
where does the reported clause end, which date belongs to the cue."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...vocab.en import CALENDAR_WORDS, HYPOTHETICAL, META_NOUNS, PRONOUNS, RELATIVE, SPEECH_VERBS
from ..text import text_of
from .candidate import is_break, word_end

SUBJECT_DEPS = ("nsubj",)
FINITE_TAGS = ("VBD", "VBZ", "VBP")
OPEN_MARKS, CLOSE_MARKS = "“\"„«", "”\"“»"
INHERIT_DEPS = ("conj", "advcl", "xcomp")
CONCESSIVE = ("as", "while", "although", "though")  # ', although he added that ...': a second report
# crossing one of these on the way up from a quote leaves the cue's own argument structure
BOUNDARY_DEPS = ("relcl", "appos", "nsubj", "nsubjpass", "advcl", "csubj")


def is_cue_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS and not any(
        c.dep_ == "neg" for c in tok.children) and not hypothetical(tok)


def hypothetical(verb: Token) -> bool:
    """Speech that has not happened: 'will ask', 'could stress', 'if he warned': not a statement (guideline 1)."""
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in verb.children):
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def subject(verb: Token, depth: int = 0) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1 and subjects[1].pos_ == "PROPN" and subjects[1].left_edge.i == subjects[0].right_edge.i + 1:
        return subjects[1]  # 'the news agency Itar-Tass said': the name the parser made a second subject
    if subjects:
        return subjects[0]
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    reporter = _reporter(verb)
    if reporter is not None and depth < 3:  # 'X said that S but accused China of ...': X accused
        return subject(reporter, depth + 1)
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and depth < 3:
        found = subject(verb.head, depth + 1)
        if found is not None or verb.tag_ != "VBG" or verb.dep_ != "advcl":
            return found
        node = verb.head  # '... the dangers of yielding land while questioning X': the clause's own doer
        for _ in range(4):
            node = node.head
            if node.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in node.children):
                return subject(node, depth + 1)
            if node.head.i == node.i:
                return None
        return None
    # 'issued a statement declaring ...', 'responded by saying ...': the participle's doer is the verb's
    up = verb.head.head if verb.dep_ in ("acl", "pcomp") and verb.tag_ == "VBG" else None
    if up is not None and up.pos_ in ("VERB", "AUX") and verb.head.dep_ in ("dobj", "prep") and depth < 3:
        return subject(up, depth + 1)
    return None


def _reporter(verb: Token) -> Token | None:
    """The cue verb whose reported clause a speech verb continues: 'X said that S but accused ...', 'X said
    that S, suggesting T' (the parser hangs the participle on S; the guideline gives it to X)."""
    if verb.lemma_.lower() not in SPEECH_VERBS or not (
            verb.dep_ == "conj" or (verb.tag_ == "VBG" and verb.dep_ == "advcl")):
        return None
    node = verb.head
    for _ in range(3):
        if node.dep_ == "ccomp":
            return node.head if is_cue_verb(node.head) else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def phrase(tok: Token) -> Span:
    """The noun phrase of a speaker: the token with its modifiers, without relative clauses or appositions."""
    doc = tok.doc
    if tok.lower_ in PRONOUNS | RELATIVE:
        return doc[tok.i:tok.i + 1]
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("prep", "compound", "nmod") or (c.dep_ == "appos" and (c.ent_type_ in ("ORG", "PERSON")
                                                                  or c.pos_ == "PROPN")):
            right = max(right, c.right_edge.i)
        elif c.dep_ == "punct" and c.text == ")" and right == c.i - 1:
            right = c.i
        elif c.dep_ != "punct" or c.text != ",":
            break
    while right > left and doc[right].dep_ == "punct" and doc[right].text != ")":
        right -= 1
    return doc[left:right + 1]


def date_for(verb: Token, content: tuple[int, int], sent: Span) -> str | None:
    """The DATE entity outside the content that hangs from the cue verb ('said on Monday'), or from a participle
    of it ('Speaking to the BBC on Wednesday, X said'); else a month or weekday the tagger missed ('said in May')."""
    for ent in sent.ents:
        if ent.label_ != "DATE" or content[0] <= ent.start_char < content[1]:
            continue
        node, hops = ent.root, 0
        while node.head.i != node.i and hops < 4 and node.i != verb.i:
            node = node.head
            hops += 1
            participle = node.tag_ == "VBG" and node.head.i == verb.i and hops <= 2  # 'Speaking ... on Monday'
            if node.pos_ == "VERB" and node.i != verb.i and not participle:
                break
        if node.i == verb.i:
            return ent.text
    for prep in verb.children:  # 'said in May that ...': 'May' read as a modal or a name
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
        if obj is not None and prep.lower_ in ("in", "on") and obj.lower_ in CALENDAR_WORDS and obj.is_title and \
                not content[0] <= obj.idx < content[1]:
            return f"{prep.text} {obj.text}"
    return None


def clause_span(clause: Token) -> tuple[int, int]:
    """The clause's subtree, without a trailing apposition ('—a figure likely to ...', ', a statement that ...'),
    which is the writer's comment on the claim, not the claim."""
    first = clause.left_edge
    if first.dep_ == "mark" and first.lower_ == "that" and first.head.i == clause.i and first.i + 1 < len(clause.doc):
        first = clause.doc[first.i + 1]  # the complementizer is not the claim: 'said that S' -> S
    start = first.idx
    right = clause.right_edge.i
    for t in clause.subtree:
        if t.i <= clause.i or t.i > right:
            continue
        if t.dep_ == "conj" and is_cue_verb(t) and t.tag_ in FINITE_TAGS and t.head.tag_ != "VBN" and not any(
                c.dep_ in SUBJECT_DEPS for c in t.children):
            right = _before_conjunction(clause.doc, t)  # '... and accused the US of ...': a second report
            break
        if _second_report(t):  # '..., as he warned of ...', '..., but warned that ...'
            right = _before_conjunction(clause.doc, t)
            break
        if _time_anchor(t) and t.head.right_edge.i >= right and t.i > clause.i:
            first = t.left_edge  # '... security initiative days after it released a plan': the writer's
            misparsed = any(x.dep_ in ("compound", "poss") for x in clause.doc[first.i:t.i])
            right = (t.i if misparsed else first.i) - 1
            break
        prev = t.left_edge.i - 1
        if prev <= clause.left_edge.i or not is_break(clause.doc[prev]):
            continue
        # ', a statement that underlined ...', '—a figure likely to ...': a noun naming the claim itself
        meta = t.lemma_.lower() in META_NOUNS and t.left_edge.dep_ == "det"
        # ', a key arms-control pact' glossing the last noun; '— using the same term as ...': the writer's
        gloss = t.dep_ == "appos" and t.right_edge.i >= right and t.left_edge.dep_ == "det"
        # '— using the same term as ...' after a dash; after a comma a participle goes on with the claim
        aside = t.dep_ == "advcl" and t.tag_ == "VBG" and t.right_edge.i >= right and clause.doc[prev].text != ","
        # '..., which together with Luhansk makes up the Donbas': the writer glossing a place or a name;
        # '..., which Peskov said had ...', '..., which was reportedly ...': another's report, the writer's hedge
        gloss = gloss or (t.right_edge.i >= right and (_names_gloss(t) or _reported_aside(t)))
        gloss = gloss or (t.lower_ == "something" and t.right_edge.i >= right)  # ', something X avoids saying'
        if (meta and t.dep_ in ("appos", "dobj", "npadvmod", "attr", "conj")) or gloss or aside:
            right = prev - 1
            break
    if clause.doc[right].pos_ == "CCONJ":  # 'one woman was killed and two more injured': the parse cut short
        right = _coordinated_end(clause, right)
    end_tok = clause.doc[right]
    text = text_of(clause.doc)
    end = word_end(text, end_tok.idx + len(end_tok.text))
    opened = sum(text[start:end].count(m) for m in "“„«") - sum(text[start:end].count(m) for m in "”»")
    if opened > 0 or text[start:end].count('"') % 2:  # 'had reached "unprecedented levels."': close the quote
        close = re.match(r"[.,!?]?[”\"»]", text[end:end + 2])
        end += close.end() if close else 0
    if text[start:start + 1] in OPEN_MARKS and text[end - 1:end] in CLOSE_MARKS and end - start > 2:
        start, end = start + 1, end - 1  # 'warned that "S"': the words, as a direct quote's are
    return start, end


def _time_anchor(t: Token) -> bool:
    """'days after it released ...', 'hours before the vote': the writer placing the claim in time."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return t.dep_ == "npadvmod" and t.lemma_.lower() in ("day", "week", "month", "hour", "year") and \
        nxt is not None and nxt.lower_ in ("after", "before") and t.head.dep_ == "advcl"


def _names_gloss(t: Token) -> bool:
    """', which together with Luhansk makes up the Donbas': a relative clause on a place or a name."""
    head = t.head
    named = head.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)
    return t.dep_ == "relcl" and named and t.left_edge.lower_ in ("which", "who")


def _reported_aside(t: Token) -> bool:
    """A relative clause after a comma that holds a report of its own or the writer's 'reportedly'."""
    return t.dep_ in ("relcl", "acl") and any(x.lower_ == "reportedly" or (is_cue_verb(x) and x.i != t.i) or (
        is_cue_verb(x) and any(c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE for c in x.children))
        for x in t.subtree)


def _second_report(t: Token) -> bool:
    """A speech verb after a comma that starts another report of the same speaker, whatever the parser made
    of it: ', as he warned ...', ', while stressing ...', ', but warned nations should ...'."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in SPEECH_VERBS or any(c.dep_ == "neg" for c in t.children):
        return False
    doc = t.doc
    first = t.left_edge if t.dep_ == "advcl" else t
    before = [doc[i] for i in range(max(first.i - 2, t.sent.start), first.i)]
    if t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "conj") and before and before[-1].text == "," and \
            first.i == t.i:
        return True  # ', suggesting they would not leave': the participle is a statement of its own
    if t.dep_ == "advcl" and first.lower_ in CONCESSIVE and before and before[-1].text == ",":
        subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]  # the same speaker again: 'he', or none
        return t.tag_ != "VBN" and all(c.pos_ == "PRON" and c.dep_ == "nsubj" for c in subj)
    return len(before) == 2 and before[0].text == "," and before[1].lower_ in ("and", "but") and t.tag_ in (
        "VBD", "VBN") and t.i + 1 < len(doc) and not doc[t.i + 1].is_punct


def _before_conjunction(doc: Doc, conj: Token) -> int:
    right = conj.left_edge.i - 1
    while right > 0 and (doc[right].pos_ == "CCONJ" or doc[right].is_punct):
        right -= 1
    return right


def _coordinated_end(clause: Token, right: int) -> int:
    """The sentence's end when the clause stops on a conjunction, unless another cue takes over there."""
    sent = clause.sent
    end = sent.end - 1
    while end > right and (sent.doc[end].is_punct or sent.doc[end].is_space):
        end -= 1
    rest = sent.doc[right + 1:end + 1]
    if not len(rest):
        return right - 1
    cue = next((t for t in rest if is_cue_verb(t)), None)
    if cue is None:
        gloss = next((t for t in rest if _names_gloss(t) and sent.doc[t.left_edge.i - 1].text == ","), None)
        return gloss.left_edge.i - 2 if gloss is not None else end
    # '... were tortured and in some cases subjected to X, the UN office said': up to the comma before the cue
    comma = next((t for t in reversed(sent.doc[right + 1:cue.i]) if t.text == ","), None)
    if comma is None or comma.i <= right + 2:
        return right - 1
    return comma.i - 1


def finite(clause: Token) -> bool:
    """A clause of its own: a subject, a tensed verb, a modal, or 'that' before it (when the tagger has lost
    the subject: 'that Kyiv "might" consider', with 'Kyiv' read as an adjective)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") or (c.dep_ == "aux" and c.tag_ == "MD")
               or (c.dep_ == "mark" and c.lower_ == "that") for c in clause.children) or \
        clause.tag_ in ("VBD", "VBZ", "VBP", "MD")
