"""Comparing two wordings of one utterance: are they the same words, a fragment, or a changed quote?

Words are compared after the normalising ``copies.utterance_key`` does (quotation marks, case,
punctuation); an elision ("…", "[...]") stays as a token, so a cut the writer marked is a trim and
not a dropped word. Candidates are found by winnowed word-trigram fingerprints (Schleimer et al.,
"Winnowing", SIGMOD 2003): any run of ``MIN_RUN`` shared words shares at least one fingerprint, so a
fragment or a quote with one word changed finds its group through an index, without comparing every
quote of a speaker.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..vocab.en import NEGATORS

ELIDED = "…"
_ELISION = re.compile(r"\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
GRAM, WINDOW = 3, 3
MIN_RUN = GRAM + WINDOW - 1  # shared runs this long always share a fingerprint
SAME = 0.8  # the share of the shorter wording that must be found, in order, in the other
NEGATION = set(NEGATORS) | {"nobody", "none"}


_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")


def quoted(content: str) -> str:
    """The quoted words of a partly quoted statement, cut where the writer's own words come between;
    the whole content when nothing in it is marked as a quote."""
    pieces = _QUOTED.findall(content)
    return " … ".join(pieces) if pieces else content


def compared(content: str, kind: str | None) -> str:
    """What of a statement is compared with other wordings: a partly quoted one's quoted words, else all."""
    return quoted(content) if kind == "mixed" else content


def tokens(text: str) -> list[str]:
    """The words as written, with a cut marked by an elision kept as ``…``."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    out: list[str] = []
    for k, piece in enumerate(_ELISION.split(text)):
        if k:
            out.append(ELIDED)
        out.extend(_WORD.findall(piece))
    while out and out[0] == ELIDED:
        out.pop(0)
    while out and out[-1] == ELIDED:
        out.pop()
    if out and out[0].casefold() == "that":  # reported speech's 'said that …'
        out = out[1:]
    return out


def words(text: str) -> list[str]:
    """The words, case-folded: what two wordings are compared on."""
    return [w.casefold() for w in tokens(text)]


def _hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def fingerprints(ws: list[str]) -> set[int]:
    """The winnowed trigram hashes of the words, and one hash of the whole wording (a short quote's only)."""
    plain = [w for w in ws if w != ELIDED]
    marks = {_hash("=" + " ".join(plain))}
    grams = [_hash(" ".join(plain[i:i + GRAM])) for i in range(len(plain) - GRAM + 1)]
    for i in range(max(0, len(grams) - WINDOW + 1)):
        marks.add(min(grams[i:i + WINDOW]))
    return marks


@dataclass(frozen=True)
class Alignment:
    matched: int  # words of the shorter wording found, in order, in the longer
    shorter: int
    longest: int  # the longest run of shared words
    ops: list[tuple[str, list[str], list[str]]]  # (equal|replace|insert|delete, canonical words, these words)

    @property
    def same(self) -> bool:
        """One utterance: the whole short wording (a short quote exactly), or most of it in a long run."""
        if self.shorter < MIN_RUN:
            return self.matched == self.shorter and all(op in ("equal", "delete") for op, _, _ in self.ops)
        return self.longest >= MIN_RUN and self.matched >= SAME * self.shorter

    @property
    def exact(self) -> bool:
        """Every word of the shorter wording found: the same words, or a trimmed fragment of them."""
        return self.matched == self.shorter


def align(canonical: list[str], other: list[str]) -> Alignment:
    a = [w for w in canonical if w != ELIDED]
    sm = SequenceMatcher(None, a, other, autojunk=False)
    ops: list[tuple[str, list[str], list[str]]] = [(tag, a[i1:i2], other[j1:j2])
                                                   for tag, i1, i2, j1, j2 in sm.get_opcodes()]
    runs = [len(x) for tag, x, _ in ops if tag == "equal"]
    shorter = min(len(a), len([w for w in other if w != ELIDED]))
    return Alignment(sum(runs), shorter, max(runs, default=0), ops)


def variant(al: Alignment, reported: bool = False) -> str | None:
    """How a wording differs from the canonical one beyond trimming: 'negation' (a 'not' lost or added),
    'changed', 'added' or 'dropped' words; None for the same words or a fragment of them (cut at either
    end, or where an elision marks the cut). Reported speech rewords as a rule: only a lost or added
    negation is a variant of it."""
    inner = _inner(al.ops)
    found: list[str] = []
    for tag, was, now in inner:
        if tag == "equal" or (tag in ("replace", "insert") and set(now) == {ELIDED}):
            continue
        if bool(_negators(was)) != bool(_negators(now)):  # 'would not' for 'cannot' keeps the negation
            return "negation"
        found.append({"replace": "changed", "insert": "added", "delete": "dropped"}[tag])
    if reported or not found:
        return None
    return "changed" if "changed" in found else found[0]


def _negators(ws: list[str]) -> list[str]:
    return sorted(w for w in ws if w in NEGATION or w.endswith("n't"))


def _inner(ops: list[tuple[str, list[str], list[str]]]) -> list[tuple[str, list[str], list[str]]]:
    """The operations between the first and last shared words: what lies outside is trimming."""
    eq = [k for k, (tag, _, _) in enumerate(ops) if tag == "equal"]
    if not eq:
        return ops
    inner = ops[eq[0]:eq[-1] + 1]
    # words this wording adds beyond the canonical's ends are still added words
    outer = [op for op in ops[:eq[0]] + ops[eq[-1] + 1:] if op[2] and set(op[2]) != {ELIDED}]
    return inner + [("replace" if was else "insert", was, now) for _, was, now in outer]


def diff(canonical: str, text: str) -> list[dict[str, str]]:
    """A word-level diff for display, in each wording's own spelling: runs of kept words, words cut
    (outside this wording or at its elisions), and words changed ('was' then 'now'), added or dropped."""
    shown_a = [w for w in tokens(canonical) if w != ELIDED]
    shown_b = tokens(text)
    sm = SequenceMatcher(None, [w.casefold() for w in shown_a], [w.casefold() for w in shown_b], autojunk=False)
    codes = sm.get_opcodes()
    eq = [k for k, c in enumerate(codes) if c[0] == "equal"]
    out: list[dict[str, str]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(codes):
        was, now = shown_a[i1:i2], shown_b[j1:j2]
        outside = not eq or k < eq[0] or k > eq[-1]
        if tag == "equal":
            out.append({"op": "same", "text": " ".join(now)})
            continue
        words_now = [w for w in now if w != ELIDED]
        if was and outside and words_now:  # changed at the edge: the words beside it, the rest cut
            n, lead = len(words_now), bool(eq) and k < eq[0]
            changed, cut = (was[-n:], was[:-n]) if lead else (was[:n], was[n:])
            out.extend([{"op": "cut", "text": " ".join(cut)}] if cut and lead else [])
            out.extend([{"op": "was", "text": " ".join(changed)}, {"op": "now", "text": " ".join(words_now)}])
            out.extend([{"op": "cut", "text": " ".join(cut)}] if cut and not lead else [])
        elif was and (outside or (now and not words_now)):  # trimmed, or cut where an elision marks it
            out.append({"op": "cut", "text": " ".join(was)})
        elif was:  # dropped, or changed
            out.append({"op": "was", "text": " ".join(was)})
            out.extend([{"op": "now", "text": " ".join(words_now)}] if words_now else [])
        elif words_now:
            out.append({"op": "added", "text": " ".join(words_now)})
    return out
