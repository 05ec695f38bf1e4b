"""Every ingest format, with metadata and exact offsets."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import extract
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.errors import IngestError
from claimledger.ingest import IngestOptions, read_sources
from claimledger.ingest.filename import metadata_from_name
from claimledger.ingest.segments import mark_segments
from claimledger.ingest.sources import finish
from claimledger.ingest.warc import articles_from_warc
from claimledger.types import Article

BODY = ("Minister Anna Berg said on Tuesday that the bridge would reopen in May. "
        "\"We will not wait for another winter,\" she told reporters in the harbour town.")
HTML = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridge to reopen</title>
<meta property="og:site_name" content="Test Times"><meta name="author" content="Ola Nord">
<meta property="article:published_time" content="2024-06-02T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Bridge to reopen</h1><p>{BODY}</p>
<p>The works cost 12 million euros, the ministry said, and employed 300 people for two years.</p>
</article></body></html>"""


def articles(*sources: str, **opts: object) -> list[Article | IngestError]:
    return list(read_sources(list(sources), IngestOptions(**opts)))  # type: ignore[arg-type]


def only_articles(items: list[Article | IngestError]) -> list[Article]:
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    return items  # type: ignore[return-value]


def test_text_file_keeps_exact_text_and_reads_date_country_from_name(tmp_path: Path) -> None:
    p = tmp_path / "20220125T090000Z_GB_en_7d015e6984.txt"
    p.write_text("Headline here\r\n\r\n" + BODY + "\r\n", encoding="utf-8")
    [art] = only_articles(articles(str(p)))
    assert art.text == p.read_text(encoding="utf-8")  # same characters as Python's open() gives
    assert art.published == "2022-01-25T09:00:00Z"
    assert (art.country, art.language) == ("GB", "en")
    assert art.title == "Headline here"


