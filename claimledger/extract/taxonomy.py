"""Topic taxonomies: the issues positions are taken on, as user-editable YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

import yaml

from ..errors import ClaimledgerError

DEFAULT = Path(__file__).parent / "data" / "topics-russia-ukraine.yaml"
STANCES = ("support", "oppose", "auto")
PatternStance = Literal["support", "oppose", "auto"]  # auto: support unless the words around negate it


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    stance: PatternStance
    source: str = ""  # as the file writes it, with its {TERM}s: what --explain shows


TERM = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")  # '{RUSSIA}'; a quantifier's braces hold digits, never a name


@dataclass(frozen=True)
class Topic:
    id: str
    description: str
    examples: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    name: str
    source: str
    topics: tuple[Topic, ...] = field(default_factory=tuple)

    def get(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def _fail(where: str, problem: str) -> ClaimledgerError:
    return ClaimledgerError(where, problem, "fix the topics file (see claimledger/extract/data/topics-russia-ukraine."
                                            "yaml for the format)")


@lru_cache(maxsize=8)
def parse(text: str, where: str) -> Taxonomy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(where, f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list) or not data["topics"]:
        raise _fail(where, "has no 'topics:' list")
    terms = _terms(data.get("terms"), where)
    topics = []
    for i, t in enumerate(data["topics"]):
        if not isinstance(t, dict) or not t.get("id") or not t.get("description"):
            raise _fail(where, f"topic {i + 1} needs an 'id' and a 'description'")
        pats = []
        for p in t.get("patterns") or []:
            raw, stance = (p.get("re"), p.get("stance", "auto")) if isinstance(p, dict) else (p, "auto")
            if stance not in STANCES:
                raise _fail(where, f"topic {t['id']}: stance {stance!r} is not one of {', '.join(STANCES)}")
            expanded = _expand(str(raw), terms, where, str(t["id"]))
            try:
                pats.append(Pattern(re.compile(expanded, re.I), cast(PatternStance, stance), str(raw)))
            except re.error as exc:
                raise _fail(where, f"topic {t['id']}: bad pattern {raw!r} ({exc})") from None
        if not pats:  # a topic with examples only: its example phrasings are its patterns
            pats = [Pattern(re.compile(r"\b" + re.escape(e.lower()) + r"\b", re.I), "auto")
                    for e in t.get("examples") or []]
        if not pats:
            raise _fail(where, f"topic {t['id']} has neither patterns nor examples")
        try:
            unless = tuple(re.compile(_expand(str(u), terms, where, str(t["id"])), re.I) for u in t.get("unless") or [])
        except re.error as exc:
            raise _fail(where, f"topic {t['id']}: bad 'unless' pattern ({exc})") from None
        topics.append(Topic(str(t["id"]), str(t["description"]), tuple(map(str, t.get("examples") or [])),
                            tuple(pats), unless))
    return Taxonomy(str(data.get("name") or Path(where).stem), where, tuple(topics))


def _terms(raw: object, where: str) -> dict[str, str]:
    """The file's named word classes ('RUSSIA: russia|moscow|the kremlin'), each a regex alternation that
    patterns use as {RUSSIA}; a term may use the terms defined above it."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(where, "has 'terms:' that is not a mapping of NAME: alternatives")
    terms: dict[str, str] = {}
    for name, alts in raw.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise _fail(where, f"term {name!r} needs an upper-case name (letters, digits, _)")
        parts = [str(a).strip() for a in (alts if isinstance(alts, list) else [alts]) if a is not None]
        if not parts or not all(parts):
            raise _fail(where, f"term {name} needs a list of alternatives (a term that matches nothing or "
                               f"anything is a mistake)")
        words = "|".join(parts)
        terms[name] = _expand(words, terms, where, f"term {name}")
        try:
            re.compile(terms[name])
        except re.error as exc:
            raise _fail(where, f"term {name}: bad alternatives ({exc})") from None
    return terms


def _expand(raw: str, terms: dict[str, str], where: str, owner: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1) not in terms:
            raise _fail(where, f"{owner}: {{{m.group(1)}}} is not defined under 'terms:'")
        return f"(?:{terms[m.group(1)]})"
    return TERM.sub(one, raw)


def read(path: str | None = None) -> tuple[str, str]:
    """(where, text) of the topics file at ``path``, else of the shipped Russia–Ukraine one."""
    where = path or str(DEFAULT)
    try:
        return where, Path(where).read_text(encoding="utf-8")
    except OSError as exc:
        raise ClaimledgerError(where, f"cannot read the topics file ({exc.strerror})",
                               "check the path given with --topics or $CLAIMLEDGER_TOPICS") from None
