"""Figures on our own fictional examples and on constructed sentences: values, ranges, units, exclusions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli, extract

from claimledger.ingest.sources import IngestOptions, finish
from claimledger.types import Article, Figure


def figures_of(text: str, published: str = "2025-03-10") -> list[Figure]:
    art = finish(Article(text=text + "\n", source="t.txt", published=published), IngestOptions())
    return extract(art).figures


def one(figs: list[Figure], surface: str) -> Figure:
    hits = [f for f in figs if f.span.text == surface]
    assert len(hits) == 1, (surface, [f.span.text for f in figs])
    return hits[0]


@pytest.mark.parametrize(("sentence", "surface", "value", "low", "high", "approx", "unit"), [
    ("The ministry said that 55,000 soldiers had been killed.", "55,000", 55000, None, None, None, "people"),
    ("Officials said nearly 1.2 million people had fled the region.", "nearly 1.2 million", 1.2e6, None, None,
     "nearly", "people"),
    ("Monitors believe that between 30,000 and 45,000 fighters died in the siege.", "between 30,000 and 45,000",
     None, 3e4, 4.5e4, None, "people"),
    ("Donors pledged €170bn in aid to the region, the commission said.", "€170bn", 1.7e11, None, None, None, "EUR"),
    ("The country has spent $12trn on defence since 2001, the report said.", "$12trn", 1.2e13, None, None, None,
     "USD"),
    ("The government said 38 billion euros had been spent on rebuilding.", "38 billion euros", 3.8e10, None, None,
     None, "EUR"),
    ("Turnout fell to 40% in the capital, the commission said.", "40%", 40, None, None, None, "percent"),
    ("Up to two million people have been displaced by the fighting.", "Up to two million", 2e6, None, None, "up to",
     "people"),
])
def test_values_ranges_qualifiers_units(sentence: str, surface: str, value: float | None, low: float | None,
                                        high: float | None, approx: str | None, unit: str) -> None:
    f = one(figures_of(sentence), surface)
    assert (f.value, f.low, f.high) == (value, low, high)
    assert (f.approx or None) == (approx.lower() if approx else None) or (f.approx or "").lower() == approx
    assert f.unit == unit


@pytest.mark.parametrize("sentence", [
    "The war has lasted four years and the talks went on for six hours.",
    "The EU adopted its 19th package of sanctions on Monday.",
    "Leaders of the G7 discussed the 28-point plan in 2025.",
    "Dozens of drones and hundreds of thousands of shells were fired.",
    "Mr. King, 82, told reporters he was tired.",
    "The meeting starts at 10:30 am on 5 March 2024.",
    "The two sides met in Velm, where the first talks were held.",
    "One official said the talks would resume.",
    "Veloria is among the top five exporters of grain.",
    "The ministry published a 41-page report on the harbour.",
    "The ferry left at 0315 GMT.",
])
def test_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_small_counts_measures_and_conversions() -> None:
    """Spelled-out counts are figures (the guideline), measures keep their unit, and a bracketed conversion
    counts what the figure before it counts."""
    figs = figures_of("Harbour officials said at least five drones hit the pier and one woman was killed. Three "
                      "ferries were seized by the coast guard. Ostmark shipped 23,000 tonnes of grain through the "
                      "1,000-kilometer (621-mile) Velm canal.")
    assert one(figs, "at least five").value == 5 and one(figs, "one").value == 1
    assert "ferries seized" in (one(figs, "Three").counted or "")
    grain = one(figs, "23,000 tonnes")
    assert (grain.value, grain.unit) == (23000, "t")
    canal, miles = one(figs, "1,000-kilometer"), one(figs, "621-mile")
    assert (canal.value, canal.unit, canal.counted) == (1000, "km", "length of Velm canal")
    assert (miles.value, miles.unit, miles.counted) == (621, "mi", "length of Velm canal (conversion)")


def test_a_list_counts_inside_its_whole() -> None:
    figs = figures_of("The mission documented 120 cases of detention, including 90 men, 25 women and five boys.")
    assert one(figs, "25").counted == "women among cases of detention"


def test_claimant_counted_group_and_as_of() -> None:
    figs = figures_of("On February 5 this year, Ukraine's defence minister Olena Marchenko said that 55,000 Ukrainian "
                      "soldiers had been killed since the invasion in February 2022. Officials estimate that "
                      "about 600,000 Russian soldiers have been killed or wounded.")
    z = one(figs, "55,000")
    assert z.claimant_name == "Olena Marchenko" and z.as_of == "2025-02-05" and z.statement is not None
    assert (z.group, z.measure) == ("Ukrainian", "killed") and "soldiers" in (z.counted or "")
    assert z.period and z.period.startswith("since")
    r = one(figs, "about 600,000")
    # an unnamed source claims a figure under its description (the guideline), unlike a statement's speaker
    assert (r.group, r.measure, r.claimant_name) == ("Russian", "casualties", "Officials")


def test_projection_is_marked() -> None:
    [f] = figures_of("A report by the Institute for War Records suggests that the number of refugees is set to reach "
                     "three million by the autumn.")
    assert f.projection and f.claimant_name == "Institute for War Records"


def test_compare_lines_up_claimants_and_draws(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert cli("demo", "--db", str(db)).returncode == 0
    r = cli("figures", "compare", "Velorian soldiers killed", "--db", str(db), "--json")
    cmp = json.loads(r.stdout)
    claimants = {row["claimant"] for row in cmp["rows"]}
    assert {"Mira Sandoval", "Institute for Conflict Accounting"} <= claimants
    assert cmp["spread"] and cmp["spread"] > 1
    for ext in ("png", "svg"):
        out = tmp_path / f"c.{ext}"
        r = cli("figures", "compare", "Velorian soldiers killed", "--db", str(db), "--chart", str(out))
        assert r.returncode == 0 and out.stat().st_size > 1000, r.stderr
    r = cli("figures", "--claimant", "Holm", "--db", str(db), "--json")
    rows = json.loads(r.stdout)
    assert rows and all(row["claimant"] == "Petra Holm" for row in rows)
    r = cli("figures", "compare", "the weather", "--db", str(db))
    assert r.returncode == 1 and "names no measure" in r.stderr
    # a share pledged is listed in its own block, never compared with the sums pledged
    cmp = json.loads(cli("figures", "compare", "pledged", "--db", str(db), "--json").stdout)
    units = {(row["unit"], row["comparable"]) for row in cmp["rows"]}
    assert cmp["unit"] == "EUR" and ("percent", False) in units and ("EUR", True) in units
    assert [b["label"] for b in cmp["blocks"]] == ["pledged (EUR)", "pledged (percent)"]
    assert "[pledged (percent)]" in cli("figures", "compare", "pledged", "--db", str(db)).stdout


def test_examples_have_conflicting_figures() -> None:
    losses = (EXAMPLES / "harbour-gazette" / "2025-03-11-losses.txt").read_text(encoding="utf-8")
    figs = figures_of(losses, "2025-03-11")
    claimants = {f.claimant_name for f in figs if f.measure in ("killed", "casualties")}
    assert {"Henrik Vaal", "Mira Sandoval", "Institute for Conflict Accounting"} <= claimants


def test_money_scale_and_no_pronoun_counted() -> None:
    """'$100m' is a hundred million, not a hundred; a pronoun subject is never what is counted."""
    figs = figures_of("The fund received $100m from donors. Ostmark pledged £2.3bn in military aid. "
                      "He says he is protecting people in two valleys.")
    money = one(figs, "$100m")
    assert (money.value, money.unit) == (1e8, "USD")
    assert one(figs, "£2.3bn").counted == "military aid pledged"
    assert one(figs, "two").counted == "valleys"


def test_an_unnamed_source_is_described() -> None:
    """A figure from a source the article does not name gets the description it gives (the guideline);
    a pronoun is no description."""
    figs = figures_of("The local harbour authorities said that at least 12 boats were lost. \"Nine sank,\" "
                      "they said.")
    assert one(figs, "at least 12").claimant_name == "local harbour authorities"


def test_a_report_and_its_counts_belong_to_its_author() -> None:
    """'the report', 'It documents' and 'laid out in the report' are the author's, however the author is named."""
    figs = figures_of(
        "The Valley Monitoring Mission released its annual report on Tuesday. The report covers the whole winter. "
        "It documents 412 cases of looting in Tarn. Nine towns are described in the report.\n\n"
        "A study by the Institute for War Records found 38 mass graves, the institute said.")
    assert one(figs, "412").claimant_name == "Valley Monitoring Mission"
    assert one(figs, "Nine").claimant_name == "Valley Monitoring Mission"
    assert one(figs, "38").claimant_name == "Institute for War Records"


