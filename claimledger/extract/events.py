"""Meetings, rounds of talks, summits and calls: participants, place and date, with the sentence.

"Trump met with Putin in Alaska", "the meetings held in Abu Dhabi", "talks in Geneva on Tuesday".
A trigger word makes an event only when it has a place ("talks in Geneva") or is a meeting with
someone ("met with Putin") naming two sides; otherwise "talks" is just a topic.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..types import Event, EventKind, Span
from ..vocab.en import ADDRESSED, HEDGES, MEDIA_WORDS, PEOPLE, PERSON_ROLES, STATE_BODIES, TRIGGERS, UNREAL, VENUES
from ..vocab.names import country_of_demonym, demonym, is_country, is_place, person_shaped, state_of_seat
from .event_dates import date_before, date_near
from .speakers import Resolver
from .text import text_of

PLACE_LABELS = ("GPE", "LOC", "FAC")


def _kind(tok: Token) -> EventKind | None:
    lemma = tok.lemma_.lower()
    if lemma == "call" and not any(t.lower_ in ("phone", "telephone", "video") for t in tok.subtree):
        return None  # "called for a ceasefire" is a demand, not a call
    if lemma == "round" and not any(t.lower_ in ("talks", "negotiations") for t in tok.subtree):
        return None
    if lemma == "talk" and tok.pos_ == "VERB":
        return None  # "talk about" is speech
    if lemma in ("host", "visit", "gather") and tok.pos_ != "VERB":
        return None
    kind = TRIGGERS.get(lemma)
    if kind in ("talks", "meeting") and any(c.lower_ in ("phone", "telephone", "video") and c.dep_ in
                                            ("compound", "amod", "nmod") for c in tok.children):
        return "call"  # 'phone talks', 'a telephone conversation'
    return kind


def _place_near(trig: Token) -> str | None:
    """A place the trigger (or the verb it hangs on) is 'in' or 'at': "talks in Geneva", "met ... in Alaska"."""
    anchors = [trig] + ([trig.head] if trig.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else [])
    anchors += [c for c in trig.children if c.dep_ in ("acl", "relcl")]  # "the meetings held in Abu Dhabi"
    anchors += [g for c in trig.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for g in c.children
                if g.dep_ == "pobj" and g.lemma_.lower() in TRIGGERS]  # "a round of talks in Brenna", "for talks in"
    direct = [g for a in anchors for c in a.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
              for g in c.children if g.dep_ == "pobj"]
    for a in direct + anchors:  # its own 'in X' first; then under it: "met with Brenner in Lisbon"
        for obj in ([a] if a in direct else a.subtree):
            placed = obj.ent_type_ in PLACE_LABELS or obj.pos_ == "PROPN" and is_place(obj.text) or (  # 'Vilnius'
                obj.pos_ == "PROPN" and obj.lemma_.lower() in VENUES and obj.head.lower_ == "at")  # 'at the X Forum'
            between = [t for t in obj.ancestors if t.i != a.i and a in t.ancestors] if a not in direct else []
            if obj.dep_ == "pobj" and placed and obj.head.lower_ in ("in", "at") and \
                    not any(t.dep_ == "prep" and t.lower_ in TOPIC_PREPS for t in obj.ancestors if t.i > a.i) and \
                    not any(_about(t) for t in between):
                ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                return ent.text if ent is not None else obj.text
    return None


TOPIC_PREPS = frozenset("on about for over regarding".split())  # 'a summit on peace in Ukraine': its topic


def _about(t: Token) -> bool:
    """A word between the meeting and a place that makes the place the topic's: a clause of its own ('met to
    discuss the situation in Ukraine') or a thing ('the war in Ukraine'), not a party ('met Brenner in Lisbon')."""
    if t.dep_ in ("xcomp", "advcl", "ccomp", "relcl", "acl") or t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
        return True
    return t.pos_ == "NOUN" and t.ent_type_ == "" and t.lemma_.lower() not in PEOPLE | PERSON_ROLES


