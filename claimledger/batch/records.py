"""Flat rows for the batch tables, and back: an article and its extraction as Parquet rows.

Pure and Spark-free: the Spark job writes these rows, ``load`` reads them back into the very
``Article`` and ``Extraction`` objects single-machine ingest stores, so both paths meet in
``Ledger.add``. Ids are stable: an article's id is its identity hash, a record's id is the article
id and the record's position, so a rerun writes the same rows.
"""

from __future__ import annotations

import json
from typing import Any

from ..extract.figures import quantity_key
from ..types import ActorRecord, Article, Event, Extraction, Figure, Mention, Position, Segment, Span, Statement

# table -> ordered (column, type) pairs; types are Spark SQL names, mapped to Arrow by the loader
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "articles": [("article_id", "string"), ("file_no", "long"), ("item_no", "long"), ("title", "string"),
                 ("url", "string"), ("outlet", "string"), ("author", "string"), ("published", "string"),
                 ("language", "string"), ("country", "string"), ("source", "string"), ("text", "string"),
                 ("segments", "string"), ("extractor_version", "string"), ("month", "string")],
    "statements": [("statement_id", "string"), ("article_id", "string"), ("ordinal", "int"),
                   ("content_start", "int"), ("content_end", "int"), ("content", "string"), ("parts", "string"),
                   ("speaker_start", "int"), ("speaker_end", "int"), ("speaker_text", "string"),
                   ("speaker_name", "string"), ("cue_start", "int"), ("cue_end", "int"), ("cue", "string"),
                   ("kind", "string"), ("said_on", "string"), ("confidence", "double"), ("month", "string")],
    "figures": [("figure_id", "string"), ("article_id", "string"), ("ordinal", "int"), ("statement_ordinal", "int"),
                ("start", "int"), ("end", "int"), ("text", "string"), ("value", "double"), ("low", "double"),
                ("high", "double"), ("approx", "string"), ("unit", "string"), ("counted", "string"),
                ("group", "string"), ("measure", "string"), ("period", "string"), ("claimant_name", "string"),
                ("as_of", "string"), ("projection", "boolean"), ("quantity", "string"), ("month", "string")],
    "mentions": [("article_id", "string"), ("ordinal", "int"), ("start", "int"), ("end", "int"), ("text", "string"),
                 ("label", "string"), ("actor", "string"), ("month", "string")],
    "positions": [("article_id", "string"), ("ordinal", "int"), ("actor_name", "string"), ("topic", "string"),
                  ("stance", "string"), ("start", "int"), ("end", "int"), ("confidence", "double"),
                  ("statement_ordinal", "int"), ("said_on", "string"), ("month", "string")],
    "events": [("article_id", "string"), ("ordinal", "int"), ("kind", "string"), ("trigger_start", "int"),
               ("trigger_end", "int"), ("start", "int"), ("end", "int"), ("participants", "string"),
               ("place", "string"), ("date", "string"), ("month", "string")],
    "article_actors": [("article_id", "string"), ("ordinal", "int"), ("name", "string"), ("kind", "string"),
                       ("gender", "string"), ("aliases", "string"), ("roles", "string"), ("month", "string")],
}
PER_ARTICLE = ("statements", "figures", "mentions", "article_actors", "positions", "events")


def month_of(published: str | None) -> str:
    return published[:7] if published and len(published) >= 7 and published[4] == "-" else "unknown"


def _span(text: str, start: int | None, end: int | None) -> Span | None:
    return Span.of(text, start, end) if start is not None and end is not None else None


