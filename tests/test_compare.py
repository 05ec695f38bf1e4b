"""Comparisons a fact-checker can trust, on the bundled examples: each failure the figures issue named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import cli

from claimledger.analysis.disagreement import blocks


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cmp") / "d.db"
    assert cli("demo", "--db", str(db)).returncode == 0
    return db


def compare(db: Path, query: str) -> dict[str, Any]:
    r = cli("figures", "compare", query, "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_query_in_plain_words_finds_every_claimant(demo_db: Path) -> None:
    """'Ostmark soldiers killed': the ministry, the chancellor and the institute, whatever the tagger made of
    'Ostmark'; the ministry is one claimant though one article names it 'Ostmark' and another its ministry."""
    cmp = compare(demo_db, "Ostmark soldiers killed")
    first = cmp["blocks"][0]
    assert first["label"] == "Ostmark killed (people)"
    assert set(first["claimants"]) == {"Ostmark", "Henrik Vaal", "Institute for Conflict Accounting"}
    assert first["spread"] and first["spread"] > 2


def test_each_side_of_a_two_sided_estimate_lines_up_with_that_side(demo_db: Path) -> None:
    """'about 22,000 Ostmark soldiers and about 14,000 Velorian soldiers': never grouped as 'both'."""
    ostmark = {r["text"]: r["who"] for r in compare(demo_db, "Ostmark soldiers killed")["rows"]}
    velorian = {r["text"]: r["who"] for r in compare(demo_db, "Velorian soldiers killed")["rows"]}
    assert ostmark["about 22,000"] == velorian["about 14,000"] == "Institute for Conflict Accounting"
    assert "about 14,000" not in ostmark and "about 22,000" not in velorian


def test_a_claimants_growing_total_is_a_series_not_a_disagreement(demo_db: Path) -> None:
    """Sandoval's 8,000 (2024) and nearly 12,000 (2025) are one claimant over time; the spread sets her 2025
    figure beside the institute's of the same month."""
    block = compare(demo_db, "Velorian soldiers killed")["blocks"][0]
    assert block["series"]["Mira Sandoval"]["first"] == "8,000"
    assert block["series"]["Mira Sandoval"]["last"] == "nearly 12,000"
    assert block["window"][0] >= "2025" and block["spread"] == pytest.approx(14000 / 12000)


def test_killed_and_casualties_and_units_never_share_a_block(demo_db: Path) -> None:
    """'Velorian losses' lists killed and casualties, each its own block; a share pledged is never set beside
    the euros pledged; an article's own voice is its outlet's."""
    labels = [b["label"] for b in compare(demo_db, "Velorian losses")["blocks"]]
    assert "Velorian killed (people)" in labels and "Velorian casualties (people)" in labels
    pledged = compare(demo_db, "pledged")
    assert [b["label"] for b in pledged["blocks"]] == ["pledged (EUR)", "pledged (percent)"]
    assert "The Harbour Gazette (own voice)" in pledged["blocks"][0]["claimants"]
    table = cli("figures", "compare", "pledged", "--db", str(demo_db)).stdout
    assert "€2.4bn" in table and "40%" in table  # as the articles write them


def row(i: int, who: str, value: float, as_of: str, unit: str = "people", **kw: Any) -> dict[str, Any]:
    return {"id": i, "article_id": i, "claimant": who, "claimant_name": who, "text": f"{value:,.0f}",
            "value": value, "low": None, "high": None, "unit": unit, "as_of": as_of, "group": "Velorian",
            "quantity": kw.pop("quantity", "velorian|killed|people"), "counted": "soldiers killed", **kw}


def test_disagreement_is_among_claimants_as_of_one_time() -> None:
    """Two claimants a year apart do not disagree; a total and a rate, or a projection, are never set side by side;
    miles and kilometres are converted."""
    (b,) = blocks([row(1, "A", 8000, "2024-03-01"), row(2, "B", 12000, "2025-03-01")])
    assert b.spread is None
    (b,) = blocks([row(1, "A", 8000, "2025-03-01"), row(2, "B", 12000, "2025-03-20"),
                   row(3, "B", 90000, "2025-03-21", projection=True)])
    assert b.spread == pytest.approx(1.5)
    rates = blocks([row(1, "A", 8000, "2025-03-01"), row(2, "B", 100, "2025-03-02", unit="people per day",
                                                         quantity="velorian|killed|people per day")])
    assert len(rates) == 2 and all(r.spread is None for r in rates)
    (b,) = blocks([row(1, "A", 100, "2025-03-01", unit="km", quantity="|length|length", group=None,
                       counted="length of the Velm canal"),
                   row(2, "B", 100, "2025-03-02", unit="mi", quantity="|length|length", group=None,
                       counted="length of the Velm canal")])
    assert b.unit in ("km", "mi") and b.spread == pytest.approx(1.609344, rel=1e-3)


def test_any_currency_is_money_but_never_beside_another() -> None:
    """Babel's codes make 'AUD' money as 'EUR' is; a block still holds one currency, no rate being assumed."""
    from claimledger.vocab.quantities import quantity_key

    assert quantity_key(None, "pledged", "AUD") == quantity_key(None, "pledged", "EUR") == "|pledged|money"
    rows = [row(1, "A", 5e9, "2025-03-01", unit="EUR", quantity="|pledged|money", counted="aid for Tarn"),
            row(2, "B", 6e9, "2025-03-02", unit="AUD", quantity="|pledged|money", counted="aid for Tarn")]
    assert sorted(b.unit or "" for b in blocks(rows)) == ["AUD", "EUR"]
