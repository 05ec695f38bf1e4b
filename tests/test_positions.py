"""Positions and events: taxonomies as data, stances with evidence, the matrix, changes, the timeline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli, default_extractor

from claimledger.errors import ClaimledgerError
from claimledger.extract.taxonomy import parse

TOPICS = str(EXAMPLES / "topics.yaml")


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("pos") / "ex.db")
    r = cli("ingest", str(EXAMPLES), "--db", db, "--topics", TOPICS)
    assert r.returncode == 0, r.stderr
    return db


def test_matrix_on_the_examples(examples_db: str) -> None:
    m = json.loads(cli("positions", "--db", examples_db, "--json").stdout)
    cells = {(c["actor"], c["topic"]): c for c in m["cells"]}
    valley = cells[("Mira Sandoval", "tarn-valley-territory")]
    assert valley["stance"] == "oppose" and valley["oppose"] >= 2  # "The Tarn Valley is not for sale"
    assert any("not for sale" in e["evidence"] for e in valley["evidence"])
    assert cells[("Mira Sandoval", "ostmark-withdrawal")]["stance"] == "support"
    assert cells[("Petra Holm", "reconstruction-aid")]["stance"] == "oppose"
    table = cli("positions", "--db", examples_db, "--topic", "tarn", "--evidence")
    assert table.returncode == 0 and "Mira Sandoval" in table.stdout and "not for sale" in table.stdout
    only = json.loads(cli("positions", "--db", examples_db, "--actor", "Holm", "--json").stdout)
    assert {c["actor"] for c in only["cells"]} == {"Petra Holm"}


def test_both_sides_of_the_story(examples_db: str) -> None:
    """Ostmark's side too: the chancellor who dismissed the withdrawal demand opposes withdrawal; the negotiator
    who 'rejected the proposal' of a buffer zone made in the sentence before opposes it, whatever he says of it
    after; Veloria's demand is Veloria's."""
    m = json.loads(cli("positions", "--db", examples_db, "--json").stdout)
    cells = {(c["actor"], c["topic"]): c["stance"] for c in m["cells"]}
    assert cells[("Henrik Vaal", "ostmark-withdrawal")] == "oppose"
    assert cells[("Dietrich Arne", "ceasefire")] == "oppose"
    assert cells[("Veloria", "ostmark-withdrawal")] == "support"
    assert cells[("Henrik Vaal", "air-defence")] == "oppose" and cells[("Mira Sandoval", "air-defence")] == "support"
    evidence = [e["evidence"] for c in m["cells"] for e in c["evidence"]]
    assert all(e[:1].isalnum() or e[:1] in "\"“'‘" for e in evidence), evidence  # words, not a headline's colon
    explained = json.loads(cli("positions", "--db", examples_db, "--actor", "Arne", "--explain", "--topics", TOPICS,
                               "--json").stdout)
    (cell,) = [c for c in explained["cells"] if c["topic"] == "ceasefire"]
    assert cell["oppose"] == 1 and cell["support"] == 0  # the wire story two outlets carried counts once
    assert cell["evidence"][0]["matched"] == "proposed a buffer zone" and cell["evidence"][0]["pattern"]


def test_evidence_is_whole_tokens_and_holds_its_statement(examples_db: str) -> None:
    """Evidence begins and ends on token boundaries, and evidence drawn from a statement covers its content."""
    arts = {json.loads(line)["id"]: json.loads(line) for line in cli("export", "--db", examples_db).stdout.splitlines()}
    rows = [json.loads(line) for line in cli("export", "--db", examples_db, "--table", "positions").stdout.splitlines()]
    statements = {s["id"]: s for a in arts.values() for s in a["statements"]}
    assert rows
    linked = 0
    for r in rows:
        doc = default_extractor().nlp.make_doc(arts[r["article_id"]]["text"])
        assert r["start"] in {t.idx for t in doc} and r["end"] in {t.idx + len(t.text) for t in doc}, r["evidence"]
        assert r["evidence"] == r["evidence"].strip() and r["stance"] in ("support", "oppose")
        if r["statement_id"] is not None:
            st = statements[r["statement_id"]]
            assert r["start"] <= st["content_start"] and st["content_end"] <= r["end"], (r["evidence"], st["content"])
            linked += 1
    assert linked >= len(rows) // 2


def test_changes_show_both_statements(tmp_path: Path) -> None:
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "2025-01-10-berg.txt").write_text(
        "Ruritania and the ceasefire\n\nForeign minister Ana Berg said on Friday that her government would never "
        "accept a ceasefire while troops stand on its soil.\n", encoding="utf-8")
    (folder / "2025-02-20-berg.txt").write_text(
        "Ruritania moves\n\nForeign minister Ana Berg said on Thursday that her government has offered a "
        "ceasefire to the rebels.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert cli("ingest", str(folder), "--db", db, "--topics", TOPICS).returncode == 0
    changes = json.loads(cli("positions", "--db", db, "--changes", "--json").stdout)
    assert len(changes) == 1
    c = changes[0]
    assert (c["actor"], c["topic"], c["from"]["stance"], c["to"]["stance"]) == ("Ana Berg", "ceasefire", "oppose",
                                                                                  "support")
    assert "never accept a ceasefire" in c["from"]["evidence"] and "offered a ceasefire" in c["to"]["evidence"]
    table = cli("positions", "--db", db, "--changes")
    assert "Ana Berg" in table.stdout and "1 change(s)" in table.stdout


def test_events_timeline(examples_db: str) -> None:
    rows = json.loads(cli("events", "--db", examples_db, "--json").stdout)
    brenna = sorted((r for r in rows if r["place"] == "Brenna"), key=lambda r: r["date"])
    assert [(r["kind"], r["date"]) for r in brenna] == [("talks", "2025-03-12"), ("talks", "2025-04-08")]
    assert set(brenna[0]["participants"]) == {"Veloria", "Ostmark"}  # 'between Velorian and Ostmark delegations'
    assert set(brenna[1]["participants"]) == {"Dietrich Arne", "Mira Sandoval"}  # the next round, to come
    call = [r for r in rows if r["kind"] == "call"]  # both sides' leaders, on the Monday before the report
    assert [(set(r["participants"]), r["date"]) for r in call] == [({"Mira Sandoval", "Henrik Vaal"}, "2025-03-24")]
    kessel = [r for r in rows if r["place"] == "Kessel"]
    assert kessel and kessel[0]["kind"] == "meeting"
    assert all(r["date"] or r["published"] for r in rows)
    assert "Brenna" in cli("events", "--db", examples_db).stdout


def test_a_meeting_to_come_and_the_parties_only() -> None:
    """A meeting announced for a weekday is on the coming one; a leader's country beside their name is no party."""
    from conftest import extract

    from claimledger.types import Article

    text = ("Velorian President Ana Ruiz will meet Ostmark Chancellor Olaf Brenner in Lisbon on Friday, "
            "her office said.")
    [event] = extract(Article(text=text, published="2025-08-20")).events  # a Wednesday
    assert event.date == "2025-08-22" and event.place == "Lisbon"
    assert set(event.participants) == {"Ana Ruiz", "Olaf Brenner"}


