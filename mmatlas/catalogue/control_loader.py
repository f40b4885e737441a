"""Read the control ledger (geo/control/*.yaml) and the wars (geo/control/wars.yaml) into a
ControlMap, every problem located at its file, line and column."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.cells import CellError, Town, build_cells
from mmatlas.catalogue.control import LEDGER_START, ControlMap, Step, TimelineError, TownControl, spells_of
from mmatlas.catalogue.ledger import HolderChange, InitialHolder, LedgerFile, LedgerTown, War
from mmatlas.core import geometry
from mmatlas.core.dates import When
from mmatlas.core.errors import Problem
from mmatlas.core.records import SourceRef, Work
from mmatlas.core.text import did_you_mean
from mmatlas.core.validation import validate_item, validate_list
from mmatlas.core.yamlfile import Located, PathKey
from mmatlas.gazetteer.gazetteer import Gazetteer, PlaceLookupError
from mmatlas.gazetteer.places import Place, PlaceRef

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
    files: list[tuple[Located, LedgerFile, list[tuple[int, LedgerTown]]]] = []
    for one in ledgers:
        if one.data is None:
            continue
        if not isinstance(one.data, dict):
            problems.append(one.problem((), LEDGER_SHAPE))
            continue
        record, errors = validate_item(one, (), one.data, LedgerFile)
        problems += errors
        if record is None:
            continue
        valid: list[tuple[int, LedgerTown]] = []
        for index, item in enumerate(record.towns):
            town, town_errors = validate_item(one, ("towns", index), item, LedgerTown)
            problems += town_errors
            if town is not None:
                valid.append((index, town))
            else:
                _check_rejected_town(one, index, item, gazetteer, problems)
        files.append((one, record, valid))
    wars: list[War] = []
    regions: dict[str, BaseGeometry] = {}
    for one in wars_files:
        records, errors = validate_list(one, War)
        problems += errors
        wars += [war for _, war in records]
        for path, war in records:
            check_source_refs(one, path, war.sources, works, problems)
            region = _region(one, path, war, gazetteer, problems)
            if region is not None:
                regions[war.id] = region
    for one, record, valid in files:
        _check_file_refs(one, record, valid, works, problems)
    towns = _towns(files, gazetteer, problems)
    transfers = _transfers(files)
    controls = [c for c in (_control(t, transfers, problems) for t in towns.values()) if c is not None]
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
    files: Sequence[tuple[Located, LedgerFile, list[tuple[int, LedgerTown]]]],
    gazetteer: Gazetteer,
    problems: list[Problem],
) -> dict[str, _Town]:
    """Every listed town by place id: a town listed twice (say, in your own folder too) keeps
    the changes of both listings."""
    towns: dict[str, _Town] = defaultdict(_Town)
    for one, record, valid in files:
        for index, town in valid:
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


def _transfers(files: Sequence[tuple[Located, LedgerFile, list[tuple[int, LedgerTown]]]]) -> list[Step]:
    """Every file's changes of government, once each: they apply to every town of the ledger
    (a town you add in your own folder passes to the Assembly on 23 April 1920 too)."""
    steps: dict[tuple[object, ...], Step] = {}
    for one, record, _ in files:
        for index, transfer in enumerate(record.transfers):
            key = (transfer.on.start, transfer.from_, transfer.to)
            line = one.values.get(("transfers", index), (1, 1))[0]
            steps.setdefault(
                key,
                Step(
                    when=transfer.on,
                    holder=transfer.to,
                    kind="transfer",
                    sources=tuple(transfer.sources),
                    origin=f"{one.file}:{line}",
                    from_holder=transfer.from_,
                    note=transfer.note,
                ),
            )
    return [steps[key] for key in sorted(steps, key=str)]


def _check_rejected_town(
    one: Located, index: int, item: Any, gazetteer: Gazetteer, problems: list[Problem]
) -> None:
    """A town rejected for another field still has its name checked: all mistakes at once."""
    name = item.get("town") if isinstance(item, dict) else None
    try:
        mention = name if isinstance(name, str) else PlaceRef.model_validate(name)
    except ValidationError:
        return
    if isinstance(mention, PlaceRef) and mention.at is not None:
        return
    try:
        gazetteer.resolve(mention)
    except PlaceLookupError as error:
        problems.append(one.problem(("towns", index, "town"), str(error)))


def _first_sources(record: LedgerFile, town: LedgerTown) -> list[SourceRef]:
    for holder in (town.initial, *town.changes, record.initial):
        if holder is not None:
            return list(holder.sources)
    return []


def _control(town: _Town, transfers: Sequence[Step], problems: list[Problem]) -> TownControl | None:
    first = town.listings[0]
    initial = _initial(town, problems)
    if initial is None:
        return None
    steps: list[tuple[Step, _Listing | None, PathKey]] = [(t, None, ()) for t in transfers]
    by_day: dict[object, int] = {}
    for listing in town.listings:
        for c, change in enumerate(listing.town.changes):
            step = _change_step(change, listing, c)
            earlier = by_day.get(step.when.start)
            if earlier is not None and steps[earlier][0].holder == step.holder:
                # The same change written twice (the bundled ledger and your own file):
                # one change, with the sources of both lines.
                steps[earlier] = (_merged(steps[earlier][0], step), *steps[earlier][1:])
                continue
            by_day[step.when.start] = len(steps)
            steps.append((step, listing, ("changes", c, "on")))
    try:
        spells = spells_of(initial, [s for s, _, _ in steps])
    except TimelineError as error:
        for step, owner, sub in steps:
            if step is error.step and owner is not None:
                problems.append(owner.problem(sub, str(error)))
        return None
    assert first.place is not None
    return TownControl(
        place=first.place,
        spells=spells,
        origin=first.origin("town"),
        written=first.town.town,
        cited=tuple(_first_sources(first.file, first.town)),
    )


def _merged(step: Step, again: Step) -> Step:
    cited = {(s.ref, s.pages, s.cites) for s in step.sources}
    sources = step.sources + tuple(s for s in again.sources if (s.ref, s.pages, s.cites) not in cited)
    variants = step.variants + tuple(v for v in again.variants if v not in step.variants)
    return dataclasses.replace(step, sources=sources, variants=variants)


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
                f"who held '{first.town.town}' on 30 October 1918? give the town (or the whole file) its "
                "initial holder, e.g. initial: {holder: istanbul, sources: [{ref: ataturk-ansiklopedisi}]}",
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
    one: Located,
    record: LedgerFile,
    towns: list[tuple[int, LedgerTown]],
    works: Mapping[str, Work],
    problems: list[Problem],
) -> None:
    if record.initial is not None:
        check_source_refs(one, ("initial",), record.initial.sources, works, problems)
    for t, transfer in enumerate(record.transfers):
        check_source_refs(one, ("transfers", t), transfer.sources, works, problems)
    for i, town in towns:
        if town.initial is not None:
            check_source_refs(one, ("towns", i, "initial"), town.initial.sources, works, problems)
        for c, change in enumerate(town.changes):
            check_source_refs(one, ("towns", i, "changes", c), change.sources, works, problems)
            for v, variant in enumerate(change.date_variants):
                check_source_refs(
                    one, ("towns", i, "changes", c, "date_variants", v), variant.sources, works, problems
                )


def check_source_refs(
    one: Located,
    path: PathKey,
    sources: Sequence[SourceRef],
    works: Mapping[str, Work],
    problems: list[Problem],
) -> None:
    """Every `ref` of `sources` (at `path`, a list of sources) must name a work of the bibliography."""
    for s, source in enumerate(sources):
        if source.ref not in works:
            hint = did_you_mean(source.ref, works)
            problems.append(
                one.problem(
                    (*path, "sources", s, "ref"),
                    f"unknown source '{source.ref}'{hint}; add it to a sources.yaml",
                )
            )
