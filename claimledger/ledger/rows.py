"""Records to rows and back: the one mapping between ``Article`` + ``Extraction`` and table columns.

``Ledger.add`` and the Spark job both build their rows here, so a field added to a record reaches the
database and the Parquet tables alike; each adds only its own keys (database ids, or the batch job's
string ids and month). Column lengths come from ``schema.py``: a value is clipped to its column the
same way on SQLite, PostgreSQL and Parquet. Reading back rebuilds every span from its offsets.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, Table, Text

from ..types import ActorRecord, Article, Event, Figure, Mention, Position, Role, Segment, Span, Statement
from . import schema as t
from .copies import utterance_key

Row = dict[str, Any]
# columns a database write fills itself (ids and foreign keys); the rest are a record's own
DB_ONLY = frozenset({"id", "article_id", "ordinal", "actor_id", "statement_id", "claimant_actor_id", "outlet_id",
                     "minhash", "ingested_at", "claim_id", "variant",  # claims: see claims.py
                     "first_copy"})  # copies: see copies.py


def record_columns(table: Table) -> list[str]:
    """The columns a record maps to, in the table's order."""
    return [c.name for c in table.columns if c.name not in DB_ONLY]


def fit(column: Any, value: str) -> str:
    """One string cut to its column's length (for values a write also looks up by, like slugs and keys)."""
    length = getattr(column.type, "length", None)
    return value[:length] if length else value


def clip(table: Table, row: Row) -> Row:
    """Strings cut to their column's length: what fits on PostgreSQL fits everywhere."""
    out = dict(row)
    for name, value in row.items():
        col = table.columns.get(name)
        length = getattr(col.type, "length", None) if col is not None else None
        if length and isinstance(value, str) and len(value) > length:
            out[name] = value[:length]
    return out


def spark_type(table: Table, name: str) -> str:
    """The Spark SQL type of a column, for the Parquet tables."""
    kind = table.columns[name].type
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Float):
        return "double"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, String | Text):
        return "string"
    raise TypeError(f"{table.name}.{name}: no Parquet type for {kind!r}")


def _span(text: str, start: int | None, end: int | None) -> Span | None:
    return Span.of(text, start, end) if start is not None and end is not None else None


# -- articles ----------------------------------------------------------------------------------

def article_row(art: Article, version: str) -> Row:
    return {"identity": art.identity, "content_hash": art.content_hash, "title": art.title, "url": art.url,
            "author": art.author, "published": art.published, "language": art.language, "country": art.country,
            "source": art.source, "text": art.text, "extractor_version": version}


def segment_rows(art: Article) -> list[Row]:
    return [{"start": s.start, "end": s.end, "kind": s.kind} for s in art.segments]


def article_from_row(r: Row, segments: list[Row]) -> Article:
    return Article(text=r["text"], title=r["title"], url=r["url"], outlet=r.get("outlet"), author=r["author"],
                   published=r["published"], language=r["language"], country=r["country"], source=r["source"],
                   segments=[Segment(s["start"], s["end"], s["kind"]) for s in segments])


# -- per-article records -----------------------------------------------------------------------

def mention_row(m: Mention) -> Row:
    return {"start": m.span.start, "end": m.span.end, "text": m.span.text, "label": m.label}


def mention_from_row(text: str, r: Row, actor: str | None) -> Mention:
    return Mention(span=Span.of(text, r["start"], r["end"]), label=r["label"], actor=actor)


def statement_row(s: Statement) -> Row:
    return {"content_start": s.content.start, "content_end": s.content.end, "content": s.content.text,
            "parts": json.dumps([list(p) for p in s.parts]) if s.parts else None,
            "speaker_start": s.speaker.start if s.speaker else None,
            "speaker_end": s.speaker.end if s.speaker else None,
            "speaker_text": s.speaker.text if s.speaker else None, "speaker_name": s.speaker_name,
            "cue_start": s.cue.start if s.cue else None, "cue_end": s.cue.end if s.cue else None,
            "cue": s.cue.text if s.cue else None, "kind": s.kind, "said_on": s.said_on, "confidence": s.confidence,
            "utterance": utterance_key(s.content.text)}


