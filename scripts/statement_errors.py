#!/usr/bin/env python3
"""Per-class statement errors on a gold set (the dev set by default), so every change starts from numbers.

Runs the same ``extract`` the CLI runs over the gold's documents, scores them with the shared scorer and
sorts every error into one class:

- missed: a gold statement no prediction overlaps at all;
- spurious: a prediction that overlaps no gold statement;
- boundary: a gold statement and a prediction that overlap but share under half their characters
  (the scorer counts each such pair as one miss and one false positive);
- wrong speaker: matched content, speaker not the gold's (no speaker: of these, the ones with none where the
  gold names one);
- loose: matched, but under 0.9 of the characters shared (not an F1 error: the next boundary errors);
- dated: predictions whose ``said_on`` is not the publication date (the gold has no dates: check by hand).

    python scripts/statement_errors.py [--gold ../shared/gold/dev_statements.json] [--texts DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))
import ledger_score as L  # noqa: E402  (the shared scorer's own matching, not a copy of it)

from claimledger.extract import Extractor, extract_many  # noqa: E402
from claimledger.ingest import read_sources  # noqa: E402
from claimledger.types import Article  # noqa: E402


def predict(gold: list[dict], texts: Path, out: Path) -> dict[str, dict]:
    paths = [str(texts / f"{g['doc']}.txt") for g in gold]
    arts = [a for a in read_sources(paths) if isinstance(a, Article)]
    docs = {}
    with open(out, "w", encoding="utf-8") as fh:
        for art, ex in extract_many(arts, Extractor()):
            row = {"doc": art.source, "published": art.published, **ex.to_dict()}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            docs[Path(art.source).stem] = row
    return docs


def classify(gold: list[dict], texts: Path, docs: dict[str, dict]) -> tuple[Counter, dict[str, list[str]]]:
    counts: Counter = Counter()
    examples: dict[str, list[str]] = {}

    def note(cls: str, doc: str, what: str) -> None:
        counts[cls] += 1
        examples.setdefault(cls, []).append(f"{doc[:24]}: {what}")

    for g in gold:
        doc, text = g["doc"], (texts / f"{g['doc']}.txt").read_text(encoding="utf-8")
        preds = [p for p in docs.get(doc, {}).get("statements", []) if L.span_of(p.get("content"))]
        gsets = [L.chars(text, *L.locate(text, s["content"], s.get("occurrence", 0))) for s in g["statements"]]
        psets = [L.chars(text, *L.span_of(p["content"])) for p in preds]
        pairs = [(len(gs & ps) / len(gs | ps), gi, pi) for gi, gs in enumerate(gsets)
                 for pi, ps in enumerate(psets) if gs & ps]
        matched = L.greedy([p for p in pairs if p[0] >= 0.5])
        mg, mp = {a for a, _ in matched}, {b for _, b in matched}
        near = L.greedy([p for p in pairs if p[1] not in mg and p[2] not in mp])
        ng, np_ = {a for a, _ in near}, {b for _, b in near}
        for gi, s in enumerate(g["statements"]):
            if gi not in mg and gi not in ng:
                note("missed", doc, f"[{s['kind']}] {s['speaker_name']}: {s['content'][:110]!r}")
        for pi, p in enumerate(preds):
            if pi not in mp and pi not in np_:
                note("spurious", doc, f"[{p['kind']}] {p.get('speaker_name')}: {p['content']['text'][:110]!r}")
        for gi, pi in near:
            note("boundary", doc, f"gold {g['statements'][gi]['content'][:70]!r} | pred "
                                  f"{preds[pi]['content']['text'][:70]!r}")
        for gi, pi in matched:
            s, p = g["statements"][gi], preds[pi]
            sp = L.span_of(p.get("speaker"))
            name = p.get("speaker_name") or (text[sp[0]:sp[1]] if sp else None)
            if not L.same_actor(name, s["speaker_name"], s.get("speaker_aliases"), s.get("speaker_mention")):
                note("wrong speaker", doc, f"gold {s['speaker_name']} pred {name}: {s['content'][:80]!r}")
                if not name and s["speaker_name"]:
                    note("no speaker", doc, f"gold {s['speaker_name']}: {s['content'][:80]!r}")
            if len(gsets[gi] & psets[pi]) / len(gsets[gi] | psets[pi]) < 0.9:
                note("loose", doc, f"gold {s['content'][:70]!r} | pred {p['content']['text'][:70]!r}")
        published = (docs.get(doc, {}).get("published") or "")[:10]
        for p in preds:
            if p.get("said_on") and published and p["said_on"] != published:
                note("dated", doc, f"{p['said_on']} (published {published}): {p['content']['text'][:80]!r}")
    return counts, examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev_statements.json")
    ap.add_argument("--texts", type=Path, default=SHARED / "corpus" / "ukraine-2022-2024")
    ap.add_argument("--show", type=int, default=0, help="print this many examples of each class")
    ap.add_argument("--out", type=Path, help="keep the predictions here (JSON Lines)")
    args = ap.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    out = args.out or Path(tempfile.mkdtemp()) / "pred.jsonl"
    docs = predict(gold, args.texts, out)
    score = subprocess.run([sys.executable, str(SHARED / "eval" / "ledger_score.py"), "statements", str(args.gold),
                            str(args.texts), str(out)], capture_output=True, text=True, check=True).stdout
    res = json.loads(score[: score.rindex("}") + 1])
    counts, examples = classify(gold, args.texts, docs)
    gold_n = sum(len(g["statements"]) for g in gold)
    print(f"{args.gold.name}: {gold_n} gold statements, full F1 {res['full']['f1']:.3f} "
          f"(P {res['full']['p']:.3f}, R {res['full']['r']:.3f}), speaker accuracy {res['speaker_acc']:.3f}")
    for cls in ("missed", "spurious", "boundary", "wrong speaker", "no speaker", "loose", "dated"):
        print(f"  {cls:<14} {counts[cls]:>4}")
        for ex in examples.get(cls, [])[: args.show]:
            print(f"      {ex}")


if __name__ == "__main__":
    main()
