"""The store, the same tests on a SQLite file and on a real PostgreSQL server.

Extractions are built by hand (``records.marked``): the ledger is tested without the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from records import marked
from sqlalchemy import func, select

from claimledger.errors import LedgerError
from claimledger.ingest.sources import IngestOptions, finish
from claimledger.ledger import schema as t
from claimledger.ledger.read import Filters, summary, table_rows
from claimledger.ledger.read import full_text_search as run_search
from claimledger.ledger.store import Ledger
from claimledger.types import Article, Span, Statement

TEXT = ("Port reopens after storm\n"
        "Harbour master Greta Lund said on Monday that the port of Velm would reopen on Friday.\n"
        "READ ALSO: Storm damage in the north\n"
        "\"We lost 40 boats and nearly 2 million euros in a single night,\" Lund told the Velm Courier.\n")


LONG = ("The storm, the worst in thirty years, struck the coast late on Sunday and tore through the fishing "
        "harbour, the ferry terminal and the old warehouses along the quay. Divers spent Monday searching the "
        "basin for sunken hulls while crews cleared debris from the approach channel. The town council met in an "
        "emergency session and asked the regional government for help with repairs to the breakwater, which was "
        "breached in two places. Fishermen said they feared the season was lost, and several families who live on "
        "boats moored in the inner harbour were moved to the sports hall. Insurance assessors are expected on "
        "Wednesday, and the ferry company said its timetable would resume once the terminal is inspected.\n")


def make_article(text: str = TEXT, source: str = "velm.txt", outlet: str | None = "Velm Courier") -> Article:
    return finish(Article(text=text, source=source, outlet=outlet, published="2024-03-04"), IngestOptions())


def test_article_and_records_round_trip_with_offsets(ledger: Ledger) -> None:
    art = make_article()
    res = ledger.add(art, marked(art))
    assert res.added
    with ledger.connect() as conn:
        text = conn.execute(select(t.articles.c.text)).scalar_one()
        speakers = set()
        for row in conn.execute(select(t.statements)):
            assert text[row.content_start:row.content_end] == row.content
            assert text[row.speaker_start:row.speaker_end] == row.speaker_text
            speakers.add(row.speaker_text)
        assert "Lund" in speakers
        figs = {}
        for row in conn.execute(select(t.figures)):
            assert text[row.start:row.end] == row.text
            figs[row.text] = row
        money = figs["nearly 2 million euros"]
        assert money.statement_id is not None and money.claimant_actor_id is not None and money.unit == "EUR"
        for row in conn.execute(select(t.mentions)):
            assert text[row.start:row.end] == row.text
        kinds = dict(conn.execute(select(t.segments.c.kind, func.count()).group_by(t.segments.c.kind)).all())
    assert kinds.get("read_also") == 1 and kinds.get("title") == 1
    assert text == TEXT


def test_reingest_adds_nothing(ledger: Ledger) -> None:
    art = make_article()
    first = ledger.add(art, marked(art))
    again = ledger.add(make_article(), marked(art))
    assert first.added and not again.added and again.article_id == first.article_id
    assert ledger.counts()["articles"] == 1


def test_copies_elsewhere_are_linked_not_dropped(ledger: Ledger) -> None:
    long_text = TEXT + LONG
    a = make_article(long_text)
    b = make_article(long_text, source="other-name.txt")  # same text, other file: stored, linked as identical
    c = make_article("Storm: port of Velm to reopen\n" + long_text.split("\n", 1)[1].replace("Friday", "Saturday")
                     + "Reporting by Nordic Wire.\n", source="wire.txt", outlet="Nordic Wire")  # syndicated, edited
    ida = ledger.add(a, marked(a)).article_id
    rb = ledger.add(b, marked(b))
    rc = ledger.add(c, marked(c))
    assert rb.added and [(o, k) for o, k, _ in rb.links] == [(ida, "identical")]
    assert rc.added and {k for _, k, _ in rc.links} == {"syndicated"}
    unrelated = make_article("Completely different story about rail strikes in the capital city today.\n",
                             source="rail.txt")
    assert ledger.add(unrelated, marked(unrelated)).links == []


def test_article_is_written_all_or_nothing(ledger: Ledger) -> None:
    art = make_article()
    ex = marked(art)
    # a statement without a kind breaks a NOT NULL constraint after the article row is already inserted
    ex.statements.append(Statement(Span.of(art.text, 0, 4), None, None, None, None, None, 0.5))  # type: ignore[arg-type]
    with pytest.raises(LedgerError) as info:
        ledger.add(art, ex)
    assert "nothing of this article was written" in str(info.value)
    counts = ledger.counts()
    assert counts["articles"] == 0 and counts["actors"] == 0 and counts["mentions"] == 0
    with ledger.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.segments)).scalar_one() == 0


def test_actors_merge_across_articles(ledger: Ledger) -> None:
    a = make_article()
    b = make_article("Velm update\nLund later said that 12 boats were recovered by divers.\n", source="b.txt")
    ledger.add(a, marked(a))
    ledger.add(b, marked(b))
    with ledger.connect() as conn:
        names = conn.execute(select(t.actors.c.name).where(t.actors.c.name.like("%Lund%"))).scalars().all()
        aliases = conn.execute(select(t.aliases.c.alias).join(t.actors).where(t.actors.c.name == "Greta Lund")
                               ).scalars().all()
    assert names == ["Greta Lund"] and "Lund" in aliases


def search(ledger: Ledger, query: str) -> dict[str, list[dict[str, object]]]:
    return run_search(ledger, query, Filters(per_page=20))


def test_full_text_search_and_summary(ledger: Ledger) -> None:
    art = make_article()
    ledger.add(art, marked(art))
    res = search(ledger, "boats")
    assert [r["speaker_name"] for r in res["statements"]] == ["Greta Lund"]
    assert res["articles"] and res["articles"][0]["title"] == "Port reopens after storm"
    assert search(ledger, "tulips") == {"statements": [], "articles": []}
    assert search(ledger, "\" OR 1=1; DROP TABLE articles; --")["articles"] == []
    assert ledger.counts()["articles"] == 1
    s = summary(ledger)
    assert s["outlets"] == [{"name": "Velm Courier", "articles": 1}]
    # the reported clause and the quote, both Greta Lund's
    assert s["top_speakers"] == [{"name": "Greta Lund", "slug": "greta-lund", "statements": 2}]
    assert [r["content"] for r in table_rows(ledger, "statements")] == [
        "that the port of Velm would reopen on Friday", "We lost 40 boats and nearly 2 million euros in a single night"]


def test_reopening_keeps_data_and_schema(ledger_url: str) -> None:
    art = make_article()
    with Ledger(ledger_url) as a:
        a.add(art, marked(art))
    with Ledger(ledger_url) as b:
        assert b.counts()["articles"] == 1


def test_actor_counts_follow_adds_and_merges(ledger: Ledger) -> None:
    """The stored statement and mention counts equal a recount after adds and an alias merge."""
    from claimledger.ledger.alias_file import AliasEntry, AliasFile

    for i, body in enumerate(["Port director Greta Lund said on Monday that the port of Velm would reopen on Friday.\n",
                              "Harbour master Ole Brandt said that 40 boats were lost. Lund agreed.\n"]):
        art = make_article("Velm\n" + body, source=f"{i}.txt")
        ledger.add(art, marked(art))

    def check() -> dict[str, int]:
        with ledger.connect() as conn:
            for aid, st, mn in conn.execute(select(t.actors.c.id, t.actors.c.statement_count,
                                                   t.actors.c.mention_count)).all():
                assert st == conn.execute(select(func.count(t.statements.c.utterance.distinct()))
                                          .where(t.statements.c.actor_id == aid)).scalar()
                assert mn == conn.execute(select(func.count()).where(t.mentions.c.actor_id == aid)).scalar()
            return dict(conn.execute(select(t.actors.c.name, t.actors.c.statement_count)).all())

    before = check()
    assert before["Greta Lund"] >= 1 and before["Ole Brandt"] >= 1
    ledger.apply_aliases(AliasFile(merge=[AliasEntry(1, "Greta Lund", ["Ole Brandt"])]))
    after = check()
    assert "Ole Brandt" not in after and after["Greta Lund"] == before["Greta Lund"] + before["Ole Brandt"]
    top = summary(ledger)["top_speakers"][0]
    assert top == {"name": "Greta Lund", "slug": "greta-lund", "statements": after["Greta Lund"]}


def test_every_record_field_reaches_its_row(ledger: Ledger) -> None:
    """What the extractor gives is what the ledger keeps: an interrupted quote's parts, the quantity key."""
    import json

    art = make_article()
    ex = marked(art)
    q = next(s for s in ex.statements if s.kind == "direct")
    a, b = q.content.start, q.content.end
    ex.statements[ex.statements.index(q)] = Statement(q.content, q.speaker, q.speaker_name, q.cue, "direct",
                                                      q.said_on, q.confidence, parts=((a, a + 7), (a + 8, b)))
    ledger.add(art, ex, "0.1+0123456789")
    with ledger.connect() as conn:
        parts = conn.execute(select(t.statements.c.parts).where(t.statements.c.kind == "direct")).scalar_one()
        quantity = conn.execute(select(t.figures.c.quantity)).scalar_one()
        version = conn.execute(select(t.articles.c.extractor_version)).scalar_one()
    assert json.loads(parts) == [[a, a + 7], [a + 8, b]]
    assert quantity == ex.figures[0].quantity == "|lost|money" and version == "0.1+0123456789"


