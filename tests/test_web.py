"""The web pages, their JSON twins and the API, in process through an ASGI client."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from conftest import HOSTILE_META, default_extractor
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from claimledger.interfaces.web import create_app
from claimledger.ledger import schema as t
from claimledger.ledger.store import Ledger

PAGES = ["/", "/articles", "/actors", "/statements", "/figures", "/figures/compare?q=Velorian+losses",
         "/search?q=ceasefire", "/outlets", "/positions", "/positions?topic=peace&actor=Sandoval"]


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db, token="")) as c:
        yield c


def json_twin(path: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return f"{base}.json" + (f"?{query}" if query else "")


def sandoval(client: TestClient) -> dict[str, Any]:
    hit = client.get("/actors.json", params={"q": "Sandoval"}).json()["actors"]
    assert hit, "Mira Sandoval is quoted throughout the examples"
    return hit[0]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-type"].startswith("text/html")
    assert 'href="' + json_twin(path).replace("&", "&amp;") + '"' in page.text or "this page as JSON" in page.text
    twin = client.get(json_twin(path))
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    assert isinstance(twin.json(), dict)


def test_overview_shows_counts_quoted_actors_and_contested_figures(client: TestClient, web_db: str) -> None:
    data = client.get("/index.json").json()
    with Ledger(web_db) as led:
        assert data["counts"] == led.counts()
    assert data["top_speakers"][0]["statements"] >= data["top_speakers"][-1]["statements"]
    assert len(data["latest"]) == 10
    assert data["contested"], "the examples give Ostmark and Velorian losses from several claimants"
    top = data["contested"][0]  # sources that disagree as of one time, the figures as the articles write them
    assert top["claimants"] >= 2 and top["spread"] > 1 and top["low_by"] != top["high_by"]
    assert (top["lowest"], top["highest"]) == ("9,000", "about 22,000")
    html = client.get("/").text
    for a in data["top_speakers"][:3]:
        assert f'href="/actors/{a["slug"]}"' in html
    assert f'/figures/compare?q={top["quantity"].replace("|", "%7C")}' in html


def test_article_page_highlights_records_in_place(client: TestClient) -> None:
    arts = client.get("/articles.json", params={"per_page": 200}).json()["articles"]
    art = next(a for a in arts if (a["title"] or "").startswith("Sandoval:") and a["statements"])
    data = client.get(f"/articles/{art['id']}.json").json()["article"]
    html = client.get(f"/articles/{art['id']}").text
    text = data["text"]
    for s in data["statements"]:
        assert text[s["content_start"]:s["content_end"]] == s["content"]
        assert f'id="s{s["id"]}"' in html and f'id="rec-s{s["id"]}"' in html
    dash = next(s for s in data["statements"] if text[:s["content_start"]].rstrip(" ").endswith(("–", "—")))
    assert dash["actor"] == "Mira Sandoval" and dash["kind"] == "direct"
    # the dash quote's first piece: content-classed, clickable, anchored at its statement
    m = re.search(rf'<span class="([^"]*)" data-rec="s{dash["id"]}" id="s{dash["id"]}">', html)
    assert m and "content" in m.group(1).split()
    for f in data["figures"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert f'data-rec="f{f["id"]}"' in html
    muted = [seg for seg in data["segments"] if seg["kind"] != "body"]
    assert muted and "muted" in html


def test_actor_page_timeline_figures_outlets(client: TestClient) -> None:
    who = sandoval(client)
    data = client.get(f"/actors/{who['slug']}.json").json()["actor"]
    assert data["name"] == "Mira Sandoval" and "Sandoval" in data["aliases"]
    assert data["roles"], "introduced as Veloria's foreign minister"
    dates = [s["said_on"] or "" for s in data["statements"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == data["statement_count"]
    assert data["figures"] and {o["outlet"] for o in data["outlets"]} >= {"The Harbour Gazette"}
    html = client.get(f"/actors/{who['slug']}").text
    first = data["statements"][0]
    assert f'href="/articles/{first["article_id"]}#s{first["id"]}"' in html


def test_pagination_walks_every_statement_once(client: TestClient, web_db: str) -> None:
    seen: list[int] = []
    url: str | None = "/statements.json?per_page=7"
    while url:
        page = client.get(url).json()
        assert len(page["statements"]) <= 7
        seen += [s["id"] for s in page["statements"]]
        url = page["paging"]["next"]
    with Ledger(web_db) as led, led.connect() as conn:
        said = {i: (a, u) for i, a, u in conn.execute(
            select(t.statements.c.id, t.statements.c.actor_id, t.statements.c.utterance))}
    # every utterance once (copies of it folded into the first), none lost
    assert len(seen) == len(set(seen)) == len(set(said.values())) and {said[i] for i in seen} == set(said.values())
    html = client.get("/statements?per_page=7&page=2").text
    assert 'rel="next"' in html and 'rel="prev"' in html


def test_search_filters(client: TestClient) -> None:
    res = client.get("/search.json", params={"q": "ceasefire"}).json()
    assert res["statements"] and res["articles"]
    only = client.get("/search.json", params={"q": "ceasefire", "speaker": "Sandoval"}).json()
    assert only["statements"] and all(s["actor"] == "Mira Sandoval" for s in only["statements"])
    direct = client.get("/search.json", params={"q": "ceasefire", "kind": "direct"}).json()
    assert all(s["kind"] == "direct" for s in direct["statements"]) and direct["articles"] == []
    late = client.get("/search.json", params={"q": "ceasefire", "since": "2025-03-10"}).json()
    assert all((s["said_on"] or s["published"]) >= "2025-03-10" for s in late["statements"])
    outlet = client.get("/search.json", params={"q": "ceasefire", "outlet": "gazette"}).json()
    assert outlet["statements"] and all("Gazette" in s["outlet"] for s in outlet["statements"])
    assert client.get("/search.json", params={"speaker": "Sandoval"}).json()["statements"]


def test_figures_compare_table_and_chart(client: TestClient) -> None:
    cmp = client.get("/figures/compare.json", params={"q": "Velorian losses"}).json()["comparison"]
    claimants = {r["claimant"] or r["claimant_name"] for r in cmp["rows"]}
    assert len(claimants) >= 2 and cmp["spread"] > 1
    svg = client.get("/figures/compare.svg", params={"q": "Velorian losses"})
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content[:500]
    html = client.get("/figures/compare", params={"q": "Velorian losses"}).text
    assert '<img class="chart" src="/figures/compare.svg?q=Velorian%20losses"' in html


def test_outlets_list_whom_they_quote(client: TestClient) -> None:
    data = client.get("/outlets.json").json()
    gazette = next(o for o in data["outlets"] if o["name"] == "The Harbour Gazette")
    assert gazette["quotes"][0]["statements"] >= gazette["quotes"][-1]["statements"] > 0
    one = client.get(f"/outlets/{gazette['id']}.json").json()["outlet"]
    assert one["quotes"][:len(gazette["quotes"])] == gazette["quotes"]


def test_not_found_in_html_and_json(client: TestClient) -> None:
    assert client.get("/actors/nobody-at-all").status_code == 404
    r = client.get("/actors/nobody-at-all.json")
    assert r.status_code == 404 and "nobody-at-all" in r.json()["detail"]
    assert client.get("/articles/999999").status_code == 404
    bad = client.get("/articles.json", params={"per_page": 100000})
    assert bad.status_code == 400 and "per_page" in bad.json()["detail"]


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/articles.json", "/articles/{article_id}.json", "/actors/{slug}.json", "/statements.json",
                 "/figures.json", "/figures/compare.json", "/search.json", "/articles"):
        assert path in spec["paths"], path
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "/static/swagger/swagger-ui-bundle.js" in docs
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


# -- hostile articles -------------------------------------------------------------------------------

class Tags(HTMLParser):
    """What a browser would build from a page: every element and its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def live_markup(html: str) -> list[str]:
    """Elements or attributes that could run or load something we did not write."""
    parser = Tags()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.tags:
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            bad.append(f"inline script {attrs}")
        if tag in ("img", "iframe", "object", "embed", "b") and not (attrs.get("src") or "").startswith("/"):
            bad.append(f"<{tag}> {attrs}")
        bad += [f"{tag} {k}=" for k in attrs if k.startswith("on")]
        for k in ("href", "src", "action"):
            if (attrs.get(k) or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                bad.append(f"{tag} {k}={attrs[k]}")
    return bad


def hostile_pages(client: TestClient) -> list[str]:
    art = client.get("/search.json", params={"q": "Whitfield"}).json()["articles"][0]["id"]
    who = client.get("/actors.json", params={"q": "Whitfield"}).json()["actors"][0]["slug"]
    outlet = next(o["id"] for o in client.get("/outlets.json").json()["outlets"] if "Evil" in o["name"])
    return [f"/articles/{art}", f"/actors/{who}", "/search?q=script+alert", "/search?q=Whitfield",
            "/statements?speaker=Whitfield", "/", "/articles", "/outlets", f"/outlets/{outlet}", "/figures",
            "/figures/compare?q=residents+lost", "/positions"]


def test_hostile_text_renders_inert_in_html(client: TestClient) -> None:
    for path in hostile_pages(client):
        html = client.get(path).text
        assert live_markup(html) == [], path
    article = client.get(hostile_pages(client)[0]).text
    assert "&lt;script&gt;alert(&#39;xss-1&#39;)&lt;/script&gt;" in article  # shown, as text
    assert "&lt;img src=x onerror=alert(&#39;xss-2&#39;)&gt;" in article
    assert "javascript:alert(&#39;xss-url&#39;)" in article and 'href="javascript' not in article
    assert live_markup('<p><img src=x onerror=alert(1)><a href="javascript:x">x</a></p>') != []  # the check bites


def test_hostile_text_is_inert_and_exact_in_json(client: TestClient) -> None:
    pages = hostile_pages(client)
    for path in pages:
        raw = client.get(json_twin(path)).content
        assert b"<" not in raw and b">" not in raw, path  # escaped as \u003c, so no sniffing as HTML
    art = client.get(json_twin(pages[0])).json()["article"]
    assert art["title"] == HOSTILE_META["title"] and art["url"] == HOSTILE_META["url"]
    assert "<script>alert('xss-1')</script>" in art["text"]
    assert any("<img src=x onerror=alert('xss-2')>" in s["content"] for s in art["statements"])


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ["/", "/index.json", "/articles/1", "/static/style.css", "/actors/nobody", "/docs"]:
        h = client.get(path).headers
        csp = h["content-security-policy"]
        script_src = re.search(r"script-src ([^;]*)", csp)
        assert script_src and script_src.group(1).strip() == "'self'", csp
        assert "frame-ancestors 'none'" in csp and "object-src" in csp or "default-src 'none'" in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


SQL = ["'; DROP TABLE articles; --", "\" OR 1=1 --", "x') UNION SELECT text FROM articles --", "%' OR '%'='"]


def test_sql_fragments_are_bound_parameters(client: TestClient, web_db: str) -> None:
    """Every filter, fed SQL: answers normally, the SQL never reaches the statement text, tables survive."""
    with Ledger(web_db) as led:
        before = led.counts()
    sent: list[str] = []
    engine = client.app.state.ledger.engine  # type: ignore[attr-defined]

    def spy(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", spy)
    try:
        for frag in SQL:
            for path, key in [("/search.json", "q"), ("/search.json", "speaker"), ("/search.json", "outlet"),
                              ("/statements.json", "contains"), ("/statements.json", "speaker"),
                              ("/statements.json", "since"), ("/actors.json", "q"), ("/figures.json", "claimant"),
                              ("/figures.json", "counted"), ("/figures/compare.json", "q"),
                              ("/articles.json", "country"), (f"/actors/{frag}.json", "x")]:
                params = {key: frag} if key != "q" or path != "/search.json" else {"q": frag, "speaker": frag}
                r = client.get(path, params=params)
                if key == "since":  # not a date: refused with the fix, never run
                    assert r.status_code == 400 and "not a date" in r.json()["detail"], r.text[:300]
                    continue
                assert r.status_code in (200, 404), (path, key, r.text[:300])
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert sent and not any(frag.strip("%' ") in s for s in sent for frag in SQL)
    with Ledger(web_db) as led:
        assert led.counts() == before


# -- writes ---------------------------------------------------------------------------------------

ARTICLE = ("Harbour minister Tomas Berg said on Monday that the port of Kessel will reopen in April. "
           "\"We have cleared 40 mines from the channel,\" Berg told reporters.")


@pytest.fixture()
def writable(tmp_path: Any) -> Iterator[TestClient]:
    with TestClient(create_app(str(tmp_path / "w.db"), token="s3cret", max_body=4096, allow_private=True)) as c:
        yield c


def test_read_only_without_token(client: TestClient) -> None:
    r = client.post("/articles", json={"text": ARTICLE})
    assert r.status_code == 403 and "CLAIMLEDGER_TOKEN" in r.json()["detail"]


def test_post_article_needs_the_token_and_returns_the_extraction(writable: TestClient) -> None:
    assert writable.post("/articles", json={"text": ARTICLE}).status_code == 401
    bad = writable.post("/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    r = writable.post("/articles", json={"text": ARTICLE, "outlet": "Kessel Post", "published": "2025-03-03"},
                      headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    speakers = {s["speaker_name"] for s in body["extraction"]["statements"]}
    assert speakers == {"Tomas Berg"}
    assert any(f["value"] == 40 for f in body["extraction"]["figures"])
    again = writable.post("/articles", json={"text": ARTICLE, "outlet": "Kessel Post", "published": "2025-03-03"},
                          headers=auth)
    assert again.status_code == 200 and again.json()["added"] is False
    assert again.json()["article_id"] == body["article_id"]
    stored = writable.get(f"/articles/{body['article_id']}.json").json()["article"]
    assert stored["outlet"] == "Kessel Post" and len(stored["statements"]) == len(body["extraction"]["statements"])
    html = writable.post("/articles", headers=auth, json={
        "html": f"<html><head><title>Port</title></head><body><article><p>{ARTICLE} The ferry resumes.</p>"
                "</article></body></html>", "url": "https://example.org/port"})
    assert html.status_code == 201 and html.json()["extraction"]["statements"]
    empty = writable.post("/articles", json={"text": "   "}, headers=auth)
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]


def test_post_article_by_url(writable: TestClient) -> None:
    page = f"<html><head><title>Kessel</title></head><body><article><p>{ARTICLE}</p></article></body></html>"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/kessel.html"
        r = writable.post("/articles", json={"url": url}, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201, r.text
        assert {s["speaker_name"] for s in r.json()["extraction"]["statements"]} == {"Tomas Berg"}
    finally:
        server.shutdown()


def test_oversized_bodies_get_413(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    big = json.dumps({"text": "word " * 2000})
    r = writable.post("/articles", content=big, headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap counts the streamed bytes
        for _ in range(10):
            yield b" " * 1000

    r = writable.post("/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert writable.get("/index.json").json()["counts"]["articles"] == 0


@pytest.mark.postgres
def test_pages_on_postgresql(pg_server: Any, tmp_path: Any) -> None:
    """The same pages over a PostgreSQL ledger (tsvector search instead of FTS5)."""
    from conftest import EXAMPLES, write_hostile

    from claimledger.workflow import ingest

    url = pg_server.create_db("webpg")
    with Ledger(url) as led:
        ingest([str(EXAMPLES), str(write_hostile(tmp_path / "h"))], led, default_extractor())
    with TestClient(create_app(url, token="")) as pg:
        for path in PAGES + hostile_pages(pg):
            page, twin = pg.get(path), pg.get(json_twin(path))
            assert page.status_code == twin.status_code == 200, path
            assert live_markup(page.text) == [], path
        hits = pg.get("/search.json", params={"q": "ceasefire", "speaker": "Sandoval"}).json()["statements"]
        assert hits and all(s["actor"] == "Mira Sandoval" for s in hits)


def test_positions_page_matrix_and_timeline(client: TestClient) -> None:
    data = client.get("/positions.json").json()
    assert data["matrix"]["cells"] and data["events"]
    cell = data["matrix"]["cells"][0]
    assert cell["stance"] in ("support", "oppose", "mixed") and cell["evidence"]
    html = client.get("/positions").text
    assert 'data-rec="c1"' in html and 'id="rec-c1"' in html and "Talks and meetings" in html
    brenna = [e for e in data["events"] if e["place"] == "Brenna" and e["date"] == "2025-03-12"]
    assert brenna and "Brenna" in html
    # the syndicated copy reports the same talks in the same words: one entry, "also in 1 copy"
    assert len({(e["kind"], e["date"], e["evidence"]) for e in brenna}) == len(brenna) and brenna[0]["copies"] == 1
    assert "also in 1 copy" in html


def test_filter_values_that_mean_nothing_are_400_with_the_fix(client: TestClient) -> None:
    for path, params in (("/statements.json", {"until": "2025-02-30"}), ("/statements.json", {"kind": "partial"}),
                         ("/actors.json", {"kind": "planet"}), ("/figures.json", {"since": "soon"}),
                         ("/search.json", {"q": "talks", "since": "2025-13"})):
        r = client.get(path, params=params)
        assert r.status_code == 400 and "fix:" in r.json()["detail"], (path, r.text[:200])
    assert client.get("/actors", params={"kind": "planet"}).status_code == 400  # the page too, as HTML
    for params in ({"page": "0"}, {"per_page": "5000"}, {"page": "x"}):  # out of range or no number: 400 too
        r = client.get("/statements.json", params=params)
        assert r.status_code == 400 and next(iter(params)) in r.json()["detail"], r.text[:200]
    assert client.get("/statements.json", params={"since": "soon"}).json()["detail"].startswith("since: ")
    assert client.get("/actors.json", params={"kind": ""}).status_code == 200  # an empty box is no filter


def test_pages_show_dates_as_people_read_them_and_json_keeps_iso(client: TestClient) -> None:
    rows = client.get("/statements.json", params={"speaker": "Sandoval"}).json()["statements"]
    import re

    assert rows and all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["said_on"]) for r in rows)  # ISO in the JSON
    page = client.get("/statements", params={"speaker": "Sandoval"}).text
    assert "21 Mar 2025" in page and ">2025-03-21<" not in page
    article = client.get(f"/articles/{rows[0]['article_id']}").text
    assert "Mar 2025" in article


def test_complements_of_speech_acts_are_listed_with_their_cue_highlighted(client: TestClient) -> None:
    [st] = client.get("/statements.json", params={"contains": "independent inquiry"}).json()["statements"]
    assert st["cue"] == "called for" and st["actor"] == "Mira Sandoval"
    html = client.get(f"/articles/{st['article_id']}").text
    assert re.search(r'<span class="cue" data-rec="s\d+">called for</span>', html)
    assert "independent inquiry" in client.get("/statements", params={"speaker": "Sandoval"}).text
