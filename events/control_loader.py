"""Read the control ledger (geo/control/*.yaml) and the wars (geo/control/wars.yaml) into a
ControlMap, every problem located at its file, line and column."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from events.control import LEDGER_START, ControlMap, Step, TimelineError, TownControl, spells_of
from events.dates import When
from events.ledger import HolderChange, InitialHolder, LedgerFile, LedgerTown, Transfer, War
from geo import geometry
from geo._text import did_you_mean
from geo._validate import validate_item, validate_list
from geo._yaml import Located, PathKey
from geo.cells import CellError, Town, build_cells
from geo.errors import Problem
from geo.gazetteer import Gazetteer, PlaceLookupError
from geo.places import Place
from geo.records import SourceRef, Work

LEDGER_SHAPE = "expected a control ledger: a mapping with towns (and optionally initial and transfers)"


@dataclass
class _Listing:
    """One ledger entry for a town: the file's rules and the town's own lines."""

    located: Located
    path: PathKey
    file: LedgerFile
    town: LedgerTown
    place: Place | None = None

    def origin(self, *sub: str | int) -> str:
        line, _ = self.located.values.get((*self.path, *sub), self.located.values.get(self.path, (1, 1)))
        return f"{self.located.file}:{line}"

    def problem(self, sub: PathKey, message: str) -> Problem:
        return self.located.problem((*self.path, *sub), message)


@dataclass
class _Town:
    listings: list[_Listing] = field(default_factory=list)


def load_control(
    ledgers: Sequence[Located],
    wars_files: Sequence[Located],
    gazetteer: Gazetteer,
    works: Mapping[str, Work],
    problems: list[Problem],
) -> ControlMap | None:
    """The control map of the ledger files; None (with problems added) when it cannot be built."""
    files = []
    for one in ledgers:
        if one.data is None:
            continue
        if not isinstance(one.data, dict):
            problems.append(one.problem((), LEDGER_SHAPE))
            continue
        record, errors = validate_item(one, (), one.data, LedgerFile)
        problems += errors
        if record is not None:
            files.append((one, record))
    wars: list[War] = []
    regions: dict[str, BaseGeometry] = {}
    for one in wars_files:
        records, errors = validate_list(one, War)
        problems += errors
        wars += [war for _, war in records]
        for path, war in records:
            _check_refs(one, path, war.sources, works, problems)
            region = _region(one, path, war, gazetteer, problems)
            if region is not None:
                regions[war.id] = region
    for one, record in files:
        _check_file_refs(one, record, works, problems)
    towns = _towns(files, gazetteer, problems)
    controls = [control for control in (_control(t, problems) for t in towns.values()) if control is not None]
    controls.sort(key=lambda c: c.place.id)
    points = [gazetteer.point(c.place) for c in controls]
    try:
        cells = build_cells([Town(c.place.id, p.x, p.y) for c, p in zip(controls, points, strict=True)])
    except CellError as error:
        for key, why in sorted(error.problems.items()):
            first = towns[key].listings[0]
            problems.append(first.problem(("town",), f"'{first.town.town}' {why}"))
        return None
    if problems:
        return None
    return ControlMap.build(controls, cells, wars, regions)


def _towns(
    files: Sequence[tuple[Located, LedgerFile]], gazetteer: Gazetteer, problems: list[Problem]
) -> dict[str, _Town]:
    """Every listed town by place id: a town listed twice (say, in your own folder too) keeps
    the changes of both listings."""
    towns: dict[str, _Town] = defaultdict(_Town)
    for one, record in files:
        for index, town in enumerate(record.towns):
            listing = _Listing(one, ("towns", index), record, town)
            cited = tuple(_first_sources(record, town))
            try:
                place = gazetteer.resolve(town.town, cited)
            except PlaceLookupError as error:
                problems.append(listing.problem(("town",), str(error)))
                continue
            if gazetteer.geometry(place).geom_type != "Point":
                problems.append(
                    listing.problem(
                        ("town",), f"'{place.name('en')}' is a region, not a town: list its towns"
                    )
                )
                continue
            listing.place = place
            towns[place.id].listings.append(listing)
    return dict(sorted(towns.items()))


def _region(
    one: Located, path: PathKey, war: War, gazetteer: Gazetteer, problems: list[Problem]
) -> BaseGeometry | None:
    """The area of a war's fighting, its anchors placed by the gazetteer."""
    if war.region is None:
        return None
    failed = False
    for sub, anchor in war.region.anchors():
        if isinstance(anchor, str):
            try:
                gazetteer.resolve(anchor)
            except PlaceLookupError as error:
                problems.append(one.problem((*path, "region", *sub), str(error)))
                failed = True
    if failed:
        return None

    def locate(anchor: geometry.Anchor) -> geometry.LonLat:
        if isinstance(anchor, tuple):
            return anchor
        point = gazetteer.point(gazetteer.resolve(anchor))
        return (point.x, point.y)

    shape = geometry.build(war.region, locate)
    if shape.is_empty or not shape.is_valid or shape.area == 0:
        problems.append(
            one.problem((*path, "region"), "expected an area: list the anchors in order round it")
        )
        return None
    return shape