def test_syndicated_copies_count_once(ledger: Ledger) -> None:
    """A copy in another outlet repeats each statement: lists show it once with its copies, counts take it once."""
    from claimledger.ledger.read import list_outlets, list_statements

    first = make_article()
    copy = make_article("Velm port to reopen Friday\n" + first.text.split("\n", 1)[1].replace("“", '"'),
                        source="copy.txt", outlet="Coast Wire")
    ledger.add(first, marked(first))
    said = summary(ledger)["top_speakers"]
    ledger.add(copy, marked(copy))
    assert ledger.counts()["statements"] == 2 * len(marked(first).statements)
    assert summary(ledger)["top_speakers"] == said  # "most quoted" unchanged by the copy
    rows = list_statements(ledger, Filters())
    assert len(rows) == len(marked(first).statements)
    assert all(r["copies"] == 1 and r["outlet"] == "Velm Courier" for r in rows)
    wire = list_statements(ledger, Filters(outlet="Coast Wire"))  # the copy, found by its own outlet
    assert [r["content"] for r in wire] == [r["content"] for r in rows]
    assert {r["outlet"] for r in wire} == {"Coast Wire"}
    per_outlet = {o["name"]: o["quotes"] for o in list_outlets(ledger)["outlets"]}
    assert per_outlet["Coast Wire"] == per_outlet["Velm Courier"]  # each outlet carried each utterance once
    hits = run_search(ledger, "boats", Filters())["statements"]
    assert len(hits) == 1 and hits[0]["copies"] == 1


