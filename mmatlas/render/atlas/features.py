"""The catalogue as GeoJSON features: one source for the atlas layers and the data exports.

Every dated feature carries ISO `start` and `end` (inclusive days, as the atlas's time control
reads them) and `end_exclusive` (the day after `end`, as QGIS's Temporal Controller reads it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import shapely
from shapely.geometry import LineString, MultiPoint, Point, mapping
from shapely.geometry.base import BaseGeometry

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.model import Event, Front, Territory
from mmatlas.core.dates import When
from mmatlas.core.derived import Derived
from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import Lang
from mmatlas.core.records import LocalText, SourceRef
from mmatlas.core.vocabulary import CATEGORY_COLOUR, category_name
from mmatlas.gazetteer.places import Place
from mmatlas.render.exported_geometry import exported, rounded_coordinates
from mmatlas.render.i18n import label, when_text
from mmatlas.state.day import is_faint

Feature = dict[str, Any]
FeatureCollection = dict[str, Any]


def collection(features: list[Feature]) -> FeatureCollection:
    return {"type": "FeatureCollection", "features": features}


def event_features(catalogue: Catalogue, lang: Lang) -> list[Feature]:
    labels: dict[tuple[str, int], str] = {}  # a town's label per year, computed once
    return [_event(catalogue, event, lang, labels) for event in catalogue.events]


def territory_features(catalogue: Catalogue, lang: Lang) -> list[Feature]:
    return [_territory(catalogue, t, lang) for t in catalogue.territories]


def front_features(catalogue: Catalogue, lang: Lang) -> list[Feature]:
    return [_front(catalogue, f, lang) for f in catalogue.fronts]


def place_features(catalogue: Catalogue, lang: Lang) -> list[Feature]:
    gazetteer = catalogue.gazetteer
    return [
        {
            "type": "Feature",
            "id": place.id,
            "geometry": geojson_geometry(gazetteer.geometry(place)),
            "properties": {
                "id": place.id,
                "name": place.name(lang),
                "names": [
                    {"text": n.text, "lang": n.lang, "from": n.valid_from, "until": n.valid_until}
                    for n in place.names
                ],
                "modern": place.modern.get(lang) if place.modern else None,
                "geonames_id": place.geonames_id,
                "certainty": place.certainty,
                "precision_km": place.precision_km,
                "sources": _cite_all(catalogue, place.sources, lang),
            },
        }
        for place in sorted(catalogue.places.values(), key=lambda p: p.id)
    ]


def _event(catalogue: Catalogue, event: Event, lang: Lang, labels: dict[tuple[str, int], str]) -> Feature:
    places = catalogue.event_places[event.id]
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": event_geometry(catalogue, event, places),
        "properties": {
            "id": event.id,
            "layer": "event",
            "category": event.category,
            "category_label": category_name(event.category, lang),
            "colour": CATEGORY_COLOUR[event.category],
            "title": event.title.get(lang),
            "title_tr": event.title.tr,
            "title_en": event.title.en,
            "summary": event.summary.get(lang),
            **_dates(event.when, lang),
            "faint": is_faint(event),
            "places": [cached_place_label(p, event.when.start.year, lang, labels) for p in places],
            "place_ids": [p.id for p in places],
            "actors": [catalogue.actor_name(a, lang) for a in event.actors],
            "sources": _cite_all(catalogue, event.sources, lang),
            "date_variants": [
                {
                    **_dates(v.when, lang),
                    "sources": _cite_all(catalogue, v.sources, lang),
                    "note": _note(v.note, lang),
                }
                for v in event.date_variants
            ],
            "note": _note(event.note, lang),
        },
    }


def _note(note: LocalText | None, lang: Lang) -> str | None:
    return note.get(lang) if note is not None else None


def _territory(catalogue: Catalogue, territory: Territory, lang: Lang) -> Feature:
    holder = HOLDERS[territory.holder]
    return {
        "type": "Feature",
        "id": territory.id,
        "geometry": _drawn_geojson(catalogue, territory),
        "properties": {
            "id": territory.id,
            "layer": "territory",
            "title": territory.name.get(lang),
            "holder": holder.code,
            "holder_label": holder.name(lang),
            "colour": holder.colour,
            "kind": territory.kind,
            "kind_label": label(f"kind_{territory.kind}", lang),
            **_dates(territory.when, lang),
            "faint": is_faint(territory),
            **_precision(territory.certainty, territory.precision_km, lang),
            "sources": _cite_all(catalogue, territory.sources, lang),
            "note": _note(territory.note, lang),
        },
    }


# Rounded GeoJSON of each drawn shape, made once for all pages and languages of a build.
_GEOJSON: Derived[dict[str, Any]] = Derived()


def _drawn_geojson(catalogue: Catalogue, item: Territory | Front) -> dict[str, Any]:
    return _GEOJSON.get(catalogue.load, item.id, lambda: geojson_geometry(catalogue.drawn_shape(item)))


def _front(catalogue: Catalogue, front: Front, lang: Lang) -> Feature:
    return {
        "type": "Feature",
        "id": front.id,
        "geometry": _drawn_geojson(catalogue, front),
        "properties": {
            "id": front.id,
            "layer": "front",
            "title": front.name.get(lang),
            "theatre": front.theatre,
            "sides": [HOLDERS[s].name(lang) for s in front.sides],
            "side_codes": list(front.sides),
            "colour": "#222222",
            **_dates(front.when, lang),
            "faint": is_faint(front),
            **_precision(front.certainty, front.precision_km, lang),
            "sources": _cite_all(catalogue, front.sources, lang),
            "note": _note(front.note, lang),
        },
    }


def _dates(when: When, lang: Lang) -> dict[str, Any]:
    return {
        "when": when.text,
        "when_label": when_text(when, lang),
        "start": when.start.isoformat(),
        "end": when.end.isoformat(),
        "end_exclusive": day_after(when.end),
        "precision": when.precision,
        "uncertain": when.uncertain,
        "approximate": when.approximate,
        "fuzzy": when.is_fuzzy,
    }


def day_after(day: dt.date) -> str:
    """The `end_exclusive` of a feature whose `end` is `day`: QGIS's Temporal Controller and most
    GIS tools read an end as exclusive, so one-day events and last days show only with this."""
    return (day + dt.timedelta(days=1)).isoformat()


def _precision(certainty: str, km: float, lang: Lang) -> dict[str, Any]:
    return {
        "certainty": certainty,
        "certainty_label": label(f"certainty_{certainty}", lang),
        "precision_km": km,
        "precision_label": label("km", lang).format(f"{km:g}"),
    }


def _cite_all(catalogue: Catalogue, sources: list[SourceRef], lang: Lang) -> list[str]:
    return [catalogue.cite(s, lang) for s in sources]


def cached_place_label(place: Place, year: int, lang: Lang, labels: dict[tuple[str, int], str]) -> str:
    key = (place.id, year)
    if key not in labels:
        labels[key] = _place_label(place, year, lang)
    return labels[key]


def _place_label(place: Place, year: int, lang: Lang) -> str:
    """`Gümrü (bugün Gyumri, Ermenistan)`: the period name, then today's where it differs."""
    period = place.name(lang, year)
    if place.modern is None:
        return period
    modern = place.modern.get(lang)
    if modern == period or modern.startswith((period + " (", period + ",")):
        return modern
    return f"{period} ({label('today', lang)}: {modern})"


def event_geometry(catalogue: Catalogue, event: Event, places: tuple[Place, ...]) -> dict[str, Any]:
    """A point, the points of several places, or a journey's route, as rounded GeoJSON."""
    return geojson_geometry(_event_shape(catalogue, event, places))


def _event_shape(catalogue: Catalogue, event: Event, places: tuple[Place, ...]) -> BaseGeometry:
    points = [catalogue.gazetteer.geometry(p).representative_point() for p in places]
    if event.category == "journey":
        return LineString(points)
    if len(points) == 1:
        return points[0]
    return MultiPoint(points)


class RawGeometry(str):
    """A geometry already written as GeoJSON text (by GEOS: fast for areas of thousands of
    vertices); the data files splice it in as it is."""


def raw_geometry(shape: BaseGeometry) -> RawGeometry:
    """A shape cleaned for export (see exported_geometry) and written by GEOS."""
    return RawGeometry(shapely.to_geojson(exported(shape)))


def geojson_geometry(shape: BaseGeometry) -> dict[str, Any]:
    if isinstance(shape, Point):
        return {"type": "Point", "coordinates": [round(shape.x, 4), round(shape.y, 4)]}
    rounded: dict[str, Any] = rounded_coordinates(mapping(exported(shape)))
    return rounded
