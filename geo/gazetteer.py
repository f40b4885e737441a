"""Offline look-up of places by any of their names, as historians write them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from geo._text import fold, suggest
from geo.places import Place


class PlaceLookupError(LookupError):
    """A name that matched no place, or several: the message says which and why."""


@dataclass(frozen=True)
class Gazetteer:
    """Curated places with their built geometries, indexed by id and by folded name."""

    places: Mapping[str, Place]
    geometries: Mapping[str, BaseGeometry]

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        for place in self.places.values():
            index[fold(place.id)].add(place.id)
            for name in place.names:
                index[fold(name.text)].add(place.id)
        object.__setattr__(self, "_index", {k: tuple(sorted(v)) for k, v in index.items()})

    def resolve(self, name: str) -> Place:
        """The one place called `name` (or with that id); PlaceLookupError otherwise."""
        if name in self.places:
            return self.places[name]
        matches: tuple[str, ...] = self._index.get(fold(name), ())  # type: ignore[attr-defined]
        if len(matches) == 1:
            return self.places[matches[0]]
        if matches:
            listed = "; ".join(f"'{m}' ({self.describe(self.places[m])})" for m in matches)
            raise PlaceLookupError(f"'{name}' matches several places: {listed}; write the id instead")
        owners = {n: place for place in self.places.values() for n in (x.text for x in place.names)}
        close = suggest(name, owners)
        if close:
            hint = " or ".join(f"'{c}' ({self.describe(owners[c])})" for c in close)
            raise PlaceLookupError(f"unknown place '{name}' (did you mean {hint}?)")
        raise PlaceLookupError(f"unknown place '{name}'; add it to geo/places.yaml with its coordinates")

    def geometry(self, place: Place) -> BaseGeometry:
        return self.geometries[place.id]

    @staticmethod
    def describe(place: Place) -> str:
        return place.modern.en if place.modern else place.names[0].text
