"""Who a speaker mention refers to, within one article.

A name resolves through the article's mentions (surname to full name); a pronoun to the nearest
compatible actor before it (person or organisation, gender once the text has shown it); a role
noun ("the EU's top diplomat", "the minister", "the study") to the nearest actor the text gave that
role. When nothing fits, the answer is None: a wrong name is worse than none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..types import Role
from ..vocab.en import (
    DOCUMENT_NOUNS,
    FEMALE,
    HONORIFIC_GENDER,
    INSTITUTIONS,
    MALE,
    NEUTER,
    ORG_ROLES,
    PERSON_ROLES,
    PLURAL,
    PRONOUNS,
    ROLE_STOP,
    SOURCE_NOUNS,
)
from ..vocab.names import demonym, first_name_gender, is_place, name_key
from .documents import document_authors
from .mentions import RawMention
from .roles import real_role
from .text import text_of

PERSON_LABELS = {"PERSON"}
CATAPHORA = 400  # characters: a role named before the person, who is named in the next sentence or two


def _proper_head(span: Span) -> Span:
    """The proper name a phrase ends on: its head and the capitalised words and hyphens right before it."""
    root = span.root
    i = root.i
    while i - 1 >= span.start and (span.doc[i - 1].pos_ == "PROPN" or span.doc[i - 1].text == "-"):
        i -= 1
    return span.doc[i:root.i + 1]


@dataclass
class Resolver:
    """Built once per Doc by the extraction chain and passed to the stages that name actors.

    It learns as it resolves (a pronoun's gender, the source a study noun stands for), so the stages
    that use it run in the chain's fixed order.
    """

    doc: Doc
    mentions: list[RawMention]
    quoted: list[tuple[int, int]] = field(default_factory=list)  # inside quotes: the speaker's words, not referents
    starts: list[int] = field(init=False)
    labels: dict[str, str] = field(init=False)
    gender: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    role_evidence: dict[str, dict[str, Role]] = field(default_factory=dict)  # the real ones, stored (roles.py)
    role_at: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, role head, actor)

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        counts: dict[str, dict[str, int]] = {}
        for m in self.mentions:
            counts.setdefault(m.name, {}).setdefault(m.label, 0)
            counts[m.name][m.label] += 1
        self.labels = {n: max(c, key=lambda k: c[k]) for n, c in counts.items()}
        self._learn_gender_and_roles()
        self.role_at.extend(document_authors(self.doc, self.name_in, self.previous_body))  # sorted: doc order
        self.role_at.sort()

    # -- learning from the text --------------------------------------------------------------

    def _learn_gender_and_roles(self) -> None:
        text = text_of(self.doc)
        for m in self.mentions:
            if self.labels.get(m.name) != "PERSON":
                continue
            before = text[max(0, m.start - 6):m.start].strip().lower().split()
            if before and before[-1] in HONORIFIC_GENDER:
                self.gender.setdefault(m.name, HONORIFIC_GENDER[before[-1]])
        for name, label in self.labels.items():
            words = name.split()
            given = first_name_gender(words[0]) if label == "PERSON" and len(words) > 1 else None
            if given is not None:
                self.gender.setdefault(name, given)
        owners = self._owners()
        for m in self.mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for role_tokens in self._roles_of(span):
                if self.labels.get(m.name) == "PERSON" and (real := real_role(role_tokens, owners)) is not None:
                    self.role_evidence.setdefault(m.name, {}).setdefault(real.text, real)
                last = role_tokens[-1]
                role = re.sub(r"^(the|a|an)\s+", "", text[role_tokens[0].idx:last.idx + len(last.text)].strip(" ,"),
                              flags=re.I)
                head = role_tokens[-1].lemma_.lower() if role_tokens else ""
                if role and head:
                    self.roles.setdefault(m.name, set()).add(role)
                    self.role_at.append((m.start, head, m.name))
                    self.role_at.append((role_tokens[0].idx, head, m.name))
        self.role_at.sort()

    def _owners(self) -> dict[int, str]:
        """Token index -> the organisation or state a mention there names."""
        out: dict[int, str] = {}
        for m in self.mentions:
            if m.label in ("GPE", "ORG"):
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                out.update({t.i: m.name for t in span or ()})
        return out

    def _roles_of(self, name: Span) -> list[list[Token]]:
        """Titles before a name ("Ukraine's President", "foreign minister") and appositions after it."""
        out: list[list[Token]] = []
        head = name.root
        pre = [t for t in head.lefts if t.i < name.start and t.dep_ in ("compound", "amod", "poss", "nmod")]
        if pre:
            toks = [t for t in self.doc[pre[0].left_edge.i:name.start] if t.text not in ("the", "The")]
            if toks and toks[-1].pos_ in ("NOUN", "PROPN") and toks[-1].ent_type_ not in ("PERSON",):
                out.append(toks)
        title = head.head
        if head.dep_ == "appos" and title.pos_ == "NOUN" and title.i == name.start - 1 and not pre:
            # parsed as an apposition of its own title: "Ukraine's chief negotiator Rustem Umerov"
            toks = [t for t in self.doc[title.left_edge.i:title.i + 1] if t.text not in ("the", "The")]
            if toks:
                out.append(toks)
        for t in head.rights:
            if t.dep_ == "appos" and t.pos_ == "NOUN":
                toks = [x for x in t.subtree if x.dep_ not in ("punct",) and not x.text.startswith(",")]
                toks = [x for x in toks if x.i <= t.i]
                if toks:
                    out.append(toks)
        return out

    # -- resolving ---------------------------------------------------------------------------

    def mentions_in(self, start: int, end: int) -> list[RawMention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def name_in(self, span: Span) -> str | None:
        """The actor a noun phrase names: a person before an organisation, the head's own name first."""
        found = self.mentions_in(span.start_char, span.end_char)
        if not found:
            poss = next((c for c in span.root.children if c.dep_ == "poss" and c.pos_ == "PROPN" and c.is_title),
                        None)
            if poss is not None and span.root.lemma_.lower() in INSTITUTIONS:
                return poss.text  # "Ostmark's defence ministry", the owner untagged: the state speaks
            return self.known_name(span)
        root = span.root
        for m in found:
            if m.start <= root.idx < m.end and self.labels.get(m.name) in PERSON_LABELS | {"ORG"}:
                return m.name
        if root.lemma_.lower() in INSTITUTIONS:  # "Ukraine's military", "the Russian defence ministry"
            owner = next((m for m in found if self.labels.get(m.name) in ("GPE", "NORP", "ORG")), None)
            if owner is not None and not any(self.labels.get(m.name) == "PERSON" for m in found):
                mods = [t.text.lower() for t in root.lefts if t.dep_ in ("compound", "amod") and not t.ent_type_]
                return " ".join([demonym(owner.name), *mods, root.lemma_.lower()])
        persons = [m for m in found if self.labels.get(m.name) == "PERSON"]
        if persons:
            return persons[-1].name
        if root.lemma_.lower() in PERSON_ROLES and root.lemma_.lower() not in ORG_ROLES:
            return None  # 'the EU leader', 'Ukraine's president': a person in a role, never the body itself
        if root.pos_ == "PROPN" and root.is_title and not any(m.start <= root.idx < m.end for m in found):
            return self.known_name(_proper_head(span), as_written=True)  # 'the news agency Itar-Tass', untagged
        orgs = [m for m in found if self.labels.get(m.name) == "ORG"]
        if orgs:
            return orgs[-1].name
        if root.lemma_.lower() in SOURCE_NOUNS or root.ent_type_:
            return found[-1].name
        return None

    def known_name(self, span: Span, as_written: bool = False) -> str | None:
        """A name the tagger missed here: the one person the article knows by that surname, else (``as_written``)
        a short proper name as the text writes it ('Scholz said', 'Itar-Tass said')."""
        words = [t for t in span if not t.is_punct and t.pos_ != "DET"]
        if not words or any(t.pos_ != "PROPN" and not t.is_title for t in words):
            return None  # a surname, tagged a proper or (in a headline) a common noun
        last = name_key(words[-1].text)
        hits = [n for n, label in self.labels.items() if label == "PERSON" and name_key(n.split()[-1]) == last]
        if len(hits) == 1:
            return hits[0]
        proper = len(span) <= 3 and all((t.pos_ == "PROPN" and t.is_title and t.text[0].isalpha()) or t.text == "-"
                                        for t in span) and span.text.lower() not in PRONOUNS
        return text_of(span.doc)[span.start_char:span.end_char] if as_written and proper else None

    def is_subject(self, m: RawMention) -> bool:
        tok = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None:
            return False
        node = tok.root
        for _ in range(3):
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if node.dep_ not in ("appos", "compound", "conj") or node.head.i == node.i:
                return False
            node = node.head
        return False

    def resolve_pronoun(self, word: str, before: int, prefer: list[str]) -> str | None:
        """Salience order: the speaker of the run we are in, the subjects of the sentences before, any person."""
        w = word.lower()
        if w in FEMALE | MALE:
            want = "f" if w in FEMALE else "m"
            here = self.doc.char_span(before, before + 1, alignment_mode="expand")
            sent_start = here.sent.start_char if here is not None else before
            for m in reversed(self.mentions[:bisect_left(self.starts, before)]):  # a subject earlier in the sentence
                if m.start < sent_start:
                    break
                if any(s <= m.start < e for s, e in self.quoted):
                    continue
                if self.labels.get(m.name) == "PERSON" and self.is_subject(m) and self.gender.get(m.name, want) == want:
                    return self._learn(m.name, want)
            previous = self._previous_subject(sent_start, want)
            if previous is not None:  # 'X, the chairman, addressed the crowd. "...," he said': X
                return self._learn(previous, want)
            for name in prefer:
                if self.labels.get(name) == "PERSON" and self.gender.get(name, want) == want:
                    return self._learn(name, want)
            earlier = [m for m in reversed(self.mentions[:bisect_left(self.starts, before)])
                       if self.labels.get(m.name) == "PERSON" and before - m.start < 1200
                       and not any(s <= m.start < e for s, e in self.quoted)]
            for m in earlier:
                if self.is_subject(m) and self.gender.get(m.name, want) == want:
                    return self._learn(m.name, want)
            for m in earlier[:4]:
                if self.gender.get(m.name, want) == want:
                    return self._learn(m.name, want)
            return None
        if w in NEUTER or w in PLURAL:
            here = self.doc.char_span(before, min(before + 1, len(text_of(self.doc))), alignment_mode="expand")
            prev = self._sentence_before(here.sent.start_char) if here is not None else None
            if w in NEUTER and prev is not None and (author := self._document_author(prev)) is not None:
                return author  # 'The report covers ... . It also documents ...'
            for name in prefer:
                if self.labels.get(name) == "ORG":
                    return name
            if w in NEUTER and here is not None:  # 'Beijing has denied ... the US, who it accused of': the subject
                subject = next((m for m in reversed(self.mentions[:bisect_left(self.starts, before)])
                                if m.start >= here.sent.start_char and self.labels.get(m.name) in ("ORG", "GPE")
                                and self.is_subject(m) and not any(s <= m.start < e for s, e in self.quoted)), None)
                if subject is not None:
                    return subject.name
            for m in reversed(self.mentions[:bisect_left(self.starts, before)]):
                if self.labels.get(m.name) == "ORG" and before - m.start < 400:
                    return m.name
        return None

    def _previous_subject(self, sent_start: int, want: str) -> str | None:
        """The person the sentence just before is about: its subject, when its known gender agrees."""
        prev = self._sentence_before(sent_start)
        if prev is None:
            return None
        for m in self.mentions[bisect_left(self.starts, prev.start_char):bisect_left(self.starts, prev.end_char)]:
            if any(s <= m.start < e for s, e in self.quoted):
                continue
            if self.labels.get(m.name) == "PERSON" and self.is_subject(m) and self.gender.get(m.name) == want:
                return m.name  # a gender the text or the given name shows, not merely one that does not clash
        return None

    def previous_body(self, sent_start: int) -> str | None:
        """The organisation the sentence just before has as its subject ('The mission ... It recorded ...')."""
        prev = self._sentence_before(sent_start)
        if prev is None:
            return None
        found = {m.name for m in self.mentions[bisect_left(self.starts, prev.start_char):
                                               bisect_left(self.starts, prev.end_char)]
                 if self.labels.get(m.name) == "ORG" and self.is_subject(m)}
        if len(found) == 1:
            return next(iter(found))
        return None if found else self._document_author(prev)

    def _document_author(self, sent: Span, depth: int = 3) -> str | None:
        """'The report covers ... . It also documents 75 cases. It documented ...': the author of the document a
        sentence is about, through a run of sentences whose subject is 'it'."""
        subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        if subj is not None and subj.lower_ == "it" and depth > 0:
            prev = self._sentence_before(sent.start_char)
            return self._document_author(prev, depth - 1) if prev is not None else None
        if subj is None or subj.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        return self.resolve_role(self.doc[subj.left_edge.i:subj.i + 1])

    def _sentence_before(self, sent_start: int) -> Span | None:
        here = self.doc.char_span(max(sent_start - 2, 0), max(sent_start - 1, 1), alignment_mode="expand")
        return None if here is None or sent_start == 0 else here.sent

    def _learn(self, name: str, gender: str) -> str:
        self.gender.setdefault(name, gender)
        return name

    def resolve_role(self, span: Span) -> str | None:
        """'the EU's top diplomat' -> the nearest earlier actor given a role with the same head noun."""
        head = span.root.lemma_.lower()
        if head in SOURCE_NOUNS:
            for off, h, name in reversed(self.role_at):
                if off < span.start_char and h == head:
                    return name
            for off, h, name in reversed(self.role_at):  # 'X published information ... The data shows'
                if span.start_char - 600 < off < span.start_char and h in DOCUMENT_NOUNS:
                    return name
            return None
        if head in ORG_ROLES:  # 'the institute' -> the Institute for Conflict Accounting named before
            for m in reversed(self.mentions[:bisect_left(self.starts, span.start_char)]):
                if self.labels.get(m.name) == "ORG" and (
                        head in m.name.lower().split() or any(head in r.lower() for r in self.roles.get(m.name, ()))):
                    return m.name
            return None
        if head not in PERSON_ROLES:
            return None
        words = {t.lemma_.lower() for t in span if t.lemma_.lower() not in ROLE_STOP}
        sides = {t.lower_[:5] for t in span if t.ent_type_ in ("NORP", "GPE")}  # 'the Russian president'
        best: tuple[int, str] | None = None
        ahead: tuple[int, str] | None = None
        for off, h, name in self.role_at:
            if h != head:
                continue
            roles = " ".join(self.roles.get(name, ())).lower()
            stated = re.search(r"\b[a-z]+(?:ian|ish|ese|an|ia|'s)\b", roles) is not None
            if sum(1 for w in words if re.search(rf"\b{re.escape(w)}", roles)) < max(1, len(words) - 1) or stated \
                    and any(not re.search(rf"\b{re.escape(s)}", roles) for s in sides):
                continue  # one word may differ, never the country: Ukraine's president is no Russian president
            if off < span.start_char:
                best = (off, name)
            elif ahead is None and off - span.start_char < CATAPHORA:
                ahead = (off, name)  # "Ukraine's prime minister has told the BBC ... Prime Minister Shmyhal"
        found = best or ahead
        return found[1] if found else None

    def last_person(self, before: int) -> str | None:
        """The person named last before an offset: whom 'the head of state' opening a paragraph is about."""
        for m in reversed(self.mentions[:bisect_left(self.starts, before)]):
            if self.labels.get(m.name) == "PERSON":
                return m.name
        return None

    def last_people(self, before: int, n: int) -> list[str]:
        """The ``n`` people named last before an offset, outside quotes, within a few sentences: whom 'the two
        leaders' are."""
        out: list[str] = []
        for m in reversed(self.mentions[:bisect_left(self.starts, before)]):
            if before - m.start > 600 or len(out) == n:
                break
            if self.labels.get(m.name) == "PERSON" and m.name not in out and not is_place(m.name) and not any(
                    s <= m.start < e for s, e in self.quoted):
                out.append(m.name)  # 'Kyiv' tagged a person is still a city
        return out if len(out) == n else []

    def note_source(self, span: Span, name: str) -> None:
        """'A study by CSIS suggests ...': later 'the study' refers to CSIS."""
        head = span.root.lemma_.lower()
        if head in SOURCE_NOUNS:
            self.role_at.append((span.start_char, head, name))
            self.role_at.sort()
