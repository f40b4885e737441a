"""The data files as GIS users open them: GeoJSON that GDAL and QGIS read as one layer each, a
GeoPackage that a real QGIS draws styled and dated, and pages a strict HTML parser accepts."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import html5lib
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Polygon, shape

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import THEATRES
from mmatlas.core.holders import HOLDERS
from mmatlas.state.day import map_on
from mmatlas.state.where import where

LAYERS = ("events", "journeys", "places", "regions", "control_areas", "claims_and_zones", "lines", "fronts")
UNDATED = ("places", "regions")
AREAS = ("regions", "control_areas", "claims_and_zones")
QGIS_SCRIPT = Path(__file__).parent / "qgis" / "count_active.py"
SYSTEM_PYTHON = "/usr/bin/python3"
# Before Kars was retaken, and the ledger's last day (the map QGIS showed empty with `end`).
DAYS = (dt.date(1920, 9, 1), dt.date(1923, 10, 29))
TOWNS = ("Kars", "İzmir", "Adana", "Batum", "Edirne", "Ankara", "İstanbul", "Antep")


def _geojson(built: Path, key: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built / "data" / f"{key}.geojson").read_text(encoding="utf-8"))
    return data


def _polygons(geometry: Any) -> list[Polygon]:
    return [p for p in getattr(geometry, "geoms", [geometry]) if isinstance(p, Polygon)]


def _project(transformer: Transformer, xy: np.ndarray) -> np.ndarray:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _tool(name: str, package: str) -> str:
    """A system tool the test needs: skipped where it is missing, never in CI."""
    found = shutil.which(name) if not name.startswith("/") else (name if Path(name).exists() else None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing in CI: .ci/run must install Debian's {package}")
        pytest.skip(f"{name} is not installed (Debian's {package})")
    return found


def test_every_geojson_holds_one_geometry_type_wound_as_rfc_7946_says(built: Path) -> None:
    for key in LAYERS:
        data = _geojson(built, key)
        kinds = {f["geometry"]["type"] for f in data["features"]}
        assert len(kinds) == 1 and "GeometryCollection" not in kinds, (key, kinds)
        for feature in data["features"]:
            geometry = shape(feature["geometry"])
            assert geometry.is_valid, (key, feature["id"])
            for polygon in _polygons(geometry):
                assert polygon.exterior.is_ccw, (key, feature["id"], "exterior clockwise")
                assert not any(ring.is_ccw for ring in polygon.interiors), (key, feature["id"], "hole")


def test_areas_have_no_slivers(built: Path) -> None:
    """Every polygon part and hole is land someone holds: at least 0.02 km², and on average
    wider than 50 m (twice its area over its perimeter), measured in an equal-area projection."""
    to_metres = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=39 +lon_0=35", always_xy=True)
    smallest = float("inf")
    for key in AREAS:
        for feature in _geojson(built, key)["features"]:
            for polygon in _polygons(shape(feature["geometry"])):
                for ring in (polygon.exterior, *polygon.interiors):
                    part = shapely.transform(Polygon(ring), lambda xy: _project(to_metres, xy))
                    smallest = min(smallest, part.area)
                    assert part.area >= 0.02e6, (key, feature["id"], part.area)
                    assert 2 * part.area / part.length >= 50, (key, feature["id"])
    assert smallest < 0.2e6  # the islets are kept: the test measures real small parts


def test_lines_and_areas_never_share_a_file(built: Path) -> None:
    expected = {
        "events": "MultiPoint",
        "places": "Point",
        "journeys": "MultiLineString",
        "lines": "MultiLineString",
    }
    expected |= {"fronts": "MultiLineString"} | dict.fromkeys(AREAS, "MultiPolygon")
    for key in LAYERS:
        assert {f["geometry"]["type"] for f in _geojson(built, key)["features"]} == {expected[key]}, key


def test_areas_convert_to_a_shapefile_with_ogr2ogr(built: Path, tmp_path: Path) -> None:
    """What stopped after 10 features on the slivers: every area reaches the Shapefile."""
    ogr2ogr = _tool("ogr2ogr", "gdal-bin")
    for key in AREAS:
        target = tmp_path / f"{key}.shp"
        source = built / "data" / f"{key}.geojson"
        run = subprocess.run(
            [ogr2ogr, "-f", "ESRI Shapefile", "-nlt", "MULTIPOLYGON", str(target), str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert "geometry" not in run.stderr.lower(), run.stderr
        assert pyogrio.read_info(target)["features"] == len(_geojson(built, key)["features"])
    # From the GeoPackage, whose lists are text, nothing is lost: no field refused.
    target = tmp_path / "from_gpkg.shp"
    command = [ogr2ogr, "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", str(target)]
    run = subprocess.run(
        [*command, str(built / "data" / "atlas.gpkg"), "control_areas"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and "ERROR" not in run.stderr, run.stderr
    table = pyogrio.read_dataframe(target)
    assert (
        len(table) == len(_geojson(built, "control_areas")["features"])
        and table["sources"].str.len().min() > 0
    )


def test_end_exclusive_is_the_day_after_end_everywhere(built: Path) -> None:
    checked = 0
    for key in LAYERS:
        for feature in _geojson(built, key)["features"]:
            properties = feature["properties"]
            dated = [properties, *properties.get("date_variants", [])]
            if key in UNDATED:
                assert "end" not in properties
                continue
            for item in dated:
                end = dt.date.fromisoformat(item["end"])
                assert item["end_exclusive"] == (end + dt.timedelta(days=1)).isoformat(), (key, feature["id"])
                checked += 1
    assert checked > 700
    with sqlite3.connect(built / "data" / "atlas.gpkg") as database:
        for key in LAYERS:
            if key in UNDATED:
                continue
            rows = database.execute(f'SELECT "end", end_exclusive FROM "{key}"').fetchall()
            assert rows and all(
                dt.date.fromisoformat(last) + dt.timedelta(days=1) == dt.date.fromisoformat(after)
                for last, after in rows
            ), key


def test_the_geopackage_has_each_layer_with_its_default_style(built: Path) -> None:
    path = built / "data" / "atlas.gpkg"
    found = {str(name): kind for name, kind in pyogrio.list_layers(path)}
    assert set(found) == {*LAYERS, "layer_styles"}
    for key in LAYERS:
        info = pyogrio.read_info(path, layer=key)
        assert info["features"] == len(_geojson(built, key)["features"]), key
        assert info["crs"] == "EPSG:4326"
        assert found[key] == _geojson(built, key)["features"][0]["geometry"]["type"]
        if key not in UNDATED:
            assert {"start", "end", "end_exclusive"} <= set(info["fields"])
            assert info["dtypes"][list(info["fields"]).index("start")] == "datetime64[D]"  # a DATE column
    with sqlite3.connect(path) as database:
        styles = dict(
            database.execute(
                "SELECT f_table_name, styleQML FROM layer_styles"
                " WHERE useAsDefault AND f_geometry_column = 'geom'"
            ).fetchall()
        )
    assert set(styles) == set(LAYERS)
    for key, qml in styles.items():
        root = ET.fromstring(qml.split("\n", 1)[1])
        temporal = root.find("temporal")
        if key in UNDATED:
            assert temporal is None, key
        else:
            assert temporal is not None and temporal.get("enabled") == "1", key
            assert (temporal.get("startField"), temporal.get("endField")) == ("start", "end_exclusive")
    control = ET.fromstring(styles["control_areas"].split("\n", 1)[1])
    colours = {c.get("value"): c.get("symbol") for c in control.iter("category")}
    armenia = control.find(f"renderer-v2/symbols/symbol[@name='{colours['armenia']}']/layer/prop[@k='color']")
    red, green, blue = (int(HOLDERS["armenia"].colour[i : i + 2], 16) for i in (1, 3, 5))
    assert armenia is not None and armenia.get("v", "").startswith(f"{red},{green},{blue},")


def test_every_page_is_strict_html5(built: Path) -> None:
    """folium's template put one <script> after </body>; strict parsers refuse that."""
    pages = sorted(built.glob("*.html"))
    assert len(pages) == 7
    for page in pages:
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(page.read_text(encoding="utf-8"))
        assert not parser.errors, (page.name, parser.errors[:3])


