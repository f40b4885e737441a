"""Lecture stops: a tour of dated views (date, centre, zoom, layers, caption) for the atlas and slides.

A stops file is a YAML list of stops, or a tour with a title and subtitle for its deck and
handout:

    title: {tr: "Kurtuluş Savaşı", en: "The War of Independence"}
    subtitle: {tr: "10-B, 3. hafta", en: "Year 10, week 3"}
    stops:
      - id: mudros
        ...

The bundled tour is events/tours/default.yaml. Every problem is reported with file:line:column
like the catalogue's, all at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.dates import FIRST_YEAR, LAST_YEAR, as_written
from mmatlas.core.errors import InputError, Problem
from mmatlas.core.geometry import MapPoint
from mmatlas.core.paths import EVENTS
from mmatlas.core.records import LocalText, Record, Slug, Text
from mmatlas.core.text import did_you_mean
from mmatlas.core.validation import validate_item, validate_list
from mmatlas.core.yamlfile import Located, load_located
from mmatlas.gazetteer.gazetteer import PlaceLookupError
from mmatlas.render.layers import default_keys, layer_keys

DEFAULT_TOUR = EVENTS / "tours" / "default.yaml"


def _known_layer(key: str) -> str:
    known = layer_keys()
    if key not in known:
        raise ValueError(f"expected one of {', '.join(known)}; found '{key}'{did_you_mean(key, known)}")
    return key


LayerKey = Annotated[str, AfterValidator(_known_layer)]


class Stop(Record):
    """One view of the tour: what the lecturer shows, on which day, where."""

    id: Slug
    date: dt.date
    title: LocalText
    caption: LocalText
    centre: Text | MapPoint
    zoom: Annotated[int, Field(ge=3, le=12)] = 6
    # The layers shown at this stop (keys of render/layers.py); the rest are switched off.
    layers: list[LayerKey] = Field(default_factory=lambda: list(default_keys()))

    @field_validator("date", mode="before")
    @classmethod
    def _iso_day(cls, value: object) -> object:
        if isinstance(value, dt.date | str):
            try:
                day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
            except ValueError as error:
                iso = as_written(str(value))
                hint = f" (did you mean {iso}?)" if iso else ""
                raise ValueError(
                    f"expected a day as YYYY-MM-DD, e.g. 1920-12-03; found '{value}'{hint}"
                ) from error
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError(f"expected a year between {FIRST_YEAR} and {LAST_YEAR}; found '{value}'")
            return day
        return value


class PlacedStop(Record):
    """A stop with its centre resolved to latitude and longitude."""

    stop: Stop
    lat: float
    lon: float


class TourHead(Record):
    """The title and subtitle a tour file may give its deck and handout."""

    title: LocalText | None = None
    subtitle: LocalText | None = None


@dataclass(frozen=True)
class Tour:
    stops: list[PlacedStop]
    title: LocalText | None = None
    subtitle: LocalText | None = None


def load_stops(catalogue: Catalogue, path: Path = DEFAULT_TOUR) -> list[PlacedStop]:
    """The tour's stops in file order, centres resolved; InputError with every problem otherwise."""
    return load_tour(catalogue, path).stops


def load_tour(catalogue: Catalogue, path: Path = DEFAULT_TOUR) -> Tour:
    """The tour: its stops in file order, centres resolved, and its title and subtitle if given;
    InputError with every problem otherwise."""
    located = load_located(path)
    if isinstance(located, Problem):
        raise InputError([located])
    head = TourHead()
    earlier = list(located.problems)
    if isinstance(located.data, dict):
        fields = {k: v for k, v in located.data.items() if k != "stops"}
        found, problems = validate_item(located, (), fields, TourHead)
        head = found or head
        prefix: tuple[str | int, ...] = ("stops",)
        items = located.data.get("stops")
        if not isinstance(items, list):
            problems.append(located.problem((), "expected 'stops:' with a list of stops under it"))
            items = []
        records = []
        for index, item in enumerate(items):
            record, item_problems = validate_item(located, (*prefix, index), item, Stop)
            problems += item_problems
            if record is not None:
                records.append(((*prefix, index), record))
    else:
        prefix = ()
        items = located.data if isinstance(located.data, list) else []
        records, problems = validate_list(located, Stop)
    placed: list[PlacedStop] = []
    seen: dict[str, int] = {}
    for item_path, stop in records:
        index = int(item_path[-1])
        if stop.id in seen:
            problems.append(
                located.problem(
                    (*item_path, "id"), f"id '{stop.id}' is already used by stop {seen[stop.id] + 1}"
                )
            )
        seen.setdefault(stop.id, index)
        point = _centre(catalogue, located, item_path, stop, problems)
        if point is not None:
            placed.append(PlacedStop(stop=stop, lat=point[1], lon=point[0]))
    # A stop rejected for another field still has its centre checked: all errors at once.
    accepted = {int(item_path[-1]) for item_path, _ in records}
    for index, item in enumerate(items):
        centre = item.get("centre") if isinstance(item, dict) else None
        if index not in accepted and isinstance(centre, str):
            try:
                catalogue.gazetteer.resolve(centre)
            except PlaceLookupError as error:
                problems.append(located.problem((*prefix, index, "centre"), str(error)))
    if earlier or problems:
        raise InputError([*earlier, *problems])
    return Tour(placed, head.title, head.subtitle)


def _centre(
    catalogue: Catalogue,
    located: Located,
    item_path: tuple[str | int, ...],
    stop: Stop,
    problems: list[Problem],
) -> tuple[float, float] | None:
    if isinstance(stop.centre, tuple):
        return stop.centre
    try:
        place = catalogue.gazetteer.resolve(stop.centre)
    except PlaceLookupError as error:
        problems.append(located.problem((*item_path, "centre"), str(error)))
        return None
    point = catalogue.gazetteer.point(place)
    return (point.x, point.y)
