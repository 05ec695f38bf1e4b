"""Figures that are not counts of a noun: a share of a whole ('80% of the valley'), a change or a level of a
market or a price ('the index lost 3%', 'a record high of $41.50'), the members of a body ('a 12-nation council')."""

from __future__ import annotations

from spacy.tokens import Token

from .anchors import Num
from .phrases import GENERIC_VERBS, gerund, holder_subject, np_tokens, participle, phrase_text, plural_forms

RISE_VERBS = frozenset("rise climb grow increase gain jump soar surge rally advance add double".split())


FALL_VERBS = frozenset("fall drop lose decline slide slump plunge tumble sink dip shed decrease".split())


LEVEL_NOUNS = frozenset("high low record peak level".split())


def total_of(subj: Token) -> list[Token]:
    """'the number of refugees' -> 'refugees'; 'the price of Brent crude' stays whole."""
    toks = np_tokens(subj)
    if subj.lemma_.lower() in ("number", "total", "tally", "count", "toll"):
        of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return [t for t in toks if t.i > of.i]
    return [t for t in toks if t.dep_ != "det"]


def change_of(num: Num) -> str | None:
    """A market's or a price's move ('lost 2%', 'was off 1.2%', 'fell by 3%') or the level it reached
    ('soared to a seven-year high of $95.46'): 'fall in the Nikkei', 'price of Brent crude'."""
    root, doc = num.tokens.root, num.tokens.doc
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in LEVEL_NOUNS:
        level = head.head
        verb = level.head.head if level.dep_ == "pobj" and level.head.dep_ == "prep" else None
        subj = holder_subject(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        return phrase_text(doc, total_of(subj)) if subj is not None and subj.pos_ != "PRON" else None
    if not num.percent or any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return None  # '15% of its capacity': a share
    verb, word = None, None
    if root.dep_ in ("dobj", "npadvmod") and head.pos_ == "VERB" or root.dep_ == "pobj" and head.lower_ == "by":
        verb = head if head.pos_ == "VERB" else head.head
        lemma = verb.lemma_.lower()
        word = "rise" if lemma in RISE_VERBS else "fall" if lemma in FALL_VERBS else None
    elif head.lower_ in ("up", "down", "off") and head.head.lemma_ == "be":  # 'the market was off 1.2%'
        verb, word = head.head, "rise" if head.lower_ == "up" else "fall"
    if verb is None or word is None:
        return None
    subj = holder_subject(verb)
    if subj is None or subj.pos_ == "PRON":
        return None
    return f"{word} in {phrase_text(doc, total_of(subj))}"


def members_of(noun: Token) -> str | None:
    """A count glued to the noun of a body it describes ('a 35-nation board', 'the 27-member bloc'): its members."""
    doc, body = noun.doc, noun.head
    if noun.dep_ != "compound" or body.pos_ != "NOUN" or noun.i == 0 or doc[noun.i - 1].text not in ("-", "‑"):
        return None
    toks = [t for t in body.subtree if t.i > noun.i and not t.is_punct][:8]
    owner = [t for c in body.children if c.dep_ == "poss" for t in c.subtree]
    forms = plural_forms(noun)
    plural = forms.get(noun.i, noun.text)
    return f"{plural} of {phrase_text(doc, owner + toks)}"


def share_of(num: Num) -> str | None:
    """'80% of the country lives below the poverty line' -> 'share of the country living below the poverty line'."""
    root = num.tokens.root
    of = next((c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if whole is None or whole.lower_ in ("it", "them", "this", "that", "which"):
        return None
    doc = root.doc
    toks = [t for t in whole.subtree if t.dep_ not in ("punct", "relcl", "appos")][:12]
    text = "share of " + phrase_text(doc, toks)
    verb = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_.lower() not in GENERIC_VERBS:
        rest = [t for c in verb.children if c.dep_ in ("prep", "dobj", "xcomp", "acomp", "prt", "neg")
                for t in c.subtree if not t.is_punct][:10]
        text += " " + " ".join([gerund(verb)] + [t.text for t in sorted(rest, key=lambda t: t.i)])
    elif root.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in GENERIC_VERBS:
        left, right = [t for t in toks if t.i <= whole.i], [t for t in toks if t.i > whole.i]
        right += [t for c in verb.children if c.dep_ == "prep" and c.i > root.i and not any(
            g.ent_type_ in ("DATE", "TIME") for g in c.subtree) for t in c.subtree if not t.is_punct][:8]
        text = " ".join(x for x in ("share of", phrase_text(doc, left), participle(verb), phrase_text(doc, right))
                        if x)  # 'has lost 15% of its capacity in the war': the share lost in the war
    return text
