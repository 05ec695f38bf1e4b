"""Property-based tests: arbitrary bytes, cut archives, random JSON Lines and random query strings never give a
traceback, a 500 or a half-written article. Bounded runs (a fixed number of examples each) so CI stays short."""

from __future__ import annotations

import io
import json
import os
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, default_extractor
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.errors import IngestError
from claimledger.ingest.options import IngestOptions
from claimledger.ingest.sources import articles_from_bytes
from claimledger.interfaces.web import create_app
from claimledger.ledger.store import Ledger
from claimledger.types import Article

# 60 examples each in CI; FUZZ_EXAMPLES=2000 for a longer hunt by hand
BOUNDED = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
NAMES = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.warc.gz", "noext"]


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><head><title>T{i}</title></head><body><p>{'The mayor said the port would reopen. ' * 9}</p>"
        writer.write_record(writer.create_warc_record(f"https://a.example/{i}", "response", http_headers=headers,
                                                      payload=io.BytesIO(page.encode())))
    return buf.getvalue()


WARCS = {True: _warc(True), False: _warc(False)}


def _read(data: bytes, name: str) -> list[Article | IngestError]:
    items = list(articles_from_bytes(data, name, IngestOptions()))
    assert all(isinstance(i, Article | IngestError) for i in items)
    for i in items:
        if isinstance(i, IngestError):
            assert str(i).startswith(name) and "\n" not in str(i)  # one line, naming the file
    return items


@BOUNDED
@given(data=st.binary(max_size=4000), name=st.sampled_from(NAMES))
def test_any_bytes_are_articles_or_one_line_errors(data: bytes, name: str) -> None:
    _read(data, name)


@BOUNDED
@given(gz=st.booleans(), cut=st.integers(min_value=1, max_value=10_000), flip=st.integers(0, 255))
def test_cut_or_damaged_archives_never_raise(gz: bool, cut: int, flip: int) -> None:
    data = bytearray(WARCS[gz][: cut % len(WARCS[gz]) or 1])
    if flip and len(data) > 40:
        data[flip % len(data)] ^= 0x5A
    items = _read(bytes(data), "crawl.warc.gz" if gz else "crawl.warc")
    assert len([i for i in items if isinstance(i, Article)]) <= 2


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=80),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=8)
FIELDS = st.sampled_from(["text", "html", "title", "url", "published", "outlet", "author", "language", "x"])


@BOUNDED
@given(rows=st.lists(st.one_of(st.dictionaries(FIELDS, JSON_VALUES, max_size=6), JSON_VALUES, st.text(max_size=60)),
                     max_size=5))
def test_random_json_lines(rows: list[object]) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    _read("\n".join(lines).encode("utf-8", "surrogatepass"), "feed.jsonl")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from claimledger.workflow import ingest

    db = str(tmp_path_factory.mktemp("fuzz") / "f.db")
    with Ledger(db) as led:
        ingest([str(EXAMPLES / "valley-courier")], led, default_extractor())
    with TestClient(create_app(db, token=""), raise_server_exceptions=False) as c:
        yield c


ROUTES = ["/", "/articles", "/articles/1", "/actors", "/actors/tomas-lindqvist", "/statements", "/figures",
          "/figures/compare", "/figures/compare.svg", "/positions", "/search", "/outlets", "/outlets/1"]
KEYS = st.sampled_from(["q", "speaker", "outlet", "since", "until", "kind", "contains", "page", "per_page", "claimant",
                        "counted", "topic", "actor", "min_count", "limit", "country", "outlet_id"])
VALUES = st.one_of(st.text(alphabet=string.printable + "éü€“”%_\\'\"", max_size=30), st.integers(-5, 10**7).map(str))


@BOUNDED
@given(route=st.sampled_from(ROUTES), json_twin=st.booleans(), params=st.dictionaries(KEYS, VALUES, max_size=4))
def test_every_route_answers_random_queries_without_a_500(client: TestClient, route: str, json_twin: bool,
                                                          params: dict[str, str]) -> None:
    path = route if not json_twin or route.endswith(".svg") else ("/index.json" if route == "/" else route + ".json")
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.text[:300])
    if path.endswith(".json") and r.status_code >= 400:
        assert "detail" in r.json()


def test_fuzzed_ingest_leaves_whole_articles(tmp_path: Path) -> None:
    """After a run over junk and good files alike, every stored article has all its rows, and they point into it."""
    from hypothesis import find

    from claimledger.workflow import ingest

    junk = find(st.binary(min_size=50, max_size=400), lambda b: b[:1] not in (b"<", b"{"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "junk.txt").write_bytes(junk)
    (tmp_path / "in" / "cut.warc.gz").write_bytes(WARCS[True][: len(WARCS[True]) - 30])
    (tmp_path / "in" / "good.txt").write_text("Mayor Ivo Dahl said on Friday that 40 trams would run in June.\n",
                                              encoding="utf-8")
    with Ledger(str(tmp_path / "l.db")) as led:
        report = ingest([str(tmp_path / "in")], led, default_extractor())
        with led.connect() as conn:
            arts = dict(conn.exec_driver_sql("SELECT id, text FROM articles").all())
            spans = conn.exec_driver_sql("SELECT article_id, content_start, content_end, content FROM statements").all()
    assert report.added == len(arts) >= 2 and any("truncated" in e for e in report.errors)
    for aid, a, b, content in spans:
        assert arts[aid][a:b] == content
