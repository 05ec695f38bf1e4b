"""What a figure counts, from the syntax around it: the noun it numbers, the verb that noun is the subject
or object of ("have been killed", "pledged"), and the phrases that give period and group."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ...vocab.en import (
    CIVILIAN_NOUNS,
    FRACTIONS,
    MEASURE_OF,
    PERIOD_NOUNS,
    PERIOD_PREPS,
    TOTAL_NOUNS,
)
from ...vocab.names import demonym
from .anchors import Num, measure_dimension, measure_unit
from .phrases import GENERIC_VERBS, holder_subject, np_tokens, participle, phrase_text, plural_forms
from .shares import change_of, members_of, share_of, total_of

MEASURE_ORDER = ("killed", "wounded", "missing", "displaced", "captured", "destroyed", "damaged", "spent", "pledged",
                 "received", "fired", "aid")


OWN = "(own)"  # the group of 'its soldiers', 'our losses': the claimant's side


class Counted(NamedTuple):
    counted: str | None  # 'Ukrainian soldiers killed'
    measure: str | None  # killed | wounded | ... (MEASURES)
    group: str | None  # whose: 'Ukrainian', 'both', 'civilians'
    period: str | None  # 'since the invasion'
    unit_noun: str | None  # the lemma of the counted noun, for the unit


def counted_of(doc: Doc, num: Num) -> Counted:
    root = num.tokens.root
    noun = head_noun(root)
    length = _measured_thing(num)
    if length is not None:  # 'the 1,000-kilometer border': the length of the border, not a count of borders
        return Counted(length, None, None, None, None)
    change = change_of(num) if num.percent or num.currency else None
    if change is not None:  # 'the Nikkei lost 2%', 'soared to a high of $95.46': a change, or a level, of what
        return Counted(change, None, None, None, None)
    share = share_of(num) if num.percent else None
    if share is not None:  # 'more than half of those detained reported torture': a share, not a count of those
        whole = list(num.tokens.root.subtree)  # 'of the pledges': a share's measure is its whole's, not its verb's
        return Counted(share, _normal_measure(_measure_words(whole)), _group(whole, num.tokens.sent.text), None,
                       None)
    glued = num.tokens[-1] if len(num.tokens) > 2 and num.tokens[-2].text in ("-", "‑") else None
    members = members_of(glued) if glued is not None and glued.pos_ == "NOUN" else None
    if members is not None:  # 'the 35-nation board of governors': the nations on the board
        return Counted(members, None, None, None, glued.lemma_.lower() if glued is not None else None)
    put = _put_at(root) if noun is None else None
    noun = noun or put
    if noun is not None:
        words, verb, unit_noun = _noun_words(noun, num), _verb_of_noun(doc, noun), noun.lemma_.lower()
        if verb is None and noun.head.head.i == root.i:  # '300 of its soldiers died': the number's verb
            verb = _verb_of_number(root)
    else:
        words, verb, unit_noun = (_money_words(root) if num.currency else []), _verb_of_number(root), None
    measure_src = list(words)
    if verb is not None and put is None:
        words, more = _with_verb(root, noun, verb, words)
        measure_src += more
    measure = _normal_measure(_measure_words(measure_src))
    clause = verb.sent.text if verb is not None else num.tokens.sent.text
    span_text = doc[num.tokens.start:verb.right_edge.i + 1].text if verb is not None and verb.i > root.i else clause
    group = _group(_owner(verb, noun) + words + ([verb] if verb is not None else []), span_text)
    if group is None and noun is not None and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our")
                                                  for c in noun.children):
        group = OWN  # '9,000 of its soldiers': the claimant's own side, which the caller knows
    counted = _counted_phrase(doc, num, words, _plural_of(num, noun))
    among = _whole_of(noun) if noun is not None else []
    if counted and among:  # '864 cases of detention - 763 men, 94 women': men among the cases of detention
        counted += " among " + phrase_text(doc, among)
    return Counted(counted, measure, group, _period(doc, noun, verb), unit_noun)


def _whole_of(noun: Token) -> list[Token]:
    """The counted whole a list of parts belongs to: '864 cases, including 94 women', '864 cases - 763 men'."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:  # '763 men, 94 women and seven boys'
        first = first.head
    whole = first.head.head if first.dep_ == "pobj" and first.head.lower_ == "including" else \
        first.head if first.dep_ == "appos" else None
    if whole is not None and whole.pos_ in ("VERB", "AUX"):  # 'documented 120 cases ..., including 90 men'
        whole = next((c for c in whole.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"
                      and any(g.dep_ == "nummod" for g in c.children)), None)
    if whole is None or whole.pos_ not in ("NOUN", "PROPN") or whole.i >= noun.i:
        return []
    return [t for t in np_tokens(whole) if t.dep_ not in ("det", "punct", "nummod") and not t.like_num][:8]


