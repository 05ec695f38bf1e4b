"""Mentions: the named entities of one article, grouped under one canonical name each.

"Kaja Kallas", "Kallas" and "Ms Kallas" become one actor, "Center for Strategic and International
Studies (CSIS)" gives the actor its acronym as an alias. Pure functions over a parsed Doc.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..types import ActorKind
from ..vocab.en import HONORIFICS, INSTITUTIONS, ORG_ROLES
from ..vocab.names import first_name_gender
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


def clean_name(ent: Span) -> tuple[int, int, str]:
    """Drop leading 'the', honorifics and a trailing possessive; return char offsets of what is left."""
    toks = list(ent)
    while toks and (toks[0].lower_ in HONORIFICS or toks[0].lower_ == "the") and len(toks) > 1:
        toks = toks[1:]
    while toks and toks[-1].text in ("'s", "’s", "'", "’"):
        toks = toks[:-1]
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


ARTICLES = frozenset("the der die das le la les el il lo al".split())


def _person_by_name(text: str, label: str) -> str:
    """'Natalia Humeniuk' tagged an organisation is a person: a given name the name lists know, then one or
    two capitalised words and nothing an institution's name has."""
    words = text.split()
    if label == "PERSON" and len(words) > 1 and words[0].lower() in ARTICLES:
        return "ORG"  # 'Der Tagesspiegel', 'Le Monde': a title, never a person
    if label == "PERSON" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return label
    bodies = INSTITUTIONS | ORG_ROLES
    if any(w.lower() in bodies or w.lower() + "s" in bodies or w.lower()[:-1] + "ies" in bodies for w in words) \
            or first_name_gender(words[0]) is None:
        return label
    return "PERSON"


def find_mentions(doc: Doc) -> list[RawMention]:
    raw: list[tuple[int, int, str, str]] = []
    for ent in _repaired(doc.ents):
        if ent.label_ not in LABEL_KIND:
            continue
        start, end, text = clean_name(ent)
        if text and any(c.isalpha() for c in text):
            raw.append((start, end, text, _person_by_name(text, ent.label_)))
    canon = canonical_names(text_of(doc), raw)
    return [RawMention(s, e, t, lab, canon.get((t, lab), t)) for s, e, t, lab in raw]


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
    # "Long Name (ACR)" defines an acronym for the article
    for m in _ACRONYM.finditer(text):
        long, acr = m.group(1).strip(), m.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if acr[0] == initials[:1] and (initials.endswith(acr) or acr in initials or set(acr) <= set(initials)):
            # trim the long name to the words the acronym covers
            words = long.split()
            caps = [i for i, w in enumerate(words) if w[0].isupper()]
            k = len(caps) - len(acr)
            long = " ".join(words[caps[k]:]) if 0 <= k < len(caps) else long
            for lab in ("ORG", "PERSON", "GPE", "NORP"):
                out[(acr, lab)] = long
                out[(long, lab)] = long
    return out
