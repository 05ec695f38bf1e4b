"""Two ledgers compared row for row, by content rather than by database ids."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from claimledger.ledger import schema as t
from claimledger.ledger.store import Ledger


def digest(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    a, s, f, m, act = t.articles, t.statements, t.figures, t.mentions, t.actors
    with ledger.connect() as conn:
        ident = dict(conn.execute(select(a.c.id, a.c.identity)).all())
        names = dict(conn.execute(select(act.c.id, act.c.name)).all())
        aliases: dict[int, list[str]] = {}
        for aid, alias in conn.execute(select(t.aliases.c.actor_id, t.aliases.c.alias)):
            aliases.setdefault(aid, []).append(alias)
        roles: dict[int, list[str]] = {}
        for aid, role in conn.execute(select(t.actor_roles.c.actor_id, t.actor_roles.c.role)):
            roles.setdefault(aid, []).append(role)
        out = {
            "articles": [(r.identity, r.title, r.url, r.published, r.language, r.country, r.outlet, r.text,
                          r.extractor_version)
                         for r in conn.execute(select(a, t.outlets.c.name.label("outlet"))
                                               .outerjoin(t.outlets, t.outlets.c.id == a.c.outlet_id))],
            "segments": [(ident[r.article_id], r.start, r.end, r.kind) for r in conn.execute(select(t.segments))],
            "statements": [(ident[r.article_id], r.ordinal, r.content_start, r.content_end, r.content,
                            r.speaker_start, r.speaker_end, r.speaker_text, r.speaker_name, names.get(r.actor_id),
                            r.cue_start, r.cue_end, r.cue, r.kind, r.said_on, round(r.confidence, 6), r.parts)
                           for r in conn.execute(select(s))],
            "figures": [(ident[r.article_id], r.ordinal, r.start, r.end, r.text, r.value, r.low, r.high, r.approx,
                         r.unit, r.counted, r.group, r.measure, r.period, r.claimant_name,
                         names.get(r.claimant_actor_id), r.as_of, r.projection, r.quantity)
                        for r in conn.execute(select(f))],
            "mentions": [(ident[r.article_id], r.start, r.end, r.text, r.label, names.get(r.actor_id))
                         for r in conn.execute(select(m))],
            "actors": [(r.name, r.slug, r.kind, r.gender, r.statement_count, r.mention_count,
                        tuple(sorted(aliases.get(r.id, []))), tuple(sorted(roles.get(r.id, []))))
                       for r in conn.execute(select(act))],
            "links": [(ident[r.article_id], ident[r.other_id], r.kind, r.similarity)
                      for r in conn.execute(select(t.article_links))],
            "positions": [(ident[r.article_id], r.ordinal, names.get(r.actor_id), r.actor_name, r.topic, r.stance,
                           r.start, r.end, r.evidence, r.confidence, r.statement_id is not None, r.said_on)
                          for r in conn.execute(select(t.positions))],
            "extractors": [(r.version, r.rules, r.model, r.taxonomy) for r in conn.execute(select(t.extractors))],
            "events": [(ident[r.article_id], r.ordinal, r.kind, r.trigger_start, r.trigger_end, r.start, r.end,
                        r.participants, r.place, r.date) for r in conn.execute(select(t.events))],
        }
    out["claims"] = claims_digest(ledger)
    return {k: sorted(v, key=repr) for k, v in out.items()}


def claims_digest(ledger: Ledger) -> list[tuple[Any, ...]]:
    """Each claim by content: kind, actor, wording, first article, counts, and its members with their flags."""
    c = t.claims
    with ledger.connect() as conn:
        ident = dict(conn.execute(select(t.articles.c.id, t.articles.c.identity)).all())
        names = dict(conn.execute(select(t.actors.c.id, t.actors.c.name)).all())
        members: dict[int, list[tuple[Any, ...]]] = {}
        for table in (t.statements, t.figures):
            for r in conn.execute(select(table.c.claim_id, table.c.article_id, table.c.ordinal, table.c.variant)
                                  .where(table.c.claim_id.is_not(None))):
                members.setdefault(r.claim_id, []).append((ident[r.article_id], table.name, r.ordinal, r.variant))
        rows = [(r.kind, names.get(r.actor_id), r.text, ident.get(r.first_article_id), r.first_date, r.appearances,
                 r.articles, r.outlets, r.variants, tuple(sorted(members.get(r.id, []))))
                for r in conn.execute(select(c))]
    return sorted(rows, key=repr)


def differences(a: Ledger, b: Ledger, show: int = 3) -> list[str]:
    """Empty when the ledgers hold the same rows; else, per table, a few rows only one side has."""
    da, db = digest(a), digest(b)
    out = []
    for table in da:
        only_a = sorted(set(da[table]) - set(db[table]), key=repr)
        only_b = sorted(set(db[table]) - set(da[table]), key=repr)
        if only_a or only_b or len(da[table]) != len(db[table]):
            out.append(f"{table}: {len(da[table])} vs {len(db[table])} rows; only left {only_a[:show]}; "
                       f"only right {only_b[:show]}")
    return out
