"""Schematic geometry built from named anchor points, never drawn free-hand.

An anchor is a place (its name or id in the gazetteer) or an explicit `[lon, lat]` pair.
Lines and rings join anchors in order; `buffer_km` widens a point or a line into an area.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import shapely
from pydantic import BeforeValidator, Field, StringConstraints, model_validator
from shapely import set_precision
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from mmatlas.core.records import Record

if TYPE_CHECKING:
    from pyproj import Transformer

LonLat = tuple[float, float]
# What the atlas can show (its panning limits): a point outside is a slip, most often latitude
# and longitude swapped, as map sites give them ("37.30, 34.85").
EXTENT_LON, EXTENT_LAT = (-20.0, 70.0), (20.0, 64.0)


def _inside(lon: float, lat: float) -> bool:
    return EXTENT_LON[0] <= lon <= EXTENT_LON[1] and EXTENT_LAT[0] <= lat <= EXTENT_LAT[1]


def read_lon_lat(value: Any) -> Any:
    """`[lon, lat]` or `{lat: …, lon: …}` as a (lon, lat) pair inside the map; a clear error for
    a pair outside it, with the swapped pair suggested where that one is inside."""
    if isinstance(value, dict) and set(value) == {"lat", "lon"}:
        value = (value["lon"], value["lat"])
    if not isinstance(value, list | tuple) or len(value) != 2:
        return value  # the type's own error: expected a [longitude, latitude] pair
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return value
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"expected two finite numbers [longitude, latitude]; found [{value[0]}, {value[1]}]")
    if _inside(lon, lat):
        return (lon, lat)
    if _inside(lat, lon):
        raise ValueError(
            f"[{value[0]}, {value[1]}] is outside the map; did you mean [lon, lat] = "
            f"[{value[1]}, {value[0]}]? Longitude comes first (map sites give latitude first), "
            "or write {lat: …, lon: …}"
        )
    raise ValueError(
        f"[{value[0]}, {value[1]}] is outside the map, which covers longitudes {EXTENT_LON[0]:g} to "
        f"{EXTENT_LON[1]:g} and latitudes {EXTENT_LAT[0]:g} to {EXTENT_LAT[1]:g}; write [longitude, latitude]"
    )


MapPoint = Annotated[LonLat, BeforeValidator(read_lon_lat)]


def _anchor(value: Any) -> Any:
    return value if isinstance(value, str) else read_lon_lat(value)


Anchor = Annotated[str | LonLat, BeforeValidator(_anchor)]
# Coordinates are kept to 4 decimals (about 10 m): far below any schematic precision here,
# and it keeps exports byte-stable.
PRECISION_DEG = 1e-4


class GeometrySpec(Record):
    """Exactly one of point, line, polygon, polygons, outline_of, border; optionally widened by
    buffer_km.

    `outline_of` names a region of the gazetteer (e.g. Anadolu) whose outline is reused, so one
    outline serves every record drawn on it. `border` lists pairs of today's countries (ISO
    codes, e.g. [[TR, GE], [TR, AM]]) whose shared border a line follows: a treaty line that
    is still today's border is drawn on it, not redrawn through towns.
    """

    point: Anchor | None = None
    line: Annotated[list[Anchor], Field(min_length=2)] | None = None
    polygon: Annotated[list[Anchor], Field(min_length=3)] | None = None
    polygons: Annotated[list[Annotated[list[Anchor], Field(min_length=3)]], Field(min_length=1)] | None = None
    outline_of: str | None = None
    border: (
        Annotated[
            list[
                Annotated[
                    list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]],
                    Field(min_length=2, max_length=2),
                ]
            ],
            Field(min_length=1),
        ]
        | None
    ) = None
    buffer_km: Annotated[float, Field(gt=0, le=500)] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> GeometrySpec:
        kinds = ("point", "line", "polygon", "polygons", "outline_of", "border")
        given = [k for k in kinds if getattr(self, k) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"expected exactly one of {', '.join(kinds)}; found {found}")
        return self

    def anchors(self) -> list[tuple[tuple[str | int, ...], Anchor]]:
        """Every anchor with its path inside the spec, for resolving and error messages."""
        found: list[tuple[tuple[str | int, ...], Anchor]] = []
        if self.point is not None:
            found.append((("point",), self.point))
        for key in ("line", "polygon"):
            for i, anchor in enumerate(getattr(self, key) or []):
                found.append(((key, i), anchor))
        for r, ring in enumerate(self.polygons or []):
            for i, anchor in enumerate(ring):
                found.append((("polygons", r, i), anchor))
        return found


def build(
    spec: GeometrySpec,
    locate: Callable[[Anchor], LonLat],
    outline: Callable[[str], BaseGeometry] | None = None,
    border: Callable[[list[list[str]]], BaseGeometry] | None = None,
) -> BaseGeometry:
    """Turn a spec into a valid shapely geometry in lon/lat, anchors resolved by `locate`."""
    shape: BaseGeometry
    if spec.border is not None:
        if border is None:
            raise ValueError("border needs today's country outlines")
        shape = border(spec.border)
    elif spec.outline_of is not None:
        if outline is None:
            raise ValueError("outline_of needs the gazetteer's regions")
        shape = outline(spec.outline_of)
    elif spec.point is not None:
        shape = Point(locate(spec.point))
    elif spec.line is not None:
        shape = LineString([locate(a) for a in spec.line])
    elif spec.polygon is not None:
        shape = Polygon([locate(a) for a in spec.polygon])
    else:
        shape = MultiPolygon([Polygon([locate(a) for a in ring]) for ring in spec.polygons or []])
    if spec.buffer_km is not None:
        shape = buffer_km(shape, spec.buffer_km)
    # Invalid shapes (a ring crossing itself) are returned as they are for the caller to
    # report: repairing them silently would draw an outline no source describes.
    return set_precision(shape, PRECISION_DEG) if shape.is_valid else shape


def buffer_km(shape: BaseGeometry, km: float) -> BaseGeometry:
    """Widen by a distance in kilometres, measured in an equal-area projection of the theatre."""
    forward, back = theatre_projection()
    projected = shapely.transform(shape, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    widened = projected.buffer(km * 1000, quad_segs=16)
    return shapely.transform(widened, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


@lru_cache(maxsize=1)
def theatre_projection() -> tuple[Transformer, Transformer]:
    from pyproj import Transformer  # imported when first needed: cached cells never need it

    # Lambert azimuthal equal-area centred on Anatolia: distances within the theatre
    # (Thrace to the Caucasus) stay within about 1 % of true.
    laea = "+proj=laea +lat_0=39 +lon_0=35 +datum=WGS84 +units=m"
    return (
        Transformer.from_crs("EPSG:4326", laea, always_xy=True),
        Transformer.from_crs(laea, "EPSG:4326", always_xy=True),
    )


def union(shapes: Sequence[BaseGeometry]) -> BaseGeometry:
    return set_precision(unary_union(list(shapes)), PRECISION_DEG)
