"""Safe YAML loading that remembers where every value stands, for error messages."""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mmatlas.core.errors import Problem, display_path

PathKey = tuple[str | int, ...]


_BOOL = "tag:yaml.org,2002:bool"
# YAML 1.2's booleans only: YAML 1.1 also reads on/off/yes/no as true/false, so the ledger's
# `on: "1920-08-29"` would lose its key and `country: NO` (Norway) would become false.
_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _without_timestamps(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A safe loader that keeps `1920-12-03` as text. Dates here are EDTF strings, read by our
    own parser with a clear message; YAML's timestamps would crash on `1920-13-01` instead.
    Booleans are YAML 1.2's (true, false)."""
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    for first, rules in base.yaml_implicit_resolvers.items():
        kept = [
            (tag, _BOOL_12 if tag == _BOOL else regexp)
            for tag, regexp in rules
            if tag != "tag:yaml.org,2002:timestamp" and not (tag == _BOOL and first not in "tTfF")
        ]
        if kept:
            resolvers[first] = kept
    return type(f"Dateless{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})


# libyaml's parser keeps the same marks and is ~10× faster; pure Python where it is absent.
_Parser = _without_timestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_Constructor = _without_timestamps(yaml.SafeLoader)


@dataclass(frozen=True)
class Located:
    """Parsed YAML data plus the line and column of each value and key (1-based)."""

    file: str
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: PathKey, message: str, *, at_key: bool = False) -> Problem:
        """A problem at the value (or key) found at `path`, falling back to its parent."""
        marks = self.keys if at_key else self.values
        probe = path
        while probe not in marks and probe not in self.values and probe:
            probe = probe[:-1]
        line, column = marks.get(probe) or self.values.get(probe, (1, 1))
        return Problem(self.file, line, column, field_name(path), message)


def field_name(path: PathKey) -> str:
    """`(3, 'sources', 0, 'ref')` → `sources[0].ref`.

    The leading list index is dropped: the line number already points at the item.
    """
    within = list(path)
    while within and isinstance(within[0], int):
        within.pop(0)
    text = ""
    for part in within:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_located(path: Path) -> Located | Problem:
    """Load one YAML file safely; a syntax error or duplicate key comes back as a Problem.

    A file read before with the same bytes comes from the cache folder (parsing the bundled
    catalogue costs ~0.15 s, reading it back ~0.01 s); problems are never cached."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Problem(name, 1, 1, "", f"cannot read the file: {error}")
    cache = _cache_file(raw)
    cached = _read_cached(cache)
    if cached is not None:
        return Located(name, *cached)
    located = _parse(name, text)
    if isinstance(located, Located):
        _write_cached(cache, located)
    return located


def _parse(name: str, text: str) -> Located | Problem:
    try:
        root = yaml.compose(text, Loader=_Parser)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(name, line, column, "", f"invalid YAML: {error.problem}")
    if root is None:
        return Located(name, None)
    located = Located(name, None)
    duplicate = _record_marks(root, (), located)
    if duplicate is not None:
        return duplicate
    loader = _Constructor(text)
    try:
        data = loader.construct_document(root)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(name, line, column, "", f"invalid YAML: {error.problem}")
    finally:
        loader.dispose()
    return Located(name, data, located.values, located.keys)


# The cache key holds the bytes of the file, this module's own source and the Python version
# (marshal's format is Python's own): any change to one of them reads the file afresh.
_CODE = hashlib.sha256(Path(__file__).read_bytes() + sys.version.encode()).digest()
_KEEP_CACHED = 400


def _cache_file(raw: bytes) -> Path:
    from mmatlas.core.cache import cache_dir

    return cache_dir() / "yaml" / f"{hashlib.sha256(_CODE + raw).hexdigest()[:32]}.marshal"


def _read_cached(
    path: Path,
) -> tuple[Any, dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]] | None:
    try:
        data, values, keys = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data, values, keys


def _write_cached(path: Path, located: Located) -> None:
    """Write beside the target and rename; a read-only or full cache only costs time."""
    try:
        payload = marshal.dumps((located.data, located.values, located.keys))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".yaml-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temporary).replace(path)
        older = sorted(path.parent.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[_KEEP_CACHED:]:
            stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        return


def _record_marks(node: yaml.Node, path: PathKey, located: Located) -> Problem | None:
    located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                return Problem(
                    located.file,
                    line,
                    column,
                    field_name((*path, key)),
                    "this key appears twice in the same item; keep one",
                )
            seen.add(key)
            located.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            found = _record_marks(value_node, (*path, key), located)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found = _record_marks(item, (*path, index), located)
            if found is not None:
                return found
    return None