@pytest.mark.parametrize(("sentence", "surface", "counted"), [
    ("At least one fisherman was killed in the storm, the harbour office said.", "At least one",
     "fishermen killed in storm"),
    ("More than 60% of the valley lives without running water.", "More than 60%",
     "share of the valley living without running water"),
    ("Tarn has lost nearly 20% of its farmland in the war.", "nearly 20%", "share of its farmland lost in the war"),
    ("The Velorian index lost 3% on Monday.", "3%", "fall in Velorian index"),
    ("The price of Tarn wool climbed 2% to a record high of $41.50 a bale.", "$41.50", "price of Tarn wool"),
    ("The 12-nation council of ministers met in Ostmark.", "12-nation", "nations of council of ministers"),
    ("Around 100,000 people have crossed into Ostmark, officials said.", "Around 100,000",
     "people crossed into Ostmark"),
    ("About 200,000 inhabitants are at risk of unemployment.", "About 200,000", "inhabitants at risk of unemployment"),
    ("More than 300 drones struck Velorian towns overnight.", "More than 300", "drones struck Velorian towns"),
    ("Twenty of its ships were engaged in the strait.", "Twenty", "ships"),
    ("Ostmark later deployed an additional 30,000 troops.", "an additional 30,000", "additional troops deployed later"),
    ("Veloria lost almost a thousand soldiers and 15 tanks.", "15", "tanks lost"),
    ("Veloria has lost nearly 24,000 soldiers, more than 1,000 tanks and 500 guns in the war.", "nearly 24,000",
     "soldiers lost in war"),
    ("Ostmark forces eliminated 5,000 troops in a single battle, according to Velorian officials.", "5,000",
     "troops eliminated in single battle"),  # who says it is the claimant, not what is counted
])
def test_what_is_counted_reads_as_a_phrase(sentence: str, surface: str, counted: str) -> None:
    """A count names its class in the plural; a percentage is a share of its whole, a change or a level of its
    subject; a count glued to a body's noun counts the body's members; the verb and its phrases carry the
    meaning, but a number's coordinated objects and the words in front of its value are not its scope."""
    assert one(figures_of(sentence), surface).counted == counted