# what a measure in a compound gives of the thing it modifies: 'a 1,000-kilometer border', 'a 600-mile front'
DIMENSIONS = ("length", "area")


def _measured_thing(num: Num) -> str | None:
    """'the 1,000-kilometer Ukrainian-Belarusian border' -> 'length of the Ukrainian-Belarusian border'."""
    toks = list(num.tokens)
    unit = next((u for t in reversed(toks) if (u := measure_unit(t)) is not None), None)
    last = toks[-1]
    thing = last.head if last.dep_ in ("amod", "compound", "nmod") and last.head.i > last.i else None
    if unit is None or measure_dimension(unit) not in DIMENSIONS or thing is None or \
            thing.pos_ not in ("NOUN", "PROPN") or "-" not in num.tokens.text:
        return None
    after = max([last.i] + [t.i for t in thing.doc[last.i:thing.i] if t.text == ")"])  # past '(621-mile)'
    mods = [t for t in thing.lefts if t.i > after and t.dep_ in ("amod", "compound", "nmod")]
    words = [t.text for t in sorted(mods + [thing], key=lambda t: t.i)]
    return f"{measure_dimension(unit)} of " + " ".join(words).replace(" - ", "-")


def head_noun(tok: Token) -> Token | None:
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
    return None


def _noun_words(noun: Token, num: Num) -> list[Token]:
    """The counted noun with its modifiers, the 'of' phrase of a total, and short 'for'/'to'/'in' phrases."""
    mods = [t for t in noun.subtree if t.i < noun.i and t.i < num.tokens.start and t.dep_ in
            ("amod", "compound", "nmod", "poss") and t.lower_ not in ("the", "a")]
    mods += [t for t in noun.lefts if t.i >= num.tokens.end and t.dep_ in ("amod", "compound", "nmod")]
    words = _own_mods(noun, num, mods) + [noun]
    if noun.lemma_.lower() in TOTAL_NOUNS or noun.lemma_.lower() in FRACTIONS:
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            words += [t for t in of.subtree if t.dep_ not in ("det", "punct", "cc") and t.i != of.i]
    for c in noun.rights:  # 'aid for the Tarn Valley', '40% of the pledges', 'boys among the detainees'
        if c.dep_ == "prep" and c.lower_ in SCOPE_PREPS:
            sub = list(c.subtree)
            if len(sub) <= 8 and not any(t.ent_type_ in ("DATE", "TIME") for t in sub):
                words += [t for t in sub if t.dep_ not in ("det", "punct")]
        elif c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VBG") and c.i > noun.i:
            words += _participle_phrase(c)  # 'inmates freed by gangs', 'refineries put into trusteeship'
    return words


