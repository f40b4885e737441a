"""Geometry as GIS tools expect it in every file that carries it: areas only Polygon or
MultiPolygon (no GeometryCollection, no two-point slivers left from cutting and rounding),
exteriors counter-clockwise and holes clockwise (RFC 7946 §3.1.6), coordinates on a 0.0001° grid.
"""

from __future__ import annotations

import math
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

# Coordinates kept to 4 decimals: about 10 m, far finer than any shape here is known.
GRID_DEGREES = 1e-4
# A polygon part (or hole) smaller than this, or narrower on average than MIN_WIDTH_KM, is a
# sliver from cutting cells and rounding, not land anyone holds: the smallest islet the 1:10 m
# land layer carries is about 0.08 km².
MIN_PART_KM2 = 0.02
MIN_WIDTH_KM = 0.05
_KM_PER_DEGREE = 111.32


def clean_area(shape: BaseGeometry) -> Polygon | MultiPolygon:
    """The polygon parts of a shape, valid, on the grid, slivers dropped, wound as RFC 7946 says.

    An area with nothing left is an empty MultiPolygon, never a GeometryCollection."""
    snapped = shapely.set_precision(shapely.make_valid(shape), GRID_DEGREES)
    parts = [_without_small_holes(p) for p in _polygons(snapped) if _is_land(p)]
    if not parts:
        return MultiPolygon()
    merged = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    oriented: Polygon | MultiPolygon = shapely.orient_polygons(merged)
    return oriented


def clean_line(shape: BaseGeometry) -> LineString | MultiLineString:
    """The line parts of a shape on the grid, parts shorter than one grid step dropped."""
    snapped = shapely.set_precision(shape, GRID_DEGREES)
    lines = [line for line in _lines(snapped) if line.length >= GRID_DEGREES]
    if len(lines) == 1:
        return lines[0]
    return MultiLineString(lines)


def _polygons(shape: BaseGeometry) -> list[Polygon]:
    if isinstance(shape, Polygon):
        return [] if shape.is_empty else [shape]
    return [p for part in getattr(shape, "geoms", ()) for p in _polygons(part)]


def _lines(shape: BaseGeometry) -> list[LineString]:
    if isinstance(shape, LineString):
        return [] if shape.is_empty else [shape]
    return [line for part in getattr(shape, "geoms", ()) for line in _lines(part)]


def _is_land(polygon: Polygon) -> bool:
    """Large enough and wide enough: for a thin strip, twice the area over the perimeter is its
    width; for any real shape it is far more than MIN_WIDTH_KM."""
    km2 = _area_km2(polygon)
    width_km = 2 * km2 / max(_length_km(polygon), 1e-12)
    return km2 >= MIN_PART_KM2 and width_km >= MIN_WIDTH_KM


def _without_small_holes(polygon: Polygon) -> Polygon:
    holes = [ring for ring in polygon.interiors if _is_land(Polygon(ring))]
    if len(holes) == len(polygon.interiors):
        return polygon
    return Polygon(polygon.exterior, holes)


def _scale(polygon: Polygon) -> tuple[float, float]:
    """Kilometres per degree of longitude and latitude at the polygon's latitude."""
    latitude = polygon.centroid.y if not polygon.is_empty else 0.0
    return _KM_PER_DEGREE * math.cos(math.radians(latitude)), _KM_PER_DEGREE


def _area_km2(polygon: Polygon) -> float:
    kx, ky = _scale(polygon)
    return float(polygon.area) * kx * ky


def _length_km(polygon: Polygon) -> float:
    """The exterior's length, with degrees of longitude shortened to the latitude's."""
    kx, ky = _scale(polygon)
    scaled = shapely.transform(polygon.exterior, lambda xy: xy * [kx, ky])
    return float(scaled.length)


def exported(shape: BaseGeometry) -> BaseGeometry:
    """Areas and lines cleaned as above; points (and collections of them) on the grid."""
    dimension = shapely.get_dimensions(shape)
    if dimension == 2:
        return clean_area(shape)
    if dimension == 1:
        return clean_line(shape)
    snapped: BaseGeometry = shapely.set_precision(shape, GRID_DEGREES)
    return snapped


def rounded_coordinates(value: Any, digits: int = 4) -> Any:
    """Every float of a GeoJSON mapping rounded (4 digits: about 10 m)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list | tuple):
        return [rounded_coordinates(v, digits) for v in value]
    if isinstance(value, dict):
        return {k: rounded_coordinates(v, digits) for k, v in value.items()}
    return value
