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
    # Problems that do not stop the file being read (a key written twice): reported with the
    # file's other problems, never hiding them.
    problems: tuple[Problem, ...] = ()

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
    """Load one YAML file safely; a file that cannot be read as YAML comes back as a Problem
    that says where and how to fix it.

    A file read before with the same bytes comes from the cache folder (parsing the bundled
    catalogue costs ~0.15 s, reading it back ~0.01 s); problems are never cached."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Problem(name, 1, 1, "", f"cannot read the file: {error.strerror or error}")
    text = _text(name, raw)
    if isinstance(text, Problem):
        return text
    cache = _cache_file(raw)
    cached = _read_cached(cache)
    if cached is not None:
        return Located(name, *cached)
    located = _parse(name, text)
    if isinstance(located, Located) and not located.problems:
        _write_cached(cache, located)
    return located


# Characters YAML refuses in a file (tab, line feed and carriage return apart), often pasted
# from a PDF or a word processor: each is named, with where it stands.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_NAMES = {"\x00": "NUL", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "escape", "\x7f": "DEL"}
MAX_VALUES = 200_000  # values a file may expand to through its aliases (the largest has ~4,400)


def _text(name: str, raw: bytes) -> str | Problem:
    """The file as text: UTF-8 (with or without a byte-order mark), no refused characters."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        hint = "save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"
        try:
            raw.decode("cp1254")
            guess = " (it looks like Windows-1254, the old Turkish Windows encoding)"
        except UnicodeDecodeError:
            guess = ""
        return Problem(name, line, column, "", f"the file is not UTF-8{guess}; {hint}")
    found = _REFUSED.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        char = found.group()
        named = _NAMES.get(char, "a control character")
        return Problem(
            name, line, column, "",
            f"the character U+{ord(char):04X} ({named}) cannot be in a YAML file; delete it "
            "(it often comes with text copied from a PDF or a word processor)",
        )  # fmt: skip
    return text


# What the parser says, and what usually caused it in a file written by hand.
_INDENT = "check the indentation: the fields of one item start in the same column, with spaces"
_QUOTE_COLON = "put text containing ':' in double quotes, e.g. title: \"Sevr: imza\""
_QUOTE_APOSTROPHE = 'use double quotes around text with an apostrophe, e.g. "Adana\'nın kurtuluşu"'
_HINTS = (
    ("mapping values are not allowed", _QUOTE_COLON),
    ("could not find expected ':'", _QUOTE_COLON),
    ("while scanning a quoted scalar", _QUOTE_APOSTROPHE),
    ("expected <block end>", _INDENT),
    ("did not find expected key", _INDENT),
    ("did not find expected '-' indicator", "check the indentation: a list's items each start with '- '"),
    ("found undefined alias", "an alias (*name) needs an anchor (&name) written before it"),
)


def _explained(error: yaml.YAMLError, text: str) -> str:
    problem = str(getattr(error, "problem", None) or error)
    context = str(getattr(error, "context", None) or "")
    line_number, column = _mark_of(error, text)
    lines = text.splitlines()
    line = lines[line_number - 1] if 0 < line_number <= len(lines) else ""
    # libyaml and PyYAML word the same mistakes differently: look at the line itself too.
    if "\t" in line[: max(column, 1)] or "'\\t'" in problem or "'\t'" in problem:
        return f"invalid YAML: {problem}; indent with spaces, not tabs"
    if "expected ','" in problem and line.count("'") >= 3:
        return f"invalid YAML: {problem}; {_QUOTE_APOSTROPHE}"
    for clue, hint in _HINTS:
        if clue in problem or clue in context:
            return f"invalid YAML: {problem}; {hint}"
    if "expected <document start>" in problem:
        # Entries written after a whole-file `[]` (an empty list, as older folders' files ended).
        empty = [n for n, text in enumerate(lines[: line_number - 1], 1) if text.strip() in ("[]", "{}")]
        if empty:
            return (
                f"invalid YAML: {problem}; line {empty[-1]} holds '{lines[empty[-1] - 1].strip()}' "
                "(an empty file's list): delete that line and keep your entries"
            )
    return f"invalid YAML: {problem}"


def _mark_of(error: yaml.YAMLError, text: str) -> tuple[int, int]:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(error, "position", None)
    if isinstance(position, int):
        return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1
    return 1, 1


def _parse(name: str, text: str) -> Located | Problem:
    try:
        root = yaml.compose(text, Loader=_Parser)
    except yaml.YAMLError as error:
        line, column = _mark_of(error, text)
        return Problem(name, line, column, "", _explained(error, text))
    if root is None:
        return Located(name, None)
    located = Located(name, None)
    found: list[Problem] = []
    budget = [MAX_VALUES]
    if not _record_marks(root, (), located, found, budget):
        return found[-1]
    loader = _Constructor(text)
    try:
        data = loader.construct_document(root)
    except yaml.YAMLError as error:
        line, column = _mark_of(error, text)
        return Problem(name, line, column, "", _explained(error, text))
    finally:
        loader.dispose()
    return Located(name, data, located.values, located.keys, tuple(found))


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


def _record_marks(
    node: yaml.Node, path: PathKey, located: Located, found: list[Problem], budget: list[int]
) -> bool:
    """Note where each value and key stands. A key written twice is a problem of the file (the
    last value is kept so the rest can still be checked); a file whose aliases expand to more
    than MAX_VALUES values (an "alias bomb") is refused: False, its problem last in `found`."""
    budget[0] -= 1
    if budget[0] < 0:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        found.append(Problem(located.file, line, column, field_name(path),
                             f"the file's aliases (*name) expand to more than {MAX_VALUES:,} values; "
                             "write the values out or use fewer aliases"))  # fmt: skip
        return False
    located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                found.append(
                    Problem(
                        located.file,
                        line,
                        column,
                        field_name((*path, key)),
                        "this key appears twice in the same item; keep one",
                    )
                )
            seen.add(key)
            located.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not _record_marks(value_node, (*path, key), located, found, budget):
                return False
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if not _record_marks(item, (*path, index), located, found, budget):
                return False
    return True
