"""Load and validate the whole catalogue from YAML files: all problems at once, or a Catalogue.

Where files live decides what they hold:
- `sources.yaml` (any folder): the bibliography, a mapping of keys to works;
- `places.yaml` (any folder): places, added to the gazetteer;
- `actors.yaml` (any folder): people and bodies, one spelling each, with their English names;
- files in a folder named `territories` or `fronts` (the bundled ones are in geo/): those;
- files in a folder named `control`: the control ledger (`wars.yaml` there: the wars whose
  fronts the map draws);
- any other `*.yaml` under `events/` or a path given with --events: events.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from mmatlas.catalogue.borders import BorderError, border_line
from mmatlas.catalogue.catalogue import Catalogue, Load
from mmatlas.catalogue.control_loader import check_source_refs, load_control
from mmatlas.catalogue.model import Actor, Event, Front, Territory
from mmatlas.core import geometry
from mmatlas.core.errors import InputError, Problem, display_path
from mmatlas.core.paths import EVENTS, GEO
from mmatlas.core.records import Work
from mmatlas.core.text import fold
from mmatlas.core.validation import validate_item, validate_list
from mmatlas.core.yamlfile import Located, PathKey, load_located
from mmatlas.gazetteer.gazetteer import Gazetteer, PlaceLookupError
from mmatlas.gazetteer.geonames import GeoNames
from mmatlas.gazetteer.places import Place, PlaceRef

BUNDLED_EVENTS = EVENTS
BUNDLED_PLACES = GEO / "places.yaml"
TERRITORIES = GEO / "territories"
FRONTS = GEO / "fronts"
CONTROL = GEO / "control"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass
class _Found(Generic[T]):
    """A validated record and where it stands."""

    record: T
    located: Located
    path: PathKey

    def problem(self, sub: PathKey, message: str) -> Problem:
        return self.located.problem((*self.path, *sub), message)

    @property
    def origin(self) -> str:
        line, _ = self.located.values.get(self.path, (1, 1))
        return f"{self.located.file}:{line}"


@dataclass
class _Files:
    sources: list[Path] = field(default_factory=list)
    places: list[Path] = field(default_factory=list)
    actors: list[Path] = field(default_factory=list)
    events: list[Path] = field(default_factory=list)
    territories: list[Path] = field(default_factory=list)
    fronts: list[Path] = field(default_factory=list)
    ledgers: list[Path] = field(default_factory=list)
    wars: list[Path] = field(default_factory=list)


def load_catalogue(extra: Sequence[Path] = (), *, bundled: bool = True) -> Catalogue:
    """The validated catalogue; InputError with every problem found otherwise."""
    files, problems = _discover(extra, bundled=bundled)
    loaded = {path: load_located(path) for path in _all(files)}
    problems += [v for v in loaded.values() if isinstance(v, Problem)]
    good = {p: v for p, v in loaded.items() if isinstance(v, Located)}
    problems += [problem for located in good.values() for problem in located.problems]

    works = _load_works([good[p] for p in files.sources if p in good], problems)
    places = _records([good[p] for p in files.places if p in good], Place, problems)
    actors = _records([good[p] for p in files.actors if p in good], Actor, problems)
    events = _records([good[p] for p in files.events if p in good], Event, problems)
    territories = _records([good[p] for p in files.territories if p in good], Territory, problems)
    fronts = _records([good[p] for p in files.fronts if p in good], Front, problems)

    _check_unique_ids([*places], problems)
    _check_unique_ids([*events, *territories, *fronts], problems)
    _check_sources([*places, *events, *territories, *fronts], works, problems)
    known_actors = _check_actors(actors, events, problems)

    gazetteer = _build_gazetteer(places, problems)
    event_places = _resolve_event_places(events, gazetteer, problems)
    _check_places_of_rejected_events(
        [good[p] for p in files.events if p in good], events, gazetteer, problems
    )
    shapes = _build_shapes([*territories, *fronts], gazetteer, problems)
    control = load_control(
        [good[p] for p in files.ledgers if p in good],
        [good[p] for p in files.wars if p in good],
        gazetteer,
        works,
        problems,
    )

    if problems or control is None:
        raise InputError(problems)
    dated: list[_Found[Event] | _Found[Territory] | _Found[Front]] = [*events, *territories, *fronts]
    return Catalogue(
        works=works,
        actors=known_actors,
        gazetteer=gazetteer,
        events=tuple(sorted((f.record for f in events), key=lambda e: (e.when.start, e.when.end, e.id))),
        territories=tuple(sorted((f.record for f in territories), key=lambda t: (t.when.start, t.id))),
        fronts=tuple(sorted((f.record for f in fronts), key=lambda f: (f.when.start, f.id))),
        event_places=event_places,
        shapes=shapes,
        origins={f.record.id: f.origin for f in dated},
        control=control,
        places=dict(sorted(gazetteer.places.items())),
        load=Load(_fingerprint(_all(files))),
    )


def _fingerprint(paths: Sequence[Path]) -> str:
    """A digest of the files read, their order and names included."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _discover(extra: Sequence[Path], *, bundled: bool) -> tuple[_Files, list[Problem]]:
    files = _Files()
    problems: list[Problem] = []
    if bundled:
        _classify(sorted(BUNDLED_EVENTS.glob("*.yaml")), files)
        _classify(
            [
                BUNDLED_PLACES,
                *sorted(TERRITORIES.glob("*.yaml")),
                *sorted(FRONTS.glob("*.yaml")),
                *sorted(CONTROL.glob("*.yaml")),
            ],
            files,
        )
    for path in extra:
        if path.is_dir():
            _classify(_yaml_files(path, problems), files)
        elif path.is_file():
            # One file: its folder's sources.yaml, places.yaml and actors.yaml come with it.
            beside = [path.parent / f"{stem}.yaml" for stem in ("sources", "places", "actors")]
            _classify([path, *(other for other in beside if other.is_file() and other != path)], files)
        else:
            problems.append(Problem(display_path(path), 1, 1, "", "no such file or folder (--events)"))
    return files, problems