def _put_at(root: Token) -> Token | None:
    """'put Russian casualties at 70,000', 'estimated the toll at 500': the object the number is the size of."""
    if root.dep_ != "pobj" or root.head.lower_ != "at" or root.head.head.pos_ != "VERB":
        return None
    obj = next((c for c in root.head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    return obj if obj is not None and obj.i < root.i else None


def _own_mods(noun: Token, num: Num, mods: list[Token]) -> list[Token]:
    """'1.2 million Russian and 600,000 Ukrainian casualties': a modifier after a number is that number's;
    one before every number ('Ostmark's 9,000 soldiers and 300 tanks') is shared."""
    others = [t.i for t in noun.subtree if t.like_num and not (num.tokens.start <= t.i < num.tokens.end)]
    if not others:
        return mods
    keep = []
    for m in mods:
        if m.like_num:
            continue
        before = [i for i in others + [num.tokens.start] if i < m.i]
        if not before or max(before) == num.tokens.start:
            keep.append(m)
    return keep


SCOPE_PREPS = frozenset("of for to in among from along at on against across inside near".split())


SOURCING_PREPS = frozenset({"according", "citing", "per"})  # 'according to U.K. officials': who says, not what


def _participle_phrase(verb: Token) -> list[Token]:
    """A participle after the counted noun with its agent, particle and short prepositional phrases."""
    out = [verb] + [t for t in verb.children if t.dep_ in ("advmod", "neg") and t.i < verb.i]
    for c in verb.children:
        if c.dep_ in ("agent", "prt", "prep", "dobj") and c.i > verb.i and c.lower_ not in SOURCING_PREPS:
            sub = list(c.subtree)
            if len(sub) <= 8 and not any(t.ent_type_ in ("DATE", "TIME") for t in sub):
                out += [t for t in sub if t.dep_ not in ("det", "punct")]
    return out


def _verb_of_noun(doc: Doc, noun: Token) -> Token | None:
    """The verb the counted noun is an argument of; a participle after it when the parse missed one."""
    verb = None
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
                return t
    return verb


def _verb_of_number(root: Token) -> Token | None:
    """A number with no noun: the verb it is an argument of ('amount to nearly 1.8 million')."""
    head = root.head
    if head.pos_ in ("VERB", "AUX") and root.dep_ in ("dobj", "attr", "pobj", "npadvmod", "nsubj"):
        return head
    if head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # 'amount to nearly 1.8 million', 'put the toll at 700'
    return None


def _money_words(root: Token) -> list[Token]:
    words: list[Token] = []
    for c in root.rights:  # '€2.4bn in reconstruction aid for the valley'
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "for", "on"):
            words += [t for t in c.subtree if t.dep_ not in ("det", "punct") and t.ent_type_ != "DATE"
                      and t.i != c.i]  # 'military aid', not 'in military aid'
    return words


def _with_verb(root: Token, noun: Token | None, verb: Token,
               words: list[Token]) -> tuple[list[Token], list[Token]]:
    """(the counted words with what the verb adds, the words the measure is read from besides them)."""
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ")
                      and c.lower_ != verb.lower_ and not any(g.dep_.startswith("nsubj") for g in c.children)]
    more = list(verbs)
    if (noun is None or noun.dep_ not in ("dobj",)) and verb.lemma_.lower() in AMOUNT_VERBS:
        subj = holder_subject(verb)  # 'losses amount to 1.8 million people': the losses are counted
        held = noun is None or noun.dep_ == "pobj" and noun.head.lower_ in TOTAL_PREPS
        if subj is not None and subj.pos_ != "PRON" and held and subj.i < root.i:
            words = total_of(subj)
            more += words
    part = [v for v in verbs if v.lemma_.lower() in MEASURE_OF]
    if part and noun is None:
        words = words + part  # '£2.3bn in military aid pledged'
    elif part and noun is not None and (verb.i > noun.i or noun.dep_ in ("nsubj", "nsubjpass")):
        words = words + part  # 'soldiers killed, wounded'
    elif noun is not None and (verb.lemma_.lower() in MEASURE_OF or noun.dep_ in ("dobj", "nsubjpass", "nsubj")
                               and verb.lemma_.lower() not in GENERIC_VERBS and verb.pos_ == "VERB"):
        words = words + [verb]  # 'refineries put into trusteeship', 'people crossed into Poland'
    elif noun is not None and noun.dep_ == "nsubj" and verb.lemma_ == "be":
        words = words + _predicate(verb)  # 'inhabitants are at risk of unemployment'
    return words, more


def _predicate(copula: Token) -> list[Token]:
    """What a counted subject is said to be: 'at risk of unemployment', 'without power'."""
    for c in copula.children:
        if c.dep_ in ("prep", "acomp") and c.i > copula.i:
            sub = [t for t in c.subtree if not t.is_punct]
            if len(sub) <= 8 and not any(t.ent_type_ in ("DATE", "TIME") for t in sub):
                return sub
    return []


# verbs whose subject is what the number totals: 'losses amount to', 'the toll rose to', 'the number is'
AMOUNT_VERBS = frozenset("""amount reach total stand rise climb fall grow increase decrease drop exceed top hit
surpass be become remain double jump gain lose slide slump plunge soar surge tumble edge shed sink dip""".split())


def _period(doc: Doc, noun: Token | None, verb: Token | None) -> str | None:
    """'since the invasion', 'during 2024': on the verb, else on the noun, else anywhere under the verb."""
    if verb is not None:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in PERIOD_PREPS and any(t.ent_type_ == "DATE" or t.lower_ in
                                                                    PERIOD_NOUNS for t in c.subtree):
                return doc[c.i:c.right_edge.i + 1].text
    period = None
    if noun is not None:
        for c in noun.rights:
            if c.dep_ in ("prep", "acl") and c.lower_ in PERIOD_PREPS and any(
                    t.ent_type_ == "DATE" for t in c.subtree):
                period = doc[c.i:c.right_edge.i + 1].text
    if verb is not None and period is None:  # 'killed in fighting since Russia's invasion'
        for t in verb.subtree:
            if t.dep_ == "prep" and t.lower_ == "since":
                return doc[t.i:t.right_edge.i + 1].text
    return period


TOTAL_PREPS = frozenset("to at of by around near".split())  # 'losses amount to', 'the toll stands at'
LOSS_VERBS = frozenset("lose suffer sustain incur have take".split())  # 'Russia has had 70,000 casualties'