def test_any_taxonomy_and_clear_errors(tmp_path: Path) -> None:
    tax = parse("topics:\n  - id: fish\n    description: fishing quotas\n    examples: [fishing quotas]\n", "t.yaml")
    assert tax.topics[0].patterns and tax.topics[0].patterns[0].regex.search("New fishing quotas now")
    for bad, words in [("topics: [", "not valid YAML"), ("name: x\n", "no 'topics:'"),
                       ("topics:\n  - id: x\n", "'id' and a 'description'"),
                       ("topics:\n  - {id: x, description: y, patterns: [{re: '(', stance: auto}]}\n", "bad pattern"),
                       ("topics:\n  - {id: x, description: y, patterns: [{re: 'a', stance: maybe}]}\n", "stance")]:
        with pytest.raises(ClaimledgerError, match=words):
            parse(bad, "t.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("topics: [", encoding="utf-8")
    r = cli("extract", str(EXAMPLES / "harbour-gazette"), "--topics", str(broken))
    assert r.returncode == 1 and "broken.yaml" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    fish = tmp_path / "fish.yaml"
    fish.write_text("topics:\n  - id: fish\n    description: fishing\n    patterns: ['\\bfish\\w*']\n",
                    encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("Minister Ola Nord said that the fishing quotas must be cut.\n", encoding="utf-8")
    rec = json.loads(cli("extract", str(art), "--topics", str(fish)).stdout)
    assert [(p["actor_name"], p["topic"], p["stance"]) for p in rec["positions"]] == [("Ola Nord", "fish", "support")]


@pytest.mark.parametrize("text, kind, place, who", [
    ("President Ana Ruiz met with Chancellor Olaf Brenner in Lisbon on Friday.", "meeting", "Lisbon",
     {"Ana Ruiz", "Olaf Brenner"}),
    ("The meetings held in Reykjavik ended without a deal.", "meeting", "Reykjavik", set()),
    ("Talks in Geneva resumed on Tuesday.", "talks", "Geneva", set()),
    ("Any provocation will be met with a firm response.", None, None, set()),
    ("Both sides want talks, the minister said.", None, None, set()),
    ("Prime Minister Donald Tusk met on Saturday with Garry Kasparov - a chess player and an opponent of Vladimir "
     "Putin's rule.", "meeting", None, {"Donald Tusk", "Garry Kasparov"}),  # not everyone named nearby
    ("The two presidents discussed the war in Veloria at a meeting in Geneva.", "meeting", "Geneva", set()),
    ("Xi Jinping, who met on Thursday in Beijing with Emmanuel Macron, said nothing.", "meeting", "Beijing",
     {"Xi Jinping", "Emmanuel Macron"}),  # whom 'who' stands for
    ("Diplomats from Russia, Ukraine, Germany and France met in Paris on Monday.", "meeting", "Paris",
     {"Russia", "Ukraine", "Germany", "France"}),  # the delegates' countries
    ("Biden and Putin were supposed to meet in Geneva, but the trip was called off.", None, None, set()),
    ("The Russians gathered over 30 warships in the Black Sea.", None, None, set()),
    ("U.S. Defense Secretary Lloyd Austin was speaking after meeting Volodymyr Zelensky in Kyiv.", "meeting", "Kyiv",
     {"Lloyd Austin", "Volodymyr Zelensky"}),  # the one speaking after the meeting met; not his country
    ("They will explore the possibility of an in-person meeting between Biden and Xi in Bali.", None, None, set()),
    ("Leaders attended the NATO summit in Vilnius on Tuesday.", "summit", "Vilnius", {"NATO"}),  # the tagger: ORG
    ("On Wednesday in Berlin, Rishi Sunak meets Olaf Scholz.", "meeting", "Berlin", {"Rishi Sunak", "Olaf Scholz"}),
    ("President Ana Ruiz met Olaf Brenner to discuss the fighting in Veloria.", "meeting", None,
     {"Ana Ruiz", "Olaf Brenner"}),  # the place of what they discussed is not where they met
    ("Ana Ruiz and Olaf Brenner held phone talks in Lisbon.", "call", "Lisbon", {"Ana Ruiz", "Olaf Brenner"}),
])
def test_event_sentences(text: str, kind: str | None, place: str | None, who: set[str]) -> None:
    from conftest import extract

    from claimledger.types import Article

    events = extract(Article(text=text, published="2025-08-20")).events
    if kind is None:
        assert events == []
        return
    assert [(e.kind, e.place) for e in events] == [(kind, place)]
    assert who <= set(events[0].participants)
    dated = re.search(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(January|February|March|April|June|July|"
                      r"August|September|October|November|December)\b", text)
    if dated:  # a weekday of the week before publication
        assert events[0].date and "2025-08-13" <= events[0].date <= "2025-08-20"
    else:  # the publication date is not the meeting's
        assert events[0].date is None
    assert "Vladimir Putin" not in events[0].participants


def test_events_actor_takes_any_alias(tmp_path: Path) -> None:
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "2025-01-10-a.txt").write_text("Lisbon talks\n\nForeign minister Ana Berg met with Chancellor Olaf "
                                             "Brenner in Lisbon on Friday.\n", encoding="utf-8")
    (folder / "2025-01-20-b.txt").write_text("Porto talks\n\nBerg met with Brenner in Porto on Monday to discuss the "
                                             "border.\n", encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert cli("ingest", str(folder), "--db", db).returncode == 0

    def places(*actor: str) -> list[str]:
        return sorted(e["place"] for e in json.loads(cli("events", "--db", db, *actor, "--json").stdout))

    assert places() == ["Lisbon", "Porto"]
    # the second article names them "Berg" and "Brenner" only: the actors' aliases find it, not the words typed
    assert places("--actor", "Ana Berg") == places("--actor", "Berg") == ["Lisbon", "Porto"]
    assert places("--actor", "Olaf Brenner") == places("--actor", "Olaf") == ["Lisbon", "Porto"]
    assert places("--actor", "Nobody Known") == []


def test_two_taxonomies_in_one_process_and_its_workers(tmp_path: Path) -> None:
    """The configuration is an argument: a second taxonomy in the same process (and in worker processes) is used,
    not silently replaced by the first one loaded."""
    from claimledger.extract import Extractor, ExtractorConfig, extract_many
    from claimledger.types import Article

    fish = tmp_path / "fish.yaml"
    fish.write_text("name: fisheries\ntopics:\n  - id: fish\n    description: fishing\n    patterns: ['\\bfish\\w*']\n",
                    encoding="utf-8")
    art = Article(text="Minister Ola Nord said that the fishing quotas must be cut.\n", source="a.txt")
    shipped, fishing = default_extractor(), Extractor(ExtractorConfig(topics=str(fish)))
    assert [p.topic for p in fishing.extract(art).positions] == ["fish"]
    assert shipped.extract(art).positions == []
    assert shipped.version != fishing.version and shipped.nlp is fishing.nlp  # one model, two taxonomies
    assert fishing.config.describe()["taxonomy"] == "fisheries"
    many = [ex.positions for _, ex in extract_many([art, art, art], fishing, workers=2, batch_size=1)]
    assert [[p.topic for p in ps] for ps in many] == [["fish"]] * 3


def test_a_cue_against_a_topic_opposes_it_once() -> None:
    """'cautioned against X': the cue and its preposition say 'against' once, not twice (which read as support)."""
    from claimledger.extract import Extractor, ExtractorConfig
    from claimledger.ingest.sources import IngestOptions, finish
    from claimledger.types import Article

    art = finish(Article(text="Tarn talks\n\nMinister Ola Nord cautioned against Veloria ceding the valley "
                         "for peace.\n", source="a.txt"), IngestOptions())
    tarn = Extractor(ExtractorConfig(topics=TOPICS))
    assert [(p.actor_name, p.topic, p.stance) for p in tarn.extract(art).positions] == [
        ("Ola Nord", "tarn-valley-territory", "oppose")]


def test_a_conceded_clause_is_no_position() -> None:
    """'Although arms are flowing to Kyiv, ...': the claim is what follows, not what the sentence concedes."""
    from conftest import extract

    from claimledger.types import Article

    ex = extract(Article(text="Although arms are flowing to Kyiv, Olaf Scholz said NATO's eastern flank needs more "
                              "troops.\n", published="2025-08-20"))
    assert [p for p in ex.positions if p.topic == "ukraine-military-strength"] == []


def test_a_speakers_account_of_anothers_aim_is_not_the_speakers_stance() -> None:
    """'X said America's goal was to impose more sanctions on Russia': no stance of X's own on sanctions."""
    from conftest import extract

    from claimledger.types import Article

    ex = extract(Article(text="Vladimir Putin said America's goal was to use a confrontation as a pretext to impose "
                              "more sanctions on Russia.\n", published="2025-08-20"))
    assert [p for p in ex.positions if p.topic == "sanctions-on-russia"] == []


def test_an_outlet_or_a_poll_takes_no_side() -> None:
    from conftest import extract

    from claimledger.types import Article

    ex = extract(Article(text="The Kessel Daily Herald said the sanctions on Russia must be tightened.\n",
                         published="2025-08-20"))
    assert ex.positions == []


@pytest.mark.parametrize(("sentence", "topic", "stance"), [
    ("Olaf Scholz said the world could not give up sanctions against Russia.", "sanctions-on-russia", "support"),
    ("Sergei Lavrov said a peaceful solution is completely impossible today.", "peace-talks", "oppose"),
    ("Defence minister Ana Ruiz said it would not be a mistake to send more weapons to Ukraine.",
     "ukraine-military-strength", "support"),  # a negated negative evaluation
    ("Defence minister Ana Ruiz said it would be a mistake to send more weapons to Ukraine.",
     "ukraine-military-strength", "oppose"),
    ("Defence minister Ana Ruiz said there were no signs of a withdrawal of Russian troops from Ukraine.", None,
     None),  # an observation, no stance
    ("Foreign minister Ana Ruiz said Moscow was ready to negotiate with Kyiv.", None, None),  # Moscow's, as she says
    ("Foreign minister Ana Ruiz said Moscow was ready to negotiate a new treaty on nuclear arms.", None, None),
    ("Foreign minister Ana Ruiz demanded security guarantees from the West that include a pledge to halt NATO "
     "expansion.", None, None),  # guarantees for her own side, not for Ukraine
    ("Foreign minister Ana Ruiz demanded security guarantees for Ukraine from the West.", "security-guarantees",
     "support"),
])
def test_giving_up_and_impossibility_turn_the_stance(sentence: str, topic: str | None, stance: str | None) -> None:
    from conftest import extract

    from claimledger.types import Article

    ex = extract(Article(text=sentence + "\n", published="2025-08-20"))
    assert [(p.topic, p.stance) for p in ex.positions] == ([(topic, stance)] if topic else [])


def test_a_plans_terms_and_a_demand_to_withdraw() -> None:
    """A plan counts under what it contains, for its proponent: capping Ukraine's army opposes its strength; a
    demand that Ukraine withdraw from its regions supports ceding them."""
    from conftest import extract

    from claimledger.types import Article

    text = ("Donald Trump's peace plan calls for Ukraine to cap its army at 600,000 troops.\n"
            "Russia demanded that Ukraine withdraw its troops from Donetsk.\n")
    ex = extract(Article(text=text, published="2026-02-10"))
    got = {(p.actor_name, p.topic, p.stance) for p in ex.positions}
    assert ("Donald Trump", "ukraine-military-strength", "oppose") in got
    assert ("Russia", "ukraine-territorial-concessions", "support") in got