def _first_sources(record: LedgerFile, town: LedgerTown) -> list[SourceRef]:
    for holder in (town.initial, *town.changes, record.initial):
        if holder is not None:
            return list(holder.sources)
    return []


def _control(town: _Town, problems: list[Problem]) -> TownControl | None:
    first = town.listings[0]
    initial = _initial(town, problems)
    if initial is None:
        return None
    steps: list[tuple[Step, _Listing, PathKey]] = []
    seen_transfers: set[tuple[object, ...]] = set()
    for listing in town.listings:
        for t, transfer in enumerate(listing.file.transfers):
            key = (transfer.on.start, transfer.from_, transfer.to)
            if key not in seen_transfers:
                seen_transfers.add(key)
                steps.append((_transfer_step(transfer, listing, t), listing, ()))
        for c, change in enumerate(listing.town.changes):
            steps.append((_change_step(change, listing, c), listing, ("changes", c, "on")))
    try:
        spells = spells_of(initial, [s for s, _, _ in steps])
    except TimelineError as error:
        for step, listing, sub in steps:
            if step is error.step:
                problems.append(listing.problem(sub, str(error)))
        return None
    assert first.place is not None
    return TownControl(place=first.place, spells=spells, origin=first.origin("town"))


def _initial(town: _Town, problems: list[Problem]) -> Step | None:
    given: list[tuple[InitialHolder, _Listing, PathKey]] = []
    for listing in town.listings:
        if listing.town.initial is not None:
            given.append((listing.town.initial, listing, ("initial",)))
    if not given:
        for listing in town.listings:
            if listing.file.initial is not None:
                given.append((listing.file.initial, listing, ()))
    first = town.listings[0]
    if not given:
        problems.append(
            first.problem(
                ("town",),
                f"who held '{first.town.town}' on 30 October 1918? give it an initial: "
                "{holder: …, sources: …}, or one for the whole file",
            )
        )
        return None
    holders = {initial.holder for initial, _, _ in given}
    if len(holders) > 1:
        initial, listing, sub = given[-1]
        problems.append(
            listing.problem(
                (*sub, "holder") if sub else ("town",),
                f"'{first.town.town}' is listed with different initial holders "
                f"({', '.join(sorted(holders))}); keep one",
            )
        )
        return None
    initial, listing, sub = given[0]
    line = listing.located.values.get((*listing.path, *sub) if sub else ("initial",), (1, 1))[0]
    return Step(
        when=When(LEDGER_START, LEDGER_START, LEDGER_START.isoformat()),
        holder=initial.holder,
        kind="initial",
        sources=tuple(initial.sources),
        origin=f"{listing.located.file}:{line}",
        note=initial.note,
    )


def _transfer_step(transfer: Transfer, listing: _Listing, index: int) -> Step:
    line = listing.located.values.get(("transfers", index), (1, 1))[0]
    return Step(
        when=transfer.on,
        holder=transfer.to,
        kind="transfer",
        sources=tuple(transfer.sources),
        origin=f"{listing.located.file}:{line}",
        from_holder=transfer.from_,
        note=transfer.note,
    )


def _change_step(change: HolderChange, listing: _Listing, index: int) -> Step:
    return Step(
        when=change.on,
        holder=change.holder,
        kind="change",
        sources=tuple(change.sources),
        origin=listing.origin("changes", index),
        variants=tuple(change.date_variants),
        note=change.note,
    )


def _check_file_refs(
    one: Located, record: LedgerFile, works: Mapping[str, Work], problems: list[Problem]
) -> None:
    if record.initial is not None:
        _check_refs(one, ("initial",), record.initial.sources, works, problems)
    for t, transfer in enumerate(record.transfers):
        _check_refs(one, ("transfers", t), transfer.sources, works, problems)
    for i, town in enumerate(record.towns):
        if town.initial is not None:
            _check_refs(one, ("towns", i, "initial"), town.initial.sources, works, problems)
        for c, change in enumerate(town.changes):
            _check_refs(one, ("towns", i, "changes", c), change.sources, works, problems)
            for v, variant in enumerate(change.date_variants):
                _check_refs(
                    one, ("towns", i, "changes", c, "date_variants", v), variant.sources, works, problems
                )


def _check_refs(
    one: Located,
    path: PathKey,
    sources: Sequence[SourceRef],
    works: Mapping[str, Work],
    problems: list[Problem],
) -> None:
    for s, source in enumerate(sources):
        if source.ref not in works:
            hint = did_you_mean(source.ref, works)
            problems.append(
                one.problem(
                    (*path, "sources", s, "ref"),
                    f"unknown source '{source.ref}'{hint}; add it to a sources.yaml",
                )
            )
