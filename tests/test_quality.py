"""Quality gates: the shared scorers on the shared data, with floors that fail on regression.

Floors sit just under what the current extractor measures (see the closing notes of the issues);
raise them when the extractor improves, never lower them to make a change pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, default_extractor

from claimledger.extract import extract_many
from claimledger.ingest import read_sources
from claimledger.types import Article

SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
POLNEAR_DEV = SHARED / "polnear" / "dev"
CORPUS = SHARED / "corpus" / "ukraine-2022-2024"
needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the project")


def run_scorer(*args: str) -> dict[str, object]:
    res = subprocess.run([sys.executable, str(SHARED / "eval" / args[0]), *args[1:]], capture_output=True,
                         text=True, check=True)
    return json.loads(res.stdout[: res.stdout.rindex("}") + 1])


@pytest.fixture(scope="module")
def seed_predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    arts = [a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]
    with open(out, "w", encoding="utf-8") as fh:
        for art, ex in extract_many(arts, default_extractor()):
            fh.write(json.dumps({"doc": art.source, "published": art.published, **ex.to_dict()}) + "\n")
    return out


@needs_shared
def test_seed_statements_floor(seed_predictions: Path) -> None:
    res = run_scorer("ledger_score.py", "statements", str(GOLD / "statements.json"), str(SEEDS), str(seed_predictions))
    # The seed gold was revised to ../shared/gold/GUIDELINES.md (66 statements, with complements of speech acts,
    # guideline content boundaries and interrupted quotes). Measured: 0.648 before the statements issue, 0.777
    # with complements of speech acts, no complementizer, one statement per quoted stretch, no hypotheticals;
    # 0.810 with second reports, participles and glosses cut where the guideline cuts them; 0.922 with the
    # complement forms (topics that carry a claim, 'condemned X as Y', participles that characterize); 0.936
    # with nested reports, one statement per speech event and the writer's comments left out.
    assert res["full"]["f1"] >= 0.93, res  # type: ignore[index]


@pytest.fixture(scope="module")
def dev_predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real-news dev set's 12 articles (nobody tuned on them), extracted once for every dev floor."""
    docs = {g["doc"] for name in ("dev_statements.json", "dev_figures.json")
            for g in json.loads((GOLD / name).read_text(encoding="utf-8"))}
    out = tmp_path_factory.mktemp("dev") / "dev.jsonl"
    arts = [a for a in read_sources([str(CORPUS / f"{d}.txt") for d in sorted(docs)]) if isinstance(a, Article)]
    with open(out, "w", encoding="utf-8") as fh:
        for art, ex in extract_many(arts, default_extractor()):
            fh.write(json.dumps({"doc": art.source, **ex.to_dict()}) + "\n")
    return out


@needs_shared
def test_dev_statements_floor(dev_predictions: Path) -> None:
    """The real-news dev set (12 articles nobody tuned on, 311 statements). Measured full F1 0.616 and speaker
    accuracy 0.913 before the statements issue; 0.862 and 0.962 with its error classes fixed; 0.869 and 0.970
    once a cited report's author speaks its findings."""
    out = dev_predictions
    res = run_scorer("ledger_score.py", "statements", str(GOLD / "dev_statements.json"), str(CORPUS), str(out))
    assert res["full"]["f1"] >= 0.868, res  # type: ignore[index]
    assert res["speaker_acc"] >= 0.97, res


@needs_shared
def test_dev_positions_floor(dev_predictions: Path) -> None:
    """The dev set's 23 positions in 12 articles (six with none). Measured full F1 0.303 before the positions
    issue; 0.744 (precision 0.80, recall 0.70) with acts of military aid, diplomacy in any words, criticism as
    opposition, plans' proponents, seats as states and one position per actor, topic and stance; 0.80
    (precision 0.82) with 'the two leaders' as the two people named last; 0.818 (precision 0.857) with topics
    matched through the taxonomy's word classes, conditions, dates and groups no stance."""
    res = run_scorer("ledger_score.py", "positions", str(GOLD / "dev_positions.json"), str(CORPUS),
                     str(dev_predictions))
    assert res["full"]["f1"] >= 0.81 and res["full"]["p"] >= 0.85, res  # type: ignore[index]


