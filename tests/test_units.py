"""Model-free unit tests: number words, dates, quote marks, the lexicon, row mapping and Filters. Seconds, no spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest
from records import marked
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from claimledger.batch.records import SCHEMAS, from_rows, to_rows
from claimledger.extract.dates import resolve
from claimledger.extract.marks import find_marks
from claimledger.extract.numbers import compact_value, word_value
from claimledger.ingest.options import IngestOptions
from claimledger.ledger import rows
from claimledger.ledger import schema as t
from claimledger.ledger.read import FilterError, Filters
from claimledger.ledger.read.filters import Columns, like_pattern
from claimledger.types import Article, Event, Position, Segment, Span, Statement
from claimledger.vocab import en
from claimledger.vocab.names import demonym, name_key, slugify
from claimledger.vocab.quantities import parse_query, quantity_key, unit_class


@pytest.mark.parametrize(("words", "value"), [
    ("55,000", 55000), ("1.2 million", 1.2e6), ("two", 2), ("twenty-five", 25), ("two-and-a-half", 2.5),
    ("three hundred thousand", 3e5), ("a million", 1e6), ("soldiers", None), ("", None),
])
def test_number_words(words: str, value: float | None) -> None:
    assert word_value(words.split()) == value


def test_compact_money() -> None:
    assert compact_value("$12trn") == (1.2e13, "USD")
    assert compact_value("€170bn") == (1.7e11, "EUR")
    assert compact_value("40") == (40.0, None)
    assert compact_value("forty") is None


@pytest.mark.parametrize(("expr", "published", "iso"), [
    ("Monday", "2025-03-04", "2025-03-03"),  # the latest Monday before a Tuesday
    ("last Tuesday", "2025-03-04", "2025-02-25"),
    ("February 5", "2025-03-04", "2025-02-05"),
    ("5 February 2023", "2025-03-04", "2023-02-05"),
    ("December", "2025-03-04", "2024-12"),  # a bare month is the latest one not after publication
    ("a year ago", "2025-03-11", "2024-03"),
    ("two weeks ago", "2025-03-11", "2025-02-25"),
    ("yesterday", "2025-03-11", "2025-03-10"),
    ("in 2022", None, "2022"),
    ("May", "2025-03-11", None),  # 'may' is too often the verb to be read as a month
    ("in May", "2025-07-11", "2025-05"),  # ... but not after 'in'
    ("prices may rise", "2025-07-11", None),
    ("next spring", "2025-03-11", None),
    ("Monday", None, None),
])
def test_dates_resolve_against_publication(expr: str, published: str | None, iso: str | None) -> None:
    assert resolve(expr, published) == iso


@pytest.mark.parametrize(("expr", "ahead", "iso"), [  # published on Wednesday 2025-03-05
    ("last December", True, "2024-12"),  # 'last' wins over a clause still to come
    ("last March", False, "2024-03"),  # the one before, not this month
    ("next March", False, "2026-03"),
    ("this December", False, "2025-12"),
    ("June", True, "2025-06"),
    ("next month", False, "2025-04"),
    ("Friday", True, "2025-03-07"),
    ("Friday", False, "2025-02-28"),
    ("last May", False, "2024-05"),  # the month, not the verb 'may'
    ("next May", False, "2025-05"),
    ("this May", False, "2025-05"),
])
def test_which_month_and_day_a_clause_means(expr: str, ahead: bool, iso: str) -> None:
    assert resolve(expr, "2025-03-05", ahead) == iso


def test_quote_marks_pair_and_runs_continue() -> None:
    text = ('She said: “We will not go back.” Then she left.\n'
            '“The valley is ours.\n'
            '“It always was,” he added.\n'
            "– Nobody wins a war of attrition, she said.\n"
            'He called it "a ''fair'' offer".\n')
    marks = find_marks(text, [(0, len(text))])
    inner = [text[q.start:q.end] for q in marks.quotes]
    assert inner[0] == "We will not go back."
    # a paragraph left open and re-opened by the next: one quote per paragraph (guideline 3)
    assert inner[1:3] == ["The valley is ours.", "It always was,"] and marks.quotes[1].close_at is None
    assert all(text[q.open_at] in "“\"„«" for q in marks.quotes)
    assert [text[d.start:d.end] for d in marks.dashes] == ["Nobody wins a war of attrition, she said."]
    assert marks.quoted[:len(marks.quotes)] == [(q.start, q.end) for q in marks.quotes]


def test_lexicon_lookups() -> None:
    assert {"say", "urge", "deny", "estimate"} <= en.SPEECH_VERBS
    assert en.MEASURE_OF["perish"] == "killed" and en.MEASURE_OF["flee"] == "displaced"
    assert en.CURRENCY_WORDS["hryvnias"] == "UAH" and en.CURRENCY_SIGNS["€"] == "EUR"
    assert en.TRIGGERS["summit"] == "summit" and "see" not in en.SPEECH_VERBS  # perception is not speech
    # longer qualifiers win over their prefixes wherever the figure stage reads them
    assert en.QUALIFIERS.index("more than") < en.QUALIFIERS.index("over")


def test_names_and_quantities() -> None:
    assert name_key("Zelenskyy") == name_key("Zelensky") == name_key("Zelenskiy")
    assert name_key("Viktor Orbán's") == name_key("Viktor Orban") and slugify("Kaja Kallas") == "kaja-kallas"
    assert demonym("Veloria") == "Velorian" and demonym("Ukraine") == "Ukrainian" and demonym("Ostmark") == "Ostmark"
    assert quantity_key("Velorian", "killed", "people") == "velorian|killed|people"
    assert quantity_key(None, None, "people") is None
    assert unit_class("EUR") == unit_class("USD") == "money" and unit_class("people per day") == "people per day"
    assert parse_query("Ukrainian soldiers killed") == ("ukrainian", "killed", "people")
    assert parse_query("Russian losses") == ("russian", "casualties", None)
    assert parse_query("pledged euros") == (None, "pledged", "money")


def article() -> Article:
    text = ("Velm update\n"
            "Harbour master Greta Lund said on Monday that the port would reopen.\n"
            "\"We lost 40 boats and nearly 2 million euros in a single night,\" Lund told the Velm Courier.\n")
    return Article(text=text, title="Velm update", source="velm.txt", outlet="Velm Courier", published="2024-03-04",
                   country="NO", language="en", segments=[Segment(0, 11, "title"), Segment(12, len(text), "body")])


def test_rows_round_trip_through_the_batch_tables() -> None:
    art = article()
    ex = marked(art)
    text = art.text
    q = ex.statements[1]
    ex.statements[1] = Statement(q.content, q.speaker, q.speaker_name, q.cue, "direct", q.said_on, q.confidence,
                                 parts=((q.content.start, q.content.start + 8), (q.content.start + 9, q.content.end)))
    ex.positions.append(Position("Greta Lund", "port", "support", Span.of(text, 12, 40), 0.5, 0, "2024-03-04"))
    ex.events.append(Event("meeting", Span.of(text, 12, 19), Span.of(text, 12, 80), ["Greta Lund"], "Velm",
                           "2024-03-04"))
    tables = to_rows(art, ex, file_no=3, item_no=0, version="0.1+0123456789")
    for name, table_rows in tables.items():  # every row has exactly its table's columns
        for r in table_rows:
            assert list(r) == [c for c, _ in SCHEMAS[name]], name
    [art_row] = tables.pop("articles")
    back, ex2 = from_rows(art_row, tables)
    assert (back.text, back.title, back.outlet, back.published, back.segments) == (
        art.text, art.title, art.outlet, art.published, art.segments)
    assert back.identity == art.identity
    assert ex2.statements == ex.statements and ex2.statements[1].parts  # parts survive, unlike before
    assert ex2.figures == ex.figures and ex2.figures[0].quantity == "|lost|money"
    assert (ex2.mentions, ex2.actors, ex2.positions, ex2.events) == (ex.mentions, ex.actors, ex.positions, ex.events)


def test_rows_fill_every_record_column_and_clip_to_its_length() -> None:
    art = article()
    ex = marked(art)
    made = {"articles": rows.article_row(art, "v"), "segments": rows.segment_rows(art)[0],
            "mentions": rows.mention_row(ex.mentions[0]), "statements": rows.statement_row(ex.statements[0]),
            "figures": rows.figure_row(ex.figures[0])}
    for name, row in made.items():
        assert sorted(row) == sorted(rows.record_columns(rows.RECORD_TABLES[name])), name
    long = rows.clip(t.statements, {"speaker_text": "x" * 1000, "content": "y" * 5000})
    assert len(long["speaker_text"]) == 300 and len(long["content"]) == 5000  # Text has no length


def test_filters_validate_dates_kinds_and_pages() -> None:
    assert Filters(since="2024", until="2024-05-06").since == "2024"
    for bad, field in (({"since": "2023-13-45"}, "--since"), ({"until": "05/06/2024"}, "--until"),
                       ({"kind": "partial"}, "--kind"), ({"page": 0}, "--page"), ({"per_page": 10**6}, "--limit")):
        with pytest.raises(FilterError) as info:
            Filters(**bad)  # type: ignore[arg-type]
        assert info.value.where == field and info.value.fix
    empty = Filters(speaker="", outlet=" ", kind="", since="")  # the empty boxes of a search form
    assert not empty.active() and empty.kind is None
    paged = Filters(page=3, per_page=20, lookahead=True)
    assert (paged.offset, paged.limit) == (40, 21)


def test_filters_yield_escaped_bound_clauses() -> None:
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
    s = t.statements
    cols = Columns(outlet=t.outlets.c.name, date=s.c.said_on, kind=s.c.kind, text=s.c.content)
    f = Filters(outlet="Daily_Post", since="2024-05", until="2024-05", kind="direct", contains="100%")
    q = select(s.c.id).where(*f.clauses(cols, conn=None))
    sql = str(q.compile(dialect=sqlite.dialect()))
    assert sql.count("ESCAPE") == 2 and "Daily_Post" not in sql and "100%" not in sql  # values are bound
    params = q.compile(dialect=sqlite.dialect()).params
    assert "%daily\\_post%" in params.values() and "2024-05\uffff" in params.values()
    assert Filters(speaker="Lund").clauses(Columns(date=s.c.said_on), conn=None) == []  # speaker: not this subject


def test_ingest_options_import_no_reader() -> None:
    assert IngestOptions().fetch.max_bytes == IngestOptions().max_bytes


def test_every_read_name_loads_from_its_module() -> None:
    import claimledger.ledger.read as read

    assert sorted(read.__all__) == sorted(read.HOME)
    for name in read.__all__:
        assert callable(getattr(read, name)) or name == "EXPORT_TABLES", name
        assert name not in {p.stem for p in Path(read.__file__).parent.glob("*.py")}, name  # a module would hide it


def test_decoding_never_hides_what_it_assumed() -> None:
    from claimledger.ingest.decode import decode

    clean = "Prices rose by 5 € in Kyiv, café owners said.\n".encode()
    assert decode(clean, "a.txt") == ("Prices rose by 5 € in Kyiv, café owners said.\n", None)
    latin = "Le ministre a déclaré que la frontière restait fermée à Genève.".encode("latin-1")
    text, note = decode(latin, "b.txt")
    assert "déclaré" in text and note and note.startswith("b.txt: not UTF-8; read as cp125") and "fix:" in note
    broken = clean[:20] + b"\xff" + clean[20:]  # UTF-8 with one bad byte is UTF-8, not cp1252 mojibake
    text, note = decode(broken, "c.txt")
    assert "café" in text and "€" in text and "\ufffd" in text and "â‚¬" not in text
    assert note and "not valid UTF-8 at byte 20" in note and "1 undecodable" in note
    cyrillic = "Президент заявил, что переговоры продолжатся в понедельник.".encode("cp1251")
    assert decode(cyrillic, "d.txt").text.startswith("Президент")
    # two accents in English: cp775 fits the bytes as cleanly as cp1252; the HTML standard's default wins
    short = "Café talks\nHarbour master Greta Lünd said the port would reopen on Friday.\n".encode("cp1252")
    text, note = decode(short, "e.txt")
    assert "Café" in text and "Lünd" in text and note and "read as cp1252" in note


def test_human_dates() -> None:
    from claimledger.interfaces.dates import human_date, human_moment

    assert [human_date(x) for x in ("2025-02-05", "2025-02", "2025", None, "soon", "2025-13")] == [
        "5 Feb 2025", "Feb 2025", "2025", "", "soon", "2025-13"]
    assert human_moment("2025-02-05T09:30:00") == "5 Feb 2025, 09:30" and human_moment("2025-02-05T00:00:00") == (
        "5 Feb 2025")


def test_a_name_led_by_an_article_is_a_title_and_a_known_given_name_a_person() -> None:
    from claimledger.extract.mentions import _person_by_name

    assert _person_by_name("Der Velmspiegel", "PERSON") == "ORG"
    assert _person_by_name("Natalia Brandt", "ORG") == "PERSON"
    assert _person_by_name("Natalia Harbour Authority", "ORG") == "ORG"  # an institution's word


def test_an_opening_participle_glued_to_a_name_is_cut_off() -> None:
    """'Citing Sweden's decision, ...' tagged as the name 'Citing Sweden': the name is 'Sweden'; a title that
    ends in -ing ('King Charles') is kept."""
    from conftest import default_extractor
    from spacy.tokens import Span

    from claimledger.extract.mentions import tidy_spans

    nlp = default_extractor().nlp
    for text, words in (("Citing Sweden's decision, the envoy left.", "Sweden"),
                        ("King Charles said the envoy left.", "King Charles")):
        doc = nlp.make_doc(text)
        for tok in doc:
            tok.is_sent_start = tok.i == 0
        [span] = tidy_spans([Span(doc, 0, 2, label="PERSON")])
        assert span.text == words, span


def test_a_name_never_starts_with_a_small_letter_but_a_particle() -> None:
    """'pro-Velorian', 'of Foreign Affairs' cut by the tagger are no actors; 'de Vries', 'al-Amin' are names."""
    from claimledger.extract.mentions import _lower_start

    assert _lower_start("pro-Velorian") and _lower_start("of Foreign Affairs") and _lower_start("kick Ruiz")
    assert not _lower_start("de Vries") and not _lower_start("al-Amin") and not _lower_start("Ana Ruiz")
