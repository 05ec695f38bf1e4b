"""Real roles of a person, from titles before a name and appositions after it, each with its offsets and
the organisation or state it ties the person to ('Ukraine's defence minister' -> Ukraine).

The resolver learns every title-like phrase to match 'the minister' back to a person; only the ones
that end in a role noun, without honorifics, ages, names or numbers, are stored as the actor's roles.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..types import Role
from ..vocab.en import HONORIFICS, PERSON_ROLES

MAX_WORDS = 7
_LEAD = {"the", "a", "an", "then", "now", "current"}


def qualifies_group(root: Token) -> bool:
    """'both EU and Ukrainian officials': the name qualifies a group of unnamed people, who are no one's
    voice (the guideline's 'analysts', 'two senior administration officials')."""
    if root.ent_type_ != "PERSON" and any(c.tag_ == "NNS" and c.lemma_.lower() in PERSON_ROLES and _named_kind(c)
                                          for c in root.conjuncts):
        return True  # parsed as 'EU' and 'Ukrainian officials'; 'Chancellor X and other officials' keeps X
    head = root.head
    return root.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.tag_ == "NNS" and not head.ent_type_ and (
        head.i > root.i) and head.lemma_.lower() in PERSON_ROLES


def _named_kind(group: Token) -> bool:
    """'Ukrainian officials': the group is qualified by a name, as the conjunct before it is."""
    return any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP", "ORG") for c in group.lefts)


def real_role(tokens: Sequence[Token], owners: dict[int, str]) -> Role | None:
    """The role these tokens give, trimmed to it; None for what only looks like one ('Mr', '71-year-old Mr',
    'the $95 billion aid package President', 'the British government'). ``owners`` maps a token index to the
    actor a mention there names."""
    toks = list(tokens)
    while toks and (toks[0].lower_ in _LEAD or toks[0].lower_.rstrip(".") in HONORIFICS and len(toks) > 1
                    and toks[0].lower_.rstrip(".") not in PERSON_ROLES or toks[0].like_num
                    or "year-old" in toks[0].lower_ or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks or len(toks) > MAX_WORDS or toks[-1].lemma_.lower() not in PERSON_ROLES:
        return None
    if any(t.like_num or t.is_currency or t.ent_type_ == "PERSON" or t.text in ("-", "–", "—", "|", "(", ")")
           for t in toks):
        return None
    if len(toks) == 1 and toks[0].lower_.rstrip(".") in HONORIFICS and toks[0].lower_ not in PERSON_ROLES:
        return None
    doc = toks[0].doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    of = next((owners[t.i] for t in toks if t.i in owners), None)
    return Role(doc.text[start:end], start, end, of)