@needs_shared
def test_seed_positions_floor(seed_predictions: Path) -> None:
    """Positions with the shipped Russia-Ukraine taxonomy; measured 0.933 (14 of 14 gold, 16 predicted), and
    0.933 again once the statements issue's complements fed it (a cue's own 'against' read once)."""
    res = run_scorer("ledger_score.py", "positions", str(GOLD / "positions.json"), str(SEEDS), str(seed_predictions))
    assert res["full"]["f1"] >= 0.90, res  # type: ignore[index]


@needs_shared
def test_every_dash_quote_of_kallas_is_hers(seed_predictions: Path) -> None:
    gold = json.loads((GOLD / "statements.json").read_text(encoding="utf-8"))
    preds = {Path(json.loads(line)["doc"]).stem: json.loads(line)["statements"]
             for line in seed_predictions.read_text(encoding="utf-8").splitlines()}
    checked = 0
    for g in gold:
        text = (SEEDS / f"{g['doc']}.txt").read_text(encoding="utf-8")
        for st in g["statements"]:
            start = text.find(st["content"])
            line_start = text.rfind("\n", 0, start) + 1
            if st["speaker_name"] != "Kaja Kallas" or text[line_start:start].strip() not in ("–", "—"):
                continue
            checked += 1
            hits = [p for p in preds[g["doc"]] if p["content"]["start"] <= start + 2
                    and p["content"]["end"] >= start + len(st["content"]) - 2]
            assert hits and all(p["speaker_name"] == "Kaja Kallas" for p in hits), (st["content"][:60], hits)
    assert checked >= 7


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="../shared/polnear is not beside the project")
def test_polnear_dev_floors(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_polnear.py"), str(POLNEAR_DEV),
                          "--out", str(tmp_path / "pn.jsonl")], capture_output=True, text=True, check=True).stdout
    res = json.loads(out[: out.rindex("}") + 1])
    # measured 0.567 / 0.503 / 0.892 before the statements issue; 0.632 / 0.585 / 0.932 now, with our
    # statements mapped to PolNeAR's conventions (one content per interrupted quote, outermost report only,
    # quotation marks and complementizer kept)
    assert res["content"]["f1"] >= 0.625, res  # type: ignore[index]
    assert res["end_to_end"]["f1"] >= 0.58, res  # type: ignore[index]
    assert res["speaker_acc"] >= 0.925, res


@needs_shared
def test_seed_figures_floor(seed_predictions: Path) -> None:
    """Measured full F1 1.0, value 1.0, counted 0.90 after the figures issue's rules."""
    res = run_scorer("ledger_score.py", "figures", str(GOLD / "figures.json"), str(SEEDS), str(seed_predictions))
    assert res["full"]["f1"] >= 0.97, res  # type: ignore[index]
    assert res["value_acc"] >= 0.97 and res["counted_acc"] >= 0.87, res


@needs_shared
def test_dev_figures_floor(dev_predictions: Path) -> None:
    """The dev set's 45 figures. Measured detection F1 0.595 and full F1 0.405 before the figures issue (small
    spelled-out counts skipped, QUANTITY values left unparsed); 0.955 and 0.659 with them, with clock times,
    list numbers, page lengths and ranks left out. What is counted: 0.455 right (of fewer found), 0.548 with
    the participle, its scope and 'including'/apposition groups ('inmates freed', 'women among ... cases').
    Claimant right 0.714 -> 0.738 (full 0.682) with the subject of a verb of counting or finding; counted
    0.595 with bracketed conversions and the length of a thing measured in a compound. Claimant 0.833 (full
    0.773) with an unnamed source's own description ('local Russian-imposed authorities'). Claimant 0.976
    (full 0.909) with a cited document's author; counted 0.786 with plurals, shares, changes and levels."""
    res = run_scorer("ledger_score.py", "figures", str(GOLD / "dev_figures.json"), str(CORPUS), str(dev_predictions))
    assert res["detect"]["f1"] >= 0.94 and res["full"]["f1"] >= 0.90, res  # type: ignore[index]
    assert res["counted_acc"] >= 0.77 and res["claimant_acc"] >= 0.96, res
