"""The data files' layers, one list for every format, so GeoJSON, GeoPackage and KML agree.

Each layer holds one geometry type only, the multi-part one wherever some feature has several
parts (an event's single place is then a MultiPoint of one): GIS tools split a file of mixed
types into sub-layers, and a Shapefile or a GeoPackage table takes one type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import shapely

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.render.atlas.control_features import control_area_features, derived_front_features
from mmatlas.render.atlas.features import (
    Feature,
    RawGeometry,
    event_features,
    front_features,
    place_features,
    territory_features,
)

GEOMETRY_TYPES = {"point": "Point", "points": "MultiPoint", "line": "MultiLineString", "area": "MultiPolygon"}


@dataclass(frozen=True)
class DataLayer:
    """`key` names the layer in every file (GeoJSON file, GeoPackage table, KML folder);
    `label_key` is its title in the message catalogues."""

    key: str
    label_key: str
    geometry: str  # "point", "points", "line" or "area": the key of its features' one type
    features: list[Feature]

    @property
    def geometry_type(self) -> str:
        return GEOMETRY_TYPES[self.geometry]

    @cached_property
    def shapes(self) -> list[shapely.Geometry]:
        """The features' geometries as shapes, read once for every writer that needs them."""
        texts = [
            g if isinstance(g, RawGeometry) else json.dumps(g) for g in (f["geometry"] for f in self.features)
        ]
        return list(shapely.from_geojson(texts))


def data_layers(catalogue: Catalogue, lang: Lang) -> list[DataLayer]:
    """Events (their places), journeys (their routes), places (their markers), regions (places
    that are areas), control areas, claims and treaty zones, treaty lines, fronts."""
    events = event_features(catalogue, lang)
    places = place_features(catalogue, lang)
    territories = territory_features(catalogue, lang)
    journeys = [f for f in events if f["properties"]["category"] == "journey"]
    regions = [f for f in places if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]
    layers = [
        ("events", "points", [_event_points(f) for f in events]),
        ("journeys", "line", journeys),
        ("places", "point", [_place_point(catalogue, f) for f in places]),
        ("regions", "area", regions),
        ("control_areas", "area", control_area_features(catalogue, lang)),
        ("claims_and_zones", "area", [f for f in territories if f["properties"]["kind"] != "line"]),
        ("lines", "line", [f for f in territories if f["properties"]["kind"] == "line"]),
        ("fronts", "line", derived_front_features(catalogue, lang) + front_features(catalogue, lang)),
    ]
    return [
        DataLayer(key, f"data_layer_{key}", kind, [_of_type(f, GEOMETRY_TYPES[kind]) for f in features])
        for key, kind, features in layers
    ]


def _event_points(feature: Feature) -> Feature:
    """A journey's route becomes the points of its stages here; the route is in `journeys`."""
    geometry = feature["geometry"]
    if geometry["type"] == "LineString":
        return {**feature, "geometry": {"type": "MultiPoint", "coordinates": geometry["coordinates"]}}
    return feature


def _place_point(catalogue: Catalogue, feature: Feature) -> Feature:
    """Every place as its marker's point; a region's area is in `regions`."""
    if feature["geometry"]["type"] == "Point":
        return feature
    point = catalogue.gazetteer.point(catalogue.places[feature["id"]])
    return {**feature, "geometry": {"type": "Point", "coordinates": [round(point.x, 4), round(point.y, 4)]}}


def _of_type(feature: Feature, wanted: str) -> Feature:
    """The feature with its geometry as `wanted`, a single part promoted to a multi-part one."""
    geometry = feature["geometry"]
    multi, single = wanted, wanted.removeprefix("Multi")
    if multi == single:  # a single-part layer takes nothing else
        found = json.loads(geometry)["type"] if isinstance(geometry, RawGeometry) else geometry["type"]
        if found != wanted:
            raise ValueError(f"{feature['id']}: {found} in a layer of {wanted}")
        return feature
    if isinstance(geometry, RawGeometry):
        prefix = f'{{"type":"{single}","coordinates":'
        if geometry.startswith(prefix):
            coordinates = geometry[len(prefix) : -1]
            geometry = RawGeometry(f'{{"type":"{multi}","coordinates":[{coordinates}]}}')
        elif not geometry.startswith(f'{{"type":"{multi}",'):
            raise ValueError(f"{feature['id']}: {json.loads(geometry)['type']} in a layer of {multi}")
        return {**feature, "geometry": geometry}
    kind: str = geometry["type"]
    if kind == single:
        promoted: dict[str, Any] = {"type": multi, "coordinates": [geometry["coordinates"]]}
        return {**feature, "geometry": promoted}
    if kind != multi:
        raise ValueError(f"{feature['id']}: {kind} in a layer of {multi}")
    return feature
