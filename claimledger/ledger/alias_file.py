"""The user's actor file, read with the line of every entry so each line's effect can be reported.

YAML::

    actors:                      # merge: every alias names this actor
      Volodymyr Zelensky: [Zelenskyy, "Ukraine's president"]
      Kaja Kallas:               # or a mapping with the actor's kind, affiliation and external id
        aliases: [Kallas, EU foreign policy chief]
        kind: person
        affiliation: European Union
        id: Q3741406
    split:                       # these aliases are their own actors again
      Boris Johnson: [Johnson]

or CSV with the columns ``actor,alias`` and optionally ``kind,affiliation,id``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from ..errors import ClaimledgerError
from ..types import ActorKind

FIELDS = {"aliases", "kind", "affiliation", "id"}
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)


@dataclass
class AliasEntry:
    line: int
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    affiliation: str | None = None
    external_id: str | None = None


@dataclass
class AliasFile:
    merge: list[AliasEntry] = field(default_factory=list)
    split: list[AliasEntry] = field(default_factory=list)


def _entry(where: str, line: int, name: str, value: Any) -> AliasEntry:
    if value is None or isinstance(value, list):
        return AliasEntry(line, name, [str(a) for a in value or []])
    if isinstance(value, str):
        return AliasEntry(line, name, [value])
    if not isinstance(value, dict) or not set(value) <= FIELDS:
        raise ClaimledgerError(f"{where}:{line}", f"{name}: expected a list of aliases or the keys "
                               + ", ".join(sorted(FIELDS)), "write 'Name: [alias, alias]' or 'Name: {aliases: [...]}'")
    kind = value.get("kind")
    if kind is not None and kind not in ACTOR_KINDS:
        raise ClaimledgerError(f"{where}:{line}", f"{name}: unknown kind {kind!r}",
                               "use one of " + ", ".join(ACTOR_KINDS))
    return AliasEntry(line, name, [str(a) for a in value.get("aliases") or []], kind,
                      str(value["affiliation"]) if value.get("affiliation") else None,
                      str(value["id"]) if value.get("id") else None)


def _read_csv(where: str, raw: str) -> AliasFile:
    out = AliasFile()
    rows = list(csv.DictReader(raw.splitlines()))
    if rows and not {"actor", "alias"} <= set(rows[0]):
        raise ClaimledgerError(where, "CSV needs the columns actor,alias", "add a header line: actor,alias")
    by_name: dict[str, AliasEntry] = {}
    for n, r in enumerate(rows, start=2):
        name = (r.get("actor") or "").strip()
        if not name:
            raise ClaimledgerError(f"{where}:{n}", "no actor name", "fill the actor column or remove the line")
        entry = by_name.get(name)
        if entry is None:
            entry = by_name[name] = _entry(where, n, name, {"kind": (r.get("kind") or "").strip() or None,
                                                          "affiliation": (r.get("affiliation") or "").strip(),
                                                          "id": (r.get("id") or "").strip()})
            out.merge.append(entry)
        if (r.get("alias") or "").strip():
            entry.aliases.append(r["alias"].strip())
    return out


def read_alias_file(path: Path) -> AliasFile:
    import yaml

    where = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimledgerError(where, f"cannot read ({getattr(exc, 'strerror', None) or exc})",
                               "check the path, and save the file as UTF-8") from None
    if path.suffix.lower() == ".csv":
        return _read_csv(where, raw)
    loader = yaml.SafeLoader(raw)
    try:
        root = loader.get_single_node()
        out = AliasFile()
        if root is None:
            return out
        if not isinstance(root, yaml.MappingNode):
            raise ClaimledgerError(where, "expected the keys 'actors' and/or 'split'",
                                   "see the README's alias file format")
        for key_node, section in root.value:
            key = loader.construct_object(key_node)
            if key not in ("actors", "split"):
                raise ClaimledgerError(f"{where}:{key_node.start_mark.line + 1}", f"unknown section {key!r}",
                                       "use 'actors:' (merge) and 'split:'")
            if not isinstance(section, yaml.MappingNode):
                if loader.construct_object(section, deep=True) is None:
                    continue
                raise ClaimledgerError(f"{where}:{section.start_mark.line + 1}", "each section maps an actor name to "
                                       "its aliases", "write 'Name: [alias, alias]'")
            for name_node, value_node in section.value:
                entry = _entry(where, name_node.start_mark.line + 1, str(loader.construct_object(name_node)),
                               loader.construct_object(value_node, deep=True))
                (out.merge if key == "actors" else out.split).append(entry)
        return out
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise ClaimledgerError(where, f"not valid YAML{line}", "see the alias file format in the README") from None
    finally:
        loader.dispose()