def test_search_ranks_only_the_newest_pool_of_matches(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both databases rank a bounded pool: the newest POOL matches, so a common word costs a pool, not the ledger."""
    from claimledger.ledger.read import search as search_module

    towns = ["Arvik", "Brel", "Corra", "Dunmo", "Essel"]
    for town in towns:  # stored oldest first: ids rise with each
        art = make_article(f"{town} harbour reopens\nHarbour master Greta Lund said that the {town} boats were safe.\n",
                           source=f"{town}.txt")
        ledger.add(art, marked(art))
    assert len(run_search(ledger, "boats", Filters())["articles"]) == 5
    monkeypatch.setattr(search_module, "POOL", 3)
    titles = {r["title"].split()[0] for r in run_search(ledger, "boats", Filters())["articles"]}
    assert titles == set(towns[-3:])
    said = {r["content"].split()[2] for r in run_search(ledger, "boats", Filters())["statements"]}
    assert said == set(towns[-3:])


def test_copy_counts_read_the_utterance_index_alone(tmp_path: Path) -> None:
    """An utterance with thousands of copies costs its index entries per listed row, never a row read."""
    from claimledger.ledger.read.statements import _copies

    with Ledger(str(tmp_path / "plan.db")) as led:
        art = make_article()
        led.add(art, marked(art))
        q = select(t.statements.c.id, _copies()).select_from(t.statements)
        with led.connect() as conn:
            sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert plan.count("USING COVERING INDEX ix_statements_utterance (utterance=? AND actor_id=?)") == 2, plan


def test_an_utterance_with_more_copies_than_the_pool_still_shows(ledger: Ledger,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool is counted over first copies: four copies of one quote and a pool of three still list it once."""
    from claimledger.ledger.read import search as search_module

    first = make_article()
    ledger.add(first, marked(first))
    for k, outlet in enumerate(["Coast Wire", "Bay Herald", "Velm Daily"]):
        copy = make_article(first.text, source=f"copy{k}.txt", outlet=outlet)
        ledger.add(copy, marked(copy))
    monkeypatch.setattr(search_module, "POOL", 3)
    for filters in (Filters(), Filters(since="2000-01-01")):  # the first copy from its index, or found by filters
        hits = run_search(ledger, "boats", filters)["statements"]
        assert [(h["outlet"], h["copies"]) for h in hits] == [("Velm Courier", 3)], (filters, hits)
