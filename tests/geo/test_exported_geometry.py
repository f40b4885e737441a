"""Areas as GIS tools take them: polygons only, no slivers, wound as RFC 7946 says."""

from __future__ import annotations

import shapely
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Polygon, box

from mmatlas.render.exported_geometry import clean_area, clean_line, exported

# At 39° N: 0.1° is about 8.6 km east-west and 11.1 km north-south.
LAND = box(30.0, 39.0, 30.1, 39.1)


def test_a_cut_area_loses_its_slivers_and_lines_and_stays_polygonal() -> None:
    sliver = Polygon([(30.2, 39.0), (30.4, 39.0), (30.4, 39.0002), (30.2, 39.0001)])  # 17 km long, ~15 m wide
    crumb = box(30.5, 39.5, 30.5005, 39.5005)  # 0.002 km²
    cut = GeometryCollection([LAND, sliver, crumb, LineString([(30, 39), (31, 40)])])
    cleaned = clean_area(cut)
    assert cleaned.geom_type == "Polygon"
    assert cleaned.equals(shapely.set_precision(LAND, 1e-4))


def test_a_real_islet_is_kept() -> None:
    islet = box(26.0, 38.0, 26.004, 38.003)  # about 0.12 km², 350 m across
    assert clean_area(MultiPolygon([LAND, islet])).geom_type == "MultiPolygon"


def test_exteriors_counter_clockwise_and_holes_clockwise() -> None:
    hole = box(30.03, 39.03, 30.06, 39.06)
    clockwise = Polygon(LAND.exterior.coords[::-1], [hole.exterior.coords])  # both the wrong way
    assert not clockwise.exterior.is_ccw and clockwise.interiors[0].is_ccw
    cleaned = clean_area(clockwise)
    assert isinstance(cleaned, Polygon)
    assert cleaned.exterior.is_ccw and not cleaned.interiors[0].is_ccw


def test_a_sliver_hole_is_filled_and_a_real_one_kept() -> None:
    pinhole = box(30.05, 39.05, 30.0502, 39.0502)
    lake = box(30.02, 39.02, 30.04, 39.04)
    cleaned = clean_area(Polygon(LAND.exterior.coords, [pinhole.exterior.coords, lake.exterior.coords]))
    assert isinstance(cleaned, Polygon) and len(cleaned.interiors) == 1


def test_an_area_with_nothing_left_is_an_empty_multipolygon() -> None:
    assert clean_area(LineString([(30, 39), (31, 40)])).wkt == "MULTIPOLYGON EMPTY"


def test_lines_keep_their_parts_on_the_grid() -> None:
    line = clean_line(GeometryCollection([LineString([(30.00001, 39.00001), (31.000049, 40.0)]), LAND]))
    assert line.wkt == "LINESTRING (30 39, 31 40)"
    assert exported(LineString(LAND.exterior.coords)).geom_type == "LineString"
