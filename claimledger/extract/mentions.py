"""Mentions: the named entities of one article, grouped under one canonical name each.

"Kaja Kallas", "Kallas" and "Ms Kallas" become one actor, "Center for Strategic and International
Studies (CSIS)" gives the actor its acronym as an alias. Pure functions over a parsed Doc.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..types import ActorKind
from ..vocab.en import HONORIFICS, INSTITUTIONS, NAME_PARTICLES, ORG_ROLES, PERSON_ROLES, PRONOUNS
from ..vocab.names import acronym, first_name_gender, initials, is_country
from .text import text_of

LABEL_KIND: dict[str, ActorKind] = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "NORP": "group"}
_ACRONYM = re.compile(r"((?:[A-Z][\w’'&.-]*\s+)(?:(?:of|for|and|the|on|in|de)\s+|[A-Z][\w’'&.-]*\s+){1,9})"
                      r"\(([A-Z]{2,8})\)")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class RawMention:
    start: int
    end: int
    text: str
    label: str
    name: str  # canonical name within the document


CUT_OFF = frozenset({"of", "the", "and", "for", "in", "on", "to", "at", "by", "with", "from", "-"})


def clean_name(ent: Span) -> tuple[int, int, str]:
    """Drop leading 'the', honorifics and a trailing possessive; return char offsets of what is left."""
    toks = list(ent)
    while toks and (toks[0].lower_ in HONORIFICS or toks[0].lower_ in ("the", "a", "an")) and len(toks) > 1:
        toks = toks[1:]
    while len(toks) > 1 and (toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].lower_ in CUT_OFF):
        toks = toks[:-1]  # the tagger's span cut inside a name: 'Ministry of Foreign Affairs of', 'Kyiv and
    if not toks:
        return ent.start_char, ent.end_char, ent.text
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = _POSSESSIVE.sub("", text_of(ent.doc)[start:end]).strip()
    if text.count("(") != text.count(")"):  # "Studies (CSIS" cut by the NER: keep the name before it
        text = text.split("(")[0].rstrip() if "(" in text else text.replace(")", "").rstrip()
    return start, start + len(text), text


def _repaired(ents: Sequence[Span]) -> list[Span]:
    """'Natalia' tagged a place with 'Brandt' left out or tagged apart: a lone given name the name lists know,
    followed by one capitalised word that no entity or only a one-word entity took, is that person's name."""
    out: list[Span] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue
        doc = ent.doc
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if len(ent) == 1 and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and ent.text_with_ws != \
                ent.text and first_name_gender(ent.text) is not None and (not nxt.ent_type_ or (
                nxt.ent_iob_ == "B" and (nxt.i + 1 >= len(doc) or doc[nxt.i + 1].ent_iob_ != "I"))):
            ent = Span(doc, ent.start, ent.end + 1, label="PERSON")
            skip_to = ent.end
        out.append(ent)
    return out


def tidy_spans(ents: Sequence[Span]) -> list[Span]:
    """Entity spans cut to the name: not past a possessive ('Putin's European'), not short of a surname
    particle's surname ('Ursula von der' + 'Leyen'), and without a title, body or country in front of a
    person's name ('Security Council of Russia Dmitry Medvedev', 'Belarus Alaxandr Lukashenko')."""
    out = []
    for ent in ents:
        doc, start, end, label = ent.doc, ent.start, ent.end, ent.label_
        while end - start > 1 and doc[start].is_title and (doc[start].pos_ in ("VERB", "ADP", "ADV", "SCONJ") or
                                                           _opening_participle(doc[start])):
            start += 1  # 'Citing Germany', 'Despite Russia': a sentence's first word glued on by the tagger
        cut = next((t.i for t in ent[1:] if t.text in ("'s", "’s")), None)
        if cut is not None:
            end = cut
        while end < len(doc) and doc[end - 1].lower_ in NAME_PARTICLES and (
                doc[end].is_title or doc[end].lower_ in NAME_PARTICLES):
            end, label = end + 1, "PERSON"
        if end - start >= 3:
            lead = _person_start(doc[start:end], label == "PERSON")
            if lead is not None:
                start, label = lead, "PERSON"
        out.append(ent if (start, end, label) == (ent.start, ent.end, ent.label_) else
                   Span(doc, start, end, label=label))
    return out