def _expected_on(catalogue: Catalogue, day: dt.date) -> dict[str, int]:
    """What the atlas's own state says is in force on `day`, layer by layer."""
    state = map_on(catalogue, day)
    derived_fronts = sum(1 for theatre in THEATRES if state.front_edges(theatre))
    return {
        "events": len(state.events),
        "journeys": sum(1 for e in state.events if e.category == "journey"),
        "places": len(catalogue.places),
        "control_areas": len(state.areas()),
        "claims_and_zones": sum(1 for t in state.territories if t.kind != "line"),
        "lines": sum(1 for t in state.territories if t.kind == "line"),
        "fronts": len(state.fronts) + derived_fronts,
    }


@pytest.fixture(scope="module")
def qgis_report(built: Path, catalogue: Catalogue) -> dict[str, Any]:
    """The GeoPackage opened in a real QGIS (Debian's python3-qgis), headless."""
    python = _tool(SYSTEM_PYTHON, "python3")
    probe = subprocess.run([python, "-c", "import qgis.core"], capture_output=True, check=False)
    if probe.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("QGIS is missing in CI: .ci/run must install Debian's python3-qgis")
        pytest.skip("QGIS's Python bindings are not installed (Debian's python3-qgis)")
    points = [catalogue.gazetteer.point(catalogue.gazetteer.resolve(town)) for town in TOWNS]
    run = subprocess.run(
        [
            python,
            str(QGIS_SCRIPT),
            str(built / "data" / "atlas.gpkg"),
            *(d.isoformat() for d in DAYS),
            *(f"{p.x},{p.y}" for p in points),
            *(str(built / "data" / f"{key}.geojson") for key in LAYERS),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return report


def test_qgis_draws_the_geopackage_styled(qgis_report: dict[str, Any]) -> None:
    layers = qgis_report["layers"]
    assert set(layers) == set(LAYERS)
    for key, layer in layers.items():
        assert layer["valid"] and layer["crs"] == "EPSG:4326", key
    assert layers["control_areas"]["renderer"] == "categorizedSymbol"
    assert layers["control_areas"]["categories"]["ankara"] == HOLDERS["ankara"].colour
    assert layers["events"]["renderer"] == "categorizedSymbol"
    assert layers["places"]["labels"] is True


def test_qgis_opens_each_geojson_as_one_layer(qgis_report: dict[str, Any], built: Path) -> None:
    """QGIS split the old mixed files into sub-layers (Polygon, LineString, GeometryCollection)."""
    for key in LAYERS:
        features = len(_geojson(built, key)["features"])
        found = qgis_report["sublayers"][f"{key}.geojson"]
        assert len(found) == 1 and found[0][1] == features, (key, found)


def test_qgis_shows_on_each_day_what_where_says(qgis_report: dict[str, Any], catalogue: Catalogue) -> None:
    """With QGIS's default temporal settings (the end excluded), every layer shows on a day what
    the atlas's own state has in force, the last day of the ledger included."""
    layers = qgis_report["layers"]
    for day in DAYS:
        expected = _expected_on(catalogue, day)
        shown = {key: layers[key]["active"][day.isoformat()] for key in expected}
        assert shown == expected, day
        assert shown["control_areas"] > 0
        for town in TOWNS:
            place = catalogue.gazetteer.resolve(town)
            point = catalogue.gazetteer.point(place)
            answer = where(catalogue, place, day)
            held = layers["control_areas"]["holders_at"][day.isoformat()][f"{point.x},{point.y}"]
            assert held == ([answer.holder] if answer.holder else []), (town, day)
    for key in LAYERS:
        temporal = layers[key]["temporal"]
        assert temporal is (key not in UNDATED), key
        if temporal:
            assert (layers[key]["end_field"], layers[key]["limit_mode"]) == ("end_exclusive", 0)
