"""Who held each cell on each day, derived from the ledger; borders and fronts from that.

Each ledger town becomes a timeline of spells (holder, from, to, the change that began it and
its sources). The map's areas are the towns' cells coloured by holder; a border is an edge whose
two cells differ; a front is such an edge between two holders at war that day (geo/control/
wars.yaml). Everything is computed once, for every day on which anything changes, as a table
of holders by change day and cell: `where`, the atlas page, the slides and the data files all
read this one table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely
from shapely.geometry import MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from mmatlas.catalogue.cells import Cells
from mmatlas.catalogue.ledger import ChangeVariant, War
from mmatlas.core.dates import When
from mmatlas.core.records import LocalText, SourceRef
from mmatlas.gazetteer.places import Place, PlaceMention

# The ledger's span: from the Armistice of Mudros to the eve of the Republic.
LEDGER_START = dt.date(1918, 10, 30)
LEDGER_END = dt.date(1923, 10, 29)
ONE_DAY = dt.timedelta(days=1)
# A place this close to the drawn coast is on it: the coast is simplified to about 1 km.
COAST_SNAP_DEG = 0.03
THEATRES = ("western", "eastern", "southern")
# What an edge is on a day: nothing (same holder both sides), a border, or a front per theatre.
NONE, BORDER = 0, 1
FRONT = {theatre: 2 + i for i, theatre in enumerate(THEATRES)}

SpellKind = Literal["initial", "transfer", "change"]


@dataclass(frozen=True)
class Spell:
    """A town held by one holder from `start` to `end` (both days included)."""

    start: dt.date
    end: dt.date
    holder: str
    kind: SpellKind
    sources: tuple[SourceRef, ...]
    origin: str  # file:line of the change, transfer or initial holder
    when: When | None = None  # the change's date as the source writes it
    # The source gives only a span (a month, "between X and Y") or hedges: faded through this day.
    faint_until: dt.date | None = None
    variants: tuple[ChangeVariant, ...] = ()
    note: LocalText | None = None

    def faint_on(self, day: dt.date) -> bool:
        return self.faint_until is not None and day <= self.faint_until


@dataclass(frozen=True)
class TownControl:
    """A ledger town: the place, its spells in order, and where it is listed."""

    place: Place
    spells: tuple[Spell, ...]
    origin: str
    # The name as the ledger writes it, and the sources of a point given inline (for the audit).
    written: PlaceMention | None = None
    cited: tuple[SourceRef, ...] = ()

    def spell_on(self, day: dt.date) -> Spell | None:
        for spell in self.spells:
            if spell.start <= day <= spell.end:
                return spell
        return None


@dataclass(frozen=True)
class Step:
    """One dated step of a town's timeline as the ledger gives it, before it is resolved."""

    when: When
    holder: str
    kind: SpellKind
    sources: tuple[SourceRef, ...]
    origin: str
    from_holder: str | None = None  # a transfer applies only to towns then held by this one
    variants: tuple[ChangeVariant, ...] = ()
    note: LocalText | None = None


class TimelineError(ValueError):
    """A step that contradicts the timeline so far; the message says how."""

    def __init__(self, message: str, step: Step) -> None:
        super().__init__(message)
        self.step = step


def spells_of(initial: Step, steps: Sequence[Step]) -> tuple[Spell, ...]:
    """A town's spells: its initial holder, then the transfers (when they apply) and its changes
    in date order, transfers first on the same day. Raises TimelineError for a change to the
    holder the town already has, or two changes on one day."""
    ordered = sorted(steps, key=lambda s: (s.when.start, s.kind != "transfer"))
    spells = [_spell(initial, LEDGER_START)]
    changed_on: dict[dt.date, Step] = {}
    for step in ordered:
        current = spells[-1]
        if step.kind == "transfer":
            if current.holder != step.from_holder or step.when.start <= current.start:
                continue
        else:
            if step.when.start < LEDGER_START or step.when.start > LEDGER_END:
                raise TimelineError(
                    f"{step.when.text} is outside the ledger's span ({LEDGER_START} to {LEDGER_END}); "
                    "a holder before it is the town's initial holder",
                    step,
                )
            if step.when.start in changed_on:
                raise TimelineError(
                    f"two changes on {step.when.start}: keep one and give the other as a date_variant",
                    step,
                )
            changed_on[step.when.start] = step
            if step.holder == current.holder:
                raise TimelineError(
                    f"the town is already held by '{step.holder}' on {step.when.text} (since "
                    f"{current.start}, {current.origin}); remove this change or add the one in between",
                    step,
                )
        spells[-1] = _ended(current, step.when.start - ONE_DAY)
        spells.append(_spell(step, step.when.start))
    return tuple(spells)


