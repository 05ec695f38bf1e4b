"""Check that a change of code left the extraction byte-identical.

Runs ``claimledger extract --format jsonl`` from two checkouts (a git ref, checked out into a temporary
worktree, and the working tree) on the same inputs, the seeds, the dev articles of
``../shared/gold/dev_statements.json`` and the bundled examples with their own topics, and compares the
bytes. A restructuring must print ``identical``; any difference is listed per document and field.

    python scripts/same_extraction.py --against main~3
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# the checkout's package first on the path, whatever is installed; checked, so the wrong code cannot run unseen
RUN = ("import sys; root = sys.argv.pop(1); sys.path.insert(0, root); import claimledger; "
       "assert claimledger.__file__.startswith(root), claimledger.__file__; "
       "from claimledger.interfaces.cli import run; sys.argv[0] = 'claimledger'; run()")


def inputs() -> list[tuple[str, list[str]]]:
    """(name, extract arguments) for each input set."""
    sets: list[tuple[str, list[str]]] = [("seeds", [str(SHARED / "seeds")])]
    gold = json.loads((SHARED / "gold" / "dev_statements.json").read_text(encoding="utf-8"))
    corpus = SHARED / "corpus" / "ukraine-2022-2024"
    sets.append(("dev", [str(corpus / f"{g['doc']}.txt") for g in gold]))
    sets.append(("examples", [str(ROOT / "examples"), "--topics", str(ROOT / "examples" / "topics.yaml")]))
    return sets


def run(checkout: Path, args: list[str]) -> bytes:
    proc = subprocess.run([sys.executable, "-c", RUN, str(checkout), "extract", "--format", "jsonl", *args],
                          capture_output=True, cwd=checkout)
    if proc.returncode != 0:
        sys.exit(f"{checkout}: extract failed:\n{proc.stderr.decode()[-2000:]}")
    return proc.stdout


def report(name: str, old: bytes, new: bytes) -> int:
    if old == new:
        print(f"{name}: identical ({len(new.splitlines())} documents, {len(new)} bytes)")
        return 0
    print(f"{name}: DIFFERENT")
    for a, b in zip(old.decode().splitlines(), new.decode().splitlines(), strict=False):
        if a == b:
            continue
        ra, rb = json.loads(a), json.loads(b)
        for key in sorted(set(ra) | set(rb)):
            if ra.get(key) != rb.get(key):
                diff = difflib.unified_diff(json.dumps(ra.get(key), indent=1, ensure_ascii=False).splitlines(),
                                            json.dumps(rb.get(key), indent=1, ensure_ascii=False).splitlines(),
                                            lineterm="", n=1)
                print(f"  {ra.get('doc')}: {key}")
                for line in list(diff)[2:40]:
                    print("    " + line)
    return 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", default="HEAD", help="git ref to compare the working tree with [HEAD]")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "ref"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(ref), args.against],
                       check=True, capture_output=True)
        try:
            failed = sum(report(name, run(ref, a), run(ROOT, a)) for name, a in inputs())
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(ref)], check=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