@pytest.mark.parametrize(("sentence", "surface", "value", "unit", "kind"), [
    ("The ferry company paid 45 cents a share.", "45 cents", 0.45, "USD", "money"),
    ("The port deal is worth A$2.5 billion.", "A$2.5 billion", 2.5e9, "AUD", "money"),
    ("The crossing cost 300 Australian dollars.", "300 Australian dollars", 300, "AUD", "money"),
    ("Tarn spent 1.5 trillion yuan on the dam.", "1.5 trillion yuan", 1.5e12, "CNY", "money"),
    ("The storm dropped 12 inches of rain on Kessel.", "12 inches", 12, "in", "measure"),
    ("Winds gusted at 90 mph over the valley.", "90 mph", 90, "mph", "measure"),
    ("The new engine makes 500 horsepower.", "500 horsepower", 500, "hp", "measure"),
    ("The fire burned 3,000 square miles of forest.", "3,000 square miles", 3000, "mi²", "measure"),
    ("The pipeline carries 55 billion cubic metres of gas.", "55 billion cubic metres", 5.5e10, "m³", "measure"),
    ("The Kessel index fell 500 points.", "500 points", 500, "points", "measure"),
    ("The bank raised rates by 50 basis points.", "50 basis points", 50, "basis points", "measure"),
    ("Two-thirds of Velorian voters agree.", "Two-thirds", 200 / 3, "percent", "percent"),
    ("The two sides held three rounds of talks.", "three", 3, "round", "count"),
    ("About 5,000 people a month are leaving Tarn.", "About 5,000", 5000, "people per month", "rate"),
])
def test_every_kind_of_quantity(sentence: str, surface: str, value: float, unit: str, kind: str) -> None:
    """Money in any currency or subunit (Babel's names and signs), physical measures (pint's symbols), index
    points, fractions, small counts of events, rates: each with its kind and normal unit."""
    f = one(figures_of(sentence), surface)
    assert (f.value, f.unit, f.kind) == (pytest.approx(value), unit, kind)


def test_a_source_carries_over_its_paragraph_and_its_list() -> None:
    """'According to X, ...' at a paragraph's head claims the figures of its later sentences; the line that
    introduces a list claims the list's figures."""
    figs = figures_of("According to the Tarn Valley relief office, the floods displaced 4,000 families. Another "
                      "1,200 people lost their homes in Kessel.\n\nOstmark's general staff published its latest "
                      "tally on Monday:\n\n- 12,000 soldiers killed;\n- 340 tanks destroyed.\n\nThe storm dropped "
                      "12 inches of rain.")
    assert one(figs, "1,200").claimant_name == "Tarn Valley relief office"
    assert one(figs, "340").claimant_name == one(figs, "12,000").claimant_name == "Ostmark"
    assert one(figs, "12 inches").claimant_name is None


def test_a_unit_is_a_unit_word_after_a_number() -> None:
    """'has' is no hectares: a stop word is never a unit."""
    figs = figures_of("Ukraine has 500 tanks and the valley has 300 ha of vineyards, the ministry said.")
    assert one(figs, "500").unit == "tank" and one(figs, "300 ha").unit == "ha"