def _opening_participle(tok: Token) -> bool:
    """'Citing Germany's decision, ...' tagged as one name: a sentence's first word that is a verb's -ing form
    in the dictionary, and no title ('King Charles') or given name."""
    from lemminflect import getAllLemmas

    word = tok.lower_
    return bool(tok.is_sent_start) and len(word) > 5 and word.endswith("ing") and word not in PERSON_ROLES and (
        "VERB" in getAllLemmas(word)) and first_name_gender(tok.text) is None


def _person_start(span: Span, person: bool) -> int | None:
    """Where a person's two- or three-word name begins after a title, a body or a country (in a span the
    tagger called a person, or one whose words before the name say so; 'Agence France-Presse' is kept)."""
    doc = span.doc
    for t in span[1:-1]:
        tail, before = doc[t.i:span.end], [w for w in doc[span.start:t.i] if w.pos_ != "DET"]
        if not 2 <= len(tail) <= 3 or not all(w.is_title and w.is_alpha or w.text == "-" for w in tail) \
                or tail[1].text == "-":
            continue
        if before and is_country(" ".join(w.text for w in before)):
            return t.i
        titled = person or len(before) == 1 and len(tail) == 2 or any(
            w.lower_ in PERSON_ROLES | HONORIFICS | ORG_ROLES | INSTITUTIONS or is_country(w.text) for w in before)
        if titled and first_name_gender(t.text) is not None:
            return t.i
    return None


_GLUE = re.compile(r"(?<=\b[a-z]{3})[a-z]*(?=[A-Z][a-z])|(?<=[A-Za-z)]{2})[?!.;:,](?=[\"“]?[A-Z])")


_GLUED_PRONOUN = re.compile(r"[a-z](He|She|They|We|It)$")  # 'ForeignHe': a sentence's end and the next one's subject


def unglued(start: int, end: int, text: str, full: str) -> tuple[int, int, str]:
    """A name with the words before it glued on ('includingEmmanuel Macron', 'propaganda?Sergei Lavrov',
    'NATO.Stoltenberg'), quote marks or end punctuation ('"He', 'Lavrov.-'): the name alone."""
    glue = None
    for m in _GLUE.finditer(text):
        glue = m
    if glue is not None:
        start += glue.end()
    while start < end and not full[start].isalnum():
        start += 1
    # 'European Union - Ursula von der Leyen': a body joined to the name after it
    joined = re.search(r"\s\S*[a-z]\s*[-–]\s*(?=([A-Z][a-z]+) )", full[start:end])
    if joined and first_name_gender(joined.group(1)) is not None:
        start += joined.end()
    credit = re.search(r"(?<=[a-z])\s*-\s*[A-Z]{2,}$", full[start:end])  # 'Vladimir Putin-DPA': an agency's credit
    if credit:
        end = start + credit.start()
    while end > start and (full[end - 1] in ".-,;:–—" or full[end - 1].isspace()) and not re.search(
            r"(\b[A-Z]|\bJr|\bSr)\.$", full[start:end]):
        end -= 1  # 'Garrim Kasparov -': the dash and the space before it
    return start, end, full[start:end]


ARTICLES = frozenset("the der die das le la les el il lo al".split())


def _person_by_name(text: str, label: str) -> str:
    """'Natalia Humeniuk' tagged an organisation is a person: a given name the name lists know, then one or
    two capitalised words and nothing an institution's name has."""
    words = text.split()
    if label == "PERSON" and len(words) > 1 and (words[0].lower() in ARTICLES or words[-1].lower() in ORG_ROLES):
        return "ORG"  # 'Der Tagesspiegel', 'Le Monde', 'Aleksander Kwasniewski Foundation': never a person
    if label == "PERSON" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return label
    bodies = INSTITUTIONS | ORG_ROLES
    if any(w.lower() in bodies or w.lower() + "s" in bodies or w.lower()[:-1] + "ies" in bodies for w in words) \
            or first_name_gender(words[0]) is None:
        return label
    return "PERSON"