def _owner(verb: Token | None, noun: Token | None) -> list[Token]:
    """'Veloria has lost 50,000 men': the subject of a loss is whose the figure is."""
    obj = noun
    while obj is not None and obj.dep_ == "appos" and obj.head.i != obj.i:  # 'suffered losses - 300,000 casualties'
        obj = obj.head
    if obj is not None and obj.dep_ == "dobj" and obj.head.pos_ in ("VERB", "AUX"):
        verb = obj.head
    if verb is not None and verb.lemma_.lower() in LOSS_VERBS and obj is not None and obj.dep_ == "dobj":
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.ent_type_ in ("GPE", "NORP", "ORG") or subj.pos_ == "PROPN"):
            return [subj]
    return []


def _plural_of(num: Num, noun: Token | None) -> dict[int, str]:
    """'one woman was killed' counts women killed: the counted noun named in the plural, as a class."""
    if noun is None or noun.tag_ != "NN" or num.currency or num.percent or num.tokens.root.head.i != noun.i:
        return {}
    return plural_forms(noun)


def _counted_phrase(doc: Doc, num: Num, words: list[Token], forms: dict[int, str] | None = None) -> str | None:
    kept = [w for w in dict.fromkeys(words) if not (num.tokens.start <= w.i < num.tokens.end)]
    heads = {w.i for w in kept if w.pos_ in ("NOUN", "PROPN")}
    modifiers = {w.i for w in kept if w.dep_ in ("acl", "relcl") and w.tag_ in ("VBN", "VBG") and w.head.i in heads
                 or w.dep_ in ("amod", "compound", "nmod")}  # 'self-proclaimed territories' reads as written
    verbs_in = sorted((w for w in kept if w.pos_ in ("VERB", "AUX") and w.i not in modifiers), key=lambda v: v.i)
    nouns = [w for w in kept if w.pos_ not in ("VERB", "AUX") or w.i in modifiers]
    counted = phrase_text(doc, nouns, forms) if nouns else ""
    if verbs_in:  # 'displacing ... Ukrainians' -> 'Ukrainians displaced': the noun, then what happened to it
        taken = {w.i for w in kept} | set(range(num.tokens.start, num.tokens.end))
        parts = []
        for v in verbs_in:
            inside = {t.i for t in num.tokens.root.subtree}  # '300 of our men': the number's own words
            for c in v.children:  # 'lost almost a thousand soldiers and 15 tanks': the object holding the number
                if c.dep_ in ("dobj", "nsubjpass", "nsubj") and any(t.i == num.tokens.root.i for t in c.subtree):
                    inside |= {t.i for t in c.subtree}
            for t in v.subtree:  # 'lost 24,000 soldiers, more than 1,000 tanks': the other counts are not its scope
                if t.like_num and t.i not in inside:
                    inside |= {x.i for x in t.head.subtree} if t.dep_ in ("nummod", "quantmod") else {t.i}
            scope = [t for t in _participle_phrase(v)[1:] if t.i not in taken and t.i not in inside]
            parts.append(" ".join([participle(v)] + ([phrase_text(doc, scope)] if scope else [])))
        counted = (counted + " " + ", ".join(parts)).strip()
    return counted or None


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
    return next((m for m in MEASURE_ORDER if m in s), None)


def _group(tokens: list[Token], clause_text: str) -> str | None:
    if re.search(r"\bboth (sides|armies|countries)\b", clause_text, re.I):
        return "both"
    norps: list[str] = []
    for t in tokens:
        if t.pos_ == "PROPN" and (t.dep_ == "compound" or t.dep_ == "poss" and t.ent_type_ != "PERSON"
                                  or t.dep_ == "nsubj"):  # 'Ostmark soldiers', the tagger's label aside
            name = demonym(t.text)
            if name not in norps:
                norps.append(name)
            continue
        proper_adj = t.dep_ in ("amod", "compound") and t.pos_ == "ADJ" and t.text[:1].isupper() and t.i > t.sent.start
        if (t.ent_type_ in ("NORP", "GPE") or proper_adj) and t.pos_ in ("ADJ", "PROPN", "NOUN") and t.dep_ != "pobj":
            name = t.text.rstrip("s") if t.ent_type_ == "NORP" and t.text.endswith("ns") else t.text
            if t.ent_type_ == "GPE":
                name = demonym(name)
            if name not in norps:
                norps.append(name)
        elif t.lemma_.lower() in CIVILIAN_NOUNS:
            return "civilians"
    if len(norps) >= 2:
        return "both"
    return norps[0] if norps else None


