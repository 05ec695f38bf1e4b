#!/usr/bin/env python3
"""Actor check over a ledger: people split into several actors, junk names among speaking actors,
different people merged into one.

The people and their known spellings are `scripts/actor_people.yaml` (world knowledge, not text of
any article). An actor belongs to a person when one of its names holds one of the person's surname
forms and one of the given-name forms, or the surname alone. The junk test looks only at the
string: glued words ("includingEmmanuel"), punctuation inside or at the end ("propaganda?Sergei",
"Lavrov.-"), a leading quote, a possessive, a title or country before a person's name, a name that
ends in a particle ("von der"), a pronoun.

    python scripts/actor_check.py --db LEDGER [--json]

Exit status 1 when a person is split, a junk name speaks or two different people share an actor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimledger.ledger import schema as t  # noqa: E402
from claimledger.ledger.store import Ledger  # noqa: E402

PEOPLE = ROOT / "scripts" / "actor_people.yaml"
TITLES = {"president", "mr", "mrs", "ms", "dr", "minister", "chancellor", "secretary", "prime", "general",
          "taoiseach", "premier", "senator", "sen", "rep", "ambassador", "spokesman", "spokeswoman", "defense",
          "defence", "foreign", "state", "security", "council", "of", "citing", "pope", "king", "queen"}
COUNTRIES = {"belarus", "ukraine", "russia", "poland", "serbia", "usa", "us", "uk", "china", "germany", "france",
             "hungary", "lithuania", "latvia", "estonia", "moldova", "turkey", "britain", "america"}
PARTICLES = {"von", "van", "der", "de", "da", "di", "le", "la", "bin", "al", "el", "du"}
BODIES = {"foundation", "administration", "group", "institute", "government", "office", "center", "centre",
          "fund", "party", "campaign", "university"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def fold(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", anyascii(s).lower()))


def junk_reason(name: str, kind: str) -> str | None:
    words = name.split()
    if re.search(r"[a-z]{3,}[A-Z]", name) or re.search(r"[a-z][?!.;:,][A-Za-z]", name):
        return "glued"
    if re.search(r"['’]s?$", name) or (kind == "person" and re.search(r"['’]s\b", name)):
        return "possessive"
    if not name[:1].isalnum() or re.search(r"(?<![A-Z])(?<!Jr)(?<!Sr)[.\-,;:]$", name):
        return "punctuation"
    if name.lower() in PRONOUNS or (words and words[0].strip('"“').lower() in PRONOUNS and len(words) == 1):
        return "pronoun"
    if kind == "person" and len(words) > 1 and words[-1].lower() in PARTICLES:
        return "cut particle"
    if kind == "person" and len(words) > 2 and (words[0].lower() in TITLES or words[0].lower() in COUNTRIES):
        return "title or country"
    return None


def _belongs(names: list[str], person: dict[str, list[str]]) -> bool:
    given = {fold(g) for g in person["given"]}
    for n in names:
        f = f" {fold(n)} "
        for s in person["surname"]:
            fs = fold(s)
            if f" {fs} " not in f:
                continue
            rest = f.replace(f" {fs} ", " ").split()
            if set(rest) & BODIES:  # 'Aleksander Kwasniewski Foundation' is another entity
                continue
            if not rest or any(g in f" {' '.join(rest)} " for g in (f" {g} " for g in given)):
                return True
    return False


def check(db: str) -> dict[str, Any]:
    with Ledger(db, mode="read") as led, led.connect() as conn:
        actors = {r.id: r for r in conn.execute(select(t.actors.c.id, t.actors.c.name, t.actors.c.kind,
                                                       t.actors.c.statement_count, t.actors.c.mention_count))}
        names: dict[int, list[str]] = {}
        for aid, alias in conn.execute(select(t.aliases.c.actor_id, t.aliases.c.alias)):
            names.setdefault(aid, []).append(alias)
    spec = yaml.safe_load(PEOPLE.read_text(encoding="utf-8"))
    split = []
    for person in spec["people"]:
        own = [a for a in actors.values() if (a.statement_count or a.mention_count)
               and _belongs([a.name], person)]
        if len(own) > 1:
            split.append({"person": f"{person['given'][0]} {person['surname'][0]}",
                          "actors": sorted(([a.name, a.kind, a.statement_count] for a in own),
                                           key=lambda x: -x[2])})
    merged = []
    for first, *others in spec["distinct"]:
        own = {a for a, ns in names.items() if fold(first) in {fold(n) for n in ns + [actors[a].name]}}
        for other in others:
            if own & {a for a, ns in names.items() if fold(other) in {fold(n) for n in ns + [actors[a].name]}}:
                merged.append([first, other])
    speaking = [a for a in actors.values() if a.statement_count]
    junk = [[a.name, a.kind, a.statement_count, r] for a in speaking if (r := junk_reason(a.name, a.kind))]
    return {"people": len(spec["people"]), "split": split, "speaking": len(speaking),
            "junk": sorted(junk, key=lambda x: -x[2]), "wrong_merges": merged}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = check(args.db)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(f"people split: {len(out['split'])} of {out['people']}")
        for s in out["split"]:
            print(f"  {s['person']}: " + "; ".join(f"{n} [{k}] {c}" for n, k, c in s["actors"]))
        share = len(out["junk"]) / max(out["speaking"], 1)
        print(f"junk speaking actors: {len(out['junk'])} of {out['speaking']} ({share:.1%})")
        for n, k, c, r in out["junk"][:40]:
            print(f"  {n} [{k}] {c} ({r})")
        print(f"different people merged: {len(out['wrong_merges'])}")
        for pair in out["wrong_merges"]:
            print(f"  {' = '.join(pair)}")
    return 1 if out["split"] or out["junk"] or out["wrong_merges"] else 0


if __name__ == "__main__":
    sys.exit(main())
