"""Plain data passed between the layers: ingest -> extract -> ledger -> analysis -> interfaces.

Every extracted record points back into ``Article.text`` with Python string offsets, so any row
in the ledger can be checked against the exact characters it came from.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from typing import Any

from .kinds import ActorKind, EventKind, SegmentKind, Stance, StatementKind

__all__ = ["ActorKind", "ActorRecord", "Article", "Event", "EventKind", "Extraction", "Figure", "Mention", "Position",
           "Role",
           "Segment", "SegmentKind", "Span", "Stance", "Statement", "StatementKind", "grouped_positions"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


# a headline or subheading can carry a claim ("Kallas: Russia must concede"); furniture cannot
EXTRACTABLE = ("body", "title", "heading", "caption")  # captions count like body text (the guideline)


@dataclass(frozen=True)
class Segment:
    """A stretch of the stored text; extractors read only ``body`` and ``title`` segments."""

    start: int
    end: int
    kind: SegmentKind


@dataclass
class Article:
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    country: str | None = None
    source: str | None = None  # file path, URL or "<stdin>" it came from
    segments: list[Segment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list, compare=False)  # what reading it had to assume, for a warning

    @property
    def content_hash(self) -> str:
        """Exact re-ingest detection: whitespace-normalised text, so re-saved copies still match."""
        norm = " ".join(self.text.split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    @property
    def identity(self) -> str:
        """Same text from the same place (URL, else file name) is the same article; a copy elsewhere is not.

        Exact copies under another name or URL are stored and linked as ``identical`` rather than dropped,
        since a republication by another outlet or on another date is itself evidence of who carried what.
        """
        where = self.url or os.path.basename(self.source or "")
        return hashlib.sha256(f"{self.content_hash}\x00{where}".encode()).hexdigest()

    def body_ranges(self) -> list[tuple[int, int]]:
        if not self.segments:
            return [(0, len(self.text))]
        return [(s.start, s.end) for s in self.segments if s.kind in EXTRACTABLE]


@dataclass
class Mention:
    """One surface mention of an actor in the text (a name, alias, role noun or pronoun)."""

    span: Span
    label: str  # PERSON | ORG | GPE | NORP | MEDIA | ...
    actor: str | None  # canonical name within the article


@dataclass(frozen=True)
class Role:
    """A role phrase in one article ('Ukraine's defence minister'), with the actor it ties the person to."""

    text: str
    start: int
    end: int
    of: str | None = None  # the organisation or state: 'Ukraine'

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "of": self.of}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | str) -> Role:
        """Records written before roles had offsets hold the bare phrase."""
        return cls(d, 0, 0) if isinstance(d, str) else cls(d["text"], d["start"], d["end"], d.get("of"))


@dataclass
class ActorRecord:
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None


@dataclass
class Statement:
    content: Span
    speaker: Span | None
    speaker_name: str | None
    cue: Span | None
    kind: StatementKind
    said_on: str | None
    confidence: float
    # pieces of one discontinuous content; today's rules give one statement per quoted stretch (the guideline)
    # and leave it empty, but ledgers written before keep theirs
    parts: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        content = self.content.to_dict()
        if self.parts:
            content["parts"] = [list(p) for p in self.parts]
        return {
            "content": content,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "cue": self.cue.to_dict() if self.cue else None,
            "kind": self.kind,
            "said_on": self.said_on,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Figure:
    span: Span
    value: float | None
    low: float | None = None
    high: float | None = None
    approx: str | None = None
    unit: str | None = None
    counted: str | None = None
    group: str | None = None
    measure: str | None = None
    period: str | None = None
    claimant_name: str | None = None
    statement: int | None = None
    as_of: str | None = None
    projection: bool = False
    quantity: str | None = None  # group|measure|unit class, set once by the extractor: what lines figures up
    kind: str | None = None  # count | money | percent | measure | rate
    rate: str | None = None  # 'per day' of '1,000 a day'
    converts: int | None = None  # index of the figure a bracketed conversion restates: '€38bn ($44.7bn)'

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = self.span.to_dict()
        del d["quantity"]  # the ledger's column; the extract output keeps its documented shape
        return d


@dataclass
class Position:
    """An actor's side (support | oppose) on a topic of the taxonomy, with the words that show it."""

    actor_name: str
    topic: str
    stance: Stance
    evidence: Span
    confidence: float
    statement: int | None = None  # index into Extraction.statements when the evidence is a statement
    said_on: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor_name": self.actor_name, "topic": self.topic, "stance": self.stance,
                "evidence": self.evidence.to_dict(), "confidence": self.confidence, "statement": self.statement,
                "said_on": self.said_on}


@dataclass
class Event:
    """A meeting, a round of talks, a summit or a call: who, where, when, on which evidence."""

    kind: EventKind
    trigger: Span
    evidence: Span
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "trigger": self.trigger.to_dict(), "evidence": self.evidence.to_dict(),
                "participants": self.participants, "place": self.place, "date": self.date}


def grouped_positions(positions: list[Position]) -> list[dict[str, Any]]:
    """One row per (actor, topic, stance) in an article: the best evidence first, the rest after."""
    groups: dict[tuple[str, str, str], list[Position]] = {}
    for p in positions:
        groups.setdefault((p.actor_name, p.topic, p.stance), []).append(p)
    out = []
    for ps in groups.values():
        ps = sorted(ps, key=lambda p: (-p.confidence, p.evidence.start))
        row = ps[0].to_dict()
        row["more_evidence"] = [p.evidence.to_dict() for p in ps[1:]]
        out.append(row)
    return out


@dataclass
class Extraction:
    """Everything extracted from one article; what ``extract()`` returns and ``Ledger.add`` stores."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[ActorRecord] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": [s.to_dict() for s in self.statements],
            "figures": [f.to_dict() for f in self.figures],
            "positions": grouped_positions(self.positions),
            "events": [e.to_dict() for e in self.events],
            "actors": [asdict(a) for a in self.actors],
            "mentions": [
                {"span": m.span.to_dict(), "label": m.label, "actor": m.actor} for m in self.mentions
            ],
        }