def _place_of(trig: Token) -> str | None:
    """Where: 'talks in Geneva', 'visited Kyiv', 'the Tehran meetings'; a press office's parenthesis cut off."""
    where = trig.head if trig.dep_ == "relcl" and trig.head.ent_type_ in ("GPE", "LOC") else None  # 'Lisbon, when'
    place = _place_near(trig) or _visited(trig) or _host(trig) or (
        _entity_text(where) if where is not None else None) or next(
        (c.text for c in trig.children if c.dep_ == "compound" and c.ent_type_ == "GPE" and not is_country(c.text)
         and _a_place(c)), None)
    return place.split("(")[0].strip() or None if place else None  # 'Kyiv (Presidential Press Office'


def _host(trig: Token) -> str | None:
    """'Belarus hosted three rounds of talks': a country or city that hosts is where, not who."""
    verb = trig if trig.pos_ == "VERB" else _verb_of(trig)
    if verb is None or verb.lemma_.lower() != "host":
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _entity_text(subj) if subj is not None and _placed(subj) else None


def _placed(tok: Token) -> bool:
    """A word naming a city or country: by its entity label, or a proper noun the gazetteer knows."""
    return tok.ent_type_ in ("GPE", "LOC") or tok.pos_ == "PROPN" and (is_place(tok.text) or is_country(tok.text))


def _a_place(word: Token) -> bool:
    """A city the gazetteer knows, or one the article puts something in ('in Brenna'): not a bloc's name
    the tagger took for a place ('the Brics summit')."""
    return is_place(word.text) or any(t.text == word.text and t.head.lower_ in ("in", "to", "at", "from")
                                      and t.i != word.i for t in word.doc)


def _a_city(name: str) -> bool:
    """A city the gazetteer knows, which is where people meet, never who: not a country, nor a capital that
    stands for its government ('talks between Moscow and Kyiv')."""
    return is_place(name) and not is_country(name) and state_of_seat(name) is None


def _visited(trig: Token) -> str | None:
    """'Boris Johnson visited Kyiv': the city or country visited is where, not who."""
    if trig.lemma_.lower() != "visit" or trig.pos_ != "VERB":
        return None
    obj = next((c for c in trig.children if c.dep_ == "dobj"), None)
    return _entity_text(obj) if obj is not None and _placed(obj) else None


