"""Values derived from an immutable object (the catalogue), kept beside it rather than in it.

The catalogue is frozen once loaded; renderers that need a costly derived value (a shape cut to
the coast, a citation's text, a page's shared JSON) keep it in a `Derived` table of their own,
keyed by the object's identity and dropped when the object is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

Value = TypeVar("Value")


class Derived(Generic[Value]):
    """`table.get(owner, key, make)`: `make()` once per (owner, key)."""

    def __init__(self) -> None:
        self._tables: WeakKeyDictionary[object, dict[Hashable, Value]] = WeakKeyDictionary()

    def get(self, owner: object, key: Hashable, make: Callable[[], Value]) -> Value:
        table = self._tables.setdefault(owner, {})
        if key not in table:
            table[key] = make()
        return table[key]
