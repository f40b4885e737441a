"""The map on one day: decided here once, read by `where`, the atlas, the slides and the data files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import BORDER, FRONT, ControlMap, Spell, TownControl
from mmatlas.catalogue.model import Event, Front, Territory
from mmatlas.core.lang import Lang
from mmatlas.gazetteer.places import Place

# Events that ended this shortly before a day still belong to its picture (a slide's period).
RECENT = dt.timedelta(days=30)


def is_faint(record: Event | Territory | Front) -> bool:
    """Drawn faint (and dashed): its date is approximate or uncertain, or its position is low
    certainty. The one rule for the page, the slides and the data files."""
    return record.when.is_fuzzy or getattr(record, "certainty", "high") == "low"


@dataclass(frozen=True)
class Area:
    """One holder's cells on the day, those drawn faint (the date of change not exact) apart."""

    holder: str
    faint: bool
    cells: frozenset[int]


@dataclass(frozen=True)
class MapState:
    """What is in force on one day: who holds each cell, borders and fronts, and the records."""

    day: dt.date
    control: ControlMap
    events: tuple[Event, ...]
    territories: tuple[Territory, ...]  # claims, treaty zones and lines
    fronts: tuple[Front, ...]  # the curated battle fronts
    recent: tuple[Event, ...] = ()  # ended within RECENT before the day, the latest first

    def place_name(self, place: Place, lang: Lang) -> str:
        """The name the place bore that year, in the reader's language."""
        return place.name(lang, self.day.year)

    @property
    def _row(self) -> int | None:
        return self.control.row(self.day)

    def holder(self, cell: int) -> str | None:
        row = self._row
        if row is None or self.control.holders[row, cell] < 0:
            return None
        return self.control.holder_codes[int(self.control.holders[row, cell])]

    def spell(self, cell: int) -> Spell | None:
        """The ledger line that put the cell's holder there: date, sources, origin."""
        return self.control.towns[cell].spell_on(self.day)

    def town(self, cell: int) -> TownControl:
        return self.control.towns[cell]

    def areas(self) -> list[Area]:
        """Each holder's area, solid and faint apart, in the order of holder codes."""
        row = self._row
        if row is None:
            return []
        found = []
        for number, code in enumerate(self.control.holder_codes):
            for faint in (False, True):
                mask = (self.control.holders[row] == number) & (self.control.faint[row] == faint)
                cells = frozenset(int(i) for i in mask.nonzero()[0])
                if cells:
                    found.append(Area(code, faint, cells))
        return found

    def area_shape(self, area: Area) -> BaseGeometry:
        """The merged shape of an area's cells (computed once per distinct set of cells)."""
        return self.control.area(area.cells)

    def border_edges(self) -> list[int]:
        """Edges between two different holders that are not at war with each other that day."""
        row = self._row
        return [] if row is None else [int(i) for i in (self.control.edge_status[row] == BORDER).nonzero()[0]]

    def front_edges(self, theatre: str) -> list[int]:
        """Edges between holders at war in `theatre` that day: the front."""
        row = self._row
        status = FRONT[theatre]
        return [] if row is None else [int(i) for i in (self.control.edge_status[row] == status).nonzero()[0]]


def map_on(catalogue: Catalogue, day: dt.date) -> MapState:
    """The map of one day: who held each cell, borders, fronts and the records in force."""
    return MapState(
        day,
        catalogue.control,
        tuple(e for e in catalogue.events if e.when.contains(day)),
        tuple(t for t in catalogue.territories if t.when.contains(day)),
        tuple(f for f in catalogue.fronts if f.when.contains(day)),
        tuple(
            sorted(
                (e for e in catalogue.events if day - RECENT <= e.when.end < day),
                key=lambda e: e.when.end,
                reverse=True,
            )
        ),
    )