def _entity_text(tok: Token) -> str:
    """The whole name a token is part of: 'York' is 'New York'."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent.text if ent is not None else tok.text


def _with(trig: Token) -> bool:
    """ "met with Putin", "a meeting between Trump and Putin", "Trump met Putin" """
    if trig.lemma_.lower() == "meet" and any(c.dep_ == "dobj" for c in trig.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in trig.children)


def _state_of(adjective: Token, resolver: Resolver) -> str | None:
    """'Velorian' -> the state the article names whose demonym it is ('Veloria'), if it names one."""
    return next((n for n, label in resolver.labels.items() if label in ("GPE", "ORG", "PERSON", "NORP") and
                 demonym(n) == adjective.text and n != adjective.text), None) or country_of_demonym(adjective.text)


def _verb_of(trig: Token) -> Token | None:
    """The verb whose subject and object met: the trigger itself, or the verb its noun hangs on, through a
    preposition or a noun of it ('spoke by phone', 'will lead their delegations at a new round of talks')."""
    if trig.pos_ == "VERB":
        return trig
    node = trig
    for _ in range(4):
        if node.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj", "prep") or node.dep_ == "prep" and (
                node.lower_ in TOPIC_PREPS):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep":  # 'following a day of meetings': a preposition
            return node
        if node.pos_ not in ("ADP", "NOUN", "VERB"):
            return None
    return None


def _in_a_phrase(trig: Token, verb: Token) -> bool:
    """'vowed ... during a meeting', 'accused China of ... at the summit': the meeting is when the verb's
    subject did something else; its object is no party to the meeting, unless the verb addresses it
    ('told Truss at a meeting', 'pressed Xi at a summit')."""
    return trig.i != verb.i and verb.lemma_.lower() not in ADDRESSED and any(
        a.dep_ == "prep" for a in trig.ancestors if verb in a.ancestors)


def _parties(trig: Token) -> list[Token]:
    """The words that name who met: the meeting verb's subject and object, 'with' or 'between' whom, whose
    meeting ('Putin's talks', 'a meeting of X and Y'), their conjuncts and the names in apposition to them."""
    verb = _verb_of(trig)
    args: list[Token] = []
    if verb is not None:
        roles = ("nsubj",) if _in_a_phrase(trig, verb) else ("nsubj", "nsubjpass", "dobj")
        args += [c for c in verb.children if c.dep_ in roles and c.i != trig.i]
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in ("pcomp", "advcl",
                                                                                             "xcomp"):
            ruler = verb.head.head if verb.dep_ == "pcomp" else verb.head  # 'was speaking after meeting Zelensky'
            args += [c for c in ruler.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl" and any(c.lower_ in ("who", "which", "that") for c in verb.children) or (
                verb.i == trig.i and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN")):
            args.append(verb.head)  # 'Xi Jinping, who met Macron', 'EU leaders meeting in Brussels'
    # 'hosted three rounds of talks between X and Y': the meeting its object names says who met
    held = [a for a in args if a.dep_ == "dobj" and a.lemma_.lower() in TRIGGERS]
    held += [x for a in (*held, trig) for c in a.children if c.dep_ == "prep" and c.lower_ == "of"
             for x in c.children if x.lemma_.lower() in TRIGGERS]
    args = [a for a in args if a not in held]
    for node in [trig] + ([verb] if verb is not None else []) + held:
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between", "of", "among"):
                args += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and (c.ent_type_ in ("GPE", "ORG", "PERSON")
                                                                       or c.pos_ == "PROPN" and node.i == trig.i)):
                args.append(c)
    heads: list[Token] = []
    for a in args:  # 'Trump and Putin', 'with Brenner, Arne and Lindqvist'
        heads.append(a)
        heads += [c for c in a.subtree if c.dep_ == "conj" and c.head.i in {h.i for h in heads}]
    named = [c for h in list(heads) for c in h.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    heads = [h for h in heads if h.pos_ == "PROPN" or all(c.dep_ != "appos" or c.pos_ != "PROPN" for c in h.children)]
    heads += named + [c for a in named for c in a.conjuncts if c.i > a.i]  # "France's president, Macron": Macron
    return sorted(heads, key=lambda t: t.i)  # 'Minister of Finance Andrzej Domański': the name in apposition


def _participants(trig: Token, resolver: Resolver, voices: list[tuple[int, int, str]]) -> list[str]:
    """Those the sentence says met or talked, as actors; never a name inside their words ('an opponent of
    Vladimir Putin's rule', 'talks in Geneva'). ``voices``: each statement's content and its speaker, whom an
    'I' or 'we' in it names."""
    out: list[str] = []
    parties = _parties(trig)
    for h in parties + _group_modifiers(trig, parties):
        for name in _names_of(h, resolver, voices):
            name = name.strip(" ()[],.;:-")  # 'Shanghai Cooperation Organization (SCO)': one party
            if any(c.isalpha() for c in name) and name.lower() not in {o.lower() for o in out} and not (
                    name.lower() in MEDIA_WORDS or name.isupper() and len(out) and _initials(out[-1]) == name):
                out.append(name)
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _names_of(h: Token, resolver: Resolver, voices: list[tuple[int, int, str]]) -> list[str]:
    """The actors one party word names: a pronoun's referent, a group's name, the person rather than their title."""
    word = h.lower_
    if word in ("i", "me", "my", "we", "us", "our") and not h.text.isupper() or h.text == "I":  # in a quote
        return [who for a, b, who in voices if a <= h.idx < b][:1]
    if word in ("his", "her", "its", "their", "he", "she", "they", "them"):  # 'his talks with the UN chief'
        who = resolver.resolve_pronoun(PRONOUN_OF.get(word, word), h.idx, [])
        return [who] if who else _pair_before(h, resolver) if word in ("they", "their") else []
    if h.ent_type_ in NOT_PARTIES:  # 'Wednesday's meeting'
        return []
    if h.tag_ == "NNS" and any(c.lower_ in ("two", "both") for c in h.children) and h.lemma_.lower() in PERSON_ROLES:
        named = any(c.dep_ == "appos" for c in h.children)  # 'the two leaders, Trump and Zelensky': those
        return [] if named else resolver.last_people(h.idx, 2)  # 'the two leaders', 'both leaders'
    start, end = h.left_edge.idx, h.idx + len(h.text)
    if h.lemma_.lower() in DELEGATES and any(c.dep_ == "prep" and c.lower_ in ("from", "of") for c in h.children):
        end = h.right_edge.idx + len(h.right_edge.text)  # 'diplomats from Russia, Ukraine and France'
    out: list[str] = []
    # 'talks between Velorian and Ostmark delegations': the states; not 'Russian President Putin' or 'his Russian
    # counterpart'
    for t in h.doc[h.left_edge.i:h.i + 1]:
        head = t
        while head.dep_ == "conj" and head.head.i != head.i:  # 'Ukrainian and Russian delegations'
            head = head.head
        body = head.head.lemma_.lower() in STATE_BODIES or t.head.i == t.i or (  # 'met his German counterpart'
            head.head.lemma_.lower() == "counterpart" and not any(c.dep_ == "appos" for c in head.head.children))
        state = _state_of(t, resolver) if (t.ent_type_ == "NORP" or t.tag_ == "JJ") and body else None
        if state:
            out.append(state)
    placed = [t.idx for t in h.doc[h.left_edge.i:h.right_edge.i + 1] if t.dep_ == "pobj" and t.head.lower_ in (
        "in", "at")]  # 'the heads of the services of five countries in Paris': where, not who
    found = [m.name for m in resolver.mentions_in(start, end) if (resolver.labels.get(m.name) in
             ("PERSON", "ORG", "GPE") or person_shaped(m.name)) and not any(m.start <= i < m.end for i in placed)]
    found = [c if (c := country_of_demonym(n)) and " " not in n and n.endswith("n") else n for n in found]
    people = [n for n in found if resolver.labels.get(n) == "PERSON" or person_shaped(n)]
    owners = {t.text for t in h.doc[h.left_edge.i:h.i] if t.dep_ == "poss"}  # "Ostmark's chancellor Henrik Vaal"
    people = [n for n in people if n not in owners] or people
    written = " ".join(t.text for t in h.doc[h.left_edge.i:h.i + 1] if t.lemma_.lower() not in PERSON_ROLES
                       and t.pos_ != "DET") or h.text  # 'President Ana Ruiz': the name
    if not found and h.pos_ == "PROPN" and (h.dep_ == "compound" and h.head.lemma_.lower() in TRIGGERS or
                                            person_shaped(written) or h.ent_type_ == "ORG"):
        known = resolver.name_in(h.doc[h.left_edge.i:h.i + 1])  # 'Ruiz and Brenner met': named before
        found = [known or written]  # 'the BRICS summit', 'meets Olaf Scholz' the tagger missed: as written
        people = [known or written] if known and resolver.labels.get(known) == "PERSON" or person_shaped(
            written) else []
    return out + (people or found)  # 'U.S. Defense Secretary Lloyd Austin': the person, not his country


def _pair_before(h: Token, resolver: Resolver) -> list[str]:
    """'Ruiz and Brenner flew to Oslo. They met again on Friday': 'they' are the people the sentence before
    joins as its subject."""
    sent = h.sent
    if sent.start == 0 or "\n" in h.doc[sent.start - 1].text_with_ws:
        return []  # no sentence before in this paragraph
    before = h.doc[sent.start - 1].sent
    subj = next((t for t in before if t.dep_ == "nsubj" and any(c.dep_ == "conj" for c in t.children)), None)
    if subj is None:
        return []
    start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    people = [m.name for m in resolver.mentions_in(start, end) if resolver.labels.get(m.name) == "PERSON"]
    return list(dict.fromkeys(people)) if len(set(people)) >= 2 else []


def _group_modifiers(trig: Token, parties: list[Token]) -> list[Token]:
    """'G7 leaders met', 'a meeting of NATO foreign ministers', 'the NATO summit': the body a group of
    delegates (or the summit) is named for, when no person is named."""
    groups = [h for h in parties if h.tag_ == "NNS" and h.lemma_.lower() in DELEGATES] + [trig]
    mods = [c for g in groups for c in g.children if c.dep_ in ("compound", "nmod", "amod", "appos") and (
        c.ent_type_ in ("ORG", "GPE") or c.pos_ == "PROPN") and c.ent_type_ not in NOT_PARTIES and not (
        g.i == trig.i and c.ent_type_ == "GPE" and not is_country(c.text))]  # 'the Tehran meetings': where
    return mods + [c for m in mods for c in m.conjuncts if c.i > m.i]  # 'NATO and EU officials'


PRONOUN_OF = {"his": "he", "her": "she", "its": "it", "their": "they", "them": "they"}
NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# who come to a meeting for someone: 'diplomats from Russia and France', 'leaders of the G7'
DELEGATES = PERSON_ROLES | {"delegation", "delegate", "representative", "counterpart", "head", "official", "diplomat"}


def _unreal(trig: Token) -> bool:
    """A meeting that did not happen or is only spoken of: negated, possible, refused, called off, ruled out."""
    chain = [trig] + list(trig.ancestors)[:3]
    things = [c for c in trig.children if c.dep_ == "dobj" and c.lemma_.lower() not in PEOPLE | PERSON_ROLES
              and c.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")]
    if trig.lemma_.lower() in ("gather", "host") and things:
        return True  # 'gathered 30 warships', 'hosted a press conference': no meeting of people
    # 'had no plans to meet', 'may come to the summit', 'could meet next week': none has happened or is set
    denied = any(c.dep_ == "det" and c.lower_ == "no" for t in chain[1:3] for c in t.children)
    hedged = any(c.dep_ == "aux" and c.lower_ in HEDGES for t in chain[:3] for c in t.children)
    return denied or hedged or any(c.dep_ == "neg" for t in chain[:2] for c in t.children) or any(
        t.lemma_.lower() in UNREAL for t in chain[1:]) or any(
        c.lemma_.lower() in UNREAL for c in trig.children if c.dep_ in ("amod", "compound"))


def find_events(doc: Doc, resolver: Resolver, body: list[tuple[int, int]], published: str | None,
                voices: list[tuple[int, int, str]] | None = None) -> list[Event]:
    text = text_of(doc)
    out: list[Event] = []
    for sent in doc.sents:
        if not any(a <= sent.start_char < b for a, b in body):
            continue
        for trig in sent:
            kind = _kind(trig) if trig.pos_ in ("NOUN", "VERB", "PROPN") else None
            if kind is None:
                continue
            if any(c.dep_ == "auxpass" for c in trig.children) or _unreal(trig):
                continue  # "aggression will be met with a response", "a possible meeting", "refused to meet"
            place = _place_of(trig)
            if trig.lemma_.lower() == "visit" and place is None and not _with(trig):
                continue  # 'visited the Church of St Andrew': no meeting of anyone
            people = [n for n in _participants(trig, resolver, voices or []) if n != place]
            cities = [n for n in people if _a_city(n)]  # 'met the heads of five services in Paris': where
            people = [n for n in people if n not in cities]
            place = place or (cities[0] if len(cities) == 1 else None)
            if place is None and (len(people) < 2 or not _with(trig) and _verb_of(trig) is None):
                continue  # "met with" whom? an event needs a place, or two sides that met
            date = date_near(trig, published) or date_before(trig, published, people, resolver)
            out.append(Event(kind, Span.of(text, trig.idx, trig.idx + len(trig.text)),
                             Span.of(text, sent.start_char, sent.end_char), people, place,
                             date))
            break  # one event a sentence
    return out