def to_rows(art: Article, ex: Extraction, file_no: int, item_no: int, version: str) -> dict[str, list[dict[str, Any]]]:
    aid = art.identity
    month = month_of(art.published)
    rows: dict[str, list[dict[str, Any]]] = {"articles": [{
        "article_id": aid, "file_no": file_no, "item_no": item_no, "title": art.title, "url": art.url,
        "outlet": art.outlet, "author": art.author, "published": art.published, "language": art.language,
        "country": art.country, "source": art.source, "text": art.text,
        "segments": json.dumps([[s.start, s.end, s.kind] for s in art.segments]),
        "extractor_version": version, "month": month}]}
    rows["statements"] = [{
        "statement_id": f"{aid}:s{i}", "article_id": aid, "ordinal": i, "content_start": s.content.start,
        "content_end": s.content.end, "content": s.content.text, "parts": json.dumps([list(p) for p in s.parts]),
        "speaker_start": s.speaker.start if s.speaker else None, "speaker_end": s.speaker.end if s.speaker else None,
        "speaker_text": s.speaker.text if s.speaker else None, "speaker_name": s.speaker_name,
        "cue_start": s.cue.start if s.cue else None, "cue_end": s.cue.end if s.cue else None,
        "cue": s.cue.text if s.cue else None, "kind": s.kind, "said_on": s.said_on, "confidence": s.confidence,
        "month": month} for i, s in enumerate(ex.statements)]
    rows["figures"] = [{
        "figure_id": f"{aid}:f{i}", "article_id": aid, "ordinal": i, "statement_ordinal": f.statement,
        "start": f.span.start, "end": f.span.end, "text": f.span.text, "value": f.value, "low": f.low,
        "high": f.high, "approx": f.approx, "unit": f.unit, "counted": f.counted, "group": f.group,
        "measure": f.measure, "period": f.period, "claimant_name": f.claimant_name, "as_of": f.as_of,
        "projection": f.projection, "quantity": quantity_key(f.group, f.measure, f.unit), "month": month}
        for i, f in enumerate(ex.figures)]
    rows["mentions"] = [{"article_id": aid, "ordinal": i, "start": m.span.start, "end": m.span.end,
                         "text": m.span.text, "label": m.label, "actor": m.actor, "month": month}
                        for i, m in enumerate(ex.mentions)]
    rows["positions"] = [{"article_id": aid, "ordinal": i, "actor_name": p.actor_name, "topic": p.topic,
                          "stance": p.stance, "start": p.evidence.start, "end": p.evidence.end,
                          "confidence": p.confidence, "statement_ordinal": p.statement, "said_on": p.said_on,
                          "month": month} for i, p in enumerate(ex.positions)]
    rows["events"] = [{"article_id": aid, "ordinal": i, "kind": e.kind, "trigger_start": e.trigger.start,
                       "trigger_end": e.trigger.end, "start": e.evidence.start, "end": e.evidence.end,
                       "participants": json.dumps(e.participants), "place": e.place, "date": e.date,
                       "month": month} for i, e in enumerate(ex.events)]
    rows["article_actors"] = [{"article_id": aid, "ordinal": i, "name": a.name, "kind": a.kind, "gender": a.gender,
                               "aliases": json.dumps(a.aliases), "roles": json.dumps(a.roles), "month": month}
                              for i, a in enumerate(ex.actors)]
    return rows


def from_rows(article: dict[str, Any], records: dict[str, list[dict[str, Any]]]) -> tuple[Article, Extraction]:
    """The inverse of ``to_rows``; ``records`` holds the article's rows of each per-article table."""
    text = article["text"]
    art = Article(text=text, title=article["title"], url=article["url"], outlet=article["outlet"],
                  author=article["author"], published=article["published"], language=article["language"],
                  country=article["country"], source=article["source"],
                  segments=[Segment(s, e, k) for s, e, k in json.loads(article["segments"] or "[]")])
    by = {k: sorted(records.get(k, []), key=lambda r: r["ordinal"]) for k in PER_ARTICLE}
    statements = [Statement(
        Span.of(text, r["content_start"], r["content_end"]), _span(text, r["speaker_start"], r["speaker_end"]),
        r["speaker_name"], _span(text, r["cue_start"], r["cue_end"]), r["kind"], r["said_on"], r["confidence"],
        tuple(tuple(p) for p in json.loads(r["parts"] or "[]")))  # type: ignore[misc]
        for r in by["statements"]]
    figures = [Figure(
        Span.of(text, r["start"], r["end"]), r["value"], r["low"], r["high"], r["approx"], r["unit"], r["counted"],
        r["group"], r["measure"], r["period"], r["claimant_name"], r["statement_ordinal"], r["as_of"],
        bool(r["projection"])) for r in by["figures"]]
    mentions = [Mention(Span.of(text, r["start"], r["end"]), r["label"], r["actor"]) for r in by["mentions"]]
    actors = [ActorRecord(r["name"], r["kind"], json.loads(r["aliases"]), json.loads(r["roles"]), r["gender"])
              for r in by["article_actors"]]
    positions = [Position(r["actor_name"], r["topic"], r["stance"], Span.of(text, r["start"], r["end"]),
                          r["confidence"], r["statement_ordinal"], r["said_on"]) for r in by["positions"]]
    events = [Event(r["kind"], Span.of(text, r["trigger_start"], r["trigger_end"]), Span.of(text, r["start"], r["end"]),
                    json.loads(r["participants"]), r["place"], r["date"]) for r in by["events"]]
    return art, Extraction(mentions=mentions, actors=actors, statements=statements, figures=figures,
                           positions=positions, events=events)
