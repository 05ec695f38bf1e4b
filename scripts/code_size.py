"""The largest modules and functions of the package: the limits are 400 lines a module, 60 a function.

    python scripts/code_size.py [--top 15]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "claimledger"


def functions(path: Path) -> list[tuple[int, str]]:
    """(lines, qualified name) of every function and method in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                out.append((child.end_lineno - child.lineno + 1, f"{prefix}{child.name}"))  # type: ignore[operator]
                walk(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                walk(child, f"{prefix}{child.name}.")

    walk(tree, "")
    return out


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    sizes = sorted(((len(p.read_text(encoding="utf-8").splitlines()), p) for p in modules()), reverse=True)
    print("largest modules:")
    for n, p in sizes[:args.top]:
        print(f"  {n:5}  {p.relative_to(PACKAGE.parent)}")
    funcs = sorted(((n, f"{p.relative_to(PACKAGE.parent)}:{name}") for p in modules() for n, name in functions(p)),
                   reverse=True)
    print("largest functions:")
    for n, name in funcs[:args.top]:
        print(f"  {n:5}  {name}")


if __name__ == "__main__":
    main()