def test_options_override_document_metadata(tmp_path: Path) -> None:
    p = tmp_path / "2020-01-01-story.txt"
    p.write_text(BODY, encoding="utf-8")
    [art] = only_articles(articles(str(p), outlet="Daily Test", published="2024-02-03"))
    assert (art.outlet, art.published) == ("Daily Test", "2024-02-03")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("First. " + BODY, encoding="utf-8")
    (tmp_path / "b" / "c" / "deep.txt").write_text("Deep. " + BODY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden. " + BODY, encoding="utf-8")
    arts = only_articles(articles(str(tmp_path)))
    assert [Path(a.source or "").name for a in arts] == ["a.txt", "deep.txt"]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    [art] = only_articles(articles(str(p)))
    assert "bridge would reopen in May" in art.text and "Home | World" not in art.text
    assert (art.title, art.outlet, art.author, art.language) == ("Bridge to reopen", "Test Times", "Ola Nord", "en")
    assert art.published and art.published.startswith("2024-06-02")


def test_jsonl_articles_with_metadata(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    rows = [{"text": BODY, "title": "One", "url": "https://x.example/1", "published": "2024-01-02", "outlet": "X"},
            {"text": "Second. " + BODY, "title": "Two", "outlet": "Y"}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts = only_articles(articles(str(p)))
    assert [(a.title, a.outlet, a.published, a.url) for a in arts] == [
        ("One", "X", "2024-01-02", "https://x.example/1"), ("Two", "Y", None, None)]
    assert arts[0].text == BODY


def write_warc(path: Path, pages: list[tuple[str, str]], truncate: bool = False) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    data = buf.getvalue()
    path.write_bytes(data[: int(len(data) * 0.75)] if truncate else data)


def test_warc_every_html_response_is_an_article(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    write_warc(p, [("https://a.example/1", HTML), ("https://a.example/2", HTML.replace("Bridge", "Tunnel"))])
    arts = only_articles(articles(str(p)))
    assert [a.url for a in arts] == ["https://a.example/1", "https://a.example/2"]
    assert "Tunnel to reopen" == arts[1].title


def test_truncated_warc_keeps_records_before_the_break(tmp_path: Path) -> None:
    p = tmp_path / "cut.warc.gz"
    write_warc(p, [(f"https://a.example/{i}", HTML.replace("Bridge", f"Bridge {i}")) for i in range(6)],
               truncate=True)
    items = articles(str(p))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, IngestError)]
    assert 1 <= len(arts) < 6 and len(errs) == 1
    assert "cut.warc.gz" in str(errs[0]) and "truncated" in str(errs[0])


def test_a_caption_is_text_and_its_photo_credit_is_furniture() -> None:
    text = ("Storm closes the port\n\nThe port of Velm closed on Monday.\n\n"
            "View image in fullscreen Mayor Greta Lund said the pier would reopen in May. Anna Lind/AFP via Getty "
            "Images\n\nFishing boats wait out the storm in the inner harbour. (Photo by Tomas Keller/Reuters)\n")
    art = finish(Article(text=text, source="cap.txt"), IngestOptions())
    kinds = [(art.text[s.start:s.end], s.kind) for s in art.segments]
    assert kinds[2:] == [("View image in fullscreen", "promo"),
                         ("Mayor Greta Lund said the pier would reopen in May.", "caption"),
                         ("Anna Lind/AFP via Getty Images", "credit"),
                         ("Fishing boats wait out the storm in the inner harbour.", "caption"),
                         ("(Photo by Tomas Keller/Reuters)", "credit")]
    sts = extract(art).statements
    assert [(s.content.text, s.speaker_name) for s in sts] == [("the pier would reopen in May", "Greta Lund")]


def test_non_body_lines_are_marked_but_kept() -> None:
    text = ("Big headline\nBody sentence one says a thing.\nREAD ALSO: Another story\n"
            "Photo: People at the port / Reuters\nSee the full interview with X here:\n"
            "– A dash quote, she said.\nBig headline\n")
    segs = mark_segments(text, "Big headline")
    kinds = [(text[s.start:s.end], s.kind) for s in segs]
    assert ("READ ALSO: Another story", "read_also") in kinds
    assert ("Photo: People at the port / Reuters", "credit") in kinds  # a label and its credit: furniture
    assert ("See the full interview with X here:", "promo") in kinds
    assert kinds[0] == ("Big headline", "title") and kinds[-1] == ("Big headline", "duplicate")
    body = [k for k in kinds if k[1] == "body"]
    assert body == [("Body sentence one says a thing.", "body"), ("– A dash quote, she said.", "body")]


def test_related_link_lists_are_not_body() -> None:
    text = ("Lead sentence of the story is here.\nEU agrees new sanctions package\nTalks resume in Geneva\n"
            "Ports reopen after storm\nThe last paragraph ends the story.\nSection Heading Alone\n")
    kinds = [s.kind for s in mark_segments(text)]
    assert kinds == ["body", "related", "related", "related", "body", "heading"]


def test_file_name_dates() -> None:
    assert metadata_from_name("2025-03-04-sandoval.txt") == {"published": "2025-03-04"}
    assert metadata_from_name("notes.txt") == {}
    assert metadata_from_name("20240506T183000Z_US_en_82a7e221df.txt")["published"] == "2024-05-06T18:30:00Z"


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article/1")
            self.end_headers()
            return
        ctype, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Feed</title>
      <item><title>One</title><link>{base}/article/1</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>
      <item><title>Two</title><link>{base}/article/2</link><pubDate>Wed, 03 Jan 2024 10:00:00 GMT</pubDate></item>
      <item><title>Gone</title><link>{base}/missing</link></item>
    </channel></rss>"""
    _Handler.pages = {
        "/article/1": ("text/html", HTML.encode()),
        "/article/2": ("text/html", HTML.replace("Bridge", "Ferry").replace("2024-06-02", "2024-06-03").encode()),
        "/feed.xml": ("application/rss+xml", feed.encode()),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_url_is_fetched_with_explicit_flag(local_site: str) -> None:
    [art] = only_articles(articles(local_site + "/redirect", allow_private=True))
    assert art.url and art.url.endswith("/article/1") and "bridge would reopen" in art.text


def test_private_address_refused_without_flag(local_site: str) -> None:
    [err] = articles(local_site + "/article/1")
    assert isinstance(err, IngestError) and "private or loopback" in str(err) and "--allow-private" in str(err)


def test_feed_items_are_followed(local_site: str) -> None:
    items = articles(local_site + "/feed.xml", allow_private=True)
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, IngestError)]
    assert [a.title for a in arts] == ["Bridge to reopen", "Ferry to reopen"]
    assert len(errs) == 1 and "/missing" in str(errs[0]) and "404" in str(errs[0])


def test_gzip_is_not_mistaken_for_text(tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(gzip.compress(b"hello" * 100))
    [err] = articles(str(p))
    assert isinstance(err, IngestError) and "binary" in str(err)


@pytest.mark.parametrize("compressed", [True, False])
def test_a_record_cut_anywhere_is_reported_and_never_stored(tmp_path: Path, compressed: bool) -> None:
    """Cut an archive at every byte of its last two records: the whole records before the cut are read, the cut
    one is one error naming it and the byte, never an article (a cut in the blank lines after a record's payload
    leaves the record whole)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    starts = []
    for i in range(3):
        starts.append(buf.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        page = io.BytesIO(HTML.replace("Bridge", f"Bridge {i}").encode())
        writer.write_record(writer.create_warc_record(f"https://a.example/{i}", "response", http_headers=headers,
                                                      payload=page))
    data = buf.getvalue()
    ends = starts[1:] + [len(data)]
    for cut in range(starts[1] + 1, len(data), 1 if compressed else 3):
        items = list(articles_from_warc(io.BytesIO(data[:cut]), "crawl.warc"))
        stored = [i.url for i in items if isinstance(i, Article)]
        errors = [str(i) for i in items if isinstance(i, IngestError)]
        slack = 0 if compressed else 4  # the blank line that ends an uncompressed record
        whole = [f"https://a.example/{k}" for k, e in enumerate(ends) if e - cut <= slack]
        assert stored == whole, (cut, stored, errors)
        if not any(0 <= e - cut <= slack for e in ends):  # the cut falls inside a record
            [msg] = errors
            assert msg == (f"crawl.warc: record {len(whole) + 1} is truncated at byte {cut} "
                           "(fix: re-download the archive; the complete records before it were read)"), (cut, msg)
        else:
            assert errors == [], (cut, errors)


def test_titles_pass_over_furniture_and_subheads() -> None:
    from claimledger.ingest.sources import IngestOptions, finish

    text = ("Velm Post —\n\nNEW You can now listen to Velm Post articles!\n\n"
            "Harbour master Greta Lund said on Monday that the port would reopen on Friday after the storm.\n\n"
            "Reuters/ Velm Post/ Anna Lind\n\n16:14\n\nThe ferry company said its timetable would resume.\n\n"
            "Continuation of the material under the video\n\nRebuilding plans\n\nThe council met on Tuesday.\n")
    art = finish(Article(text=text, source="velm.txt"), IngestOptions())
    assert art.title == "Harbour master Greta Lund said on Monday that the port would reopen on Friday after the storm."
    kinds = {art.text[s.start:s.end]: s.kind for s in art.segments}
    assert kinds["Velm Post —"] == "dateline" and kinds["16:14"] == "dateline"
    assert kinds["NEW You can now listen to Velm Post articles!"] == "promo"
    assert kinds["Continuation of the material under the video"] == "promo"
    assert kinds["Reuters/ Velm Post/ Anna Lind"] == "credit"
    body = [art.text[a:b] for a, b in art.body_ranges()]
    assert not any("listen to" in b or b == "16:14" for b in body)  # furniture is not article text
    headed = finish(Article(text="Storm closes the port\n\nThe port of Velm closed on Monday.\n", source="h.txt"),
                    IngestOptions())
    assert headed.title == "Storm closes the port"


def test_a_standfirst_before_a_repeated_headline_leaves_the_headline_the_title() -> None:
    from claimledger.ingest.sources import IngestOptions, finish

    text = ("Harbour master Greta Lund warned that the port could stay shut for weeks after the storm.\n"
            "Velm Port Faces Long Closure\nVelm Port Faces Long Closure\nThe storm hit on Sunday.\n")
    assert finish(Article(text=text, source="s.txt"), IngestOptions()).title == "Velm Port Faces Long Closure"
    sub = ("The port of Velm closed on Monday after the storm damaged the quay.\nRepair costs\n"
           "The council said the repairs would cost a lot.\n")
    assert finish(Article(text=sub, source="t.txt"), IngestOptions()).title == (
        "The port of Velm closed on Monday after the storm damaged the quay.")  # a subhead is not the title
