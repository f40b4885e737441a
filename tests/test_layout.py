"""The house rules a newcomer relies on: data folders hold data, code imports one way."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mmatlas"
# Each stage may import itself and the stages before it, never one after it.
STAGES = ("core", "gazetteer", "catalogue", "state", "render", "cli")


def stage_of(module: str) -> int:
    parts = module.split(".")
    assert parts[0] == "mmatlas"
    return STAGES.index(parts[1])


def imports_of(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "mmatlas" and "." in name]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_the_data_folders_users_edit_hold_no_code() -> None:
    for folder in ("geo", "events"):
        code = [p.relative_to(ROOT) for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".js"}]
        assert code == [], f"{folder}/ is for data; move code into mmatlas/"


def test_every_module_imports_only_its_own_stage_or_earlier_ones() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 40
    upward = []
    for path in modules:
        if path.parent == PACKAGE:
            continue  # mmatlas/__init__.py, cli.py: the top
        here = module_name(path)
        for line, name in imports_of(path):
            if stage_of(name) > stage_of(here):
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert upward == []


def test_the_atlas_and_the_slides_do_not_import_each_other() -> None:
    crossing = []
    for mine, theirs in (("atlas", "slides"), ("slides", "atlas")):
        for path in sorted((PACKAGE / "render" / mine).glob("*.py")):
            crossing += [
                f"{path.relative_to(ROOT)}:{line} imports {name}"
                for line, name in imports_of(path)
                if name.startswith(f"mmatlas.render.{theirs}")
            ]
    assert crossing == []