def _spell(step: Step, start: dt.date) -> Spell:
    fuzzy = step.kind != "initial" and (step.when.is_fuzzy or step.when.end > step.when.start)
    return Spell(
        start=start,
        end=LEDGER_END,
        holder=step.holder,
        kind=step.kind,
        sources=step.sources,
        origin=step.origin,
        when=step.when if step.kind != "initial" else None,
        faint_until=step.when.end if fuzzy else None,
        variants=step.variants,
        note=step.note,
    )


def _ended(spell: Spell, end: dt.date) -> Spell:
    return Spell(
        spell.start, end, spell.holder, spell.kind, spell.sources, spell.origin, spell.when,
        spell.faint_until, spell.variants, spell.note,
    )  # fmt: skip


@dataclass(frozen=True)
class ControlMap:
    """The ledger's towns with their cells, and who held each cell on every change day."""

    towns: tuple[TownControl, ...]
    cells: Cells
    wars: tuple[War, ...]
    holder_codes: tuple[str, ...]  # holders[i] indexes into this
    days: tuple[dt.date, ...]  # change days, ascending; row r holds from days[r] to days[r+1]-1
    holders: np.ndarray  # int16 [day row, cell]; -1: no holder (outside the ledger's span)
    faint: np.ndarray  # bool [day row, cell]
    edge_status: np.ndarray  # int8 [day row, edge]: NONE, BORDER or FRONT[theatre]
    spell_ids: np.ndarray  # int32 [day row, cell]: index into `spells` of the spell in force
    spells: tuple[Spell, ...]  # every town's spells, one list
    _tree: STRtree = field(repr=False, compare=False)
    _ordinals: np.ndarray = field(repr=False, compare=False)  # the change days as day numbers
    _unions: dict[frozenset[int], BaseGeometry] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        towns: Sequence[TownControl],
        cells: Cells,
        wars: Sequence[War],
        regions: Mapping[str, BaseGeometry] | None = None,
    ) -> ControlMap:
        """The table of holders by change day and cell; `regions` limits a war's front (by id)."""
        codes = tuple(sorted({s.holder for t in towns for s in t.spells}))
        number = {code: i for i, code in enumerate(codes)}
        cuts = {LEDGER_START, LEDGER_END + ONE_DAY}
        for town in towns:
            for spell in town.spells:
                cuts.add(spell.start)
                if spell.faint_until is not None and spell.faint_until < spell.end:
                    cuts.add(spell.faint_until + ONE_DAY)
        for war in wars:
            cuts |= {max(war.when.start, LEDGER_START), min(war.when.end, LEDGER_END) + ONE_DAY}
        days = tuple(sorted(d for d in cuts if LEDGER_START <= d <= LEDGER_END + ONE_DAY))
        ordinals = np.array([d.toordinal() for d in days])
        holders = np.full((len(days), len(towns)), -1, dtype=np.int16)
        faint = np.zeros((len(days), len(towns)), dtype=bool)
        spell_ids = np.full((len(days), len(towns)), -1, dtype=np.int32)
        spells: list[Spell] = []
        for column, town in enumerate(towns):
            for spell in town.spells:
                first, last = np.searchsorted(ordinals, [spell.start.toordinal(), spell.end.toordinal() + 1])
                holders[first:last, column] = number[spell.holder]
                spell_ids[first:last, column] = len(spells)
                spells.append(spell)
                if spell.faint_until is not None:
                    until = np.searchsorted(ordinals, min(spell.faint_until, spell.end).toordinal() + 1)
                    faint[first:until, column] = True
        edge_status = _edge_status(days, holders, cells, wars, codes, regions or {})
        return cls(
            tuple(towns), cells, tuple(wars), codes, days, holders, faint, edge_status, spell_ids,
            tuple(spells), STRtree(list(cells.shapes)), ordinals,
        )  # fmt: skip

    def row(self, day: dt.date) -> int | None:
        """The change-day row in force on `day`; None outside the ledger's span."""
        if not LEDGER_START <= day <= LEDGER_END:
            return None
        return int(np.searchsorted(self._ordinals, day.toordinal(), side="right")) - 1

    def cell_at(self, point: Point) -> int | None:
        """The cell a point lies in (its edge counts); for a port the 1:10m coast leaves just
        offshore, the cell of the coast beside it; None at sea and outside the theatre."""
        hits = sorted(int(i) for i in self._tree.query(point, predicate="intersects"))
        if hits:
            return hits[0]
        near = self._tree.query_nearest(point, max_distance=COAST_SNAP_DEG)
        return int(min(near)) if len(near) else None

    def area(self, cells: frozenset[int]) -> BaseGeometry:
        """The merged shape of a set of cells, computed once per distinct set."""
        if cells not in self._unions:
            self._unions[cells] = shapely.coverage_union_all([self.cells.shapes[i] for i in sorted(cells)])
        return self._unions[cells]

    def edges_shape(self, edges: Sequence[int]) -> BaseGeometry:
        """Edges joined into as few lines as possible."""
        return shapely.line_merge(MultiLineString([self.cells.edges[i] for i in sorted(edges)]))

    def spans(self) -> list[tuple[str, bool, dt.date, dt.date, frozenset[int]]]:
        """Each holder's cells (faint apart) over the spans of days they stay the same:
        (holder, faint, first day, last day, cells), in order of holder, faintness, first day."""
        found = []
        for number, code in enumerate(self.holder_codes):
            for faint in (False, True):
                mask = (self.holders == number) & (self.faint == faint)
                found += [(code, faint, *span) for span in self._runs(mask)]
        return found

    def front_spans(self) -> list[tuple[str, dt.date, dt.date, frozenset[int]]]:
        """Each theatre's front edges over the spans of days they stay the same."""
        return [
            (theatre, *span)
            for theatre in THEATRES
            for span in self._runs(self.edge_status == FRONT[theatre])
        ]

    def _runs(self, mask: np.ndarray) -> list[tuple[dt.date, dt.date, frozenset[int]]]:
        """The spans of rows over which `mask` (rows × columns) stays the same, with its members."""
        rows = len(self.days) - 1
        starts = [0, *(int(r) + 1 for r in np.flatnonzero(np.any(mask[1:rows] != mask[: rows - 1], axis=1)))]
        runs = []
        for begin, after in zip(starts, [*starts[1:], rows], strict=True):
            members = frozenset(int(i) for i in np.flatnonzero(mask[begin]))
            if members:
                runs.append((self.days[begin], self.days[after] - ONE_DAY, members))
        return runs


