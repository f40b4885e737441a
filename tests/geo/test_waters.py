"""The base map's rivers and lakes: named only where they pass by the town that names them."""

from __future__ import annotations

from shapely.geometry import Point, shape

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.render.waters import ANCHOR_DEG, NAMED_WATERS, water_labels, waters_geojson


def test_each_named_water_is_found_beside_its_bank_town_and_named_in_each_language(
    catalogue: Catalogue,
) -> None:
    turkish, english = water_labels(catalogue.gazetteer, "tr"), water_labels(catalogue.gazetteer, "en")
    assert [w["name"] for w in turkish] == [w.tr for w in NAMED_WATERS]
    assert [w["name"] for w in english] == [w.en for w in NAMED_WATERS]
    drawn = [(f["properties"]["kind"], shape(f["geometry"])) for f in waters_geojson()["features"]]
    for label in turkish:
        at = Point(label["lon"], label["lat"])
        # The name is written on the water itself, not somewhere near it.
        assert any(kind == label["kind"] and geometry.distance(at) < 1e-3 for kind, geometry in drawn)


def test_the_sakarya_is_drawn_where_the_battle_was_fought(catalogue: Catalogue) -> None:
    """Its stretch at Beylikköprü lies between two tributaries: short, but part of a long river."""
    bridge = catalogue.gazetteer.point(catalogue.gazetteer.resolve("Beylikköprü"))
    features = waters_geojson()["features"]
    rivers = [shape(f["geometry"]) for f in features if f["properties"]["kind"] == "river"]
    assert min(river.distance(bridge) for river in rivers) < ANCHOR_DEG / 2
