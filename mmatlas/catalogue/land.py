"""The tile-free base layer: Natural Earth land, clipped to the theatre (see geo/data/README.md)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import shapely
from shapely import set_precision
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from mmatlas.core.geometry import PRECISION_DEG, union
from mmatlas.core.paths import GEO

LAND = GEO / "data" / "land.geojson"


@cache
def land_geojson() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LAND.read_text(encoding="utf-8"))
    return data


# The coast a clipped area follows is simplified to about 1 km: far finer than any outline's
# stated precision (10 km and more), and it keeps the page small.
COAST_TOLERANCE_DEG = 0.01


@cache
def land_shape() -> BaseGeometry:
    """The land as one shapely geometry, for clipping drawn areas to the coast."""
    features = land_geojson()["features"]
    if len(features) == 1:  # scripts/make_land.py writes one feature, already on the 0.001° grid
        return shape(features[0]["geometry"])
    return union([shape(f["geometry"]) for f in features])


def clip_to_land(area: BaseGeometry) -> BaseGeometry:
    """The part of an area on land: outlines joined through coastal towns cut across bays and
    straits, and a zone 'of Anatolia' should not be coloured over the sea. An area wholly at sea
    (an anchorage) is left as it is."""
    # The land near the area first (a cheap cut by its bounding box), then the exact overlay.
    near = shapely.clip_by_rect(land_shape(), *area.buffer(0.1).bounds)
    clipped = area.intersection(near).simplify(COAST_TOLERANCE_DEG, preserve_topology=True)
    clipped = set_precision(clipped, PRECISION_DEG)
    return area if clipped.is_empty else clipped