def _edge_status(
    days: Sequence[dt.date],
    holders: np.ndarray,
    cells: Cells,
    wars: Sequence[War],
    codes: Sequence[str],
    regions: Mapping[str, BaseGeometry],
) -> np.ndarray:
    pairs = np.array(cells.edge_cells, dtype=np.int64).reshape(-1, 2)
    left, right = holders[:, pairs[:, 0]], holders[:, pairs[:, 1]]
    status = np.where(left != right, BORDER, NONE).astype(np.int8)
    status[(left < 0) | (right < 0)] = NONE
    number = {code: i for i, code in enumerate(codes)}
    starts = np.array([d.toordinal() for d in days[:-1]])
    for war in wars:
        rows = (starts >= war.when.start.toordinal()) & (starts <= war.when.end.toordinal())
        one = [number[h] for h in war.sides[0] if h in number]
        two = [number[h] for h in war.sides[1] if h in number]
        facing = (np.isin(left, one) & np.isin(right, two)) | (np.isin(left, two) & np.isin(right, one))
        facing[: len(starts)] &= rows[:, None]
        if war.id in regions and len(cells.edges):
            inside = shapely.intersects(regions[war.id], shapely.point_on_surface(np.array(cells.edges)))
            facing &= inside[None, :]
        facing[len(starts) :] = False
        status[facing] = FRONT[war.theatre]
    return status
