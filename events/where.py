"""Who held a place on a given day, by which record, and which claims or treaty zones covered it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from events.catalogue import Catalogue
from events.model import Lang, Territory
from geo.holders import HOLDERS
from geo.places import Place

# A town an outline runs through sits on its edge, and a port may sit just off a coastline
# generalised to kilometres: when no area covers it exactly, areas within about 5 km count.
# Outlines are schematic to tens of kilometres anyway.
EXACT_DEG = 1e-6
EDGE_DEG = 0.05


@dataclass(frozen=True)
class Answer:
    place: Place
    day: dt.date
    control: tuple[Territory, ...]
    zones: tuple[Territory, ...]


def where(catalogue: Catalogue, place: Place, day: dt.date) -> Answer:
    point = catalogue.gazetteer.point(place)
    areas = [t for t in catalogue.at(day).territories if t.kind != "line"]
    found = [t for t in areas if catalogue.shape(t).dwithin(point, EXACT_DEG)]
    if not any(t.kind == "control" for t in found):
        found += [t for t in areas if t.kind == "control" and catalogue.shape(t).dwithin(point, EDGE_DEG)]
    return Answer(
        place,
        day,
        tuple(t for t in found if t.kind == "control"),
        tuple(t for t in found if t.kind != "control"),
    )


def describe_answer(catalogue: Catalogue, answer: Answer, lang: Lang = "en") -> str:
    """Plain lines for the command line: holder, record, origin, sources; then the zones."""
    place = answer.place.name(lang, answer.day.year)
    lines = [f"{place} on {answer.day.isoformat()}:"]
    if not answer.control:
        lines.append("  controlled by: no control territory in the catalogue covers it that day")
    for territory in answer.control:
        lines += _territory_lines(catalogue, territory, "controlled by", lang)
    for territory in answer.zones:
        lines += _territory_lines(catalogue, territory, territory.kind.replace("_", " "), lang)
    return "\n".join(lines)


def _territory_lines(catalogue: Catalogue, territory: Territory, label: str, lang: Lang) -> list[str]:
    holder = HOLDERS[territory.holder].name(lang)
    contested = " (contested)" if territory.contested else ""
    lines = [
        f"  {label}: {holder}{contested} — {territory.name.get(lang)} [{territory.id}, "
        f"{territory.when.text}], {catalogue.origins.get(territory.id, '')}",
        f"    precision: ±{territory.precision_km:g} km, certainty {territory.certainty}",
    ]
    lines += [f"    source: {catalogue.cite(source, lang)}" for source in territory.sources]
    return lines