def find_mentions(doc: Doc) -> list[RawMention]:
    raw: list[tuple[int, int, str, str]] = []
    taken = -1
    for ent in tidy_spans(_repaired(doc.ents)):
        if ent.label_ not in LABEL_KIND or ent.start < taken:
            continue
        taken = ent.end
        start, end, text = unglued(*clean_name(ent), text_of(doc))
        if text and any(c.isalpha() for c in text) and text.lower() not in PRONOUNS and not text.islower() \
                and not _GLUED_PRONOUN.search(text) and not _lower_start(text) \
                and not (ent.label_ == "PERSON" and text.split()[-1].lower() in PERSON_ROLES | HONORIFICS):
            raw.append((start, end, text, _person_by_name(text, ent.label_)))
    canon = canonical_names(text_of(doc), raw)
    return [RawMention(s, e, t, lab, _spelled(canon.get((t, lab), t))) for s, e, t, lab in raw]


def _lower_start(text: str) -> bool:
    """'pro-Russian', 'kick Putin', 'of Foreign Affairs': no name starts with a small letter, unless with a
    particle ('de Gaulle', 'al-Assad')."""
    return text[0].islower() and re.split(r"[\s-]", text, maxsplit=1)[0] not in NAME_PARTICLES


def _spelled(name: str) -> str:
    """The canonical form of a name as typeset: 'Frank -Walter' is 'Frank-Walter'."""
    return re.sub(r"\s*-\s*(?=[A-Z])", "-", name)


def _acronyms_used(raw: list[tuple[int, int, str, str]], out: dict[tuple[str, str], str]) -> None:
    """An organisation's acronym the article also writes out ('the European Union ... the EU', 'U.N.'):
    the acronym is that name, when exactly one organisation named in the article spells it."""
    longs: dict[str, set[str]] = {}
    for _, _, t, lab in raw:
        if lab == "ORG" and (letters := initials(t)) is not None:
            longs.setdefault(letters, set()).add(t)
    for _, _, t, lab in raw:
        if lab == "ORG" and (letters := acronym(t)) is not None and len(longs.get(letters, ())) == 1:
            out.setdefault((t, lab), next(iter(longs[letters])))


def canonical_names(text: str, raw: list[tuple[int, int, str, str]]) -> dict[tuple[str, str], str]:
    """Surname to full name (when one full name fits), acronym to the name it abbreviates."""
    out: dict[tuple[str, str], str] = {}
    persons = {t for _, _, t, lab in raw if lab == "PERSON" and len(t.split()) > 1}
    for _, _, t, lab in raw:
        if len(t.split()) == 1 and t[:1].isupper() and not t.isupper():
            fits = {p for p in persons if p.split()[-1].lower() == t.lower() or p.split()[0].lower() == t.lower()}
            fulls = {p for p in fits if p.split()[-1].lower() == t.lower()} or fits
            if len(fulls) == 1:
                out[(t, lab)] = next(iter(fulls))
    _acronyms_used(raw, out)
    # "Long Name (ACR)" defines an acronym for the article
    for m in _ACRONYM.finditer(text):
        long, acr = m.group(1).strip(), m.group(2)
        letters = "".join(w[0] for w in long.split() if w[0].isupper())
        if acr[0] == letters[:1] and (letters.endswith(acr) or acr in letters or set(acr) <= set(letters)):
            # trim the long name to the words the acronym covers
            words = long.split()
            caps = [i for i, w in enumerate(words) if w[0].isupper()]
            k = len(caps) - len(acr)
            long = " ".join(words[caps[k]:]) if 0 <= k < len(caps) else long
            for lab in ("ORG", "PERSON", "GPE", "NORP"):
                out[(acr, lab)] = long
                out[(long, lab)] = long
    return out
