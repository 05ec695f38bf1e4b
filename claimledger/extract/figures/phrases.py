"""Building a counted phrase's words from the parse: participles, gerunds, plurals, noun phrases, the
subject a number's verb is about."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...vocab.en import IRREGULAR_PARTICIPLES


def phrase_text(doc: Doc, toks: list[Token], forms: dict[int, str] | None = None) -> str:
    toks = sorted(toks, key=lambda t: t.i)
    words = ((forms or {}).get(t.i, t.text) for t in toks if not t.is_punct or t.text == "-")
    return " ".join(words).replace(" - ", "-").strip()


def participle(v: Token) -> str:
    if v.tag_ in ("VBN", "JJ"):
        return v.text
    lemma = v.lemma_.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    return _inflect(lemma, "VBN") or lemma + ("d" if lemma.endswith("e") else "ed")  # 'seize' -> 'seized'


def gerund(v: Token) -> str:
    return _inflect(v.lemma_.lower(), "VBG") or v.text  # 'lives' -> 'living'


def plural_forms(noun: Token) -> dict[int, str]:
    if noun.lemma_.lower() == "person":
        return {noun.i: "people"}
    form = _inflect(noun.lemma_.lower(), "NNS")
    return {noun.i: form} if form and noun.text.islower() else {}


def _inflect(lemma: str, tag: str) -> str | None:
    """lemminflect's first form of a lemma for a Penn tag, imported on first use (off the CLI's start-up path)."""
    from lemminflect import getInflection

    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def np_tokens(tok: Token) -> list[Token]:
    """A noun phrase without its relative clauses, appositions and asides."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "cc", "det", "conj") or c.ent_type_ == "DATE":
            continue
        out.extend(np_tokens(c))
    return out


# verbs that say nothing about what is counted: 'has three', 'said 40', 'included four', 'reached 500'
GENERIC_VERBS = frozenset("""be have say tell report include see show make give get reach total number count
estimate cite claim add note know mention contain""".split())


def holder_subject(verb: Token) -> Token | None:
    """'the number ... is on track to reach two million': the subject of 'is'."""
    holder = verb
    subj = None
    for _ in range(5):
        subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or holder.dep_ not in ("xcomp", "advcl", "conj", "acl", "relcl", "pobj", "prep",
                                                   "pcomp") or holder.head.i == holder.i:
            break
        holder = holder.head
    return subj
