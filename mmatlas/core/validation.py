"""Validate YAML items against a record model, turning every failure into a located Problem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mmatlas.core.errors import Problem
from mmatlas.core.text import did_you_mean, suggest
from mmatlas.core.yamlfile import Located, PathKey

M = TypeVar("M", bound=BaseModel)


def validate_list(located: Located, model: type[M]) -> tuple[list[tuple[PathKey, M]], list[Problem]]:
    """Validate a file whose top level is a list of items; each valid item with its path."""
    if located.data is None:
        return [], []
    if not isinstance(located.data, list):
        return [], [
            located.problem(
                (), f"expected a list of items (each starting with '- '); found {_kind(located.data)}"
            )
        ]
    records: list[tuple[PathKey, M]] = []
    problems: list[Problem] = []
    for index, item in enumerate(located.data):
        record, found = validate_item(located, (index,), item, model)
        problems.extend(found)
        if record is not None:
            records.append(((index,), record))
    return records, problems


def validate_item(
    located: Located, path: PathKey, item: Any, model: type[M]
) -> tuple[M | None, list[Problem]]:
    if not isinstance(item, dict):
        return None, [
            located.problem(path, f"expected an item with fields (key: value); found {_kind(item)}")
        ]
    try:
        return model.model_validate(item), []
    except ValidationError as error:
        return None, list(_problems(located, path, model, error.errors()))


def _problems(
    located: Located, path: PathKey, model: type[BaseModel], errors: list[ErrorDetails]
) -> Iterator[Problem]:
    misspelt = _misspelt_fields(model, errors)
    # A value that may be text or an item (places: [Kars] or [{name: Kars, at: …}]): where the
    # item's own error says what is wrong inside it, "expected text" for the same value is noise.
    deeper = [_clean_loc(e["loc"]) for e in errors if e["type"] not in _BRANCH_MISMATCH]
    for error in errors:
        kind = error["type"]
        if kind in _BRANCH_MISMATCH:
            here = _clean_loc(error["loc"])
            if any(len(other) > len(here) and other[: len(here)] == here for other in deeper):
                continue
        loc = _key_loc(error["loc"]) if kind == "extra_forbidden" else _clean_loc(error["loc"])
        full = (*path, *loc)
        if kind == "missing" and loc in misspelt:
            continue  # "unknown field 'plaeces' (did you mean 'places'?)" already says it
        if kind == "missing":
            yield located.problem(full, "this field is required but missing")
        elif kind == "extra_forbidden":
            name = str(loc[-1])
            allowed = _allowed_fields(model, loc[:-1])
            if name in ("tr", "en") and name not in allowed:
                # `en:` indented less than the `tr:` above it lands on the item itself.
                yield located.problem(
                    full, f"'{name}:' is a language of a text: indent it under the field it belongs to "
                    "(title:, summary:, caption:), in the same column as the other language", at_key=True,
                )  # fmt: skip
                continue
            hint = did_you_mean(name, allowed)
            expected = f"; expected one of: {', '.join(allowed)}" if not hint else ""
            yield located.problem(full, f"unknown field '{name}'{hint}{expected}", at_key=True)
        elif kind == "literal_error":
            choices = _literal_choices(error)
            found = error["input"]
            hint = did_you_mean(str(found), choices)
            yield located.problem(full, f"expected one of {', '.join(choices)}; found '{found}'{hint}")
        elif kind == "value_error":
            message = str(error["ctx"].get("error", error["msg"])) if "ctx" in error else error["msg"]
            yield located.problem(full, message)
        else:
            yield located.problem(full, f"{_expected(error)}; found {_show(error['input'])}")


def _misspelt_fields(model: type[BaseModel], errors: list[ErrorDetails]) -> set[tuple[int | str, ...]]:
    """Missing fields for which an unknown key of the same item is a likely misspelling."""
    missing = {_clean_loc(e["loc"]) for e in errors if e["type"] == "missing"}
    found: set[tuple[int | str, ...]] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = _key_loc(error["loc"])
        for name in suggest(str(loc[-1]), _allowed_fields(model, loc[:-1])):
            if (*loc[:-1], name) in missing:
                found.add((*loc[:-1], name))
    return found


_BRANCH_MISMATCH = {"string_type", "model_type", "dict_type", "tuple_type", "list_type"}


def _key_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Where an unknown key stands: its own name is the user's (`list`, `source[s]`), kept as
    written; only the path to it is cleaned of pydantic's type names."""
    return (*_clean_loc(loc[:-1]), loc[-1])


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    # Pydantic adds the union member's type name to the path ("str", "tuple[float, float]").
    return tuple(
        p
        for p in loc
        if not (
            isinstance(p, str)
            and (
                "[" in p
                or p in {"str", "int", "float", "list"}
                or "function-" in p
                or p.startswith("constrained-")
            )
        )
    )


def _allowed_fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        return _inner_model(origin)
    return None


def _literal_choices(error: ErrorDetails) -> list[str]:
    expected = str(error.get("ctx", {}).get("expected", ""))
    return [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()]


def _expected(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    return {
        "string_type": "expected text",
        "string_too_short": "expected non-empty text",
        "string_pattern_mismatch": (
            "expected an id of lowercase letters, digits and '-' (e.g. treaty-of-gumru)"
        ),
        "int_type": "expected a whole number",
        "int_parsing": "expected a whole number",
        "float_type": "expected a number",
        "float_parsing": "expected a number",
        "list_type": "expected a list",
        "tuple_type": "expected a [longitude, latitude] pair",
        "too_short": f"expected at least {ctx.get('min_length', 1)} item(s)",
        "too_long": f"expected at most {ctx.get('max_length')} item(s)",
        "model_type": "expected an item with fields (key: value)",
        "dict_type": "expected an item with fields (key: value)",
        "bool_type": "expected true or false",
        "bool_parsing": "expected true or false",
        "greater_than": f"expected a number greater than {ctx.get('gt')}",
        "less_than_equal": f"expected a number at most {ctx.get('le')}",
    }.get(kind, f"expected {error['msg'].lower()}")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "an item with fields"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return repr(value) if isinstance(value, str) else str(value)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an item with fields"
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else type(value).__name__