# Folders of a lecture folder that hold no catalogue records: tours are given with --stops.
NOT_CATALOGUE = {"tours"}


def _yaml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The YAML files of a user's folder, sorted: hidden files and folders, backups (`*.bak`,
    `*~`) and tours/ left out; symbolic links to folders not followed (no loops); a folder that
    cannot be read is a problem, never silently skipped."""

    def unreadable(error: OSError) -> None:
        where = display_path(Path(error.filename)) if error.filename else display_path(folder)
        problems.append(Problem(where, 1, 1, "", f"cannot read this folder: {error.strerror or error}"))

    found: list[Path] = []
    for root, folders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in NOT_CATALOGUE)
        for name in sorted(names):
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            found.append(Path(root) / name)
    return found


def _classify(paths: Iterable[Path], files: _Files) -> None:
    for path in paths:
        control = files.wars if path.stem == "wars" else files.ledgers
        by_folder = {"territories": files.territories, "fronts": files.fronts, "control": control}.get(
            path.parent.name
        )
        by_name = {"sources": files.sources, "places": files.places, "actors": files.actors}.get(
            path.stem, files.events
        )
        bucket = by_folder if by_folder is not None else by_name
        if path not in bucket:
            bucket.append(path)


def _all(files: _Files) -> list[Path]:
    return [
        *files.sources, *files.places, *files.actors, *files.events, *files.territories, *files.fronts,
        *files.ledgers, *files.wars,
    ]  # fmt: skip


def _records(located: list[Located], model: type[M], problems: list[Problem]) -> list[_Found[M]]:
    found: list[_Found[M]] = []
    for one in located:
        if not isinstance(one.data, list):
            _, errors = validate_list(one, model)  # says what a list of items looks like
            problems += errors
            continue
        for index, item in enumerate(one.data):
            elsewhere = _misplaced(item, model)
            if elsewhere is not None:
                problems.append(one.problem((index,), elsewhere))
                continue
            record, errors = validate_item(one, (index,), item, model)
            problems += errors
            if record is not None:
                found.append(_Found(record, one, (index,)))
    return found


# Keys that tell what a record is, whatever file it was put in.
_STOPS = "stops go in a file of their own (e.g. tours/ders.yaml), given with --stops"
_EVENTS = "events go in a .yaml file outside territories/, fronts/ and control/"
_LOOKS_LIKE = (
    ({"caption", "centre"}, "a lecture stop", _STOPS),
    ({"holder", "geometry"}, "a territory", "territories go in a folder named territories/"),
    ({"sides", "theatre"}, "a front", "fronts go in a folder named fronts/"),
    ({"category", "summary"}, "an event", _EVENTS),
)
_MODEL_KIND = {"Event": "an event", "Territory": "a territory", "Front": "a front", "Place": "a place"}


def _misplaced(item: Any, model: type[BaseModel]) -> str | None:
    """Why a record is in the wrong kind of file, and where it belongs; None when it is not."""
    if not isinstance(item, dict):
        return None
    for keys, what, where in _LOOKS_LIKE:
        if keys <= set(item) and _MODEL_KIND.get(model.__name__) != what:
            expected = _MODEL_KIND.get(model.__name__, "a record of this file's kind")
            return f"this looks like {what} (it has {' and '.join(sorted(keys))}), not {expected}: {where}"
    return None


def _load_works(located: list[Located], problems: list[Problem]) -> dict[str, Work]:
    works: dict[str, Work] = {}
    for one in located:
        if not isinstance(one.data, dict):
            problems.append(
                one.problem((), "expected a mapping of source keys to works (key: {author, year, title})")
            )
            continue
        for key, item in one.data.items():
            work, errors = validate_item(one, (key,), item, Work)
            problems += errors
            if work is not None:
                if key in works:
                    problems.append(one.problem((key,), f"source key '{key}' is defined twice", at_key=True))
                works[str(key)] = work
    return works


def _check_actors(
    actors: list[_Found[Actor]], events: list[_Found[Event]], problems: list[Problem]
) -> dict[str, Actor]:
    """Actors by their one spelling; an event writing another spelling of a known actor fails."""
    by_key: dict[str, _Found[Actor]] = {}
    for found in actors:
        for name in (found.record.tr, *found.record.variants):
            earlier = by_key.setdefault(fold(name), found)
            if earlier is not found:
                problems.append(
                    found.problem(("tr",), f"'{name}' is already an actor's spelling at {earlier.origin}")
                )
    for event in events:
        for index, written in enumerate(event.record.actors):
            known = by_key.get(fold(written))
            if known is not None and written != known.record.tr:
                problems.append(
                    event.problem(
                        ("actors", index),
                        f"'{written}' is written '{known.record.tr}' ({known.origin}): "
                        "one spelling per person or body",
                    )
                )
    return {found.record.tr: found.record for found in actors}


def _check_unique_ids(found: Sequence[_Found[Any]], problems: list[Problem]) -> None:
    first: dict[str, _Found[Any]] = {}
    for item in found:
        earlier = first.setdefault(item.record.id, item)
        if earlier is not item:
            problems.append(
                item.problem(("id",), f"id '{item.record.id}' is already used at {earlier.origin}")
            )


def _check_sources(found: Sequence[_Found[Any]], works: dict[str, Work], problems: list[Problem]) -> None:
    for item in found:
        check_source_refs(item.located, item.path, item.record.sources, works, problems)
        for v, variant in enumerate(getattr(item.record, "date_variants", [])):
            path = (*item.path, "date_variants", v)
            check_source_refs(item.located, path, variant.sources, works, problems)


def _build_gazetteer(places: list[_Found[Place]], problems: list[Problem]) -> Gazetteer:
    geonames = GeoNames()
    by_id = {f.record.id: f.record for f in places}
    geometries: dict[str, BaseGeometry] = {}
    # A draft that already knows every curated name, so a region's outline can be anchored on
    # towns of the same file or on GeoNames; towns are placed first.
    draft = Gazetteer(by_id, geometries, geonames)

    def locate(anchor: geometry.Anchor) -> geometry.LonLat:
        if isinstance(anchor, tuple):
            return anchor
        place = draft.resolve(anchor)
        if place.id not in geometries:
            raise PlaceLookupError(f"anchor '{anchor}' is a region or could not be placed; anchor on towns")
        point = geometries[place.id].representative_point()
        return (point.x, point.y)

    for found in sorted(places, key=lambda f: _placing_order(f.record)):
        place = found.record
        if place.geometry is None:
            assert place.geonames_id is not None
            city = geonames.city(place.geonames_id)
            if city is None:
                problems.append(
                    found.problem(
                        ("geonames_id",),
                        f"GeoNames has no town with id {place.geonames_id} "
                        "(cities of 500+ inhabitants); give geometry: {point: [longitude, latitude]}",
                    )
                )
                continue
            geometries[place.id] = Point(city.lon, city.lat)
            continue
        shape = _build_one(found, locate, problems)
        if shape is not None:
            geometries[place.id] = shape
    return Gazetteer({k: v for k, v in by_id.items() if k in geometries}, geometries, geonames)


def _placing_order(place: Place) -> int:
    """Pins first, then points given outright, then points and outlines anchored on those."""
    spec = place.geometry
    if spec is None:
        return 0
    if isinstance(spec.point, tuple):
        return 1
    return 2 if spec.point is not None else 3


def _build_one(
    found: _Found[Any], locate: Any, problems: list[Problem], outline: Any = None
) -> BaseGeometry | None:
    spec: geometry.GeometrySpec = found.record.geometry
    failed = False
    for sub, anchor in spec.anchors():
        if isinstance(anchor, tuple):
            lon, lat = anchor
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                problems.append(
                    found.problem(
                        ("geometry", *sub), f"expected [longitude, latitude] in degrees; found [{lon}, {lat}]"
                    )
                )
                failed = True
            continue
        try:
            locate(anchor)
        except PlaceLookupError as error:
            problems.append(found.problem(("geometry", *sub), str(error)))
            failed = True
    if spec.border is not None:
        try:
            border_line(spec.border)
        except BorderError as error:
            problems.append(found.problem(("geometry", "border"), str(error)))
            return None
    if spec.outline_of is not None:
        try:
            outline(spec.outline_of)
        except (PlaceLookupError, TypeError) as error:
            problems.append(found.problem(("geometry", "outline_of"), str(error)))
            return None
    if failed:
        return None
    shape = geometry.build(spec, locate, outline, border_line)
    if shape.is_empty or not shape.is_valid:
        why = explain_validity(shape) if not shape.is_empty else "empty"
        problems.append(
            found.problem(
                ("geometry",),
                (f"the anchors do not make a valid shape ({why}); list them in order around the outline"),
            )
        )
        return None
    return shape


def _resolve_event_places(
    events: list[_Found[Event]], gazetteer: Gazetteer, problems: list[Problem]
) -> dict[str, tuple[Place, ...]]:
    resolved: dict[str, tuple[Place, ...]] = {}
    for found in events:
        places: list[Place] = []
        cited = tuple(found.record.sources)
        for i, name in enumerate(found.record.places):
            try:
                places.append(gazetteer.resolve(name, cited))
            except PlaceLookupError as error:
                problems.append(found.problem(("places", i), str(error)))
        resolved[found.record.id] = tuple(places)
    return resolved


def _check_places_of_rejected_events(
    located: list[Located], events: list[_Found[Event]], gazetteer: Gazetteer, problems: list[Problem]
) -> None:
    """An event rejected for its date still has its place names checked: all errors at once."""
    accepted = {(id(f.located), f.path) for f in events}
    for one in located:
        if not isinstance(one.data, list):
            continue
        for index, item in enumerate(one.data):
            if (id(one), (index,)) in accepted or not isinstance(item, dict):
                continue
            names = item.get("places")
            for i, name in enumerate(names if isinstance(names, list) else []):
                try:
                    mention = name if isinstance(name, str) else PlaceRef.model_validate(name)
                    if isinstance(mention, PlaceRef) and mention.at is not None:
                        continue
                    gazetteer.resolve(mention)
                except ValidationError:
                    continue
                except PlaceLookupError as error:
                    problems.append(one.problem((index, "places", i), str(error)))


def _build_shapes(
    found: Sequence[_Found[Territory] | _Found[Front]], gazetteer: Gazetteer, problems: list[Problem]
) -> dict[str, BaseGeometry]:
    def locate(anchor: geometry.Anchor) -> geometry.LonLat:
        if isinstance(anchor, tuple):
            return anchor
        point = gazetteer.geometry(gazetteer.resolve(anchor)).representative_point()
        return (point.x, point.y)

    def outline(name: str) -> BaseGeometry:
        region = gazetteer.geometry(gazetteer.resolve(name))
        if region.geom_type not in ("Polygon", "MultiPolygon"):
            raise PlaceLookupError(f"'{name}' is a point, not a region with an outline")
        return region

    shapes: dict[str, BaseGeometry] = {}
    for item in found:
        shape = _build_one(item, locate, problems, outline)
        if shape is not None:
            shapes[item.record.id] = shape
    return shapes
