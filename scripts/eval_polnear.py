#!/usr/bin/env python3
"""Score claimledger's statements on PolNeAR (../shared/polnear/dev by default) with the shared scorer.

Runs the same ``extract`` the CLI runs, writes the predictions as JSON Lines (an interrupted quote's
quoted pieces as a list of spans, the scorer's discontinuous form) and prints the scorer's figures.

    python scripts/eval_polnear.py [GOLD_DIR] [--out PRED.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimledger.extract import Extractor, extract_many
from claimledger.ingest import read_sources
from claimledger.types import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def predict(gold_dir: Path, out: Path) -> tuple[int, float]:
    arts = [a for a in read_sources([str(gold_dir / "text")]) if isinstance(a, Article)]
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for art, ex in extract_many(arts, Extractor()):
            rows = to_polnear(art.text, [s.to_dict() for s in ex.statements])
            fh.write(json.dumps({"doc": art.source, "statements": rows}, ensure_ascii=False) + "\n")
    return len(arts), time.perf_counter() - t0


def to_polnear(text: str, rows: list[dict]) -> list[dict]:
    """Our guideline's statements in PolNeAR's conventions, which differ in three ways:

    - an interrupted quote '"A," he said. "B."' is one discontinuous content there (two statements in ours);
    - only the outermost report is annotated: a statement whose cue lies inside another's content is not;
    - the content keeps its quotation marks and its complementizer ('that "..."'; ours drops both).
    """
    merged: list[dict] = []
    for r in map(lambda r: _marked(text, r), rows):
        prev = merged[-1] if merged else None
        if prev is not None and r["kind"] == "direct" and r.get("cue") is None and prev["kind"] == "direct" \
                and prev.get("speaker_name") and prev["speaker_name"] == r.get("speaker_name"):
            gap = text[_end(prev):r["content"]["start"]]
            if "\n" not in gap and len(gap) <= 120:
                prev["content"] = [*_parts(prev), [r["content"]["start"], r["content"]["end"]]]
                continue
        merged.append(dict(r))
    outer = []
    for r in merged:
        cue = r.get("cue")
        inside = cue is not None and any(o is not r and _parts(o)[0][0] <= cue["start"] < _end(o) for o in merged)
        if not inside:
            outer.append(r)
    return outer


def _marked(text: str, r: dict) -> dict:
    s, e = r["content"]["start"], r["content"]["end"]
    if s > 0 and text[s - 1] in "\"“„«'‘" and e < len(text) and text[e] in "\"”“»'’":
        s, e = s - 1, e + 1
    if text[max(0, s - 5):s].lower() == "that ":
        s -= 5
    return {**r, "content": {"start": s, "end": e}}


def _parts(r: dict) -> list[list[int]]:
    c = r["content"]
    return c if isinstance(c, list) else [[c["start"], c["end"]]]


def _end(r: dict) -> int:
    return _parts(r)[-1][1]


def score(gold_dir: Path, pred: Path) -> dict[str, object]:
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "polnear_score.py"), str(gold_dir), str(pred)],
                         capture_output=True, text=True, check=True)
    body = res.stdout[: res.stdout.rindex("}") + 1]
    return json.loads(body)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir", nargs="?", default=str(SHARED / "polnear" / "dev"))
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    gold = Path(a.gold_dir)
    out = Path(a.out) if a.out else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    n, secs = predict(gold, out)
    r = score(gold, out)
    print(json.dumps(r, indent=1))
    content, e2e = r["content"], r["end_to_end"]
    print(f"PolNeAR {gold.name}: {n} articles in {secs:.1f}s; content F1 {content['f1']:.3f} "  # type: ignore[index]
          f"(P {content['p']:.3f} R {content['r']:.3f}); speaker accuracy {r['speaker_acc']:.3f}; "  # type: ignore[index]
          f"end-to-end F1 {e2e['f1']:.3f}")  # type: ignore[index]


if __name__ == "__main__":
    main()