def statement_from_row(text: str, r: Row) -> Statement:
    parts = tuple((int(a), int(b)) for a, b in json.loads(r["parts"] or "[]"))
    return Statement(content=Span.of(text, r["content_start"], r["content_end"]),
                     speaker=_span(text, r["speaker_start"], r["speaker_end"]), speaker_name=r["speaker_name"],
                     cue=_span(text, r["cue_start"], r["cue_end"]), kind=r["kind"], said_on=r["said_on"],
                     confidence=r["confidence"], parts=parts)


def figure_row(f: Figure) -> Row:
    return {"start": f.span.start, "end": f.span.end, "text": f.span.text, "value": f.value, "low": f.low,
            "high": f.high, "approx": f.approx, "unit": f.unit, "counted": f.counted, "group": f.group,
            "measure": f.measure, "period": f.period, "claimant_name": f.claimant_name, "as_of": f.as_of,
            "projection": f.projection, "quantity": f.quantity, "kind": f.kind, "rate": f.rate,
            "converts": f.converts}


def figure_from_row(text: str, r: Row, statement: int | None) -> Figure:
    return Figure(span=Span.of(text, r["start"], r["end"]), value=r["value"], low=r["low"], high=r["high"],
                  approx=r["approx"], unit=r["unit"], counted=r["counted"], group=r["group"], measure=r["measure"],
                  period=r["period"], claimant_name=r["claimant_name"], statement=statement, as_of=r["as_of"],
                  projection=bool(r["projection"]), quantity=r["quantity"], kind=r.get("kind"), rate=r.get("rate"),
                  converts=r.get("converts"))


def position_row(p: Position) -> Row:
    return {"actor_name": p.actor_name, "topic": p.topic, "stance": p.stance, "start": p.evidence.start,
            "end": p.evidence.end, "evidence": p.evidence.text, "confidence": p.confidence, "said_on": p.said_on}


def position_from_row(text: str, r: Row, statement: int | None) -> Position:
    return Position(actor_name=r["actor_name"], topic=r["topic"], stance=r["stance"],
                    evidence=Span.of(text, r["start"], r["end"]), confidence=r["confidence"], statement=statement,
                    said_on=r["said_on"])


def event_row(e: Event) -> Row:
    return {"kind": e.kind, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "start": e.evidence.start,
            "end": e.evidence.end, "evidence": e.evidence.text, "participants": json.dumps(e.participants),
            "place": e.place, "date": e.date}


def event_from_row(text: str, r: Row) -> Event:
    return Event(kind=r["kind"], trigger=Span.of(text, r["trigger_start"], r["trigger_end"]),
                 evidence=Span.of(text, r["start"], r["end"]), participants=json.loads(r["participants"]),
                 place=r["place"], date=r["date"])


def actor_row(a: ActorRecord) -> Row:
    """An article's own actor record: the database merges it into ``actors``; the batch job keeps it as is."""
    return {"name": a.name, "kind": a.kind, "gender": a.gender, "aliases": json.dumps(a.aliases),
            "roles": json.dumps([r.to_dict() for r in a.roles])}


def actor_from_row(r: Row) -> ActorRecord:
    return ActorRecord(name=r["name"], kind=r["kind"], aliases=json.loads(r["aliases"]),
                       roles=[Role.from_dict(d) for d in json.loads(r["roles"])], gender=r["gender"])


# the table each record maps to, for checks that every column is filled and nothing else
RECORD_TABLES: dict[str, Table] = {"articles": t.articles, "segments": t.segments, "mentions": t.mentions,
                                   "statements": t.statements, "figures": t.figures, "positions": t.positions,
                                   "events": t.events}
